// A restart resumes what the previous process left unfinished (issue 5 item 1):
// a message is stored but never processed (its process died), then the real
// built server starts in a child process on the same database and picks it up.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { storeMessage } from "../../app/models/messages.server.ts";
import { resetDatabase, root } from "../support/database.ts";

const SHOP = "alpha-store.myshopify.com";
let child: ReturnType<typeof spawn> | undefined;

beforeEach(async () => {
  await resetDatabase(prisma);
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});

test("a server that starts resumes a message a dead process stored but never processed", async () => {
  const { message } = await storeMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "crash-1", body: "Hello, what is your return policy?" },
  });
  // The process that stored it died two minutes ago.
  await prisma.message.update({ where: { id: message.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
  expect(message.stage).toBe("received");

  let output = "";
  child = spawn(process.execPath, [path.join(root, "server.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" },
    stdio: "pipe",
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));

  const deadline = Date.now() + 25_000;
  let row = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
  while (row.stage === "received" && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    row = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
  }
  expect(row, output).toMatchObject({ stage: "done", status: "suggested", intent: "return_policy" });
  expect(output).toMatch(/resumed 1 unfinished message/);
});
