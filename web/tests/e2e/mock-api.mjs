#!/usr/bin/env node
// A stand-in for `jixu serve` with the API shapes the UI is written against (issue 4/5): for
// developing pages and taking screenshots while a route is not in the real server yet.
// `node tests/e2e/mock-api.mjs [port]` serves web/dist and /api/v1 with in-memory demo data.
// The Playwright suite runs against the real server; this is never used by `make test`
// unless JIXU_E2E_MOCK=1 is set.
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname, extname } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "../../dist");
const YEAR = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(region, birth, seq) {
  const s = `${region}${birth}${String(seq).padStart(3, "0")}`;
  const sum = [...s].reduce((a, c, i) => a + Number(c) * W[i], 0);
  return s + "10X98765432"[sum % 11];
}
const mask = (id) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"];
const FIELDS = ["工程", "卫生", "教育", "信息技术", "农业", "经济"];
const LEVELS = ["junior", "intermediate", "associate_senior", "senior"];
const FORMS = ["centralized_training", "online_course", "seminar", "self_study", "academic_conference", "advanced_study"];
const EMPLOYER = { id: "E1", code: "91110105MA01ABCD2X", name: "北京市朝阳区第一人民医院", region_code: "110105", industry: "卫生" };

const persons = Array.from({ length: 36 }, (_, i) => ({
  id: `P${i + 1}`, name: SURNAMES[i % 20] + GIVEN[(i * 7) % 20], id_number: idNumber("110105", `19${70 + (i % 25)}0${1 + (i % 9)}1${i % 10}`, 100 + i),
  employer_code: EMPLOYER.code, employer_name: EMPLOYER.name, region_code: "110105", field: FIELDS[i % 6], title_level: LEVELS[i % 4],
  department: ["内科", "外科", "儿科", "检验科"][i % 4]
}));
persons[0].name = "张伟";
let nextRecord = 1;
const records = [];
function addRecord(p, date, category, form, hours, title, status = "approved", source = "provider") {
  records.push({ id: `R${nextRecord++}`, person_id: p.id, person_name: p.name, id_number: mask(p.id_number), date, year: Number(date.slice(0, 4)),
    category, form, hours, provider_code: "12100000400000624D", provider_name: "清华大学继续教育学院", title, status, origin: source, evidence: [] });
}
persons.forEach((p, i) => {
  for (let y = YEAR - 2; y <= YEAR; y++) {
    const n = y === YEAR ? (i === 0 ? 3 : i % 5) : 4 + (i % 3);
    for (let k = 0; k < n; k++) {
      addRecord(p, `${y}-0${1 + ((k * 2 + i) % 9)}-1${k % 10}`, k % 3 === 2 ? "public" : "professional", FORMS[(i + k) % 6],
        [8, 12, 16, 6, 24][(i + k) % 5], ["临床诊疗新进展", "医疗质量与安全管理", "专业技术人员职业道德", "人工智能与数字经济", "急危重症救治"][(i + k) % 5]);
    }
  }
});
const users = {
  zhangwei: { id: "U1", username: "zhangwei", role: "person", display_name: "张伟", person_id: "P1" },
  hr: { id: "U2", username: "hr", role: "employer_admin", display_name: "人事科 王敏", employer_code: EMPLOYER.code },
  provider: { id: "U3", username: "provider", role: "provider_admin", display_name: "清华大学继续教育学院", provider_code: "12100000400000624D" },
  authority: { id: "U4", username: "authority", role: "authority", display_name: "北京市人社局", region_prefix: "11" },
  admin: { id: "U5", username: "admin", role: "admin", display_name: "系统管理员" }
};
const sessions = new Map();
const passwords = {}; // username → password set by a reset or a change (default "jixu-demo")

