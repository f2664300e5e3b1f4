import { expect, test } from "vitest";
import { groupBySimilarity } from "./grouping.ts";

const messages = [
  { id: "a1", text: "Do you ship to Iceland?", guess: "shipping_info" },
  { id: "b1", text: "Can I pay with crypto bitcoin?", guess: "payment_issue" },
  { id: "a2", text: "do you ship to iceland please", guess: "shipping_info" },
  { id: "c1", text: "你们的店在哪个城市", guess: null },
  { id: "b2", text: "Pay with bitcoin crypto possible?", guess: "payment_issue" },
  { id: "a3", text: "Do you shipp to Icelnd", guess: null },
  { id: "c2", text: "你们的店在哪个城市？", guess: null },
];

test("similar messages land in one group, different ones apart, in every language", () => {
  const groups = groupBySimilarity(messages);
  const groupOf = (id: string) => groups.findIndex((g) => g.ids.includes(id));
  expect(groupOf("a1")).toBe(groupOf("a2"));
  expect(groupOf("a1")).toBe(groupOf("a3"));
  expect(groupOf("b1")).toBe(groupOf("b2"));
  expect(groupOf("c1")).toBe(groupOf("c2"));
  expect(new Set([groupOf("a1"), groupOf("b1"), groupOf("c1")]).size).toBe(3);
});

test("groups come largest first with counts, samples, terms and the common guess", () => {
  const groups = groupBySimilarity(messages);
  expect(groups.map((g) => g.count)).toEqual([...groups.map((g) => g.count)].sort((a, b) => b - a));
  expect(groups[0].count).toBe(3);
  expect(groups[0].guess).toBe("shipping_info");
  expect(groups[0].samples.length).toBe(3);
  expect(groups[0].terms).toContain("iceland");
  expect(groups.reduce((n, g) => n + g.count, 0)).toBe(messages.length);
});

test("grouping is deterministic", () => {
  expect(groupBySimilarity(messages)).toEqual(groupBySimilarity(messages));
});

test("empty texts and an empty list give no groups", () => {
  expect(groupBySimilarity([])).toEqual([]);
  expect(groupBySimilarity([{ id: "x", text: "   " }])).toEqual([]);
});

test("the same question in traditional and simplified Chinese is one group", () => {
  const groups = groupBySimilarity([
    { id: "s", text: "请问订单号码要从哪里查询", guess: null },
    { id: "t", text: "請問訂單號碼要從哪裡查詢", guess: null },
    { id: "e", text: "Can I pay with bitcoin?", guess: null },
  ]);
  expect(groups.find((g) => g.ids.includes("s"))?.ids.sort()).toEqual(["s", "t"]);
});

test("a stricter threshold splits more", () => {
  const loose = groupBySimilarity(messages, { threshold: 0.05 }).length;
  const strict = groupBySimilarity(messages, { threshold: 0.95 }).length;
  expect(strict).toBeGreaterThan(loose);
});
