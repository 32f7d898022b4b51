import { describe, expect, it } from "vitest";
import { trendLines, trendYears } from "@/utils/chartOptions";

const year = (key: string, hours: number, compliant = 0, persons = 10) => ({ key, hours, hours_total: hours * persons, compliant, persons });

describe("trend chart", () => {
  it("starts at the first year with recorded hours", () => {
    const shown = trendYears([year("2026", 40, 3), year("2022", 0), year("2023", 0), year("2024", 12, 1), year("2025", 0)]);
    expect(shown.map((b) => b.key)).toEqual(["2024", "2025", "2026"]);
  });
  it("keeps the last year when no year has data", () => {
    expect(trendYears([year("2025", 0), year("2026", 0)]).map((b) => b.key)).toEqual(["2026"]);
  });
  it("draws rates as straight segments, not a smoothed curve", () => {
    const option = trendLines([year("2023", 0), year("2024", 10, 5), year("2025", 20, 8)], { rate: "rate", hours: "hours" });
    const series = option.series as { type: string; smooth?: boolean; data: number[] }[];
    const line = series.find((s) => s.type === "line");
    expect(line?.smooth).toBe(false);
    expect(line?.data).toEqual([50, 80]);
    expect((option.xAxis as { data: string[] }).data).toEqual(["2024", "2025"]);
  });
});
