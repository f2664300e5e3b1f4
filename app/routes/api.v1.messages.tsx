// The ingest API: POST /api/v1/messages with `Authorization: Bearer rr_live_…`.
// A processed batch answers 200 with one result per item (README "Ingest API").
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { BodyTooLargeError, payloadTooLarge, readLimitedText, UNREAD_BODY_HEADERS } from "../core/inbox/read-limited.ts";
import { authenticateApiKey } from "../models/api-keys.server.ts";
import { API_BODY_LIMIT, ingestApiBatch, listApiMessages } from "../models/ingest-api.server.ts";
import { limitApiKey, tooManyRequests } from "../models/rate-limit.server.ts";

const unauthorized = () =>
  Response.json(
    { error: "unauthorized", reason: "send a valid, unrevoked key as Authorization: Bearer rr_live_…" },
    { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="replyreel"', ...UNREAD_BODY_HEADERS } },
  );

async function authorize(request: Request) {
  const key = await authenticateApiKey(request.headers.get("authorization"));
  if (!key) return { response: unauthorized() };
  const decision = await limitApiKey(key);
  if (!decision.allowed) {
    const response = tooManyRequests(decision);
    response.headers.set("Connection", "close");
    return { response };
  }
  return { key };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { key, response } = await authorize(request);
  if (!key) return response;
  const url = new URL(request.url);
  const messages = await listApiMessages({
    shop: key.shop,
    externalIds: url.searchParams.getAll("externalId"),
    limit: Number(url.searchParams.get("limit") ?? 50) || 50,
  });
  return Response.json({ messages });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return Response.json({ error: "method_not_allowed", reason: "POST a batch of messages" }, { status: 405, headers: { Allow: "GET, POST" } });
  }
  const { key, response } = await authorize(request);
  if (!key) return response;
  let payload: unknown;
  try {
    payload = JSON.parse(await readLimitedText(request, API_BODY_LIMIT));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLarge(API_BODY_LIMIT);
    return Response.json({ error: "invalid_json", reason: `the body is not JSON: ${(error as Error).message}` }, { status: 400 });
  }
  const outcome = await ingestApiBatch({ shop: key.shop, payload });
  if (!outcome.ok) return Response.json({ error: outcome.status === 413 ? "batch_too_large" : "invalid_batch", reason: outcome.reason }, { status: outcome.status });
  return Response.json({ results: outcome.results, summary: outcome.summary });
}
