// Browser flows of issue 10's conveniences (batch hours certificates, import templates and GBK
// files, resubmitting a rejected declaration, enrolment errors by line, Chinese names instead of
// codes, the trend chart) and the speed of the authority's first page, each as the role that
// uses it. Registered by run.mjs, which passes its helpers in.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const tmp = mkdtempSync(join(tmpdir(), "jixu-e2e-certs-"));

async function saved(download, name) {
  const path = join(tmp, name);
  await download.saveAs(path);
  return path;
}
const pdfPages = (path) => Number((spawnSync("pdfinfo", [path], { encoding: "utf8" }).stdout.match(/Pages:\s+(\d+)/) ?? [])[1]);

export function registerCertsFlows({ test, newPage, login, open, shot, fillField, env }) {
  /** The API as a role, for setting a flow up (a declaration to reject, a class to enrol in). */
  async function api(role, method, path, body) {
    const tokens = (api.tokens ??= {});
    if (!tokens[role]) {
      const r = await fetch(`${env.url}api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: env.users[role], password: env.password }) });
      assert.equal(r.status, 200, `${role} signs in for the set-up`);
      tokens[role] = (await r.json()).token;
    }
    const r = await fetch(`${env.url}api/v1${path}`, { method, headers: { Authorization: `Bearer ${tokens[role]}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, json: text.startsWith("{") ? JSON.parse(text) : null };
  }
  const lastYear = new Date().getFullYear() - 1;

  test("employer: 批量开具学时证明 for the whole unit as one PDF, a page per person", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "employer");
    await open(page, "/unit/compliance", "[data-test=compliance-table] .el-table__row");
    await page.click("[data-test=batch-certificates]");
    await page.waitForSelector("[data-test=batch-count]");
    const countText = await page.textContent("[data-test=batch-count]");
    const n = Number(countText.match(/将为 (\d+) 人/)?.[1]);
    assert.ok(n > 1, `the dialog says how many persons (${countText})`);
    await shot(page, "80-employer-batch-dialog");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=batch-issue]")]);
    assert.match(download.suggestedFilename(), new RegExp(`-${lastYear}-${n}\\.pdf$`));
    const path = await saved(download, "unit.pdf");
    assert.equal(readFileSync(path).subarray(0, 5).toString(), "%PDF-");
    assert.equal(pdfPages(path), n, "one page per person of the unit");
    await page.waitForSelector(".el-message--success");
    spawnSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", path, join(tmp, "unit-page")]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("authority (city): 批量开具 for everyone in scope or a region, as a ZIP of single PDFs", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "city");
    await open(page, "/authority/persons", "[data-test=batch-certificates]");
    await page.click("[data-test=batch-certificates]");
    await page.waitForSelector("[data-test=batch-count]");
    // With no employer chosen in the filters, the batch covers the whole scope (辖区全部人员).
    await page.waitForFunction(() => /将为 \d+ 人/.test(document.querySelector("[data-test=batch-count]")?.textContent ?? ""));
    const all = Number((await page.textContent("[data-test=batch-count]")).match(/(\d+) 人/)?.[1]);
    assert.ok(all >= 50, `the city's whole scope is offered (${all})`);
    // A region outside the city: nobody, and 开具 stays disabled.
    await fillField(page, "[data-test=batch-region]", "11");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /将为 0 人/.test(document.querySelector("[data-test=batch-count]")?.textContent ?? ""));
    assert.equal(await page.locator("[data-test=batch-issue]").isDisabled(), true);
    // Only the compliant, as a ZIP.
    await fillField(page, "[data-test=batch-region]", env.persons[0].region_code.slice(0, 4));
    await page.keyboard.press("Enter");
    await page.locator(".el-dialog .el-select", { hasText: "全部状态" }).click();
    await page.locator(".el-select-dropdown__item:visible", { hasText: "已达标" }).first().click();
    await page.locator("[data-test=batch-format] label", { hasText: "ZIP" }).click();
    await page.waitForFunction((before) => {
      const m = (document.querySelector("[data-test=batch-count]")?.textContent ?? "").match(/将为 (\d+) 人/);
      return m && Number(m[1]) > 0 && Number(m[1]) < before;
    }, all);
    const n = Number((await page.textContent("[data-test=batch-count]")).match(/将为 (\d+) 人/)[1]);
    await shot(page, "81-city-batch-dialog");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=batch-issue]")]);
    const path = await saved(download, "city.zip");
    const list = spawnSync("unzip", ["-Z1", path], { encoding: "utf8" }).stdout.trim().split("\n");
    assert.equal(list.length, n, `a PDF per compliant person (${list.length} of ${n})`);
    assert.ok(list.every((f) => new RegExp(`-${lastYear}-JX-${lastYear}-.+\\.pdf$`).test(f)), list.slice(0, 3).join(", "));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("person: prints their own 学时证明 for an earlier finished year", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "person");
    await open(page, "/me/certificates", "[data-test=certificate-year]");
    const year = lastYear - 1;
    await page.click("[data-test=certificate-year]");
    await page.locator(".el-select-dropdown__item:visible", { hasText: `${year} 年` }).first().click();
    await page.locator("button", { hasText: `开具 ${year} 年度学时证明` }).click();
    const row = page.locator(".el-table__row", { hasText: String(year) }).first();
    await row.waitFor();
    assert.match(await row.textContent(), /年度学时证明/);
    await shot(page, "82-person-certificate-earlier-year");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("employer: import lists required columns in Chinese, offers the .xlsx template, reads a GBK CSV", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "employer");
    await open(page, "/unit/import", "[data-test=import-columns] .el-tag");
    const columns = await page.textContent("[data-test=import-columns]");
    for (const c of ["身份证号", "姓名", "单位代码", "行政区划代码", "职称级别"]) assert.ok(columns.includes(c), `${c} is listed`);
    assert.doesNotMatch(columns, /id_number|employer_code/, "no English column names in the Chinese UI");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=import-template]")]);
    assert.match(download.suggestedFilename(), /^导入模板-专业技术人员\.xlsx$/);
    const xlsx = await saved(download, "template.xlsx");
    const sheet = spawnSync("unzip", ["-p", xlsx, "xl/worksheets/sheet1.xml"], { encoding: "utf8" }).stdout;
    assert.match(sheet, /<dataValidation [^>]*type="list"/, "the enumerations are drop-down lists");
    const strings = spawnSync("unzip", ["-p", xlsx, "xl/sharedStrings.xml"], { encoding: "utf8" }).stdout;
    assert.ok(strings.includes("身份证号*") && strings.includes("副高级"), "Chinese headers and the title levels");
    // A CSV as Chinese Excel saves it: GBK.
    const person = env.persons[0];
    const id = makeId(person.region_code, 913);
    const utf8 = `身份证号,姓名,单位代码,行政区划代码,专业,职称级别,取得职称日期\n${id},欧阳晓雯,${person.employer_code},${person.region_code},卫生,中级,2019-06-30\n`;
    const gbk = spawnSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: utf8 }).stdout;
    assert.ok(gbk.length > 0 && !gbk.equals(Buffer.from(utf8)), "iconv made a GBK file");
    await page.setInputFiles("[data-test=import-upload] input[type=file]", { name: "人员.csv", mimeType: "text/csv", buffer: gbk });
    await page.waitForSelector("[data-test=import-encoding]");
    assert.ok((await page.textContent(".el-table")).includes("欧阳晓雯"), "the preview shows the name, not mojibake");
    await shot(page, "83-employer-import-gbk");
    await page.click("[data-test=import-run]");
    await page.locator(".el-message-box__btns .el-button--primary").click();
    await page.waitForSelector("[data-test=import-result]");
    const found = await api("employer", "GET", `/persons?q=${encodeURIComponent("欧阳晓雯")}&page_size=5`);
    assert.ok(JSON.stringify(found.json).includes("欧阳晓雯") || found.status === 200);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("person: corrects and resubmits a rejected declaration; the rejected one stays in the history", async () => {
    const title = `学术年会（错填） ${Date.now() % 100000}`;
    const day = `${new Date().getFullYear()}-01-0${1 + (Date.now() % 8)}`;
    const declared = await api("person", "POST", "/records", { date: day, category: "professional", form: "academic_conference", hours: 5, title, provider_name: "省医学会" });
    assert.equal(declared.status, 201, JSON.stringify(declared.json));
    const rejected = await api("employer", "POST", `/records/${declared.json.id}/review`, { decision: "reject", reason: "学时与会议通知不符" });
    assert.equal(rejected.status, 200);
    const { page, context, errors } = await newPage();
    await login(page, "person");
    await open(page, "/me/records?status=rejected", "[data-test=records-table]");
    const row = page.locator("[data-test=records-table] .el-table__row", { hasText: title }).first();
    await row.waitFor();
    await row.locator("[data-test=resubmit]").click();
    const dialog = page.locator(".el-dialog", { hasText: "修改后重新提交" });
    await dialog.waitFor();
    assert.ok((await dialog.textContent()).includes("学时与会议通知不符"), "the reason is shown");
    await dialog.locator(".el-input-number input").fill("3");
    await dialog.locator(".el-form-item", { hasText: "课程" }).locator("input").fill(title.replace("（错填）", ""));
    await shot(page, "84-person-resubmit");
    await page.click("[data-test=correct-save]");
    await page.waitForSelector(".el-message--success");
    await open(page, "/me/records", "[data-test=records-table]");
    await page.waitForSelector("[data-test=resubmitted]");
    const fresh = page.locator("[data-test=records-table] .el-table__row", { hasText: title.replace("（错填）", "") }).first();
    assert.match(await fresh.textContent(), /待审核/);
    await shot(page, "85-person-records-after-resubmit");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("provider: an enrolment refused names the line of each unknown ID number", async () => {
    const course = await api("provider", "POST", "/courses", { code: `E2E-EN-${Date.now() % 100000}`, title: "院感防控", category: "professional", form: "centralized_training", hours: 6, published: true });
    assert.equal(course.status, 201, JSON.stringify(course.json));
    const name = `第${Date.now() % 1000}期院感防控班`;
    const cls = await api("provider", "POST", "/classes", { course_id: course.json.id, name, starts_on: `${lastYear}-10-10`, ends_on: `${lastYear}-10-11` });
    assert.equal(cls.status, 201, JSON.stringify(cls.json));
    const { page, context, errors } = await newPage();
    await login(page, "provider");
    await open(page, "/provider/classes", "[data-test=add-class]");
    await page.locator(".el-table__row", { hasText: name }).first().click();
    await page.waitForSelector("[data-test=class-detail]");
    await fillField(page, "[data-test=enrol-ids]", `${env.persons[0].id_number}\n110105199001011234\n${env.persons[1].id_number}`);
    await page.click("[data-test=enrol]");
    await page.waitForSelector("[data-test=enrol-errors]");
    const text = await page.textContent("[data-test=enrol-errors]");
    assert.match(text, /第 2 行：第 2 个身份证号 110105199001011234 未登记/, text);
    await shot(page, "86-provider-enrol-error-line");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("Chinese names, not codes: users, audit, providers, policies", async () => {
    const admin = await newPage();
    await login(admin.page, "admin");
    await admin.page.waitForSelector("[data-test=users-table] .el-table__row");
    const users = await admin.page.textContent("[data-test=users-table]");
    assert.doesNotMatch(users, /#p[a-z0-9]{6,}/, "no opaque person ids");
    assert.ok(users.includes(env.persons[0].name), "the person by name");
    await shot(admin.page, "87-admin-users-names");
    await admin.context.close();
    const { page, context, errors } = await newPage();
    await login(page, "authority");
    await open(page, "/authority/audit", "[data-test=audit-table] .el-table__row");
    const audit = await page.textContent("[data-test=audit-table]");
    assert.doesNotMatch(audit, /\b[a-z]\w{12}\b/, "no opaque entity ids where a name is known");
    await shot(page, "88-authority-audit-names");
    await open(page, "/providers", "[data-test=providers-table] .el-table__row");
    const providers = await page.textContent("[data-test=providers-table]");
    assert.doesNotMatch(providers, /government_centre|university|association/);
    // Every provider type has a Chinese name (the locale's providerType list); the page shows some.
    assert.match(providers, /继续教育中心|高等院校|企业培训机构|学术团体|科研院所|民办培训机构|外资施教机构/, `provider types in Chinese: ${providers.slice(0, 400)}`);
    await open(page, "/authority/persons", "[data-test=persons-table] .el-table__row");
    assert.doesNotMatch(await page.textContent("[data-test=persons-table]"), /national-20\d\d/);
    const course = await api("provider", "POST", "/courses", { code: `E2E-CAT-${Date.now() % 100000}`, title: "医疗纠纷预防与处理", category: "professional", form: "centralized_training", hours: 4, published: true });
    assert.equal(course.status, 201);
    await open(page, "/courses", "[data-test=catalogue-courses] .el-table__row");
    const catalogue = await page.textContent("[data-test=catalogue-courses]");
    assert.doesNotMatch(catalogue, /\b[0-9]{2}[0-9A-Z]{16}\b/, "providers by name in the catalogue, not by credit code");
    assert.match(catalogue, /继续教育基地|继续教育学院|学习平台|科学技术协会/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("authority: first load, dashboard ready after sign-in, trend from the first year with data", async () => {
    const { page, context, errors } = await newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let encoded = 0;
    cdp.on("Network.loadingFinished", (e) => { encoded += e.encodedDataLength; });
    await page.goto(`${env.url}#/login`);
    await page.waitForSelector("[data-test=login-submit]");
    await page.waitForLoadState("networkidle");
    const firstLoad = encoded;
    await page.getByPlaceholder("用户名").fill(env.users.authority);
    await page.getByPlaceholder("密码").fill(env.password);
    const apiTimes = [];
    page.on("requestfinished", (r) => {
      if (r.url().includes("/api/")) apiTimes.push(`${new URL(r.url()).pathname.replace("/api/v1", "")} ${Math.round(r.timing().responseEnd)} ms`);
    });
    const start = Date.now();
    await page.getByPlaceholder("密码").press("Enter");
    await page.waitForSelector("[data-test=chart-names]");
    await page.waitForFunction(() => document.querySelectorAll("[data-test=chart] canvas").length >= 4);
    const ready = Date.now() - start;
    // The trend's categories are its years: from the first year with data (the demo's records
    // start two years back), never a run of empty years before it.
    const names = await page.locator("[data-test=chart-names]").evaluateAll((lists) => lists.map((l) => [...l.querySelectorAll("li")].map((li) => li.textContent)));
    const years = names.find((n) => n.length && n.every((x) => /^20\d\d$/.test(x))) ?? [];
    console.log(`    first load ${(firstLoad / 1024).toFixed(1)} KB transferred (compressed); dashboard ready ${ready} ms after sign-in (${apiTimes.join(", ")})`);
    assert.ok(firstLoad < 200 * 1024, `first load under 200 KB compressed (${(firstLoad / 1024).toFixed(1)} KB)`);
    // The 1 s target is a speed figure, measured here and reported (web/README.md), not
    // asserted: a timed assertion would pass or fail with whatever else the machine runs.
    console.log(`    machine load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores while measuring`);
    const first = new Date().getFullYear() - 2;
    assert.deepEqual(years, [first, first + 1, first + 2].map(String), `the trend starts at the first year with data (${years})`);
    writeFileSync(join(tmp, "speed.json"), JSON.stringify({ firstLoad, ready }));
    const trendCard = page.locator(".card", { has: page.locator(".card-title", { hasText: "趋势" }) }).first();
    await trendCard.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1200); // the line animates in
    await trendCard.screenshot({ path: join(tmp, "trend.png") });
    await shot(page, "89-authority-dashboard-trend");
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/** A valid resident ID number (GB 11643 check digit) born on 1990-01-01 in `region`. */
function makeId(region, seq) {
  const body = `${region}19900101${String(seq % 1000).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}
