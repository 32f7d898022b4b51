import type { Query } from "./http";

// The query of GET /statistics, in one place for the API module and the dashboard's route prefetch
// (which must ask for exactly the same URL; the router imports this file, so it stays tiny).

/** The trend covers this many years up to the year shown. */
export const TREND_YEARS = 5;

/** A year and its trend of `trendYears` years, for a region prefix inside the scope ("" = all). */
export function statisticsQuery(year: number, region = "", trendYears = TREND_YEARS): Query {
  return { year, ...(region ? { region } : {}), from: year - trendYears + 1, to: year };
}
