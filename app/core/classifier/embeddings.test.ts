import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { chooseThresholds } from "./calibration.ts";
import { loadModel, trainClassifier } from "./classifier.ts";
import type { Prediction } from "./classifier.ts";
import { buildEmbeddingTable, readWordVectors } from "./embeddings.ts";
import type { InlineVectors } from "./embeddings.ts";
import { DEFAULT_FEATURE_OPTIONS, extractTerms } from "./features.ts";
import { decodeModel } from "./model.ts";
import { createRandom } from "./random.ts";
import { SUPPORT_EXAMPLES } from "./test-fixtures.ts";
import { trainModel } from "./train.ts";
import { fitVectorizer, vectorize, vectorizeText } from "./vectorizer.ts";

const dir = mkdtempSync(join(tmpdir(), "intent-embeddings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Small made-up vectors: the words of each intent share a direction, the rest is noise.
const DIMENSIONS = 8;
const TOPICS: Record<number, string[]> = {
  0: ["order", "parcel", "package", "shipped", "tracking", "delivered", "consignment", "shipment"],
  1: ["refund", "money", "back", "reimbursement", "repayment"],
  2: ["cancel", "cancelled", "stop", "revoke", "annul"],
  3: ["thank", "thanks", "hello", "hi", "grateful", "cheers"],
};
function fakeVectors(): InlineVectors {
  const random = createRandom(3);
  const words: Record<string, number[]> = {};
  for (const word of ["the", "my", "is", "where", "please", "i", "have", "not", "you", "a"]) {
    words[word] = Array.from({ length: DIMENSIONS }, () => random() - 0.5);
  }
  for (const [topic, list] of Object.entries(TOPICS)) {
    for (const word of list) {
      words[word] = Array.from({ length: DIMENSIONS }, (_, i) => (i === Number(topic) ? 2 : 0) + (random() - 0.5) * 0.2);
    }
  }
  return { dimensions: DIMENSIONS, words };
}
const vectors = fakeVectors();

/** The same vectors in wink-embeddings' file layout. */
function winkFile(): string {
  const words = Object.keys(vectors.words);
  const body = words.map((word, rank) => `${JSON.stringify(word)}:[${[...vectors.words[word], 1, rank].join(",")}]`).join(",");
  const file = join(dir, "vectors.json");
  writeFileSync(
    file,
    `{"precision":8,"l2NormIndex":${DIMENSIONS},"wordIndex":${DIMENSIONS + 1},"size":${words.length},"dimensions":${DIMENSIONS},` +
      `"words":${JSON.stringify(words)},"vectors":{${body},"\\"":[${Array(DIMENSIONS).fill(0.5).join(",")},1,${words.length}]},` +
      `"unkVector":[${Array(DIMENSIONS).fill(0).join(",")},-1]}`,
  );
  return file;
}

test("readWordVectors keeps the wanted words and the most frequent ones", () => {
  const file = winkFile();
  const read = readWordVectors(file, (word, rank) => rank < 2 || word === "refund" || word === '"');
  expect(read.dimensions).toBe(DIMENSIONS);
  expect([...read.vectors.keys()].sort()).toEqual(['"', "my", "refund", "the"]);
  expect(Array.from(read.vectors.get("refund") ?? [])).toEqual(vectors.words.refund.map((v) => Math.fround(v)));
});

test("readWordVectors names a missing or foreign file", () => {
  expect(() => readWordVectors(join(dir, "nope.json"), () => true)).toThrow(/cannot read the word vectors/);
  const other = join(dir, "other.json");
  writeFileSync(other, '{"dimensions": 3, "words": ["a"]}');
  expect(() => readWordVectors(other, () => true)).toThrow(/no "vectors" object/);
});

test("buildEmbeddingTable: training words and common words, weighted by IDF", () => {
  const table = buildEmbeddingTable(
    [
      ["where", "is", "my", "refund"],
      ["my", "parcel"],
    ],
    { source: vectors, commonWords: 3 },
  );
  // Training words with a vector in first-seen order, then those of the 3 most frequent ("the", "my", "is") not yet in.
  expect(table.words).toEqual(["where", "is", "my", "refund", "parcel", "the"]);
  expect(table.vectors).toHaveLength(table.words.length * DIMENSIONS);
  // "my" is in both messages, "refund" in one, "the" in none: rarer words weigh more.
  const weight = (word: string) => {
    const row = table.index.get(word) as number;
    let max = 0;
    for (let i = 0; i < DIMENSIONS; i++) max = Math.max(max, Math.abs(table.vectors[row * DIMENSIONS + i] * table.scales[row]));
    const raw = Math.max(...vectors.words[word].map(Math.abs));
    return max / raw;
  };
  expect(weight("my")).toBeLessThan(weight("refund"));
  expect(weight("refund")).toBeLessThan(weight("the"));
});

test("the view present: vectorizeText equals vectorize(extractTerms()) and adds the embedding block", () => {
  const terms = SUPPORT_EXAMPLES.map((e) => extractTerms(e.text));
  const table = buildEmbeddingTable(
    terms.map((t) => t.tokens ?? []),
    { source: vectors, weight: 0.8 },
  );
  const vectorizer = fitVectorizer(terms, { minDf: 1, charWeight: 0.6 }, table);
  expect(vectorizer.size).toBe(vectorizer.termCount + DIMENSIONS);
  for (const text of ["where is my consignment", "I can't get my money back", "", "zzzz"]) {
    const fast = vectorizeText(vectorizer, text, DEFAULT_FEATURE_OPTIONS);
    const slow = vectorize(vectorizer, extractTerms(text));
    expect(Array.from(fast.indices)).toEqual(Array.from(slow.indices));
    expect(Array.from(fast.values)).toEqual(Array.from(slow.values));
  }
  const v = vectorizeText(vectorizer, "where is my consignment", DEFAULT_FEATURE_OPTIONS);
  const block = Array.from(v.values).filter((_, k) => v.indices[k] >= vectorizer.termCount);
  expect(block).toHaveLength(DIMENSIONS);
  expect(Math.hypot(...block)).toBeCloseTo(0.8, 5);
  // No word with a vector: no block.
  const none = vectorizeText(vectorizer, "zzzz", DEFAULT_FEATURE_OPTIONS);
  expect(Array.from(none.indices).every((j) => j < vectorizer.termCount)).toBe(true);
});

test("the view absent: the model stays classifier/1 without an embedding", () => {
  const json = trainModel(SUPPORT_EXAMPLES, { seed: 5 });
  expect(json.version).toBe("classifier/1");
  expect(json.embedding).toBeUndefined();
  expect(decodeModel(json).vectorizer.embedding).toBeNull();
});

test("the view present: a classifier/2 model round-trips through JSON text and predicts the same", () => {
  const original = trainClassifier(SUPPORT_EXAMPLES, { seed: 5, embeddings: { source: vectors } });
  const json = original.toJSON();
  expect(json.version).toBe("classifier/2");
  expect(json.embedding?.dimensions).toBe(DIMENSIONS);
  const restored = loadModel(JSON.stringify(json));
  const texts = ["where is my consignment", "I want a reimbursement", "annul my order", "hello", "qwerty", "", "退款"];
  const strip = (p: Prediction) => ({ ...p });
  for (const text of texts) expect(strip(restored.predict(text))).toEqual(strip(original.predict(text)));
  expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(json));
});

test("the view present: an unseen word is understood through its vector", () => {
  const classifier = trainClassifier(SUPPORT_EXAMPLES, { seed: 5, embeddings: { source: vectors, weight: 1.5 } });
  const best = (p: Prediction) => (p.label === "unknown" ? p.alternatives[0].label : p.label);
  expect(best(classifier.predict("my reimbursement"))).toBe("refund_status");
  expect(best(classifier.predict("my consignment"))).toBe("order_status");
});

test("determinism: the same data, vectors and seed give the identical classifier/2 model", () => {
  const a = JSON.stringify(trainModel(SUPPORT_EXAMPLES, { seed: 9, embeddings: { source: vectors } }));
  const b = JSON.stringify(trainModel([...SUPPORT_EXAMPLES], { seed: 9, embeddings: { source: fakeVectors() } }));
  expect(a).toBe(b);
});

test("a damaged embedding is refused, and classifier/1 cannot carry one", () => {
  const json = trainModel(SUPPORT_EXAMPLES, { seed: 5, embeddings: { source: vectors } });
  const shortVectors = { ...json, embedding: { ...json.embedding, vectors: "AAAA" } };
  expect(() => decodeModel(shortVectors)).toThrow(/needs one vector per word/);
  expect(() => decodeModel({ ...json, version: "classifier/1" })).toThrow(/embedding view needs version/);
  const { embedding: _embedding, ...withoutView } = json;
  expect(() => decodeModel(withoutView)).toThrow(/embedding view needs version/);
});

test("chooseThresholds with minOutOfScopeRecall keeps in-scope answers at the asked recall", () => {
  // Out-of-scope confidences overlap the in-scope ones: every threshold trades one for the other.
  const inScope = Array.from({ length: 100 }, (_, i) => ({
    confidence: 0.3 + i * 0.007,
    margin: 0.3,
    correct: true,
    outOfScope: false,
    predictsOutOfScope: false,
  }));
  const outOfScope = Array.from({ length: 50 }, (_, i) => ({
    confidence: 0.2 + i * 0.01,
    margin: 0.3,
    correct: false,
    outOfScope: true,
    predictsOutOfScope: false,
  }));
  const all = [...inScope, ...outOfScope];
  const rejectedShare = (list: typeof all, t: { minConfidence: number; minMargin: number }) =>
    list.filter((p) => p.confidence < t.minConfidence || p.margin < t.minMargin).length / list.length;
  const weighted = chooseThresholds(all, { maxInScopeRejection: 0.01, outOfScopeWeight: 0.5 });
  const constrained = chooseThresholds(all, { maxInScopeRejection: 0.01, outOfScopeWeight: 0.5, minOutOfScopeRecall: 0.3 });
  expect(rejectedShare(outOfScope, constrained)).toBeGreaterThanOrEqual(0.3);
  expect(rejectedShare(inScope, constrained)).toBeLessThan(rejectedShare(inScope, weighted));
  // Unreachable recall: the weighted objective decides.
  const unreachable = chooseThresholds(
    all.map((p) => ({ ...p, predictsOutOfScope: false, confidence: 0.9, margin: 0.5 })),
    { maxInScopeRejection: 0.01, outOfScopeWeight: 0.5, minOutOfScopeRecall: 0.99 },
  );
  expect(unreachable).toEqual(chooseThresholds(
    all.map((p) => ({ ...p, predictsOutOfScope: false, confidence: 0.9, margin: 0.5 })),
    { maxInScopeRejection: 0.01, outOfScopeWeight: 0.5 },
  ));
});

const root = fileURLToPath(new URL("../../../", import.meta.url));
const node = existsSync(join(root, "node_modules/.bin/node")) ? join(root, "node_modules/.bin/node") : process.execPath;

test("CLI: train --embeddings <file> writes a classifier/2 model that classify reads", () => {
  const train = join(dir, "train.jsonl");
  const model = join(dir, "model.json");
  writeFileSync(train, SUPPORT_EXAMPLES.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const cli = join(root, "app/core/classifier/cli.ts");
  execFileSync(node, [cli, "train", "--train", train, "--out", model, "--embeddings", winkFile(), "--workers", "1"], { cwd: root });
  expect(JSON.parse(readFileSync(model, "utf8")).version).toBe("classifier/2");
  const out = execFileSync(node, [cli, "classify", "--model", model, "where is my parcel"], { cwd: root, encoding: "utf8" });
  expect(JSON.parse(out)).toMatchObject({ label: "order_status" });
});
