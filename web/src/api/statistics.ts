import { http, requestBlob, type Page, type Query } from "./http";
import { saveBlob } from "@/utils/csv";
import type { AuditEntry, Policy, Statistics } from "./types";
import { statisticsQuery, TREND_YEARS } from "./statisticsQuery";

/**
 * A year's statistics of the caller's scope and the trend over the `trendYears` years up to it,
 * in one call (GET /statistics, from the per-person-year summaries): by region, field, title
 * level, employer type, form and category.
 */
export async function statistics(year: number, region = "", trendYears = TREND_YEARS): Promise<Statistics> {
  return http.get<Statistics>("/statistics", statisticsQuery(year, region, trendYears));
}

/** The .xlsx exports (Chinese headers) of the caller's scope. */
export type XlsxExport = "compliance" | "roster" | "statistics";
export async function downloadXlsx(kind: XlsxExport, q: Query, filename: string): Promise<void> {
  saveBlob(await requestBlob(`/exports/${kind}.xlsx`, q), filename);
}

/** The audit log of the caller's scope; `from`/`to` are unix seconds. */
export const auditLog = (q: Query) => http.get<Page<AuditEntry>>("/audit", q);
export const listPolicies = () => http.get<Page<Policy>>("/policies");
