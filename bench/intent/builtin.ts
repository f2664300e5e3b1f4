// `npm run bench:intent:builtin`: the built-in model on its held-out split
// (never trained on): accuracy and macro-F1 per language and per label, the
// confusion matrix, "unknown" on out-of-scope messages, typo robustness,
// latency and size, against the bars of issue 4.
//
// `npm run bench:intent:builtin -- --validate` never reads the held-out split:
// it cross-validates (5 folds, stratified by language and label, seeded) over
// the training corpus, which is how the training options, the typo copies and
// the decision policy in app/core/intents/builtin-model.ts were chosen.
import { performance } from "node:perf_hooks";
import { evaluate, type Evaluation } from "../../app/core/classifier/evaluate.ts";
import { UNKNOWN_LABEL } from "../../app/core/classifier/labels.ts";
import {
  addTypos,
  applyPolicy,
  BUILTIN_POLICY,
  BUILTIN_TYPO_COPIES,
  CORPUS_LANGUAGES,
  loadCorpus,
  NO_POLICY,
  SENSITIVE_LABELS,
  trainBuiltinModel,
  type BuiltinPolicy,
  type CorpusExample,
} from "../../app/core/intents/builtin-model.ts";
import type { Prediction, TrainOptions } from "../../app/core/classifier/classifier.ts";
import { machineHeader, percent, renderBars, type Bar } from "./report.ts";

const SENSITIVE = SENSITIVE_LABELS;

export { addTypos };

/** Precision and recall per in-scope label, read off evaluate()'s confusion matrix (out-of-scope gold rows count as false positives). */
function labelStats(confusion: Evaluation["confusion"]) {
  const golds = Object.keys(confusion);
  const labels = golds.filter((l) => l !== UNKNOWN_LABEL).sort();
  return labels.map((label) => {
    const tp = confusion[label][label] ?? 0;
    const fn = Object.values(confusion[label]).reduce((sum, n) => sum + n, 0) - tp;
    const fp = golds.reduce((sum, gold) => sum + (gold === label ? 0 : (confusion[gold][label] ?? 0)), 0);
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    return { label, support: tp + fn, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
}

function quantile(sorted: readonly number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function runBuiltinBenchmark(log: (line: string) => void = console.log) {
  const trainStart = performance.now();
  const classifier = trainBuiltinModel();
  const trainMs = performance.now() - trainStart;
  const modelBytes = Buffer.byteLength(JSON.stringify(classifier.toJSON()));
  const heldout = loadCorpus("heldout");
  const inScope = heldout.filter((e) => e.label !== "oos");

  log(`## Built-in model, held-out split\n\n${machineHeader()}\n`);
  log(`Trained on ${loadCorpus("train").length} corpus lines (+ ${BUILTIN_TYPO_COPIES} typo'd copies of each) in ${(trainMs / 1000).toFixed(1)} s; model ${(modelBytes / 1e6).toFixed(2)} MB; held-out: ${inScope.length} in-scope + ${heldout.length - inScope.length} out-of-scope lines.\n`);

  log("| language | in-scope accuracy | macro-F1 | out-of-scope → unknown | lines |\n|---|---:|---:|---:|---:|");
  const perLanguage = CORPUS_LANGUAGES.map((language) => {
    const rows = heldout.filter((e) => e.language === language);
    const ev = evaluate(classifier, rows);
    log(`| ${language} | ${percent(ev.inScopeAccuracy)} | ${percent(ev.macroF1)} | ${percent(ev.oosRecall ?? undefined)} | ${rows.length} |`);
    return { language, accuracy: ev.inScopeAccuracy };
  });
  const overall = evaluate(classifier, heldout);
  const oosUnknownRate = overall.oosRecall ?? 0;
  log(`| **all** | ${percent(overall.inScopeAccuracy)} | ${percent(overall.macroF1)} | ${percent(oosUnknownRate)} | ${heldout.length} |\n`);

  const stats = labelStats(overall.confusion);
  log("| label | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|");
  for (const s of stats) log(`| ${SENSITIVE.includes(s.label) ? `**${s.label}**` : s.label} | ${percent(s.precision)} | ${percent(s.recall)} | ${percent(s.f1)} | ${s.support} |`);

  const labels = [...stats.map((s) => s.label), UNKNOWN_LABEL];
  const short = (l: string) => l.split("_").map((w) => w.slice(0, 3)).join("_");
  log(`\nConfusion matrix (rows: gold, columns: predicted; in-scope lines)\n\n| gold \\ predicted | ${labels.map(short).join(" | ")} |\n|---|${labels.map(() => "---:").join("|")}|`);
  for (const gold of stats.map((s) => s.label)) {
    const row = overall.confusion[gold] ?? {};
    log(`| ${short(gold)} | ${labels.map((p) => row[p] ?? 0).join(" | ")} |`);
  }

  const typoEval = evaluate(classifier, inScope.map((e) => ({ text: addTypos(e.text), label: e.label })));
  const typoDrop = (overall.inScopeAccuracy - typoEval.inScopeAccuracy) * 100;
  log(`\nTypo'd held-out (one swapped or dropped letter in one word of 4+ letters per message): ${percent(typoEval.inScopeAccuracy)} (${typoDrop.toFixed(1)} points lower)`);

  for (let i = 0; i < 200; i++) classifier.predict(inScope[i % inScope.length].text);
  const times = inScope.map((e) => {
    const t = performance.now();
    classifier.predict(e.text);
    return performance.now() - t;
  }).sort((a, b) => a - b);
  const p50 = quantile(times, 0.5), p99 = quantile(times, 0.99);
  log(`Single prediction after warm-up: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (${times.length} predictions)\n`);

  const worstLanguage = Math.min(...perLanguage.map((l) => l.accuracy));
  const bars: Bar[] = [
    { what: "held-out accuracy, overall", target: "≥ 95%", measured: percent(overall.inScopeAccuracy), met: overall.inScopeAccuracy >= 0.95 },
    { what: "held-out accuracy, worst language", target: "≥ 92%", measured: percent(worstLanguage), met: worstLanguage >= 0.92 },
    ...SENSITIVE.map((label) => {
      const recall = stats.find((s) => s.label === label)?.recall ?? 0;
      return { what: `recall of ${label}`, target: "≥ 95%", measured: percent(recall), met: recall >= 0.95 };
    }),
    { what: "out-of-scope → unknown", target: "≥ 80%", measured: percent(oosUnknownRate), met: oosUnknownRate >= 0.8 },
    { what: "typo'd variants lose", target: "≤ 3 points", measured: `${typoDrop.toFixed(1)} points`, met: typoDrop <= 3 },
    { what: "classify p99", target: "< 1 ms", measured: `${p99.toFixed(3)} ms`, met: p99 < 1 },
  ];
  log(renderBars(bars));
  return { overall, perLanguage, stats, oosUnknownRate, typoDrop, p99, modelBytes, trainMs };
}

/** Stratified, seeded fold of each training line (by language and label). */
function assignFolds(rows: readonly CorpusExample[], folds: number, seed = 12345): Int32Array {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff), state / 0x7fffffff);
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = `${row.language}|${row.label}`;
    const group = groups.get(key) ?? [];
    group.push(i);
    groups.set(key, group);
  });
  const fold = new Int32Array(rows.length);
  for (const group of groups.values()) {
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    group.forEach((row, n) => (fold[row] = n % folds));
  }
  return fold;
}

