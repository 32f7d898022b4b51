/**
 * The text of an uploaded CSV file. Chinese Excel saves "CSV (逗号分隔)" in GBK (GB18030), not
 * UTF-8: reading it as UTF-8 would turn every name into "�". UTF-8 is tried strictly first, then
 * GB18030 (a superset of GBK and GB2312); a file that is neither is refused with a message that
 * names both.
 */
export type CsvEncoding = "utf-8" | "gb18030";

export class UnknownEncodingError extends Error {
  constructor() {
    super("neither UTF-8 nor GB18030");
  }
}

export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: CsvEncoding } {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(view), encoding: "utf-8" };
  } catch {
    /* not UTF-8: try GB18030 */
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(view), encoding: "gb18030" };
  } catch {
    throw new UnknownEncodingError();
  }
}
