import { http, type Page, type Query } from "./http";
import type { Role, User } from "./types";

/** Accounts; filters role, username. */
export const listUsers = (q: Query) => http.get<Page<User>>("/users", q);
export interface NewUser {
  username: string;
  password: string;
  role: Role;
  display_name?: string;
  person_id_number?: string;
  employer_code?: string;
  provider_code?: string;
  region_prefix?: string;
  industry?: string;
}
export const createUser = (u: NewUser) => http.post<User>("/users", u);
export const setUserDisabled = (id: string, disabled: boolean) =>
  http.patch<User>(`/users/${encodeURIComponent(id)}`, { disabled });
/** A temporary password, shown once; the user must change it at the next sign-in. */
export const resetUserPassword = (id: string) =>
  http.post<{ user: User; temporary_password: string }>(`/users/${encodeURIComponent(id)}/password-reset`);