function compliance(p, year) {
  const rs = records.filter((r) => r.person_id === p.id && r.year === year && r.status === "approved");
  const pro = rs.filter((r) => r.category === "professional").reduce((a, r) => a + r.hours, 0);
  const pub = rs.filter((r) => r.category === "public").reduce((a, r) => a + r.hours, 0);
  const counted = pro + Math.min(pub, 24);
  const shortfall = Math.max(0, 72 - counted);
  const status = shortfall === 0 ? "compliant" : year < YEAR ? "not_compliant" : "in_progress";
  return { person_id: p.id, name: p.name, id_number: mask(p.id_number), department: p.department, title_level: p.title_level, field: p.field,
    year, policy: "national-2007", policy_name: "国家 2007（国人部发〔2007〕96号）", required_hours: 72, professional_hours: pro, public_hours: pub,
    public_cap_hours: 24, counted_hours: counted, shortfall_hours: shortfall, status,
    sentence_zh: `${year} 年应修 72 学时，已计 ${counted} 学时（专业科目 ${pro}，公需科目 ${Math.min(pub, 24)}），${shortfall ? `尚差 ${shortfall} 学时` : "已达标"}。`,
    sentence_en: `${year}: 72 hours required, ${counted} counted (${pro} professional, ${Math.min(pub, 24)} public); ${shortfall ? `${shortfall} still needed` : "compliant"}.` };
}
const page = (items, q) => {
  const p = Number(q.get("page") || 1), s = Number(q.get("page_size") || 20);
  return { items: items.slice((p - 1) * s, p * s), total: items.length, page: p, page_size: s };
};
const problem = (res, status, code, zh, en, extra = {}) => send(res, status, { type: `urn:jixu:problem:${code}`, title: code, status, code, field: "", message_zh: zh, message_en: en, ...extra }, "application/problem+json");
function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "Content-Type": type });
  res.end(body === undefined ? "" : JSON.stringify(body));
}
const body = (req) => new Promise((ok) => { let b = ""; req.on("data", (c) => (b += c)); req.on("end", () => ok(b)); });

function stats(year, scope) {
  const ps = scope === "employer" ? persons : persons;
  const cs = ps.map((p) => compliance(p, year));
  const rate = (xs) => ({ persons: xs.length, compliant: xs.filter((c) => c.status === "compliant").length });
  const group = (key) => Object.entries(cs.reduce((m, c) => ((m[key(c)] ??= []).push(c), m), {})).map(([k, xs]) => ({ key: k, ...rate(xs) }));
  const rs = records.filter((r) => r.year === year && r.status === "approved");
  const byForm = Object.entries(rs.reduce((m, r) => ((m[r.form] = (m[r.form] ?? 0) + r.hours), m), {})).map(([k, h]) => ({ key: k, hours: h }));
  const regions = ["110105", "120101", "310101", "440103", "510104", "610102", "210102", "420102", "650102", "530102"];
  return { year, ...rate(cs), compliance_rate: rate(cs).compliant / cs.length, hours: rs.reduce((a, r) => a + r.hours, 0),
    professional_hours: rs.filter((r) => r.category === "professional").reduce((a, r) => a + r.hours, 0),
    public_hours: rs.filter((r) => r.category === "public").reduce((a, r) => a + r.hours, 0),
    by_region: regions.map((r, i) => ({ key: r, persons: 200 + i * 37, compliant: 120 + ((i * 53) % 80) })),
    by_field: group((c) => c.field), by_title_level: group((c) => c.title_level), by_form: byForm,
    by_status: group((c) => c.status).map((b) => ({ key: b.key, persons: b.persons })),
    trend: [YEAR - 4, YEAR - 3, YEAR - 2, YEAR - 1, YEAR].map((y, i) => ({ key: String(y), compliance_rate: [0.61, 0.68, 0.74, 0.81, 0.42][i], hours: [58, 63, 70, 76, 31][i] })) };
}

