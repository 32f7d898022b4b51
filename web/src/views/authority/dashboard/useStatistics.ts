import { computed, ref } from "vue";
import { useI18n } from "vue-i18n";
import { downloadXlsx, statistics, type XlsxExport } from "@/api/statistics";
import type { StatBucket, Statistics } from "@/api/types";
import { errorText } from "@/utils/feedback";
import { hoursBars, rateBars, splitPie, trendLines } from "@/utils/chartOptions";
import { toHours } from "@/utils/hours";
import { currentYear } from "@/utils/year";
import regionNames from "virtual:regions";

/**
 * Statistics of the caller's scope for a year (the server scopes them: an authority's region or
 * industry, an employer's staff) and the chart options built from them.
 */
export function useStatistics() {
  const { t, te, locale } = useI18n();
  const year = ref(currentYear());
  /** The drill-down: a region prefix inside the scope ("" = the whole scope). */
  const region = ref("");
  const data = ref<Statistics | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      data.value = await statistics(year.value, region.value);
    } catch (e) {
      error.value = errorText(e);
    } finally {
      loading.value = false;
    }
  }

  const label = (prefix: string) => (b: StatBucket): string => {
    const key = `${prefix}.${b.key}`;
    if (prefix && te(key)) return t(key);
    return b.key;
  };
  // The server names each bar from the region table at its own level (province, city or
  // county). Provinces have English names in the locale files; cities and counties keep their
  // Chinese proper names. A code the table lacks shows as the code, never as its parent's name.
  const regionLabel = (b: StatBucket): string => {
    const key = `province.${b.key}`;
    if (locale.value === "en" && b.key.length === 2 && te(key)) return t(key);
    return b.label_zh || regionNames[b.key] || b.key;
  };

  const charts = computed(() => {
    const d = data.value;
    if (!d) return null;
    const rate = t("common.rate");
    return {
      region: rateBars(d.by_region ?? [], regionLabel, rate),
      field: rateBars(d.by_field ?? [], label(""), rate),
      titleLevel: rateBars(d.by_title_level ?? [], label("titleLevel"), rate),
      employerType: rateBars(d.by_employer_type ?? [], label("employerType"), rate),
      form: hoursBars(d.by_form ?? [], label("form"), t("common.hours")),
      category: splitPie([
        { name: t("category.professional"), value: toHours(d.professional_hours) },
        { name: t("category.public"), value: toHours(d.public_hours) }
      ]),
      status: splitPie((d.by_status ?? []).map((b) => ({ name: t(`status.compliance.${b.key}`), value: b.persons ?? 0 }))),
      trend: trendLines(d.trend ?? [], { rate, hours: t("stats.hoursPerHead") })
    };
  });
  const exporting = ref(false);
  /** Downloads the scope's .xlsx (statistics or the compliance table) for the year. */
  async function exportXlsx(kind: XlsxExport): Promise<void> {
    exporting.value = true;
    try {
      await downloadXlsx(kind, { year: year.value, ...(region.value ? { region: region.value } : {}) }, `${t(`stats.file.${kind}`)}-${year.value}.xlsx`);
    } catch (e) {
      error.value = errorText(e);
    } finally {
      exporting.value = false;
    }
  }
  /** A click on a region bar: one level down (the bar's bucket, found by its label). */
  function drillInto(label: string): boolean {
    const b = (data.value?.by_region ?? []).find((x) => regionLabel(x) === label);
    if (!b || b.key === region.value) return false;
    region.value = b.key;
    void load();
    return true;
  }
  function drillTo(prefix: string): void {
    region.value = prefix;
    void load();
  }
  return { year, region, data, loading, error, load, charts, exporting, exportXlsx, drillInto, drillTo };
}
