import { describe, expect, it } from "vitest";
import type { Compliance } from "@/api/types";
import { computeProgress, statusTagType } from "@/utils/progress";

const base: Compliance = {
  year: 2025, policy: "national-2007", required_hours: 72, professional_hours: 0, public_hours: 0,
  counted_hours: 0, shortfall_hours: 72, status: "in_progress", carry_in: 0, carry_out: 0,
  sentence_zh: "", sentence_en: "", notes: [], unmet: []
};

describe("progress shown on the person dashboard", () => {
  it("splits professional and public hours and shows the shortfall", () => {
    const p = computeProgress({ ...base, professional_hours: 30, public_hours: 12, counted_hours: 42, shortfall_hours: 30 });
    expect(p.required).toBe(72);
    expect(p.publicCap).toBe(24);
    expect(p.publicCounted).toBe(12);
    expect(p.publicExcess).toBe(0);
    expect(p.counted).toBe(42);
    expect(p.shortfall).toBe(30);
    expect(p.percent).toBe(58.3);
    expect(p.professionalPercent).toBe(41.7);
    expect(p.publicPercent).toBe(16.7);
  });
  it("counts public subjects only up to one third of the requirement (Art. 6)", () => {
    const p = computeProgress({ ...base, professional_hours: 40, public_hours: 30, counted_hours: 64, shortfall_hours: 8 });
    expect(p.publicCap).toBe(24);
    expect(p.publicCounted).toBe(24);
    expect(p.publicExcess).toBe(6);
    expect(p.counted).toBe(64);
    expect(p.percent).toBe(88.9);
  });
  it("scales the public cap with the requirement (a third of it)", () => {
    const p = computeProgress({ ...base, required_hours: 90, public_hours: 40, professional_hours: 10, counted_hours: 40, shortfall_hours: 50 });
    expect(p.publicCap).toBe(30);
    expect(p.publicExcess).toBe(10);
  });
  it("stops the bar at 100% once compliant, keeping the split inside it", () => {
    const p = computeProgress({ ...base, professional_hours: 90, public_hours: 24, counted_hours: 114, shortfall_hours: 0, status: "compliant" });
    expect(p.percent).toBe(100);
    expect(p.professionalPercent + p.publicPercent).toBeLessThanOrEqual(100);
    expect(p.shortfall).toBe(0);
  });
  it("trusts the server's counted hours over the raw split (policy conversions)", () => {
    const p = computeProgress({ ...base, professional_hours: 40, public_hours: 0, counted_hours: 20, shortfall_hours: 52 });
    expect(p.counted).toBe(20);
    expect(p.professionalPercent).toBeCloseTo(27.8, 1);
  });
  it("reads hours sent as strings", () => {
    const p = computeProgress({ ...base, required_hours: "72.00", professional_hours: "36.50", public_hours: "0", counted_hours: "36.50", shortfall_hours: "35.50" });
    expect(p.counted).toBe(36.5);
    expect(p.shortfall).toBe(35.5);
  });
  it("maps statuses to tag colours", () => {
    expect(statusTagType("compliant")).toBe("success");
    expect(statusTagType("pending")).toBe("warning");
    expect(statusTagType("rejected")).toBe("danger");
    expect(statusTagType("exempt")).toBe("info");
  });
});
