#!/usr/bin/env node
// Build-time locale check: zh-CN and en must have exactly the same keys, and every key the source
// uses — t("a.b"), $t('a.b'), meta title "menu.x", and template keys like t(`form.${f}`) whose
// prefix must exist — must be defined. Exit 1 with the list otherwise. Also used by Vitest.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function flatten(obj, prefix = "", out = new Map()) {
  for (const [k, v] of Object.entries(obj ?? {})) {
    // vue-i18n splits paths on dots, so a key with a dot in it could never be looked up.
    if (k.includes(".")) throw new Error(`locale key "${k}" under "${prefix}" contains a dot; nest it instead`);
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

function walk(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files);
    else if (/\.(vue|ts)$/.test(name)) files.push(p);
  }
  return files;
}

/** Keys used in the source: exact keys and dynamic prefixes (`form.${x}` → "form."). */
export function usedKeys(srcDir) {
  const exact = new Map();
  const prefixes = new Map();
  const call = /(?:\bt|\$t|i18n\.global\.t)\(\s*(["'`])([^"'`$]*)(\$\{)?/g;
  const meta = /\btitle:\s*"((?:menu|app)\.[\w.]+)"/g;
  const keyArgs = /(?:notifySuccess|confirmAction|promptReason)\(\s*"([\w.]+)"/g;
  for (const file of walk(srcDir)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(call)) {
      const [, , key, dyn] = m;
      if (!key) continue;
      if (dyn) prefixes.set(key, file);
      else if (/^[\w-]+(\.[\w-]+)+$/.test(key)) exact.set(key, file);
    }
    for (const m of text.matchAll(meta)) exact.set(m[1], file);
    for (const m of text.matchAll(keyArgs)) exact.set(m[1], file);
  }
  return { exact, prefixes };
}

export function checkLocales() {
  const zh = flatten(parse(readFileSync(join(root, "locales/zh-CN.yaml"), "utf8")));
  const en = flatten(parse(readFileSync(join(root, "locales/en.yaml"), "utf8")));
  const problems = [];
  for (const k of zh.keys()) if (!en.has(k)) problems.push(`en.yaml lacks ${k}`);
  for (const k of en.keys()) if (!zh.has(k)) problems.push(`zh-CN.yaml lacks ${k}`);
  for (const [k, v] of zh) if (typeof v !== "string" || v.trim() === "") problems.push(`zh-CN.yaml ${k} is empty`);
  for (const [k, v] of en) if (typeof v !== "string" || v.trim() === "") problems.push(`en.yaml ${k} is empty`);
  const { exact, prefixes } = usedKeys(join(root, "src"));
  // Any other string literal that starts with a locale section ("review.approved" in a ternary)
  // is taken as a key too.
  const sections = new Set([...zh.keys()].map((k) => k.split(".")[0]));
  for (const file of walk(join(root, "src"))) {
    let text = readFileSync(file, "utf8");
    // Only script code: in templates such literals are expressions (v-model="form.title").
    if (file.endsWith(".vue")) text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((x) => x[1]).join("\n");
    for (const m of text.matchAll(/["'`]([a-z][\w]*(?:\.[\w-]+)+)["'`]/g)) {
      if (sections.has(m[1].split(".")[0]) && !exact.has(m[1])) exact.set(m[1], file);
    }
  }
  for (const [k, file] of exact) if (!zh.has(k)) problems.push(`${file.slice(root.length + 1)} uses undefined key ${k}`);
  for (const [p, file] of prefixes) {
    if (![...zh.keys()].some((k) => k.startsWith(p))) problems.push(`${file.slice(root.length + 1)} uses undefined key prefix ${p}`);
  }
  return { problems, keys: zh.size, used: exact.size };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { problems, keys, used } = checkLocales();
  if (problems.length) {
    console.error(`locale check failed (${problems.length}):\n  ` + problems.join("\n  "));
    process.exit(1);
  }
  console.log(`locales: ${keys} keys in zh-CN and en, ${used} used keys all defined`);
}
