import { http, type Page, type Query } from "./http";
import type { AuditEntry, Policy, Statistics } from "./types";

export const statistics = (q: Query) => http.get<Statistics>("/statistics", q);
export const auditLog = (q: Query) => http.get<Page<AuditEntry>>("/audit", q);
export const listPolicies = () => http.get<Page<Policy>>("/policies");
