import { request, requestBlob } from "./http";
import type { ImportResult } from "./types";

export type ImportKind = "persons" | "records" | "employers" | "providers";
/**
 * CSV upload, all-or-nothing. The server checks every row first; a 422 answer carries `errors`
 * with the line numbers (and nothing was written).
 */
export const importCsv = (kind: ImportKind, csv: string) =>
  request<ImportResult>("POST", `/imports/${kind}`, { raw: csv, contentType: "text/csv; charset=utf-8" });

/** One column of an import kind as the server reads it (GET /imports/{kind}/columns). */
export interface ImportColumn {
  name: string;
  zh: string;
  required: boolean;
  values_zh: string[];
  hint_zh: string;
  sample: string;
}
export const importColumns = (kind: ImportKind) =>
  request<{ kind: ImportKind; name_zh: string; columns: ImportColumn[] }>("GET", `/imports/${kind}/columns`);
/** The kind's .xlsx template: Chinese headers, a sample row, drop-down lists, instructions. */
export const importTemplate = (kind: ImportKind) => requestBlob(`/imports/${kind}/template.xlsx`);
