// Every channel hands its messages to the inbox here: validated against
// MessageInputSchema, then stored (deduplicated on shop × channel × external id)
// and processed by the pipeline (stored → classified → suggested).
import type { z } from "zod";
import { MessageInputSchema, type MessageInput } from "./messages.server.ts";
import type { ShopSettings } from "./settings.server.ts";
import { acceptMessage, receiveMessage, receiveMessages, type ReceiveResult } from "./pipeline.server.ts";

export async function ingestMessage({ shop, input }: { shop: string; input: MessageInput }): Promise<ReceiveResult> {
  return receiveMessage({ shop, input });
}

/** Stores the message and returns; the pipeline runs right after (the storefront form: the shopper never waits on the Admin API). */
export async function acceptIngestedMessage({ shop, input, settings }: { shop: string; input: MessageInput; settings?: ShopSettings }): Promise<ReceiveResult> {
  return acceptMessage({ shop, input, settings });
}

/** Several messages, a few at a time (the pipeline's own concurrency); results in input order. */
export async function ingestMessages({ shop, inputs }: { shop: string; inputs: MessageInput[] }): Promise<ReceiveResult[]> {
  return receiveMessages({ shop, inputs });
}

/** `field: reason` pairs for a rejected message, as every channel reports them. */
export function describeIssues(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "message";
    errors[field] ??= issue.message;
  }
  return errors;
}

export function validateMessageInput(
  candidate: unknown,
): { ok: true; input: MessageInput } | { ok: false; errors: Record<string, string> } {
  const result = MessageInputSchema.safeParse(candidate);
  return result.success ? { ok: true, input: result.data } : { ok: false, errors: describeIssues(result.error) };
}
