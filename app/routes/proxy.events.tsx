// POST /apps/replyreel/events → /proxy/events: the blocks' event batches (issue 7).
// 401 unsigned, 413 over 64 KB, 400 a bad batch (good events beside bad ones are
// stored and the bad indexes reported), 429 over the shop's rate.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { MAX_BATCH_BYTES, parseEventBatch } from "../core/content/events.ts";
import { BodyTooLargeError, readLimitedText } from "../core/inbox/read-limited.ts";
import { authenticateStorefront } from "../models/content-proxy.server.ts";
import { takeEventBudget } from "../models/rate-limit.server.ts";
import { recordContentEvents } from "../models/events.server.ts";

const noStore = { "Cache-Control": "no-store" };

export async function loader() {
  return json({ error: "POST a batch of events" }, { status: 405, headers: { ...noStore, Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await authenticateStorefront(request);
  if (request.method !== "POST") return loader();
  let text: string;
  try {
    text = await readLimitedText(request, MAX_BATCH_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return json({ error: `the batch is larger than ${MAX_BATCH_BYTES} bytes` }, { status: 413, headers: noStore });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json({ error: "the body is not JSON" }, { status: 400, headers: noStore });
  }
  const batch = parseEventBatch(body);
  if (!batch.ok) return json({ error: batch.reason }, { status: 400, headers: noStore });
  if (batch.events.length === 0) {
    return json({ error: "no valid event in the batch", rejected: batch.rejected }, { status: 400, headers: noStore });
  }
  const budget = await takeEventBudget({ shop, events: batch.events.length });
  if (!budget.ok) {
    return json(
      { error: "too many events for this shop, retry later" },
      { status: 429, headers: { ...noStore, "Retry-After": String(budget.retryAfterSeconds) } },
    );
  }
  const result = await recordContentEvents({ shop, events: batch.events });
  return json({ ...result, rejected: batch.rejected }, { status: 200, headers: noStore });
}
