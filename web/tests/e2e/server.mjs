// Starts what the browser tests run against: a real `jixu serve` on a free port with a fresh
// temporary SQLite database holding demo data and one user per role (default), or the mock
// API (JIXU_E2E_MOCK=1). Returns { url, users, serial, stop }.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { nextCode } from "./totp.mjs";

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
    admin: { username: "e2e-admin", args: ["--role", "admin"] },
    // The separated administrators (issue 15): made at the console, with a second factor.
    security: { username: "e2e-security", args: ["--role", "security_admin"] },
    auditor: { username: "e2e-auditor", args: ["--role", "audit_admin"] }
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
  const security = await secondFactorPolicy(url, users.security.username);
  return {
    url, serial, password: PASSWORD, security,
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

/**
 * The e2e accounts are made with `jixu user add`, so by the level-3 default every administrator
 * and authority among them would enrol in a second factor first. The security administrator
 * enrols (through the API, as an authenticator app would) and keeps the second factor for the
 * separated administrators only, so the other flows sign in with the password as before; the
 * second-factor flows (accounts.mjs) use the security and audit administrators. Returns the
 * security administrator's secret.
 */
async function secondFactorPolicy(url, username) {
  const call = async (path, token, method = "POST", body = {}) => {
    const res = await fetch(`${url}api/v1${path}`, { method, body: method === "GET" ? undefined : JSON.stringify(body),
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const { token } = await call("/auth/login", null, "POST", { username, password: PASSWORD });
  const { secret } = await call("/auth/totp/enrol", token);
  await call("/auth/totp/confirm", token, "POST", { code: await nextCode(secret) });
  const policy = await call("/security/policy", token, "GET");
  await call("/security/policy", token, "PUT", { ...policy, second_factor_roles: ["security_admin", "audit_admin"] });
  await call("/auth/logout", token);
  return { username, secret };
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
