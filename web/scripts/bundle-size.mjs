#!/usr/bin/env node
// Reports the gzipped JavaScript the first page loads — the entry chunk, the login route's chunk
// and everything they import statically (from Vite's manifest) — and fails above the 200 KB budget (issue 10).
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const BUDGET = 200 * 1024; // issue 10: first load under 200 KB compressed
const FIRST_PAGE = "src/views/public/login/index.vue";
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function closure(keys, seen = new Set()) {
  for (const k of keys) {
    const m = manifest[k];
    if (!m || seen.has(m.file)) continue;
    seen.add(m.file);
    closure(m.imports ?? [], seen);
  }
  return seen;
}
const entry = Object.keys(manifest).filter((k) => manifest[k].isEntry);
const files = closure([...entry, FIRST_PAGE]);
let first = 0;
for (const f of files) if (f.endsWith(".js")) first += gz(f);
let all = 0;
const chunks = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
for (const f of chunks) all += gz(`assets/${f}`);
console.log(`first page (entry + login route): ${kb(first)} gzipped JS in ${[...files].filter((f) => f.endsWith(".js")).length} files`);
console.log(`all ${chunks.length} JS chunks together: ${kb(all)} gzipped`);
if (first > BUDGET) {
  console.error(`first-page JS ${kb(first)} exceeds the ${kb(BUDGET)} budget`);
  process.exit(1);
}
