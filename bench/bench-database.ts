// The in-process benchmarks' database: a SQLite file under tmp/, the app's
// environment pointing at it (placeholders where the shell sets nothing), and
// the migrations applied. Import app modules only after calling this: they
// read the environment when first used.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

/** Returns whether the file had to be created (a fresh database to seed). */
export function prepareBenchDatabase({
  file,
  recreate = false,
  nodeEnv = "test",
}: {
  file: string;
  /** Delete the file's folder first (a benchmark's `--fresh`). */
  recreate?: boolean;
  nodeEnv?: string;
}): { fresh: boolean } {
  if (recreate) rmSync(path.dirname(file), { recursive: true, force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  const fresh = !existsSync(file);
  Object.assign(process.env, {
    NODE_ENV: nodeEnv,
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: `file:${file}`,
    SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench",
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench",
    SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://bench.invalid",
    REPLYREEL_ENCRYPTION_KEY: process.env.REPLYREEL_ENCRYPTION_KEY ?? Buffer.alloc(32, 7).toString("base64"),
  });
  execFileSync(process.execPath, ["scripts/db.ts", "migrate"], { cwd: root, env: process.env, stdio: "pipe" });
  return { fresh };
}
