// UTM tags on product links in replies (SPEC §4 "Replies"), so orders that a
// reply brought in show up in the content report next to the blocks' orders.
export type ReplyUtm = { intent: string; messageId: string };

export function replyUtmParameters({ intent, messageId }: ReplyUtm): Record<string, string> {
  return { utm_source: "replyreel", utm_medium: "reply", utm_campaign: intent, utm_content: messageId };
}

/** Adds the reply's UTM set to a URL; a URL that is not http(s) is returned unchanged. */
export function tagProductUrl(url: string, utm: ReplyUtm): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return url;
  for (const [key, value] of Object.entries(replyUtmParameters(utm))) parsed.searchParams.set(key, value);
  return parsed.toString();
}

/** The app-proxy path of the reply click tracker (app/routes/proxy.r.$id.tsx). */
export const REPLY_CLICK_PATH = "/apps/replyreel/r/";

/**
 * A product URL as a tracked reply link on the same host: the click tracker
 * records the click and redirects to the tagged path, so the landing site still
 * carries the reply's UTM set. Not an http(s) URL: returned unchanged.
 */
export function trackedReplyUrl(url: string, utm: ReplyUtm): string {
  let parsed: URL;
  try {
    parsed = new URL(tagProductUrl(url, utm));
  } catch {
    return url;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return url;
  const target = encodeURIComponent(parsed.pathname + parsed.search + parsed.hash).replace(/%2F/g, "/");
  return `${parsed.origin}${REPLY_CLICK_PATH}${encodeURIComponent(utm.messageId)}?to=${target}`;
}

const PROBE_ORIGIN = "https://shop.invalid";

/**
 * The tracker's redirect target: only a relative path on the shop ("/…", not
 * "//…", no scheme, no backslash or control character); anything else is "/".
 */
export function safeRedirectTarget(to: string | null | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//")) return "/";
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return "/";
  let parsed: URL;
  try {
    parsed = new URL(to, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (parsed.origin !== PROBE_ORIGIN) return "/";
  return parsed.pathname + parsed.search + parsed.hash;
}

/** What a shopper reads for a tracked link: the product URL without the tracker and the utm_* tags. */
export function readableReplyUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.pathname.startsWith(REPLY_CLICK_PATH) || !parsed.searchParams.has("to")) return url;
  const target = safeRedirectTarget(parsed.searchParams.get("to"));
  const shown = new URL(target, parsed.origin);
  for (const key of [...shown.searchParams.keys()]) if (key.startsWith("utm_")) shown.searchParams.delete(key);
  return shown.toString();
}

const LINK = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

/**
 * Tags every link in a reply that points at one of the shop's own product or
 * collection pages; other links (carriers, policies, elsewhere) are left alone.
 * With `track`, those links go through the click tracker (trackedReplyUrl).
 */
export function tagProductLinks(text: string, { hosts, track = false, ...utm }: ReplyUtm & { hosts: readonly string[]; track?: boolean }): string {
  const own = new Set(hosts.map((h) => h.toLowerCase()));
  return text.replace(LINK, (raw) => {
    const trailing = /[.,;:!?]+$/.exec(raw)?.[0] ?? "";
    const url = trailing ? raw.slice(0, -trailing.length) : raw;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return raw;
    }
    if (!own.has(parsed.hostname.toLowerCase())) return raw;
    if (!/^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(products|collections)\//i.test(parsed.pathname)) return raw;
    return (track ? trackedReplyUrl(url, utm) : tagProductUrl(url, utm)) + trailing;
  });
}
