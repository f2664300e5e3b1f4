// Feeds: ordered collections of content items that a storefront block shows,
// and the public JSON the blocks (and the link-in-bio page) read through the
// app proxy. Every query is scoped by shop.
import prisma from "../db.server.ts";
import type { FeedForm } from "../core/content/forms.ts";
import { parseVideoUrl } from "../core/content/video.ts";
import { resolveUtm, toHandle, type FeedKind, type UtmSet } from "../core/content/utm.ts";
import { forgetShopSettings } from "./settings.server.ts";

export async function listFeeds({ shop }: { shop: string }) {
  const feeds = await prisma.feed.findMany({
    where: { shop },
    orderBy: { createdAt: "asc" },
    include: { _count: { select: { items: true } } },
  });
  return feeds.map((f) => ({ id: f.id, handle: f.handle, title: f.title, kind: f.kind, itemCount: f._count.items }));
}

export async function getFeed({ shop, id }: { shop: string; id: string }) {
  return prisma.feed.findFirst({
    where: { shop, id },
    include: { items: { orderBy: { position: "asc" }, include: { item: { select: { id: true, title: true, kind: true, posterUrl: true, url: true, moderation: true } } } } },
  });
}

export class FeedHandleTakenError extends Error {}

/** Creates or updates a feed with its ordered items. Items of another shop or the wrong kind are ignored. */
export async function saveFeed({ shop, id, form }: { shop: string; id?: string; form: FeedForm }) {
  const handle = form.handle || toHandle(form.title) || "feed";
  return prisma.$transaction(async (tx) => {
    const clash = await tx.feed.findFirst({ where: { shop, handle, ...(id ? { NOT: { id } } : {}) }, select: { id: true } });
    if (clash) throw new FeedHandleTakenError(`Another feed already uses the handle "${handle}"`);
    const data = {
      title: form.title,
      handle,
      kind: form.kind,
      utmSource: form.utmSource ?? null,
      utmMedium: form.utmMedium ?? null,
      utmCampaign: form.utmCampaign ?? null,
    };
    let feedId = id;
    if (feedId) {
      const { count } = await tx.feed.updateMany({ where: { shop, id: feedId }, data });
      if (count === 0) return null;
    } else {
      feedId = (await tx.feed.create({ data: { shop, ...data } })).id;
    }
    const allowed = await tx.contentItem.findMany({
      where: { shop, id: { in: form.items }, kind: form.kind === "video" ? "video" : "image" },
      select: { id: true },
    });
    const allowedIds = new Set(allowed.map((a) => a.id));
    await tx.feedItem.deleteMany({ where: { feedId, feed: { shop } } });
    const ordered = form.items.filter((itemId) => allowedIds.has(itemId));
    if (ordered.length > 0) {
      await tx.feedItem.createMany({ data: ordered.map((itemId, position) => ({ feedId: feedId!, itemId, position })) });
    }
    return { id: feedId, handle };
  });
}

export async function deleteFeed({ shop, id }: { shop: string; id: string }) {
  const { count } = await prisma.feed.deleteMany({ where: { shop, id } });
  return count > 0;
}

export type PublicFeedItem = {
  id: string;
  kind: "video" | "image";
  title: string;
  media:
    | { type: "youtube" | "vimeo"; embed: string }
    | { type: "mp4" | "hls"; src: string }
    | { type: "image"; src: string };
  poster: string | null;
  alt: string;
  caption: string | null;
  captions: string | null;
  creator: string | null;
  sourceLink: string | null;
  utm: UtmSet;
  products: { id: string; variantId: number | null; handle: string; title: string; image: string | null; price: string | null }[];
};
export type PublicFeed = {
  feed: { id: string; handle: string; title: string; kind: FeedKind; tagLinks: boolean };
  items: PublicFeedItem[];
};

function numericId(gid: string | null): number | null {
  const match = gid ? /(\d+)$/.exec(gid) : null;
  return match ? Number(match[1]) : null;
}

/**
 * What the storefront may show of a feed: approved items only (hidden never,
 * pending never), and UGC only while its rights are granted and not expired.
 * Null when the shop has no feed with this handle.
 */
export async function getPublicFeed({ shop, handle, now = new Date() }: { shop: string; handle: string; now?: Date }): Promise<PublicFeed | null> {
  const feed = await prisma.feed.findFirst({
    where: { shop, handle },
    include: {
      items: {
        orderBy: { position: "asc" },
        where: { item: { shop, moderation: "approved" } },
        include: { item: { include: { products: { orderBy: { position: "asc" } } } } },
      },
    },
  });
  if (!feed) return null;
  const settings = await prisma.shopSettings.findUnique({ where: { shop }, select: { urlTagging: true } });
  const kind: FeedKind = feed.kind === "video" ? "video" : "ugc";
  const items: PublicFeedItem[] = [];
  for (const { item } of feed.items) {
    if (item.kind === "image") {
      const rightsOk = item.rightsStatus === "granted" && (!item.rightsExpiresAt || item.rightsExpiresAt > now);
      if (!rightsOk) continue;
    }
    let media: PublicFeedItem["media"];
    let poster = item.posterUrl;
    if (item.kind === "image") media = { type: "image", src: item.url };
    else {
      const parsed = parseVideoUrl(item.url);
      if (!parsed.ok) continue;
      const v = parsed.video;
      if (v.type === "youtube" || v.type === "vimeo") {
        media = { type: v.type, embed: v.embedUrl };
        poster ??= v.posterUrl;
      } else media = { type: v.type, src: v.src };
    }
    items.push({
      id: item.id,
      kind: item.kind === "video" ? "video" : "image",
      title: item.title,
      media,
      poster,
      alt: item.altText ?? item.title,
      caption: item.caption,
      captions: item.captionsUrl,
      creator: item.creatorHandle,
      sourceLink: item.sourceLink,
      utm: resolveUtm({ feed: { ...feed, kind }, item }),
      products: item.products.map((p) => ({
        id: p.productId,
        variantId: numericId(p.variantId),
        handle: p.handle,
        title: p.title,
        image: p.imageUrl,
        price: p.price,
      })),
    });
  }
  return {
    feed: { id: feed.id, handle: feed.handle, title: feed.title, kind, tagLinks: settings?.urlTagging ?? false },
    items,
  };
}

export async function getUrlTagging({ shop }: { shop: string }) {
  const settings = await prisma.shopSettings.findUnique({ where: { shop }, select: { urlTagging: true } });
  return settings?.urlTagging ?? false;
}

export async function setUrlTagging({ shop, enabled }: { shop: string; enabled: boolean }) {
  await prisma.shopSettings.upsert({ where: { shop }, create: { shop, urlTagging: enabled }, update: { urlTagging: enabled } });
  forgetShopSettings(shop);
}
