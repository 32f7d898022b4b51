import { http, type Page, type Query } from "./http";
import type { Course, Employer, Provider } from "./types";

/** Employers in the caller's scope; filters region, industry, name. An employer admin sees its own. */
export const listEmployers = (q: Query) => http.get<Page<Employer>>("/employers", q);
/** Providers: the public list of approved ones; `approved=false|all` for authorities. */
export const listProviders = (q: Query) => http.get<Page<Provider>>("/providers", q);
export const approveProvider = (id: string, approved: boolean) =>
  http.post<Provider>(`/providers/${encodeURIComponent(id)}/approve`, { approved });
/** The published course catalogue; `mine=true` for a provider's own courses. */
export const listCourses = (q: Query) => http.get<Page<Course>>("/courses", q);
export type NewCourse = Omit<Course, "id" | "provider_code">;
export const createCourse = (c: NewCourse) => http.post<Course>("/courses", c);
export const updateCourse = (id: string, c: Partial<NewCourse>) => http.patch<Course>(`/courses/${encodeURIComponent(id)}`, c);
