// A failed step never loses a message (SPEC §4): here the classifier's model
// file is missing, as after a deployment that skipped `npm run build`.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { processMessage, receiveMessage, resumeUnfinishedMessages } from "../../app/models/pipeline.server.ts";
import { resetDatabase } from "../support/database.ts";

const SHOP = "alpha-store.myshopify.com";
const original = process.env.REPLYREEL_BUILTIN_MODEL;

// This file's process has not loaded the built-in model yet (each test file runs in its own worker).
beforeAll(() => {
  process.env.REPLYREEL_BUILTIN_MODEL = "/nonexistent/builtin-model.json";
});
afterAll(() => {
  if (original === undefined) delete process.env.REPLYREEL_BUILTIN_MODEL;
  else process.env.REPLYREEL_BUILTIN_MODEL = original;
});
beforeEach(async () => {
  await resetDatabase(prisma);
});

test("a step that fails leaves the message stored and visible with the reason; a forced re-run finishes it", async () => {
  const { created, message } = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "f-1", customerEmail: "ana@example.com", body: "What is your return policy?" },
  });
  expect(created).toBe(true);
  expect(message).toMatchObject({ stage: "failed", status: "new", intent: null, suggestedReply: null });
  expect(message.failureReason).toMatch(/^classify: .*built-in model is not built yet/);
  // Threading ran before the failure, so the message sits in its conversation.
  expect(message.conversationId).not.toBeNull();
  expect(await prisma.message.count({ where: { shop: SHOP, status: "new" } })).toBe(1);
  // Failed messages are not retried at every start (they would fail the same way) ...
  expect(await resumeUnfinishedMessages({ olderThanMs: 0 })).toBe(0);

  // ... but once the model is back, the merchant (or an operator) re-runs them.
  if (original === undefined) delete process.env.REPLYREEL_BUILTIN_MODEL;
  else process.env.REPLYREEL_BUILTIN_MODEL = original;
  const fixed = await processMessage({ shop: SHOP, id: message.id, force: true });
  expect(fixed).toMatchObject({ stage: "done", status: "suggested", intent: "return_policy", failureReason: null });
});
