import { http, requestBlob, type Page, type Query } from "./http";
import { saveBlob } from "@/utils/csv";
import type { AuditEntry, Policy, StatBucket, Statistics } from "./types";
import type { RegionCompliance } from "./compliance";

const rateBucket = (key: string, byStatus: Record<string, number>): StatBucket => {
  const persons = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const compliant = byStatus.compliant ?? 0;
  return { key, persons, compliant, compliance_rate: persons ? compliant / persons : 0 };
};

/** The dashboard's figures from the server's region aggregates (GET /compliance/region). */
export function toStatistics(r: RegionCompliance): Statistics {
  const compliant = r.by_status.compliant ?? 0;
  return {
    year: r.year,
    persons: r.persons,
    compliant,
    compliance_rate: r.persons ? compliant / r.persons : 0,
    hours: r.professional_hours + r.public_hours,
    professional_hours: r.professional_hours,
    public_hours: r.public_hours,
    by_region: Object.entries(r.by_region).map(([k, v]) => rateBucket(k, v)),
    by_field: Object.entries(r.by_field).map(([k, v]) => rateBucket(k, v)),
    by_status: Object.entries(r.by_status).map(([k, n]) => ({ key: k, persons: n }))
  };
}

/**
 * A year's statistics of the caller's scope and the trend over the `trendYears` years up to it,
 * in one call (GET /statistics, from the per-person-year summaries): by region, field, title
 * level, employer type, form and category.
 */
export async function statistics(q: Query & { year: number }, trendYears = 5): Promise<Statistics> {
  return http.get<Statistics>("/statistics", { ...q, from: q.year - trendYears + 1, to: q.year });
}

/** The .xlsx exports (Chinese headers) of the caller's scope. */
export type XlsxExport = "compliance" | "roster" | "statistics";
export async function downloadXlsx(kind: XlsxExport, q: Query, filename: string): Promise<void> {
  saveBlob(await requestBlob(`/exports/${kind}.xlsx`, q), filename);
}

/** The audit log of the caller's scope; `from`/`to` are unix seconds. */
export const auditLog = (q: Query) => http.get<Page<AuditEntry>>("/audit", q);
export const listPolicies = () => http.get<Page<Policy>>("/policies");
