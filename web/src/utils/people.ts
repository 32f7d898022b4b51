/** A compliance rate (0–1) as a number with one decimal and a percent sign; "—" with no persons. */
export function formatRate(rate: number, persons: number): string {
  if (!persons) return "—";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** "440106" → ["44", "4401", "440106"]: the drill-down path of a region prefix. */
export function regionPath(prefix: string): string[] {
  const out: string[] = [];
  for (const len of [2, 4, 6]) if (prefix.length >= len) out.push(prefix.slice(0, len));
  return out;
}
