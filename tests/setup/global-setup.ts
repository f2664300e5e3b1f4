import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateBase, POSTGRES_ADMIN_URL, root, testDir } from "../support/database.ts";

export default async function globalSetup() {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No server build: run `npm run build` first (npm test does it for you).");
  }
  mkdirSync(testDir, { recursive: true });
  if (process.env.TEST_DATABASE === "postgres") {
    // Each worker's database is created from a migrated template database.
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS replyreel_test_template WITH (FORCE)");
    await admin.query("CREATE DATABASE replyreel_test_template");
    await admin.end();
    const template = new URL(POSTGRES_ADMIN_URL);
    template.pathname = "/replyreel_test_template";
    migrateBase(template.toString());
    return;
  }
  // One base per run, so concurrent runs on one machine never share files.
  const base = path.join(testDir, `base-${process.pid}.sqlite`);
  process.env.REPLYREEL_TEST_BASE_DB = base;
  rmSync(base, { force: true });
  migrateBase(`file:${base}`);
  return () => {
    rmSync(base, { force: true });
    for (const file of readdirSync(testDir)) {
      if (file.startsWith(`worker-${process.pid}-`) && file.includes(".sqlite")) rmSync(path.join(testDir, file), { force: true });
    }
  };
}
