import { defineConfig } from "vitest/config";

// Browser journeys: the real demo (built server, admin frame, storefront
// preview) driven by Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
