// Edit a feed (issue 7): its items in order, its UTM tag set, and share links
// for off-site posts, including the shoppable "link in bio" page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SaveDeleteActions, UnsavedChangesBar, useFormFields, useLoadedState } from "../components/content/form.tsx";
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
  Text,
  TextField,
} from "@shopify/polaris";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { useMemo, useState } from "react";
import { authenticate } from "../shopify.server.ts";
import { deleteFeed, FeedHandleTakenError, getFeed, saveFeed } from "../models/feeds.server.ts";
import { listContentItems } from "../models/content.server.ts";
import { FeedFormSchema } from "../core/content/forms.ts";
import { buildShareLink, resolveUtm, type ShareChannel } from "../core/content/utm.ts";
import { SectionCard } from "../components/section-card.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const library = (await listContentItems({ shop: session.shop })).map((i) => ({ id: i.id, title: i.title, kind: i.kind, moderation: i.moderation }));
  if (params.id === "new") {
    return { shop: session.shop, isNew: true, id: "", values: { title: "", handle: "", kind: "video", utmSource: "", utmMedium: "", utmCampaign: "" }, itemIds: [] as string[], library };
  }
  const feed = await getFeed({ shop: session.shop, id: params.id ?? "" });
  invariantResponse(feed, "Feed not found", { status: 404 });
  return {
    shop: session.shop,
    isNew: false,
    id: feed.id,
    values: {
      title: feed.title,
      handle: feed.handle,
      kind: feed.kind,
      utmSource: feed.utmSource ?? "",
      utmMedium: feed.utmMedium ?? "",
      utmCampaign: feed.utmCampaign ?? "",
    },
    itemIds: feed.items.map((fi) => fi.itemId),
    library,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    await deleteFeed({ shop: session.shop, id: params.id ?? "" });
    return redirect("/app/content");
  }
  const submission = parseWithZod(formData, { schema: FeedFormSchema });
  if (submission.status !== "success") return json({ errors: submission.reply().error ?? {} }, { status: 400 });
  try {
    const saved = await saveFeed({ shop: session.shop, id: params.id === "new" ? undefined : params.id, form: submission.value });
    invariantResponse(saved, "Feed not found", { status: 404 });
    return redirect(`/app/content/feeds/${saved.id}`);
  } catch (error) {
    if (error instanceof FeedHandleTakenError) return json({ errors: { handle: [error.message] } }, { status: 400 });
    throw error;
  }
}

const channels: { label: string; value: ShareChannel }[] = [
  { label: "Instagram", value: "instagram" },
  { label: "TikTok", value: "tiktok" },
  { label: "Email", value: "email" },
  { label: "Ads", value: "ads" },
];

