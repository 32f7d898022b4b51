/** The current year in China Standard Time (the registry's civil calendar), whatever the browser's zone. */
export function currentYear(now: Date = new Date()): number {
  const cst = new Date(now.getTime() + 8 * 3600 * 1000);
  return cst.getUTCFullYear();
}

/** The years a year picker offers: this year and the `count - 1` before it, newest first. */
export function recentYears(count = 6, now: Date = new Date()): number[] {
  const y = currentYear(now);
  return Array.from({ length: count }, (_, i) => y - i);
}

/** Today's date as YYYY-MM-DD in China Standard Time. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
