/**
 * Shapes of the `jixu serve` API, named for the pages. They are aliases of the types generated
 * from the server's OpenAPI document (schema.d.ts, `npm run api-types`; docs/api.md#openapi),
 * so a page cannot read a field the server does not send. What is not an API shape (constants
 * for selects, HoursValue) is written here.
 */
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

/** The JSON request body of an operation. */
export type JsonBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
/** The JSON answer of an operation for a status (default 200). */
export type Answer<P extends keyof paths, M extends keyof paths[P], C extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? C extends keyof R
    ? R[C] extends { content: { "application/json": infer A } }
      ? A
      : never
    : never
  : never;

export type Role = Schemas["Role"];
export type Category = Schemas["Category"];
export type Form = Schemas["Form"];
export type RecordStatus = Schemas["RecordStatus"];
export type ComplianceStatus = Schemas["ComplianceStatus"];
export type TitleLevel = Schemas["TitleLevel"];
export type ReviewStage = Schemas["ReviewStage"];
/** Hours travel as JSON numbers; forms may hold decimal strings ("7.50"); utils/hours.ts reads both. */
export type HoursValue = number | string;

export const FORMS: readonly Form[] = [
  "centralized_training", "seminar", "advanced_study", "self_study", "case_teaching",
  "technical_visit", "consulting", "paired_training", "special_training", "online_course",
  "academic_conference", "advanced_seminar", "other"
];
/** The levels a person can hold (the API also answers "none" for a person without a title). */
export const TITLE_LEVELS: TitleLevel[] = ["junior", "intermediate", "associate_senior", "senior"];
export const STATUSES: ComplianceStatus[] = ["compliant", "in_progress", "not_compliant", "exempt"];

/** An account; in the users list with the names of what its scope points at. */
export type User = Schemas["UserListItem"];
export type LoginResult = Schemas["LoginResult"];

export type Person = Schemas["Person"];
export type PersonListItem = Schemas["PersonListItem"];
export type Compliance = Schemas["Compliance"];
export type PersonCompliance = Schemas["PersonCompliance"];
/** A row of a unit's compliance table. */
export type ComplianceRow = Schemas["EmployerComplianceRow"];
export type Evidence = Schemas["EvidenceFile"];
/** One record with its review and evidence (GET /records/{id}, a person's archive, a declaration). */
export type LearningRecord = Schemas["LearningRecord"];
/** A row of the scoped record list (GET /records). */
export type RecordListItem = Schemas["RecordListItem"];
/** A declaration awaiting the caller's decision (GET /reviews). */
export type ReviewQueueItem = Schemas["ReviewQueueItem"];
export type Declaration = Schemas["Declaration"];
/** What a person may declare on a date (GET /declaration-rules), from the policy in force. */
export type DeclarationRules = Schemas["DeclarationRules"];
export type Employer = Schemas["Employer"];
export type Provider = Schemas["Provider"];
export type Course = Schemas["Course"];
export type Certificate = Schemas["Certificate"];
export type PromotionCheck = Schemas["PromotionCheck"];
export type ComplianceHistory = Schemas["ComplianceHistory"];
export type Policy = Schemas["Policy"];
export type AuditEntry = Schemas["AuditEntry"];
export type ImportResult = Schemas["ImportReport"];
export type ImportColumns = Schemas["ImportColumns"];

/**
 * Any bucket of a statistics breakdown as the charts read it: by region, field, title level,
 * employer type, form, status or year (each carries the key and some of the figures).
 */
export type StatBucket = Pick<Schemas["StatBucket"], "key"> &
  Partial<Omit<Schemas["RegionBucket"] & Schemas["TrendBucket"], "key">>;
export type Statistics = Schemas["Statistics"];

export type RequestStatus = Schemas["RequestStatus"];
export type ExemptionKind = Schemas["ExemptionKind"];
export const EXEMPTION_KINDS: ExemptionKind[] = ["illness", "maternity", "study_abroad", "military_service", "near_retirement", "other"];

/** An exemption with its approval trail (GET /exemptions). */
export type Exemption = Schemas["Exemption"];
export type ExemptionRequest = JsonBody<"/api/v1/exemptions", "post">;

/** A provider's class (班级) of one of its courses. */
export type TrainingClass = Schemas["Class"];
export type Enrolment = Schemas["Enrolment"];
