// The inbox pipeline (SPEC §4, issue 5 item 3): persist → thread → classify →
// entities → order context → priority → template → variables → compliance →
// suggest or auto-send. A message is stored before anything else; a failed
// step leaves it in the inbox with stage "failed" and the reason, and a
// restart picks up messages that never finished (resumeUnfinishedMessages).
import type { Message, Prisma } from "@prisma/client";
import prisma from "../db.server.ts";
import { loadModel } from "../core/classifier/classifier.ts";
import type { Classifier, Prediction } from "../core/classifier/classifier.ts";
import { getBuiltinClassifier, withPolicy } from "../core/intents/builtin-model.ts";
import { detectLanguage } from "../core/intents/language.ts";
import { extractEntities } from "../core/intents/entities.ts";
import { scoreUrgency } from "../core/intents/urgency.ts";
import { priorityFor } from "../core/intents/priority.ts";
import type { InboxLanguage } from "../core/inbox/intents.ts";
import { ORDER_INTENTS, isInboxLanguage } from "../core/inbox/intents.ts";
import { inShopperScript } from "../core/inbox/chinese-script.ts";
import { renderTemplate } from "../core/inbox/render.ts";
import { templateValues } from "../core/inbox/order-context.ts";
import type { StoredOrderContext } from "../core/inbox/order-context.ts";
import { tagProductLinks } from "../core/inbox/utm.ts";
import { checkCompliance, describeViolations, ruleFor } from "../core/inbox/compliance.ts";
import { decideAutoSend, isConfidentSpam } from "../core/inbox/decision.ts";
import type { AutoSendInput } from "../core/inbox/decision.ts";
import { normaliseMessageId, parseMessageIds } from "../core/inbox/threading.ts";
import type { MessageInput } from "./messages.server.ts";
import { MessageInputSchema, storeMessage } from "./messages.server.ts";
import { getShopSettings } from "./settings.server.ts";
import { processCache } from "./shop-cache.server.ts";
import type { ShopSettings } from "./settings.server.ts";
import { resolveTemplate } from "./templates.server.ts";
import { planThread, threadWrites } from "./conversations.server.ts";
import type { ThreadPlan } from "./conversations.server.ts";
import { fetchOrderContext } from "./order-context.server.ts";
import type { AdminGraphql } from "./order-context.server.ts";
import { sendReply } from "./replies.server.ts";

export type ReceiveResult = { created: boolean; message: Message };

type Options = {
  /** admin.graphql for the order lookup; default: the shop's offline session. */
  graphql?: AdminGraphql;
};

type RunOptions = Options & {
  /** A merchant's correction: use this intent instead of the classifier's. */
  intent?: string;
  /** False when a person is looking at the message (a correction): suggest only. */
  allowAutoSend?: boolean;
  /** Settings the caller read a moment ago (the contact form): not read again. */
  settings?: ShopSettings;
};

function normaliseInput(input: MessageInput): MessageInput {
  const references = parseMessageIds(input.references);
  return {
    ...input,
    customerEmail: input.customerEmail?.toLowerCase(),
    emailMessageId: normaliseMessageId(input.emailMessageId) ?? undefined,
    inReplyTo: normaliseMessageId(input.inReplyTo) ?? undefined,
    references: references.length > 0 ? references.join(" ") : undefined,
  };
}

/**
 * What every channel calls: stores the message (a redelivery returns the
 * stored row, `created: false`, and is not processed again), then runs the
 * pipeline and returns the processed row. Never throws for a pipeline step;
 * throws only when the input fails MessageInputSchema (a ZodError) or the
 * message cannot be stored at all.
 */
export async function receiveMessage({ shop, input, graphql }: { shop: string; input: MessageInput } & Options): Promise<ReceiveResult> {
  const { created, message } = await storeMessage({ shop, input: normaliseInput(MessageInputSchema.parse(input)) });
  if (!created) return { created, message };
  return { created, message: await run(shop, message, { graphql }) };
}

