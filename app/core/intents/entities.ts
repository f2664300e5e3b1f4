// Entities in a shopper message: order numbers, emails, tracking numbers and
// phone numbers, each with the span of the text it came from so the inbox can
// highlight it.
//
// Detectors run from the most to the least specific and a span, once taken,
// is not looked at again: an email hides the digits in it, a UPS or postal
// tracking code hides its digits from the phone and order detectors, a phone
// hides its digits from the order detector. A bare number becomes an order
// number only next to a keyword (order, pedido, commande, 订单, 單號, …) or a
// '#'; prices, years and quantities never do.

export type EntityType = "order_number" | "email" | "tracking_number" | "phone";

export type Carrier =
  | "ups"
  | "usps"
  | "fedex"
  | "dhl"
  | "china_post"
  | "ems"
  | "sf_express"
  | "yunexpress"
  | "colissimo"
  | "postal"
  | "unknown";

export type Span = { start: number; end: number };

export type Entity = {
  type: EntityType;
  /** Normalised: the digits of an order number, a lower-cased email, an upper-cased tracking code, a phone's digits (with its leading "+" when international). */
  value: string;
  /** The first mention as written ("#RR-1043", "+1 (415) 555-0100"). */
  raw: string;
  /** UTF-16 offsets of the first mention, end exclusive: text.slice(start, end) === raw. */
  start: number;
  end: number;
  /** Every mention of the same value, in order. */
  mentions: Span[];
  carrier?: Carrier;
};

type Candidate = Omit<Entity, "mentions">;

const NOT_ALNUM_BEFORE = String.raw`(?<![A-Za-z0-9])`;
const NOT_ALNUM_AFTER = String.raw`(?![A-Za-z0-9])`;

const EMAIL =
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const URL = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi;

// Carrier formats: UPS "1Z" + 16; UPU S10 (ISO/UPU standard S10: 2 letters,
// 8 digits + check digit, country code), e.g. LX123456789CN, EE123456789CN;
// SF Express "SF" + 12-13 digits; YunExpress "YT" + 16 digits; Colissimo
// "6A" + 11 digits. SF and YT are accepted with a few digits more or less:
// shoppers copy older and partner formats, and the prefix is what counts.
const STRONG_TRACKING: ReadonlyArray<{
  pattern: RegExp;
  carrier: (code: string) => Carrier;
}> = [
  { pattern: re(String.raw`1Z[0-9A-Z]{16}`, "gi"), carrier: () => "ups" },
  { pattern: re(String.raw`SF\d{10,15}`, "gi"), carrier: () => "sf_express" },
  { pattern: re(String.raw`YT\d{10,18}`, "gi"), carrier: () => "yunexpress" },
  {
    pattern: re(String.raw`[68][A-Z]\d{11}`, "gi"),
    carrier: () => "colissimo",
  },
  { pattern: re(String.raw`[A-Z]{2}\d{9}[A-Z]{2}`, "gi"), carrier: s10Carrier },
];

// Letters then many digits, as written by carriers we don't know by name
// (Cainiao LP…, national posts): upper case only, so words stay words.
const GENERIC_TRACKING = re(String.raw`[A-Z]{1,4}\d{8,22}[A-Z]{0,3}`, "g");

const DIGIT_RUN = re(String.raw`\d{10,30}`, "g");
// USPS and others print long numbers in groups of four.
const GROUPED_DIGITS = re(String.raw`\d{4}(?: \d{4}){2,5}(?: \d{1,4})?`, "g");

const GROUPED_NUMBER = /(?<![\d+])\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\d])/g;

const TRACKING_CONTEXT =
  /track|traking|rastreo|rastreamento|seguimiento|suivi|colis|gu[ií]a|env[ií]o|paquete|dhl|fedex|\bups\b|usps|carrier|courier|shipment|shipping|waybill|\bawb\b|parcel|运单|快递|物流|单号|追踪|跟踪|查询|運單|快遞|單號|追蹤|查詢/i;
const TAX_ID_CONTEXT =
  /\b(?:vat|tva|iva|nif|cif|tax|ust|siret|siren|ein)\b|税号|稅號|統編|统一社会信用代码/i;
