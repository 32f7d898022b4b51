import type { FormRules } from "element-plus";
import { isValidHours } from "@/utils/hours";
import { todayIso } from "@/utils/year";

type T = (key: string) => string;

/** Validation of a declaration, mirroring the server's rules (hours > 0, ≤ 1000, two places; no future date). */
export function declarationRules(t: T): FormRules {
  return {
    title: [{ required: true, message: () => t("declare.titleRequired"), trigger: "blur" }],
    date: [
      { required: true, message: () => t("declare.dateRequired"), trigger: "change" },
      {
        validator: (_r, v: string, cb) => (v && v > todayIso() ? cb(new Error(t("declare.dateFuture"))) : cb()),
        trigger: "change"
      }
    ],
    category: [{ required: true, message: () => t("declare.categoryRequired"), trigger: "change" }],
    form: [{ required: true, message: () => t("declare.formRequired"), trigger: "change" }],
    hours: [
      { required: true, message: () => t("declare.hoursRequired"), trigger: "blur" },
      { validator: (_r, v: string, cb) => (isValidHours(v) ? cb() : cb(new Error(t("declare.hoursInvalid")))), trigger: "blur" }
    ],
    provider: [{ required: true, message: () => t("declare.providerRequired"), trigger: "blur" }]
  };
}

/** Evidence files the server accepts (it checks the content too). */
export const EVIDENCE_TYPES = ["application/pdf", "image/jpeg", "image/png"];
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
