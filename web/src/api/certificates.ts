import { http, requestBlob, type Page, type Query } from "./http";
import type { Certificate, Verification } from "./types";

export const verifyCertificate = (serial: string) =>
  http.get<Verification>(`/certificates/${encodeURIComponent(serial)}/verify`);
export const listCertificates = (q: Query) => http.get<Page<Certificate>>("/certificates", q);
export const issueYearCertificate = (personId: string, year: number) =>
  http.post<Certificate>("/certificates", { person_id: personId, year, kind: "hours" });
export const certificatePdf = (serial: string) =>
  requestBlob(`/certificates/${encodeURIComponent(serial)}/pdf`);
