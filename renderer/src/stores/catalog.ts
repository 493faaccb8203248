import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ErrorPayload, Facets, SearchResult } from '../../../electron/contract';
import { api, ApiError } from '../api';
import type { Status } from './app';

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

  async function search(text: string) {
    query.value = text;
    const ticket = ++latest;
    if (!text.trim()) {
      result.value = null;
      status.value = 'idle';
      return;
    }
    status.value = 'loading';
    try {
      const found = await api.invoke('catalog.search', { query: text, limit: 20, laws: true });
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

  return { query, result, status, error, facets, search, loadFacets, $reset };
});
