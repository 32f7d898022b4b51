import { describe, expect, it } from "vitest";
import { formatRate, regionPath } from "@/utils/people";

describe("formatRate", () => {
  it("shows one decimal and a percent sign", () => {
    expect(formatRate(0.8532, 10)).toBe("85.3%");
    expect(formatRate(1, 3)).toBe("100.0%");
    expect(formatRate(0, 4)).toBe("0.0%");
  });
  it("shows a dash for an employer without persons", () => {
    expect(formatRate(0, 0)).toBe("—");
  });
});

describe("regionPath", () => {
  it("splits a prefix into its province, city and county", () => {
    expect(regionPath("440106")).toEqual(["44", "4401", "440106"]);
    expect(regionPath("4401")).toEqual(["44", "4401"]);
    expect(regionPath("")).toEqual([]);
  });
});
