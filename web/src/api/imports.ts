import { request } from "./http";
import type { ImportResult } from "./types";

export type ImportKind = "persons" | "records" | "employers" | "providers";
/** CSV upload, all-or-nothing; a 422 problem carries `errors` with the line numbers. */
export const importCsv = (kind: ImportKind, csv: string, dryRun = false) =>
  request<ImportResult>("POST", `/imports/${kind}`, {
    raw: csv,
    contentType: "text/csv; charset=utf-8",
    query: dryRun ? { dry_run: true } : undefined
  });
