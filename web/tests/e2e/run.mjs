#!/usr/bin/env node
// Browser tests: Debian's Chromium driven by playwright-core (no downloaded browser) against a
// real `jixu serve` with demo data (tests/e2e/server.mjs). Each role signs in and does its main
// task end to end; every main page is screenshotted into web/test-artifacts/.
//   node tests/e2e/run.mjs [BUILD_DIR]        (JIXU_E2E_MOCK=1: against the mock API instead)
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { hasServe, startMock, startReal } from "./server.mjs";
import { registerDailyWork } from "./daily-work.mjs";
import { registerCertsFlows } from "./certs-flows.mjs";
import { registerPeople } from "./people.mjs";
import { registerMarket } from "./market.mjs";
import { registerNotify } from "./notify.mjs";
import { registerAccounts } from "./accounts.mjs";

const web = resolve(new URL("../..", import.meta.url).pathname);
const artifacts = join(web, "test-artifacts");
mkdirSync(artifacts, { recursive: true });
const buildDir = process.argv[2] ?? "build";
const mock = process.env.JIXU_E2E_MOCK === "1";

if (!mock && !hasServe(resolve(web, "..", buildDir, "jixu"))) {
  console.log(`browser tests SKIPPED: ${buildDir}/jixu has no 'serve' command yet`);
  process.exit(0);
}

const env = mock ? await startMock() : await startReal(buildDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"]
});
const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const pages = new Set(); // open pages, screenshotted on failure
const shared = { declaredTitle: `学术会议：全国临床检验年会 ${Date.now() % 100000}`, declaredHours: 6, countedBefore: 0 };

