import { http, type Page, type Query } from "./http";
import type { Role, User } from "./types";

export const listUsers = (q: Query) => http.get<Page<User>>("/users", q);
export interface NewUser {
  username: string;
  password: string;
  role: Role;
  person?: string;
  employer?: string;
  provider?: string;
  region?: string;
  industry?: string;
}
export const createUser = (u: NewUser) => http.post<User>("/users", u);
export const setUserDisabled = (id: string, disabled: boolean) =>
  http.patch<User>(`/users/${encodeURIComponent(id)}`, { disabled });
export const deleteUser = (id: string) => http.del<void>(`/users/${encodeURIComponent(id)}`);
