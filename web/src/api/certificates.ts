import { http, requestBlob, type Page } from "./http";
import type { Certificate } from "./types";

/** One line of what a certificate certifies, in both languages (the server decides the lines). */
export interface CertificateLine {
  label_zh: string;
  label_en: string;
  value: string;
}

/** The public verification answer; an unknown serial is an answer (status "unknown"), not an error. */
export interface Verification {
  status: "valid" | "revoked" | "unknown" | "invalid";
  status_zh?: string;
  serial: string;
  content?: CertificateLine[];
  issued_at?: string;
  revoked_at?: string;
  revoke_reason?: string;
  problems?: { code: string; field?: string; message_zh: string; message_en: string }[];
}

export const verifyCertificate = (serial: string) =>
  http.get<Verification>(`/certificates/${encodeURIComponent(serial)}/verify`);
export const listCertificates = (personId: string) =>
  http.get<Page<Certificate>>(`/persons/${encodeURIComponent(personId)}/certificates`);
/** Issues the signed annual hours certificate for a year. */
export const issueYearCertificate = (personId: string, year: number) =>
  http.post<Certificate>(`/persons/${encodeURIComponent(personId)}/certificates`, { year });
export const certificatePdf = (serial: string) =>
  requestBlob(`/certificates/${encodeURIComponent(serial)}/pdf`);
