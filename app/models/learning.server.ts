// Learning from corrections (issue 6, item 5; SPEC §4 "Learning"). A
// correction is an IntentExample row (replies.server.ts correctIntent).
// Retraining builds the shop's model from the built-in training corpus plus
// its corrections, minus a deterministic ~20% held back; it runs in worker
// threads off the request path (startRetrain returns at once; progress is
// written to IntentModel.progress), compares the active model with the new
// one on the held-back corrections and the built-in held-out corpus, and
// activates the new version only when it is not worse. Versions are kept;
// an older one can be activated again (rollback). The pipeline's
// classifierFor() looks the active version up on every message and reloads
// its cache when the version changes, so activation needs no extra signal.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { IntentModel } from "@prisma/client";
import { Prisma } from "@prisma/client";
import prisma from "../db.server.ts";
import { trainClassifierAsync } from "../core/classifier/classifier.ts";
import type { Classifier, Example } from "../core/classifier/classifier.ts";
import { evaluate } from "../core/classifier/evaluate.ts";
import { readJsonl } from "../core/classifier/jsonl.ts";
import {
  BUILTIN_TRAIN_OPTIONS,
  BUILTIN_TYPO_COPIES,
  CORPUS_LANGUAGES,
  loadCorpus,
  withPolicy,
  withTypoCopies,
} from "../core/intents/builtin-model.ts";
import { splitExamples } from "../core/learning/split.ts";
import { decideActivation } from "../core/learning/activation.ts";
import { getShopSettings } from "./settings.server.ts";
// The model the pipeline answers with (cached per shop and version) is the one a retrained model must beat.
import { classifierFor, forgetShopClassifier } from "./pipeline.server.ts";

export type ModelVersion = Pick<
  IntentModel,
  | "id"
  | "version"
  | "status"
  | "progress"
  | "examples"
  | "heldBack"
  | "accuracyBefore"
  | "accuracyAfter"
  | "corpusBefore"
  | "corpusAfter"
  | "trainMs"
  | "note"
  | "error"
  | "createdAt"
  | "activatedAt"
>;

const VERSION_SELECT = {
  id: true,
  version: true,
  status: true,
  progress: true,
  examples: true,
  heldBack: true,
  accuracyBefore: true,
  accuracyAfter: true,
  corpusBefore: true,
  corpusAfter: true,
  trainMs: true,
  note: true,
  error: true,
  createdAt: true,
  activatedAt: true,
} satisfies Prisma.IntentModelSelect;

/** Statuses whose stored model may be activated again. */
export const REACTIVATABLE = ["retired", "ready"] as const;

// ─── Corpus and worker location ─────────────────────────────────────────────

// In the server bundle (build/server/index.js) module URLs point into build/;
// the corpus and the worker entry are then found in the source tree under the
// working directory, as builtinModelPath() does for the built-in model.
function sourcePath(relativeToModels: string, fromRoot: string): string {
  const beside = fileURLToPath(new URL(relativeToModels, import.meta.url));
  return existsSync(beside) ? beside : path.resolve(process.cwd(), fromRoot);
}

let corpusCache: { train: Example[]; heldout: Example[] } | undefined;

function corpus(): { train: Example[]; heldout: Example[] } {
  if (corpusCache) return corpusCache;
  const read = (split: "train" | "heldout"): Example[] => {
    try {
      return loadCorpus(split);
    } catch {
      const dir = path.resolve(process.cwd(), "app/core/intents/corpus", split === "train" ? "" : "heldout");
      return CORPUS_LANGUAGES.flatMap((language) => readJsonl(path.join(dir, `${language}.jsonl`)));
    }
  };
  corpusCache = { train: read("train"), heldout: read("heldout") };
  return corpusCache;
}

function workerUrl(): URL {
  return pathToFileURL(sourcePath("../core/classifier/train-worker.ts", "app/core/classifier/train-worker.ts"));
}

// ─── Reading ────────────────────────────────────────────────────────────────

export async function listModelVersions({ shop }: { shop: string }): Promise<ModelVersion[]> {
  return prisma.intentModel.findMany({ where: { shop }, orderBy: { version: "desc" }, take: 50, select: VERSION_SELECT });
}

