import { http, request, requestBlob, type Page, type Query } from "./http";
import type { components } from "./schema";
import type { JsonBody } from "./types";

/** The training market (issue 11): the provider lifecycle (types generated: docs/api.md#openapi). */
export type ProviderStatus = components["schemas"]["ProviderStatus"];
export type ProviderAction = JsonBody<"/api/v1/market/providers/{id}/actions", "post">["action"];
export type DocumentKind = components["schemas"]["DocumentKind"];
/** In force today (a suspension dated later has not begun): `status`; as stored: `stored_status`. */
export type Standing = components["schemas"]["Standing"];
export type ApplicationDocument = components["schemas"]["ApplicationDocument"];
export type ApplicationBody = JsonBody<"/api/v1/market/applications", "post">;
export type ApplicationFields = Omit<ApplicationBody, "documents">;
export type ProviderApplication = components["schemas"]["ProviderApplication"];
export type ProviderEvent = components["schemas"]["ProviderEvent"];
export type ProviderRow = components["schemas"]["ProviderStandingRow"];
export type ProviderFile = components["schemas"]["ProviderFile"];
export type UploadedDocument = components["schemas"]["EvidenceFile"];

export const listProviderStandings = (q: Query) => http.get<Page<ProviderRow>>("/market/providers", q);
export const getProviderFile = (id: string) => http.get<ProviderFile>(`/market/providers/${encodeURIComponent(id)}`);
export const myProviderFile = () => http.get<ProviderFile>("/market/my-provider");
export type ActionBody = JsonBody<"/api/v1/market/providers/{id}/actions", "post">;
export const actOnProvider = (id: string, body: ActionBody) =>
  http.post<ProviderFile>(`/market/providers/${encodeURIComponent(id)}/actions`, body);
export const submitApplication = (a: ApplicationBody) =>
  http.post<ProviderApplication>("/market/applications", a);
export const uploadDocument = (file: File) =>
  request<UploadedDocument>("POST", "/market/documents", { query: { filename: file.name }, raw: file, contentType: "application/octet-stream" });
export const downloadDocument = (applicationId: string, n: number) =>
  requestBlob(`/market/applications/${encodeURIComponent(applicationId)}/documents/${n}`);

/** The catalogue (issue 11 item 6): public subjects, textbooks, quality lists. */
export type PublicSubject = components["schemas"]["PublicSubject"];
export type NewPublicSubject = JsonBody<"/api/v1/public-subjects", "post">;
export type Textbook = components["schemas"]["Textbook"];
export type NewTextbook = JsonBody<"/api/v1/textbooks", "post">;
export type QualityKind = components["schemas"]["QualityListKind"];
export type QualityList = components["schemas"]["QualityList"];
export type NewQualityList = JsonBody<"/api/v1/quality-lists", "post">;

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
