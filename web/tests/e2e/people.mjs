// Browser flows of issue 10's people items, each as the role that uses it: 专业技术人员 over the
// whole scope (未达标名单, sort, region cascader, export), the employer ranking, the dashboard's
// drill-down to an employer's persons, and a transfer from one employer to another that the
// person then sees. Registered by run.mjs, which passes its helpers in.
import assert from "node:assert/strict";

export function registerPeople({ test, newPage, login, open, shot, env }) {
  const api = async (path, { token, method = "GET", body } = {}) => {
    const res = await fetch(`${env.url}api/v1${path}`, {
      method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
  const tokenOf = async (username, password = env.password) =>
    (await api("/auth/login", { method: "POST", body: { username, password } })).json.token;
  const texts = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));

  test("city authority: 专业技术人员 lists the whole scope; 未达标名单, sort, region and export", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "city");
    await open(page, "/authority/persons", "[data-test=persons-table] tbody tr");
    const scope = Number((await page.textContent("[data-test=persons-scope-total]")).replace(/\D/g, ""));
    assert.ok(scope > 0, "the scope's persons, without choosing an employer");
    const employers = new Set(await texts(page, "[data-test=persons-table] tbody tr td:nth-child(3)"));
    assert.ok(employers.size >= 2, `persons of several employers on one page (${[...employers].join(", ")})`);
    // The status tags filter the list (未达标名单 among them); take the one with most persons
    // that is not the whole scope, so the filter shows.
    const tagCount = async (s) => Number((await page.textContent(`[data-test=status-${s}] b`)).trim());
    assert.ok(await page.isVisible("[data-test=status-not_compliant]"));
    assert.match(await page.textContent("[data-test=status-not_compliant]"), /未达标名单/);
    const counts = {};
    for (const s of ["compliant", "in_progress", "not_compliant", "exempt"]) counts[s] = await tagCount(s);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), scope);
    const pick = counts.not_compliant > 0 ? "not_compliant"
      : Object.entries(counts).filter(([, n]) => n > 0 && n < scope).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "compliant";
    const label = { compliant: "已达标", in_progress: "进行中", not_compliant: "未达标", exempt: "免修" }[pick];
    await page.click(`[data-test=status-${pick}]`);
    await page.waitForLoadState("networkidle");
    await page.waitForSelector("[data-test=persons-table] tbody tr");
    await page.waitForTimeout(300);
    const statuses = new Set(await texts(page, "[data-test=persons-table] tbody tr td:nth-child(10)"));
    assert.deepEqual([...statuses], [label]);
    assert.equal(Number((await page.textContent(".el-pagination__total")).replace(/\D/g, "")), counts[pick]);
    // Sorted by 尚差学时, largest first (the server sorts the whole list).
    const header = page.locator("[data-test=persons-table] th", { hasText: "尚差" });
    await header.click();
    await page.waitForLoadState("networkidle");
    await header.click();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const shortfalls = (await texts(page, "[data-test=persons-table] tbody tr td:nth-child(9)")).map(Number);
    assert.ok(shortfalls.length > 1);
    for (let i = 1; i < shortfalls.length; i++) assert.ok(shortfalls[i - 1] >= shortfalls[i], `descending: ${shortfalls.join(", ")}`);
    await shot(page, "80-city-persons-not-compliant");
    // One county through the 省/市/县 cascader: the first listed person's, by name.
    const place = (await page.getAttribute("[data-test=person-region]", "title")).trim().split(/\s+/);
    const [provinceName, cityName, countyName] = place.length === 3 ? place : [place[0], place[0], place[1]];
    await page.click("[data-test=region-cascader]");
    const node = (level, name) => page.locator(`.el-cascader-menu:nth-child(${level}) .el-cascader-node:visible`, { hasText: name }).first();
    await node(1, provinceName).click();
    await node(2, cityName).click();
    await node(3, countyName).locator(".el-radio").click();
    await page.keyboard.press("Escape");
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const regions = await page.$$eval("[data-test=person-region]", (els) => els.map((e) => e.getAttribute("title")));
    assert.ok(regions.length >= 1, "the county has the person it was picked from");
    for (const r of regions) assert.ok(r.endsWith(countyName), `${r} is in ${countyName}`);
    await shot(page, "81-city-persons-county");
    // Export: the not-compliant list as .xlsx.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=persons-export-xlsx]")]);
    assert.match(download.suggestedFilename(), new RegExp(`${label}.*\\.xlsx$`));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("city authority: 用人单位 ranked by 达标率 and 人均学时, rates as numbers, down to a unit's persons", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "city");
    await open(page, "/authority/employers", "[data-test=employers-table] tbody tr");
    const rates = await texts(page, "[data-test=employer-rate]");
    assert.ok(rates.length >= 1);
    for (const r of rates) assert.match(r, /^(\d{1,3}\.\d%|—)$/, `a rate as a number: ${r}`);
    const values = rates.filter((r) => r !== "—").map(parseFloat);
    for (let i = 1; i < values.length; i++) assert.ok(values[i - 1] >= values[i], `best first: ${values.join(", ")}`);
    await page.locator("[data-test=employers-table] th", { hasText: "人均学时" }).click();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const hours = (await texts(page, "[data-test=employer-hours]")).filter((h) => h !== "—").map(Number);
    for (let i = 1; i < hours.length; i++) assert.ok(hours[i - 1] <= hours[i], `ascending: ${hours.join(", ")}`);
    await shot(page, "82-city-employer-ranking");
    const name = (await page.locator("[data-test=employer-open]").first().textContent()).trim();
    await page.locator("[data-test=employer-open]").first().click();
    await page.waitForSelector("[data-test=persons-table] tbody tr");
    await page.waitForLoadState("networkidle");
    const units = new Set(await texts(page, "[data-test=persons-table] tbody tr td:nth-child(3)"));
    assert.deepEqual([...units], [name]);
    await shot(page, "83-city-employer-persons");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("province authority: a region bar drills down to cities, counties, an employer and its persons", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "authority");
    await page.waitForSelector("[data-test=chart-region] [data-test=chart-names] li");
    const cities = await texts(page, "[data-test=chart-region] [data-test=chart-names] li");
    assert.ok(cities.length >= 2, `cities: ${cities.join(", ")}`);
    // A click on a bar is the same as on its name (the list is the chart's accessible twin).
    await page.$eval("[data-test=chart-region] [data-test=chart-names] li", (li) => li.click());
    await page.waitForFunction((before) => {
      const names = [...document.querySelectorAll("[data-test=chart-region] [data-test=chart-names] li")].map((li) => li.textContent.trim());
      return names.length && names.join() !== before;
    }, cities.join());
    const path = await texts(page, "[data-test=drill-path] .el-breadcrumb__item");
    assert.equal(path.length, 2, `whole scope › a city: ${path.join(" › ")}`);
    const counties = await texts(page, "[data-test=chart-region] [data-test=chart-names] li");
    assert.ok(counties.every((c) => !cities.includes(c)), `one level down: ${counties.join(", ")}`);
    await page.waitForTimeout(1200);
    await shot(page, "84-province-drill-city");
    await page.$eval("[data-test=chart-region] [data-test=chart-names] li", (li) => li.click());
    await page.waitForFunction(() => document.querySelectorAll("[data-test=drill-path] .el-breadcrumb__item").length === 3);
    await page.waitForSelector("[data-test=region-employers-table] tbody tr");
    await page.waitForTimeout(1500);
    // Scrolled down to the county's employers.
    assert.ok(await page.$eval("[data-test=region-employers]", (el) => el.getBoundingClientRect().top < window.innerHeight));
    await shot(page, "85-province-drill-county");
    const unit = (await page.locator("[data-test=drill-employer]").first().textContent()).trim();
    await page.locator("[data-test=drill-employer]").first().click();
    await page.waitForSelector("[data-test=persons-table] tbody tr");
    await page.waitForLoadState("networkidle");
    assert.deepEqual([...new Set(await texts(page, "[data-test=persons-table] tbody tr td:nth-child(3)"))], [unit]);
    await shot(page, "86-province-drill-employer-persons");
    // Back up: the whole scope again.
    await page.goBack();
    await page.waitForSelector("[data-test=drill-root]");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("province authority: 政策模拟 — a candidate of 90 hours a year against the policy in force", async () => {
    const { page, context, errors } = await newPage();
    await login(page, "authority");
    const token = await tokenOf(env.users.authority);
    const lastYear = new Date().getFullYear() - 1;
    const region = (await api(`/compliance/region?year=${lastYear}`, { token })).json;
    await open(page, "/authority/what-if", "[data-test=whatif-run]");
    await page.click("[data-test=whatif-source] label:nth-child(2)");
    await page.click("[data-test=whatif-example]");
    await page.click("[data-test=whatif-run]");
    await page.waitForSelector("[data-test=whatif-summary]");
    // What the page shows is what the API answers for the same candidate, and "before" is the
    // dashboard's count of compliant persons.
    const example = await page.inputValue("[data-test=whatif-toml]");
    assert.match(example, /total = 90/);
    const direct = await api(`/compliance/what-if?year=${lastYear}`, { token, method: "POST", body: { policy_toml: example } });
    assert.equal(direct.status, 200, JSON.stringify(direct.json));
    assert.equal(direct.json.total.persons, region.persons);
    assert.equal(direct.json.total.compliant_before, region.by_status.compliant ?? 0);
    assert.ok(direct.json.total.from_compliant > 0, "a higher total fails some who were compliant");
    assert.equal(Number((await page.textContent("[data-test=whatif-changed]")).trim()), direct.json.total.changed);
    const flips = await page.$$eval("[data-test=whatif-flips] tbody tr", (rows) => rows.length);
    assert.equal(flips, Math.min(direct.json.flips_shown, direct.json.flips.length));
    assert.match(await page.textContent("[data-test=whatif-flips]"), /已达标/);
    assert.doesNotMatch(await page.textContent("[data-test=whatif-flips]"), /\d{17}[\dX]/, "ID numbers masked");
    await shot(page, "95-authority-what-if");
    // A broken file names the problem.
    await page.fill("[data-test=whatif-toml]", "extends = \"national-2007\"\n[requirement\ntotal = 90");
    await page.click("[data-test=whatif-run]");
    await page.waitForSelector("[data-test=whatif-error]");
    assert.match(await page.textContent("[data-test=whatif-error]"), /candidate\.toml|第|line/);
    assert.deepEqual(errors.filter((e) => !/400/.test(e)), []);
    await context.close();
  });

  test("employer: releases a person, another employer's HR takes them on, the person sees it", async () => {
    const admin = await tokenOf(env.users.admin);
    const employerHr = await tokenOf(env.users.employer);
    const own = (await api("/employers?page_size=1", { token: employerHr })).json.items[0];
    // A second employer in the same county, with its HR (a valid GB 32100 code made up here).
    const codeOk = (() => {
      const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
      const base = "8" + String(Date.now() % 10000000).padStart(7, "0");
      const ow = [3, 7, 9, 10, 5, 8, 4, 2];
      const c = 11 - ([...base].reduce((a, d, i) => a + Number(d) * ow[i], 0) % 11);
      const body = "91" + own.region_code + base + (c === 10 ? "X" : c === 11 ? "0" : String(c));
      const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
      const sum = [...body].reduce((a, ch, i) => a + chars.indexOf(ch) * w[i], 0);
      return body + chars[(31 - (sum % 31)) % 31];
    })();
    const created = await api("/employers", { token: admin, method: "POST", body: { code: codeOk, name: "第二人民医院（调动测试）", region_code: own.region_code, type: "public_institution" } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const hr2 = `e2e-hr2-${Date.now() % 100000}`;
    assert.equal((await api("/users", { token: admin, method: "POST", body: { username: hr2, password: env.password, role: "employer_admin", employer_code: codeOk } })).status, 201);
    // The e2e person moves (this flow runs last), so they can see their own history afterwards.
    const target = env.persons[0];
    const mover = (await api(`/persons?page_size=50&name=${encodeURIComponent(target.name)}`, { token: employerHr })).json.items
      .find((p) => p.id_number.slice(-4) === target.id_number.slice(-4));
    assert.ok(mover, "the e2e person is HR's staff");
    const full = { id_number: target.id_number, name: mover.name };
    const recordsBefore = (await api(`/persons/${mover.id}/records?page_size=1`, { token: employerHr })).json.total;

    const { page, context, errors } = await newPage();
    await login(page, "employer");
    await open(page, "/people/transfers");
    await page.click("[data-test=transfer-release]");
    await page.click("[data-test=transfer-person]");
    await page.keyboard.type(mover.name);
    await page.locator(".el-select-dropdown__item:visible", { hasText: mover.name }).first().click();
    await page.click("[data-test=transfer-submit]");
    await page.waitForSelector("[data-test=transfers-table] tbody tr");
    assert.match(await page.textContent("[data-test=transfers-table] tbody tr"), /待接收/);
    await shot(page, "87-employer-released");
    await context.close();

    const second = await newPage();
    await second.page.goto(`${env.url}#/login`);
    await second.page.getByPlaceholder("用户名").fill(hr2);
    await second.page.getByPlaceholder("密码").fill(env.password);
    await second.page.getByPlaceholder("密码").press("Enter");
    await second.page.waitForSelector("[data-test=logout]");
    await open(second.page, "/people/transfers");
    await second.page.click("[data-test=transfer-take-on]");
    await second.page.fill("[data-test=take-on-id]", full.id_number);
    await second.page.fill("[data-test=take-on-name]", "不是这个人");
    await second.page.click("[data-test=transfer-submit]");
    await second.page.waitForSelector(".el-message--error");
    assert.match(await second.page.textContent(".el-message--error"), /没有待调入的该人员/);
    await second.page.fill("[data-test=take-on-name]", full.name);
    await second.page.click("[data-test=transfer-submit]");
    await second.page.waitForSelector("[data-test=transfers-table] tbody tr");
    const row = await second.page.textContent("[data-test=transfers-table] tbody tr");
    assert.match(row, /已调入/);
    assert.match(row, /第二人民医院/);
    await shot(second.page, "88-employer2-taken-on");
    assert.deepEqual(second.errors, []);
    await second.context.close();
    // The records followed: HR-2 sees the whole archive, HR no longer sees the person.
    const hr2Token = await tokenOf(hr2);
    assert.equal((await api(`/persons/${mover.id}/records?page_size=1`, { token: hr2Token })).json.total, recordsBefore);
    assert.equal((await api(`/persons/${mover.id}`, { token: employerHr })).status, 404);

    // The city sees the transfer in its list; the person sees it in their history.
    const city = await newPage();
    await login(city.page, "city");
    await open(city.page, "/people/transfers", "[data-test=transfers-table] tbody tr");
    assert.match(await city.page.textContent("[data-test=transfers-table]"), new RegExp(full.name));
    await shot(city.page, "89-city-transfers");
    await city.context.close();
    const me = await newPage();
    await login(me.page, "person");
    await open(me.page, "/me/history", "[data-test=employment-history] .el-timeline-item");
    assert.match(await me.page.textContent("[data-test=employment-history]"), new RegExp(`由 ${own.name} 调入 第二人民医院`));
    await shot(me.page, "90-person-employment-history");
    assert.deepEqual(me.errors, []);
    await me.context.close();
    assert.deepEqual(errors, []);
  });
}
