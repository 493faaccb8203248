/**
 * Keeps only the latest of overlapping requests. A quick second tap (next page, another tab, a new
 * filter) must not be overwritten by the slower answer to the first, and a page label must never
 * name rows that are not on screen. `run(request)` resolves to `{ value }` for the latest request
 * and to `null` for one a later request replaced (its error, too, is dropped).
 */
export function latestOnly() {
  let asked = 0;
  return async function run<T>(request: () => Promise<T>): Promise<{ value: T } | null> {
    const ticket = ++asked;
    try {
      const value = await request();
      return ticket === asked ? { value } : null;
    } catch (err) {
      if (ticket === asked) throw err;
      return null;
    }
  };
}
