import { http, request, requestBlob, type Page, type Query } from "./http";
import type { Provider } from "./types";

/** The training market (issue 11): the provider lifecycle. */
export type ProviderStatus = "pending" | "returned" | "rejected" | "approved" | "suspended" | "revoked";
export type ProviderAction = "approve" | "return" | "reject" | "suspend" | "reinstate" | "revoke";
export type DocumentKind = "licence" | "scope" | "teachers" | "facilities" | "other";

export interface Standing {
  /** In force today (a suspension dated later has not begun). */
  status: ProviderStatus;
  stored_status: ProviderStatus;
  reason: string;
  from: string | null;
  until: string | null;
  may_operate: boolean;
}

export interface ApplicationDocument {
  n: number;
  kind: DocumentKind;
  sha256: string;
  filename: string;
  mime: string;
  size: number;
}

export interface ApplicationFields {
  licence_no: string;
  licence_issuer?: string;
  licence_valid_until?: string | null;
  scope: string;
  full_time_teachers?: number;
  part_time_teachers?: number;
  teachers?: string;
  facilities?: string;
}

export interface ProviderApplication extends ApplicationFields {
  id: string;
  provider_code: string;
  submitted_at: string;
  submitted_by: string;
  documents: ApplicationDocument[];
  status: "pending" | "approved" | "returned" | "rejected";
  decided_by: string;
  decided_at: string | null;
  reason: string;
}

export interface ProviderEvent {
  at: string;
  actor: string;
  action: ProviderAction | "apply";
  status: ProviderStatus;
  reason: string;
  from: string | null;
  until: string | null;
}

export interface ProviderRow extends Provider {
  standing: Standing;
  changed_at: string | null;
  pending_application: string | null;
}

export interface ProviderFile extends Provider {
  standing: Standing;
  applications: ProviderApplication[];
  events: ProviderEvent[];
}

export interface UploadedDocument {
  sha256: string;
  mime: string;
  size: number;
  filename: string;
}

export const listProviderStandings = (q: Query) => http.get<Page<ProviderRow>>("/market/providers", q);
export const getProviderFile = (id: string) => http.get<ProviderFile>(`/market/providers/${encodeURIComponent(id)}`);
export const myProviderFile = () => http.get<ProviderFile>("/market/my-provider");
export interface ActionBody {
  action: ProviderAction;
  reason?: string;
  from?: string;
  until?: string;
}
export const actOnProvider = (id: string, body: ActionBody) =>
  http.post<ProviderFile>(`/market/providers/${encodeURIComponent(id)}/actions`, body);
export const submitApplication = (a: ApplicationFields & { documents: { kind: DocumentKind; sha256: string; filename: string }[] }) =>
  http.post<ProviderApplication>("/market/applications", a);
export const uploadDocument = (file: File) =>
  request<UploadedDocument>("POST", "/market/documents", { query: { filename: file.name }, raw: file, contentType: "application/octet-stream" });
export const downloadDocument = (applicationId: string, n: number) =>
  requestBlob(`/market/applications/${encodeURIComponent(applicationId)}/documents/${n}`);

/** The catalogue (issue 11 item 6): public subjects, textbooks, quality lists. */
export interface PublicSubject {
  id: string;
  year: number;
  national: boolean;
  region_prefix: string;
  title: string;
  hours: number;
  content: string;
  published_by: string;
  published_at: string;
  withdrawn: boolean;
}
export interface NewPublicSubject {
  year: number;
  title: string;
  hours: number;
  content?: string;
  national?: boolean;
}
export interface Textbook {
  id: string;
  isbn: string;
  title: string;
  authors: string;
  publisher: string;
  edition: string;
  subject: string;
  recommended: boolean;
  recommended_by: string | null;
  recommended_at: string | null;
  recommend_note: string;
}
export type NewTextbook = Pick<Textbook, "isbn" | "title" | "authors" | "publisher" | "edition" | "subject">;
export type QualityKind = "course" | "project" | "textbook";
export interface QualityList {
  id: string;
  year: number;
  kind: QualityKind;
  title: string;
  region_prefix: string;
  note: string;
  published_by: string;
  published_at: string;
  items?: { id: string; title: string; note: string }[];
}
export interface NewQualityList {
  year: number;
  kind: QualityKind;
  title: string;
  note?: string;
  items: { id: string; note?: string }[];
}

export const listPublicSubjects = (q: Query) => http.get<Page<PublicSubject>>("/public-subjects", q);
export const publishPublicSubject = (s: NewPublicSubject) => http.post<PublicSubject>("/public-subjects", s);
export const withdrawPublicSubject = (id: string) => http.post<PublicSubject>(`/public-subjects/${encodeURIComponent(id)}/withdraw`, {});
export const listTextbooks = (q: Query) => http.get<Page<Textbook>>("/textbooks", q);
export const addTextbook = (t: NewTextbook) => http.post<Textbook>("/textbooks", t);
export const recommendTextbook = (id: string, recommended: boolean, note?: string) =>
  http.post<Textbook>(`/textbooks/${encodeURIComponent(id)}/recommendation`, { recommended, note });
export const listQualityLists = (q: Query) => http.get<Page<QualityList>>("/quality-lists", q);
export const getQualityList = (id: string) => http.get<QualityList>(`/quality-lists/${encodeURIComponent(id)}`);
export const publishQualityList = (l: NewQualityList) => http.post<QualityList>("/quality-lists", l);
