/** Shapes of the `jixu serve` API (issue 4, SPEC §5), shared by the typed wrappers. */
export type Role = "person" | "employer_admin" | "provider_admin" | "authority" | "admin";
export type Category = "professional" | "public";
export type RecordStatus = "pending" | "approved" | "rejected";
export type ComplianceStatus = "compliant" | "in_progress" | "not_compliant" | "exempt";
export type TitleLevel = "junior" | "intermediate" | "associate_senior" | "senior";
/** Hours travel as JSON numbers or decimal strings ("7.50"); utils/hours.ts reads both. */
export type HoursValue = number | string;

export const FORMS = [
  "centralized_training", "seminar", "advanced_study", "self_study", "case_teaching",
  "technical_visit", "consulting", "paired_training", "special_training", "online_course",
  "academic_conference", "advanced_seminar", "other"
] as const;
export type Form = (typeof FORMS)[number];
export const TITLE_LEVELS: TitleLevel[] = ["junior", "intermediate", "associate_senior", "senior"];
export const STATUSES: ComplianceStatus[] = ["compliant", "in_progress", "not_compliant", "exempt"];

export interface User {
  id: string;
  username: string;
  role: Role;
  display_name?: string;
  person_id?: string | null;
  employer_id?: string;
  employer_code?: string;
  provider_id?: string;
  provider_code?: string;
  region_prefix?: string;
  industry?: string;
  disabled?: boolean;
  /** An administrator reset the password: the user must choose a new one first. */
  must_change_password?: boolean;
  /** Names of what the scope points at (the users list): shown instead of ids and codes. */
  person_name?: string;
  employer_name?: string;
  provider_name?: string;
  region_name?: string;
}

export interface LoginResult {
  token: string;
  expires_at: string;
  must_change_password?: boolean;
  user: User;
}

export interface Person {
  id: string;
  name: string;
  id_number: string;
  employer_id?: string;
  employer_code?: string;
  employer_name?: string;
  region_code?: string;
  field?: string;
  title_level?: TitleLevel | string;
  title_since?: string;
  joined?: string;
  department?: string;
}

export interface Compliance {
  person_id?: string;
  id_number?: string;
  name?: string;
  year: number;
  policy: string;
  policy_name?: string;
  required_hours: HoursValue;
  professional_hours: HoursValue;
  public_hours: HoursValue;
  counted_hours: HoursValue;
  shortfall_hours: HoursValue;
  public_cap_hours?: HoursValue;
  status: ComplianceStatus;
  sentence_zh?: string;
  sentence_en?: string;
  /** What a policy rule changed (a cap, a conversion), in both languages. */
  notes?: { rule: string; before?: number; after?: number; zh: string; en: string }[];
  unmet?: { rule: string; zh: string; en: string }[];
  required_credits?: HoursValue;
  counted_credits?: HoursValue;
}

/** A row of a unit's / scope's compliance table. */
export interface ComplianceRow extends Compliance {
  person_id: string;
  name: string;
  id_number: string;
  department?: string;
  title_level?: string;
  field?: string;
  employer_name?: string;
  region_code?: string;
}

export interface Evidence {
  sha256: string;
  filename?: string;
  mime?: string;
  size?: number;
}

export interface LearningRecord {
  id: string;
  person_id: string;
  person_name?: string;
  id_number?: string;
  date: string;
  year?: number;
  category: Category;
  form: Form | string;
  hours: HoursValue;
  provider?: string;
  provider_name?: string;
  title: string;
  status: RecordStatus;
  /** Where the record came from: a provider's report, the person's declaration, an import. */
  origin?: "provider" | "self" | "import" | string;
  provider_code?: string;
  review_stage?: "employer" | "authority" | "done" | "withdrawn" | "resubmitted" | null;
  reject_reason?: string;
  reviewed_at?: string;
  created_at?: string;
  evidence?: Evidence[];
}

export interface Declaration {
  date: string;
  category: Category;
  form: Form | string;
  hours: number;
  provider_name: string;
  title: string;
  /** Files uploaded before (POST /evidence), named by their hash. */
  evidence?: { sha256: string; filename: string }[];
}

/** What a person may declare on a date (GET /declaration-rules), from the policy in force. */
export interface DeclarationRules {
  policy_id: string;
  today: string;
  /** form → the most hours of it one may declare on one day */
  max_hours_per_day: Record<string, number>;
  /** forms whose declarations need evidence */
  evidence_forms: string[];
}

