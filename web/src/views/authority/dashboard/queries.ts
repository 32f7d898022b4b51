import { prefetchGet, type Query } from "@/api/http";
import { currentYear } from "@/utils/year";

// The dashboard's two first calls, built in one place so that the route's prefetch and the page
// ask for exactly the same URLs (kept out of the page's chunk: the router imports this file).

/** The trend covers this many years up to the year shown. */
export const TREND_YEARS = 5;
/** The employers' table: the first ten of the region, best first by default. */
export const EMPLOYER_SORT = "-compliance_rate";

/** GET /statistics: the year and its trend, for a region prefix inside the scope ("" = all). */
export function statisticsQuery(year: number, region = ""): Query {
  return { year, ...(region ? { region } : {}), from: year - TREND_YEARS + 1, to: year };
}

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
