// Markdown helpers of the intent benchmark, exported so other sections (the
// built-in model's, for one) print the same way.
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

export type Metrics = {
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number;
  oosRecall?: number;
  trainMs: number;
  p50Ms: number;
  p99Ms: number;
  modelBytes: number;
  /** Ours only: in-scope accuracy of the most likely label, before the "unknown" rule. */
  top1Accuracy?: number;
  /** Ours only: share of in-scope test messages answered "unknown". */
  inScopeUnknownRate?: number;
  /** Ours only: time to validate and load the model from its JSON text. */
  loadMs?: number;
  trainExamples?: number;
};

export type RunResult =
  | { name: string; status: "ok"; metrics: Metrics; seconds: number }
  | { name: string; status: "did-not-finish"; reason: string; seconds: number };

export function machineHeader(date = new Date()): string {
  const cpu = cpus()[0]?.model?.trim() ?? "unknown CPU";
  const load = loadavg()
    .map((v) => v.toFixed(2))
    .join(" / ");
  return [
    `- date: ${date.toISOString()}`,
    `- machine: ${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `- node: ${process.version}`,
    `- load average at start (1/5/15 min): ${load}`,
  ].join("\n");
}

export const percent = (value: number | undefined) => (value === undefined ? "–" : `${(value * 100).toFixed(2)}%`);

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function bytes(count: number): string {
  if (count < 1e6) return `${(count / 1e3).toFixed(0)} kB`;
  return `${(count / 1e6).toFixed(1)} MB`;
}

function ratio(ours: number | undefined, theirs: number | undefined, digits = 2): string {
  if (ours === undefined || theirs === undefined || theirs === 0) return "–";
  return `×${(ours / theirs).toFixed(digits)}`;
}

/** "ours ÷ peer" for every measure: above 1 is better for quality, below 1 better for cost. */
export function ratioCell(ours: Metrics | undefined, peer: RunResult): string {
  if (!ours || peer.status !== "ok") return "–";
  const m = peer.metrics;
  const parts = [
    `acc ${ratio(ours.inScopeAccuracy, m.inScopeAccuracy)}`,
    `F1 ${ratio(ours.macroF1, m.macroF1)}`,
    ...(ours.oosRecall !== undefined && m.oosRecall ? [`OOS ${ratio(ours.oosRecall, m.oosRecall)}`] : []),
    `train ${ratio(ours.trainMs, m.trainMs)}`,
    `p99 ${ratio(ours.p99Ms, m.p99Ms)}`,
    `size ${ratio(ours.modelBytes, m.modelBytes)}`,
  ];
  return parts.join(" · ");
}

/** One markdown table: the first result is ours, the others are compared with it. */
export function renderTable(title: string, results: readonly RunResult[]): string {
  const ours = results[0]?.status === "ok" ? results[0].metrics : undefined;
  const lines = [
    `### ${title}`,
    "",
    "| classifier | accuracy | macro-F1 | OOS recall | training | p99 latency | model size | ours ÷ this |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
  ];
  results.forEach((result, i) => {
    if (result.status !== "ok") {
      lines.push(`| ${result.name} | did not finish (${result.reason}) | | | | | | |`);
      return;
    }
    const m = result.metrics;
    lines.push(
      `| ${result.name} | ${percent(m.inScopeAccuracy)} | ${percent(m.macroF1)} | ${percent(m.oosRecall)} | ` +
        `${duration(m.trainMs)} | ${m.p99Ms.toFixed(3)} ms | ${bytes(m.modelBytes)} | ${i === 0 ? "–" : ratioCell(ours, result)} |`,
    );
  });
  const first = results[0];
  if (first?.status === "ok" && first.metrics.top1Accuracy !== undefined) {
    const m = first.metrics;
    lines.push(
      "",
      `Ours before the "unknown" rule: top-1 accuracy ${percent(m.top1Accuracy)}; in-scope messages answered "unknown": ${percent(m.inScopeUnknownRate)}` +
        (m.loadMs !== undefined ? `; model loads in ${m.loadMs} ms (${m.trainExamples ?? "?"} training examples).` : "."),
    );
  }
  return lines.join("\n");
}

export type Bar = { what: string; target: string; measured: string; met: boolean | null };

export function renderBars(bars: readonly Bar[]): string {
  return [
    "### Quality bars (SPEC §7)",
    "",
    "| bar | target | measured | met |",
    "|---|---|---|---|",
    ...bars.map((b) => `| ${b.what} | ${b.target} | ${b.measured} | ${b.met === null ? "not measured" : b.met ? "yes" : "**no**"} |`),
  ].join("\n");
}
