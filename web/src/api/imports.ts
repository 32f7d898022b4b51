import { request } from "./http";
import type { ImportResult } from "./types";

export type ImportKind = "persons" | "records" | "employers" | "providers";
/**
 * CSV upload, all-or-nothing. The server checks every row first; a 422 answer carries `errors`
 * with the line numbers (and nothing was written).
 */
export const importCsv = (kind: ImportKind, csv: string) =>
  request<ImportResult>("POST", `/imports/${kind}`, { raw: csv, contentType: "text/csv; charset=utf-8" });