const PHONE_CONTEXT =
  /phone|\btel\b|\btél|call|mobile|\bcell|whats\s?app|wechat|微信|电话|手机|電話|手機|联系|聯繫|tel[eé]fono|m[oó]vil|celular|ll[aá]m|t[eé]l[eé]phone|portable|appel/i;

const INTERNATIONAL_PHONE =
  /(?<![\w+])(?:\+|00)\s?[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,6}(?!\d)/g;
const NATIONAL_PHONES: readonly RegExp[] = [
  // North America: (415) 555-0100, 415-555-0100, 1-800-555-0100
  /(?<![\d+])(?:1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)/g,
  // France: 06 12 34 56 78, 06.12.34.56.78, contiguous mobiles 06/07
  /(?<![\d+])0[1-9](?:[\s.-]\d{2}){4}(?!\d)|(?<![\d+])0[67]\d{8}(?!\d)/g,
  // Spain: 612 345 678, 612 34 56 78
  /(?<![\d+])[6-9]\d{2}(?:[\s.-]\d{3}[\s.-]\d{3}|[\s.-]\d{2}[\s.-]\d{2}[\s.-]\d{2})(?!\d)/g,
  // China mobile: 13812345678, 138 1234 5678, 138-1234-5678
  /(?<![\d+])1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
];

const ORDER_KEYWORD = [
  // Chinese first: "订单号" must win over "订单" and "单号".
  "订单号码",
  "訂單號碼",
  "订单编号",
  "訂單編號",
  "订单号",
  "訂單號",
  "订单",
  "訂單",
  "(?<!快递|快遞|物流|运|運)单号",
  "(?<!快递|快遞|物流|运|運)單號",
  String.raw`n[º°o]\.?\s*de\s+(?:pedido|commande)`,
  String.raw`n[uú]mero\s+de\s+pedido`,
  String.raw`num[eé]ro\s+de\s+commande`,
  String.raw`\border\s+(?:number|num|no\.?|nr\.?|id)`,
  String.raw`\border(?:s)?\b`,
  String.raw`\bordr\b`,
  String.raw`\bpedidos?\b`,
  String.raw`\bordenes\b|\borden\b`,
  String.raw`\bcommandes?\b`,
  String.raw`\bcde\b`,
  String.raw`\bcmd\b`,
].join("|");

// Between the keyword and the number: "no.", "nº", "number", "ref", "#", ":", "is", "是", …
const ORDER_CONNECTOR = String.raw`(?:\s*(?:number|num\.?|no\.|no|nr\.?|ref\.?|reference|referencia|r[eé]f[eé]rence|nro\.?|n[uú]m(?:ero)?\.?|num[eé]ro|n[º°o]\.?|id|is|es|est|was|:|：|#|＃|号|號|是|为|為|-)\s*){0,3}\s*`;
const ORDER_TOKEN = String.raw`(?:[#＃]\s?)?(?:[A-Z]{1,6}-?)?\d{3,12}(?:-\d{2,8})?${NOT_ALNUM_AFTER}(?![.,]\d)`;
const ORDER_AFTER_KEYWORD = new RegExp(
  String.raw`(?:${ORDER_KEYWORD})${ORDER_CONNECTOR}(${ORDER_TOKEN})`,
  "giu"
);
const ORDER_LIST_ITEM = new RegExp(
  String.raw`\s*(?:,|、|，|&|and|y|et|和|及|或|or|o|ou|\/)\s*(${ORDER_TOKEN})`,
  "iuy"
);
const HASH_ORDER = new RegExp(
  String.raw`(?<![\p{L}\p{N}&])[#＃]\s?(?:[A-Z]{1,6}-?)?\d{3,12}(?:-\d{2,8})?${NOT_ALNUM_AFTER}(?![.,]\d)`,
  "gu"
);

// A number followed by one of these is a quantity, a price or a share.
const UNIT_AFTER =
  /^\s*(?:pcs?\b|pieces?\b|pi[eè]ces?\b|piezas?\b|units?\b|unidades\b|uds?\b|items?\b|x\b|%|€|\$|£|¥|usd\b|eur\b|euros?\b|dollars?\b|d[oó]lares\b|pesos\b|mxn\b|gbp\b|cad\b|aud\b|rmb\b|yuan\b|元|块|塊|件|个|個|只|套|箱|ml\b|kg\b|g\b|cm\b|mm\b)/i;
