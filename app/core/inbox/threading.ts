// Email threading (RFC 5322 §3.6.4): a reply carries In-Reply-To with the
// message it answers and References with the thread so far, so the customer's
// mail client keeps the conversation together, and their next message leads
// us back to the same conversation.

/** Message-IDs in a header value, each as "<id>", in order, without duplicates. */
export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  const ids =
    bracketed ??
    value
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => `<${id.replace(/^<|>$/g, "")}>`);
  return [...new Set(ids)];
}

/** One Message-ID in its canonical "<id>" form, or null. */
export function normaliseMessageId(value: string | null | undefined): string | null {
  return parseMessageIds(value)[0] ?? null;
}

/** The ids a new message may belong to, most specific first: In-Reply-To, then References from the newest. */
export function threadCandidates({ inReplyTo, references }: { inReplyTo?: string | null; references?: string | null }): string[] {
  return [...new Set([...parseMessageIds(inReplyTo), ...parseMessageIds(references).reverse()])];
}

// Mail servers reject very long header lines; keep the root and the latest ids (RFC 5322 §3.6.4 allows trimming).
const MAX_REFERENCES = 20;

/** In-Reply-To and References for our reply to a message. */
export function replyThreadHeaders(message: { emailMessageId?: string | null; references?: string | null; inReplyTo?: string | null }): {
  inReplyTo?: string;
  references?: string[];
} {
  const own = normaliseMessageId(message.emailMessageId);
  if (!own) return {};
  const earlier = parseMessageIds(message.references);
  if (earlier.length === 0) earlier.push(...parseMessageIds(message.inReplyTo));
  let references = [...new Set([...earlier, own])];
  if (references.length > MAX_REFERENCES) references = [references[0], ...references.slice(-(MAX_REFERENCES - 1))];
  return { inReplyTo: own, references };
}

const REPLY_PREFIX = /^\s*(re|aw|sv|antw|r[ée]f|回复|回覆|答复)\s*[:：]/i;

export function replySubject(subject: string | null | undefined, fallback: string): string {
  const base = subject?.trim();
  if (!base) return fallback;
  return REPLY_PREFIX.test(base) ? base : `Re: ${base}`;
}
