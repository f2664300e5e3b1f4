// The ingest API (issue 5, item 2d): batches of up to 100 messages from other
// channels (TikTok Shop, Amazon, a helpdesk export job…), each item answered on
// its own so one bad item never loses the good ones beside it (SPEC §8).
import prisma from "../db.server.ts";
import { ingestMessages, validateMessageInput } from "./channel-ingest.server.ts";
import type { MessageInput } from "./messages.server.ts";

export const API_BATCH_LIMIT = 100;
/** 100 messages of up to 20,000 characters each, with room for JSON escapes. */
export const API_BODY_LIMIT = 8 * 1024 * 1024;

export type ItemResult =
  | { index: number; status: "created" | "duplicate"; id: string; externalId: string }
  | { index: number; status: "rejected"; errors: Record<string, string> };

export type BatchOutcome =
  | { ok: true; results: ItemResult[]; summary: { created: number; duplicate: number; rejected: number } }
  | { ok: false; status: 400 | 413; reason: string };

const ACCEPTED_FIELDS = ["externalId", "source", "customerName", "customerEmail", "subject", "body", "receivedAt"] as const;

/** `{ messages: [...] }` (or a bare array) → per-item results. */
export async function ingestApiBatch({ shop, payload }: { shop: string; payload: unknown }): Promise<BatchOutcome> {
  const items = Array.isArray(payload)
    ? payload
    : payload && typeof payload === "object" && Array.isArray((payload as { messages?: unknown }).messages)
      ? (payload as { messages: unknown[] }).messages
      : undefined;
  if (!items) return { ok: false, status: 400, reason: 'the body must be { "messages": [ … ] } (or a JSON array of messages)' };
  if (items.length === 0) return { ok: false, status: 400, reason: "messages: the batch is empty" };
  if (items.length > API_BATCH_LIMIT) {
    return { ok: false, status: 413, reason: `messages: a batch holds at most ${API_BATCH_LIMIT} messages, this one has ${items.length}` };
  }

  const results: ItemResult[] = new Array(items.length);
  const valid: { index: number; input: MessageInput }[] = [];
  const firstIndex = new Map<string, number>();
  const repeats: { index: number; first: number }[] = [];
  for (const [index, item] of items.entries()) {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      results[index] = { index, status: "rejected", errors: { message: "must be a JSON object" } };
      continue;
    }
    const record = item as Record<string, unknown>;
    const unknownFields = Object.keys(record).filter((key) => !(ACCEPTED_FIELDS as readonly string[]).includes(key));
    const candidate = Object.fromEntries(ACCEPTED_FIELDS.filter((key) => record[key] !== undefined && record[key] !== null).map((key) => [key, record[key]]));
    const validated = validateMessageInput({ ...candidate, channel: "api" });
    if (!validated.ok || unknownFields.length > 0) {
      const errors = validated.ok ? {} : validated.errors;
      for (const key of unknownFields) errors[key] ??= `is not a field (accepted: ${ACCEPTED_FIELDS.join(", ")})`;
      results[index] = { index, status: "rejected", errors };
      continue;
    }
    // A repeat of an external id within the batch is a duplicate of its first
    // occurrence (messages are stored concurrently: the order must not decide).
    const first = firstIndex.get(validated.input.externalId);
    if (first === undefined) {
      firstIndex.set(validated.input.externalId, index);
      valid.push({ index, input: validated.input });
    } else repeats.push({ index, first });
  }
  const stored = await ingestMessages({ shop, inputs: valid.map((v) => v.input) });
  for (const [i, { index }] of valid.entries()) {
    const { created, message } = stored[i];
    results[index] = { index, status: created ? "created" : "duplicate", id: message.id, externalId: message.externalId };
  }
  for (const { index, first } of repeats) {
    const original = results[first];
    if (original.status !== "rejected") results[index] = { index, status: "duplicate", id: original.id, externalId: original.externalId };
  }
  const count = (status: ItemResult["status"]) => results.filter((r) => r.status === status).length;
  return { ok: true, results, summary: { created: count("created"), duplicate: count("duplicate"), rejected: count("rejected") } };
}

/** The shop's messages by external id (channel "api"), or its latest ones: a client checks what arrived. */
export async function listApiMessages({ shop, externalIds, limit = 50 }: { shop: string; externalIds: string[]; limit?: number }) {
  const take = Math.min(Math.max(limit, 1), API_BATCH_LIMIT);
  return prisma.message.findMany({
    where: externalIds.length > 0 ? { shop, channel: "api", externalId: { in: externalIds.slice(0, API_BATCH_LIMIT) } } : { shop, channel: "api" },
    orderBy: { receivedAt: "desc" },
    take,
    select: { id: true, externalId: true, channel: true, source: true, status: true, intent: true, confidence: true, language: true, receivedAt: true },
  });
}
