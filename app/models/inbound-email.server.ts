// Inbound email (issue 5, item 2b): the signature check with the shop's
// signing secret (generated, rotated and stored encrypted by settings.server.ts,
// shown once to the merchant, who configures the relay with it), and the
// message handed to the inbox.
import { createHmac, timingSafeEqual } from "node:crypto";
import prisma from "../db.server.ts";
import { env } from "../env.server.ts";
import { inboundEmailToMessage, mapInboundPayload, type InboundFormat } from "../core/inbox/inbound-email.ts";
import { ingestMessage, validateMessageInput } from "./channel-ingest.server.ts";
import { getInboundSecret } from "./settings.server.ts";

export const SIGNATURE_HEADER = "X-ReplyReel-Signature";
export const TIMESTAMP_HEADER = "X-ReplyReel-Timestamp";
/** Signed requests older (or newer) than this are replays or a broken clock. */
export const INBOUND_TOLERANCE_SECONDS = 300;
export const INBOUND_BODY_LIMIT = 2 * 1024 * 1024;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, as a relay computes it. */
export function signInboundEmail({ secret, timestamp, rawBody }: { secret: string; timestamp: number | string; rawBody: string }) {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")}`;
}

export function inboundWebhookUrl(shop: string) {
  return `${env().SHOPIFY_APP_URL.replace(/\/+$/, "")}/webhooks/email/inbound?shop=${encodeURIComponent(shop)}`;
}

/** What the settings page shows; the secret itself is shown once, by settings.server.ts rotateInboundSecret. */
export async function getInboundEmailConfig({ shop }: { shop: string }) {
  const settings = await prisma.shopSettings.findUnique({ where: { shop }, select: { inboundSecretEnc: true, inboundAddress: true } });
  return {
    webhookUrl: inboundWebhookUrl(shop),
    address: settings?.inboundAddress ?? null,
    secretSet: Boolean(settings?.inboundSecretEnc),
    signatureHeader: SIGNATURE_HEADER,
    timestampHeader: TIMESTAMP_HEADER,
  };
}

export type InboundOutcome =
  | { ok: true; created: boolean; messageId: string }
  | { ok: false; status: 400 | 401; error: string; reason: string };

function safeEqual(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Verifies the signature, then maps, validates and stores one email. */
export async function receiveInboundEmail({
  shop,
  rawBody,
  signature,
  timestamp,
  format,
  now = Date.now(),
}: {
  shop: string;
  rawBody: string;
  signature: string | null;
  timestamp: string | null;
  format: InboundFormat;
  now?: number;
}): Promise<InboundOutcome> {
  const secret = await getInboundSecret({ shop });
  if (!secret) {
    return { ok: false, status: 401, error: "unauthorized", reason: "inbound email is not set up for this shop (no signing secret)" };
  }
  if (!signature || !timestamp) {
    return { ok: false, status: 401, error: "unauthorized", reason: `the ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} headers are required` };
  }
  const seconds = Number(timestamp);
  if (!/^\d{9,11}$/.test(timestamp) || Math.abs(now / 1000 - seconds) > INBOUND_TOLERANCE_SECONDS) {
    return { ok: false, status: 401, error: "unauthorized", reason: `${TIMESTAMP_HEADER} is not within ${INBOUND_TOLERANCE_SECONDS} s of now` };
  }
  const expected = signInboundEmail({ secret, timestamp, rawBody });
  if (!safeEqual(signature.trim(), expected)) {
    return { ok: false, status: 401, error: "invalid_signature", reason: `${SIGNATURE_HEADER} does not match the body` };
  }

  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch (error) {
    return { ok: false, status: 400, error: "invalid_json", reason: `the body is not JSON: ${(error as Error).message}` };
  }
  const mapped = mapInboundPayload(format, payload);
  if (!mapped.ok) return { ok: false, status: 400, error: "invalid_email", reason: mapped.reason };
  const message = inboundEmailToMessage(mapped.email, format === "replyreel" ? undefined : format);
  if (!message.ok) return { ok: false, status: 400, error: "invalid_email", reason: message.reason };
  const validated = validateMessageInput(message.fields);
  if (!validated.ok) {
    return { ok: false, status: 400, error: "invalid_email", reason: Object.entries(validated.errors).map(([k, v]) => `${k}: ${v}`).join("; ") };
  }
  const { created, message: stored } = await ingestMessage({ shop, input: validated.input });
  return { ok: true, created, messageId: stored.id };
}
