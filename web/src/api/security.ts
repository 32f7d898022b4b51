import { http, requestBlob, type Query } from "./http";
import type { Answer, JsonBody, User } from "./types";

/** The security administrator's: the accounts' security policy, unlocks, second-factor resets. */
export type SecurityPolicy = Answer<"/api/v1/security/policy", "get">;
export const getSecurityPolicy = () => http.get<SecurityPolicy>("/security/policy");
export const putSecurityPolicy = (p: JsonBody<"/api/v1/security/policy", "put">) =>
  http.put<SecurityPolicy>("/security/policy", p);
export const unlockUser = (id: string) => http.post<User>(`/users/${encodeURIComponent(id)}/unlock`);
export const resetSecondFactor = (id: string) =>
  http.post<User>(`/users/${encodeURIComponent(id)}/second-factor-reset`);

/** The audit administrator's: every matching entry as CSV (the export is itself audited). */
export const exportAudit = (q: Query) => requestBlob("/audit/export", q);
export type AuditVerification = Answer<"/api/v1/audit/verify", "get">;
export const verifyAudit = () => http.get<AuditVerification>("/audit/verify");
