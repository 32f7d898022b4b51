import { http, type Page, type Query } from "./http";
import type { ComplianceRow, Employer } from "./types";

export interface EmployerCompliance extends Page<ComplianceRow> {
  employer: Employer;
  year: number;
  /** Staff by status for the whole unit (before the status/field filters). */
  counts: Record<string, number>;
}
/** One employer's staff and their compliance for a year; filters status, field, title_level. */
export const employerCompliance = (employerId: string, q: Query) =>
  http.get<EmployerCompliance>(`/employers/${encodeURIComponent(employerId)}/compliance`, q);

export interface RegionCompliance {
  year: number;
  region: string;
  persons: number;
  by_status: Record<string, number>;
  by_region: Record<string, Record<string, number>>;
  by_field: Record<string, Record<string, number>>;
  professional_hours: number;
  public_hours: number;
}
/** Aggregates of the caller's region (an authority's jurisdiction, an employer's staff). */
export const regionCompliance = (q: Query) => http.get<RegionCompliance>("/compliance/region", q);
