// POST /apps/replyreel/pixel → /proxy/pixel: the web pixel's checkout_completed
// report (order id + the content touches the blocks published), kept for
// attribution (issue 8) in PixelCheckout, once per order.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateStorefront } from "../models/content-proxy.server.ts";
import { recordPixelCheckout } from "../models/events.server.ts";

const MAX_BYTES = 16 * 1024;
const Touch = z.object({
  item: z.string().max(64).optional(),
  feed: z.string().max(64).optional(),
  product: z.string().max(64).optional(),
  type: z.string().max(32).optional(),
  utm: z.record(z.string(), z.string().max(100)).optional(),
  time: z.union([z.string().max(40), z.number()]).optional(),
});
const PixelReport = z.object({
  orderId: z.string().regex(/^(gid:\/\/shopify\/Order\/)?\d{1,20}$/, "a Shopify order id"),
  touches: z.array(Touch).max(50).default([]),
});

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await authenticateStorefront(request);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BYTES) return json({ error: `larger than ${MAX_BYTES} bytes` }, { status: 413 });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return json({ error: "the body is not JSON" }, { status: 400 });
  }
  const parsed = PixelReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: `${issue.path.join(".")}: ${issue.message}` }, { status: 400 });
  }
  const orderId = parsed.data.orderId.startsWith("gid:") ? parsed.data.orderId : `gid://shopify/Order/${parsed.data.orderId}`;
  await recordPixelCheckout({ shop, orderId, touches: parsed.data.touches });
  return json({ ok: true });
}
