import { http } from "./http";
import type { LoginResult, User } from "./types";

export const login = (username: string, password: string) =>
  http.post<LoginResult>("/auth/login", { username, password });
export const logout = () => http.post<void>("/auth/logout");
export const me = () => http.get<User>("/auth/me");
/** One's own password; the only call allowed while must_change_password is set. */
export const changePassword = (current_password: string, new_password: string) =>
  http.post<User>("/auth/password", { current_password, new_password });
