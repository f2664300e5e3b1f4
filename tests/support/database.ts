// A database per Vitest worker, reset from the migrated base (STYLE.md, as in
// the Epic Stack). SQLite by default; TEST_DATABASE=postgres runs the same
// suites against the local PostgreSQL, one database per worker.
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

export const root = path.resolve(import.meta.dirname, "../..");
export const testDir = path.join(root, "tmp/test");
/** The migrated base of this test run (global setup names it; workers inherit the variable). */
export function baseDatabase() {
  return process.env.REPLYREEL_TEST_BASE_DB ?? path.join(testDir, "base.sqlite");
}
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function workerId() {
  return process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
}

export function migrateBase(databaseUrl: string) {
  execFileSync(process.execPath, ["scripts/db.ts", "migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}

/** Copies the migrated base for this worker and returns its URL. */
export function prepareSqliteWorkerDatabase(): string {
  mkdirSync(testDir, { recursive: true });
  // Named after the run (its base's pid), so a run's teardown removes its own workers' files only.
  const run = /base-(\d+)\.sqlite$/.exec(baseDatabase())?.[1] ?? "0";
  const file = path.join(testDir, `worker-${run}-${workerId()}-${process.pid}.sqlite`);
  copyFileSync(baseDatabase(), file);
  return `file:${file}`;
}

export function postgresWorkerUrl(): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/replyreel_test_${workerId()}`;
  return url.toString();
}

/** Deletes every row of every application table: the migrated base holds no rows. */
export async function resetDatabase(prisma: { $executeRawUnsafe: (q: string) => Promise<unknown>; $queryRawUnsafe: <T>(q: string) => Promise<T> }) {
  // The app keeps short-lived copies of rows in memory (sessions, settings, templates, models: processCache in app/models/shop-cache.server.ts): the rows go, so do the copies.
  globalThis.replyreelCaches?.clear();
  if (process.env.TEST_DATABASE === "postgres") {
    const rows = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
      "SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%'",
    );
    if (rows.length > 0) await prisma.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
    return;
  }
  const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'",
  );
  for (const { name } of rows) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
}
