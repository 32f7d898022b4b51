import type { Compliance, ComplianceStatus, HoursValue } from "@/api/types";
import { toHours } from "./hours";

/** What the person dashboard shows for one year, computed from the server's compliance answer. */
export interface Progress {
  required: number;
  professional: number;
  publicRecorded: number;
  /** The most public-subject hours that count (Art. 6: one third of the requirement by default). */
  publicCap: number;
  /** Public hours that count, i.e. min(recorded, cap). */
  publicCounted: number;
  /** Public hours beyond the cap, which count for nothing. */
  publicExcess: number;
  counted: number;
  shortfall: number;
  /** 0–100, for the progress bar; 100 once compliant. */
  percent: number;
  /** Share of the bar taken by professional and by counted public hours, 0–100 each. */
  professionalPercent: number;
  publicPercent: number;
  status: ComplianceStatus;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The figures the bar needs; hours as numbers (the API) or decimal strings. */
type HoursFields = "required_hours" | "professional_hours" | "public_hours" | "counted_hours" | "shortfall_hours";
export type ProgressInput = Pick<Compliance, "status"> & Record<HoursFields, HoursValue>;

export function computeProgress(c: ProgressInput): Progress {
  const required = toHours(c.required_hours);
  const professional = toHours(c.professional_hours);
  const publicRecorded = toHours(c.public_hours);
  // The server does not send a policy's own cap (its effect is in counted_hours and notes).
  const publicCap = round2(required / 3);
  const publicCounted = Math.min(publicRecorded, publicCap);
  const publicExcess = round2(Math.max(0, publicRecorded - publicCap));
  // The server's counted/shortfall figures are authoritative (a policy may convert or cap
  // forms); the split is only for display and is scaled to fit inside them.
  const counted = toHours(c.counted_hours);
  const shortfall = toHours(c.shortfall_hours);
  const percent = required > 0 ? Math.min(100, Math.round((counted / required) * 1000) / 10) : 100;
  const splitTotal = professional + publicCounted;
  const scale = splitTotal > 0 ? Math.min(counted, required || counted) / splitTotal : 0;
  const base = required > 0 ? required : Math.max(counted, 1);
  const professionalPercent = Math.round(((professional * scale) / base) * 1000) / 10;
  const publicPercent = Math.min(
    round2(100 - professionalPercent),
    Math.round(((publicCounted * scale) / base) * 1000) / 10
  );
  return {
    required, professional, publicRecorded, publicCap, publicCounted, publicExcess,
    counted, shortfall, percent, professionalPercent, publicPercent, status: c.status
  };
}

/** Element Plus tag type for a compliance or review status. */
export function statusTagType(status: string): "success" | "warning" | "danger" | "info" | "primary" {
  switch (status) {
    case "compliant":
    case "approved":
    case "eligible":
      return "success";
    case "in_progress":
    case "pending":
      return "warning";
    case "not_compliant":
    case "rejected":
      return "danger";
    default:
      return "info";
  }
}
