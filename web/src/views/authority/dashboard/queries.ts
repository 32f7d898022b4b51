import { prefetchGet, type Query } from "@/api/http";
import { statisticsQuery } from "@/api/statisticsQuery";
import { currentYear } from "@/utils/year";

// The dashboard's two first calls, built in one place so that the route's prefetch and the page
// ask for exactly the same URLs (kept out of the page's chunk: the router imports this file).
// GET /statistics's query is src/api/statisticsQuery.ts.

/** The employers' table: the first ten of the region, best first by default. */
export const EMPLOYER_SORT = "-compliance_rate";

/** GET /statistics/employers: the region's employers ranked. */
export function employersQuery(year: number, region = "", sort = EMPLOYER_SORT): Query {
  return { year, region: region || undefined, sort, page_size: 10 };
}

/** Starts both calls for the page's first view (this year, the whole scope). */
export function prefetchDashboard(): void {
  const year = currentYear();
  prefetchGet("/statistics", statisticsQuery(year));
  prefetchGet("/statistics/employers", employersQuery(year));
}
