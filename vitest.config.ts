import { defineConfig } from 'vitest/config';

// The default 5 s per test is too tight when the machine is shared: tests that
// load danfojs or annotate a corpus take 1–2 s alone and several times that
// under load. A timeout is a hang guard here, not a speed check (speed is
// measured by `npm run bench`).
export default defineConfig({
  test: {
    testTimeout: 60_000,
  },
});
