// `npm test`: every check, in order, on this machine's two cores:
// typecheck, lint, PostgreSQL schema sync, build (with storefront sizes),
// Vitest on SQLite, Vitest integration on PostgreSQL (skipped with the reason
// when none is reachable), theme-check, and the browser journeys.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const resultsDir = path.join(root, "tmp/test-results");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` };
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function step(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failures.push(name);
    console.log(`✖ ${name} failed (${seconds} s)`);
  } else {
    console.log(`✔ ${name} (${seconds} s)`);
  }
  return result.status === 0;
}

function vitest(name: string, args: string[], extraEnv: Record<string, string> = {}) {
  const report = path.join(resultsDir, `${name.replace(/\W+/g, "-")}.json`);
  rmSync(report, { force: true });
  step(name, bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args], extraEnv);
  if (!existsSync(report)) {
    totals.failed += 1;
    return;
  }
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  totals.passed += json.numPassedTests;
  // A file that fails before any of its tests fail (an import or setup error) counts once.
  const brokenFiles = json.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  totals.failed += json.numFailedTests + brokenFiles;
  totals.skipped += json.numPendingTests + json.numTodoTests;
}

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return true;
  if (process.getuid?.() !== 0) {
    console.log(`Chromium is missing at ${chromium}; install Debian's package: sudo apt-get install -y chromium`);
    return false;
  }
  console.log("Installing Debian's chromium for the browser tests (apt-get)…");
  const apt = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env: apt });
  // A CJK font, so Chinese pages render in screenshots rather than as boxes.
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-wqy-microhei"], { stdio: "inherit", env: apt });
  return existsSync(chromium);
}

async function postgresReachable(): Promise<string | null> {
  const url = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  try {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return `PostgreSQL not reachable at ${url.replace(/:[^:@/]*@/, ":***@")} (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();
  step("typecheck", bin("tsc"), ["--noEmit"]);
  step("lint", bin("eslint"), ["--max-warnings=0", "."]);
  step("PostgreSQL schema in step with SQLite", process.execPath, ["scripts/db.ts", "pg-sync", "--check"]);
  const built = step("build (and storefront asset sizes)", "npm", ["run", "-s", "build"]);
  if (built) {
    vitest("vitest (SQLite)", []);
    const pgSkip = await postgresReachable();
    if (pgSkip) {
      console.log(`\n↷ vitest integration (PostgreSQL) skipped: ${pgSkip}`);
    } else {
      vitest("vitest integration (PostgreSQL)", ["tests/integration"], { TEST_DATABASE: "postgres" });
    }
  }
  step("theme-check", process.execPath, ["scripts/theme-check.ts"]);
  if (built && ensureChromium()) {
    vitest("browser journeys (Chromium)", ["--config", "vitest.e2e.config.ts"]);
    console.log(`screenshots: ${path.join(root, "test-results/screenshots")}`);
  } else if (built) {
    failures.push("browser journeys (Chromium missing)");
  }
  console.log(`\n${failures.length === 0 ? "All checks passed" : `Failed: ${failures.join(", ")}`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failures.length === 0 && totals.failed === 0 ? 0 : 1);
}

void main();
