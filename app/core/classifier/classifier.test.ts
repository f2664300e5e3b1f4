import { expect, test } from "vitest";
import { chooseThresholds, fitTemperature, softmaxInto } from "./calibration.ts";
import { createClassifier, loadModel, trainClassifier, trainClassifierAsync, UNKNOWN_LABEL } from "./classifier.ts";
import type { Classifier, Prediction } from "./classifier.ts";
import { evaluate } from "./evaluate.ts";
import { createRandom } from "./random.ts";
import { trainOneVsRest } from "./svm.ts";
import { SUPPORT_EXAMPLES } from "./test-fixtures.ts";
import { trainModel } from "./train.ts";
import { toCsrMatrix } from "./vectorizer.ts";

let shared: Classifier | undefined;
function supportClassifier(): Classifier {
  shared ??= trainClassifier(SUPPORT_EXAMPLES);
  return shared;
}

test.each([
  ["where is my package", "order_status"],
  ["has my parcel shipped?", "order_status"],
  ["my ordr hasnt arived", "order_status"],
  ["我的包裹在哪里", "order_status"],
  ["¿dónde está mi paquete?", "order_status"],
  ["I have not received the refund", "refund_status"],
  ["je n'ai toujours pas reçu le remboursement", "refund_status"],
  ["please cancel the order", "cancel_order"],
  ["quiero cancelar el pedido", "cancel_order"],
  ["thank you!", "greeting_thanks"],
])("predict(%j) is %s", (text, label) => {
  expect(supportClassifier().predict(text).label).toBe(label);
});

test.each([
  ["keyboard mash", "qwertyuiop zxcvbnm"],
  ["empty", ""],
  ["whitespace", "   \n\t "],
  ["emoji only", "🦄🦄🦄"],
  ["unrelated text", "photosynthesis chlorophyll mitochondria"],
])("predict: %s is unknown", (_name, text) => {
  const prediction = supportClassifier().predict(text);
  expect(prediction.label).toBe(UNKNOWN_LABEL);
  expect(prediction.reason).toBeDefined();
});

test("predict: confident answers carry calibrated alternatives", () => {
  const prediction = supportClassifier().predict("where is my order");
  expect(prediction.label).toBe("order_status");
  expect(prediction.alternatives).toHaveLength(3);
  expect(prediction.alternatives.map((a) => a.label)).not.toContain("order_status");
  const total = prediction.confidence + prediction.alternatives.reduce((sum, a) => sum + a.confidence, 0);
  expect(total).toBeCloseTo(1, 2); // four labels: the answer and three alternatives hold all the probability
  for (const a of prediction.alternatives) expect(a.confidence).toBeLessThanOrEqual(prediction.confidence);
});

test("predict: an unknown answer still offers the best guesses", () => {
  const prediction = supportClassifier().predict("qwertyuiop zxcvbnm");
  expect(prediction.alternatives[0].confidence).toBe(prediction.confidence);
});

test("predict: a 100 KB message gets an answer", () => {
  const prediction = supportClassifier().predict("please cancel my order ".repeat(4500));
  expect(prediction.label).toBe("cancel_order");
});

test("determinism: the same data and seed give the identical model", () => {
  const a = JSON.stringify(trainModel(SUPPORT_EXAMPLES, { seed: 7 }));
  const b = JSON.stringify(trainModel([...SUPPORT_EXAMPLES], { seed: 7 }));
  expect(a).toBe(b);
});

test("serialisation: toJSON → JSON text → loadModel predicts the same", () => {
  const original = supportClassifier();
  const restored = loadModel(JSON.stringify(original.toJSON()));
  const texts = ["where is my order", "reembolso", "annuler", "hello", "qwerty", "", "退款"];
  const strip = (p: Prediction) => ({ ...p });
  for (const text of texts) expect(strip(restored.predict(text))).toEqual(strip(original.predict(text)));
  expect(restored.toJSON().version).toBe("classifier/1");
});

