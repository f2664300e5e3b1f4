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

const LINK = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

/**
 * Tags every link in a reply that points at one of the shop's own product or
 * collection pages; other links (carriers, policies, elsewhere) are left alone.
 */
export function tagProductLinks(text: string, { hosts, ...utm }: ReplyUtm & { hosts: readonly string[] }): string {
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
    return tagProductUrl(url, utm) + trailing;
  });
}