export async function getLearningState({ shop }: { shop: string }) {
  const [versions, corrections, latest, settings] = await Promise.all([
    listModelVersions({ shop }),
    prisma.intentExample.count({ where: { shop } }),
    prisma.intentModel.findFirst({ where: { shop, status: { not: "failed" } }, orderBy: { version: "desc" }, select: { createdAt: true } }),
    getShopSettings({ shop }),
  ]);
  const sinceLastTraining = latest ? await prisma.intentExample.count({ where: { shop, createdAt: { gt: latest.createdAt } } }) : corrections;
  const recent = await prisma.intentExample.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, text: true, label: true, predicted: true, language: true, createdAt: true },
  });
  return {
    versions,
    active: versions.find((v) => v.status === "active") ?? null,
    training: versions.find((v) => v.status === "training") ?? null,
    corrections,
    sinceLastTraining,
    autoRetrainAfter: settings.autoRetrainAfter,
    recent,
  };
}

// ─── Training ───────────────────────────────────────────────────────────────

export class LearningError extends Error {
  status: number;
  constructor(message: string, status = 409) {
    super(message);
    this.name = "LearningError";
    this.status = status;
  }
}

// One training at a time in this process (2 cores are shared with requests);
// a second shop's training waits its turn with status "training", progress 0.
let queue: Promise<void> = Promise.resolve();
const running = new Map<string, Promise<void>>();
let lastTrainMs = 4_000;

/** Resolves when every training this process started has finished (tests, shutdown). */
export async function waitForTraining(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running.values()]);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * evaluate()'s accuracy, predicted in slices with the event loop let through
 * between them: 1,600 predictions take about half a second on a busy core,
 * which requests should not wait for.
 */
async function accuracyOn(classifier: Classifier, examples: readonly Example[]): Promise<number | null> {
  if (examples.length === 0) return null;
  let right = 0;
  for (let start = 0; start < examples.length; start += 100) {
    const slice = examples.slice(start, start + 100);
    right += Math.round(evaluate(classifier, slice).accuracy * slice.length);
    await yieldToEventLoop();
  }
  return right / examples.length;
}

/**
 * Starts retraining the shop's model and returns the new version row at once
 * (status "training"); the work continues in the background. Refuses (409)
 * while a training of the shop is running, and (400) without corrections.
 */
