// "Set intent" for the selected messages: each change is a correction.
import { useState } from "react";
import { Modal, Select, Text, BlockStack } from "@shopify/polaris";
import { inboxMessages } from "../../i18n/messages/inbox.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import { useIntentName } from "./badges.tsx";

export function SetIntentModal({
  open,
  count,
  intents,
  onClose,
  onSubmit,
}: {
  open: boolean;
  count: number;
  intents: string[];
  onClose: () => void;
  onSubmit: (label: string) => void;
}) {
  const t = useTranslation(inboxMessages);
  const intentName = useIntentName();
  const [label, setLabel] = useState(intents[0] ?? "unknown");
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("bulk.intentTitle", { count })}
      primaryAction={{
        content: t("bulk.intent"),
        onAction: () => onSubmit(label),
      }}
      secondaryActions={[{ content: t("bulk.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Select label={t("filter.intent")} options={intents.map((i) => ({ label: intentName(i), value: i }))} value={label} onChange={setLabel} />
          <Text as="p" tone="subdued">
            {t("bulk.intentHelp")}
          </Text>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
