// Starts the real built app server for an inbox benchmark, as the local demo
// does: a fresh SQLite database, the demo shop seeded, the Admin API answered
// by MSW in the server process, on a free loopback port.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/free-port.ts";

export const root = path.resolve(import.meta.dirname, "../..");

export type BenchServer = { baseUrl: string; secret: string; databaseUrl: string; env: NodeJS.ProcessEnv; child: ChildProcess; stop: () => Promise<void> };

export async function startBenchServer({
  name,
  env: extra = {},
  nodeOptions,
}: {
  name: string;
  env?: Record<string, string>;
  /** NODE_OPTIONS for the server process only (not for migrate and seed). */
  nodeOptions?: string;
}): Promise<BenchServer> {
  const build = process.env.REPLYREEL_BENCH_BUILD ?? path.join(root, "build/server/index.js");
  if (!existsSync(build)) throw new Error(`No server build at ${build}: run \`npm run build\` first (or set REPLYREEL_BENCH_BUILD).`);
  const port = await freePort();
  const dir = path.join(root, "tmp/bench", `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, "bench.sqlite")}`;
  const secret = randomBytes(24).toString("hex");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development", // the Admin API stand-in refuses production; the build is the production one
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: "replyreel-bench-api-key",
    SHOPIFY_API_SECRET: secret,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    REPLYREEL_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "error",
    // The built server looks for the built-in model beside build/server/ otherwise (reported, issue 5).
    REPLYREEL_BUILTIN_MODEL: process.env.REPLYREEL_BUILTIN_MODEL ?? path.join(root, "app/core/intents/model/builtin-model.json"),
    HOST: "127.0.0.1",
    PORT: String(port),
    REPLYREEL_BENCH_BUILD: build,
    ...extra,
  };
  execFileSync(process.execPath, ["scripts/db.ts", "migrate"], { cwd: root, env, stdio: "pipe" });
  execFileSync(process.execPath, ["prisma/seed.ts"], { cwd: root, env, stdio: "pipe" });
  const child = spawn(process.execPath, ["--import", "./tests/mocks/register-admin-api.ts", "bench/inbox/serve.ts"], {
    cwd: root,
    env: nodeOptions ? { ...env, NODE_OPTIONS: nodeOptions } : env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the app server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return { baseUrl, secret, databaseUrl, env, child, stop };
}

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