async function api(req, res, url) {
  const path = url.pathname.replace(/^\/api\/v1/, "");
  const q = url.searchParams;
  if (path === "/auth/login" && req.method === "POST") {
    const { username, password } = JSON.parse((await body(req)) || "{}");
    const u = users[username];
    if (!u || password !== (passwords[username] ?? "jixu-demo")) return problem(res, 401, "invalid_credentials", "用户名或密码错误", "wrong username or password");
    const token = `t${Math.random().toString(36).slice(2)}`;
    sessions.set(token, u);
    return send(res, 200, { token, expires_at: new Date(Date.now() + 12 * 3600e3).toISOString(), must_change_password: !!u.must_change_password, user: u });
  }
  if (path === "/providers" && req.method === "GET") {
    const all = [["12100000400000624D", "清华大学继续教育学院", "高等院校"], ["52110000MJ0000001A", "北京市医师协会", "行业协会"], ["91110000MA0000002B", "中关村数字技术培训中心", "企业培训中心"], ["12110000400000003C", "北京市卫生健康干部培训中心", "事业单位"], ["52110000MJ0000004D", "北京护理学会", "行业协会"]]
      .map(([code, name, type], i) => ({ id: `V${i}`, code, name, type, region_code: "110000", approved: i !== 4 }));
    const a = q.get("approved") || "true";
    return send(res, 200, page(all.filter((p) => a === "all" || String(p.approved) === a), q));
  }
  if (path === "/courses" && req.method === "GET") {
    const all = ["临床诊疗新进展", "医疗质量与安全管理", "专业技术人员职业道德", "人工智能与数字经济", "急危重症救治", "专业技术人员心理健康"].map((t, i) => ({
      id: `C${i}`, code: `K${100 + i}`, title: t, category: i === 2 || i === 5 || i === 3 ? "public" : "professional", form: FORMS[i], hours: [16, 12, 6, 8, 24, 6][i], provider_code: "12100000400000624D", published: i !== 5 }));
    return send(res, 200, page(all, q));
  }
  const m = path.match(/^\/certificates\/([^/]+)\/verify$/);
  if (m) {
    if (m[1] !== "JX-2025-0001-8F3K") return send(res, 200, { status: "unknown", status_zh: "无此证书", serial: m[1], problems: [] });
    return send(res, 200, { status: "valid", status_zh: "有效", serial: m[1], issued_at: `${YEAR}-01-15T10:00:00+08:00`, problems: [], content: [
      { label_zh: "姓名", label_en: "Name", value: "张*" }, { label_zh: "身份证号", label_en: "ID number", value: mask(persons[0].id_number) },
      { label_zh: "年度", label_en: "Year", value: String(YEAR - 1) }, { label_zh: "学时", label_en: "Hours", value: "80" },
      { label_zh: "发证机构", label_en: "Issuer", value: "北京市人力资源和社会保障局" }] });
  }
  const user = sessions.get((req.headers.authorization || "").replace(/^Bearer /, ""));
  if (!user) return problem(res, 401, "unauthorized", "请先登录或登录已过期", "authentication required or session expired");
  if (path === "/auth/logout") return send(res, 204);
  if (path === "/auth/password" && req.method === "POST") {
    const { current_password, new_password } = JSON.parse((await body(req)) || "{}");
    if (current_password !== (passwords[user.username] ?? "jixu-demo")) return problem(res, 422, "wrong_password", "当前密码不正确", "the current password is wrong");
    passwords[user.username] = new_password;
    user.must_change_password = false;
    return send(res, 200, user);
  }
  if (user.must_change_password && path !== "/auth/me") return problem(res, 403, "password_change_required", "管理员已重置您的密码，请先修改密码", "an administrator reset your password: change it first");
  let rm;
  if ((rm = path.match(/^\/users\/([^/]+)\/password-reset$/)) && req.method === "POST") {
    const u = Object.values(users).find((x) => x.id === rm[1]);
    if (!u) return problem(res, 404, "not_found", "未找到", "not found");
    if (u === user) return problem(res, 409, "cannot_reset_self", "不能重置自己的密码", "you cannot reset your own password");
    passwords[u.username] = "Tmp" + Math.random().toString(36).slice(2, 11);
    u.must_change_password = true;
    for (const [k, v] of sessions) if (v === u) sessions.delete(k);
    return send(res, 200, { user: u, temporary_password: passwords[u.username] });
  }
  let pm;
  if ((pm = path.match(/^\/persons\/([^/]+)\/compliance$/))) {
    const p = persons.find((x) => x.id === pm[1]);
    return p ? send(res, 200, compliance(p, Number(q.get("year")))) : problem(res, 404, "not_found", "未找到", "not found");
  }
  if ((pm = path.match(/^\/persons\/([^/]+)\/promotion$/))) {
    const p = persons.find((x) => x.id === pm[1]);
    const ys = [YEAR - 3, YEAR - 2, YEAR - 1].map((y) => compliance(p, y));
    const ok = ys.every((c) => c.status === "compliant");
    return send(res, 200, { eligible: ok, year: Number(q.get("year")), from_year: YEAR - 3, to_year: YEAR - 1, blocking_years: ys.filter((c) => c.status !== "compliant").map((c) => c.year), years: ys,
      sentence_zh: ok ? "取得现职称以来各年度均已达标，可以申报" : "取得现职称以来有年度未达标，暂不能申报", sentence_en: ok ? "Every year since the current title is compliant" : "A year since the current title is not compliant" });
  }
  if ((pm = path.match(/^\/persons\/([^/]+)\/history$/))) {
    const p = persons.find((x) => x.id === pm[1]);
    const years = [];
    for (let y = Number(q.get("from")); y <= Number(q.get("to")); y++) years.push(compliance(p, y));
    return send(res, 200, { person_id: p.id, years });
  }
  if ((pm = path.match(/^\/persons\/([^/]+)$/))) return send(res, 200, { ...persons.find((x) => x.id === pm[1]), title_since: `${YEAR - 4}-07-01` });
  if ((pm = path.match(/^\/employers\/([^/]+)\/compliance$/))) {
    let cs = persons.map((p) => compliance(p, Number(q.get("year") || YEAR)));
    const counts = cs.reduce((m, c) => ((m[c.status] = (m[c.status] ?? 0) + 1), m), {});
    for (const k of ["status", "title_level", "field"]) if (q.get(k)) cs = cs.filter((c) => c[k] === q.get(k));
    return send(res, 200, { employer: EMPLOYER, year: Number(q.get("year")), counts, ...page(cs, q) });
  }
  if (path === "/compliance/region") {
    const y = Number(q.get("year") || YEAR);
    const cs = persons.map((p) => compliance(p, y));
    const by = (key) => cs.reduce((m, c) => { const k = key(c); m[k] ??= {}; m[k][c.status] = (m[k][c.status] ?? 0) + 1; return m; }, {});
    const regions = ["1101", "1102", "1105", "1106", "1108", "1109", "1111"];
    const byRegion = Object.fromEntries(regions.map((r, i) => [r, { compliant: 40 + ((i * 37) % 50), in_progress: 20 + i * 3, not_compliant: y < YEAR ? 10 + i : 0 }]));
    return send(res, 200, { year: y, region: "11", persons: cs.length, by_status: cs.reduce((m, c) => ((m[c.status] = (m[c.status] ?? 0) + 1), m), {}),
      by_region: byRegion, by_field: by((c) => c.field), professional_hours: cs.reduce((a, c) => a + c.professional_hours, 0), public_hours: cs.reduce((a, c) => a + c.public_hours, 0) });
  }
  if (path === "/reviews" && req.method === "GET") return send(res, 200, page(records.filter((r) => r.status === "pending").reverse(), q));
  if (path === "/reviews" && req.method === "POST") {
    const d = JSON.parse(await body(req));
    for (const id of d.record_ids) { const r = records.find((x) => x.id === id); r.status = d.decision === "approve" ? "approved" : "rejected"; if (d.reason) r.reject_reason = d.reason; }
    return send(res, 200, { decided: d.record_ids.length });
  }
  if ((pm = path.match(/^\/records\/([^/]+)\/evidence$/)) && req.method === "POST") {
    const b = await body(req);
    const r = records.find((x) => x.id === pm[1]);
    const e = { sha256: "ab12cd34ef56" + r.evidence.length, mime: "application/pdf", size: b.length, filename: q.get("filename") };
    r.evidence.push(e);
    return send(res, 201, e);
  }
  if (path === "/records/report") {
    const d = JSON.parse(await body(req));
    return send(res, 201, { inserted: d.items.length, unchanged: 0, ids: [] });
  }
  if ((pm = path.match(/^\/records\/([^/]+)$/))) return send(res, 200, records.find((x) => x.id === pm[1]));
  if (path === "/records" && req.method === "GET") {
    let rs = records.slice().reverse();
    if (user.role === "person") rs = rs.filter((r) => r.person_id === user.person_id);
    for (const k of ["year", "category", "form", "status", "origin"]) if (q.get(k)) rs = rs.filter((r) => String(r[k]) === q.get(k));
    if (q.get("q")) rs = rs.filter((r) => r.title.includes(q.get("q")) || r.person_name.includes(q.get("q")));
    return send(res, 200, page(rs, q));
  }
  if (path === "/records" && req.method === "POST") {
    const d = JSON.parse(await body(req));
    if (!(d.hours > 0 && d.hours <= 1000)) return problem(res, 422, "invalid_hours", "学时须大于 0 且不超过 1000", "hours must be above 0 and at most 1000", { field: "hours" });
    const p = persons.find((x) => x.id === user.person_id);
    addRecord(p, d.date, d.category, d.form, d.hours, d.title, "pending", "self");
    records[records.length - 1].provider_name = d.provider_name;
    return send(res, 201, records[records.length - 1]);
  }
  if ((pm = path.match(/^\/records\/([^/]+)\/review$/))) {
    const r = records.find((x) => x.id === pm[1]);
    const d = JSON.parse(await body(req));
    r.status = d.decision === "approve" ? "approved" : "rejected";
    if (d.reason) r.reject_reason = d.reason;
    return send(res, 200, r);
  }
  if (path === "/compliance") {
    let cs = persons.map((p) => compliance(p, Number(q.get("year") || YEAR)));
    for (const k of ["status", "title_level", "department"]) if (q.get(k)) cs = cs.filter((c) => c[k] === q.get(k));
    if (q.get("q")) cs = cs.filter((c) => c.name.includes(q.get("q")));
    return send(res, 200, page(cs, q));
  }
  // The people routes (issue 10): the whole scope's compliance, the employer ranking, regions,
  // transfers.
  if (path === "/compliance/persons") {
    let cs = persons.map((p) => ({ ...compliance(p, Number(q.get("year") || YEAR)), employer_id: EMPLOYER.id, employer_code: EMPLOYER.code, employer_name: EMPLOYER.name, region_code: p.region_code, region_name: "北京市 朝阳区" }));
    const counts = { compliant: 0, in_progress: 0, not_compliant: 0, exempt: 0 };
    for (const c of cs) counts[c.status]++;
    for (const k of ["status", "title_level", "field"]) if (q.get(k)) cs = cs.filter((c) => c[k] === q.get(k));
    return send(res, 200, { year: Number(q.get("year") || YEAR), counts, ...page(cs, q) });
  }
  if (path === "/statistics/employers") {
    const items = [{ ...EMPLOYER, persons: 36, compliant: 14 }, { id: "E2", code: "12110105400000001X", name: "北京市朝阳区实验中学", region_code: "110105", industry: "教育", persons: 120, compliant: 97 }]
      .map((e, i) => ({ ...e, rank: i + 1, region_name: "北京市 朝阳区", not_compliant: 3, compliance_rate: e.compliant / e.persons, hours: e.persons * 60, hours_per_person: 60 }));
    return send(res, 200, { year: YEAR, persons: 156, compliant: 111, unassigned_persons: 0, ...page(items, q) });
  }
  if (path === "/regions") {
    const parent = q.get("parent") ?? "";
    const rows = parent === "" ? [["11", "北京市"]] : parent === "11" ? [["1101", "北京市"]] : [["110105", "朝阳区"], ["110108", "海淀区"]];
    return send(res, 200, page(rows.map(([prefix, name]) => ({ prefix, code: prefix.padEnd(6, "0"), name, level: ["province", "city", "county"][prefix.length / 2 - 1], leaf: prefix.length === 6 })), q));
  }
  if (path === "/transfers" || /^\/persons\/[^/]+\/transfers$/.test(path)) return send(res, 200, page([], q));
  if (path === "/persons") return send(res, 200, page(persons.map((p) => ({ ...p, id_number: mask(p.id_number) })), q));
  if (path === "/statistics") return send(res, 200, stats(Number(q.get("year") || YEAR), user.role));
  if (path === "/employers") return send(res, 200, page([EMPLOYER, { id: "E2", code: "12110105400000001X", name: "北京市朝阳区实验中学", region_code: "110105", industry: "教育" }, { id: "E3", code: "91110108MA00000002", name: "北京星河软件有限公司", region_code: "110108", industry: "信息技术" }].map((e, i) => ({ ...e, staff: [36, 120, 58][i], compliant: [14, 97, 31][i] })), q));
  if (path === "/audit") return send(res, 200, page(records.slice(-30).reverse().map((r, i) => ({ id: 1000 - i, at: new Date(Date.now() - i * 3600e3).toISOString(), actor: i % 2 ? "hr" : "zhangwei", action: i % 2 ? "record.review" : "record.declare", entity: "record", entity_id: r.id, hash: "9f2c4e1a7b3d5f60" + i, before: i % 2 ? { status: "pending" } : null, after: { status: r.status, hours: r.hours } })), q));
  if (path === "/policies") return send(res, 200, page([
    { id: "national-2007", name_zh: "专业技术人员继续教育（国人部发〔2007〕96号）", name_en: "National 2007 (Guo Ren Bu Fa [2007] No. 96)", default: true, cycle_years: 1, scope: { region_prefix: "", field: "", from_year: 0, to_year: 0 }, description: "每年不少于 72 学时，公需科目不超过三分之一", legal_source: "国人部发〔2007〕96号" },
    { id: "national-2015", name_zh: "专业技术人员继续教育规定（人社部令第25号）", name_en: "Regulation on CE (MOHRSS Order No. 25)", cycle_years: 1, scope: { region_prefix: "", field: "", from_year: 2016, to_year: 0 }, description: "每年不少于 90 学时，专业科目不少于三分之二", legal_source: "人社部令第25号" }], q));
  if (path === "/users") return send(res, 200, page(Object.values(users), q));
  if (/^\/persons\/[^/]+\/certificates$/.test(path) && req.method === "GET") return send(res, 200, page([{ serial: "JX-2025-0001-8F3K", kind: "hours", year: YEAR - 1, hours: 80, issued_at: `${YEAR}-01-15` }], q));
  if (path === "/classes") return send(res, 200, page([{ id: "K1", course_id: "C0", course_title: "临床诊疗新进展", name: `${YEAR} 年春季班`, start_date: `${YEAR}-03-01`, end_date: `${YEAR}-03-03`, enrolled: 48, completed: 45 }], q));
  if (path.startsWith("/imports/")) return send(res, 422, { kind: "persons", rows: 1, inserted: 0, committed: false, error_count: 2, errors: [
    { line: 3, field: "id_number", code: "bad_checksum", message_zh: "身份证号校验码错误", message_en: "ID number check digit is wrong" },
    { line: 7, field: "title_level", code: "bad_value", message_zh: "职称级别须为 初级/中级/副高级/正高级", message_en: "title_level must be junior, intermediate, associate_senior or senior" }] });
  return problem(res, 404, "not_found", "未找到", "not found");
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf" };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname.startsWith("/api/v1/")) return api(req, res, url).catch((e) => problem(res, 500, "internal", "内部错误", String(e)));
  const file = join(dist, url.pathname === "/" ? "index.html" : url.pathname);
  if (!file.startsWith(dist) || !existsSync(file)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
server.listen(Number(process.argv[2] || 0), "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/`));
