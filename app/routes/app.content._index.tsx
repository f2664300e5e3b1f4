// The content library (issue 7): videos and UGC images, the feeds the storefront
// blocks show, and the on-site URL tagging setting.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigate, useSubmit } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Checkbox,
  EmptyState,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
  Thumbnail,
  useIndexResourceState,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server.ts";
import { listContentItems, setModeration } from "../models/content.server.ts";
import { getUrlTagging, listFeeds, setUrlTagging } from "../models/feeds.server.ts";
import { activateWebPixel } from "../models/web-pixel.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [items, feeds, urlTagging] = await Promise.all([
    listContentItems({ shop: session.shop }),
    listFeeds({ shop: session.shop }),
    getUrlTagging({ shop: session.shop }),
  ]);
  return { items, feeds, urlTagging };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("moderate"), moderation: z.enum(["approved", "hidden", "pending"]), ids: z.string().min(1) }),
  z.object({ intent: z.literal("url-tagging"), enabled: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("web-pixel") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { admin, session } = await authenticate.admin(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: "Unknown action" }, { status: 400 });
  if (parsed.data.intent === "web-pixel") {
    try {
      const pixel = await activateWebPixel({ graphql: admin.graphql });
      return { pixel: pixel.status };
    } catch (error) {
      return json({ error: `Checkout tracking could not be turned on: ${error instanceof Error ? error.message : String(error)}` }, { status: 502 });
    }
  }
  if (parsed.data.intent === "moderate") {
    const count = await setModeration({ shop: session.shop, ids: parsed.data.ids.split(","), moderation: parsed.data.moderation });
    return { updated: count };
  }
  await setUrlTagging({ shop: session.shop, enabled: parsed.data.enabled === "true" });
  return { updated: 1 };
}

const moderationTone = { approved: "success", hidden: "critical", pending: "attention" } as const;
const rightsTone = { granted: "success", requested: "attention", expired: "critical" } as const;

export default function ContentLibrary() {
  const { items, feeds, urlTagging } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const submit = useSubmit();
  const actionData = useActionData<typeof action>() as { pixel?: string; error?: string } | undefined;
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(items);
  const moderate = (moderation: string) => {
    submit({ intent: "moderate", moderation, ids: selectedResources.join(",") }, { method: "post" });
    clearSelection();
  };

  return (
    <Page
      title="Content"
      subtitle="Shoppable videos and creator content for your storefront blocks"
      primaryAction={{ content: "Add video", onAction: () => navigate("/app/content/items/new?kind=video") }}
      secondaryActions={[
        { content: "Add UGC image", onAction: () => navigate("/app/content/items/new?kind=image") },
        { content: "New feed", onAction: () => navigate("/app/content/feeds/new") },
      ]}
    >
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Feeds
                  </Text>
                  <Button url="/app/content/feeds/new">New feed</Button>
                </InlineStack>
                {feeds.length === 0 ? (
                  <Text as="p" tone="subdued">
                    A feed is an ordered set of items that a storefront block shows.
                  </Text>
                ) : (
                  <BlockStack gap="200">
                    {feeds.map((feed) => (
                      <InlineStack key={feed.id} align="space-between" blockAlign="center">
                        <Button variant="plain" url={`/app/content/feeds/${feed.id}`}>
                          {feed.title}
                        </Button>
                        <Text as="span" tone="subdued">
                          {feed.itemCount} {feed.kind === "video" ? "videos" : "photos"} · handle “{feed.handle}”
                        </Text>
                      </InlineStack>
                    ))}
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
            <Card>
              <Form method="post">
                <input type="hidden" name="intent" value="url-tagging" />
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Tracking
                  </Text>
                  <Checkbox
                    label="Add UTM tags to on-site product links"
                    checked={urlTagging}
                    onChange={(checked) => submit({ intent: "url-tagging", enabled: String(checked) }, { method: "post" })}
                    helpText="Off by default, and best left off: a UTM-tagged link on your own store starts a new analytics session and replaces the shopper's real traffic source (the ad or post that brought them). ReplyReel already sends the tags with each event and in a cart attribute, so orders are attributed without them. Use share links for off-site posts instead."
                  />
                  <InlineStack gap="200" blockAlign="center">
                    <Button onClick={() => submit({ intent: "web-pixel" }, { method: "post" })}>Turn on checkout tracking</Button>
                    <Text as="span" tone={actionData?.error ? "critical" : "subdued"}>
                      {actionData?.error ?? (actionData?.pixel ? "Checkout tracking is on." : "A web pixel joins checkouts to content touches, with the shopper's consent.")}
                    </Text>
                  </InlineStack>
                </BlockStack>
              </Form>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {items.length === 0 ? (
              <EmptyState heading="Add your first video or creator photo" image="" action={{ content: "Add video", url: "/app/content/items/new?kind=video" }}>
                <p>Tag products on it, put it in a feed, and show the feed with the “Shoppable videos” or “UGC gallery” block.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "item", plural: "items" }}
                itemCount={items.length}
                selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                onSelectionChange={handleSelectionChange}
                promotedBulkActions={[
                  { content: "Approve", onAction: () => moderate("approved") },
                  { content: "Hide", onAction: () => moderate("hidden") },
                ]}
                headings={[{ title: "" }, { title: "Title" }, { title: "Type" }, { title: "Status" }, { title: "Products" }]}
              >
                {items.map((item, index) => (
                  <IndexTable.Row id={item.id} key={item.id} position={index} selected={selectedResources.includes(item.id)}>
                    <IndexTable.Cell>
                      <Thumbnail size="small" alt="" source={item.kind === "image" ? item.url : (item.posterUrl ?? "")} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <BlockStack gap="050" inlineAlign="start">
                        <Button variant="plain" url={`/app/content/items/${item.id}`} dataPrimaryLink>
                          {item.title}
                        </Button>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {item.feeds.length ? `In ${item.feeds.map((f) => f.title).join(", ")}` : "In no feed"}
                        </Text>
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{item.kind === "video" ? (item.source === "url" ? "Video" : `Video · ${item.source.replace("_", " ")}`) : "UGC image"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <InlineStack gap="100" wrap={false}>
                        <Badge tone={moderationTone[item.moderation as keyof typeof moderationTone]}>{item.moderation}</Badge>
                        {item.rightsStatus ? (
                          <Badge tone={rightsTone[item.rightsStatus as keyof typeof rightsTone]}>
                            {`rights ${item.rightsStatus}${item.rightsExpiresAt ? ` until ${item.rightsExpiresAt}` : ""}`}
                          </Badge>
                        ) : null}
                      </InlineStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{item.products.map((p) => p.title).join(", ") || "—"}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