/**
 * Cross-validation over the training corpus only (the held-out split is not
 * read): each fold is trained with the given typo copies and training options
 * (default: the built-in ones), and every policy is scored on the same raw
 * predictions.
 */
export function runBuiltinValidation(
  options: { folds?: number; typoCopies?: number; policies?: readonly BuiltinPolicy[]; train?: TrainOptions } = {},
  log: (line: string) => void = console.log,
) {
  const folds = options.folds ?? 5;
  const typoCopies = options.typoCopies ?? BUILTIN_TYPO_COPIES;
  const policies = options.policies ?? [NO_POLICY, BUILTIN_POLICY];
  const rows = loadCorpus("train");
  const fold = assignFolds(rows, folds);
  const raw: { row: CorpusExample; plain: Prediction; typo: Prediction | null }[] = [];
  let trainMs = 0;
  let modelBytes = 0;
  for (let f = 0; f < folds; f++) {
    const start = performance.now();
    const classifier = trainBuiltinModel(rows.filter((_, i) => fold[i] !== f), { typoCopies, policy: NO_POLICY, train: options.train });
    trainMs += performance.now() - start;
    modelBytes = Math.max(modelBytes, Buffer.byteLength(JSON.stringify(classifier.toJSON())));
    for (const row of rows.filter((_, i) => fold[i] === f)) {
      raw.push({ row, plain: classifier.predict(row.text), typo: row.label === "oos" ? null : classifier.predict(addTypos(row.text)) });
    }
  }
  log(`## Built-in model, ${folds}-fold cross-validation over the training corpus (${rows.length} lines, ${typoCopies} typo'd copies per line${options.train ? `, train options ${JSON.stringify(options.train)}` : ""})\n`);
  log(`Training ${(trainMs / folds / 1000).toFixed(1)} s per fold, largest fold model ${(modelBytes / 1e6).toFixed(2)} MB.\n`);
  log("| policy | in-scope | en | zh | es | fr | complaint | negative_review_threat | return_request | OOS → unknown | typo loss |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  return policies.map((policy) => {
    const scored = raw.map((r) => ({
      row: r.row,
      label: applyPolicy(r.plain, policy).label,
      typo: r.typo ? applyPolicy(r.typo, policy).label : null,
    }));
    const inScope = scored.filter((s) => s.row.label !== "oos");
    const share = (list: typeof scored, ok: (s: (typeof scored)[number]) => boolean) => (list.length === 0 ? 0 : list.filter(ok).length / list.length);
    const accuracy = share(inScope, (s) => s.label === s.row.label);
    const byLanguage = CORPUS_LANGUAGES.map((l) => share(inScope.filter((s) => s.row.language === l), (s) => s.label === s.row.label));
    const recall = SENSITIVE.map((label) => share(inScope.filter((s) => s.row.label === label), (s) => s.label === label));
    const oos = share(scored.filter((s) => s.row.label === "oos"), (s) => s.label === UNKNOWN_LABEL);
    const typoLoss = (accuracy - share(inScope, (s) => s.typo === s.row.label)) * 100;
    log(`| ${JSON.stringify(policy)} | ${percent(accuracy)} | ${byLanguage.map((a) => percent(a)).join(" | ")} | ${recall.map((r) => percent(r)).join(" | ")} | ${percent(oos)} | ${typoLoss.toFixed(1)} |`);
    return { policy, accuracy, byLanguage, recall, oos, typoLoss, trainMs: trainMs / folds, modelBytes };
  });
}

if (import.meta.filename === process.argv[1]) {
  const validate = process.argv.includes("--validate");
  const typoArg = process.argv.find((a) => a.startsWith("--typo-copies="));
  if (validate) runBuiltinValidation({ typoCopies: typoArg ? Number(typoArg.split("=")[1]) : undefined });
  else runBuiltinBenchmark();
}
