// Calibrated confidence and the "unknown" decision.
//
// One-vs-rest SVM scores are not probabilities. We turn them into a softmax
// whose temperature is fitted on held-out data by minimising the negative
// log-likelihood (temperature scaling: Guo, Pleiss, Sun & Weinberger, "On
// Calibration of Modern Neural Networks", ICML 2017, §4.2; a one-parameter
// relative of Platt scaling, Platt 1999). Then a message is "unknown" when its
// top probability, or the gap to the second, is under thresholds chosen on the
// same held-out data.

export type Calibration = {
  temperature: number;
  /** Below this top probability the answer is "unknown". */
  minConfidence: number;
  /** Below this gap between the first and second probability the answer is "unknown". */
  minMargin: number;
};

/** Softmax of scores / temperature into `out` (numerically stable). */
export function softmaxInto(scores: ArrayLike<number>, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < scores.length; i++) out[i] /= sum;
}

function meanNll(scores: readonly Float64Array[], gold: readonly number[], temperature: number): number {
  let total = 0;
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    let max = -Infinity;
    for (let i = 0; i < s.length; i++) if (s[i] > max) max = s[i];
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += Math.exp((s[i] - max) / temperature);
    total += Math.log(sum) - (s[gold[n]] - max) / temperature;
  }
  return total / Math.max(scores.length, 1);
}

/**
 * Temperature minimising the negative log-likelihood of the gold labels, by
 * golden-section search on log T (the NLL is smooth and unimodal in T here).
 * `gold` holds class indices; examples without an in-scope class are left out by the caller.
 */
export function fitTemperature(scores: readonly Float64Array[], gold: readonly number[]): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(1e-3);
  let hi = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = meanNll(scores, gold, Math.exp(a));
  let fb = meanNll(scores, gold, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = meanNll(scores, gold, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = meanNll(scores, gold, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

export type HeldOutPrediction = {
  /** Top calibrated probability and the gap to the second one. */
  confidence: number;
  margin: number;
  /** The top label is the gold label (always false for an out-of-scope message). */
  correct: boolean;
  /** The gold label is out of scope: the right answer is "unknown". */
  outOfScope: boolean;
  /** The top label is itself an out-of-scope class (trained from out-of-scope examples). */
  predictsOutOfScope: boolean;
};

export type ThresholdPolicy = {
  /**
   * Without out-of-scope examples in the held-out data: the largest share of
   * in-scope held-out messages that may be answered "unknown".
   */
  maxInScopeRejection: number;
  /**
   * With out-of-scope examples: the expected share of out-of-scope messages,
   * i.e. the weight of out-of-scope recall against in-scope accuracy.
   */
  outOfScopeWeight: number;
  /**
   * With out-of-scope examples and above 0: the best in-scope accuracy among
   * the thresholds whose out-of-scope recall reaches this, instead of the
   * weighted objective (which is used when none reaches it).
   */
  minOutOfScopeRecall?: number;
};

function quantiles(values: readonly number[], upTo: number, steps: number): number[] {
  const sorted = [...values].sort((x, y) => x - y);
  const out = new Set<number>([0]);
  for (let i = 1; i <= steps; i++) {
    const q = (upTo * i) / steps;
    const at = Math.min(sorted.length - 1, Math.floor(q * sorted.length));
    if (at >= 0) out.add(sorted[at]);
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * Chooses (minConfidence, minMargin) on held-out predictions.
 *
 * With out-of-scope examples: maximise (1 − w)·in-scope accuracy + w·out-of-scope recall,
 * or, with `minOutOfScopeRecall`, in-scope accuracy at that out-of-scope recall or more.
 * Without: keep the most correct answers while answering "unknown" to at most
 * `maxInScopeRejection` of the in-scope messages (the uncertain ones are mostly
 * the wrong ones, so accuracy barely moves and nonsense still gets "unknown").
 */
export function chooseThresholds(
  predictions: readonly HeldOutPrediction[],
  policy: ThresholdPolicy,
): { minConfidence: number; minMargin: number } {
  const inScope = predictions.filter((p) => !p.outOfScope);
  const outOfScope = predictions.filter((p) => p.outOfScope);
  if (inScope.length === 0) return { minConfidence: 0, minMargin: 0 };
  const confidenceCandidates = quantiles(
    predictions.map((p) => p.confidence),
    outOfScope.length > 0 ? 0.9 : Math.min(1, policy.maxInScopeRejection * 4),
    outOfScope.length > 0 ? 90 : 40,
  );
  const marginCandidates = quantiles(
    predictions.map((p) => p.margin),
    outOfScope.length > 0 ? 0.6 : Math.min(1, policy.maxInScopeRejection * 4),
    outOfScope.length > 0 ? 30 : 20,
  );
  let best = { minConfidence: 0, minMargin: 0 };
  let bestScore = -Infinity;
  const minRecall = policy.minOutOfScopeRecall ?? 0;
  let constrained: { minConfidence: number; minMargin: number } | null = null;
  let constrainedScore = -Infinity;
  for (const minConfidence of confidenceCandidates) {
    for (const minMargin of marginCandidates) {
      let inCorrect = 0;
      let inRejected = 0;
      let oosRejected = 0;
      for (const p of inScope) {
        const rejected = p.predictsOutOfScope || p.confidence < minConfidence || p.margin < minMargin;
        if (rejected) inRejected++;
        else if (p.correct) inCorrect++;
      }
      for (const p of outOfScope) {
        if (p.predictsOutOfScope || p.confidence < minConfidence || p.margin < minMargin) oosRejected++;
      }
      let score: number;
      if (outOfScope.length > 0) {
        const w = policy.outOfScopeWeight;
        const recall = oosRejected / outOfScope.length;
        score = (1 - w) * (inCorrect / inScope.length) + w * recall;
        if (minRecall > 0 && recall >= minRecall) {
          // Most correct in-scope answers; among equals, the higher recall.
          const kept = inCorrect + 1e-6 * recall;
          if (kept > constrainedScore) {
            constrainedScore = kept;
            constrained = { minConfidence, minMargin };
          }
        }
      } else {
        if (inRejected > policy.maxInScopeRejection * inScope.length) continue;
        // Most correct answers kept; among equals, the stricter rule.
        score = inCorrect + 1e-6 * inRejected;
      }
      if (score > bestScore) {
        bestScore = score;
        best = { minConfidence, minMargin };
      }
    }
  }
  return constrained ?? best;
}
