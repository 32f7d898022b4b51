import { request } from "./http";
import type { components } from "./schema";

/** Counts of one group under the policy in force (before) and the candidate (after). */
export type WhatIfTally = components["schemas"]["WhatIfTally"];
/** One person whose status changes under the candidate policy (ID number masked). */
export type WhatIfFlip = components["schemas"]["WhatIfFlip"];
export type WhatIfResult = components["schemas"]["WhatIf"];
/** A group of a what-if (a region, a field, a title level): its code and counts. */
export type WhatIfGroup = WhatIfResult["by_region"][number];

/** The candidate: a loaded policy by id, or a candidate policy's TOML text. */
export type WhatIfCandidate = { policy_id: string } | { policy_toml: string };

/** POST /compliance/what-if: the scope's year under the candidate beside the policy in force. */
export function runWhatIf(year: number, candidate: WhatIfCandidate): Promise<WhatIfResult> {
  return request<WhatIfResult>("POST", "/compliance/what-if", { query: { year }, body: candidate });
}
