import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../renderer/src/composables/latestOnly.js';

/** A request the test answers by hand, so the second one can finish first. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('latestOnly: a quick second tap is not overwritten by the slower first answer', () => {
  it('drops the answer to page 1 when it arrives after the answer to page 2', async () => {
    const run = latestOnly();
    const page1 = deferred<string>();
    const page2 = deferred<string>();
    const first = run(() => page1.promise);
    const second = run(() => page2.promise);
    page2.resolve('rows of page 2');
    page1.resolve('rows of page 1');
    expect(await second).toEqual({ value: 'rows of page 2' });
    expect(await first).toBeNull();
  });

  it('drops the error of a replaced request, and passes on the error of the latest', async () => {
    const run = latestOnly();
    const old = deferred<string>();
    const first = run(() => old.promise);
    const second = run(() => Promise.reject(new Error('offline')));
    old.reject(new Error('stale'));
    expect(await first).toBeNull();
    await expect(second).rejects.toThrow('offline');
  });
});
