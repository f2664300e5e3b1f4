// UTM tag sets for content (SPEC §6, issue 7). A feed and each item may override
// any tag; what is left empty falls back to the defaults below. On-site clicks
// carry the set in events and the `_rr_touch` cart attribute rather than in the
// URL (a UTM'd on-site link starts a new session and hides the real source);
// tagged URLs are for off-site shares, or on-site when the merchant opts in.

export type UtmSet = { source: string; medium: string; campaign: string; content: string };
export type UtmOverrides = {
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  utmContent?: string | null;
};
export type ContentKind = "video" | "image";
export type FeedKind = "video" | "ugc";

export const UTM_SOURCE = "replyreel";
export const UTM_MEDIUM: Record<FeedKind, string> = { video: "shoppable_video", ugc: "ugc_gallery" };
const MAX_TAG = 100;

/** Lowercase, spaces to underscores, only URL-safe characters: tags compare equal in reports. */
export function normalizeUtmValue(value: string | null | undefined): string {
  return (value ?? "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "_")
    .replace(/[^a-z0-9._~-]/g, "")
    .slice(0, MAX_TAG);
}

export function feedKindOf(kind: ContentKind): FeedKind {
  return kind === "video" ? "video" : "ugc";
}

/**
 * The effective tag set of an item shown in a feed: item overrides, then feed
 * overrides, then defaults (source=replyreel, medium by feed kind, campaign=the
 * feed's handle, content=the item id).
 */
export function resolveUtm({
  feed,
  item,
}: {
  feed: { handle: string; kind: FeedKind } & UtmOverrides;
  item: { id: string } & UtmOverrides;
}): UtmSet {
  const pick = (...values: (string | null | undefined)[]) => values.map(normalizeUtmValue).find((v) => v !== "") ?? "";
  return {
    source: pick(item.utmSource, feed.utmSource, UTM_SOURCE),
    medium: pick(item.utmMedium, feed.utmMedium, UTM_MEDIUM[feed.kind]),
    campaign: pick(item.utmCampaign, feed.utmCampaign, feed.handle),
    content: pick(item.utmContent, item.id),
  };
}

/** Adds the tag set to a URL, replacing utm_* already there and keeping every other parameter. */
export function buildTaggedUrl(url: string, utm: UtmSet): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(utm)) {
    const name = `utm_${key}`;
    if (value) parsed.searchParams.set(name, value);
    else parsed.searchParams.delete(name);
  }
  return parsed.toString();
}

/** Reads utm_* from a URL's query; missing tags are "". */
export function readUtm(url: string): UtmSet {
  const params = new URL(url).searchParams;
  return {
    source: normalizeUtmValue(params.get("utm_source")),
    medium: normalizeUtmValue(params.get("utm_medium")),
    campaign: normalizeUtmValue(params.get("utm_campaign")),
    content: normalizeUtmValue(params.get("utm_content")),
  };
}

export type ShareChannel = "link_in_bio" | "instagram" | "tiktok" | "email" | "ads";

/**
 * An off-site share link: the given storefront URL tagged for the channel. The
 * channel becomes utm_source (where the click came from); medium and campaign
 * stay the feed's so the report groups shares with the feed.
 */
export function buildShareLink({ url, utm, channel }: { url: string; utm: UtmSet; channel: ShareChannel }): string {
  return buildTaggedUrl(url, { ...utm, source: channel === "link_in_bio" ? "link_in_bio" : channel, medium: channel === "ads" ? "paid_social" : "social" });
}

/** A handle as Shopify writes them: lowercase words joined by hyphens. */
export function toHandle(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
