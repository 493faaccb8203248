import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ErrorPayload, Facets, SearchResult } from '../../../electron/contract';
import { api, ApiError } from '../api';
import type { Status } from './app';

/** Procedures per page of results. */
const PAGE = 20;

export const asPayload = (err: unknown): ErrorPayload =>
  err instanceof ApiError ? err.payload : { code: 'internal', message: { vi: String(err), en: String(err) } };

/** Catalog search and browse state. The query lives here so the idle reset can clear it. */
export const useCatalogStore = defineStore('catalog', () => {
  const query = ref('');
  const result = ref<SearchResult | null>(null);
  const status = ref<Status>('idle');
  const error = ref<ErrorPayload | null>(null);
  const facets = ref<Facets | null>(null);
  let latest = 0;

  /** The search language: English mode searches English names and keywords. */
  const lang = ref<'vi' | 'en'>('vi');
  const loadingMore = ref(false);

  async function search(text: string, language: 'vi' | 'en' = lang.value) {
    query.value = text;
    lang.value = language;
    const ticket = ++latest;
    if (!text.trim()) {
      result.value = null;
      status.value = 'idle';
      return;
    }
    status.value = 'loading';
    try {
      const found = await api.invoke('catalog.search', { query: text, limit: PAGE, laws: true, lang: language });
      if (ticket !== latest) return; // an older answer arriving late must not replace a newer one
      result.value = found;
      status.value = 'done';
      error.value = null;
    } catch (err) {
      if (ticket !== latest) return;
      error.value = asPayload(err);
      status.value = 'error';
    }
  }

  /** The next page of the same search, added below what is shown ("Xem thêm"). */
  async function more() {
    const current = result.value;
    if (!current || loadingMore.value || current.procedures.length >= current.total) return;
    const ticket = latest;
    loadingMore.value = true;
    try {
      const next = await api.invoke('catalog.search', { query: current.query, limit: PAGE, offset: current.procedures.length, lang: lang.value });
      if (ticket !== latest || result.value !== current) return;
      const seen = new Set(current.procedures.map((p) => p.code));
      result.value = { ...current, procedures: [...current.procedures, ...next.procedures.filter((p) => !seen.has(p.code))] };
    } catch (err) {
      error.value = asPayload(err);
    } finally {
      loadingMore.value = false;
    }
  }

  async function loadFacets() {
    if (facets.value) return;
    try {
      facets.value = await api.invoke('catalog.facets', {});
    } catch (err) {
      error.value = asPayload(err);
    }
  }

  function $reset() {
    query.value = '';
    result.value = null;
    status.value = 'idle';
    error.value = null;
    latest++;
  }

  return { query, lang, result, status, error, facets, loadingMore, search, more, loadFacets, $reset };
});
