import { inject, onBeforeUnmount, onMounted, provide, type InjectionKey } from 'vue';

/**
 * The counter's keyboard shortcuts, shown in the desk's header and on the buttons they press. One
 * listener in the desk's layout turns a key into an action; the screen that can do it (the queue,
 * the receiving form) claims it while mounted, else the layout does the default (go there).
 */
export const DESK_SHORTCUTS = [
  { id: 'next_ticket', keys: 'Alt+N', match: (e: KeyboardEvent) => e.altKey && !e.ctrlKey && e.code === 'KeyN' },
  { id: 'new_receipt', keys: 'Alt+M', match: (e: KeyboardEvent) => e.altKey && !e.ctrlKey && e.code === 'KeyM' },
  { id: 'search', keys: 'Alt+T', match: (e: KeyboardEvent) => e.altKey && !e.ctrlKey && e.code === 'KeyT' },
  { id: 'accept', keys: 'Ctrl+Enter', match: (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.key === 'Enter' },
] as const;

export type ShortcutId = (typeof DESK_SHORTCUTS)[number]['id'];
type Handler = () => void;

export interface ShortcutBus {
  claim(id: ShortcutId, handler: Handler): () => void;
  /** Runs the newest claim of `id`, or `fallback` when no screen claims it. */
  dispatch(id: ShortcutId, fallback?: Handler): void;
}

const KEY: InjectionKey<ShortcutBus> = Symbol('desk-shortcuts');

export function provideShortcuts(): ShortcutBus {
  const claims = new Map<ShortcutId, Handler[]>();
  const bus: ShortcutBus = {
    claim(id, handler) {
      const list = claims.get(id) ?? [];
      claims.set(id, [...list, handler]);
      return () => claims.set(id, (claims.get(id) ?? []).filter((h) => h !== handler));
    },
    dispatch(id, fallback) {
      const list = claims.get(id) ?? [];
      const handler = list[list.length - 1] ?? fallback;
      handler?.();
    },
  };
  provide(KEY, bus);
  return bus;
}

/** Claims a shortcut while the calling component is mounted. */
export function useShortcut(id: ShortcutId, handler: Handler): void {
  const bus = inject(KEY, null);
  let release: (() => void) | null = null;
  onMounted(() => (release = bus?.claim(id, handler) ?? null));
  onBeforeUnmount(() => release?.());
}

/** The key combination of a shortcut, for a hint on its button ("Alt+N"). */
export const keysOf = (id: ShortcutId) => DESK_SHORTCUTS.find((s) => s.id === id)!.keys;
