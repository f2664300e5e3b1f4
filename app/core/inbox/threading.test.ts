import { expect, test } from "vitest";
import { normaliseMessageId, parseMessageIds, replySubject, replyThreadHeaders, threadCandidates } from "./threading.ts";

test.each([
  [undefined, []],
  ["", []],
  ["<a@x>", ["<a@x>"]],
  ["a@x", ["<a@x>"]],
  ["<a@x> <b@x>\r\n <a@x>", ["<a@x>", "<b@x>"]],
  ["<a@x>,<b@x>", ["<a@x>", "<b@x>"]],
])("parseMessageIds(%j)", (value, ids) => {
  expect(parseMessageIds(value)).toEqual(ids);
});

test("normaliseMessageId and threadCandidates", () => {
  expect(normaliseMessageId("abc@mail")).toBe("<abc@mail>");
  expect(normaliseMessageId(null)).toBeNull();
  expect(threadCandidates({ inReplyTo: "<c@x>", references: "<a@x> <b@x> <c@x>" })).toEqual(["<c@x>", "<b@x>", "<a@x>"]);
});

test.each([
  [{ emailMessageId: null }, {}],
  [{ emailMessageId: "<m1@x>" }, { inReplyTo: "<m1@x>", references: ["<m1@x>"] }],
  [
    { emailMessageId: "<m2@x>", references: "<m0@x> <m1@x>" },
    { inReplyTo: "<m2@x>", references: ["<m0@x>", "<m1@x>", "<m2@x>"] },
  ],
  [
    { emailMessageId: "<m2@x>", inReplyTo: "<m1@x>" },
    { inReplyTo: "<m2@x>", references: ["<m1@x>", "<m2@x>"] },
  ],
])("replyThreadHeaders(%j)", (message, headers) => {
  expect(replyThreadHeaders(message)).toEqual(headers);
});

test("long reference chains keep the root and the latest ids", () => {
  const references = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`).join(" ");
  const headers = replyThreadHeaders({ emailMessageId: "<last@x>", references });
  expect(headers.references).toHaveLength(20);
  expect(headers.references?.[0]).toBe("<m0@x>");
  expect(headers.references?.at(-1)).toBe("<last@x>");
});

test.each([
  ["Where is my order?", "Re: Where is my order?"],
  ["RE: Where is my order?", "RE: Where is my order?"],
  ["回复：订单", "回复：订单"],
  ["", "Your message to Shop"],
  [null, "Your message to Shop"],
])("replySubject(%j)", (subject, expected) => {
  expect(replySubject(subject, "Your message to Shop")).toBe(expected);
});
