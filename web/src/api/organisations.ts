import { http, type Page, type Query } from "./http";
import type { Course, Employer, JsonBody, Provider } from "./types";

/** Employers in the caller's scope; filters region, industry, name. An employer admin sees its own. */
export const listEmployers = (q: Query) => http.get<Page<Employer>>("/employers", q);
/** Providers: the public list of approved ones; `approved=false|all` for authorities. */
export const listProviders = (q: Query) => http.get<Page<Provider>>("/providers", q);
export const approveProvider = (id: string, approved: boolean) =>
  http.post<Provider>(`/providers/${encodeURIComponent(id)}/approve`, { approved });
/** The published course catalogue; `mine=true` for a provider's own courses. */
export const listCourses = (q: Query) => http.get<Page<Course>>("/courses", q);
export type NewCourse = JsonBody<"/api/v1/courses", "post">;
export const createCourse = (c: NewCourse) => http.post<Course>("/courses", c);
export const updateCourse = (id: string, c: JsonBody<"/api/v1/courses/{id}", "patch">) =>
  http.patch<Course>(`/courses/${encodeURIComponent(id)}`, c);
