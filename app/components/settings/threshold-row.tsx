// One intent's row in Settings → Intents: threshold, the precision measured
// at that threshold (updated as the merchant types), auto-send and sensitive.
import { useState } from "react";
import { Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import { errorFor } from "./fields.tsx";
import type { FieldErrors } from "./fields.tsx";
import { precisionFromSorted } from "../../core/learning/metrics.ts";

export function ThresholdRow({
  intent,
  label,
  initialThreshold,
  initialAutoSend,
  initialSensitive,
  evidence,
  errors,
  text,
}: {
  intent: string;
  label: string;
  initialThreshold: number;
  initialAutoSend: boolean;
  initialSensitive: boolean;
  evidence: [number, number][];
  errors: FieldErrors;
  text: { threshold: string; precision: string; covers: (count: number) => string; noEvidence: string; autoSend: string; sensitive: string };
}) {
  const [threshold, setThreshold] = useState(String(initialThreshold));
  const [autoSend, setAutoSend] = useState(initialAutoSend);
  const [sensitive, setSensitive] = useState(initialSensitive);
  const name = `thresholds.${intent}`;
  const value = Number(threshold);
  const measured = Number.isFinite(value) && threshold.trim() !== "" ? precisionFromSorted(evidence, value) : null;
  return (
    <tr>
      <th scope="row" style={{ textAlign: "start", padding: "6px 8px", fontWeight: 500 }}>
        {label}
      </th>
      <td style={{ padding: "6px 8px", width: 120 }}>
        <TextField
          label={`${text.threshold}: ${label}`}
          labelHidden
          name={name}
          type="number"
          step={0.01}
          autoComplete="off"
          value={threshold}
          onChange={setThreshold}
          error={errorFor(errors, name)}
        />
      </td>
      <td style={{ padding: "6px 8px" }} data-testid={`precision-${intent}`}>
        {measured && measured.precision !== null ? (
          <InlineStack gap="100" blockAlign="center">
            <Text as="span" fontWeight="semibold" tone={measured.precision >= 0.95 ? "success" : measured.precision < 0.8 ? "critical" : undefined}>
              {(measured.precision * 100).toFixed(1)}%
            </Text>
            <Text as="span" tone="subdued">
              {text.covers(measured.covered)}
            </Text>
          </InlineStack>
        ) : (
          <Text as="span" tone="subdued">
            {text.noEvidence}
          </Text>
        )}
      </td>
      <td style={{ padding: "6px 8px", textAlign: "center" }}>
        <Checkbox label={`${text.autoSend}: ${label}`} labelHidden name="autoSendIntents" value={intent} checked={autoSend} onChange={setAutoSend} />
      </td>
      <td style={{ padding: "6px 8px", textAlign: "center" }}>
        <Checkbox label={`${text.sensitive}: ${label}`} labelHidden name="sensitiveIntents" value={intent} checked={sensitive} onChange={setSensitive} />
      </td>
    </tr>
  );
}
