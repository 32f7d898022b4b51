import { request, requestBlob } from "./http";
import type { components } from "./schema";
import type { ImportColumns, ImportResult } from "./types";

export type ImportKind = components["schemas"]["ImportKind"];
/**
 * CSV upload, all-or-nothing. The server checks every row first; a 422 answer carries `errors`
 * with the line numbers (and nothing was written).
 */
export const importCsv = (kind: ImportKind, csv: string) =>
  request<ImportResult>("POST", `/imports/${kind}`, { raw: csv, contentType: "text/csv; charset=utf-8" });

/** One column of an import kind as the server reads it (GET /imports/{kind}/columns). */
export type ImportColumn = ImportColumns["columns"][number];
export const importColumns = (kind: ImportKind) => request<ImportColumns>("GET", `/imports/${kind}/columns`);
/** The kind's .xlsx template: Chinese headers, a sample row, drop-down lists, instructions. */
export const importTemplate = (kind: ImportKind) => requestBlob(`/imports/${kind}/template.xlsx`);
