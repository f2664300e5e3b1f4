// Form schemas of the content library (admin), shared by the route actions and
// their tests. Empty form fields arrive as undefined (conform strips ""), so
// optional text is `.optional()` and dates are YYYY-MM-DD strings.
import { z } from "zod";
import { parseVideoUrl } from "./video.ts";
import { normalizeUtmValue, toHandle } from "./utm.ts";

const text = (max: number) => z.string().trim().max(max).optional();
const httpsUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => /^https?:\/\/[^\s/]+\.[^\s]+$/.test(v) || /^\/(?!\/)\S+$/.test(v), "Enter a full URL starting with https:// (or a path on your store, starting with /)");
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the date picker format YYYY-MM-DD")
  .optional();
const utmTag = z.string().max(100).optional().transform((v) => (v === undefined ? undefined : normalizeUtmValue(v) || undefined));

export const TaggedProductSchema = z.object({
  productId: z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/),
  variantId: z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/).nullable().optional(),
  handle: z.string().min(1).max(255),
  title: z.string().min(1).max(255),
  imageUrl: z.string().max(2048).nullable().optional(),
  price: z.string().max(32).nullable().optional(),
});
export type TaggedProduct = z.infer<typeof TaggedProductSchema>;

const productsJson = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return [] as TaggedProduct[];
    try {
      const parsed = z.array(TaggedProductSchema).max(20).safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: "Tag at most 20 products, chosen with the product picker" });
    } catch {
      ctx.addIssue({ code: "custom", message: "The product list is not valid JSON" });
    }
    return z.NEVER;
  });

export const ContentItemFormSchema = z
  .object({
    kind: z.enum(["video", "image"]),
    title: z.string({ error: "Give the item a title" }).trim().min(1, "Give the item a title").max(200),
    url: httpsUrl,
    posterUrl: httpsUrl.optional(),
    shopifyFileId: z.string().regex(/^gid:\/\/shopify\/(Video|MediaImage|GenericFile)\/\d+$/).optional(),
    creatorHandle: text(100),
    sourceLink: httpsUrl.optional(),
    rightsStatus: z.enum(["requested", "granted", "expired"]).optional(),
    rightsRequestedAt: day,
    rightsGrantedAt: day,
    rightsExpiresAt: day,
    moderation: z.enum(["pending", "approved", "hidden"]).default("pending"),
    altText: text(500),
    caption: text(1000),
    captionsUrl: httpsUrl.optional(),
    utmSource: utmTag,
    utmMedium: utmTag,
    utmCampaign: utmTag,
    utmContent: utmTag,
    products: productsJson,
  })
  .superRefine((value, ctx) => {
    if (value.kind === "video" && !value.shopifyFileId) {
      const parsed = parseVideoUrl(value.url);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["url"], message: parsed.reason });
    }
    if (value.kind === "image" && !value.altText) {
      ctx.addIssue({ code: "custom", path: ["altText"], message: "Describe the image for shoppers who use a screen reader" });
    }
    if (value.rightsStatus === "granted" && !value.rightsGrantedAt) {
      ctx.addIssue({ code: "custom", path: ["rightsGrantedAt"], message: "When were the rights granted?" });
    }
  });
export type ContentItemForm = z.infer<typeof ContentItemFormSchema>;

/** The stored `source` of a video or image URL. */
export function sourceOf(form: Pick<ContentItemForm, "kind" | "url" | "shopifyFileId">): "shopify_file" | "url" | "youtube" | "vimeo" {
  if (form.shopifyFileId) return "shopify_file";
  if (form.kind === "image") return "url";
  const parsed = parseVideoUrl(form.url);
  return parsed.ok && (parsed.video.type === "youtube" || parsed.video.type === "vimeo") ? parsed.video.type : "url";
}

const itemIds = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return [] as string[];
    try {
      const parsed = z.array(z.string().min(1).max(64)).max(100).safeParse(JSON.parse(value));
      if (parsed.success) return [...new Set(parsed.data)];
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "The item order is not a list of at most 100 item ids" });
    return z.NEVER;
  });

export const FeedFormSchema = z.object({
  title: z.string({ error: "Give the feed a title" }).trim().min(1, "Give the feed a title").max(200),
  handle: z
    .string()
    .optional()
    .transform((v) => (v ? toHandle(v) : undefined)),
  kind: z.enum(["video", "ugc"]),
  utmSource: utmTag,
  utmMedium: utmTag,
  utmCampaign: utmTag,
  items: itemIds,
});
export type FeedForm = z.infer<typeof FeedFormSchema>;

export function toDate(value: string | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00.000Z`) : null;
}
