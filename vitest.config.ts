import { defineConfig } from 'vitest/config';

/**
 * The tests of Vietnam time and the working-day calendar run once per machine zone: a kiosk left on
 * UTC, a machine in Vietnam, and one a day ahead of Vietnam (Kiritimati, UTC+14). None may differ.
 */
const TIME_TESTS = ['test/unit/time.test.ts', 'test/unit/calendar.test.ts', 'test/unit/deadline.test.ts', 'test/unit/statutory.test.ts', 'test/unit/lunar.test.ts', 'test/unit/update-policy.test.ts'];
const ZONES = { utc: 'UTC', vn: 'Asia/Ho_Chi_Minh', kiritimati: 'Pacific/Kiritimati' };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: TIME_TESTS, environment: 'node' } },
      ...Object.entries(ZONES).map(([name, tz]) => ({ test: { name: `time-${name}`, include: TIME_TESTS, environment: 'node', env: { TZ: tz } } })),
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: ['test/integration/helpers/**'], environment: 'node', testTimeout: 30_000 } },
      // Browser journeys share one machine with 2 cores: run files one after another.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } },
      { test: { name: 'electron', include: ['test/electron/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
    ],
  },
});
