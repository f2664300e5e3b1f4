// POST /apps/replyreel/contact on the storefront → Shopify signs it → here.
// JSON for contact-form.js (Accept: application/json); otherwise Liquid, which
// Shopify renders inside the shop's theme (docs/decisions/0004-contact-form-no-js-answer.md).
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server.ts";
import { BodyTooLargeError, readLimitedText, UNREAD_BODY_HEADERS } from "../core/inbox/read-limited.ts";
import { CONTACT_LIMITS, contactConfirmationLiquid, DEFAULT_CONTACT_TEXTS, resolveContactLanguage } from "../core/inbox/contact-form.ts";
import { submitContactForm } from "../models/contact-form.server.ts";
import { visitorKey } from "../models/rate-limit.server.ts";

const json = (body: unknown, status = 200, headers: HeadersInit = {}) => Response.json(body, { status, headers });

export async function loader() {
  return json({ error: "method_not_allowed", reason: "POST the contact form here" }, 405, { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  try {
    await authenticate.public.appProxy(request);
  } catch (error) {
    if (error instanceof Response) {
      return json({ error: "invalid_signature", reason: "the app proxy signature or timestamp is missing or invalid" }, 401, UNREAD_BODY_HEADERS);
    }
    throw error;
  }
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop") ?? "";
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  const backUrl = request.headers.get("referer") ? new URL(request.headers.get("referer") as string).pathname : "/";
  const page = (status: number, heading: string, text: string, state: "success" | "error", backLabel: string, errors?: Record<string, string>) =>
    // Not the library's liquid(): it appends "/" to relative links, which would change the way back.
    new Response(contactConfirmationLiquid({ heading, text, status: state, errors, backUrl, backLabel }), {
      status,
      headers: { "Content-Type": "application/liquid" },
    });

  const type = request.headers.get("content-type") ?? "";
  let fields: URLSearchParams;
  try {
    if (type && !type.startsWith("application/x-www-form-urlencoded")) {
      return json({ error: "unsupported_media_type", reason: "post the form URL-encoded (application/x-www-form-urlencoded)" }, 415, UNREAD_BODY_HEADERS);
    }
    fields = new URLSearchParams(await readLimitedText(request, CONTACT_LIMITS.bodyBytes));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const texts = DEFAULT_CONTACT_TEXTS[resolveContactLanguage(null, request.headers.get("accept-language"))];
    const reason = `the form is larger than ${CONTACT_LIMITS.bodyBytes} bytes`;
    const response = wantsJson ? json({ error: "payload_too_large", reason }, 413) : page(413, texts.invalid, reason, "error", texts.back);
    response.headers.set("Connection", "close");
    return response;
  }

  const outcome = await submitContactForm({
    shop,
    visitor: visitorKey(request),
    fields,
    acceptLanguage: request.headers.get("accept-language"),
  });
  const { texts } = outcome;
  switch (outcome.kind) {
    case "rate_limited": {
      const { reason, retryAfterSeconds } = outcome.decision;
      const headers = { "Retry-After": String(retryAfterSeconds) };
      if (wantsJson) return json({ error: "rate_limited", reason, retryAfterSeconds }, 429, headers);
      const response = page(429, texts.rateLimited, texts.rateLimited, "error", texts.back);
      response.headers.set("Retry-After", String(retryAfterSeconds));
      return response;
    }
    case "invalid":
      return wantsJson
        ? json({ error: "invalid", reason: texts.invalid, errors: outcome.errors }, 400)
        : page(400, texts.invalid, texts.invalid, "error", texts.back, outcome.errors);
    case "honeypot":
    case "accepted":
      return wantsJson
        ? json({ ok: true, message: texts.success, custom: texts.custom, language: outcome.language })
        : page(200, texts.title, texts.success, "success", texts.back);
  }
}
