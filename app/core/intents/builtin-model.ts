// The built-in multilingual e-commerce intent model: trained from the corpus in
// ./corpus (deterministic: fixed seed, fixed file order), written to
// ./model/builtin-model.json by `npm run build`, loaded lazily on first use.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModel, trainClassifier, type Classifier } from "../classifier/classifier.ts";
import type { Example } from "../classifier/train.ts";
import { builtinModelPath, readBuiltinModel } from "../classifier/builtin-model.ts";

export const CORPUS_LANGUAGES = ["en", "zh", "es", "fr"] as const;
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];
export type CorpusExample = Example & { language: CorpusLanguage };

const corpusDir = fileURLToPath(new URL("./corpus/", import.meta.url));

/** Reads the training split (`train`) or the held-out split that is never trained on (`heldout`). */
export function loadCorpus(split: "train" | "heldout"): CorpusExample[] {
  return CORPUS_LANGUAGES.flatMap((language) => {
    const file = split === "train" ? path.join(corpusDir, `${language}.jsonl`) : path.join(corpusDir, "heldout", `${language}.jsonl`);
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line, index) => {
        const row = JSON.parse(line) as { text?: unknown; label?: unknown };
        if (typeof row.text !== "string" || typeof row.label !== "string") {
          throw new Error(`intent corpus: ${file} line ${index + 1} needs string "text" and "label"`);
        }
        return { text: row.text, label: row.label, language };
      });
  });
}

export function trainBuiltinModel(examples: readonly Example[] = loadCorpus("train")): Classifier {
  return trainClassifier(examples, { seed: 42 });
}

export function writeBuiltinModel(classifier: Classifier, file = builtinModelPath()) {
  mkdirSync(path.dirname(file), { recursive: true });
  const json = JSON.stringify(classifier.toJSON());
  writeFileSync(file, json);
  return { file, bytes: Buffer.byteLength(json) };
}

let cached: Classifier | undefined;

/** The built-in classifier, parsed from disk on first use (never at import). */
export function getBuiltinClassifier(): Classifier {
  cached ??= loadModel(JSON.parse(readBuiltinModel()));
  return cached;
}
