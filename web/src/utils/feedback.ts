import { ElMessage, ElMessageBox } from "element-plus";
import { ApiError, type ImportRowError } from "@/api/http";
import { baseField, withFieldLabels } from "./fieldLabels";
import { i18n } from "@/i18n";

/**
 * An API field's label in the UI language: the form's own label key when the page passes one
 * (`labels`: field → locale key), else the shared `apiField.<name>`; null when neither exists.
 */
export function fieldLabel(field: string, labels?: Record<string, string>): string | null {
  const { t, te } = i18n.global;
  const name = baseField(field);
  const own = labels?.[name];
  if (own && te(own)) return t(own);
  const key = `apiField.${name}`;
  return te(key) ? t(key) : null;
}

/**
 * The text to show for a failure: the server's message in the UI language when it sent one, with
 * API field names (title_since) replaced by their labels (取得职称日期).
 */
export function errorText(e: unknown, labels?: Record<string, string>): string {
  const locale = String(i18n.global.locale.value);
  if (!(e instanceof ApiError)) return i18n.global.t("common.unexpectedError");
  const fields = [e.problem.field, ...(e.problem.errors ?? []).map((x) => x.field)];
  return withFieldLabels(e.localized(locale), fields, (f) => fieldLabel(f, labels), locale.startsWith("zh"));
}

/** One line's error of an import or report, in the UI language, fields by their labels. */
export function rowErrorText(e: ImportRowError, labels?: Record<string, string>): string {
  const zh = String(i18n.global.locale.value).startsWith("zh");
  const text = (zh ? e.message_zh || e.message_en : e.message_en || e.message_zh) ?? "";
  return withFieldLabels(text, [e.field], (f) => fieldLabel(f, labels), zh);
}

export function notifyError(e: unknown): void {
  ElMessage({ type: "error", message: errorText(e), showClose: true, duration: 6000 });
}

export function notifySuccess(key: string, values?: Record<string, unknown>): void {
  ElMessage({ type: "success", message: values ? i18n.global.t(key, values) : i18n.global.t(key) });
}

/** Asks before a destructive or irreversible action; resolves true only on an explicit yes. */
export async function confirmAction(messageKey: string, values?: Record<string, unknown>): Promise<boolean> {
  const t = i18n.global.t;
  try {
    await ElMessageBox.confirm(values ? t(messageKey, values) : t(messageKey), t("common.confirmTitle"), {
      type: "warning",
      confirmButtonText: t("common.confirm"),
      cancelButtonText: t("common.cancel")
    });
    return true;
  } catch {
    return false;
  }
}

/** Asks for a reason (rejecting a declaration or a provider); null when cancelled. */
export async function promptReason(titleKey: string): Promise<string | null> {
  const t = i18n.global.t;
  try {
    const res = await ElMessageBox.prompt(t("review.reasonPrompt"), t(titleKey), {
      confirmButtonText: t("common.confirm"),
      cancelButtonText: t("common.cancel"),
      inputType: "textarea",
      inputValidator: (v: string) => (v && v.trim().length >= 2) || t("review.reasonRequired")
    });
    return (res as { value: string }).value.trim();
  } catch {
    return null;
  }
}
