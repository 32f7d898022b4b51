// Browser flows of issue 10's "Broken" list: each role's daily task as users found it, driven as
// that role. Registered by run.mjs, which passes its helpers in.
import assert from "node:assert/strict";

/** A valid resident ID number (GB 11643 check digit) born on 1990-01-01 in `region`. */
export function makeIdNumber(region, seq) {
  const body = `${region}19900101${String(seq % 1000).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}
const RAW_FIELD = /\b[a-z]+_[a-z_]+\b/; // an API field name such as title_since or employer_code

export function registerDailyWork({ test, newPage, login, open, shot, fillField, env }) {
  test("provider: 上报学时 from a course lists the provider's courses by name and reports a completion", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "provider");
    await open(page, "/provider/courses", "[data-test=add-course]");
    const title = `急诊急救新进展 ${Date.now() % 100000}`;
    await page.click("[data-test=add-course]");
    await fillField(page, "[data-test=course-code]", `E2E-${Date.now() % 100000}`);
    await fillField(page, "[data-test=course-title]", title);
    await fillField(page, "[data-test=course-hours]", "6");
    await page.click("[data-test=course-save]");
    const row = page.locator("[data-test=courses-table] .el-table__row", { hasText: title }).first();
    await row.waitFor();
    await row.locator("[data-test=report-link]").click();
    await page.waitForURL(/#\/provider\/report\?course=/);
    const select = page.locator("[data-test=report-course]").first();
    await page.waitForFunction(() => /·/.test(document.querySelector("[data-test=report-course]")?.closest(".el-select")?.textContent ?? ""));
    const shown = (await select.locator("xpath=ancestor-or-self::*[contains(@class,'el-select')][1]").textContent()).trim();
    assert.ok(shown.includes(title), `the chosen course shows its title (${shown})`);
    assert.doesNotMatch(shown, /^[a-z]\w{8,}$/i, "no bare course id");
    await page.click("text=逐条录入");
    await page.fill("[data-test=report-id] input, input[data-test=report-id]", env.persons[0].id_number);
    await page.keyboard.press("Enter");
    const submit = page.locator("[data-test=report-submit]");
    await submit.waitFor();
    assert.equal(await submit.isDisabled(), false, "上报 is enabled once a course and a row are chosen");
    await shot(page, "70-provider-report-from-course");
    await submit.click();
    await page.locator(".el-message-box__btns .el-button--primary").click();
    await page.waitForSelector(".el-message--success");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("employer: 新增人员 marks required fields and names fields by their labels in errors", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "employer");
    await open(page, "/unit/roster", "[data-test=roster-table] .el-table__row");
    await page.click("[data-test=add-person]");
    const dialog = page.locator(".el-dialog");
    await dialog.waitFor();
    for (const label of ["姓名", "身份证号", "行政区划", "专业", "职称级别", "取得职称日期"]) {
      const item = dialog.locator(".el-form-item", { has: page.locator(".el-form-item__label", { hasText: label }) }).first();
      assert.match(await item.getAttribute("class"), /is-required/, `${label} is marked required`);
    }
    // Nothing typed: the form says what is missing, by label.
    await dialog.locator(".el-button--primary").click();
    await page.waitForSelector(".el-dialog .el-form-item__error");
    assert.ok((await dialog.textContent()).includes("请选择取得职称日期"), "the empty title date is named");
    const inputs = dialog.locator(".el-form-item");
    await inputs.nth(0).locator("input").fill("测试人员");
    await inputs.nth(1).locator("input").fill(makeIdNumber(env.persons[0].region_code, 731));
    await inputs.nth(2).locator("input").fill("990101"); // six digits, but no such province: the server refuses it
    await inputs.nth(3).locator("input").fill("临床医学");
    await dialog.locator("[data-test=person-title-since] input").fill("2020-07-01");
    await dialog.locator("[data-test=person-title-since] input").press("Enter");
    await dialog.locator(".el-dialog__footer .el-button--primary").click();
    const alert = dialog.locator("[role=alert]");
    await alert.waitFor();
    const text = await alert.textContent();
    await shot(page, "71-employer-add-person-error");
    assert.doesNotMatch(text, RAW_FIELD, `no raw field name in "${text}"`);
    assert.match(text, /行政区划/, `the field is named by its label: "${text}"`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("employer: 人员名册 shows each person's 取得职称日期", async () => {
    const { page, context } = await newPage();
    await login(page, "employer");
    await open(page, "/unit/roster", "[data-test=roster-table] .el-table__row");
    const dates = await page.$$eval("[data-test=roster-table] .el-table__body tr", (trs) => trs.map((tr) => tr.children[5]?.textContent?.trim() ?? ""));
    const filled = dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    assert.ok(filled.length > 0 && filled.length >= dates.length / 2, `title dates shown (${filled.length} of ${dates.length})`);
    await shot(page, "72-employer-roster-title-since");
    await context.close();
  });

  test("employer imports persons on the web; the province's audit shows it in China Standard Time", async () => {
    const hr = await newPage();
    await login(hr.page, "employer");
    await open(hr.page, "/unit/import", "[data-test=import-upload]");
    const p = env.persons[0];
    const csv = `身份证号,姓名,单位代码,行政区划代码,专业,职称级别,取得职称日期\n${makeIdNumber(p.region_code, 482)},导入测试,${p.employer_code},${p.region_code},临床医学,中级,2019-06-30\n`;
    await hr.page.setInputFiles("[data-test=import-upload] input[type=file]", { name: "persons.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await hr.page.click("[data-test=import-run]");
    await hr.page.locator(".el-message-box__btns .el-button--primary").click();
    await hr.page.waitForSelector("[data-test=import-result], [data-test=import-errors]");
    assert.ok(await hr.page.isVisible("[data-test=import-result]"), `the import succeeded: ${await hr.page.textContent(".card")}`);
    const importedAt = Date.now();
    await hr.context.close();
    // The authority reads from a browser in another time zone: times are still Beijing time.
    const { page, context, errors } = await newPage({ width: 1280, height: 800 }, { timezoneId: "America/New_York" });
    await login(page, "authority");
    await open(page, "/authority/audit", "[data-test=audit-table] .el-table__row");
    const row = page.locator("[data-test=audit-table] .el-table__row", { hasText: "导入人员" }).filter({ hasText: env.users.employer }).first();
    await row.waitFor({ timeout: 5000 });
    const shown = (await row.locator("td").nth(1).textContent()).trim();
    const cst = new Date(importedAt + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
    const shownMs = Date.parse(`${shown.replace(" ", "T")}+08:00`);
    assert.ok(Math.abs(shownMs - importedAt) < 3 * 60 * 1000, `shown ${shown}, Beijing time about ${cst}`);
    assert.match(await page.textContent("[data-test=audit-table] thead"), /北京时间/);
    await shot(page, "73-authority-audit-hr-import");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("city authority: 各地区达标率 names each county from the region table", async () => {
    for (const role of ["city", "authority"]) {
      const { page, context, errors } = await newPage();
      await login(page, role);
      await page.waitForSelector("[data-test=chart-region] [data-test=chart-names] li");
      const names = await page.$$eval("[data-test=chart-region] [data-test=chart-names] li", (lis) => lis.map((li) => li.textContent.trim()));
      assert.ok(names.length >= 2, `${role}: several regions (${names.join(", ")})`);
      assert.equal(new Set(names).size, names.length, `${role}: one label per region (${names.join(", ")})`);
      for (const n of names) assert.match(n, /[\u4e00-\u9fa5]/, `${role}: a name, not a code (${n})`);
      await page.waitForTimeout(1200);
      await shot(page, `74-${role}-dashboard-regions`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test("person: a future date is refused by name, 自修 has a daily maximum and needs evidence", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "person");
    await open(page, "/me/declare", "[data-test=declare-title]");
    await page.locator("[data-test=declare-daily-max]").waitFor(); // the policy's limit is shown
    const future = new Date(Date.now() + 8 * 3600 * 1000 + 5 * 86400 * 1000).toISOString().slice(0, 10);
    const date = page.locator("[data-test=declare-date-item] input");
    await date.fill(future);
    await date.press("Enter");
    await page.locator("[data-test=declare-title] input, input[data-test=declare-title]").first().fill("自学《内科学》");
    await page.locator("[data-test=declare-hours] input, input[data-test=declare-hours]").first().fill("999");
    await page.locator("[data-test=declare-provider] input, input[data-test=declare-provider]").first().fill("自学");
    await page.click("[data-test=declare-submit]");
    // The validators answer one by one: wait for the last of the two messages, not the first.
    await page.waitForFunction(() => /每日最多申报/.test([...document.querySelectorAll(".el-form-item__error")].map((e) => e.textContent).join(" ")));
    assert.equal(await date.inputValue(), future, "the typed date stays as typed, not today");
    const problems = (await page.locator(".el-form-item__error").allTextContents()).join(" | ");
    assert.match(problems, /完成日期不能晚于今天/, problems);
    assert.match(problems, /每日最多申报 8 学时/, problems);
    assert.match(await page.textContent("[data-test=declare-evidence]"), /须上传证明材料/, "evidence is required for self-study");
    await shot(page, "75-person-declare-refused");
    assert.ok(!page.url().includes("/me/records"), "nothing was declared");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("person: prints their own 学时证明 for a past year and downloads the PDF", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "person");
    await open(page, "/me/certificates", "[data-test=certificate-issue]");
    const year = new Date().getFullYear() - 2;
    await page.click("[data-test=certificate-year]");
    await page.locator(".el-select-dropdown__item:visible", { hasText: `${year}` }).first().click();
    await page.click("[data-test=certificate-issue]");
    await page.waitForSelector(".el-message--success");
    const row = page.locator(".el-table__row", { hasText: `· ${year}` }).first();
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), row.locator("[data-test=certificate-download]").click()]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    assert.equal(Buffer.concat(chunks).subarray(0, 5).toString(), "%PDF-", "a PDF");
    await shot(page, "76-person-certificate-issued");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("employer: issues a person's 学时证明 for last year from the compliance table", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "employer");
    await page.waitForSelector("[data-test=compliance-table] .el-table__row");
    assert.equal(await page.locator("[data-test=issue-certificate]").count(), 0, "no certificate for a year still running");
    const year = new Date().getFullYear() - 1;
    await page.click("[data-test=compliance-year]");
    await page.locator(".el-select-dropdown__item:visible", { hasText: `${year}` }).first().click();
    const button = page.locator("[data-test=issue-certificate]").first();
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    assert.match(download.suggestedFilename(), new RegExp(`-${year}-.+\\.pdf$`));
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    assert.equal(Buffer.concat(chunks).subarray(0, 5).toString(), "%PDF-", "a PDF");
    await shot(page, "77-employer-issue-certificate");
    assert.deepEqual(errors, []);
    await context.close();
  });
}
