import { z } from "zod";
import { authenticate } from "../shopify.server.ts";
import { claimWebhookEvent, releaseWebhookEvent } from "./webhook-event.server.ts";

type WebhookContext = Awaited<ReturnType<typeof authenticate.webhook>>;

/**
 * Authenticates a webhook (401 on a bad HMAC, thrown by the library; 400 for a
 * signed body that is not JSON), skips a redelivered event, and runs the
 * handler once. A failing handler releases its claim so Shopify's retry can run
 * it again: a payload that fails validation answers 400 with the reason, any
 * other failure 500.
 */
export async function handleWebhookOnce(
  request: Request,
  handler: (context: WebhookContext) => Promise<void>,
): Promise<Response> {
  let context: WebhookContext;
  try {
    context = await authenticate.webhook(request);
  } catch (error) {
    // The library checks the HMAC first, then parses the body: a signed body that is not JSON.
    if (error instanceof SyntaxError) return Response.json({ error: "invalid webhook payload", reason: "the body is not JSON" }, { status: 400 });
    throw error;
  }
  const eventId = context.eventId ?? context.webhookId;
  const claimed = await claimWebhookEvent({ shop: context.shop, eventId, topic: String(context.topic) });
  if (!claimed) {
    return new Response(null, { status: 200, headers: { "X-ReplyReel-Duplicate": "1" } });
  }
  try {
    await handler(context);
  } catch (error) {
    await releaseWebhookEvent({ shop: context.shop, eventId });
    if (error instanceof z.ZodError) {
      const reason = error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
      return Response.json({ error: "invalid webhook payload", reason }, { status: 400 });
    }
    throw error;
  }
  return new Response(null, { status: 200 });
}
