import type { StatBucket } from "@/api/types";
import type { ChartOption } from "./echarts";
import { toHours } from "./hours";

type Label = (b: StatBucket) => string;
const BLUE = "#409eff";
const ORANGE = "#e6a23c";
const GREEN = "#67c23a";
const PALETTE = [BLUE, GREEN, ORANGE, "#f56c6c", "#909399", "#73c0de", "#9a60b4", "#ea7ccc", "#3ba272", "#fc8452", "#5470c6", "#91cc75", "#fac858"];

/** Compliance rate as a percentage 0–100 with one decimal, from a rate 0–1 or counts. */
export function ratePercent(b: Pick<StatBucket, "compliance_rate" | "compliant" | "persons">): number {
  if (b.compliance_rate !== undefined && b.compliance_rate !== null) {
    const r = b.compliance_rate > 1 ? b.compliance_rate : b.compliance_rate * 100;
    return Math.round(r * 10) / 10;
  }
  if (b.persons && b.compliant !== undefined) return Math.round((b.compliant / b.persons) * 1000) / 10;
  return 0;
}

export function rateBars(buckets: StatBucket[], label: Label, seriesName: string): ChartOption {
  const sorted = [...buckets].sort((a, b) => ratePercent(b) - ratePercent(a));
  return {
    color: [BLUE],
    tooltip: { trigger: "axis", valueFormatter: (v) => `${v}%` },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: sorted.map(label), axisLabel: { interval: 0, rotate: sorted.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    series: [{ type: "bar", name: seriesName, data: sorted.map(ratePercent), barMaxWidth: 36, label: { show: sorted.length <= 12, position: "top", formatter: "{c}%" } }]
  };
}

export function hoursBars(buckets: StatBucket[], label: Label, seriesName: string): ChartOption {
  const sorted = [...buckets].sort((a, b) => toHours(b.hours) - toHours(a.hours));
  return {
    color: [GREEN],
    tooltip: { trigger: "axis" },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: sorted.map(label).reverse() },
    series: [{ type: "bar", name: seriesName, data: sorted.map((b) => toHours(b.hours)).reverse(), barMaxWidth: 20 }]
  };
}

export function splitPie(parts: { name: string; value: number }[]): ChartOption {
  return {
    color: [BLUE, ORANGE, GREEN, "#f56c6c", "#909399"],
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["40%", "68%"], center: ["50%", "45%"], data: parts, label: { formatter: "{b}\n{d}%" } }]
  };
}

/**
 * The years a trend shows: from the first year with any recorded hours on (a year before the
 * data starts would read as a 0 % rate, which is no rate at all); the last year always stays.
 */
export function trendYears(buckets: StatBucket[]): StatBucket[] {
  const sorted = [...buckets].sort((a, b) => a.key.localeCompare(b.key));
  const first = sorted.findIndex((b) => toHours(b.hours_total ?? b.hours) > 0);
  return first < 0 ? sorted.slice(-1) : sorted.slice(first);
}

export function trendLines(buckets: StatBucket[], names: { rate: string; hours: string }): ChartOption {
  const shown = trendYears(buckets);
  return {
    color: [BLUE, ORANGE],
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: "category", data: shown.map((b) => b.key) },
    yAxis: [
      { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      { type: "value", splitLine: { show: false } }
    ],
    series: [
      // Straight segments: a smoothed curve between yearly rates suggests values that were never measured.
      { type: "line", name: names.rate, data: shown.map(ratePercent), smooth: false, symbolSize: 7, label: { show: shown.length <= 8, formatter: "{c}%" } },
      { type: "bar", name: names.hours, yAxisIndex: 1, data: shown.map((b) => toHours(b.hours)), barMaxWidth: 28, itemStyle: { opacity: 0.6 } }
    ]
  };
}

export { PALETTE };
