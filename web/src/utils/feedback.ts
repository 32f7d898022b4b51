import { ElMessage, ElMessageBox } from "element-plus";
import { ApiError } from "@/api/http";
import { i18n } from "@/i18n";

/** The text to show for a failure: the server's message in the UI language when it sent one. */
export function errorText(e: unknown): string {
  const locale = String(i18n.global.locale.value);
  if (e instanceof ApiError) return e.localized(locale);
  return i18n.global.t("common.unexpectedError");
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