// Work that runs after the caller has been answered (acceptMessage). Kept on
// globalThis so the built server and the tests in the same process (which
// import app/ directly) see the same set.
declare global {
  var replyreelPipelineInFlight: Set<Promise<unknown>> | undefined;
}

function inFlight(): Set<Promise<unknown>> {
  globalThis.replyreelPipelineInFlight ??= new Set();
  return globalThis.replyreelPipelineInFlight;
}

/**
 * Stores the message and answers at once; the pipeline (classification,
 * order context from the Admin API, template, auto-send) runs right after, off
 * the caller's path, so a shopper's form never waits on Shopify's Admin API.
 * The stored row (stage "received") is returned. If the process stops before
 * the pipeline finished, resumeUnfinishedMessages picks the message up at the
 * next start. Throws like receiveMessage for invalid input or a failed store.
 */
export async function acceptMessage({
  shop,
  input,
  graphql,
  settings,
}: { shop: string; input: MessageInput; /** The shop's settings if the caller has just read them. */ settings?: ShopSettings } & Options): Promise<ReceiveResult> {
  const { created, message } = await storeMessage({ shop, input: normaliseInput(MessageInputSchema.parse(input)) });
  if (!created) return { created, message };
  const work: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
    .then(() => run(shop, message, { graphql, settings }))
    .catch((error: unknown) => {
      // run() records step failures on the message; this is the database itself failing.
      console.error(`inbox: processing message ${message.id} of ${shop} failed: ${error instanceof Error ? error.message : error}`);
    })
    .finally(() => inFlight().delete(work));
  inFlight().add(work);
  return { created, message };
}

/** Resolves once every message accepted by acceptMessage so far (and any accepted meanwhile) is processed. */
export async function whenPipelineIdle(): Promise<void> {
  while (inFlight().size > 0) await Promise.allSettled([...inFlight()]);
}

/** A batch, a few at a time; results in input order. */
export async function receiveMessages({
  shop,
  inputs,
  graphql,
  concurrency = 4,
}: { shop: string; inputs: MessageInput[]; concurrency?: number } & Options): Promise<ReceiveResult[]> {
  const results: ReceiveResult[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await receiveMessage({ shop, input: inputs[index], graphql });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
  return results;
}

// ─── Classifier per shop ────────────────────────────────────────────────────

type CachedModel = { version: number | null; classifier: Classifier | null; checkedUntil: number };
const MODEL_CACHE_SIZE = 32;
// How long the shop's active model version is trusted without a query. A
// model activated or rolled back through this process (learning.server.ts
// calls forgetShopClassifier) applies at once; through another instance,
// within this time.
const MODEL_CHECK_MS = 5_000;

const modelCache = () => processCache<CachedModel>("models");

/** The shop's active model changed (trained, activated, rolled back, erased): the next message looks it up again. */
export function forgetShopClassifier(shop: string) {
  modelCache().delete(shop);
}

/** The shop's active model (cached per shop and version), else the built-in one. */
export async function classifierFor(shop: string): Promise<{ classifier: Classifier; version: number | null; note?: string }> {
  const cache = modelCache();
  let cached = cache.get(shop);
  if (!cached || cached.checkedUntil <= Date.now()) {
    const active = await prisma.intentModel.findFirst({
      where: { shop, status: "active" },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = active?.version ?? null;
    if (cached?.version !== version) {
      let classifier: Classifier | null = null;
      if (version !== null) {
        const row = await prisma.intentModel.findFirst({ where: { shop, version }, select: { model: true } });
        try {
          // The built-in model's decision policy applies to a shop's retrained model too.
          if (row?.model) classifier = withPolicy(loadModel(JSON.parse(row.model)));
        } catch (error) {
          console.warn(`inbox: ${shop} model v${version} does not load, using the built-in model: ${error instanceof Error ? error.message : error}`);
        }
      }
      cached = { version, classifier, checkedUntil: 0 };
    }
    cached.checkedUntil = Date.now() + MODEL_CHECK_MS;
    cache.delete(shop);
    cache.set(shop, cached);
    if (cache.size > MODEL_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  if (cached.version === null) return { classifier: getBuiltinClassifier(), version: null };
  if (!cached.classifier)
    return { classifier: getBuiltinClassifier(), version: null, note: `model v${cached.version} does not load; the built-in model answered` };
  return { classifier: cached.classifier, version: cached.version };
}

/** Loads the built-in model ahead of the first message (it is parsed lazily otherwise). */
export function warmUpClassifier() {
  getBuiltinClassifier();
}

// ─── Processing ─────────────────────────────────────────────────────────────

class StepError extends Error {
  constructor(step: string, cause: unknown) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 1_000));
    this.name = "StepError";
  }
}

async function step<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StepError(name, error);
  }
}

