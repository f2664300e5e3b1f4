// Import of historical messages (issue 5, item 2c): the documented column names
// of CSV and JSONL files, and the mapping of one row onto message fields.
// Rows are validated by the caller with MessageInputSchema; this file only maps.

/** Documented names (README "Import"); each accepts a few common aliases, case- and separator-insensitive. */
export const IMPORT_COLUMNS = {
  externalId: ["external_id", "id", "message_id", "ticket_id"],
  source: ["channel", "source", "platform"],
  customerName: ["name", "customer_name", "from_name"],
  customerEmail: ["email", "customer_email", "from_email"],
  subject: ["subject", "title"],
  body: ["body", "message", "text", "content"],
  receivedAt: ["received_at", "date", "created_at", "timestamp"],
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;

const normalise = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, "_").replace(/^\uFEFF/, "");

/** Column name → field, for the headers a file actually has; unknown columns are ignored. */
export function mapImportHeaders(headers: readonly string[]): { columns: Map<string, ImportField>; missing: ImportField[] } {
  const columns = new Map<string, ImportField>();
  const taken = new Set<ImportField>();
  for (const header of headers) {
    const name = normalise(header);
    for (const [field, aliases] of Object.entries(IMPORT_COLUMNS) as [ImportField, readonly string[]][]) {
      if (!taken.has(field) && aliases.includes(name)) {
        columns.set(header, field);
        taken.add(field);
        break;
      }
    }
  }
  const missing = (["externalId", "body"] as const).filter((field) => !taken.has(field));
  return { columns, missing };
}

export type ImportRowFields = {
  channel: "import";
  externalId?: string;
  source?: string;
  customerName?: string;
  customerEmail?: string;
  subject?: string;
  body?: string;
  receivedAt?: string;
};

const text = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const s = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  return s.trim() === "" ? undefined : s;
};

/** One CSV record (keyed by header) or JSONL object → message fields, channel "import". */
export function mapImportRecord(record: Record<string, unknown>, columns?: Map<string, ImportField>): ImportRowFields {
  const fields: ImportRowFields = { channel: "import" };
  const mapping = columns ?? mapImportHeaders(Object.keys(record)).columns;
  for (const [column, field] of mapping) {
    const value = text(record[column]);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/** Reasons are kept for the first rows only (ImportJob.report), counts for all. */
export const IMPORT_REPORT_LIMIT = 1_000;
