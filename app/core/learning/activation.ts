// When a retrained model replaces the active one (issue 6, item 5): only when
// it is not worse. "Not worse" is judged on two sets: the shop's held-back
// corrections (what the merchant taught), and the built-in held-out corpus
// (so a handful of corrections cannot wreck every other intent).

export type Scores = {
  /** Accuracy on the held-back corrections; null when none are held back. */
  corrections: number | null;
  /** Accuracy on the built-in held-out corpus. */
  corpus: number;
};

export type ActivationRule = {
  /** How much corpus accuracy may drop (absolute, default 0.02 = two points: retraining with a few dozen extra lines moves it by about ±0.7 points on its own). */
  corpusTolerance?: number;
};

export type ActivationDecision = { activate: true; reason: string } | { activate: false; reason: string };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function decideActivation(before: Scores, after: Scores, rule: ActivationRule = {}): ActivationDecision {
  const tolerance = rule.corpusTolerance ?? 0.02;
  if (before.corrections !== null && after.corrections !== null && after.corrections < before.corrections) {
    return {
      activate: false,
      reason: `worse on the held-back corrections: ${pct(after.corrections)} < ${pct(before.corrections)}`,
    };
  }
  if (after.corpus < before.corpus - tolerance) {
    return {
      activate: false,
      reason: `worse on the built-in held-out corpus: ${pct(after.corpus)} < ${pct(before.corpus)} (tolerance ${pct(tolerance)})`,
    };
  }
  const corrections =
    before.corrections !== null && after.corrections !== null
      ? `held-back corrections ${pct(before.corrections)} → ${pct(after.corrections)}`
      : "no held-back corrections yet";
  return { activate: true, reason: `not worse: ${corrections}; corpus ${pct(before.corpus)} → ${pct(after.corpus)}` };
}
