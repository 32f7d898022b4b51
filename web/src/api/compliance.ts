import { http, type Query } from "./http";
import type { components } from "./schema";

/** Staff by status for the whole unit (before the status/field filters) in `counts`. */
export type EmployerCompliance = components["schemas"]["EmployerCompliance"];
/** One employer's staff and their compliance for a year; filters status, field, title_level. */
export const employerCompliance = (employerId: string, q: Query) =>
  http.get<EmployerCompliance>(`/employers/${encodeURIComponent(employerId)}/compliance`, q);

export type RegionCompliance = components["schemas"]["RegionCompliance"];
/** Aggregates of the caller's region (an authority's jurisdiction, an employer's staff). */
export const regionCompliance = (q: Query) => http.get<RegionCompliance>("/compliance/region", q);
