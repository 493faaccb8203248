import type { EventName, EventPayload } from '../contract.js';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

/** A typed event bus, one per core instance. */
export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** Listen to every event; returns the unsubscribe. */
  onAny(listener: AnyEventListener): () => void;
}

export function createEventBus(onListenerError: (err: unknown) => void): EventBus {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(name, payload) {
      for (const l of listeners) {
        try {
          l(name, payload);
        } catch (err) {
          onListenerError(err); // one broken transport must not stop the others
        }
      }
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