export async function startRetrain({ shop }: { shop: string }): Promise<ModelVersion> {
  const busy = await prisma.intentModel.findFirst({ where: { shop, status: "training" }, select: { version: true } });
  if (busy) throw new LearningError(`version ${busy.version} is still training`);
  const examples = await prisma.intentExample.count({ where: { shop } });
  if (examples === 0) throw new LearningError("there are no corrections to learn from yet: correct a message's intent first", 400);
  const last = await prisma.intentModel.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { version: true } });
  let row: ModelVersion;
  try {
    row = await prisma.intentModel.create({
      data: { shop, version: (last?.version ?? 0) + 1, status: "training", progress: 0, examples },
      select: VERSION_SELECT,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new LearningError("a training just started");
    throw error;
  }
  const job = queue.then(() => runTraining(shop, row.id));
  queue = job.catch(() => undefined);
  const tracked = job.catch(() => undefined).finally(() => running.delete(row.id));
  running.set(row.id, tracked);
  return row;
}

async function setProgress(shop: string, id: string, progress: number) {
  await prisma.intentModel.updateMany({ where: { shop, id, status: "training" }, data: { progress } });
}

async function runTraining(shop: string, id: string): Promise<void> {
  const started = Date.now();
  let ticker: ReturnType<typeof setInterval> | undefined;
  try {
    await setProgress(shop, id, 0.05);
    const rows = await prisma.intentExample.findMany({ where: { shop }, orderBy: { id: "asc" }, select: { id: true, text: true, label: true } });
    const { train, heldBack } = splitExamples(rows, shop);
    const { train: corpusTrain, heldout } = corpus();
    const trainingSet: Example[] = [...corpusTrain, ...train.map(({ text, label }) => ({ text, label }))];
    await setProgress(shop, id, 0.1);

    // The worker reports no progress of its own: the bar advances on the
    // expected duration (the last training's), and never past 85% before the end.
    const expected = Math.max(1_000, lastTrainMs);
    ticker = setInterval(() => {
      const share = Math.min(1, (Date.now() - started) / expected);
      void setProgress(shop, id, 0.1 + 0.75 * share).catch(() => undefined);
    }, 400);
    const trainStarted = Date.now();
    // The built-in model's recipe: seeded typo copies at training, its decision policy at prediction.
    const classifier = withPolicy(
      await trainClassifierAsync(withTypoCopies(trainingSet, BUILTIN_TYPO_COPIES), { ...BUILTIN_TRAIN_OPTIONS, workerUrl: workerUrl() }),
    );
    const trainMs = Date.now() - trainStarted;
    lastTrainMs = trainMs;
    clearInterval(ticker);
    ticker = undefined;
    await setProgress(shop, id, 0.9);

    const held: Example[] = heldBack.map(({ text, label }) => ({ text, label }));
    const current = await classifierFor(shop);
    const before = { corrections: await accuracyOn(current.classifier, held), corpus: (await accuracyOn(current.classifier, heldout)) ?? 0 };
    const after = { corrections: await accuracyOn(classifier, held), corpus: (await accuracyOn(classifier, heldout)) ?? 0 };
    const decision = decideActivation(before, after);
    const figures = {
      progress: 1,
      examples: rows.length,
      heldBack: held.length,
      accuracyBefore: before.corrections,
      accuracyAfter: after.corrections,
      corpusBefore: before.corpus,
      corpusAfter: after.corpus,
      trainMs,
    };
    if (!decision.activate) {
      // A rejected model is not kept: it would only take space (≈5 MB each).
      await prisma.intentModel.updateMany({ where: { shop, id }, data: { ...figures, status: "rejected", note: decision.reason } });
      return;
    }
    const model = JSON.stringify(classifier.toJSON());
    const now = new Date();
    await prisma.$transaction([
      prisma.intentModel.updateMany({ where: { shop, status: "active" }, data: { status: "retired" } }),
      prisma.intentModel.updateMany({ where: { shop, id }, data: { ...figures, model, status: "active", note: decision.reason, activatedAt: now } }),
    ]);
    forgetShopClassifier(shop);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`learning: ${shop} training failed: ${message}`);
    await prisma.intentModel
      .updateMany({ where: { shop, id }, data: { status: "failed", error: message.slice(0, 1_000), trainMs: Date.now() - started } })
      .catch(() => undefined);
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

/** Activates an older version again (rollback); the active one is retired. */
export async function activateVersion({ shop, version }: { shop: string; version: number }): Promise<ModelVersion> {
  const row = await prisma.intentModel.findFirst({ where: { shop, version }, select: { id: true, status: true, model: true } });
  if (!row) throw new LearningError(`version ${version} not found`, 404);
  if (row.status === "active") throw new LearningError(`version ${version} is already active`);
  if (!(REACTIVATABLE as readonly string[]).includes(row.status) || !row.model) {
    throw new LearningError(`version ${version} is ${row.status} and has no model to activate`);
  }
  await prisma.$transaction([
    prisma.intentModel.updateMany({ where: { shop, status: "active" }, data: { status: "retired" } }),
    prisma.intentModel.updateMany({ where: { shop, id: row.id }, data: { status: "active", activatedAt: new Date() } }),
  ]);
  forgetShopClassifier(shop);
  return prisma.intentModel.findFirstOrThrow({ where: { shop, id: row.id }, select: VERSION_SELECT });
}

/** Goes back to the built-in model: every active version is retired. */
export async function restoreBuiltinModel({ shop }: { shop: string }): Promise<void> {
  await prisma.intentModel.updateMany({ where: { shop, status: "active" }, data: { status: "retired" } });
  forgetShopClassifier(shop);
}

/**
 * After a correction (replies.server.ts correctIntent): retrains when the
 * shop turned on automatic retraining and enough corrections arrived since
 * the last training. Never throws: a correction must not fail because of it.
 */
export async function maybeAutoRetrain({ shop }: { shop: string }): Promise<ModelVersion | null> {
  try {
    // Read without creating the settings row (getShopSettings would).
    const settings = await prisma.shopSettings.findUnique({ where: { shop }, select: { autoRetrainAfter: true } });
    if (!settings?.autoRetrainAfter) return null;
    const latest = await prisma.intentModel.findFirst({ where: { shop, status: { not: "failed" } }, orderBy: { version: "desc" }, select: { createdAt: true, status: true } });
    if (latest?.status === "training") return null;
    const since = await prisma.intentExample.count({ where: { shop, ...(latest ? { createdAt: { gt: latest.createdAt } } : {}) } });
    if (since < settings.autoRetrainAfter) return null;
    return await startRetrain({ shop });
  } catch (error) {
    console.warn(`learning: automatic retraining for ${shop} did not start: ${error instanceof Error ? error.message : error}`);
    return null;
  }
}

/** At boot: a training a previous process left unfinished (crash, restart) is marked failed. */
export async function failInterruptedTrainings(): Promise<number> {
  const { count } = await prisma.intentModel.updateMany({
    where: { status: "training", id: { notIn: [...running.keys()] } },
    data: { status: "failed", error: "the server stopped during training; retrain again" },
  });
  return count;
}

let bootChecked = false;
export function failInterruptedTrainingsAtBoot() {
  if (bootChecked || process.env.NODE_ENV === "test") return;
  bootChecked = true;
  setImmediate(() => {
    failInterruptedTrainings()
      .then((count) => {
        if (count > 0) console.info(`learning: marked ${count} interrupted training(s) as failed`);
      })
      .catch((error: unknown) => console.warn(`learning: checking interrupted trainings failed: ${error instanceof Error ? error.message : error}`));
  });
}

// ─── Evidence for the confidence thresholds (Settings) ──────────────────────

export type ThresholdEvidence = {
  /** intent → [confidence, 1 when right else 0][] of the predictions of that intent, highest confidence first. */
  byIntent: Record<string, [number, number][]>;
  /** What was predicted: the built-in held-out corpus and the shop's corrections. */
  corpusExamples: number;
  corrections: number;
  modelVersion: number | null;
};

const evidenceCache = new Map<string, { key: string; evidence: ThresholdEvidence }>();

/**
 * Predictions of the shop's current model on the built-in held-out corpus and
 * on its corrections (labelled by the merchant), grouped by predicted intent,
 * so the settings page can show the precision at any threshold. Corrections
 * the model was trained on make it look better than it is; the corpus lines
 * were never trained on.
 */
export async function getThresholdEvidence({ shop }: { shop: string }): Promise<ThresholdEvidence> {
  const [active, count, newest] = await Promise.all([
    prisma.intentModel.findFirst({ where: { shop, status: "active" }, orderBy: { version: "desc" }, select: { version: true } }),
    prisma.intentExample.count({ where: { shop } }),
    prisma.intentExample.findFirst({ where: { shop }, orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  const key = `${active?.version ?? "builtin"}:${count}:${newest?.id ?? ""}`;
  const cached = evidenceCache.get(shop);
  if (cached?.key === key) return cached.evidence;

  const { classifier, version } = await classifierFor(shop);
  const corrections = await prisma.intentExample.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take: 5_000, select: { text: true, label: true } });
  const { heldout } = corpus();
  const byIntent: Record<string, [number, number][]> = {};
  const examples = [...heldout, ...corrections];
  for (const [index, example] of examples.entries()) {
    if (index % 100 === 99) await yieldToEventLoop();
    const prediction = classifier.predict(example.text);
    if (prediction.label === "unknown") continue;
    (byIntent[prediction.label] ??= []).push([prediction.confidence, prediction.label === example.label ? 1 : 0]);
  }
  for (const list of Object.values(byIntent)) list.sort((a, b) => b[0] - a[0]);
  const evidence = { byIntent, corpusExamples: heldout.length, corrections: corrections.length, modelVersion: version };
  evidenceCache.delete(shop);
  evidenceCache.set(shop, { key, evidence });
  if (evidenceCache.size > 32) evidenceCache.delete(evidenceCache.keys().next().value as string);
  return evidence;
}
