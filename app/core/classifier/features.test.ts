import { expect, test } from "vitest";
import { DEFAULT_FEATURE_OPTIONS, extractTerms, foldAccents, foldTraditionalChinese, pickStemLanguage, tokenize } from "./features.ts";
import { SUPPORT_EXAMPLES } from "./test-fixtures.ts";
import { fitVectorizer, vectorize, vectorizeText } from "./vectorizer.ts";

test.each([
  ["Chinese without spaces is split into words", "我的包裹到哪了", ["包裹"]],
  ["Japanese without spaces is split into words", "注文した商品がまだ届きません", ["注文", "商品"]],
  ["accents are kept", "Où est ma commande? Crème brûlée", ["où", "commande", "crème", "brûlée"]],
  ["case is folded", "WHERE Is My ORDER", ["where", "is", "my", "order"]],
  ["full-width letters become ASCII", "ＯＲＤＥＲ", ["order"]],
  ["emoji are tokens", "terrible service 😡", ["terrible", "service", "😡"]],
  ["digits keep their shape only", "order #1043", ["order", "0000"]],
  ["curly apostrophes are straightened", "I can’t log in", ["can't"]],
])("tokenize: %s", (_name, text, expected) => {
  const tokens = tokenize(text);
  for (const token of expected) expect(tokens).toContain(token);
});

test.each([
  ["empty text", ""],
  ["only spaces and punctuation", "   ?!  ... "],
])("tokenize: %s gives no tokens", (_name, text) => {
  expect(tokenize(text)).toEqual([]);
});

test("tokenize: a 100 KB message is cut to maxChars before any work", () => {
  const huge = "where is my order ".repeat(6000); // 108,000 characters
  const tokens = tokenize(huge);
  expect(tokens.length).toBeGreaterThan(0);
  expect(tokens.join(" ").length).toBeLessThanOrEqual(DEFAULT_FEATURE_OPTIONS.maxChars);
  const terms = extractTerms(huge);
  let total = 0;
  for (const count of terms.char.values()) total += count;
  // At most (max − min + 1) n-grams per character of the kept text.
  const perChar = DEFAULT_FEATURE_OPTIONS.charNgramMax - DEFAULT_FEATURE_OPTIONS.charNgramMin + 1;
  expect(total).toBeLessThanOrEqual(DEFAULT_FEATURE_OPTIONS.maxChars * perChar);
});

test("tokenize: a cut never splits an emoji in half", () => {
  const text = "a".repeat(DEFAULT_FEATURE_OPTIONS.maxChars - 1) + "😡";
  expect(tokenize(text).join("")).not.toMatch(/[\ud800-\udbff]$/);
});

test.each([
  ["crème brûlée", "creme brulee"],
  ["ÇA VA", "ÇA VA".normalize("NFD").replace(/\p{M}/gu, "")],
  ["niño", "nino"],
  ["plain", "plain"],
  ["が", "が"],
])("foldAccents(%j) is %j", (input, expected) => {
  expect(foldAccents(input)).toBe(expected);
});

test("extractTerms: an accented word also gives its accent-free variant", () => {
  const { word } = extractTerms("café crème");
  expect([...word.keys()]).toEqual(expect.arrayContaining(["café", "cafe", "crème", "creme"]));
});

test("extractTerms: a typo shares most character n-grams with the right word", () => {
  const right = extractTerms("refund").char;
  const typo = extractTerms("refnud").char;
  const shared = [...typo.keys()].filter((gram) => right.has(gram));
  expect(shared.length / typo.size).toBeGreaterThan(0.4);
});

test("extractTerms: Chinese gets character n-grams across word boundaries", () => {
  const { char } = extractTerms("我的包裹到哪了");
  expect([...char.keys()]).toEqual(expect.arrayContaining(["包裹", "裹到", "到哪了"]));
});

test.each([
  ["我的貨還沒到，請問訂單什麼時候發貨", "我的货还没到，请问订单什么时候发货"],
  ["退貨要怎麼處理", "退货要怎么处理"],
])("extractTerms: traditional Chinese gives the simplified terms (%s)", (traditional, simplified) => {
  const a = extractTerms(traditional);
  const b = extractTerms(simplified);
  expect([...a.word.keys()]).toEqual([...b.word.keys()]);
  expect([...a.char.keys()]).toEqual([...b.char.keys()]);
});

test("extractTerms: without foldTraditional the scripts stay apart (models trained before the option)", () => {
  const options = { ...DEFAULT_FEATURE_OPTIONS, foldTraditional: false };
  const traditional = [...extractTerms("訂單", options).word.keys()];
  expect(traditional).toContain("訂單");
  expect(traditional).not.toContain("订单");
});

test("foldTraditionalChinese: text without Han characters is returned unchanged", () => {
  for (const text of ["Where is order #1043?", "crème brûlée", "", "🙂 ok"]) expect(foldTraditionalChinese(text)).toBe(text);
});

test("extractTerms: stems join inflected forms", () => {
  const a = extractTerms("my cards were charged").word;
  const b = extractTerms("card charge").word;
  expect(a.has("card") && b.has("card")).toBe(true);
  expect(a.has("charg") && b.has("charg")).toBe(true);
});

test("extractTerms: stem bigrams are features", () => {
  expect(extractTerms("cancel orders").word.has("cancel order")).toBe(true);
});

test.each([
  ["empty", ""],
  ["emoji only", "😡😡👍🏽"],
])("extractTerms: %s has no character n-grams", (_name, text) => {
  expect(extractTerms(text).char.size).toBe(0);
});

test.each([
  [["where", "is", "my", "order"], "en"],
  [["dónde", "está", "mi", "pedido", "para", "el", "envío"], "es"],
  [["où", "est", "ma", "commande", "je", "veux"], "fr"],
  [["xyz"], "en"],
])("pickStemLanguage(%j) is %s", (words, expected) => {
  expect(pickStemLanguage(words)).toBe(expected);
});

test.each([
  ["where is my order #1043?"],
  ["我的包裹到哪了"],
  ["Où est ma commande? l'été"],
  ["can't log in 😡"],
  ["a word the vocabulary never saw: xylophone"],
  [""],
])("vectorizeText(%j) equals vectorize(extractTerms()) (prediction and training agree)", (text) => {
  const vectorizer = fitVectorizer(
    SUPPORT_EXAMPLES.map((e) => extractTerms(e.text)),
    { minDf: 1, charWeight: 0.6 },
  );
  // Twice: the second call reads the per-word n-gram cache.
  for (let round = 0; round < 2; round++) {
    const fast = vectorizeText(vectorizer, text, DEFAULT_FEATURE_OPTIONS);
    const slow = vectorize(vectorizer, extractTerms(text));
    const asMap = (v: { indices: Int32Array; values: Float32Array }) => new Map([...v.indices].map((j, k) => [j, v.values[k]]));
    const a = asMap(fast);
    const b = asMap(slow);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [j, value] of b) expect(a.get(j)).toBeCloseTo(value, 6);
  }
});
