import { http, postForBlob, requestBlob, type Page } from "./http";
import type { components } from "./schema";
import type { Certificate } from "./types";

/** The public verification answer; an unknown serial is an answer (status "unknown"), not an error. */
export type Verification = components["schemas"]["Verification"];
/** One line of what a certificate certifies, in both languages (the server decides the lines). */
export type CertificateLine = NonNullable<Verification["content"]>[number];

export const verifyCertificate = (serial: string) =>
  http.get<Verification>(`/certificates/${encodeURIComponent(serial)}/verify`);
export const listCertificates = (personId: string) =>
  http.get<Page<Certificate>>(`/persons/${encodeURIComponent(personId)}/certificates`);
/** Issues the signed annual hours certificate for a year. */
export const issueYearCertificate = (personId: string, year: number) =>
  http.post<Certificate>(`/persons/${encodeURIComponent(personId)}/certificates`, { year });
export const certificatePdf = (serial: string) =>
  requestBlob(`/certificates/${encodeURIComponent(serial)}/pdf`);

/** Who a batch covers: the caller's scope narrowed by these (all optional but the year). */
export type BatchSelection = Omit<components["schemas"]["CertificateBatch"], "format">;
export type BatchCount = components["schemas"]["BatchCount"];
export const countBatch = (sel: BatchSelection) =>
  http.get<BatchCount>("/certificates/batch", { ...sel });
/** Issues everyone's annual hours certificate: one PDF (a page each) or a ZIP of PDFs. */
export async function issueBatch(sel: BatchSelection, format: "pdf" | "zip"): Promise<{ blob: Blob; issued: number }> {
  const body: Record<string, unknown> = { year: sel.year, format };
  for (const k of ["employer_id", "region", "status"] as const) if (sel[k]) body[k] = sel[k];
  const { blob, headers } = await postForBlob("/certificates/batch", body);
  return { blob, issued: Number(headers.get("X-Certificates-Issued") ?? 0) };
}
