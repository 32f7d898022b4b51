import type { WhatIfTally } from "@/api/whatIf";

/** A share as a percentage with one decimal ("—" when nobody counts). */
export const pct = (n: number, d: number): string => (d > 0 ? `${((100 * n) / d).toFixed(1)}%` : "—");
/** 达标率 among those not exempt, under the policy in force and under the candidate. */
export const rateBefore = (g: WhatIfTally): string => pct(g.compliant_before, g.persons - g.exempt_before);
export const rateAfter = (g: WhatIfTally): string => pct(g.compliant_after, g.persons - g.exempt_after);