test("a model saved before foldTraditional loads with it off and keeps its predictions", () => {
  const json = structuredClone(supportClassifier().toJSON()) as Record<string, unknown> & { features: Record<string, unknown> };
  json.features.foldTraditional = false;
  const before = loadModel(JSON.stringify(json));
  delete json.features.foldTraditional;
  const old = loadModel(JSON.stringify(json));
  expect(old.toJSON().features.foldTraditional).toBe(false);
  for (const text of ["訂單在哪裡", "退款", "where is my order"]) expect(old.predict(text)).toEqual(before.predict(text));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test mutates arbitrary fields of a model to corrupt it
function corrupt(edit: (model: Record<string, any>) => void): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  const model = structuredClone(supportClassifier().toJSON()) as Record<string, any>;
  edit(model);
  return model;
}

test.each([
  ["another version", corrupt((m) => (m.version = "classifier/0")), /version/],
  ["a missing bias", corrupt((m) => m.bias.pop()), /bias/],
  ["truncated weights", corrupt((m) => (m.weights.values = m.weights.values.slice(0, 8))), /weight/],
  ["a vocabulary without idf", corrupt((m) => m.vocabulary.word.push("extra")), /idf/],
  ["a negative temperature", corrupt((m) => (m.calibration.temperature = -1)), /temperature/],
  ["not an object", "[1, 2, 3]", /invalid model/],
  ["not JSON", "{ nope", /not valid JSON/],
])("loadModel rejects %s", (_name, model, message) => {
  expect(() => loadModel(model)).toThrow(message);
});

test("lifecycle: predict before consolidate says what to do", () => {
  const classifier = createClassifier();
  classifier.learn("where is my order", "order_status");
  expect(() => classifier.predict("hi")).toThrow("call consolidate() before predict()");
});

test("lifecycle: learn after consolidate throws", () => {
  const classifier = createClassifier();
  for (const e of SUPPORT_EXAMPLES) classifier.learn(e.text, e.label);
  classifier.consolidate();
  expect(classifier.isConsolidated()).toBe(true);
  expect(() => classifier.learn("more", "order_status")).toThrow(/learn\(\) after consolidate\(\).*create a new classifier/);
  expect(() => classifier.consolidate()).toThrow(/already called/);
  expect(classifier.labels().sort()).toEqual(["cancel_order", "greeting_thanks", "order_status", "refund_status"]);
});

test.each([
  ["one label only", () => trainClassifier([{ text: "a", label: "x" }, { text: "b", label: "x" }]), /at least 2 labels/],
  ["an empty label", () => createClassifier().learn("hello", " "), /no label/],
  ["a text that is not a string", () => createClassifier().learn(42 as unknown as string, "x"), /no text/],
  ["a bad c", () => createClassifier({ c: 0 }), /option c/],
])("training rejects %s", (_name, run, message) => {
  expect(run).toThrow(message);
});

test("out-of-scope training examples make their own class that answers unknown", () => {
  const classifier = trainClassifier([
    ...SUPPORT_EXAMPLES,
    ...["what is the weather", "tell me a joke", "who won the match", "play some music", "what time is it in tokyo"].map(
      (text) => ({ text, label: "oos" }),
    ),
  ]);
  expect(classifier.labels()).not.toContain("oos");
  const prediction = classifier.predict("tell me a joke please");
  expect(prediction.label).toBe(UNKNOWN_LABEL);
  expect(prediction.alternatives.map((a) => a.label)).not.toContain("oos");
});

test.skipIf(!(process.features as { typescript?: string }).typescript)(
  "async training in worker threads gives the same model as training in this thread",
  async () => {
    const sync = trainModel(SUPPORT_EXAMPLES, { seed: 3 });
    const async1 = await trainClassifierAsync(SUPPORT_EXAMPLES, { seed: 3, workers: 1 });
    const async2 = await trainClassifierAsync(SUPPORT_EXAMPLES, { seed: 3, workers: 2 });
    expect(JSON.stringify(async1.toJSON())).toBe(JSON.stringify(sync));
    expect(JSON.stringify(async2.toJSON())).toBe(JSON.stringify(sync));
  },
);

test("async training reports bad data before starting threads", async () => {
  await expect(trainClassifierAsync([{ text: "x", label: "" }])).rejects.toThrow(/no label/);
});

test("evaluate: accuracy, macro-F1, out-of-scope recall and confusion", () => {
  const answers: Record<string, string> = { a1: "a", a2: "a", b1: "a", b2: "b", o1: UNKNOWN_LABEL, o2: "b" };
  const fake = {
    predict: (text: string): Prediction => ({ label: answers[text], confidence: 1, alternatives: [] }),
  };
  const result = evaluate(fake, [
    { text: "a1", label: "a" },
    { text: "a2", label: "a" },
    { text: "b1", label: "b" },
    { text: "b2", label: "b" },
    { text: "o1", label: "oos" },
    { text: "o2", label: "oos" },
  ]);
  expect(result.accuracy).toBeCloseTo(4 / 6);
  expect(result.inScopeAccuracy).toBeCloseTo(3 / 4);
  expect(result.oosRecall).toBeCloseTo(1 / 2);
  // a: precision 2/3, recall 1 → F1 0.8; b: precision 1/2 (o2 was called b), recall 1/2 → F1 0.5
  expect(result.macroF1).toBeCloseTo((0.8 + 0.5) / 2);
  expect(result.confusion).toEqual({ a: { a: 2 }, b: { a: 1, b: 1 }, unknown: { unknown: 1, b: 1 } });
});

test("fitTemperature recovers the temperature that generated the labels", () => {
  const random = createRandom(11);
  const trueTemperature = 0.3;
  const scores: Float64Array[] = [];
  const gold: number[] = [];
  const p = new Float64Array(4);
  for (let n = 0; n < 4000; n++) {
    const s = Float64Array.from({ length: 4 }, () => random() * 2 - 1);
    softmaxInto(s, trueTemperature, p);
    let u = random();
    let label = 0;
    while (label < 3 && u > p[label]) u -= p[label++];
    scores.push(s);
    gold.push(label);
  }
  expect(fitTemperature(scores, gold)).toBeGreaterThan(0.25);
  expect(fitTemperature(scores, gold)).toBeLessThan(0.35);
});

test("chooseThresholds separates out-of-scope messages when it can", () => {
  const inScope = Array.from({ length: 50 }, (_, i) => ({
    confidence: 0.6 + i * 0.008,
    margin: 0.5,
    correct: true,
    outOfScope: false,
    predictsOutOfScope: false,
  }));
  const outOfScope = Array.from({ length: 20 }, (_, i) => ({
    confidence: 0.2 + i * 0.01,
    margin: 0.05,
    correct: false,
    outOfScope: true,
    predictsOutOfScope: false,
  }));
  const { minConfidence, minMargin } = chooseThresholds([...inScope, ...outOfScope], {
    maxInScopeRejection: 0.01,
    outOfScopeWeight: 0.5,
  });
  const rejected = (c: { confidence: number; margin: number }) => c.confidence < minConfidence || c.margin < minMargin;
  expect(inScope.filter(rejected)).toHaveLength(0);
  expect(outOfScope.filter(rejected)).toHaveLength(20);
});

test("the SVM separates linearly separable data", () => {
  // Class 0 has feature 0, class 1 has feature 1, class 2 has feature 2 (with noise on feature 3).
  const vectors = Array.from({ length: 30 }, (_, i) => ({
    indices: Int32Array.from([i % 3, 3]),
    values: Float32Array.from([1, (i % 5) / 10]),
  }));
  const labels = Int32Array.from(vectors, (_, i) => i % 3);
  const matrix = toCsrMatrix(vectors, 4);
  const { weights } = trainOneVsRest({
    matrix,
    labels,
    rows: null,
    classes: [0, 1, 2],
    options: { c: 1, epsilon: 0.01, maxIterations: 1000, bias: 1, seed: 1 },
  });
  const stride = 5;
  vectors.forEach((v, i) => {
    const scores = [0, 1, 2].map((c) => weights[c * stride + 4] + weights[c * stride + v.indices[0]] + weights[c * stride + 3] * v.values[1]);
    expect(scores.indexOf(Math.max(...scores))).toBe(labels[i]);
  });
});
