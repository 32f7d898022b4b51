import { http, type Page, type Query } from "./http";
import type { ComplianceRow } from "./types";

/** The compliance table of the caller's scope (an employer's staff, an authority's region). */
export const complianceTable = (q: Query) => http.get<Page<ComplianceRow>>("/compliance", q);
