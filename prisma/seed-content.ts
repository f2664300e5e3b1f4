// Demo content for the local demo (issue 7): a video feed ("videos") and a UGC
// feed ("ugc") with items tagged to the fixture products, saved through the same
// models the admin uses. Media are small local files served by the demo front
// server (scripts/demo/public/media); UGC photos reuse the fixture product images.
import { ContentItemFormSchema } from "../app/core/content/forms.ts";
import { FeedFormSchema } from "../app/core/content/forms.ts";
import { saveContentItem } from "../app/models/content.server.ts";
import { saveFeed } from "../app/models/feeds.server.ts";
import { fixtureProducts, type FixtureProduct } from "../tests/fixtures/shop.ts";

function tagged(product: FixtureProduct) {
  return {
    productId: product.id,
    variantId: product.variants[0].id,
    handle: product.handle,
    title: product.title,
    imageUrl: product.image,
    price: product.price,
  };
}

const byHandle = (handle: string) => {
  const product = fixtureProducts.find((p) => p.handle === handle);
  if (!product) throw new Error(`seed: no fixture product ${handle}`);
  return product;
};

const videos = [
  { title: "Morning pour-over ritual", media: "mug", products: ["ceramic-pour-over-mug"], captions: true },
  { title: "Linen dress, three ways", media: "dress", products: ["linen-midi-dress", "recycled-hoodie"], captions: false },
  { title: "Trail test: 20 km in the rain", media: "shoes", products: ["trail-runner-shoes"], captions: false },
  { title: "Glow routine in 60 seconds", media: "mug", products: ["vitamin-c-serum"], captions: false },
];

const photos = [
  { creator: "sol.and.sea", product: "linen-midi-dress", alt: "A woman in a linen midi dress on a seaside promenade" },
  { creator: "kiln.mornings", product: "ceramic-pour-over-mug", alt: "Pour-over mug on a wooden table by a window" },
  { creator: "runs.with.rain", product: "trail-runner-shoes", alt: "Muddy trail runner shoes on a forest path" },
  { creator: "glow.diaries", product: "vitamin-c-serum", alt: "Vitamin C serum bottle next to a plant" },
  { creator: "casefold.fan", product: "magsafe-phone-case", alt: "Phone in a MagSafe case on a charging pad" },
];

export async function seedDemoContent({ shop }: { shop: string }) {
  const videoIds: string[] = [];
  for (const v of videos) {
    const form = ContentItemFormSchema.parse({
      kind: "video",
      title: v.title,
      url: `/__demo/media/demo-${v.media}.webm`,
      posterUrl: `/__demo/media/demo-${v.media}.jpg`,
      captionsUrl: v.captions ? "/__demo/media/demo-mug.vtt" : undefined,
      caption: v.title,
      moderation: "approved",
      products: JSON.stringify(v.products.map((h) => tagged(byHandle(h)))),
    });
    const saved = await saveContentItem({ shop, form });
    if (saved) videoIds.push(saved.id);
  }
  const photoIds: string[] = [];
  const granted = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  for (const p of photos) {
    const product = byHandle(p.product);
    const form = ContentItemFormSchema.parse({
      kind: "image",
      title: `${product.title} by @${p.creator}`,
      url: product.image,
      altText: p.alt,
      creatorHandle: p.creator,
      sourceLink: `https://www.instagram.com/${p.creator}/`,
      rightsStatus: "granted",
      rightsRequestedAt: granted,
      rightsGrantedAt: granted,
      moderation: "approved",
      products: JSON.stringify([tagged(product)]),
    });
    const saved = await saveContentItem({ shop, form });
    if (saved) photoIds.push(saved.id);
  }
  await saveFeed({ shop, form: FeedFormSchema.parse({ title: "Watch and shop", handle: "videos", kind: "video", items: JSON.stringify(videoIds) }) });
  await saveFeed({ shop, form: FeedFormSchema.parse({ title: "As seen on you", handle: "ugc", kind: "ugc", items: JSON.stringify(photoIds) }) });
  return { videos: videoIds.length, photos: photoIds.length };
}
