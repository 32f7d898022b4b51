import { reactive, ref, shallowRef, watch } from "vue";
import type { Page, Query } from "@/api/http";
import { errorText } from "./feedback";

/**
 * A paged, filtered list: the state every table page shares (loading, error, rows, total,
 * page, page size) and a reload that drops stale answers when filters change quickly.
 */
export function usePaged<T, F extends Query>(fetcher: (q: Query) => Promise<Page<T>>, filters: F, pageSize = 20) {
  const rows = shallowRef<T[]>([]);
  const total = ref(0);
  /** false: more rows match than the API counts; `total` is a lower bound (show "10000+"). */
  const totalExact = ref(true);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const pager = reactive({ page: 1, page_size: pageSize });
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const res = await fetcher({ ...filters, page: pager.page, page_size: pager.page_size });
      if (mine !== seq) return;
      rows.value = res.items ?? [];
      total.value = res.total ?? rows.value.length;
      totalExact.value = res.total_exact !== false;
    } catch (e) {
      if (mine !== seq) return;
      rows.value = [];
      total.value = 0;
      error.value = errorText(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function search(): void {
    pager.page = 1;
    void load();
  }

  watch(() => [pager.page, pager.page_size], () => void load());
  return { rows, total, totalExact, loading, error, pager, load, search };
}
