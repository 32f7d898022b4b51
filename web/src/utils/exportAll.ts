import type { Page, Query } from "@/api/http";

/** The largest page the API serves (`page_size` 1–200, docs/api.md). */
export const MAX_PAGE_SIZE = 200;

/**
 * Fetches every page of a list (for an export or a select's options), `MAX_PAGE_SIZE` rows at a
 * time, up to `max` rows.
 */
export async function fetchAll<T>(fetcher: (q: Query) => Promise<Page<T>>, filters: Query, max = 50000): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < max; page++) {
    const res = await fetcher({ ...filters, page, page_size: MAX_PAGE_SIZE });
    out.push(...(res.items ?? []));
    if (!res.items?.length || out.length >= res.total) break;
  }
  return out;
}
