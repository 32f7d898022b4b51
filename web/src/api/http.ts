/**
 * The one place that talks HTTP to `jixu serve`: adds the Bearer token, decodes JSON and turns
 * RFC 9457 problem+json answers into an ApiError that carries the server's bilingual message.
 */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  field?: string;
  message_zh?: string;
  message_en?: string;
  errors?: ImportRowError[];
}

/** One bad line of an import, as the server (and the CLI) report it. */
export interface ImportRowError {
  line: number;
  field?: string;
  column?: string;
  code?: string;
  message_zh?: string;
  message_en?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  page_size?: number;
  /** false: more rows match than the API counts (10,000) and `total` is that lower bound. */
  total_exact?: boolean;
  /** Pass as `after` for the page after this one (lists read by key); null on the last page. */
  next_cursor?: string | null;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message_en || problem.title || `HTTP ${problem.status}`);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  /** The server's message in the UI language, falling back to the other one, then the title. */
  localized(locale: string): string {
    const p = this.problem;
    const zh = p.message_zh || p.detail || p.title;
    const en = p.message_en || p.detail || p.title;
    return (locale.startsWith("zh") ? zh || en : en || zh) || `HTTP ${p.status}`;
  }
}

const API_ROOT = "api/v1";
let token: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setToken(value: string | null): void {
  token = value;
}
export function getToken(): string | null {
  return token;
}
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_ROOT}${path}${qs ? `?${qs}` : ""}`;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Raw body (a File for uploads, CSV text for imports); sent as is with its own content type. */
  raw?: Blob | string;
  contentType?: string;
  signal?: AbortSignal;
}

async function toProblem(res: Response): Promise<Problem> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return { ...body, status: body.status ?? res.status };
    } catch {
      /* fall through to a bare problem */
    }
  }
  return { status: res.status, title: res.statusText };
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    if (opts.contentType) headers["Content-Type"] = opts.contentType;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["Content-Type"] = "application/json";
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({
      status: 0,
      code: "network",
      message_zh: "无法连接服务器，请检查网络后重试",
      message_en: "Cannot reach the server; check the network and try again"
    });
  }
  if (!res.ok) {
    const problem = await toProblem(res);
    if (res.status === 401 && token && onUnauthorized) onUnauthorized();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

/** Downloads a binary answer (PDF, CSV) with the token, for a save-as link. */
export async function requestBlob(path: string, query?: Query): Promise<Blob> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(buildUrl(path, query), { headers });
  if (!res.ok) throw new ApiError(await toProblem(res));
  return res.blob();
}

/** POSTs JSON and answers the binary result (a batch of PDFs) with its response headers. */
export async function postForBlob(path: string, body: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(buildUrl(path), { method: "POST", headers, body: JSON.stringify(body) });
  if (!res.ok) {
    if (res.status === 401 && token && onUnauthorized) onUnauthorized();
    throw new ApiError(await toProblem(res));
  }
  return { blob: await res.blob(), headers: res.headers };
}

// GETs started ahead of the page that needs them (a route's `prefetch`, run when navigation to it
// begins, while its code is still loading): the page's own call for the same URL takes the answer
// instead of asking again. An answer is taken once, and only within WARM_MS of being asked for.
const WARM_MS = 10_000;
const warm = new Map<string, { at: number; answer: Promise<unknown> }>();
/** The URL with its parameters sorted: the same call whatever order its query was built in. */
function warmKey(path: string, query?: Query): string {
  const [base, qs = ""] = buildUrl(path, query).split("?");
  const params = new URLSearchParams(qs);
  params.sort();
  return `${base}?${params.toString()}`;
}

/** Starts GET `path` now for the page about to open (see `warm` above). */
export function prefetchGet(path: string, query?: Query): void {
  const answer = request<unknown>("GET", path, { query });
  answer.catch(() => undefined); // the page's own call reports the error
  warm.set(warmKey(path, query), { at: Date.now(), answer });
}

function get<T>(path: string, query?: Query): Promise<T> {
  const key = warmKey(path, query);
  const w = warm.get(key);
  if (w) {
    warm.delete(key);
    if (Date.now() - w.at < WARM_MS) return w.answer as Promise<T>;
  }
  return request<T>("GET", path, { query });
}

export const http = {
  get,
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body }),
  del: <T>(path: string) => request<T>("DELETE", path)
};
