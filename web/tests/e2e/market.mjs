// Browser flows of the training market (issue 11): provider approval and supervision by the
// authority, the provider's own standing, the refusal a suspended provider meets, the public
// catalogue and what an authority publishes to it. Registered by run.mjs, which passes its helpers.
import assert from "node:assert/strict";

export function registerMarket({ test, newPage, login, open, shot, fillField, env }) {
  const api = async (path, token, body) => {
    const r = await fetch(`${env.url}api/v1${path}`, {
      method: body ? "POST" : "GET",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined
    });
    return { status: r.status, json: await r.json().catch(() => null) };
  };
  const token = async (role) => (await api("/auth/login", null, { username: env.users[role], password: env.password })).json.token;

  test("market: the authority reviews an application, returns it with a reason; the suspended list", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "admin");
    await open(page, "/authority/providers", "[data-test=standing-table] .el-table__row");
    await shot(page, "80-market-pending-applications");
    await page.locator("[data-test=open-provider]").first().click();
    await page.waitForSelector("[data-test=provider-drawer] [data-test=applications]");
    assert.ok(await page.locator("[data-test=document-link]").count() >= 1, "the licence document is listed");
    await shot(page, "81-market-application");
    await page.click("[data-test=action-return]");
    await page.click("[data-test=action-confirm]");
    await page.waitForSelector("[data-test=action-error]");
    assert.match(await page.textContent("[data-test=action-error]"), /理由/, "a return needs a reason, said in Chinese");
    await fillField(page, "[data-test=action-reason]", "请补充场地租赁合同");
    await page.click("[data-test=action-confirm]");
    await page.waitForSelector("[data-test=provider-drawer] [data-test=standing-tag]:has-text('退回修改')");
    await shot(page, "82-market-returned");
    await page.keyboard.press("Escape");
    await page.locator("[data-test=status-filter] label", { hasText: "暂停" }).click();
    await page.waitForSelector("[data-test=standing-table] .el-table__row");
    assert.match(await page.textContent("[data-test=standing-table]"), /暂停/);
    await shot(page, "83-market-suspended");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("market: a suspended provider sees why and cannot open a class; reinstated it can", async () => {
    const admin = await token("admin");
    const providerToken = await token("provider");
    const me = (await api("/market/my-provider", providerToken)).json;
    const suspended = await api(`/market/providers/${me.id}/actions`, admin, { action: "suspend", reason: "抽查发现虚报学时" });
    assert.equal(suspended.status, 200, JSON.stringify(suspended.json));
    try {
      const { page, context } = await newPage();
      await login(page, "provider");
      await open(page, "/provider/standing", "[data-test=may-not-operate]");
      assert.match(await page.textContent("[data-test=may-not-operate]"), /暂停/);
      assert.match(await page.textContent("[data-test=may-not-operate]"), /虚报学时/);
      await shot(page, "84-market-provider-suspended");
      await open(page, "/provider/classes", "[data-test=add-class]");
      await page.click("[data-test=add-class]");
      await page.click("[data-test=class-course]");
      await page.locator(".el-select-dropdown__item:visible").first().click();
      await fillField(page, "[data-test=class-name]", "暂停期间的班级");
      const range = page.locator(".el-dialog .el-range-input");
      await range.nth(0).fill("2026-12-01");
      await range.nth(1).fill("2026-12-02");
      await range.nth(1).press("Enter");
      await page.click("[data-test=class-save]");
      const alert = page.locator(".el-dialog .el-alert--error");
      await alert.waitFor();
      assert.match(await alert.textContent(), /暂停.*不能开设班级/, "the refusal names the status");
      await shot(page, "85-market-class-refused");
      await context.close();
    } finally {
      const back = await api(`/market/providers/${me.id}/actions`, admin, { action: "reinstate", reason: "整改完成" });
      assert.equal(back.status, 200, "the provider is reinstated for later flows");
    }
    const { page, context, errors } = await newPage();
    await login(page, "provider");
    await open(page, "/provider/standing", "[data-test=my-standing]");
    assert.match(await page.textContent("[data-test=my-standing]"), /已批准/);
    assert.equal(await page.locator("[data-test=may-not-operate]").count(), 0);
    assert.match(await page.textContent("[data-test=history]"), /恢复/, "the history shows the reinstatement");
    await shot(page, "86-market-provider-standing");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("market: the public catalogue — courses by any words, public subjects, textbooks, quality lists", async () => {
    const { page, context, errors } = await newPage();
    await open(page, "/courses", "[data-test=catalogue-search]");
    await fillField(page, "[data-test=catalogue-search]", "急救");
    await page.click("[data-test=catalogue-submit]");
    await page.waitForSelector("[data-test=catalogue-courses] .el-table__row");
    const rows = await page.locator("[data-test=catalogue-courses] .el-table__row").allTextContents();
    assert.ok(rows.length >= 1 && rows.every((r) => /急救/.test(r)), `every row matches (${rows.length})`);
    await shot(page, "87-catalogue-courses");
    await page.click("#tab-subjects");
    await page.waitForSelector("[data-test=catalogue-subjects] .el-table__row");
    assert.match(await page.textContent("[data-test=catalogue-subjects]"), /全国/);
    await shot(page, "88-catalogue-public-subjects");
    await page.click("#tab-books");
    await page.waitForSelector("[data-test=catalogue-books] .el-table__row");
    assert.match(await page.textContent("[data-test=catalogue-books]"), /主管部门推荐/);
    await page.click("#tab-lists");
    await page.locator("[data-test=catalogue-lists] .el-table__row").first().click();
    await page.waitForSelector("[data-test=quality-list] li");
    await shot(page, "89-catalogue-quality-list");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("market: an authority publishes a local public subject", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "authority");
    await open(page, "/authority/catalogue", "[data-test=subject-title]");
    const title = `乡村振兴专题 ${Date.now() % 100000}`;
    await fillField(page, "[data-test=subject-title]", title);
    await page.click("[data-test=subject-publish]");
    await page.locator("[data-test=subjects-table] .el-table__row", { hasText: title }).waitFor();
    await shot(page, "90-authority-publishes-subject");
    assert.deepEqual(errors, []);
    await context.close();
  });
}
