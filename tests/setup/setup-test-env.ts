// Runs in each test file's process before the file: its own database, the
// app's environment, the Admin API answered by MSW, and console.error as a failure.
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { setupServer } from "msw/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { adminApiHandlers } from "../mocks/admin-api.ts";
import { POSTGRES_ADMIN_URL, postgresWorkerUrl, prepareSqliteWorkerDatabase, workerId } from "../support/database.ts";
import { TEST_API_KEY, TEST_API_SECRET, TEST_APP_URL } from "../support/test-env.ts";

process.env.NODE_ENV = "test";
process.env.SHOPIFY_API_KEY = TEST_API_KEY;
process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
process.env.SHOPIFY_APP_URL = TEST_APP_URL;
process.env.CHECKPOINT_DISABLE = "1";
process.env.LOG_LEVEL = "error";
// A fixed test key (32 bytes, hex): stored secrets in test databases are throwaway.
process.env.REPLYREEL_ENCRYPTION_KEY = "5f".repeat(32);

if (process.env.TEST_DATABASE === "postgres") {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const name = `replyreel_test_${workerId()}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE replyreel_test_template`);
  await admin.end();
  process.env.DATABASE_URL = postgresWorkerUrl();
} else {
  process.env.DATABASE_URL = prepareSqliteWorkerDatabase();
}

export const mockServer = setupServer(...adminApiHandlers);
beforeAll(() => {
  mockServer.listen({
    // Our own server on loopback is real; anything else unanswered is a test bug.
    onUnhandledRequest(request, print) {
      if (!["127.0.0.1", "localhost"].includes(new URL(request.url).hostname)) print.error();
    },
  });
  // A test file that imports app modules directly has Shopify's client holding
  // the fetch from before MSW started (PLATFORM-NOTES.md): hand it the patched one.
  setAbstractFetchFunc((input, init) => globalThis.fetch(input, init));
});
afterEach(() => mockServer.resetHandlers());
afterAll(async () => {
  mockServer.close();
  await globalThis.replyreelPrisma?.$disconnect();
});

let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  errorSpy?.mockRestore();
});
