import { http, request, type Page, type Query } from "./http";
import type { Answer, Declaration, DeclarationRules, Evidence, JsonBody, LearningRecord, RecordListItem, ReviewQueueItem } from "./types";

/** Learning records in the caller's scope; filters person_id, year, status, origin, category, form. */
export const listRecords = (q: Query) => http.get<Page<RecordListItem>>("/records", q);
export const getRecord = (id: string) => http.get<LearningRecord>(`/records/${encodeURIComponent(id)}`);
/** A person declares a record; it waits for the employer's review (status pending). */
export const declareRecord = (d: Declaration) => http.post<LearningRecord>("/records", d);
/** The policy's daily maximum by form and the forms needing evidence, for a declaration's date. */
export const declarationRules = (date: string) => http.get<DeclarationRules>("/declaration-rules", { date });
/** Uploads a file for a declaration about to be made; name it in the declaration's `evidence`. */
export const uploadNewEvidence = (file: File) =>
  request<Evidence>("POST", "/evidence", {
    raw: file,
    contentType: file.type || "application/octet-stream",
    query: { filename: file.name }
  });
/** Declarations waiting for the caller's decision (employer, or authority where the policy says). */
export const reviewQueue = (q: Query) => http.get<Page<ReviewQueueItem>>("/reviews", q);
export const reviewRecord = (id: string, decision: "approve" | "reject", reason?: string) =>
  http.post<LearningRecord>(`/records/${encodeURIComponent(id)}/review`, { decision, reason });
/** Several at once, all-or-nothing. */
export const reviewMany = (ids: string[], decision: "approve" | "reject", reason?: string) =>
  http.post<Answer<"/api/v1/reviews", "post">>("/reviews", { record_ids: ids, decision, reason });
/** Evidence is uploaded raw to its declaration (PDF/JPEG/PNG, checked by content, ≤ 10 MB). */
export const uploadEvidence = (recordId: string, file: File) =>
  request<Evidence>("POST", `/records/${encodeURIComponent(recordId)}/evidence`, {
    raw: file,
    contentType: file.type || "application/octet-stream",
    query: { filename: file.name }
  });
export const listEvidence = (recordId: string) =>
  http.get<Page<Evidence>>(`/records/${encodeURIComponent(recordId)}/evidence`);
export const evidencePath = (recordId: string, sha256: string) =>
  `/records/${encodeURIComponent(recordId)}/evidence/${encodeURIComponent(sha256)}`;
export type ReportItem = JsonBody<"/api/v1/records/report", "post">["items"][number];
/** A provider reports completions: they count on arrival; all-or-nothing. */
export const reportRecords = (items: ReportItem[]) =>
  http.post<Answer<"/api/v1/records/report", "post", 201>>("/records/report", { items });
/** A person withdraws their own declaration before anyone has decided on it. */
export const withdrawRecord = (id: string) => http.post<LearningRecord>(`/records/${encodeURIComponent(id)}/withdraw`, {});
/** A person corrects an undecided declaration: it is replaced by the corrected one (same evidence). */
export const correctRecord = (id: string, d: Declaration) =>
  http.post<LearningRecord>(`/records/${encodeURIComponent(id)}/correct`, d);
/** A person resubmits a rejected declaration, corrected: the rejected one stays (history), the new one is reviewed. */
export const resubmitRecord = (id: string, d: Declaration) =>
  http.post<LearningRecord>(`/records/${encodeURIComponent(id)}/resubmit`, d);
