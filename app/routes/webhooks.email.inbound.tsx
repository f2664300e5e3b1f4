// POST /webhooks/email/inbound?shop=<shop>[&format=postmark|mailgun|sendgrid]
// signed with the shop's inbound secret (README "Inbound email").
import type { ActionFunctionArgs } from "@remix-run/node";
import { INBOUND_FORMATS, type InboundFormat } from "../core/inbox/inbound-email.ts";
import { BodyTooLargeError, payloadTooLarge, readLimitedText } from "../core/inbox/read-limited.ts";
import { INBOUND_BODY_LIMIT, receiveInboundEmail, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../models/inbound-email.server.ts";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.(com|io)$/;

export async function loader() {
  return Response.json({ error: "method_not_allowed", reason: "POST a signed email here" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  let rawBody: string;
  try {
    rawBody = await readLimitedText(request, INBOUND_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLarge(INBOUND_BODY_LIMIT);
    throw error;
  }
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop") ?? "";
  if (!SHOP_DOMAIN.test(shop)) {
    return Response.json({ error: "invalid_shop", reason: "?shop= must be the shop's myshopify.com domain" }, { status: 400 });
  }
  const format = (url.searchParams.get("format") ?? "replyreel") as InboundFormat;
  if (!INBOUND_FORMATS.includes(format)) {
    return Response.json({ error: "invalid_format", reason: `?format= must be one of ${INBOUND_FORMATS.join(", ")}` }, { status: 400 });
  }
  const outcome = await receiveInboundEmail({
    shop,
    rawBody,
    format,
    signature: request.headers.get(SIGNATURE_HEADER),
    timestamp: request.headers.get(TIMESTAMP_HEADER),
  });
  if (!outcome.ok) return Response.json({ error: outcome.error, reason: outcome.reason }, { status: outcome.status });
  return Response.json(
    { ok: true, id: outcome.messageId, duplicate: !outcome.created },
    { headers: outcome.created ? {} : { "X-ReplyReel-Duplicate": "1" } },
  );
}
