import { http, requestBlob } from "./http";
import type { Answer, LoginResult, User } from "./types";

export const login = (username: string, password: string) =>
  http.post<LoginResult>("/auth/login", { username, password });
export const logout = () => http.post<void>("/auth/logout");
export const me = () => http.get<User>("/auth/me");
/** One's own password; the only call allowed while must_change_password is set. */
export const changePassword = (current_password: string, new_password: string) =>
  http.post<User>("/auth/password", { current_password, new_password });

/** The sign-in's second step: the authenticator's code, or one of the recovery codes. */
export type SecondFactorResult = Answer<"/api/v1/auth/second-factor", "post">;
export const secondFactor = (body: { code?: string; recovery_code?: string }) =>
  http.post<SecondFactorResult>("/auth/second-factor", body);
export type TotpStatus = Answer<"/api/v1/auth/totp", "get">;
export const totpStatus = () => http.get<TotpStatus>("/auth/totp");
/** A new secret, as text, otpauth:// URI and an SVG QR code drawn by the server. */
export type Enrolment = Answer<"/api/v1/auth/totp/enrol", "post">;
export const enrolTotp = () => http.post<Enrolment>("/auth/totp/enrol");
export type Confirmation = Answer<"/api/v1/auth/totp/confirm", "post">;
export const confirmTotp = (code: string) => http.post<Confirmation>("/auth/totp/confirm", { code });

/** One's own sessions, and signing one or all the others out. */
export type SessionInfo = Answer<"/api/v1/auth/sessions", "get">["items"][number];
export const listSessions = () => http.get<Answer<"/api/v1/auth/sessions", "get">>("/auth/sessions");
export const signOutSession = (id: string) => http.del<void>(`/auth/sessions/${encodeURIComponent(id)}`);
export const signOutOthers = () =>
  http.post<Answer<"/api/v1/auth/sessions/sign-out-others", "post">>("/auth/sessions/sign-out-others");

/** Everything held about oneself, as one JSON document (downloaded from the user menu). */
export const ownData = () => requestBlob("/auth/data");
