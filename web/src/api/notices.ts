import { request, type Page, type Query } from "./http";
import type { components } from "./schema";

/** One notice: a reminder, an employer's digest, an overdue review, or an authority's 催办. */
export type Notice = components["schemas"]["Notice"];

/** GET /notices: the caller's notices, newest first (unread: only those not yet read). */
export function listNotices(q: Query): Promise<Page<Notice>> {
  return request<Page<Notice>>("GET", "/notices", { query: q });
}
/** GET /notices/unread-count: the bell's number. */
export function unreadCount(): Promise<{ unread: number }> {
  return request<{ unread: number }>("GET", "/notices/unread-count");
}
export function markRead(id: string): Promise<Notice> {
  return request<Notice>("POST", `/notices/${encodeURIComponent(id)}/read`);
}
export function markAllRead(): Promise<{ marked: number }> {
  return request<{ marked: number }>("POST", "/notices/read-all");
}
/** The address the caller's notices are e-mailed to ("" = none). */
export function getContact(): Promise<{ email: string }> {
  return request<{ email: string }>("GET", "/notices/contact");
}
export function setContact(email: string): Promise<{ email: string }> {
  return request<{ email: string }>("PUT", "/notices/contact", { body: { email } });
}
/** POST /notices/urge: 催办 to employers of the caller's scope. */
export function urgeEmployers(body: { employer_ids: string[]; subject: string; message: string }): Promise<{ sent: number; employer_ids: string[] }> {
  return request<{ sent: number; employer_ids: string[] }>("POST", "/notices/urge", { body });
}
