import { http, request, type Page, type Query } from "./http";
import type { Declaration, Evidence, LearningRecord } from "./types";

export const listRecords = (q: Query) => http.get<Page<LearningRecord>>("/records", q);
export const declareRecord = (d: Declaration) => http.post<LearningRecord>("/records", d);
export const reviewRecord = (id: string, decision: "approve" | "reject", reason?: string) =>
  http.post<LearningRecord>(`/records/${encodeURIComponent(id)}/review`, { decision, reason });
/** Evidence is uploaded raw (PDF/JPEG/PNG); the server checks the content and answers its hash. */
export const uploadEvidence = (file: File) =>
  request<Evidence>("POST", "/evidence", {
    raw: file,
    contentType: file.type || "application/octet-stream",
    query: { name: file.name }
  });
