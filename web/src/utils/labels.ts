import { i18n } from "@/i18n";

/** A policy id (national-2007) by its name in the UI language (国家 2007（国人部发〔2007〕96号）). */
export function policyName(id: string | null | undefined): string {
  if (!id) return "";
  const { t, te } = i18n.global;
  return te(`policyName.${id}`) ? t(`policyName.${id}`) : id;
}

/** A provider type code (university) in the UI language (高等院校); the code if unknown. */
export function providerTypeName(code: string | null | undefined): string {
  if (!code) return "";
  const { t, te } = i18n.global;
  return te(`providerType.${code}`) ? t(`providerType.${code}`) : code;
}