function shopDisplayName(shop: string, settings: ShopSettings): string {
  return settings.fromName?.trim() || shop.replace(/\.myshopify\.com$/, "");
}

function languagesFor(detected: string, settings: ShopSettings): { languages: InboxLanguage[]; supported: boolean } {
  const supported = isInboxLanguage(detected) && settings.languages.includes(detected);
  const languages = [...new Set<InboxLanguage>([...(supported ? [detected as InboxLanguage] : []), settings.defaultLanguage, "en"])];
  return { languages, supported };
}

function deliveryFor(message: Message, settings: ShopSettings): AutoSendInput["delivery"] {
  if (message.channel === "import") return { ok: false, reason: "imported messages are history: they are never answered automatically" };
  if (message.channel === "api") return { ok: true };
  if (!message.customerEmail) return { ok: false, reason: "the message has no customer email to answer" };
  if (!settings.emailReady) return { ok: false, reason: "email sending is not configured (Settings → Email)" };
  return { ok: true };
}

/**
 * Runs the pipeline on a stored message and returns the updated row. A
 * message already done is returned as it is unless `force` (re-run after a
 * correction or a settings change; it never sends twice).
 */
export async function processMessage({ shop, id, force = false, ...options }: { shop: string; id: string; force?: boolean } & RunOptions): Promise<Message> {
  const message = await prisma.message.findFirst({ where: { shop, id } });
  if (!message) throw new Error(`inbox: message ${id} does not exist in ${shop}`);
  if (message.stage === "done" && !force) return message;
  return run(shop, message, options);
}

async function run(shop: string, message: Message, options: RunOptions): Promise<Message> {
  // The thread is decided early and written with the message's final update
  // (one commit on the hot path); a failure still writes it.
  const progress: { plan?: ThreadPlan } = {};
  try {
    return await runPipeline(shop, message, options, progress);
  } catch (error) {
    const failureReason = error instanceof StepError ? error.message : `pipeline: ${error instanceof Error ? error.message : String(error)}`;
    return finish(shop, message.id, { stage: "failed", failureReason, ...(progress.plan ? { conversationId: progress.plan.id } : {}) }, progress.plan);
  }
}

