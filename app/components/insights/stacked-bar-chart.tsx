// Messages per period, stacked by intent. Inline SVG, no chart library; the
// figures are also in the <title> of each segment and in the aria-label.
import { BlockStack, InlineStack, Text } from "@shopify/polaris";

export type StackedBucket = { label: string; counts: Record<string, number> };

const WIDTH = 720;
const HEIGHT = 200;
const PAD_X = 32;
const PAD_Y = 20;
// Colour-blind friendly (Okabe–Ito), then a grey for "other".
export const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"];

export function StackedBarChart({ buckets, series, seriesLabel, summary }: { buckets: StackedBucket[]; series: string[]; seriesLabel: (key: string) => string; summary: string }) {
  const totals = buckets.map((b) => series.reduce((n, key) => n + (b.counts[key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = buckets.length > 0 ? (WIDTH - 2 * PAD_X) / buckets.length : 0;
  const scale = (value: number) => (value / max) * (HEIGHT - 2 * PAD_Y);
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={summary} style={{ maxHeight: 240 }}>
        <title>{summary}</title>
        <line x1={PAD_X} x2={WIDTH - PAD_X} y1={HEIGHT - PAD_Y} y2={HEIGHT - PAD_Y} stroke="#c9cccf" />
        <text x={PAD_X - 6} y={PAD_Y + 4} fontSize={11} fill="#6d7175" textAnchor="end">
          {max}
        </text>
        {buckets.map((bucket, i) => {
          let y = HEIGHT - PAD_Y;
          return (
            <g key={bucket.label}>
              {series.map((key, s) => {
                const count = bucket.counts[key] ?? 0;
                if (count === 0) return null;
                const h = scale(count);
                y -= h;
                return (
                  <rect key={key} x={PAD_X + step * i + step * 0.15} width={Math.max(1, step * 0.7)} y={y} height={h} fill={SERIES_COLOURS[s % SERIES_COLOURS.length]}>
                    <title>{`${bucket.label} · ${seriesLabel(key)}: ${count}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        <text x={PAD_X} y={HEIGHT - 4} fontSize={11} fill="#6d7175">
          {buckets[0]?.label}
        </text>
        <text x={WIDTH - PAD_X} y={HEIGHT - 4} fontSize={11} fill="#6d7175" textAnchor="end">
          {buckets.at(-1)?.label}
        </text>
      </svg>
      <InlineStack gap="300" wrap>
        {series.map((key, s) => (
          <InlineStack key={key} gap="100" blockAlign="center">
            <span aria-hidden style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: SERIES_COLOURS[s % SERIES_COLOURS.length] }} />
            <Text as="span" variant="bodySm">
              {seriesLabel(key)}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
    </BlockStack>
  );
}
