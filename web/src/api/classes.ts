import { http, type Page, type Query } from "./http";
import type { Answer, Enrolment, JsonBody, TrainingClass } from "./types";

export type NewClass = JsonBody<"/api/v1/classes", "post">;

export const listClasses = (q: Query) => http.get<Page<TrainingClass>>("/classes", q);
export const createClass = (c: NewClass) => http.post<TrainingClass>("/classes", c);
export const listEnrolments = (id: string) => http.get<Page<Enrolment>>(`/classes/${encodeURIComponent(id)}/enrolments`);
/** Enrols by ID number, all-or-nothing (every unknown number is named). */
export const enrol = (id: string, idNumbers: string[]) =>
  http.post<Answer<"/api/v1/classes/{id}/enrolments", "post", 201>>(`/classes/${encodeURIComponent(id)}/enrolments`, { id_numbers: idNumbers });
/** Reports completions; a second report of the same person changes nothing. */
export const reportCompletions = (id: string, personIds: string[] | "all") =>
  http.post<Answer<"/api/v1/classes/{id}/completions", "post", 201>>(
    `/classes/${encodeURIComponent(id)}/completions`,
    personIds === "all" ? { all: true } : { person_ids: personIds }
  );
export const issueClassCertificate = (id: string, personId: string) =>
  http.post<Answer<"/api/v1/classes/{id}/enrolments/{person_id}/certificate", "post", 201>>(`/classes/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(personId)}/certificate`, {});
