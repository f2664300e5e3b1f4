import { expect, test } from "vitest";
import { fromMailgun, fromPostmark, fromSendGrid, headerFromRaw, htmlToPlainText, inboundEmailToMessage, mapInboundPayload, parseAddress } from "./inbound-email.ts";

test.each([
  ['"Ana Pérez" <Ana@X.com>', { name: "Ana Pérez", address: "ana@x.com" }],
  ["Ana <ana@x.com>", { name: "Ana", address: "ana@x.com" }],
  ["ana@x.com", { address: "ana@x.com" }],
  ['"Doe, John" <john@example.org>, other@example.org', { name: "Doe, John", address: "john@example.org" }],
  ["Support team: li@example.cn;", { address: "li@example.cn" }],
])("parseAddress(%s)", (header, expected) => {
  expect(parseAddress(header)).toEqual(expected);
});

test("an address header without a mailbox parses to nothing", () => {
  expect(parseAddress("just a name")).toBeUndefined();
});

// Postmark's inbound webhook JSON (postmarkapp.com/developer/webhooks/inbound-webhook), trimmed.
const postmark = {
  From: "ana@x.com",
  FromName: "Ana",
  FromFull: { Email: "ana@x.com", Name: "Ana", MailboxHash: "" },
  To: "support@shop.example",
  Subject: "Where is my order #1042?",
  MessageID: "22c74902-a0c1-4511-804f-341342852c90",
  Date: "Mon, 30 Nov 2026 08:00:00 +0000",
  TextBody: "Hi, my order #1042 has not arrived.",
  HtmlBody: "<p>Hi, my order #1042 has not arrived.</p>",
  StrippedTextReply: "",
  Headers: [
    { Name: "Message-ID", Value: "<CAF=abc@mail.gmail.com>" },
    { Name: "In-Reply-To", Value: "<reply-1@shop.example>" },
    { Name: "References", Value: "<root@shop.example> <reply-1@shop.example>" },
  ],
  Attachments: [],
};

// Mailgun route forward fields (documentation.mailgun.com, "Receiving messages via HTTP through a forward() action").
const mailgun = {
  recipient: "support@shop.example",
  sender: "ana@x.com",
  from: "Ana <ana@x.com>",
  subject: "Where is my order #1042?",
  "body-plain": "Hi, my order #1042 has not arrived.",
  "stripped-text": "Hi, my order #1042 has not arrived.",
  "body-html": "<p>Hi, my order #1042 has not arrived.</p>",
  timestamp: "1796025600",
  token: "tok",
  signature: "sig",
  "message-headers": JSON.stringify([
    ["Message-Id", "<CAF=abc@mail.gmail.com>"],
    ["In-Reply-To", "<reply-1@shop.example>"],
    ["References", "<root@shop.example> <reply-1@shop.example>"],
  ]),
};

test.each([
  ["postmark", postmark, fromPostmark],
  ["mailgun", mailgun, fromMailgun],
] as const)("%s payload maps onto the same message", (format, payload, mapper) => {
  const mapped = mapper(payload);
  expect(mapped.from).toContain("ana@x.com");
  const result = mapInboundPayload(format, payload);
  if (!result.ok) throw new Error(result.reason);
  const message = inboundEmailToMessage(result.email, format);
  if (!message.ok) throw new Error(message.reason);
  expect(message.fields).toMatchObject({
    channel: "email",
    externalId: "<CAF=abc@mail.gmail.com>",
    emailMessageId: "<CAF=abc@mail.gmail.com>",
    inReplyTo: "<reply-1@shop.example>",
    references: "<root@shop.example> <reply-1@shop.example>",
    customerEmail: "ana@x.com",
    customerName: "Ana",
    subject: "Where is my order #1042?",
    body: "Hi, my order #1042 has not arrived.",
    source: format,
  });
  expect(message.fields.receivedAt?.toISOString()).toBe("2026-11-30T08:00:00.000Z");
});

test("SendGrid's raw header block gives Message-ID and threading headers, folded lines included", () => {
  const headers = "Received: by mx\r\nMessage-ID: <sg-1@mail.example>\r\nReferences: <a@x>\r\n <b@x>\r\nSubject: hi\r\n";
  expect(headerFromRaw(headers, "references")).toBe("<a@x> <b@x>");
  const mapped = fromSendGrid({ from: "Li <li@example.cn>", to: "s@shop", subject: "hi", text: "你好，我的包裹到哪了？", headers });
  expect(mapped).toMatchObject({ messageId: "<sg-1@mail.example>", references: "<a@x> <b@x>" });
});

test("an HTML-only email is classified from its text", () => {
  const result = inboundEmailToMessage({ from: "a@x.com", html: "<div>Hello&nbsp;there<br>Order&#35;1042 &amp; more<script>x()</script></div>" });
  if (!result.ok) throw new Error(result.reason);
  expect(result.fields.body).toBe("Hello there\nOrder#1042 & more");
  expect(htmlToPlainText("<style>p{}</style><p>a <b>bold</b></p>\n\n\n<p>b</p>")).toBe("a bold\n\nb");
});

test("a message without Message-ID gets a stable content id", () => {
  const email = { from: "a@x.com", subject: "s", text: "t", date: "2026-11-30T08:00:00Z" };
  const first = inboundEmailToMessage(email);
  const again = inboundEmailToMessage({ ...email });
  const other = inboundEmailToMessage({ ...email, text: "u" });
  if (!first.ok || !again.ok || !other.ok) throw new Error("mapping failed");
  expect(first.fields.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(again.fields.externalId).toBe(first.fields.externalId);
  expect(other.fields.externalId).not.toBe(first.fields.externalId);
});

test.each([
  [[], "the body must be a JSON object"],
  [{ text: "hi" }, "from"],
  [{ from: 42, text: "hi" }, "from"],
  [{ from: "a@x.com", text: 1 }, "text"],
])("a malformed payload %j is refused with the field named", (payload, reason) => {
  const result = mapInboundPayload("replyreel", payload);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toContain(reason);
});

test.each([
  [{ from: "no address here", text: "hi" }, "holds no email address"],
  [{ from: "a@x.com", text: "   " }, "no text or html"],
])("an email the inbox cannot use is refused: %j", (email, reason) => {
  const result = inboundEmailToMessage(email);
  expect(result).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
});
