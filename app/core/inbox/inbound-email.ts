// Inbound email (issue 5, item 2b): the JSON our signed webhook takes, and pure
// mappings from the payloads of common forwarding services onto it, so a relay
// only has to sign and forward what the service posts (README "Inbound email").
import { createHash } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser/index.js";
import { z } from "zod";

const stringOrList = z.union([z.string(), z.array(z.string())]);

export const InboundEmailSchema = z.object({
  from: z.string().trim().min(1, "is required").max(1_000),
  to: stringOrList.optional(),
  subject: z.string().max(2_000).optional(),
  text: z.string().max(200_000).optional(),
  html: z.string().max(1_000_000).optional(),
  messageId: z.string().trim().max(998).optional(),
  inReplyTo: z.string().trim().max(998).optional(),
  references: stringOrList.optional(),
  date: z.string().max(200).optional(),
});
export type InboundEmail = z.infer<typeof InboundEmailSchema>;

export type ParsedAddress = { name?: string; address: string };

/** The first mailbox of an address header ("Ana <ana@x.com>", groups, quoted names), by nodemailer's parser. */
export function parseAddress(header: string): ParsedAddress | undefined {
  const [first] = addressparser(header, { flatten: true });
  if (!first?.address) return undefined;
  return { address: first.address.trim().toLowerCase(), ...(first.name?.trim() ? { name: first.name.trim() } : {}) };
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** A plain-text fallback for an HTML-only email: good enough to classify, not to display (html is kept). */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (match, code: string) => {
      if (code.startsWith("#x") || code.startsWith("#X")) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
      if (code.startsWith("#")) return String.fromCodePoint(Number(code.slice(1)));
      return entities[code.toLowerCase()] ?? match;
    })
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const bracketed = (id: string) => {
  const trimmed = id.trim();
  return trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
};

/** What the pipeline's MessageInput needs from an email (channel "email"). */
export type InboundMessageFields = {
  channel: "email";
  externalId: string;
  customerName?: string;
  customerEmail?: string;
  subject?: string;
  body: string;
  html?: string;
  emailMessageId?: string;
  inReplyTo?: string;
  references?: string;
  receivedAt?: Date;
  source?: string;
};

export type InboundMapping = { ok: true; fields: InboundMessageFields } | { ok: false; reason: string };

/**
 * Maps a validated inbound email onto message fields. The external id is the
 * RFC 5322 Message-ID, so a redelivery is stored once; without one, a digest of
 * sender, date, subject and text stands in.
 */
export function inboundEmailToMessage(email: InboundEmail, source?: string): InboundMapping {
  const sender = parseAddress(email.from);
  if (!sender) return { ok: false, reason: `from: "${email.from.slice(0, 100)}" holds no email address` };
  const text = email.text?.trim() || (email.html ? htmlToPlainText(email.html) : "");
  if (!text) return { ok: false, reason: "text: the email has no text or html body" };
  const messageId = email.messageId?.trim() ? bracketed(email.messageId) : undefined;
  const externalId =
    messageId ??
    `sha256:${createHash("sha256")
      .update([sender.address, email.date ?? "", email.subject ?? "", text].join("\u0000"))
      .digest("hex")}`;
  const references = Array.isArray(email.references) ? email.references.join(" ") : email.references;
  const date = email.date ? new Date(email.date) : undefined;
  return {
    ok: true,
    fields: {
      channel: "email",
      externalId: externalId.slice(0, 200),
      customerEmail: sender.address,
      ...(sender.name ? { customerName: sender.name.slice(0, 200) } : {}),
      ...(email.subject?.trim() ? { subject: email.subject.trim().slice(0, 500) } : {}),
      body: text.slice(0, 20_000),
      ...(email.html ? { html: email.html.slice(0, 200_000) } : {}),
      ...(messageId ? { emailMessageId: messageId } : {}),
      ...(email.inReplyTo?.trim() ? { inReplyTo: bracketed(email.inReplyTo) } : {}),
      ...(references?.trim() ? { references: references.trim().slice(0, 8_000) } : {}),
      ...(date && !Number.isNaN(date.getTime()) ? { receivedAt: date } : {}),
      ...(source ? { source } : {}),
    },
  };
}

// ---- Forwarding services -------------------------------------------------

