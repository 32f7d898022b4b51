/**
 * Masks a resident ID number the way the server and the CLI do: the six-digit region code and
 * the last four characters stay, the birth date and sequence are hidden (110105********1234).
 * A value that is already masked, or too short to be an ID, is returned unchanged.
 */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return "";
  const s = id.trim();
  if (s.includes("*") || s.length < 11) return s;
  return `${s.slice(0, 6)}${"*".repeat(s.length - 10)}${s.slice(-4)}`;
}

/** Masks all but the first character of a name for public pages (张*, 欧阳**). */
export function maskName(name: string | null | undefined): string {
  if (!name) return "";
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join("");
  return chars[0] + "*".repeat(chars.length - 1);
}

/** GB 11643 check: 17 digits and a MOD 11-2 check character. */
export function isValidIdNumber(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const codes = "10X98765432";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * weights[i];
  return codes[sum % 11] === s[17];
}
