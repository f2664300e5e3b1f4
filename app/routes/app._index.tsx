import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Card, InlineGrid, Layout, List, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server.ts";
import { getShopOverview } from "../models/overview.server.ts";
import { SectionCard } from "../components/section-card.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return getShopOverview({ shop: session.shop });
}

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  return (
    <Page title="ReplyReel">
      <Layout>
        <Layout.Section>
          <SectionCard title="Answer shoppers faster, and see which content sells">
            <Text as="p" tone="subdued">
              ReplyReel reads every message from your contact form, email and other channels,
              understands what the shopper wants in English, Chinese, Spanish and French, and
              drafts a reply with their real order details. Complaints and review threats are
              flagged for you and never answered automatically.
            </Text>
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Stat label="Shop" value={overview.shop} />
            <Stat label="Installed" value={overview.installedAt ?? "today"} />
            <Stat label="Access scopes" value={String(overview.scopeCount)} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Set up
              </Text>
              <List type="number">
                <List.Item>Add the “Contact form” block to your contact page in the theme editor.</List.Item>
                <List.Item>Forward your support email to your ReplyReel inbound address.</List.Item>
                <List.Item>Add a “Shoppable videos” or “UGC gallery” block to a product page.</List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card>
      <Box>
        <Text as="p" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
      </Box>
    </Card>
  );
}
