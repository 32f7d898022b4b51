import type { HoursValue } from "@/api/types";

/** Reads hours sent as a number or a decimal string; anything unreadable is 0. */
export function toHours(v: HoursValue | null | undefined): number {
  if (v === null || v === undefined || v === "") return 0;
  const n = typeof v === "number" ? v : Number(String(v).trim());
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}

/**
 * Hours as people write them: whole hours without decimals (72), halves and quarters with the
 * places they need (7.5, 0.25), never float noise (71.99999 → 72).
 */
export function formatHours(v: HoursValue | null | undefined): string {
  const n = toHours(v);
  const fixed = n.toFixed(2);
  return fixed.replace(/\.?0+$/, "") || "0";
}

/** Hours with the unit in the UI language: "72 学时" / "72 h". */
export function hoursWithUnit(v: HoursValue | null | undefined, locale: string): string {
  return locale.startsWith("zh") ? `${formatHours(v)} 学时` : `${formatHours(v)} h`;
}

/** Days of training from hours (Art. 10: one day is six hours), one decimal place. */
export function hoursToDays(v: HoursValue | null | undefined): string {
  const days = Math.round((toHours(v) / 6) * 10) / 10;
  return String(days);
}

/** Whether a typed value is a valid hours amount: > 0, ≤ 1000, at most two decimal places. */
export function isValidHours(text: string | number): boolean {
  const s = String(text).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return false;
  const n = Number(s);
  return n > 0 && n <= 1000;
}
