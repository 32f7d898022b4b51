import { http, type Page, type Query } from "./http";
import type { AuditEntry, Policy, StatBucket, Statistics } from "./types";
import { regionCompliance, type RegionCompliance } from "./compliance";

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

/** A year's statistics plus the trend over the `trendYears` years up to it. */
export async function statistics(q: Query & { year: number }, trendYears = 5): Promise<Statistics> {
  const years = Array.from({ length: trendYears }, (_, i) => q.year - trendYears + 1 + i);
  const all = await Promise.all(years.map((y) => regionCompliance({ ...q, year: y })));
  const stats = toStatistics(all[all.length - 1]);
  stats.trend = all.map((r) => ({
    ...rateBucket(String(r.year), r.by_status),
    hours: r.persons ? Math.round(((r.professional_hours + r.public_hours) / r.persons) * 10) / 10 : 0
  }));
  return stats;
}

/** The audit log of the caller's scope; `from`/`to` are unix seconds. */
export const auditLog = (q: Query) => http.get<Page<AuditEntry>>("/audit", q);
export const listPolicies = () => http.get<Page<Policy>>("/policies");
