import { computed, reactive, ref } from "vue";
import { useRoute } from "vue-router";
import type { Query } from "@/api/http";
import { scopePersons, type ScopePersonRow } from "@/api/people";
import { usePaged } from "@/utils/usePaged";
import { currentYear } from "@/utils/year";

/**
 * 专业技术人员: every person of the caller's scope with their compliance (GET /compliance/persons),
 * filtered by status, region, employer, field, title level and name, sorted by any column. The
 * route's query (?status=&region=&employer=&employer_name=) opens it pre-filtered (a dashboard
 * drill-down, the employer ranking's link).
 */
export function usePersons() {
  const route = useRoute();
  const q = (k: string) => (typeof route.query[k] === "string" ? (route.query[k] as string) : "");
  const filters = reactive({
    year: Number(q("year")) || currentYear(),
    status: q("status"),
    region: q("region"),
    employer: q("employer"),
    field: q("field"),
    title_level: q("title_level"),
    name: "",
    sort: ""
  });
  const employerLabel = ref(q("employer_name"));
  const counts = ref<Record<string, number>>({});
  const fetcher = async (query: Query) => {
    const res = await scopePersons(query);
    counts.value = res.counts ?? {};
    return res;
  };
  const paged = usePaged<ScopePersonRow, typeof filters>(fetcher, filters);
  const scopeTotal = computed(() => Object.values(counts.value).reduce((a, b) => a + b, 0));
  /** el-table's sort-change: the server sorts the whole scope, not just the page. */
  function onSort({ prop, order }: { prop: string | null; order: "ascending" | "descending" | null }): void {
    filters.sort = prop && order ? `${order === "descending" ? "-" : ""}${prop}` : "";
    paged.search();
  }
  function reset(): void {
    Object.assign(filters, { status: "", region: "", employer: "", field: "", title_level: "", name: "", sort: "" });
    employerLabel.value = "";
    paged.search();
  }
  return { filters, counts, scopeTotal, employerLabel, onSort, reset, ...paged };
}
