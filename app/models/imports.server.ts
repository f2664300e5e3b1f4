// CSV and JSONL import of historical messages (issue 5, item 2c). The file is
// read as a stream (csv-parse / readline) and written in batches, so memory
// stays flat whatever the file's size (bench/inbox/import.ts measures it).
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { Prisma } from "@prisma/client";
import { parse as parseCsv, type CsvError } from "csv-parse";
import prisma from "../db.server.ts";
import { env } from "../env.server.ts";
import { IMPORT_REPORT_LIMIT, mapImportHeaders, mapImportRecord, type ImportField } from "../core/inbox/import-rows.ts";
import { validateMessageInput } from "./channel-ingest.server.ts";
import { storeMessage, type MessageInput } from "./messages.server.ts";
import { processMessage } from "./pipeline.server.ts";

export const IMPORT_FORMATS = ["csv", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** One CSV record or JSONL line longer than this is rejected, not buffered further. */
export const IMPORT_MAX_RECORD_BYTES = 256 * 1024;
const BATCH_SIZE = 500;

export type ReportEntry = { row: number; status: "duplicate" | "rejected"; reason: string };
type Row = { row: number; input: MessageInput };
type Item = { row: number; record: Record<string, unknown> } | { row: number; error: string };

export function importFormatOf(filename: string): ImportFormat | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return undefined;
}

async function* csvItems(data: AsyncIterable<Uint8Array>, onHeaders: (headers: string[]) => void): AsyncGenerator<Item> {
  const skipped: Item[] = [];
  const parser = parseCsv({
    bom: true,
    columns: (headers: string[]) => {
      onHeaders(headers);
      return headers;
    },
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: IMPORT_MAX_RECORD_BYTES,
    info: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      skipped.push({ row: Number(error?.lines ?? 0), error: `unreadable CSV: ${error?.message ?? "malformed record"}` });
      return undefined;
    },
  });
  const source = Readable.from(data);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift() as Item;
    yield { row: entry.info.lines, record: entry.record };
  }
  while (skipped.length) yield skipped.shift() as Item;
}

async function* jsonlItems(data: AsyncIterable<Uint8Array>): AsyncGenerator<Item> {
  const lines = createInterface({ input: Readable.from(data), crlfDelay: Infinity });
  let row = 0;
  for await (const line of lines) {
    row += 1;
    if (line.trim() === "") continue;
    if (line.length > IMPORT_MAX_RECORD_BYTES) {
      yield { row, error: `the line is longer than ${IMPORT_MAX_RECORD_BYTES} characters` };
      continue;
    }
    try {
      const value = JSON.parse(line) as unknown;
      if (!value || typeof value !== "object" || Array.isArray(value)) yield { row, error: "the line is not a JSON object" };
      else yield { row, record: value as Record<string, unknown> };
    } catch (error) {
      yield { row, error: `the line is not JSON: ${(error as Error).message}` };
    }
  }
}

/** A row without an external id gets one from its content, so importing the same file twice stores it once. */
function contentId(fields: Record<string, unknown>) {
  const digest = createHash("sha256")
    .update([fields.source, fields.customerEmail, fields.receivedAt, fields.subject, fields.body].map((v) => String(v ?? "")).join("\u0000"))
    .digest("hex");
  return `row-sha256:${digest.slice(0, 40)}`;
}

