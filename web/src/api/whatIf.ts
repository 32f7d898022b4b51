import { request } from "./http";

/** Counts of one group under the policy in force (before) and the candidate (after). */
export interface WhatIfTally {
  code?: string;
  label_zh?: string;
  name?: string | null;
  persons: number;
  compliant_before: number;
  compliant_after: number;
  exempt_before: number;
  exempt_after: number;
  changed: number;
  to_compliant: number;
  from_compliant: number;
}

/** One person whose status changes under the candidate policy (ID number masked). */
export interface WhatIfFlip {
  person_id: string;
  name: string;
  id_number: string;
  employer_code: string;
  region_code: string;
  field: string;
  title_level: string;
  policy_before: string;
  status_before: string;
  status_after: string;
  counted_before: number;
  counted_after: number;
  required_before: number;
  required_after: number;
}

export interface WhatIfResult {
  year: number;
  region: string;
  candidate: { id: string; name_zh: string; name_en: string };
  policies_before: Record<string, number>;
  before: Record<string, number>;
  after: Record<string, number>;
  total: WhatIfTally;
  by_region: WhatIfTally[];
  by_field: WhatIfTally[];
  by_title_level: WhatIfTally[];
  employers: WhatIfTally[];
  employers_changed: number;
  flips: WhatIfFlip[];
  flips_total: number;
  flips_shown: number;
  elapsed_ms: number;
}

/** The candidate: a loaded policy by id, or a candidate policy's TOML text. */
export type WhatIfCandidate = { policy_id: string } | { policy_toml: string };

/** POST /compliance/what-if: the scope's year under the candidate beside the policy in force. */
export function runWhatIf(year: number, candidate: WhatIfCandidate): Promise<WhatIfResult> {
  return request<WhatIfResult>("POST", "/compliance/what-if", { query: { year }, body: candidate });
}
