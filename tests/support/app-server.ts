// The real Remix server (the production build behind server.ts) on a random
// loopback port, in the test's process so it shares the worker's database and MSW.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startServer } from "../../server.ts";
import prisma from "../../app/db.server.ts";
import { resetDatabase } from "./database.ts";
import { whenPipelineIdle } from "../../app/models/pipeline.server.ts";
import { whenImportsIdle } from "../../app/models/imports.server.ts";

export function setupAppServer() {
  let server: Server | undefined;
  const handle = { baseUrl: "" };
  beforeAll(async () => {
    server = await startServer({ port: 0, host: "127.0.0.1", log: false });
    handle.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(async () => {
    // The contact form answers before its pipeline finishes: let it finish before the rows go.
    await whenPipelineIdle();
    await whenImportsIdle();
    await resetDatabase(prisma);
  });
  afterAll(async () => {
    await whenPipelineIdle();
    await whenImportsIdle();
    await new Promise((resolve) => server?.close(resolve));
  });
  return handle;
}