export async function importMessages({
  shop,
  filename,
  format,
  data,
  process = env().REPLYREEL_IMPORT_CLASSIFY === "background",
}: {
  shop: string;
  filename: string;
  format: ImportFormat;
  data: AsyncIterable<Uint8Array>;
  /** Classify and suggest for the stored rows afterwards, in the background. */
  process?: boolean;
}) {
  const job = await prisma.importJob.create({ data: { shop, filename: filename.slice(0, 255), format } });
  const counts = { total: 0, imported: 0, duplicates: 0, rejected: 0 };
  const report: ReportEntry[] = [];
  const note = (entry: ReportEntry) => {
    if (report.length < IMPORT_REPORT_LIMIT) report.push(entry);
  };
  let columns: Map<string, ImportField> | undefined;
  let headerError: string | undefined;
  let batch: Row[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const ids = [...new Set(rows.map((r) => r.input.externalId))];
    const existing = new Set(
      (await prisma.message.findMany({ where: { shop, channel: "import", externalId: { in: ids } }, select: { externalId: true } })).map(
        (m) => m.externalId,
      ),
    );
    const fresh: Row[] = [];
    for (const row of rows) {
      if (existing.has(row.input.externalId)) {
        counts.duplicates += 1;
        note({ row: row.row, status: "duplicate", reason: `external id "${row.input.externalId}" is already stored` });
      } else {
        existing.add(row.input.externalId);
        fresh.push(row);
      }
    }
    if (fresh.length > 0) {
      const now = new Date();
      try {
        await prisma.message.createMany({ data: fresh.map((r) => ({ ...r.input, shop, receivedAt: r.input.receivedAt ?? now })) });
        counts.imported += fresh.length;
      } catch (error) {
        // Another import of the same rows raced this batch: store one by one, the unique index decides.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
        for (const row of fresh) {
          const { created } = await storeMessage({ shop, input: row.input });
          if (created) counts.imported += 1;
          else {
            counts.duplicates += 1;
            note({ row: row.row, status: "duplicate", reason: `external id "${row.input.externalId}" is already stored` });
          }
        }
      }
    }
    await prisma.importJob.updateMany({ where: { id: job.id, shop }, data: { ...counts, report: JSON.stringify(report) } });
  };

  try {
    const items =
      format === "csv"
        ? csvItems(data, (headers) => {
            const mapped = mapImportHeaders(headers);
            columns = mapped.columns;
            if (mapped.missing.includes("body")) headerError = `the header has no message column (body, message, text or content); it has: ${headers.join(", ")}`;
          })
        : jsonlItems(data);
    for await (const item of items) {
      if (headerError) break;
      counts.total += 1;
      if ("error" in item) {
        counts.rejected += 1;
        note({ row: item.row, status: "rejected", reason: item.error });
        continue;
      }
      const fields = mapImportRecord(item.record, columns);
      const validated = validateMessageInput({ ...fields, externalId: fields.externalId ?? contentId(fields) });
      if (!validated.ok) {
        counts.rejected += 1;
        note({ row: item.row, status: "rejected", reason: Object.entries(validated.errors).map(([k, v]) => `${k}: ${v}`).join("; ") });
        continue;
      }
      batch.push({ row: item.row, input: validated.input });
      if (batch.length >= BATCH_SIZE) await flush();
    }
    await flush();
    if (process && counts.imported > 0) startProcessingImported(shop);
    return finish(headerError ? { status: "failed", error: headerError } : { status: "done", error: null });
  } catch (error) {
    await flush().catch(() => undefined);
    return finish({ status: "failed", error: (error as Error).message.slice(0, 1_000) });
  }

  async function finish({ status, error }: { status: "done" | "failed"; error: string | null }) {
    await prisma.importJob.updateMany({
      where: { id: job.id, shop },
      data: { ...counts, report: JSON.stringify(report), status, error, finishedAt: new Date() },
    });
    return prisma.importJob.findFirstOrThrow({ where: { id: job.id, shop } });
  }
}

const processing = new Map<string, Promise<unknown>>();

/** Resolves when no imported rows are being processed in the background (tests, shutdown). */
export async function whenImportsIdle(): Promise<void> {
  while (processing.size > 0) await Promise.allSettled([...processing.values()]);
}

/**
 * Runs the pipeline over the shop's imported rows that are still "received",
 * oldest first, one at a time so the live channels keep the database. Never
 * auto-sends: these are history. A restart leaves the rest to the pipeline's
 * resumeUnfinishedMessages.
 */
export async function processImportedMessages({ shop, batch = 200 }: { shop: string; batch?: number }): Promise<number> {
  let done = 0;
  for (;;) {
    const pending = await prisma.message.findMany({
      where: { shop, channel: "import", stage: "received" },
      orderBy: { createdAt: "asc" },
      take: batch,
      select: { id: true },
    });
    if (pending.length === 0) return done;
    for (const { id } of pending) {
      await processMessage({ shop, id, allowAutoSend: false });
      done += 1;
    }
  }
}

function startProcessingImported(shop: string) {
  if (processing.has(shop)) return;
  processing.set(
    shop,
    processImportedMessages({ shop })
      .catch((error: unknown) => console.warn(`import: processing ${shop}'s imported messages stopped: ${(error as Error).message}`))
      .finally(() => processing.delete(shop)),
  );
}

export async function listImportJobs({ shop, take = 10 }: { shop: string; take?: number }) {
  return prisma.importJob.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take });
}

export async function getImportJob({ shop, id }: { shop: string; id: string }) {
  return prisma.importJob.findFirst({ where: { shop, id } });
}
