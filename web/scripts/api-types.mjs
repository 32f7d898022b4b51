#!/usr/bin/env node
// The web UI's API types, generated from the server's OpenAPI document (docs/api.md#openapi):
// `jixu openapi` prints the document, openapi-typescript turns it into src/api/schema.d.ts.
//
//   node scripts/api-types.mjs [--check] [JIXU_BINARY]     (npm run api-types / api-types:check)
//
// JIXU_BINARY defaults to ../build/jixu (or $JIXU_BINARY). --check writes nothing and exits 1
// when schema.d.ts differs from what the document generates: `make test` runs it, so a handler
// change without regenerated types fails.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src/api/schema.d.ts");

const HEADER = `/**
 * Generated from the jixu OpenAPI document by web/scripts/api-types.mjs (openapi-typescript).
 * Do not edit: change the operations in src/http/openapi/ and run \`npm run api-types\`.
 */

`;

/** The document `jixu openapi` prints, as TypeScript. */
export async function generate(binary) {
  const doc = JSON.parse(execFileSync(binary, ["openapi"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  const ast = await openapiTS(doc, { alphabetize: false });
  return HEADER + astToString(ast);
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const positional = args.filter((a) => !a.startsWith("--"));
  const binary = resolve(positional[0] ?? process.env.JIXU_BINARY ?? join(root, "../build/jixu"));
  if (!existsSync(binary)) {
    console.error(`api-types: ${binary} not found; build jixu first (cmake --build build --target jixu)`);
    process.exit(2);
  }
  const text = await generate(binary);
  if (check) {
    const current = existsSync(target) ? readFileSync(target, "utf8") : "";
    if (current !== text) {
      console.error("api-types: web/src/api/schema.d.ts is out of date with the OpenAPI document;\n" +
                    "  run `cd web && npm run api-types` and commit the result");
      process.exit(1);
    }
    console.log("api-types: web/src/api/schema.d.ts is up to date");
    return;
  }
  writeFileSync(target, text);
  console.log(`api-types: wrote ${target}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
