// The reply click tracker (issue 8's funnel, "clicks"): a shopper clicking a
// product link in a reply goes through /apps/replyreel/r/<message id>, which
// stores one "click" ContentEvent with the reply's UTM set and increments the
// matching EventRollup row, through the same exactly-once writer as the blocks'
// events (events.server.ts). No storefront JS: it works from an email.
import { createHash } from "node:crypto";
import prisma from "../db.server.ts";
import { normalizeUtmValue } from "../core/content/utm.ts";
import type { ValidContentEvent } from "../core/content/events.ts";
import { recordContentEvents } from "./events.server.ts";
import { REPLY_MEDIUM } from "./report.server.ts";

/** Repeat clicks on the same link by the same visitor within one such window count once. */
export const REPLY_CLICK_WINDOW_MS = 10 * 60_000;
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Who clicked, as well as a proxied GET without cookies can tell: the signed
 * logged-in customer id when there is one, else the client address and user agent.
 * Hashed: no address is stored.
 */
export function visitorKeyOf(request: Request): string {
  const url = new URL(request.url);
  const customer = url.searchParams.get("logged_in_customer_id");
  if (customer) return `customer:${customer}`;
  const address = (request.headers.get("x-forwarded-for") ?? "").split(",")[0].trim() || request.headers.get("x-real-ip") || "";
  return `anon:${address}\u0000${request.headers.get("user-agent") ?? ""}`;
}

/**
 * Records one click on a reply's link, unless the message is not this shop's
 * (then nothing). A repeat by the same visitor on the same target within the
 * window maps to the same clientEventId, which the writer stores once.
 */
export async function recordReplyClick({
  shop,
  messageId,
  target,
  visitorKey,
  now = new Date(),
}: {
  shop: string;
  messageId: string;
  target: string;
  visitorKey: string;
  now?: Date;
}): Promise<{ recorded: boolean }> {
  if (!MESSAGE_ID.test(messageId)) return { recorded: false };
  const message = await prisma.message.findFirst({ where: { shop, id: messageId }, select: { id: true, intent: true } });
  if (!message) return { recorded: false };
  const bucket = Math.floor(now.getTime() / REPLY_CLICK_WINDOW_MS);
  const event: ValidContentEvent = {
    clientEventId: `rc_${sha256([shop, message.id, target, visitorKey, bucket].join("\u0000")).slice(0, 40)}`,
    type: "click",
    feedId: null,
    itemId: null,
    productId: null,
    visitorId: `rv_${sha256(`${shop}\u0000${visitorKey}`).slice(0, 24)}`,
    utm: { source: "replyreel", medium: REPLY_MEDIUM, campaign: normalizeUtmValue(message.intent), content: normalizeUtmValue(message.id) },
    occurredAt: now,
  };
  const result = await recordContentEvents({ shop, events: [event] });
  return { recorded: result.stored === 1 };
}
