// Accuracy of detectLanguage on labelled rows: overall, per language, and a
// confusion table (expected → predicted → count).
//
// Also runnable over JSONL files whose name is the language, e.g. the held-out
// corpus (every line counts, whatever its intent label, "oos" included):
//   node app/core/intents/language-eval.ts app/core/intents/corpus/heldout/*.jsonl
import { detectLanguage } from "./language.ts";
import type { Language } from "./language.ts";

export type LanguageRow = { text: string; lang: Language };

export type LanguageScore = {
  total: number;
  correct: number;
  accuracy: number;
};

export type LanguageEvaluation = LanguageScore & {
  perLanguage: Partial<Record<Language, LanguageScore>>;
  confusion: Partial<Record<Language, Partial<Record<Language, number>>>>;
  errors: Array<{ text: string; expected: Language; predicted: Language }>;
};

export function evaluateLanguageDetection(
  rows: readonly LanguageRow[]
): LanguageEvaluation {
  const perLanguage: LanguageEvaluation["perLanguage"] = {};
  const confusion: LanguageEvaluation["confusion"] = {};
  const errors: LanguageEvaluation["errors"] = [];
  let correct = 0;
  for (const { text, lang } of rows) {
    const predicted = detectLanguage(text).language;
    const score = (perLanguage[lang] ??= { total: 0, correct: 0, accuracy: 0 });
    score.total += 1;
    const row = (confusion[lang] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (predicted === lang) {
      score.correct += 1;
      correct += 1;
    } else {
      errors.push({ text, expected: lang, predicted });
    }
  }
  for (const score of Object.values(perLanguage)) {
    score.accuracy = ratio(score.correct, score.total);
  }
  return {
    total: rows.length,
    correct,
    accuracy: ratio(correct, rows.length),
    perLanguage,
    confusion,
    errors,
  };
}

function ratio(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((correct / total) * 10000) / 10000;
}

async function main(files: string[]): Promise<void> {
  const { readFile } = await import("node:fs/promises");
  const { basename } = await import("node:path");
  const rows: LanguageRow[] = [];
  for (const file of files) {
    const lang = basename(file).replace(/\.jsonl$/, "") as Language;
    const lines = (await readFile(file, "utf8"))
      .split("\n")
      .filter((line) => line.trim());
    for (const line of lines)
      rows.push({ text: (JSON.parse(line) as { text: string }).text, lang });
  }
  const { errors, ...summary } = evaluateLanguageDetection(rows);
  console.log(JSON.stringify(summary, null, 2));
  const shown = process.argv.includes("--errors")
    ? errors
    : errors.slice(0, 20);
  for (const error of shown) {
    console.log(
      `${error.expected} → ${error.predicted}: ${JSON.stringify(error.text)}`
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2).filter((arg) => !arg.startsWith("--")));
}
