// One JavaScript peer classifier on one data set, in its own process so the
// benchmark can stop it at a time cap. Prints one JSON line of results last.
//
//   node bench/intent/peer.ts <bayes|logreg|nlpjs> '{"train":[...],"test":[...],"oosTest":[...]}'
import { createRequire } from "node:module";
import { evaluate } from "../../app/core/classifier/evaluate.ts";
import { readJsonl } from "../../app/core/classifier/jsonl.ts";
import { DEFAULT_OUT_OF_SCOPE_LABELS, UNKNOWN_LABEL } from "../../app/core/classifier/labels.ts";
import type { Example } from "../../app/core/classifier/train.ts";

const require = createRequire(import.meta.url);

export type PeerName = "bayes" | "logreg" | "nlpjs";

type Trained = {
  predict(text: string): Promise<string> | string;
  size(): number;
};

type NaturalClassifier = {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
};

// natural's classifiers by file path: the package root loads .env files and
// 90 MB of modules (PLATFORM-NOTES.md).
function trainNatural(file: string, examples: readonly Example[]): Trained {
  const Classifier = require(file) as new () => NaturalClassifier;
  const classifier = new Classifier();
  for (const e of examples) classifier.addDocument(e.text, e.label);
  classifier.train();
  return { predict: (text) => classifier.classify(text), size: () => Buffer.byteLength(JSON.stringify(classifier)) };
}

type NlpJs = {
  settings: Record<string, unknown>;
  addLanguage(language: string): void;
  addDocument(language: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(language: string, text: string): Promise<{ intent: string }>;
  export(minified?: boolean): string;
};

async function trainNlpJs(examples: readonly Example[]): Promise<Trained> {
  // NLP.js with its defaults: the NLU's neural network, English.
  const { containerBootstrap, Nlp, LangEn } = require("@nlpjs/basic") as {
    containerBootstrap: () => Promise<{ use(x: unknown): void; get(name: string): NlpJs }>;
    Nlp: unknown;
    LangEn: unknown;
  };
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get("nlp");
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.addLanguage("en");
  for (const e of examples) nlp.addDocument("en", e.text, e.label);
  await nlp.train();
  return {
    predict: async (text) => {
      const { intent } = await nlp.process("en", text);
      return intent === "None" ? UNKNOWN_LABEL : intent;
    },
    size: () => Buffer.byteLength(nlp.export(true)),
  };
}

async function train(peer: PeerName, examples: readonly Example[]): Promise<Trained> {
  if (peer === "bayes") return trainNatural("natural/lib/natural/classifiers/bayes_classifier.js", examples);
  if (peer === "logreg") return trainNatural("natural/lib/natural/classifiers/logistic_regression_classifier.js", examples);
  return trainNlpJs(examples);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function main() {
  const [peer, specText] = process.argv.slice(2);
  if (peer !== "bayes" && peer !== "logreg" && peer !== "nlpjs") throw new Error(`unknown peer "${peer}"`);
  const spec = JSON.parse(specText) as { train: string[]; test: string[]; oosTest: string[] };
  const read = (files: string[]) => files.flatMap((f) => readJsonl(f));
  const trainSet = read(spec.train);
  const test = read(spec.test);
  const oosTest = read(spec.oosTest);

  const start = performance.now();
  const model = await train(peer, trainSet);
  const trainMs = performance.now() - start;

  const all = [...test, ...oosTest];
  const predicted = new Map<string, string>();
  // A peer that learnt the out-of-scope label from training data (CLINC150's oos_train) answers "unknown" with it.
  const answer = (label: string) => (DEFAULT_OUT_OF_SCOPE_LABELS.includes(label) ? UNKNOWN_LABEL : label);
  for (const e of all) if (!predicted.has(e.text)) predicted.set(e.text, answer(await model.predict(e.text)));
  const result = evaluate({ predict: (text) => ({ label: predicted.get(text) ?? UNKNOWN_LABEL, confidence: 0, alternatives: [] }) }, all);

  const texts = test.map((e) => e.text);
  for (let i = 0; i < 100; i++) await model.predict(texts[i % texts.length]);
  const times: number[] = [];
  for (const text of texts.slice(0, 1000)) {
    const t = performance.now();
    await model.predict(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  process.stdout.write(
    `${JSON.stringify({
      accuracy: round(result.accuracy),
      macroF1: round(result.macroF1),
      inScopeAccuracy: round(result.inScopeAccuracy),
      ...(result.oosRecall === null ? {} : { oosRecall: round(result.oosRecall) }),
      trainMs: Math.round(trainMs),
      p50Ms: round(percentile(times, 50)),
      p99Ms: round(percentile(times, 99)),
      modelBytes: model.size(),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`peer: ${(error as Error).message}\n`);
  process.exit(1);
});