const CURRENCY_BEFORE = /(?:[$€£¥]|usd|eur|rmb)\s*$/i;

function re(body: string, flags: string): RegExp {
  return new RegExp(`${NOT_ALNUM_BEFORE}(?:${body})${NOT_ALNUM_AFTER}`, flags);
}

function s10Carrier(code: string): Carrier {
  const upper = code.toUpperCase();
  const country = upper.slice(-2);
  if (country === "CN") return upper.startsWith("E") ? "ems" : "china_post";
  if (country === "US") return "usps";
  return "postal";
}

/**
 * Finds order numbers, emails, tracking numbers and phone numbers.
 *
 * extractEntities("订单号1043, tracking LX123456789CN")
 * // [{ type: "order_number", value: "1043", raw: "1043", start: 3, end: 7, … },
 * //  { type: "tracking_number", value: "LX123456789CN", carrier: "china_post", … }]
 */
export function extractEntities(text: string): Entity[] {
  const taken: Span[] = [];
  const found: Candidate[] = [];
  const isFree = (start: number, end: number) =>
    taken.every((s) => end <= s.start || start >= s.end);
  const accept = (candidate: Candidate) => {
    if (!isFree(candidate.start, candidate.end)) return false;
    taken.push({ start: candidate.start, end: candidate.end });
    found.push(candidate);
    return true;
  };
  const block = (start: number, end: number) => {
    if (isFree(start, end)) taken.push({ start, end });
  };

  for (const m of text.matchAll(EMAIL)) {
    const raw = m[0].replace(/\.+$/, "");
    accept({
      type: "email",
      value: raw.toLowerCase(),
      raw,
      start: m.index,
      end: m.index + raw.length,
    });
  }

  for (const { pattern, carrier } of STRONG_TRACKING) {
    for (const m of text.matchAll(pattern)) {
      accept(tracking(m[0], m.index, carrier(m[0])));
    }
  }

  // A link's digits are neither orders nor phones.
  for (const m of text.matchAll(URL)) block(m.index, m.index + m[0].length);

  for (const m of text.matchAll(INTERNATIONAL_PHONE)) {
    const raw = m[0].replace(/[\s.(-]+$/, "");
    const digits = raw.replace(/\D/g, "").replace(/^00/, "");
    if (digits.length < 8 || digits.length > 15) continue;
    accept(phone(raw, m.index, `+${digits}`));
  }

  for (const m of text.matchAll(ORDER_AFTER_KEYWORD)) {
    let token = m[1];
    let tokenStart = m.index + m[0].length - token.length;
    // "订单#1043": the '#' belongs to the number as written.
    const hash = /[#＃]\s?$/.exec(text.slice(m.index, tokenStart));
    if (hash && !/^[#＃]/.test(token)) {
      tokenStart -= hash[0].length;
      token = text.slice(
        tokenStart,
        tokenStart + hash[0].length + token.length
      );
    }
    if (isVerbOrder(text, m.index, m[0], token)) continue;
    if (!acceptOrder(text, token, tokenStart, accept)) continue;
    // "orders 1043, 1044 and 1045"
    let cursor = tokenStart + token.length;
    for (;;) {
      ORDER_LIST_ITEM.lastIndex = cursor;
      const item = ORDER_LIST_ITEM.exec(text);
      if (!item) break;
      const itemStart = cursor + item[0].length - item[1].length;
      if (!acceptOrder(text, item[1], itemStart, accept)) break;
      cursor = itemStart + item[1].length;
    }
  }
  for (const m of text.matchAll(HASH_ORDER))
    acceptOrder(text, m[0], m.index, accept);

  for (const m of text.matchAll(GENERIC_TRACKING)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (TAX_ID_CONTEXT.test(before)) continue;
    const digits = m[0].replace(/\D/g, "").length;
    // "DE123456789" is as likely a VAT number as a parcel: short codes need a word about tracking.
    if (
      digits < 10 &&
      !TRACKING_CONTEXT.test(before) &&
      !/[A-Z]{2}$/.test(m[0])
    )
      continue;
    accept(tracking(m[0], m.index, "unknown"));
  }

  for (const pattern of NATIONAL_PHONES) {
    for (const m of text.matchAll(pattern)) {
      accept(phone(m[0], m.index, m[0].replace(/\D/g, "")));
    }
  }

  for (const pattern of [GROUPED_DIGITS, DIGIT_RUN]) {
    for (const m of text.matchAll(pattern)) {
      const digits = m[0].replace(/\D/g, "");
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      const carrier = digitCarrier(digits, before);
      if (carrier) {
        accept({ ...tracking(m[0], m.index, carrier), value: digits });
      } else if (PHONE_CONTEXT.test(before) && digits.length <= 15) {
        accept(phone(m[0], m.index, digits));
      }
    }
  }

  // "el correcto es 55 1234 5678": any grouped number right after a word about phones.
  for (const m of text.matchAll(GROUPED_NUMBER)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 8 || digits.length > 15) continue;
    if (!PHONE_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index)))
      continue;
    accept(phone(m[0], m.index, digits));
  }

  return merge(found);
}

