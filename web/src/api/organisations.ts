import { http, type Page, type Query } from "./http";
import type { Course, Employer, Provider, TrainingClass } from "./types";

export const listEmployers = (q: Query) => http.get<Page<Employer>>("/employers", q);
export const listProviders = (q: Query) => http.get<Page<Provider>>("/providers", q);
export const setProviderStatus = (id: string, status: "approved" | "rejected" | "suspended", reason?: string) =>
  http.post<Provider>(`/providers/${encodeURIComponent(id)}/status`, { status, reason });
export const listCourses = (q: Query) => http.get<Page<Course>>("/courses", q);
export const createCourse = (c: Omit<Course, "id">) => http.post<Course>("/courses", c);
export const listClasses = (q: Query) => http.get<Page<TrainingClass>>("/classes", q);
export const createClass = (c: Omit<TrainingClass, "id">) => http.post<TrainingClass>("/classes", c);
export interface Completion {
  id_number: string;
  name?: string;
  hours?: number;
  date?: string;
}
export const reportCompletions = (classId: string, completions: Completion[]) =>
  http.post<{ inserted: number; unchanged?: number }>(`/classes/${encodeURIComponent(classId)}/completions`, {
    completions
  });