async function newPage(viewport = { width: 1280, height: 800 }, options = {}) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
  const page = await context.newPage();
  pages.add(page);
  page.on("close", () => pages.delete(page));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "warning" && /Intlify|i18n|locale/i.test(m.text())) errors.push(`i18n warning: ${m.text()}`);
  });
  return { page, context, errors };
}
async function shot(page, name) {
  await page.waitForTimeout(350); // let transitions and charts settle
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
async function login(page, role) {
  await page.goto(`${env.url}#/login`);
  await page.getByPlaceholder("用户名").fill(env.users[role]);
  await page.getByPlaceholder("密码").fill(env.password);
  await page.getByPlaceholder("密码").press("Enter");
  await page.waitForSelector("[data-test=logout]");
}
async function open(page, hash, ready) {
  await page.goto(`${env.url}#${hash}`);
  await page.waitForLoadState("networkidle");
  if (ready) await page.waitForSelector(ready, { timeout: 10000 });
}
async function pickOption(page, trigger, text) {
  await page.click(trigger);
  await page.locator(".el-select-dropdown__item:visible", { hasText: text }).first().click();
}
/** Element Plus puts data-test on the native <input> of an el-input; this works either way. */
async function fillField(page, sel, value) {
  const tag = await page.$eval(sel, (el) => el.tagName);
  await page.fill(tag === "INPUT" || tag === "TEXTAREA" ? sel : `${sel} input`, value);
}
const hoursIn = async (page, sel) => Number((await page.textContent(sel)).replace(/[^\d.]/g, ""));

test("public: login page, providers, catalogue, certificate verification by QR link", async () => {
  const { page, context } = await newPage();
  await page.goto(env.url);
  await page.waitForSelector("[data-test=login-submit]");
  await shot(page, "01-login");
  await page.getByPlaceholder("用户名").fill("nobody");
  await page.getByPlaceholder("密码").fill("wrong-password");
  await page.click("[data-test=login-submit]");
  await page.waitForSelector("[data-test=login-error]");
  assert.match(await page.textContent("[data-test=login-error]"), /[\u4e00-\u9fa5]/, "the error is shown in Chinese");
  await open(page, "/providers", ".el-table__row");
  await shot(page, "02-public-providers");
  await open(page, "/courses", ".el-table__row, .el-empty");
  await shot(page, "03-public-courses");
  assert.ok(env.serial, "a certificate was issued for the verification test");
  await open(page, `/verify/${encodeURIComponent(env.serial)}`, "[data-test=verify-result]");
  assert.ok(await page.isVisible("[data-test=verify-valid]"), "the certificate verifies as valid");
  await shot(page, "04-public-verify");
  await open(page, "/verify/NO-SUCH-SERIAL", "[data-test=verify-invalid]");
  await context.close();
});

test("person: dashboard, declares a record and sees it pending", async () => {
  const { page, context, errors } = await newPage();
  await login(page, "person");
  await page.waitForSelector("[data-test=counted-hours]");
  shared.countedBefore = await hoursIn(page, "[data-test=counted-hours]");
  assert.ok(await page.isVisible("[data-test=policy]"), "the policy in force is shown");
  await shot(page, "10-person-dashboard");
  await open(page, "/me/declare", "[data-test=declare-title]");
  await fillField(page, "[data-test=declare-title]", shared.declaredTitle);
  await fillField(page, "[data-test=declare-hours]", String(shared.declaredHours));
  await fillField(page, "[data-test=declare-provider]", "中华医学会");
  // An academic conference is decided by the employer alone under national-2007 (self-study
  // goes on to the authority as well).
  await pickOption(page, "[data-test=declare-form]", "学术会议");
  await shot(page, "11-person-declare");
  await page.click("[data-test=declare-submit]");
  await page.waitForURL(/#\/me\/records/);
  const row = page.locator(".el-table__row", { hasText: shared.declaredTitle });
  await row.waitFor();
  assert.match(await row.textContent(), /待审核/, "the new declaration is pending");
  await shot(page, "12-person-records");
  await open(page, "/me/history", "[data-test=history-table]");
  await shot(page, "13-person-history");
  await open(page, "/me/promotion", "[data-test=promotion-result]");
  await shot(page, "14-person-promotion");
  await open(page, "/me/certificates");
  await shot(page, "15-person-certificates");
  assert.deepEqual(errors, []);
  await context.close();
});

test("employer: compliance table, approves the declaration, roster, import errors, statistics", async () => {
  const { page, context, errors } = await newPage();
  await login(page, "employer");
  await page.waitForSelector("[data-test=compliance-table] .el-table__row");
  await shot(page, "20-employer-compliance");
  await open(page, "/unit/review", "[data-test=review-table]");
  const row = page.locator("[data-test=review-table] .el-table__row", { hasText: shared.declaredTitle }).first();
  await row.waitFor();
  await shot(page, "21-employer-review");
  await row.locator("[data-test=approve]").click();
  await row.waitFor({ state: "detached" });
  await open(page, "/unit/roster", "[data-test=roster-table] .el-table__row");
  await shot(page, "22-employer-roster");
  await open(page, "/unit/import", "[data-test=import-upload]");
  await page.setInputFiles("[data-test=import-upload] input[type=file]", {
    name: "persons.csv", mimeType: "text/csv",
    buffer: Buffer.from("身份证号,姓名,单位代码,行政区划代码,专业,职称级别\n110105199001011234,测试,X,110105,工程,中级\n")
  });
  await page.click("[data-test=import-run]");
  await page.locator(".el-message-box__btns .el-button--primary").click(); // confirm the import
  await page.waitForSelector("[data-test=import-errors] .el-table__row");
  await shot(page, "23-employer-import-errors");
  await open(page, "/unit/statistics", "[data-test=chart] canvas");
  await shot(page, "24-employer-statistics");
  assert.deepEqual(errors, []);
  await context.close();
});

test("person: progress rises by the approved hours", async () => {
  const { page, context } = await newPage();
  await login(page, "person");
  await page.waitForSelector("[data-test=counted-hours]");
  const after = await hoursIn(page, "[data-test=counted-hours]");
  assert.equal(Math.round((after - shared.countedBefore) * 100) / 100, shared.declaredHours, `counted ${shared.countedBefore} → ${after}`);
  await shot(page, "16-person-dashboard-after");
  await context.close();
});

test("person requests an exemption; the employer approves it in the queue", async () => {
  const person = await newPage();
  await login(person.page, "person");
  await open(person.page, "/me/exemptions", "[data-test=exemption-submit]");
  const inputs = person.page.locator("[data-test=exemption-range] input, .el-range-input");
  await inputs.nth(0).fill("2026-03-01");
  await inputs.nth(1).fill("2026-03-31");
  await inputs.nth(1).press("Enter");
  await person.page.click("[data-test=exemption-submit]");
  const mine = person.page.locator("[data-test=exemptions-table] .el-table__row").first();
  await mine.waitFor();
  assert.match(await mine.textContent(), /待审批/, "the request is pending");
  await shot(person.page, "17-person-exemptions");
  assert.deepEqual(person.errors, []);
  await person.context.close();
  const hr = await newPage();
  await login(hr.page, "employer");
  await open(hr.page, "/unit/exemptions", "[data-test=exemption-queue] .el-table__row");
  await shot(hr.page, "25-employer-exemptions");
  await hr.page.locator("[data-test=exemption-approve]").first().click();
  await hr.page.locator(".el-message-box__btns .el-button--primary").click();
  await hr.page.waitForSelector("[data-test=exemption-queue] .el-table__row", { state: "detached" });
  assert.deepEqual(hr.errors, []);
  await hr.context.close();
});

test("provider: courses and classes, report form, reported records", async () => {
  const { page, context, errors } = await newPage();
  await login(page, "provider");
  await page.waitForSelector("[data-test=courses-table], .el-empty");
  await shot(page, "30-provider-courses");
  await open(page, "/provider/report", "[data-test=report-course]");
  await shot(page, "31-provider-report");
  await open(page, "/provider/records");
  await shot(page, "32-provider-records");
  await open(page, "/provider/classes", "[data-test=add-class]");
  await shot(page, "33-provider-classes");
  assert.deepEqual(errors, []);
  await context.close();
});

test("authority: dashboard charts drawn with data, employers, providers, audit, policies", async () => {
  const { page, context, errors } = await newPage();
  await login(page, "authority");
  await page.waitForSelector("[data-test=chart] canvas");
  await page.waitForTimeout(1200); // ECharts animates in
  const painted = await page.$$eval("[data-test=chart] canvas", (canvases) => canvases.map((c) => {
    const ctx = c.getContext("2d");
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n / (c.width * c.height);
  }));
  assert.ok(painted.length >= 4, `at least four charts (${painted.length})`);
  for (const p of painted) assert.ok(p > 0.01, `every chart has drawn pixels (${painted.map((x) => x.toFixed(3)).join(", ")})`);
  assert.ok((await hoursIn(page, "[data-test=stat-persons]")) > 0, "persons in scope");
  assert.ok(await page.isVisible("[data-test=chart-form] canvas"), "hours by form are drawn");
  await shot(page, "40-authority-dashboard");
  await open(page, "/authority/employers", "[data-test=employers-table]");
  await shot(page, "41-authority-employers");
  await open(page, "/authority/persons", "[data-test=persons-table], .el-empty, .page-error");
  await shot(page, "42-authority-persons");
  await open(page, "/authority/providers");
  await shot(page, "43-authority-providers");
  await open(page, "/authority/audit", "[data-test=audit-table]");
  await shot(page, "44-authority-audit");
  await open(page, "/policies", "[data-test=policies-table]");
  await shot(page, "45-authority-policies");
  assert.deepEqual(errors, []);
  await context.close();
});

test("admin: users and roles; English switch", async () => {
  const { page, context, errors } = await newPage();
  await login(page, "admin");
  await page.waitForSelector("[data-test=users-table] .el-table__row");
  await shot(page, "50-admin-users");
  await page.click("[data-test=lang-switch]");
  await page.waitForSelector("text=Users and roles");
  await shot(page, "51-admin-users-en");
  await page.click("[data-test=lang-switch]");
  assert.deepEqual(errors, []);
  await context.close();
});

test("admin: no 停用 on one's own row; resets a password, which must be changed at the next sign-in", async () => {
  const admin = await newPage();
  await login(admin.page, "admin");
  const rows = "[data-test=users-table] .el-table__row";
  const own = admin.page.locator(rows, { hasText: env.users.admin }).first();
  await own.waitFor();
  assert.equal(await own.locator("button", { hasText: "停用" }).count(), 0, "停用 is not offered on one's own row");
  assert.equal(await own.locator("button", { hasText: "重置密码" }).count(), 0, "nor 重置密码");
  const target = admin.page.locator(rows, { hasText: env.users.provider }).first();
  assert.equal(await target.locator("button", { hasText: "停用" }).count(), 1, "another user's row offers 停用");
  await target.locator("button", { hasText: "重置密码" }).click();
  await admin.page.locator(".el-message-box__btns .el-button--primary").click();
  await admin.page.waitForSelector("[data-test=temp-password]");
  const temporary = (await admin.page.textContent("[data-test=temp-password]")).trim();
  assert.ok(temporary.length >= 10, `a temporary password is shown (${temporary})`);
  await shot(admin.page, "52-admin-reset-password");
  assert.deepEqual(admin.errors, []);
  await admin.context.close();

  const user = await newPage();
  await user.page.goto(`${env.url}#/login`);
  await user.page.getByPlaceholder("用户名").fill(env.users.provider);
  await user.page.getByPlaceholder("密码").fill(temporary);
  await user.page.getByPlaceholder("密码").press("Enter");
  await user.page.waitForSelector("[data-test=password-current]", { state: "visible" });
  assert.match(await user.page.textContent(".el-dialog"), /管理员已重置您的密码/, "the dialog says why");
  assert.equal(await user.page.locator("[data-test=courses-table]").count(), 0, "no page is shown behind the dialog");
  await shot(user.page, "53-forced-password-change");
  const next = "Jixu-e2e-Changed-1";
  await fillField(user.page, "[data-test=password-current]", temporary);
  await fillField(user.page, "[data-test=password-new]", next);
  await fillField(user.page, "[data-test=password-repeat]", next);
  await user.page.click("[data-test=password-submit]");
  await user.page.waitForSelector("[data-test=password-current]", { state: "hidden" });
  await user.page.waitForSelector("[data-test=courses-table], .el-empty");
  await shot(user.page, "54-after-password-change");
  assert.deepEqual(user.errors, []);
  await user.context.close();
  const again = await fetch(`${env.url}api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: env.users.provider, password: next }) });
  assert.equal(again.status, 200, "the new password signs in");
  const signedIn = await again.json();
  assert.equal(signedIn.must_change_password, false);
  // Give the provider its demo password back: later flows sign in as the provider too.
  const restore = await fetch(`${env.url}api/v1/auth/password`, { method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${signedIn.token}` },
    body: JSON.stringify({ current_password: next, new_password: env.password }) });
  assert.equal(restore.status, 200, `the demo password is restored (${restore.status})`);
});

