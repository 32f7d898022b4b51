import { describe, expect, it } from "vitest";
import { formatHours, hoursToDays, hoursWithUnit, isValidHours, toHours } from "@/utils/hours";

describe("hours", () => {
  it("formats whole, half and quarter hours without float noise", () => {
    expect(formatHours(72)).toBe("72");
    expect(formatHours(7.5)).toBe("7.5");
    expect(formatHours("0.25")).toBe("0.25");
    expect(formatHours("72.00")).toBe("72");
    expect(formatHours(71.99999)).toBe("72");
    expect(formatHours(0.1 + 0.2)).toBe("0.3");
    expect(formatHours(0)).toBe("0");
    expect(formatHours(undefined)).toBe("0");
    expect(formatHours("abc")).toBe("0");
  });
  it("reads numbers and decimal strings", () => {
    expect(toHours("12.50")).toBe(12.5);
    expect(toHours(" 8 ")).toBe(8);
    expect(toHours(null)).toBe(0);
  });
  it("adds the unit in the UI language", () => {
    expect(hoursWithUnit(24, "zh-CN")).toBe("24 学时");
    expect(hoursWithUnit(24, "en")).toBe("24 h");
  });
  it("converts to days at six hours a day (Art. 10: 12 days or 72 hours)", () => {
    expect(hoursToDays(72)).toBe("12");
    expect(hoursToDays(9)).toBe("1.5");
  });
  it("validates typed hours like the server: > 0, ≤ 1000, two decimals", () => {
    expect(isValidHours("8")).toBe(true);
    expect(isValidHours("2.5")).toBe(true);
    expect(isValidHours("0.25")).toBe(true);
    expect(isValidHours("1000")).toBe(true);
    expect(isValidHours("0")).toBe(false);
    expect(isValidHours("1000.01")).toBe(false);
    expect(isValidHours("1.234")).toBe(false);
    expect(isValidHours("-3")).toBe(false);
    expect(isValidHours("")).toBe(false);
    expect(isValidHours("八")).toBe(false);
  });
});
