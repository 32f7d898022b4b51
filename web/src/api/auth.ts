import { http } from "./http";
import type { LoginResult, User } from "./types";

export const login = (username: string, password: string) =>
  http.post<LoginResult>("/auth/login", { username, password });
export const logout = () => http.post<void>("/auth/logout");
export const me = () => http.get<User>("/auth/me");