test("phone width (375 px): login and the person dashboard", async () => {
  const { page, context } = await newPage({ width: 375, height: 812 });
  await page.goto(env.url);
  await page.waitForSelector("[data-test=login-submit]");
  await shot(page, "60-phone-login");
  await login(page, "person");
  await page.waitForSelector("[data-test=counted-hours]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling on the dashboard (${overflow}px)`);
  await shot(page, "61-phone-person-dashboard");
  await context.close();
});

// These need the real server's data (demo persons, policies, the region table).
if (!mock) registerDailyWork({ test, newPage, login, open, shot, pickOption, fillField, env, shared });
if (!mock) registerCertsFlows({ test, newPage, login, open, shot, fillField, env });
if (!mock) registerPeople({ test, newPage, login, open, shot, env });
if (!mock) registerMarket({ test, newPage, login, open, shot, fillField, env });
if (!mock) registerNotify({ test, newPage, login, open, shot, fillField, env });
if (!mock) registerAccounts({ test, newPage, open, shot, fillField, env });

let failed = 0;
const started = Date.now();
const only = process.env.E2E_ONLY; // a name prefix
const grep = process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : null; // or a pattern
for (const t of tests.filter((x) => (!only || x.name.startsWith(only)) && (!grep || grep.test(x.name)))) {
  const t0 = Date.now();
  try {
    await t.fn();
    console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    let i = 0;
    for (const p of pages) {
      await p.screenshot({ path: join(artifacts, `FAILED-${tests.indexOf(t)}-${i++}.png`) }).catch(() => {});
      await p.context().close().catch(() => {});
    }
    console.log(`  ✗ ${t.name}\n    ${String(e.stack || e).split("\n").slice(0, 6).join("\n    ")}`);
  }
}
await browser.close();
await env.stop();
console.log(`browser tests (${mock ? "mock API" : "jixu serve"}): ${tests.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in web/test-artifacts/`);
process.exit(failed ? 1 : 0);
