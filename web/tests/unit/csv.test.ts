import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "@/utils/csv";
import { columnIndex, excelSerialToIso, normaliseSheetDates } from "@/utils/xlsx";
import { ratePercent } from "@/utils/chartOptions";
import { currentYear, todayIso } from "@/utils/year";
import { ApiError, buildUrl } from "@/api/http";

describe("CSV", () => {
  it("reads quotes, commas, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFid_number,name\r\n"1101",“张三”\r\n"a,b","say ""hi"""\n\n')).toEqual([
      ["id_number", "name"], ["1101", "“张三”"], ["a,b", 'say "hi"']
    ]);
  });
  it("writes what it reads, with a BOM for Excel", () => {
    const text = toCsv(["姓名", "备注"], [["张三", "a,b"], ["李四", 'x"y']]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(text)).toEqual([["姓名", "备注"], ["张三", "a,b"], ["李四", 'x"y']]);
  });
});

describe("Excel helpers", () => {
  it("turns column letters into indexes", () => {
    expect(columnIndex("A1")).toBe(0);
    expect(columnIndex("C7")).toBe(2);
    expect(columnIndex("AA10")).toBe(26);
  });
  it("turns Excel date serials into ISO dates in date columns only", () => {
    expect(excelSerialToIso("45658")).toBe("2025-01-01");
    expect(excelSerialToIso("2025-03-01")).toBe("2025-03-01");
    expect(normaliseSheetDates([["date", "hours"], ["45658", "45658"]])).toEqual([["date", "hours"], ["2025-01-01", "45658"]]);
  });
});

describe("misc", () => {
  it("computes compliance rates from a ratio, a percentage or counts", () => {
    expect(ratePercent({ compliance_rate: 0.8234 })).toBe(82.3);
    expect(ratePercent({ compliance_rate: 75 })).toBe(75);
    expect(ratePercent({ compliant: 1, persons: 3 })).toBe(33.3);
    expect(ratePercent({})).toBe(0);
  });
  it("reads the year and date in China Standard Time", () => {
    expect(currentYear(new Date("2024-12-31T16:30:00Z"))).toBe(2025);
    expect(todayIso(new Date("2024-12-31T15:59:00Z"))).toBe("2024-12-31");
  });
  it("builds API URLs without empty filters", () => {
    expect(buildUrl("/records", { year: 2025, status: "", q: undefined, page: 1 })).toBe("api/v1/records?year=2025&page=1");
  });
  it("shows the server's message in the UI language", () => {
    const e = new ApiError({ status: 422, code: "hours", message_zh: "学时无效", message_en: "invalid hours" });
    expect(e.localized("zh-CN")).toBe("学时无效");
    expect(e.localized("en")).toBe("invalid hours");
    expect(new ApiError({ status: 500, message_zh: "内部错误" }).localized("en")).toBe("内部错误");
  });
});
