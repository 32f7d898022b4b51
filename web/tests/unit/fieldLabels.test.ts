import { describe, expect, it } from "vitest";
import { baseField, withFieldLabels } from "@/utils/fieldLabels";

const zh: Record<string, string> = { title_since: "取得职称日期", employer_code: "用人单位代码", date: "完成日期", hours: "学时", from: "开始日期", to: "结束日期" };
const en: Record<string, string> = { title_since: "Date title obtained", employer_code: "Employer code", date: "Completion date", hours: "Hours" };

describe("API field names in messages", () => {
  it("reduces an item's field to its name", () => {
    expect(baseField("items[3].hours")).toBe("hours");
    expect(baseField("evidence[0]")).toBe("evidence");
    expect(baseField("title_since")).toBe("title_since");
  });
  it("names the field by its label in Chinese", () => {
    expect(withFieldLabels("title_since 须为 YYYY-MM-DD 日期", ["title_since"], (n) => zh[n] ?? null, true)).toBe("取得职称日期 须为 YYYY-MM-DD 日期");
    expect(withFieldLabels("employer_code 过长", ["employer_code"], (n) => zh[n] ?? null, true)).toBe("用人单位代码 过长");
    expect(withFieldLabels("from 须不晚于 to，且跨度不超过20年", ["from"], (n) => zh[n] ?? null, true)).toBe("开始日期 须不晚于 结束日期，且跨度不超过20年");
  });
  it("leaves English words alone but replaces snake_case names and the named field", () => {
    const label = (n: string) => en[n] ?? null;
    expect(withFieldLabels("title_since must be a YYYY-MM-DD date", ["title_since"], label, false)).toBe("Date title obtained must be a YYYY-MM-DD date");
    expect(withFieldLabels("the date is in the future", ["title"], label, false)).toBe("the date is in the future");
    expect(withFieldLabels("hours must be more than 0", ["hours"], label, false)).toBe("Hours must be more than 0");
    expect(withFieldLabels("items[2].hours is too large", ["items[2].hours"], label, false)).toBe("Hours is too large");
  });
  it("keeps unknown names", () => {
    expect(withFieldLabels("mystery_field 无效", ["mystery_field"], () => null, true)).toBe("mystery_field 无效");
  });
});
