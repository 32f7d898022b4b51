// Browser flows of issue 15's accounts: enrolment in two-step verification with the server's QR
// code, sign-in with a code and with a recovery code (the audit administrator, who then reads and
// exports the audit log), the security administrator's pages, and one's own sessions with
// sign-out of another. Registered by run.mjs, which passes its helpers in.
import assert from "node:assert/strict";
import { nextCode } from "./totp.mjs";

export function registerAccounts({ test, newPage, open, shot, fillField, env }) {
  async function password(page, username) {
    await page.goto(`${env.url}#/login`);
    await page.getByPlaceholder("用户名").fill(username);
    await page.getByPlaceholder("密码").fill(env.password);
    await page.getByPlaceholder("密码").press("Enter");
  }
  async function code(page, value) {
    await page.waitForSelector("[data-test=second-factor-form]");
    await fillField(page, "[data-test=second-factor-code]", value);
    await page.click("[data-test=second-factor-submit]");
    await page.waitForSelector("[data-test=logout]");
  }
  async function logout(page) {
    await page.click("[data-test=logout]");
    await page.waitForSelector("[data-test=login-submit]");
  }

  test("audit administrator: enrols with the QR code, signs in with a code and a recovery code, exports the log", async () => {
    const { page, context, errors } = await newPage();
    await password(page, env.users.auditor);
    await page.waitForSelector("[data-test=totp-enrol-step] [data-test=totp-qr] svg");
    assert.equal(await page.locator("[data-test=logout]").count(), 0, "no page before the second factor");
    const secret = (await page.textContent("[data-test=totp-secret]")).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(await page.textContent("[data-test=totp-uri]"), new RegExp(`^otpauth://totp/jixu:${env.users.auditor}\\?secret=${secret}&`));
    await shot(page, "90-totp-enrol");
    await fillField(page, "[data-test=totp-confirm-code]", "000000");
    await page.click("[data-test=totp-confirm]");
    await page.waitForSelector("[data-test=totp-error]");
    assert.match(await page.textContent("[data-test=totp-error]"), /验证码不正确/);
    await fillField(page, "[data-test=totp-confirm-code]", await nextCode(secret));
    await page.click("[data-test=totp-confirm]");
    await page.waitForSelector("[data-test=recovery-codes] li");
    const codes = await page.$$eval("[data-test=recovery-codes] code", (els) => els.map((e) => e.textContent.trim()));
    assert.equal(codes.length, 10);
    await shot(page, "91-totp-recovery-codes");
    await page.click("[data-test=recovery-saved]");
    await page.waitForSelector("[data-test=audit-table] .el-table__row");
    assert.match(page.url(), /#\/audit/, "the audit administrator lands on the audit log");
    const menu = await page.$$eval("[data-test^=menu-]", (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(menu, ["审计日志"], "the audit administrator's menu holds the audit log only");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=audit-export]")]);
    assert.match(download.suggestedFilename(), /^jixu-audit-.*\.csv$/);
    await page.click("[data-test=audit-verify]");
    await page.waitForSelector("[data-test=audit-verification]");
    assert.match(await page.textContent("[data-test=audit-verification]"), /哈希链完整/);
    await shot(page, "92-audit-admin-log");
    await logout(page);

    await password(page, env.users.auditor);
    await code(page, await nextCode(secret));
    await logout(page);

    await password(page, env.users.auditor);
    await page.waitForSelector("[data-test=second-factor-form]");
    await page.click("[data-test=second-factor-toggle]");
    await fillField(page, "[data-test=second-factor-recovery]", codes[0]);
    await shot(page, "93-totp-recovery-sign-in");
    await page.click("[data-test=second-factor-submit]");
    await page.waitForSelector("[data-test=logout]");
    await logout(page);
    await password(page, env.users.auditor);
    await page.click("[data-test=second-factor-toggle]");
    await fillField(page, "[data-test=second-factor-recovery]", codes[0]);
    await page.click("[data-test=second-factor-submit]");
    await page.waitForSelector("[data-test=login-error]");
    assert.equal(await page.locator("[data-test=logout]").count(), 0, "a recovery code works once");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("security administrator: signs in with a code; unlocks and resets from the users list; the policy page", async () => {
    const { page, context, errors } = await newPage();
    await password(page, env.security.username);
    await code(page, await nextCode(env.security.secret));
    await page.waitForSelector("[data-test=users-table] .el-table__row");
    assert.equal(await page.locator("button", { hasText: "新增用户" }).count(), 0, "accounts are the system administrator's");
    assert.equal(await page.locator("[data-test=user-disable]").count(), 0);
    const auditor = page.locator("[data-test=users-table] .el-table__row", { hasText: env.users.auditor }).first();
    assert.equal(await auditor.locator("[data-test=user-factor-reset]").count(), 1, "the enrolled auditor can be reset");
    await shot(page, "94-security-admin-users");
    await open(page, "/security/policy", "[data-test=security-policy]");
    assert.ok(await page.isChecked("[data-test=policy-role-audit_admin] input"));
    assert.ok(!(await page.isChecked("[data-test=policy-role-person] input")));
    await shot(page, "95-security-policy");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("person: the sessions page under the user menu lists the sessions and signs others out", async () => {
    const other = await newPage();
    await password(other.page, env.users.person);
    await other.page.waitForSelector("[data-test=logout]");
    const third = await newPage();
    await password(third.page, env.users.person);
    await third.page.waitForSelector("[data-test=logout]");
    const { page, context, errors } = await newPage();
    await password(page, env.users.person);
    await page.waitForSelector("[data-test=logout]");
    await page.click("[data-test=user-menu]");
    await page.click("[data-test=user-menu-sessions]");
    await page.waitForSelector("[data-test=sessions-table] .el-table__row");
    const rows = page.locator("[data-test=sessions-table] .el-table__body-wrapper .el-table__row");
    assert.ok((await rows.count()) >= 3, "every session is listed");
    assert.equal(await page.locator("[data-test=session-current]").count(), 1);
    assert.match(await page.textContent("[data-test=sessions-table]"), /Chrome/, "the device is named");
    await shot(page, "96-sessions");
    const before = await rows.count();
    await page.locator("[data-test=session-end]").first().click();
    await page.locator(".el-message-box__btns .el-button--primary").click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-test=sessions-table] .el-table__body-wrapper .el-table__row").length === n - 1, before);
    await page.click("[data-test=sessions-end-others]");
    await page.locator(".el-message-box__btns .el-button--primary").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-test=sessions-table] .el-table__body-wrapper .el-table__row").length === 1);
    // One's own data, from the same menu: one JSON document with the person and their records.
    await page.click("[data-test=user-menu]");
    const [file] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=user-menu-data]")]);
    const data = JSON.parse(await (await import("node:fs/promises")).readFile(await file.path(), "utf8"));
    assert.equal(data.account.username, env.users.person);
    assert.equal(data.person.id_number.length, 18, "their own ID number in full");
    assert.ok(Array.isArray(data.records) && data.records.length > 0, "their records");
    // The other browsers are signed out: their next request is refused and they are back at the login.
    for (const o of [other, third]) {
      await o.page.reload();
      await o.page.waitForSelector("[data-test=login-submit]");
      await o.context.close();
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}