async function runPipeline(
  shop: string,
  message: Message,
  { graphql, intent: override, allowAutoSend = true, settings: given }: RunOptions,
  progress: { plan?: ThreadPlan }
): Promise<Message> {
  const settings = given ?? (await step("settings", () => getShopSettings({ shop })));
  const plan = await step("thread", () => planThread({ shop, message }));
  progress.plan = plan;
  const conversationId = plan.id;
  const text = message.subject ? `${message.subject}\n${message.body}` : message.body;

  const { prediction, version, note } = await step("classify", async () => {
    if (override) {
      const prediction: Prediction = { label: override, confidence: 1, alternatives: [] };
      return { prediction, version: message.modelVersion, note: `intent set by the merchant (${override})` };
    }
    const { classifier, version, note } = await classifierFor(shop);
    return { prediction: classifier.predict(text), version, note };
  });
  const detection = await step("language", () => detectLanguage(message.body));
  const language = detection.language;
  const entities = await step("entities", () => extractEntities(text));
  const intent = prediction.label;
  const confidence = prediction.confidence;
  const classified = {
    conversationId,
    intent,
    confidence,
    alternatives: override ? message.alternatives ?? "[]" : JSON.stringify(prediction.alternatives),
    entities: JSON.stringify(entities),
    language,
    modelVersion: version,
    failureReason: null,
  };

  const sensitive = settings.sensitiveIntents.includes(intent);
  const previous =
    plan.kind === "new"
      ? 0
      : plan.openMessages ??
        (await step("priority", () => prisma.message.count({ where: { shop, conversationId, id: { not: message.id }, status: { in: ["new", "suggested"] } } })));
  const urgency = scoreUrgency(text, { previousMessagesFromCustomer: previous });
  const waitingMinutes = Math.max(0, (Date.now() - message.receivedAt.getTime()) / 60_000);
  const priority = priorityFor({ intent, sensitive, urgency, waitingMinutes });
  const ranked = { priority: priority.level, priorityScore: priority.score, urgency: urgency.score };

  if (isConfidentSpam(intent, confidence, settings.thresholds)) {
    return finish(
      shop,
      message.id,
      {
        ...classified,
        ...ranked,
        status: "spam",
        suggestedReply: null,
        templateId: null,
        decisionReason: `spam at ${confidence.toFixed(2)}: moved to spam, not answered`,
        orderContext: JSON.stringify({ status: "skipped", reason: "spam" } satisfies StoredOrderContext),
      },
      plan
    );
  }

  const orderNumber = entities.find((e) => e.type === "order_number")?.value ?? null;
  const typedEmail = entities.find((e) => e.type === "email")?.value ?? null;
  const email = message.customerEmail ?? typedEmail;
  const lookUp = Boolean(orderNumber) || (Boolean(email) && ORDER_INTENTS.has(intent));
  let orderContext: StoredOrderContext = lookUp
    ? await step("order context", () => fetchOrderContext({ shop, orderNumber, email, graphql }))
    : { status: "skipped", reason: orderNumber || email ? `${intent} needs no order` : "no order number or email to look up" };
  // The channel gave no sender address: an email written in the text proves nothing.
  if (orderContext.status === "found" && !message.customerEmail && typedEmail && orderContext.match !== "number") {
    orderContext = { ...orderContext, match: "unverified_email" };
  }
  const order = orderContext.status === "found" ? orderContext.order : null;

  const { languages, supported } = languagesFor(language, settings);
  const template = await step("template", () => resolveTemplate({ shop, intent, languages }));
  const notes = [note, orderContext.status === "error" ? `order context: ${orderContext.reason}` : null].filter(Boolean) as string[];
  if (!template || !template.enabled) {
    return finish(
      shop,
      message.id,
      {
        ...classified,
        ...ranked,
        status: "new",
        orderContext: JSON.stringify(orderContext),
        suggestedReply: null,
        templateId: template?.id ?? null,
        decisionReason: [template ? `the ${template.intent} template (${template.language}) is turned off` : `no template for ${intent}`, ...notes].join("; "),
      },
      plan,
      order?.name
    );
  }

  const values = templateValues({
    language: template.language,
    shopName: shopDisplayName(shop, settings),
    shopUrl: `https://${shop}`,
    customerName: message.customerName,
    order,
    messageId: message.id,
    intent,
  });
  // A Chinese reply is written in the shopper's script (traditional or simplified).
  const body = template.language === "zh" ? await inShopperScript(template.body, detection.script, message.body) : template.body;
  const rendered = await step("variables", () => renderTemplate(body, values));
  const suggestedReply = tagProductLinks(rendered.text, { hosts: [shop], intent, messageId: message.id, track: true });
  const violations = checkCompliance(suggestedReply, ruleFor(settings.complianceRules, message));

  const alreadyAnswered = settings.mode === "auto_send" ? (await prisma.reply.count({ where: { shop, messageId: message.id } })) > 0 : false;
  const decision = decideAutoSend({
    mode: settings.mode,
    intent,
    confidence,
    autoSendIntents: settings.autoSendIntents,
    sensitiveIntents: settings.sensitiveIntents,
    thresholds: settings.thresholds,
    channel: message.channel,
    delivery: deliveryFor(message, settings),
    hasSuggestion: true,
    missingVariables: rendered.missing,
    violations,
    languageSupported: supported,
    orderMatch:
      order && orderContext.status === "found" && /\{\{[#^]?\s*(order_|tracking_|items|carrier|product_links)/.test(template.body) ? orderContext.match : null,
    alreadyAnswered,
  });
  const compliance = violations.length > 0 && !decision.reason.includes("channel rules") ? [`channel rules: ${describeViolations(violations)}`] : [];
  const updated = await finish(
    shop,
    message.id,
    {
      ...classified,
      ...ranked,
      status: "suggested",
      orderContext: JSON.stringify(orderContext),
      suggestedReply,
      templateId: template.id,
      decisionReason: [decision.reason, ...compliance, ...notes].join("; "),
    },
    plan,
    order?.name
  );
  if (!decision.autoSend || !allowAutoSend) return updated;

  const sent = await sendReply({ shop, messageId: message.id, body: suggestedReply, author: "auto" });
  if (sent.reply.status === "failed") {
    await prisma.message.updateMany({
      where: { shop, id: message.id },
      data: { decisionReason: `auto-send failed, left as a suggestion: ${sent.reply.error ?? "unknown error"}` },
    });
  }
  return prisma.message.findFirstOrThrow({ where: { shop, id: message.id } });
}

async function finish(shop: string, id: string, data: Prisma.MessageUncheckedUpdateInput, plan?: ThreadPlan, orderName?: string | null): Promise<Message> {
  const update = prisma.message.update({ where: { id, shop }, data: { stage: "done", ...data, processedAt: new Date() } });
  if (!plan) return update;
  const results = await prisma.$transaction([...threadWrites(shop, plan, { orderName }), update]);
  return results.at(-1) as Message;
}

/**
 * Processes messages a previous process stored but never finished (it
 * stopped mid-pipeline). Only messages older than `olderThanMs` are taken, so
 * another instance's message in flight is left to it. Returns how many ran.
 */
export async function resumeUnfinishedMessages({ olderThanMs = 30_000, limit = 1_000 }: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const before = new Date(Date.now() - olderThanMs);
  const pending = await prisma.message.findMany({
    where: { stage: { in: ["received", "classified"] }, createdAt: { lte: before } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, shop: true },
  });
  for (const { id, shop } of pending) await processMessage({ shop, id });
  return pending.length;
}

let bootResumeStarted = false;

/**
 * Called once when the server starts (entry.server.tsx): loads the built-in
 * model, then resumes what a previous process left unfinished. Errors are
 * logged, never thrown: a resume that fails is retried at the next start.
 * Skipped under NODE_ENV=test, where tests call resumeUnfinishedMessages.
 */
export function resumeAtBoot() {
  if (bootResumeStarted || process.env.NODE_ENV === "test") return;
  bootResumeStarted = true;
  setImmediate(() => {
    try {
      warmUpClassifier();
    } catch (error) {
      console.warn(`inbox: the built-in model did not load at boot: ${error instanceof Error ? error.message : error}`);
    }
    resumeUnfinishedMessages()
      .then((count) => {
        if (count > 0) console.info(`inbox: resumed ${count} unfinished message(s)`);
      })
      .catch((error: unknown) => console.error(`inbox: resuming unfinished messages failed: ${error instanceof Error ? error.message : error}`));
  });
}
