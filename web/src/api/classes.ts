import { http, type Page, type Query } from "./http";
import type { Enrolment, TrainingClass } from "./types";

export interface NewClass {
  course_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  hours?: number;
  capacity?: number;
}

export const listClasses = (q: Query) => http.get<Page<TrainingClass>>("/classes", q);
export const createClass = (c: NewClass) => http.post<TrainingClass>("/classes", c);
export const listEnrolments = (id: string) => http.get<Page<Enrolment>>(`/classes/${encodeURIComponent(id)}/enrolments`);
/** Enrols by ID number, all-or-nothing (every unknown number is named). */
export const enrol = (id: string, idNumbers: string[]) =>
  http.post<{ enrolled: number; already: number }>(`/classes/${encodeURIComponent(id)}/enrolments`, { id_numbers: idNumbers });
/** Reports completions; a second report of the same person changes nothing. */
export const reportCompletions = (id: string, personIds: string[] | "all") =>
  http.post<{ inserted: number; unchanged: number }>(
    `/classes/${encodeURIComponent(id)}/completions`,
    personIds === "all" ? { all: true } : { person_ids: personIds }
  );
export const issueClassCertificate = (id: string, personId: string) =>
  http.post<{ serial: string }>(`/classes/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(personId)}/certificate`, {});
