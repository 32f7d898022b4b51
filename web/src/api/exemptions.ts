import { http, request, requestBlob, type Page, type Query } from "./http";
import type { Evidence, Exemption, ExemptionRequest } from "./types";

/** Exemptions in the caller's scope; `status=pending` is the approval queue. */
export const listExemptions = (q: Query) => http.get<Page<Exemption>>("/exemptions", q);
/** A person requests for themselves; an employer or authority names `person_id`. Pending until approved. */
export const requestExemption = (r: ExemptionRequest) => http.post<Exemption>("/exemptions", r);
export const uploadExemptionEvidence = (id: string, file: File) =>
  request<Evidence>("POST", `/exemptions/${encodeURIComponent(id)}/evidence`, {
    raw: file,
    contentType: file.type || "application/octet-stream",
    query: { filename: file.name }
  });
export const exemptionEvidence = (id: string) => requestBlob(`/exemptions/${encodeURIComponent(id)}/evidence`);
export const decideExemption = (id: string, decision: "approve" | "reject", reason?: string) =>
  http.post<Exemption>(`/exemptions/${encodeURIComponent(id)}/review`, { decision, reason });