export default function FeedPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string[] | null | undefined> = actionData?.errors ?? {};
  const { values, setValues, field } = useFormFields(data.values, errors);
  const [itemIds, setItemIds] = useLoadedState<string[]>(data.itemIds);
  const [shareUrl, setShareUrl] = useState(`https://${data.shop}/`);
  const [channel, setChannel] = useState<ShareChannel>("instagram");
  const byId = useMemo(() => new Map(data.library.map((i) => [i.id, i])), [data.library]);
  const itemKind = values.kind === "video" ? "video" : "image";
  const candidates = data.library.filter((i) => i.kind === itemKind && !itemIds.includes(i.id));
  const move = (index: number, by: number) =>
    setItemIds((ids) => {
      const next = [...ids];
      const [moved] = next.splice(index, 1);
      next.splice(Math.max(0, Math.min(next.length, index + by)), 0, moved);
      return next;
    });
  const handle = values.handle || "your-feed";
  const feedUtm = resolveUtm({ feed: { ...values, handle, kind: values.kind === "video" ? "video" : "ugc" }, item: { id: "" } });
  let shareLink = "";
  try {
    shareLink = buildShareLink({ url: shareUrl, utm: feedUtm, channel });
  } catch {
    shareLink = "";
  }
  const bioUrl = `https://${data.shop}/apps/replyreel/bio/${handle}`;

  return (
    <Page title={data.isNew ? "New feed" : values.title} backAction={{ content: "Content", url: "/app/content" }}>
      <UnsavedChangesBar
        formId="feed-form"
        dirty={JSON.stringify([values, itemIds]) !== JSON.stringify([data.values, data.itemIds])}
        onDiscard={() => {
          setValues(data.values);
          setItemIds(data.itemIds);
        }}
      />
      <Form method="post" id="feed-form">
        <input type="hidden" name="items" value={JSON.stringify(itemIds)} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <TextField label="Title" {...field("title")} />
                  <FormLayout.Group>
                    <TextField label="Handle" {...field("handle")} helpText="Choose this feed in the block settings by its handle." />
                    <Select
                      label="Shows"
                      name="kind"
                      disabled={!data.isNew}
                      options={[
                        { label: "Videos (Shoppable videos block)", value: "video" },
                        { label: "UGC images (UGC gallery block)", value: "ugc" },
                      ]}
                      value={values.kind}
                      onChange={(v) => {
                        setValues((s) => ({ ...s, kind: v }));
                        setItemIds([]);
                      }}
                    />
                  </FormLayout.Group>
                  {!data.isNew ? <input type="hidden" name="kind" value={values.kind} /> : null}
                </FormLayout>
              </Card>
              <SectionCard title="Items, in storefront order">
                {itemIds.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No items yet.
                  </Text>
                ) : (
                  <ol aria-label="Feed items" style={{ margin: 0, paddingLeft: "1.25rem" }}>
                    {itemIds.map((id, index) => {
                      const item = byId.get(id);
                      return (
                        <li key={id} style={{ padding: "4px 0" }}>
                          <InlineStack align="space-between" blockAlign="center" gap="200">
                            <Text as="span">
                              {item?.title ?? id}
                              {item && item.moderation !== "approved" ? ` (${item.moderation}: not shown)` : ""}
                            </Text>
                            <InlineStack gap="100">
                              <Button size="slim" disabled={index === 0} onClick={() => move(index, -1)} accessibilityLabel={`Move ${item?.title} up`}>
                                ↑
                              </Button>
                              <Button size="slim" disabled={index === itemIds.length - 1} onClick={() => move(index, 1)} accessibilityLabel={`Move ${item?.title} down`}>
                                ↓
                              </Button>
                              <Button size="slim" tone="critical" onClick={() => setItemIds((ids) => ids.filter((x) => x !== id))} accessibilityLabel={`Remove ${item?.title}`}>
                                Remove
                              </Button>
                            </InlineStack>
                          </InlineStack>
                        </li>
                      );
                    })}
                  </ol>
                )}
                {candidates.length > 0 ? (
                  <Select
                    label="Add an item"
                    options={[{ label: "Choose…", value: "" }, ...candidates.map((c) => ({ label: c.title, value: c.id }))]}
                    value=""
                    onChange={(id) => id && setItemIds((ids) => [...ids, id])}
                  />
                ) : null}
                {errors.items?.[0] ? <InlineError message={errors.items[0]} fieldID="items" /> : null}
              </SectionCard>
              {!data.isNew ? (
                <SectionCard title="Share links" help="For posts, bios, emails and ads: links tagged with this feed's UTM set, so orders from them are credited to the feed.">
                  <TextField label="Link in bio page" value={bioUrl} readOnly autoComplete="off" helpText="A shoppable page of this feed, served by your store through the app proxy." />
                  <FormLayout.Group>
                    <TextField label="Page to link to" type="url" value={shareUrl} onChange={setShareUrl} autoComplete="off" />
                    <Select label="Where you share it" options={channels} value={channel} onChange={(v) => setChannel(v as ShareChannel)} />
                  </FormLayout.Group>
                  <TextField label="Tagged link" value={shareLink} readOnly autoComplete="off" error={shareLink ? undefined : "Enter a full URL"} />
                </SectionCard>
              ) : null}
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    UTM tags
                  </Text>
                  <TextField label="utm_source" placeholder="replyreel" {...field("utmSource")} />
                  <TextField label="utm_medium" placeholder={values.kind === "video" ? "shoppable_video" : "ugc_gallery"} {...field("utmMedium")} />
                  <TextField label="utm_campaign" placeholder={handle} {...field("utmCampaign")} />
                  <Text as="p" tone="subdued">
                    utm_content is each item's id unless the item sets its own.
                  </Text>
                </FormLayout>
              </Card>
              <SaveDeleteActions canDelete={!data.isNew} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
