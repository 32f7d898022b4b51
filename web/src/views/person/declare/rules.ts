import type { FormRules } from "element-plus";
import { isValidHours } from "@/utils/hours";
import { todayIso } from "@/utils/year";

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * Validation of a declaration, mirroring the server's rules (hours > 0, ≤ 1000, two places; no
 * future date) and the policy's daily maximum of the chosen form (`dailyMax`, from
 * GET /declaration-rules).
 */
export function declarationRules(t: T, dailyMax: () => number | undefined = () => undefined, formName: () => string = () => ""): FormRules {
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
      { validator: (_r, v: string, cb) => (isValidHours(v) ? cb() : cb(new Error(t("declare.hoursInvalid")))), trigger: "blur" },
      {
        validator: (_r, v: string, cb) => {
          const max = dailyMax();
          return max !== undefined && Number(v) > max ? cb(new Error(t("declare.hoursOverDaily", { max, form: formName() }))) : cb();
        },
        trigger: ["blur", "change"]
      }
    ],
    provider: [{ required: true, message: () => t("declare.providerRequired"), trigger: "blur" }]
  };
}

/** Evidence files the server accepts (it checks the content too). */
export const EVIDENCE_TYPES = ["application/pdf", "image/jpeg", "image/png"];
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
