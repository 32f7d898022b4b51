import { http, type Page, type Query } from "./http";
import type { components } from "./schema";
import type { Employer } from "./types";

/** One row of 专业技术人员: a person of the caller's scope and their compliance for the year. */
export type ScopePersonRow = components["schemas"]["ScopeComplianceRow"];
/** The rows, with persons by status before the status filter (all four keys present). */
export type ScopePersons = components["schemas"]["PersonsCompliance"];
/**
 * Every person of the caller's scope with their compliance for the year (GET /compliance/persons);
 * filters status, region, employer (id), field, title_level, name; sort any column key.
 */
export const scopePersons = (q: Query) => http.get<ScopePersons>("/compliance/persons", q);

/** An employer with its staff's figures for the year (GET /statistics/employers). */
export type RankedEmployer = components["schemas"]["RankedEmployer"];
export type EmployerRanking = components["schemas"]["EmployerRanking"];
export const employerRanking = (q: Query) => http.get<EmployerRanking>("/statistics/employers", q);

/** One level of the region table: provinces (no parent), a province's cities, a city's counties. */
export type RegionNode = components["schemas"]["Region"];
export const regionChildren = (parent = "") => http.get<Page<RegionNode>>("/regions", parent ? { parent } : {});
/** Employers of the caller's scope whose name contains `q` or whose code starts with it. */
export const searchEmployers = (q: string, pageSize = 20) => http.get<Page<Employer>>("/employers", { q, page: 1, page_size: pageSize });

export type TransferStatus = components["schemas"]["TransferStatus"];
export type Transfer = components["schemas"]["Transfer"];
export const listTransfers = (q: Query) => http.get<Page<Transfer>>("/transfers", q);
export const personTransfers = (personId: string) =>
  http.get<Page<Transfer>>(`/persons/${encodeURIComponent(personId)}/transfers`, { page_size: 200 });
/** 调出: the person stays on the staff until another employer takes them on. */
export const releasePerson = (personId: string, note: string) =>
  http.post<Transfer>(`/persons/${encodeURIComponent(personId)}/release`, { note });
/** 调入: an employer admin takes on a released person by ID number and name. */
export const takeOnPerson = (body: { id_number: string; name: string; note?: string }) =>
  http.post<Transfer>("/transfers/take-on", body);
/** An authority moves a person to another employer of its scope directly. */
export const movePerson = (personId: string, employerId: string, note: string) =>
  http.post<Transfer>(`/persons/${encodeURIComponent(personId)}/transfer`, { employer_id: employerId, note });
export const cancelTransfer = (id: string) => http.post<Transfer>(`/transfers/${encodeURIComponent(id)}/cancel`, {});
