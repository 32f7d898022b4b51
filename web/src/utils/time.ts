// Times are shown in China Standard Time (Asia/Shanghai, UTC+08:00 all year: no daylight
// saving), whatever the browser's own time zone: the API sends UTC (ISO 8601 with Z, or unix
// seconds), and a registry's users read Beijing time.
const CST_OFFSET_MS = 8 * 3600 * 1000;

function toMs(at: string | number): number {
  return typeof at === "number" ? at * 1000 : Date.parse(at);
}

/** "2026-12-02 12:24:05" in China Standard Time; the input unchanged if it is not a time. */
export function formatCst(at: string | number | null | undefined): string {
  if (at === null || at === undefined || at === "") return "";
  const ms = toMs(at);
  if (Number.isNaN(ms)) return String(at);
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** The civil date in China Standard Time ("2026-12-02"). */
export function dateCst(at: string | number | null | undefined): string {
  return formatCst(at).slice(0, 10);
}
