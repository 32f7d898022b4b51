import type { Page, Query } from "@/api/http";

/** Fetches every page of a list (for an export), 500 rows at a time, up to `max` rows. */
export async function fetchAll<T>(fetcher: (q: Query) => Promise<Page<T>>, filters: Query, max = 50000): Promise<T[]> {
  const out: T[] = [];
  const pageSize = 500;
  for (let page = 1; out.length < max; page++) {
    const res = await fetcher({ ...filters, page, page_size: pageSize });
    out.push(...(res.items ?? []));
    if (!res.items?.length || out.length >= res.total) break;
  }
  return out;
}