export interface Employer {
  id: string;
  code: string;
  name: string;
  region_code?: string;
  type?: string;
  industry?: string;
  staff?: number;
  compliant?: number;
  compliance_rate?: number;
}

export interface Provider {
  id: string;
  code: string;
  name: string;
  region_code?: string;
  type?: string;
  approved?: boolean;
  credit_rating?: string;
}

export interface Course {
  id: string;
  code: string;
  title: string;
  category: Category;
  form: Form | string;
  hours: HoursValue;
  provider_code?: string;
  /** In lists: the provider by name. */
  provider_name?: string;
  published?: boolean;
  description?: string;
  /** The catalogue's details (issue 11). */
  field?: string;
  teachers?: string;
  public_subject_id?: string | null;
  textbook_ids?: string[];
}

export interface Certificate {
  serial: string;
  kind?: string;
  revoked?: boolean;
  person_name?: string;
  id_number?: string;
  year?: number;
  hours?: HoursValue;
  title?: string;
  issuer?: string;
  issued_at?: string;
}

export interface PromotionCheck {
  eligible: boolean;
  year: number;
  from_year?: number;
  to_year?: number;
  blocking_years?: number[];
  years?: Compliance[];
  sentence_zh?: string;
  sentence_en?: string;
}

export interface Policy {
  id: string;
  name_zh?: string;
  name_en?: string;
  description?: string;
  legal_source?: string;
  default?: boolean;
  uses_credits?: boolean;
  scope?: { region_prefix?: string; field?: string; from_year?: number; to_year?: number };
  cycle_years?: number;
}

export interface AuditEntry {
  id: string;
  seq?: number;
  at: string;
  actor: string;
  actor_role?: string;
  action: string;
  entity: string;
  entity_id?: string;
  /** What the entity is called (a person's or an organisation's name), when it has one. */
  entity_name?: string;
  hash?: string;
  before?: unknown;
  after?: unknown;
}

export interface ImportResult {
  kind: string;
  rows?: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  error_count?: number;
}

/** Statistics: one bucket of a breakdown (region, field, form, category, year). */
export interface StatBucket {
  key: string;
  label?: string;
  label_zh?: string;
  label_en?: string;
  persons?: number;
  compliant?: number;
  compliance_rate?: number;
  hours?: HoursValue;
  /** Trend buckets: all hours of the year (`hours` is then per head). */
  hours_total?: HoursValue;
  professional_hours?: HoursValue;
  public_hours?: HoursValue;
}

export interface Statistics {
  year: number;
  persons: number;
  compliant: number;
  compliance_rate: number;
  hours: HoursValue;
  professional_hours: HoursValue;
  public_hours: HoursValue;
  by_region?: StatBucket[];
  by_field?: StatBucket[];
  by_form?: StatBucket[];
  by_category?: StatBucket[];
  by_title_level?: StatBucket[];
  by_employer_type?: StatBucket[];
  by_status?: StatBucket[];
  trend?: StatBucket[];
}

export type RequestStatus = "pending" | "approved" | "rejected";
export type ExemptionKind = "illness" | "maternity" | "study_abroad" | "military_service" | "near_retirement" | "other";
export const EXEMPTION_KINDS: ExemptionKind[] = ["illness", "maternity", "study_abroad", "military_service", "near_retirement", "other"];

/** An exemption with its approval trail (GET /exemptions). */
export interface Exemption {
  id: string;
  person_id: string;
  person_name: string;
  employer_code: string;
  kind: ExemptionKind;
  from: string;
  to: string;
  note: string;
  approved: boolean;
  status: RequestStatus;
  requested_by: string;
  requested_at: string | null;
  evidence: { sha256: string; filename: string } | null;
  decided_by: string;
  decided_at: string | null;
  reason: string;
}

export interface ExemptionRequest {
  person_id?: string;
  kind: ExemptionKind;
  from: string;
  to: string;
  note?: string;
}

/** A provider's class (班级) of one of its courses. */
export interface TrainingClass {
  id: string;
  provider_code: string;
  course_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  hours: HoursValue;
  capacity: number;
  enrolled: number;
  completed: number;
}

export interface Enrolment {
  person_id: string;
  name: string;
  id_number: string;
  enrolled_at: string;
  completed: boolean;
  completed_at: string | null;
  record_id: string | null;
  certificate_serial: string | null;
}
