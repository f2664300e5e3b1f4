// `npm run demo`: a fresh SQLite database, the seeded demo shop, a production
// build of the app, the real server on 127.0.0.1, and the local stand-ins for
// Shopify's admin, storefront and app proxy in front of it. No Shopify account.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Server } from "node:http";
import { createFrontServer, type DemoConfig } from "./front-server.ts";
import { DEMO_SHOP } from "../../tests/fixtures/shop.ts";
import { builtinModelPath } from "../../app/core/classifier/builtin-model.ts";

const root = path.resolve(import.meta.dirname, "../..");
const nodeBin = process.execPath;

export type RunningDemo = DemoConfig & { adminUrl: string; storefrontUrl: string; databaseUrl: string; stop: () => Promise<void> };

function refuseProduction() {
  if (process.env.NODE_ENV === "production") {
    throw new Error("The ReplyReel demo uses stand-ins for Shopify and refuses to run with NODE_ENV=production.");
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app server did not answer at ${url} within ${timeoutMs} ms`);
}

export async function startDemo({
  port = Number(process.env.PORT ?? 3000),
  appPort = Number(process.env.DEMO_APP_PORT ?? port + 1),
  build = true,
  quiet = false,
  dataDir = path.join(root, "tmp/demo"),
  // The report's demo data (issue 8): `npm run demo` seeds 1,000,000 events and
  // 10,000 orders (DEMO_EVENTS / DEMO_ORDERS); tests that start the demo get none unless they ask.
  reportEvents = Number(process.env.DEMO_EVENTS ?? 0),
  reportOrders = Number(process.env.DEMO_ORDERS ?? (reportEvents > 0 ? 10_000 : 0)),
}: { port?: number; appPort?: number; build?: boolean; quiet?: boolean; dataDir?: string; reportEvents?: number; reportOrders?: number } = {}): Promise<RunningDemo> {
  refuseProduction();
  const log = quiet ? () => {} : (line: string) => console.log(line);
  const config: DemoConfig = {
    port,
    host: "127.0.0.1",
    appPort,
    shop: process.env.DEMO_SHOP ?? DEMO_SHOP,
    apiKey: process.env.SHOPIFY_API_KEY ?? "replyreel-demo-api-key",
    secret: process.env.SHOPIFY_API_SECRET ?? randomBytes(24).toString("hex"),
  };
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = `file:${path.join(dataDir, "demo.sqlite")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: config.apiKey,
    SHOPIFY_API_SECRET: config.secret,
    // A fresh key per run: the demo database is recreated on every start.
    REPLYREEL_ENCRYPTION_KEY: process.env.REPLYREEL_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    SHOPIFY_APP_URL: `http://${config.host}:${config.port}`,
    DEMO_SHOP: config.shop,
    DEMO_EVENTS: String(reportEvents),
    DEMO_ORDERS: String(reportOrders),
    HOST: config.host,
    PORT: String(config.appPort),
  };
  const stdio = quiet ? "pipe" : "inherit";
  log("• migrating the demo database");
  execFileSync(nodeBin, ["scripts/db.ts", "migrate"], { cwd: root, env, stdio });
  // The seeded messages go through the pipeline, which needs the built-in intent
  // model (a build artefact, not in git): train it first on a fresh clone.
  if (build || !existsSync(builtinModelPath())) {
    log("• training the built-in intent model");
    execFileSync(nodeBin, ["scripts/build-intent-model.ts"], { cwd: root, env, stdio });
  }
  log("• seeding the demo shop");
  // The inbox seed looks orders up through the Admin API stand-in, as the app server does.
  execFileSync(nodeBin, ["--import", "./tests/mocks/register-admin-api.ts", "prisma/seed.ts"], { cwd: root, env, stdio });
  if (build) {
    log("• building the app");
    execFileSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio });
  }
  log("• starting the app server");
  const app = spawn(nodeBin, ["--import", "./tests/mocks/register-admin-api.ts", "server.ts"], { cwd: root, env, stdio: quiet ? "pipe" : "inherit" });
  let appOutput = "";
  app.stdout?.on("data", (d: Buffer) => (appOutput += d.toString()));
  app.stderr?.on("data", (d: Buffer) => (appOutput += d.toString()));
  try {
    await waitForHttp(`http://${config.host}:${config.appPort}/`, app);
  } catch (error) {
    app.kill();
    throw new Error(`${(error as Error).message}\n${appOutput}`);
  }
  const front: Server = createFrontServer(config);
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(config.port, config.host, resolve);
  });
  const base = `http://${config.host}:${config.port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => front.close(() => resolve()));
    if (app.exitCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
  };
  return { ...config, adminUrl: `${base}/admin`, storefrontUrl: `${base}/storefront`, databaseUrl, stop };
}

if (import.meta.filename === process.argv[1]) {
  const startedAt = Date.now();
  startDemo({ build: !process.argv.includes("--no-build"), reportEvents: Number(process.env.DEMO_EVENTS ?? 1_000_000) })
    .then((demo) => {
      console.log(`
ReplyReel demo is running (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)

  Admin:       ${demo.adminUrl}
  Storefront:  ${demo.storefrontUrl}

  Demo shop:   ${demo.shop}          (DEMO_SHOP)
  Port:        ${demo.port}, app server on ${demo.appPort}   (PORT, DEMO_APP_PORT)
  API key:     ${demo.apiKey}        (SHOPIFY_API_KEY)
  API secret:  ${demo.secret}        (SHOPIFY_API_SECRET)
  Database:    ${demo.databaseUrl}

Press Ctrl+C to stop.`);
      const shutdown = () => void demo.stop().then(() => process.exit(0));
      process.on("SIGINT", shutdown);
      process.on("SIGTERM", shutdown);
    })
    .catch((error: unknown) => {
      console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
