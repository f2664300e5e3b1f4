// Evaluation of a trained classifier on labelled examples.
import type { Classifier } from "./classifier.ts";
import { DEFAULT_OUT_OF_SCOPE_LABELS, UNKNOWN_LABEL } from "./labels.ts";
import type { Example } from "./train.ts";

export type Evaluation = {
  examples: number;
  /** Share of all examples answered right; an out-of-scope example is right when answered "unknown". */
  accuracy: number;
  /** Macro-averaged F1 over the in-scope gold labels ("unknown" answers count as misses). */
  macroF1: number;
  /** Share of in-scope examples answered with their label. */
  inScopeAccuracy: number;
  /** Share of in-scope examples whose most likely label is right, before the "unknown" rule. */
  top1Accuracy: number;
  /** Share of in-scope examples answered "unknown". */
  inScopeUnknownRate: number;
  /** Share of out-of-scope examples answered "unknown"; null without out-of-scope examples. */
  oosRecall: number | null;
  /** gold label → predicted label → count ("unknown" for out-of-scope gold labels). */
  confusion: Record<string, Record<string, number>>;
};

export type EvaluateOptions = { outOfScopeLabels?: readonly string[] };

export function evaluate(
  classifier: Pick<Classifier, "predict">,
  examples: readonly Example[],
  options: EvaluateOptions = {},
): Evaluation {
  const outOfScope = new Set(options.outOfScopeLabels ?? DEFAULT_OUT_OF_SCOPE_LABELS);
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  let top1Correct = 0;
  let inScopeUnknown = 0;
  let oos = 0;
  let oosRejected = 0;
  const truePositives = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  for (const example of examples) {
    const prediction = classifier.predict(example.text);
    const gold = outOfScope.has(example.label) ? UNKNOWN_LABEL : example.label;
    const row = (confusion[gold] ??= {});
    row[prediction.label] = (row[prediction.label] ?? 0) + 1;
    if (prediction.label === gold) correct++;
    if (gold === UNKNOWN_LABEL) {
      oos++;
      if (prediction.label === UNKNOWN_LABEL) oosRejected++;
      else bump(predictedCount, prediction.label);
      continue;
    }
    inScope++;
    bump(goldCount, gold);
    if (prediction.label !== UNKNOWN_LABEL) bump(predictedCount, prediction.label);
    else inScopeUnknown++;
    if (prediction.label === gold) {
      inScopeCorrect++;
      bump(truePositives, gold);
    }
    const guess = prediction.label === UNKNOWN_LABEL ? prediction.alternatives[0]?.label : prediction.label;
    if (guess === gold) top1Correct++;
  }

  let f1Sum = 0;
  for (const [label, count] of goldCount) {
    const tp = truePositives.get(label) ?? 0;
    const predicted = predictedCount.get(label) ?? 0;
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = tp / count;
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    examples: examples.length,
    accuracy: ratio(correct, examples.length),
    macroF1: ratio(f1Sum, goldCount.size),
    inScopeAccuracy: ratio(inScopeCorrect, inScope),
    top1Accuracy: ratio(top1Correct, inScope),
    inScopeUnknownRate: ratio(inScopeUnknown, inScope),
    oosRecall: oos > 0 ? oosRejected / oos : null,
    confusion,
  };
}
