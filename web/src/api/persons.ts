import { http, type Page, type Query } from "./http";
import type { ComplianceHistory, JsonBody, Person, PersonCompliance, PersonListItem, PromotionCheck } from "./types";

/** Persons in the caller's scope; filters employer_code, region, field, title_level, name. */
export const listPersons = (q: Query) => http.get<Page<PersonListItem>>("/persons", q);
export const getPerson = (id: string) => http.get<Person>(`/persons/${encodeURIComponent(id)}`);
export type NewPerson = JsonBody<"/api/v1/persons", "post">;
export const createPerson = (p: NewPerson) => http.post<Person>("/persons", p);
export const personCompliance = (id: string, year: number) =>
  http.get<PersonCompliance>(`/persons/${encodeURIComponent(id)}/compliance`, { year });
export const personHistory = (id: string, from: number, to: number) =>
  http.get<ComplianceHistory>(`/persons/${encodeURIComponent(id)}/history`, { from, to });
export const promotion = (id: string, year: number) =>
  http.get<PromotionCheck>(`/persons/${encodeURIComponent(id)}/promotion`, { year });