export const INBOUND_FORMATS = ["replyreel", "postmark", "mailgun", "sendgrid"] as const;
export type InboundFormat = (typeof INBOUND_FORMATS)[number];

type Fields = Record<string, unknown>;
const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

function headerFromList(list: unknown, name: string): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const entry of list) {
    // Postmark: { Name, Value }; Mailgun: [name, value]
    if (Array.isArray(entry) && String(entry[0]).toLowerCase() === name) return str(entry[1]);
    if (entry && typeof entry === "object" && "Name" in entry && String(entry.Name).toLowerCase() === name) {
      return str((entry as { Value?: unknown }).Value);
    }
  }
  return undefined;
}

/** Unfolds a raw RFC 5322 header block (SendGrid's `headers` field) and reads one header. */
export function headerFromRaw(raw: unknown, name: string): string | undefined {
  if (typeof raw !== "string") return undefined;
  const unfolded = raw.replace(/\r?\n[ \t]+/g, " ");
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/**
 * Postmark inbound webhook JSON. Its `MessageID` is Postmark's own id; the
 * email's Message-ID is among `Headers`, and is preferred for threading.
 */
export function fromPostmark(payload: Fields): Fields {
  const fromFull = payload.FromFull as { Email?: string; Name?: string } | undefined;
  const from = fromFull?.Email ? (fromFull.Name ? `"${fromFull.Name.replace(/"/g, "")}" <${fromFull.Email}>` : fromFull.Email) : str(payload.From);
  return {
    from,
    to: str(payload.To),
    subject: str(payload.Subject),
    text: str(payload.TextBody),
    html: str(payload.HtmlBody),
    messageId: headerFromList(payload.Headers, "message-id") ?? str(payload.MessageID),
    inReplyTo: headerFromList(payload.Headers, "in-reply-to"),
    references: headerFromList(payload.Headers, "references"),
    date: str(payload.Date),
  };
}

/** Mailgun routes (`forward("https://…")`): the posted fields, as an object. */
export function fromMailgun(payload: Fields): Fields {
  return {
    from: str(payload.from) ?? str(payload.From) ?? str(payload.sender),
    to: str(payload.To) ?? str(payload.recipient),
    subject: str(payload.subject) ?? str(payload.Subject),
    text: str(payload["body-plain"]),
    html: str(payload["body-html"]),
    messageId: str(payload["Message-Id"]) ?? headerFromList(parseMaybeJson(payload["message-headers"]), "message-id"),
    inReplyTo: str(payload["In-Reply-To"]) ?? headerFromList(parseMaybeJson(payload["message-headers"]), "in-reply-to"),
    references: str(payload.References) ?? headerFromList(parseMaybeJson(payload["message-headers"]), "references"),
    date: str(payload.Date) ?? (typeof payload.timestamp === "string" || typeof payload.timestamp === "number" ? new Date(Number(payload.timestamp) * 1000).toISOString() : undefined),
  };
}

/** SendGrid Inbound Parse (default, not raw): the posted fields, as an object. */
export function fromSendGrid(payload: Fields): Fields {
  return {
    from: str(payload.from),
    to: str(payload.to),
    subject: str(payload.subject),
    text: str(payload.text),
    html: str(payload.html),
    messageId: headerFromRaw(payload.headers, "message-id"),
    inReplyTo: headerFromRaw(payload.headers, "in-reply-to"),
    references: headerFromRaw(payload.headers, "references"),
    date: headerFromRaw(payload.headers, "date"),
  };
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function dropUndefined(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Maps a payload in `format` onto our inbound JSON and validates it. */
export function mapInboundPayload(
  format: InboundFormat,
  payload: unknown,
): { ok: true; email: InboundEmail } | { ok: false; reason: string } {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    return { ok: false, reason: "the body must be a JSON object" };
  }
  const fields = payload as Fields;
  const mapped =
    format === "postmark" ? fromPostmark(fields) : format === "mailgun" ? fromMailgun(fields) : format === "sendgrid" ? fromSendGrid(fields) : fields;
  const result = InboundEmailSchema.safeParse(dropUndefined(mapped));
  if (!result.success) {
    return {
      ok: false,
      reason: result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "),
    };
  }
  return { ok: true, email: result.data };
}
