import { http, type Page, type Query } from "./http";
import type { Compliance, Person, PromotionCheck } from "./types";

/** Persons in the caller's scope; filters employer_code, region, field, title_level, name. */
export const listPersons = (q: Query) => http.get<Page<Person>>("/persons", q);
export const getPerson = (id: string) => http.get<Person>(`/persons/${encodeURIComponent(id)}`);
export interface NewPerson {
  id_number: string;
  name: string;
  employer_code?: string;
  region_code: string;
  field: string;
  title_level: string;
  title_since?: string;
}
export const createPerson = (p: NewPerson) => http.post<Person>("/persons", p);
export const personCompliance = (id: string, year: number) =>
  http.get<Compliance>(`/persons/${encodeURIComponent(id)}/compliance`, { year });
export const personHistory = (id: string, from: number, to: number) =>
  http.get<{ years: Compliance[]; from: number; to: number }>(`/persons/${encodeURIComponent(id)}/history`, { from, to });
export const promotion = (id: string, year: number) =>
  http.get<PromotionCheck>(`/persons/${encodeURIComponent(id)}/promotion`, { year });
