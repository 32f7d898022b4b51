// Starts what the browser tests run against: a real `jixu serve` on a free port with a fresh
// temporary SQLite database holding demo data and one user per role (default), or the mock
// API (JIXU_E2E_MOCK=1). Returns { url, users, serial, stop }.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const PASSWORD = "Jixu-e2e-Passw0rd";
const repo = resolve(new URL("../../..", import.meta.url).pathname);

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not answer ${url} within ${ms} ms`);
}

function run(jixu, db, args, input) {
  const r = spawnSync(jixu, ["--db", db, ...args], { cwd: repo, input, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`jixu ${args.join(" ")} exited ${r.status}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Whether this build of jixu has the `serve` command yet (the server lands in issue 4). */
export function hasServe(jixu) {
  if (!existsSync(jixu)) return false;
  const r = spawnSync(jixu, ["--help"], { encoding: "utf8" });
  return /^\s+serve\b/m.test(r.stdout + r.stderr);
}

function csvRows(file) {
  const [head, ...lines] = readFileSync(file, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  const cols = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

export async function startReal(buildDir) {
  const jixu = resolve(repo, buildDir, "jixu");
  const dir = mkdtempSync(join(tmpdir(), "jixu-e2e-"));
  const db = join(dir, "e2e.db");
  const seed = "7";
  run(jixu, db, ["demo", "--persons", "300", "--seed", seed]);
  run(jixu, db, ["demo", "--persons", "300", "--seed", seed, "--csv-dir", join(dir, "csv")]);
  // A person lies where their employer does (docs/architecture.md#a-persons-region); the CSV
  // files are the generator's, so the stored region is read from the employers file.
  const employerRegion = new Map(csvRows(join(dir, "csv", "employers.csv")).map((e) => [e.code, e.region_code]));
  const persons = csvRows(join(dir, "csv", "persons.csv")).map((p) => ({ ...p, region_code: employerRegion.get(p.employer_code) ?? p.region_code }));
  const providers = csvRows(join(dir, "csv", "providers.csv"));
  const person = persons[0];
  const employerCode = person.employer_code;
  const users = {
    person: { username: "e2e-person", args: ["--role", "person", "--person", person.id_number] },
    employer: { username: "e2e-employer", args: ["--role", "employer_admin", "--employer", employerCode] },
    provider: { username: "e2e-provider", args: ["--role", "provider_admin", "--provider", providers[0].code] },
    authority: { username: "e2e-authority", args: ["--role", "authority", "--region", person.region_code.slice(0, 2)] },
    city: { username: "e2e-city", args: ["--role", "authority", "--region", person.region_code.slice(0, 4)] },
    admin: { username: "e2e-admin", args: ["--role", "admin"] }
  };
  for (const u of Object.values(users)) run(jixu, db, ["user", "add", u.username, ...u.args], `${PASSWORD}\n`);
  let serial = null;
  try {
    const out = run(jixu, db, ["cert", "issue", "--person", person.id_number, "--year", String(new Date().getFullYear() - 1), "--out", join(dir, "cert.pdf")]);
    serial = (out.match(/[A-Z0-9][A-Z0-9-]{7,}/) ?? [null])[0];
  } catch (e) {
    console.warn(`note: no certificate issued (${e.message.split("\n")[0]})`);
  }
  const port = await freePort();
  // --no-reminders: the daily reminder run would add notices at some hours of the day and not at
  // others; the flows check notices they make themselves (notify.mjs).
  const proc = spawn(jixu, ["--db", db, "serve", "--port", String(port), "--web-root", join(repo, "web", "dist"), "--no-reminders"], {
    cwd: repo, stdio: ["ignore", "ignore", "pipe"]
  });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitFor(`${url}healthz`);
  } catch (e) {
    proc.kill("SIGTERM");
    throw new Error(`${e.message}\n${stderr.slice(-2000)}`);
  }
  return {
    url, serial, password: PASSWORD,
    // A few demo persons (full ID numbers, names, employers) for flows that type them in.
    persons: persons.slice(0, 5).map((p) => ({ id_number: p.id_number, name: p.name, employer_code: p.employer_code, region_code: p.region_code })),
    users: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.username])),
    stop: async () => {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export async function startMock() {
  const port = await freePort();
  const proc = spawn(process.execPath, [new URL("./mock-api.mjs", import.meta.url).pathname, String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(`${url}index.html`);
  return {
    url, serial: "JX-2025-0001-8F3K", password: "jixu-demo",
    users: { person: "zhangwei", employer: "hr", provider: "provider", authority: "authority", admin: "admin" },
    stop: async () => {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
    }
  };
}
