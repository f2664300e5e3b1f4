// The report's chart over time: revenue as bars, clicks as a line, each on its
// own scale. Inline SVG, no chart library (issue 8).
import { BlockStack, InlineStack, Text } from "@shopify/polaris";

export type TrendPoint = { day: string; clicks: number; orders: number; revenueMinor: number };

const WIDTH = 720;
const HEIGHT = 180;
const PAD = 24;

export function TrendChart({ points, formatRevenue }: { points: TrendPoint[]; formatRevenue: (minor: number) => string }) {
  const maxRevenue = Math.max(1, ...points.map((p) => p.revenueMinor));
  const maxClicks = Math.max(1, ...points.map((p) => p.clicks));
  const step = points.length > 0 ? (WIDTH - 2 * PAD) / points.length : 0;
  const y = (value: number, max: number) => HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD);
  const line = points.map((p, i) => `${(PAD + step * (i + 0.5)).toFixed(1)},${y(p.clicks, maxClicks).toFixed(1)}`).join(" ");
  const totalRevenue = points.reduce((s, p) => s + p.revenueMinor, 0);
  const totalClicks = points.reduce((s, p) => s + p.clicks, 0);
  const label = `Daily revenue and clicks from ${points[0]?.day ?? ""} to ${points.at(-1)?.day ?? ""}: ${formatRevenue(totalRevenue)} revenue, ${totalClicks} clicks.`;
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} style={{ maxHeight: 220 }}>
        <title>{label}</title>
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} stroke="#c9cccf" />
        {points.map((p, i) => {
          const top = y(p.revenueMinor, maxRevenue);
          return (
            <rect key={p.day} x={PAD + step * i + step * 0.15} width={Math.max(1, step * 0.7)} y={top} height={HEIGHT - PAD - top} fill="#9bc8f5">
              <title>{`${p.day}: ${formatRevenue(p.revenueMinor)}, ${p.orders} orders, ${p.clicks} clicks`}</title>
            </rect>
          );
        })}
        {points.length > 1 && <polyline points={line} fill="none" stroke="#2c6ecb" strokeWidth={2} />}
        <text x={PAD} y={HEIGHT - 6} fontSize={11} fill="#6d7175">
          {points[0]?.day}
        </text>
        <text x={WIDTH - PAD} y={HEIGHT - 6} fontSize={11} fill="#6d7175" textAnchor="end">
          {points.at(-1)?.day}
        </text>
        <text x={PAD} y={14} fontSize={11} fill="#6d7175">
          {`max ${formatRevenue(maxRevenue)} / day`}
        </text>
      </svg>
      <InlineStack gap="400">
        <Text as="span" tone="subdued">
          <span style={{ display: "inline-block", width: 10, height: 10, background: "#9bc8f5", marginRight: 6 }} />
          Revenue
        </Text>
        <Text as="span" tone="subdued">
          <span style={{ display: "inline-block", width: 14, height: 2, background: "#2c6ecb", marginRight: 6, verticalAlign: "middle" }} />
          Clicks
        </Text>
      </InlineStack>
    </BlockStack>
  );
}
