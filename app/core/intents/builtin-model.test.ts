import { expect, test } from "vitest";
import { evaluate } from "../classifier/evaluate.ts";
import type { Prediction } from "../classifier/classifier.ts";
import {
  addTypos,
  applyPolicy,
  BUILTIN_TRAIN_OPTIONS,
  CORPUS_LANGUAGES,
  findNearCopies,
  loadCorpus,
  trainBuiltinModel,
  withTypoCopies,
} from "./builtin-model.ts";
import { detectLanguage } from "./language.ts";

// SPEC §3: the built-in model's labels, plus "oos" for calibrating "unknown".
const TAXONOMY = [
  "order_status", "shipping_info", "return_request", "return_policy", "refund_status", "cancel_order",
  "change_order", "product_info", "stock_availability", "discount_pricing", "payment_issue", "complaint",
  "negative_review_threat", "wholesale_partnership", "account_help", "greeting_thanks", "spam", "oos",
];

test.each(CORPUS_LANGUAGES)("the %s corpus has every label, 60+ training and 20+ held-out lines each", (language) => {
  for (const [split, minimum] of [["train", 60], ["heldout", 20]] as const) {
    const rows = loadCorpus(split).filter((r) => r.language === language);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...TAXONOMY].sort());
    for (const label of TAXONOMY) expect(counts.get(label), `${split} ${language} ${label}`).toBeGreaterThanOrEqual(minimum);
  }
});

test("the Chinese corpus has 60+ training lines in traditional script for every label", () => {
  const counts = new Map<string, number>();
  for (const row of loadCorpus("train")) {
    if (row.language === "zh" && detectLanguage(row.text).script === "hant") counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  }
  for (const label of TAXONOMY) expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(60);
});

test("no held-out line is also a training line", () => {
  const train = new Set(loadCorpus("train").map((r) => r.text.trim().toLowerCase()));
  expect(loadCorpus("heldout").filter((r) => train.has(r.text.trim().toLowerCase()))).toEqual([]);
});

test("no training line is a near-copy of a held-out line (normalised text or character-trigram Jaccard ≥ 0.7)", () => {
  const pairs = findNearCopies(loadCorpus("train"), loadCorpus("heldout")).map(([train, heldout]) => `${train.text} ≈ ${heldout.text}`);
  expect(pairs).toEqual([]);
});

test.each([
  ["same words, accents and case", "¿Dónde está mi pedido?", "donde esta mi PEDIDO", true],
  ["one word changed in a long line", "my parcel still has not arrived after two weeks", "my parcel still has not arrived after three weeks", true],
  ["different messages", "where is my parcel", "can I pay with PayPal", false],
  ["emoji-only lines compare as written", "👍", "🙏", false],
])("findNearCopies: %s", (_name, a, b, expected) => {
  expect(findNearCopies([{ text: a, label: "x" }], [{ text: b, label: "x" }]).length === 1).toBe(expected);
});

test("typo'd copies are seeded, differ from the original and keep the label", () => {
  const examples = [{ text: "where is my parcel please", label: "order_status" }, { text: "ok", label: "greeting_thanks" }];
  const out = withTypoCopies(examples, 2);
  expect(withTypoCopies(examples, 2)).toEqual(out);
  expect(out.slice(0, 2)).toEqual(examples);
  // "ok" has no word of 4+ letters: no copy of it.
  expect(out.slice(2).map((e) => e.label)).toEqual(["order_status", "order_status"]);
  for (const copy of out.slice(2)) expect(copy.text).not.toBe(examples[0].text);
  expect(addTypos("where is my parcel please", 3)).not.toBe("where is my parcel please");
});

const prediction = (label: string, confidence: number, alternatives: [string, number][], reason?: Prediction["reason"]): Prediction => ({
  label,
  confidence,
  alternatives: alternatives.map(([l, c]) => ({ label: l, confidence: c })),
  ...(reason ? { reason } : {}),
});
const policy = { sensitiveRatio: 0.3, gibberishSpam: 0.5, unfamiliarGreeting: 0.5 };

test.each([
  ["a sensitive runner-up close enough wins", prediction("product_info", 0.6, [["complaint", 0.3], ["stock_availability", 0.05]]), "complaint"],
  ["a sensitive runner-up far behind does not", prediction("product_info", 0.8, [["complaint", 0.1]]), "product_info"],
  ["a non-sensitive runner-up changes nothing", prediction("order_status", 0.5, [["shipping_info", 0.45]]), "order_status"],
  ["a sensitive top label stays", prediction("return_request", 0.5, [["complaint", 0.45]]), "return_request"],
  ["an uncertain unknown whose best guess is sensitive", prediction("unknown", 0.3, [["complaint", 0.3], ["order_status", 0.28]], "low-margin"), "complaint"],
  ["an uncertain unknown with a sensitive second guess close behind", prediction("unknown", 0.3, [["order_status", 0.3], ["return_request", 0.2]], "low-confidence"), "return_request"],
  ["an out-of-scope unknown stays unknown", prediction("unknown", 0.1, [["complaint", 0.1]], "out-of-scope"), "unknown"],
  ["gibberish with spam as the confident best guess is spam", prediction("unknown", 0.9, [["spam", 0.9]], "unfamiliar"), "spam"],
  ["an unfamiliar message without a confident spam guess stays unknown", prediction("unknown", 0.3, [["spam", 0.3]], "unfamiliar"), "unknown"],
  ["an unfamiliar message with greeting_thanks as the confident best guess is a greeting", prediction("unknown", 0.95, [["greeting_thanks", 0.95], ["spam", 0.03]], "unfamiliar"), "greeting_thanks"],
  ["an unfamiliar message with an unsure greeting guess stays unknown", prediction("unknown", 0.4, [["greeting_thanks", 0.4], ["spam", 0.35]], "unfamiliar"), "unknown"],
  ["an unfamiliar message with another confident guess stays unknown", prediction("unknown", 0.9, [["order_status", 0.9]], "unfamiliar"), "unknown"],
])("policy: %s", (_name, raw, expected) => {
  const out = applyPolicy(raw, policy);
  expect(out.label).toBe(expected);
  // The alternatives never repeat the answer.
  expect(out.alternatives.map((a) => a.label)).not.toContain(out.label);
});

test("the built-in model is deterministic and keeps its measured held-out accuracy", () => {
  const examples = loadCorpus("train");
  // Determinism on a quarter of the corpus (two full trainings take too long for a unit test).
  const quarter = examples.filter((_, i) => i % 4 === 0);
  expect(JSON.stringify(trainBuiltinModel(quarter).toJSON())).toBe(JSON.stringify(trainBuiltinModel(quarter).toJSON()));
  const model = trainBuiltinModel(examples);
  // 95.55% on the held-out split on 2026-12-01 (npm run bench:intent:builtin, see README); the floor guards regressions.
  const heldout = loadCorpus("heldout").filter((r) => r.label !== "oos");
  expect(evaluate(model, heldout).inScopeAccuracy).toBeGreaterThanOrEqual(0.94);
  // Naive Bayes is folded into the shipped weights (docs/decisions/0014).
  expect(model.toJSON().training.naiveBayes).toEqual(BUILTIN_TRAIN_OPTIONS.naiveBayes);
}, 240_000);
