import { describe, expect, it } from "vitest";
import { dateCst, formatCst } from "@/utils/time";

describe("China Standard Time", () => {
  it("shows a UTC instant at +08:00", () => {
    expect(formatCst("2026-12-02T04:24:05Z")).toBe("2026-12-02 12:24:05");
    expect(formatCst(Date.UTC(2026, 11, 2, 4, 24, 5) / 1000)).toBe("2026-12-02 12:24:05");
    expect(formatCst("2026-12-02T12:24:05+08:00")).toBe("2026-12-02 12:24:05");
  });
  it("moves the date across midnight", () => {
    expect(dateCst("2026-12-31T17:30:00Z")).toBe("2027-01-01");
    expect(dateCst("2026-12-31T15:59:59Z")).toBe("2026-12-31");
  });
  it("leaves what is not a time alone", () => {
    expect(formatCst("")).toBe("");
    expect(formatCst(undefined)).toBe("");
    expect(formatCst("soon")).toBe("soon");
  });
});
