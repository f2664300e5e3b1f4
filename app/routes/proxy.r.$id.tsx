// GET /apps/replyreel/r/<message id>?to=<path on the shop> → /proxy/r/<id>: the
// reply click tracker. Records the click (app/models/reply-clicks.server.ts),
// then 302s to the target: only a relative path on the shop, anything else "/".
// Unknown or another shop's message: redirects, records nothing. 401 unsigned.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirectTarget } from "../core/inbox/utm.ts";
import { authenticateStorefront } from "../models/content-proxy.server.ts";
import { recordReplyClick, visitorKeyOf } from "../models/reply-clicks.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await authenticateStorefront(request);
  const target = safeRedirectTarget(new URL(request.url).searchParams.get("to"));
  try {
    await recordReplyClick({ shop, messageId: params.id ?? "", target, visitorKey: visitorKeyOf(request) });
  } catch (error) {
    // A click that cannot be stored must not strand the shopper.
    console.error("reply click not recorded", error);
  }
  return redirect(target, { status: 302, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