// Long digit-only numbers: USPS 20-22 digits starting 91-95; FedEx 12 or 15
// digits unless the message names another carrier (Chinese couriers use
// those lengths too); DHL Express 10 digits, which is also the length of a
// phone number, so only next to a word about tracking; anything else 10-30
// digits long only next to such a word (a 16-digit number alone may be a card
// number).
function digitCarrier(digits: string, before: string): Carrier | undefined {
  const trackingContext = TRACKING_CONTEXT.test(before);
  if (digits.length >= 20 && digits.length <= 22 && /^9[1-5]/.test(digits))
    return "usps";
  if (digits.length === 12 || digits.length === 15) {
    return trackingContext && !/fedex/i.test(before) ? "unknown" : "fedex";
  }
  if (!trackingContext) return undefined;
  if (digits.length === 10)
    return /fedex|ups|usps|快递|快遞|物流/i.test(before) ? "unknown" : "dhl";
  if (digits.length === 11 && /^1[3-9]/.test(digits)) return undefined;
  return "unknown";
}

function phone(raw: string, start: number, value: string): Candidate {
  return { type: "phone", value, raw, start, end: start + raw.length };
}

function tracking(raw: string, start: number, carrier: Carrier): Candidate {
  return {
    type: "tracking_number",
    value: raw.toUpperCase(),
    raw,
    start,
    end: start + raw.length,
    carrier,
  };
}

// "we want to order 120 hoodies": English "order" is also a verb. After a
// subject or a modal, a number is a quantity unless it is marked as an order
// number ("order #1043", "order number 1043").
const VERB_BEFORE =
  /\b(?:to|will|would|can|could|should|must|might|i|we|they|you|u|wanna|gonna|also|just)\s+$|['’]d\s+$/i;

function isVerbOrder(
  text: string,
  keywordStart: number,
  match: string,
  token: string
): boolean {
  if (!/^orders?\s/i.test(match)) return false;
  if (
    /[#＃]|number|no\.?\s|nr|id/i.test(
      match.slice(0, match.length - token.length)
    )
  )
    return false;
  return VERB_BEFORE.test(
    text.slice(Math.max(0, keywordStart - 12), keywordStart)
  );
}

function acceptOrder(
  text: string,
  token: string,
  start: number,
  accept: (c: Candidate) => boolean
): boolean {
  const end = start + token.length;
  if (UNIT_AFTER.test(text.slice(end, end + 12))) return false;
  if (CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 4), start)))
    return false;
  const prefix = /[A-Za-z]+/.exec(token)?.[0];
  // A prefix is written in capitals ("RR-1043"); "is1043" is not a prefix.
  if (prefix && prefix !== prefix.toUpperCase()) return false;
  // "单号 JT5566778899": letters glued to a long number are a carrier's code.
  if (/^[A-Z]{1,4}\d{8,}$/.test(token)) return false;
  const digits = token.replace(/\D/g, "");
  return accept({
    type: "order_number",
    value: digits,
    raw: token,
    start,
    end,
  });
}

function merge(candidates: Candidate[]): Entity[] {
  const byKey = new Map<string, Entity>();
  const ordered = [...candidates].sort((a, b) => a.start - b.start);
  for (const candidate of ordered) {
    const key = `${candidate.type}\u0000${candidate.value}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.mentions.push({ start: candidate.start, end: candidate.end });
    } else {
      byKey.set(key, {
        ...candidate,
        mentions: [{ start: candidate.start, end: candidate.end }],
      });
    }
  }
  return [...byKey.values()];
}
