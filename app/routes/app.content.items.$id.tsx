// Edit a content item (issue 7): a video (URL, YouTube, Vimeo, or a Shopify
// Files video) or a UGC image with creator credit, rights and moderation; the
// products it shows, chosen with App Bridge's resource picker; its UTM tags.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SaveDeleteActions, UnsavedChangesBar, useFormFields, useLoadedState } from "../components/content/form.tsx";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineError,
  InlineStack,
  Layout,
  Page,
  Select,
  Tag,
  Text,
  TextField,
} from "@shopify/polaris";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { authenticate } from "../shopify.server.ts";
import { deleteContentItem, getContentItem, listShopifyVideos, saveContentItem } from "../models/content.server.ts";
import { ContentItemFormSchema, type TaggedProduct } from "../core/content/forms.ts";
import { parseVideoUrl } from "../core/content/video.ts";

const day = (d: Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");

// Videos from the shop's Shopify Files; the page still works (URL entry) when the Admin API fails.
async function shopifyFiles(graphql: Parameters<typeof listShopifyVideos>[0]["graphql"]) {
  try {
    return { files: await listShopifyVideos({ graphql }), filesError: null };
  } catch (error) {
    return { files: [], filesError: error instanceof Error ? error.message : "Shopify Files could not be read" };
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { admin, session } = await authenticate.admin(request);
  const kindParam = new URL(request.url).searchParams.get("kind") === "image" ? "image" : "video";
  if (params.id === "new") {
    return {
      ...(kindParam === "video" ? await shopifyFiles(admin.graphql) : { files: [], filesError: null }),
      isNew: true,
      values: {
        kind: kindParam,
        title: "",
        url: "",
        posterUrl: "",
        shopifyFileId: "",
        creatorHandle: "",
        sourceLink: "",
        rightsStatus: kindParam === "image" ? "requested" : "",
        rightsRequestedAt: "",
        rightsGrantedAt: "",
        rightsExpiresAt: "",
        // A merchant's own video is ready to show; a creator's photo waits for review.
        moderation: kindParam === "video" ? "approved" : "pending",
        altText: "",
        caption: "",
        captionsUrl: "",
        utmSource: "",
        utmMedium: "",
        utmCampaign: "",
        utmContent: "",
      },
      products: [] as TaggedProduct[],
    };
  }
  const item = await getContentItem({ shop: session.shop, id: params.id ?? "" });
  invariantResponse(item, "Content item not found", { status: 404 });
  return {
    ...(item.kind === "video" ? await shopifyFiles(admin.graphql) : { files: [], filesError: null }),
    isNew: false,
    values: {
      kind: item.kind,
      title: item.title,
      url: item.url,
      posterUrl: item.posterUrl ?? "",
      shopifyFileId: item.shopifyFileId ?? "",
      creatorHandle: item.creatorHandle ?? "",
      sourceLink: item.sourceLink ?? "",
      rightsStatus: item.rightsStatus ?? "",
      rightsRequestedAt: day(item.rightsRequestedAt),
      rightsGrantedAt: day(item.rightsGrantedAt),
      rightsExpiresAt: day(item.rightsExpiresAt),
      moderation: item.moderation,
      altText: item.altText ?? "",
      caption: item.caption ?? "",
      captionsUrl: item.captionsUrl ?? "",
      utmSource: item.utmSource ?? "",
      utmMedium: item.utmMedium ?? "",
      utmCampaign: item.utmCampaign ?? "",
      utmContent: item.utmContent ?? "",
    },
    products: item.products.map((p) => ({
      productId: p.productId,
      variantId: p.variantId,
      handle: p.handle,
      title: p.title,
      imageUrl: p.imageUrl,
      price: p.price,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    await deleteContentItem({ shop: session.shop, id: params.id ?? "" });
    return redirect("/app/content");
  }
  const submission = parseWithZod(formData, { schema: ContentItemFormSchema });
  if (submission.status !== "success") return json({ errors: submission.reply().error ?? {} }, { status: 400 });
  const saved = await saveContentItem({ shop: session.shop, id: params.id === "new" ? undefined : params.id, form: submission.value });
  invariantResponse(saved, "Content item not found", { status: 404 });
  return redirect(`/app/content/items/${saved.id}?saved=1`);
}

type PickedProduct = {
  id: string;
  handle?: string;
  title: string;
  images?: { originalSrc?: string; src?: string }[];
  variants?: { id?: string; price?: string }[];
};

export default function ContentItemPage() {
  const { isNew, values: initial, products: initialProducts, files, filesError } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string[] | null | undefined> = actionData?.errors ?? {};
  const { values, setValues, field } = useFormFields(initial, errors);
  const shopify = useAppBridge();
  const [products, setProducts] = useLoadedState<TaggedProduct[]>(initialProducts);
  const isVideo = values.kind === "video";
  const parsedVideo = isVideo && values.url ? parseVideoUrl(values.url) : null;

  async function pickProducts() {
    const selected = (await shopify.resourcePicker({
      type: "product",
      multiple: true,
      selectionIds: products.map((p) => ({ id: p.productId })),
    })) as unknown as PickedProduct[] | undefined;
    if (!selected) return;
    setProducts(
      selected.map((p) => ({
        productId: p.id,
        variantId: p.variants?.[0]?.id ?? null,
        handle: p.handle ?? "",
        title: p.title,
        imageUrl: p.images?.[0]?.originalSrc ?? p.images?.[0]?.src ?? null,
        price: p.variants?.[0]?.price ?? null,
      })),
    );
  }

  return (
    <Page
      title={isNew ? (isVideo ? "Add video" : "Add UGC image") : values.title || "Content item"}
      backAction={{ content: "Content", url: "/app/content" }}
    >
      <UnsavedChangesBar
        formId="content-item-form"
        dirty={JSON.stringify([values, products]) !== JSON.stringify([initial, initialProducts])}
        onDiscard={() => {
          setValues(initial);
          setProducts(initialProducts);
        }}
      />
      <Form method="post" id="content-item-form">
        <input type="hidden" name="kind" value={values.kind} />
        {values.shopifyFileId ? <input type="hidden" name="shopifyFileId" value={values.shopifyFileId} /> : null}
        <input type="hidden" name="products" value={JSON.stringify(products)} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <TextField label="Title" {...field("title")} helpText="Shown to shoppers as the item's accessible name." />
                  {isVideo && (files.length > 0 || filesError) ? (
                    <Select
                      label="Video from Shopify Files"
                      options={[{ label: files.length ? "Choose a video…" : "No video in Files", value: "" }, ...files.map((f) => ({ label: f.alt || f.id, value: f.id }))]}
                      value={values.shopifyFileId}
                      error={filesError ?? undefined}
                      onChange={(id) => {
                        const file = files.find((f) => f.id === id);
                        setValues((v) => (file ? { ...v, shopifyFileId: file.id, url: file.url, posterUrl: file.posterUrl ?? v.posterUrl, title: v.title || file.alt } : { ...v, shopifyFileId: "" }));
                      }}
                      helpText="Or paste a URL below."
                    />
                  ) : null}
                  <TextField
                    label={isVideo ? "Video URL" : "Image URL"}
                    type="url"
                    {...field("url")}
                    onChange={(value: string) => setValues((v) => ({ ...v, url: value, shopifyFileId: "" }))}
                    helpText={
                      isVideo
                        ? parsedVideo?.ok
                          ? `Recognised: ${parsedVideo.video.type === "mp4" ? "video file" : parsedVideo.video.type.toUpperCase()}`
                          : "A YouTube or Vimeo link, or a direct .mp4 / .m3u8 (HLS) URL, e.g. from Shopify Files."
                        : "A direct image URL, e.g. from Shopify Files."
                    }
                  />
                  {isVideo ? <TextField label="Poster image URL" type="url" {...field("posterUrl")} helpText="Shown before the video loads; YouTube posters are found automatically." /> : null}
                  <TextField label={isVideo ? "Description" : "Alt text"} {...field(isVideo ? "caption" : "altText")} multiline={2} />
                  {isVideo ? <TextField label="Captions (WebVTT URL)" type="url" {...field("captionsUrl")} /> : null}
                </FormLayout>
              </Card>
              {!isVideo ? (
                <Card>
                  <FormLayout>
                    <Text as="h2" variant="headingMd">
                      Creator and rights
                    </Text>
                    <FormLayout.Group>
                      <TextField label="Creator handle" prefix="@" {...field("creatorHandle")} />
                      <TextField label="Source link" type="url" {...field("sourceLink")} />
                    </FormLayout.Group>
                    <Select
                      label="Rights"
                      name="rightsStatus"
                      options={[
                        { label: "Requested", value: "requested" },
                        { label: "Granted", value: "granted" },
                        { label: "Expired", value: "expired" },
                      ]}
                      value={values.rightsStatus}
                      onChange={(v) => setValues((s) => ({ ...s, rightsStatus: v }))}
                      helpText="Only images with granted, unexpired rights appear on the storefront."
                    />
                    <FormLayout.Group condensed>
                      <TextField label="Requested on" type="date" {...field("rightsRequestedAt")} />
                      <TextField label="Granted on" type="date" {...field("rightsGrantedAt")} />
                      <TextField label="Expires on" type="date" {...field("rightsExpiresAt")} />
                    </FormLayout.Group>
                  </FormLayout>
                </Card>
              ) : null}
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      Tagged products
                    </Text>
                    <Button onClick={pickProducts}>{products.length ? "Change products" : "Tag products"}</Button>
                  </InlineStack>
                  {products.length === 0 ? (
                    <Text as="p" tone="subdued">
                      Shoppers can add tagged products to the cart from the block.
                    </Text>
                  ) : (
                    <InlineStack gap="200">
                      {products.map((p) => (
                        <Tag key={p.productId} onRemove={() => setProducts((list) => list.filter((x) => x.productId !== p.productId))}>
                          {p.title}
                        </Tag>
                      ))}
                    </InlineStack>
                  )}
                  {errors.products?.[0] ? <InlineError message={errors.products[0]} fieldID="products" /> : null}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <Select
                  label="Moderation"
                  name="moderation"
                  options={[
                    { label: "Pending review", value: "pending" },
                    { label: "Approved: show on the storefront", value: "approved" },
                    { label: "Hidden", value: "hidden" },
                  ]}
                  value={values.moderation}
                  onChange={(v) => setValues((s) => ({ ...s, moderation: v }))}
                />
              </Card>
              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    UTM tags
                  </Text>
                  <Text as="p" tone="subdued">
                    Leave empty for the feed's tags (source replyreel, medium by block, campaign the feed handle, content this item's id).
                  </Text>
                  <TextField label="utm_source" {...field("utmSource")} />
                  <TextField label="utm_medium" {...field("utmMedium")} />
                  <TextField label="utm_campaign" {...field("utmCampaign")} />
                  <TextField label="utm_content" {...field("utmContent")} />
                </FormLayout>
              </Card>
              <SaveDeleteActions canDelete={!isNew} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
