// Browser flows of the notification centre (issue 13 item 3): a city authority sends a 催办 to an
// employer of its scope through the form; the employer's admin sees the bell's count, opens the
// notices page, reads the notice (its state and the bell follow) and marks all read. Registered
// by run.mjs, which passes its helpers in.
import assert from "node:assert/strict";

export function registerNotify({ test, newPage, login, open, shot, fillField, env }) {
  const bellCount = async (page) => {
    const badge = page.locator("[data-test=notice-bell]").locator("xpath=..").locator(".el-badge__content");
    if (!(await badge.isVisible())) return 0;
    return Number((await badge.textContent()).replace(/\D/g, ""));
  };

  test("city authority: 催办 form; the employer's admin reads it from the bell", async () => {
    const subject = `请尽快完成年度学时登记 ${Date.now() % 100000}`;
    const { page, context, errors } = await newPage();
    await login(page, "city");
    await open(page, "/notify/urge", "[data-test=urge-employers]");
    // The employer of the e2e employer admin, found by its credit code.
    const code = env.persons[0].employer_code;
    await page.click("[data-test=urge-employers]");
    await page.keyboard.type(code);
    await page.locator(".el-select-dropdown__item:visible", { hasText: code }).first().click();
    await page.keyboard.press("Escape");
    await fillField(page, "[data-test=urge-subject]", subject);
    await fillField(page, "[data-test=urge-message]", "请督促本单位未达标人员在年底前完成继续教育学习并登记学时。");
    await shot(page, "90-city-urge-form");
    await page.click("[data-test=urge-send]");
    await page.waitForSelector(".el-message--success");
    assert.match(await page.textContent(".el-message--success"), /已向1个单位发送催办/);
    assert.deepEqual(errors, []);
    await context.close();

    const hr = await newPage();
    await login(hr.page, "employer");
    await hr.page.waitForSelector("[data-test=notice-bell]");
    await hr.page.waitForTimeout(500);
    const before = await bellCount(hr.page);
    assert.ok(before >= 1, `the bell counts the 催办 (${before})`);
    await hr.page.click("[data-test=notice-bell]");
    await hr.page.waitForSelector("[data-test=notices-list]");
    const item = hr.page.locator(".el-collapse-item", { hasText: subject });
    await item.waitFor();
    assert.match(await item.textContent(), /未读/);
    assert.match(await item.textContent(), /催办/);
    await shot(hr.page, "91-employer-notices");
    await item.locator(".el-collapse-item__header").click();
    await item.locator("[data-test=notice-body]").waitFor();
    assert.match(await item.locator("[data-test=notice-body]").textContent(), /年底前完成继续教育学习/);
    await hr.page.waitForFunction(
      (s) => [...document.querySelectorAll(".el-collapse-item")].some((e) => e.textContent.includes(s) && e.textContent.includes("已读")),
      subject);
    await hr.page.waitForTimeout(300);
    assert.equal(await bellCount(hr.page), before - 1, "reading one lowers the bell by one");
    if (before > 1) {
      await hr.page.click("[data-test=notices-read-all]");
      await hr.page.waitForSelector(".el-message--success");
      await hr.page.waitForTimeout(300);
    }
    assert.equal(await bellCount(hr.page), 0, "nothing unread is left");
    // The address for e-mail: a malformed one is refused with the field named.
    await fillField(hr.page, "[data-test=notices-email]", "not-an-address");
    await hr.page.click("[data-test=notices-email-save]");
    await hr.page.waitForSelector(".el-message--error");
    assert.match(await hr.page.textContent(".el-message--error"), /邮箱/);
    await shot(hr.page, "92-employer-notices-read");
    assert.deepEqual(hr.errors, []);
    await hr.context.close();
  });
}
