import { ref, watch, type Ref } from 'vue';

/**
 * The keys of a search-and-pick box on the desk, the way every such box on a computer works: the
 * first result is highlighted as soon as results show; ↓ and ↑ move the highlight (focus stays in
 * the box, so the officer can go on typing); Enter picks the highlighted result. `settle` is awaited
 * before Enter picks, so an Enter typed before the results of the last keystroke arrived picks from
 * those results, never from older ones.
 */
export function usePickList<T>(items: Ref<readonly T[]>, pick: (item: T) => void, settle: () => Promise<void> = async () => undefined) {
  const active = ref(0);
  watch(items, () => (active.value = 0), { flush: 'sync' }); // new results: the first, before Enter picks

  async function onKeydown(e: KeyboardEvent): Promise<void> {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.value.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active.value = Math.min(items.value.length - 1, Math.max(0, active.value + step));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      await settle();
      const item = items.value[active.value];
      if (item !== undefined) pick(item);
    }
  }

  /** In the list itself (reached with Tab), ↓ and ↑ move between the results too. */
  function onListKeydown(e: KeyboardEvent): void {
    const at = arrowFocus(e, e.currentTarget as HTMLElement);
    if (at !== null) active.value = at;
  }

  return { active, onKeydown, onListKeydown };
}

/**
 * ↓ and ↑ between the `[data-pick]` elements (links, buttons) of `list`: from outside the list (its
 * search box), ↓ goes to the first. Enter then opens or presses the focused one, as it always does.
 * Returns the index focused, or null when the key was not an arrow or there was nothing to move to.
 */
export function arrowFocus(e: KeyboardEvent, list: HTMLElement | null | undefined): number | null {
  if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !list) return null;
  const items = [...list.querySelectorAll<HTMLElement>('[data-pick]')];
  if (!items.length) return null;
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (at < 0 && e.key === 'ArrowUp') return null;
  e.preventDefault();
  const next = at < 0 ? 0 : Math.min(items.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
  items[next]!.focus();
  return next;
}
