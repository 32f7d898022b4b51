import { describe, expect, it } from "vitest";
import type { Page, Query } from "@/api/http";
import { fetchAll, MAX_PAGE_SIZE } from "@/utils/exportAll";

/** A list of `n` rows served like GET /api/v1/records: totals counted up to `cap`, cursors by id. */
function server(n: number, cap: number, cursors: boolean) {
  const asked: Query[] = [];
  const fetcher = async (q: Query): Promise<Page<number>> => {
    asked.push(q);
    const size = Number(q.page_size);
    const start = q.after != null ? Number(q.after) : (Number(q.page) - 1) * size;
    const items = Array.from({ length: Math.max(0, Math.min(size, n - start)) }, (_, i) => start + i);
    const more = items.length === size;
    return {
      items,
      total: Math.min(n, cap),
      total_exact: n <= cap,
      next_cursor: cursors && more ? String(start + size) : null,
    };
  };
  return { fetcher, asked };
}

describe("fetchAll", () => {
  it("reads past a total that is only a lower bound, following next_cursor", async () => {
    const s = server(MAX_PAGE_SIZE * 3 + 7, MAX_PAGE_SIZE, true);
    const rows = await fetchAll(s.fetcher, { year: 2025 });
    expect(rows.length).toBe(MAX_PAGE_SIZE * 3 + 7);
    expect(rows[rows.length - 1]).toBe(MAX_PAGE_SIZE * 3 + 6);
    expect(s.asked[1]).toMatchObject({ after: String(MAX_PAGE_SIZE), year: 2025 });
    expect(s.asked[1].page).toBeUndefined();
  });

  it("stops at an exact total and pages by number when the list has no cursor", async () => {
    const s = server(MAX_PAGE_SIZE * 2, 10000, false);
    const rows = await fetchAll(s.fetcher, {});
    expect(rows.length).toBe(MAX_PAGE_SIZE * 2);
    expect(s.asked.map((q) => q.page)).toEqual([1, 2]);
  });

  it("stops at max", async () => {
    const s = server(MAX_PAGE_SIZE * 5, 100, true);
    const rows = await fetchAll(s.fetcher, {}, MAX_PAGE_SIZE * 2);
    expect(rows.length).toBe(MAX_PAGE_SIZE * 2);
  });
});
