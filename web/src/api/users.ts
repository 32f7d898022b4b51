import { http, type Page, type Query } from "./http";
import type { Answer, JsonBody, User } from "./types";

/** Accounts; filters role, username. */
export const listUsers = (q: Query) => http.get<Page<User>>("/users", q);
export type NewUser = JsonBody<"/api/v1/users", "post">;
export const createUser = (u: NewUser) => http.post<User>("/users", u);
export const setUserDisabled = (id: string, disabled: boolean) =>
  http.patch<User>(`/users/${encodeURIComponent(id)}`, { disabled });
/** A temporary password, shown once; the user must change it at the next sign-in. */
export const resetUserPassword = (id: string) =>
  http.post<Answer<"/api/v1/users/{id}/password-reset", "post">>(`/users/${encodeURIComponent(id)}/password-reset`);
