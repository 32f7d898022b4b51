import { createI18n } from "vue-i18n";
import zhCN from "../locales/zh-CN.yaml";
import en from "../locales/en.yaml";

export type Locale = "zh-CN" | "en";
export const LOCALES: Locale[] = ["zh-CN", "en"];
const STORAGE_KEY = "jixu.locale";

function initialLocale(): Locale {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === "en" || saved === "zh-CN" ? saved : "zh-CN";
}

type Messages = Record<string, unknown>;
const messages: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: "zh-CN",
  messages,
  // Every key is checked at build time (scripts/check-locales.mjs), so a miss is a bug, not noise.
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  document.title = i18n.global.t("app.title");
}
