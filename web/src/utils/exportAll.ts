import type { Page, Query } from "@/api/http";

/** The largest page the API serves (`page_size` 1–200, docs/api.md). */
export const MAX_PAGE_SIZE = 200;

/**
 * Fetches every page of a list (for an export or a select's options), `MAX_PAGE_SIZE` rows at a
 * time, up to `max` rows.
 */
export async function fetchAll<T>(fetcher: (q: Query) => Promise<Page<T>>, filters: Query, max = 50000): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (let page = 1; out.length < max; page++) {
    // Lists read by key answer next_cursor: follow it instead of deeper page numbers.
    const res: Page<T> = await fetcher(after ? { ...filters, after, page_size: MAX_PAGE_SIZE } : { ...filters, page, page_size: MAX_PAGE_SIZE });
    out.push(...(res.items ?? []));
    if (!res.items?.length || res.items.length < MAX_PAGE_SIZE) break;
    if (res.total_exact !== false && out.length >= res.total) break;
    after = res.next_cursor ?? null;
  }
  return out;
}
