import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** An admin page section: a card with an h2 title, an optional subdued help line, then its content. */
export function SectionCard({
  title,
  help,
  children,
}: {
  title: ReactNode;
  help?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {help === undefined ? null : (
          <Text as="p" tone="subdued">
            {help}
          </Text>
        )}
        {children}
      </BlockStack>
    </Card>
  );
}
