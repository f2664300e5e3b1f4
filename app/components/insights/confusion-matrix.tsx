// Predicted vs corrected intent. Rows are what the model said, columns what
// the merchant confirmed or corrected it to; the diagonal is right.
import { Text } from "@shopify/polaris";

export function ConfusionMatrix({
  labels,
  counts,
  labelText,
  corner,
}: {
  labels: string[];
  counts: Record<string, Record<string, number>>;
  labelText: (label: string) => string;
  corner: string;
}) {
  const max = Math.max(1, ...labels.flatMap((p) => labels.map((a) => counts[p]?.[a] ?? 0)));
  const cell = { padding: "4px 6px", textAlign: "center" as const, border: "1px solid #e1e3e5", minWidth: 36 };
  return (
    <div style={{ overflowX: "auto" }}>
      <table style={{ borderCollapse: "collapse", fontSize: 12 }}>
        <thead>
          <tr>
            <th scope="col" style={{ ...cell, textAlign: "start" }}>
              <Text as="span" variant="bodySm" tone="subdued">
                {corner}
              </Text>
            </th>
            {labels.map((label) => (
              <th key={label} scope="col" style={{ ...cell, writingMode: "vertical-rl", transform: "rotate(180deg)", fontWeight: 500 }}>
                {labelText(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((predicted) => (
            <tr key={predicted}>
              <th scope="row" style={{ ...cell, textAlign: "start", fontWeight: 500, whiteSpace: "nowrap" }}>
                {labelText(predicted)}
              </th>
              {labels.map((actual) => {
                const count = counts[predicted]?.[actual] ?? 0;
                const strength = count / max;
                const right = predicted === actual;
                const background = count === 0 ? "transparent" : right ? `rgba(0, 128, 96, ${0.15 + 0.6 * strength})` : `rgba(215, 44, 13, ${0.15 + 0.6 * strength})`;
                return (
                  <td key={actual} style={{ ...cell, background }} title={`${labelText(predicted)} → ${labelText(actual)}: ${count}`}>
                    {count || ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
