// The content library (issue 7): videos and UGC images with their tagged
// products. Every query is scoped by shop (STYLE.md).
import prisma from "../db.server.ts";
import { sourceOf, toDate, type ContentItemForm } from "../core/content/forms.ts";

export async function listContentItems({ shop, kind }: { shop: string; kind?: "video" | "image" }) {
  const items = await prisma.contentItem.findMany({
    where: { shop, ...(kind ? { kind } : {}) },
    orderBy: { createdAt: "desc" },
    include: { products: { orderBy: { position: "asc" } }, feeds: { include: { feed: { select: { title: true, handle: true } } } } },
  });
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    title: item.title,
    source: item.source,
    url: item.url,
    posterUrl: item.posterUrl,
    creatorHandle: item.creatorHandle,
    rightsStatus: item.rightsStatus,
    rightsExpiresAt: item.rightsExpiresAt?.toISOString().slice(0, 10) ?? null,
    moderation: item.moderation,
    products: item.products.map((p) => ({ productId: p.productId, title: p.title })),
    feeds: item.feeds.map((f) => f.feed),
    createdAt: item.createdAt.toISOString(),
  }));
}

export async function getContentItem({ shop, id }: { shop: string; id: string }) {
  return prisma.contentItem.findFirst({
    where: { shop, id },
    include: { products: { orderBy: { position: "asc" } } },
  });
}

function itemData(form: ContentItemForm) {
  return {
    kind: form.kind,
    title: form.title,
    source: sourceOf(form),
    url: form.url,
    posterUrl: form.posterUrl ?? null,
    shopifyFileId: form.shopifyFileId ?? null,
    creatorHandle: form.creatorHandle?.replace(/^@+/, "") || null,
    sourceLink: form.sourceLink ?? null,
    rightsStatus: form.rightsStatus ?? null,
    rightsRequestedAt: toDate(form.rightsRequestedAt),
    rightsGrantedAt: toDate(form.rightsGrantedAt),
    rightsExpiresAt: toDate(form.rightsExpiresAt),
    moderation: form.moderation,
    altText: form.altText || null,
    caption: form.caption || null,
    captionsUrl: form.captionsUrl ?? null,
    utmSource: form.utmSource ?? null,
    utmMedium: form.utmMedium ?? null,
    utmCampaign: form.utmCampaign ?? null,
    utmContent: form.utmContent ?? null,
  };
}

/** Creates (id undefined) or updates the shop's item and replaces its tagged products. Null: not this shop's. */
export async function saveContentItem({ shop, id, form }: { shop: string; id?: string; form: ContentItemForm }) {
  return prisma.$transaction(async (tx) => {
    let itemId = id;
    if (itemId) {
      const { count } = await tx.contentItem.updateMany({ where: { shop, id: itemId }, data: itemData(form) });
      if (count === 0) return null;
    } else {
      itemId = (await tx.contentItem.create({ data: { shop, ...itemData(form) } })).id;
    }
    await tx.contentProduct.deleteMany({ where: { shop, itemId } });
    const seen = new Set<string>();
    const products = form.products.filter((p) => {
      const key = `${p.productId}|${p.variantId ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (products.length > 0) {
      await tx.contentProduct.createMany({
        data: products.map((p, position) => ({
          shop,
          itemId: itemId!,
          productId: p.productId,
          variantId: p.variantId ?? null,
          handle: p.handle,
          title: p.title,
          imageUrl: p.imageUrl ?? null,
          price: p.price ?? null,
          position,
        })),
      });
    }
    return { id: itemId };
  });
}

export async function setModeration({ shop, ids, moderation }: { shop: string; ids: string[]; moderation: "pending" | "approved" | "hidden" }) {
  const { count } = await prisma.contentItem.updateMany({ where: { shop, id: { in: ids } }, data: { moderation } });
  return count;
}

export async function deleteContentItem({ shop, id }: { shop: string; id: string }) {
  const { count } = await prisma.contentItem.deleteMany({ where: { shop, id } });
  return count > 0;
}

/** Videos in the shop's Shopify Files (Admin API), for the "choose from Files" list. */
export async function listShopifyVideos({ graphql }: { graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response> }) {
  const response = await graphql(
    `#graphql
    query ContentFiles($first: Int!) {
      files(first: $first, query: "media_type:VIDEO", sortKey: CREATED_AT, reverse: true) {
        nodes {
          id
          alt
          ... on Video {
            preview { image { url } }
            sources { url mimeType format }
          }
        }
      }
    }`,
    { variables: { first: 50 } },
  );
  const body = (await response.json()) as {
    errors?: { message: string }[];
    data?: { files?: { nodes?: { id: string; alt?: string | null; preview?: { image?: { url: string } | null } | null; sources?: { url: string; mimeType: string; format: string }[] }[] } };
  };
  if (body.errors?.length) throw new Error(`ContentFiles: ${body.errors.map((e) => e.message).join("; ")}`);
  return (body.data?.files?.nodes ?? [])
    .map((node) => {
      const source = node.sources?.find((s) => s.mimeType === "video/mp4") ?? node.sources?.[0];
      return source ? { id: node.id, alt: node.alt ?? "", url: source.url, posterUrl: node.preview?.image?.url ?? null } : null;
    })
    .filter((f): f is NonNullable<typeof f> => f !== null);
}
