import { expect, test } from "vitest";
import { evaluateLanguageDetection } from "./language-eval.ts";
import type { LanguageRow } from "./language-eval.ts";

// A fixed golden table, written for this test and used nowhere else: ten
// messages per language, short and long, with and without accents.
const GOLDEN: LanguageRow[] = [
  { lang: "en", text: "my parcel says delivered but it isn't here" },
  { lang: "en", text: "do you ship to Canada?" },
  { lang: "en", text: "the zipper broke after one week" },
  { lang: "en", text: "Can I swap the blue one for the green one?" },
  { lang: "en", text: "still nothing" },
  { lang: "en", text: "how long does delivery take to Ireland" },
  { lang: "en", text: "I was charged twice, please fix it" },
  { lang: "en", text: "Is the leather real or synthetic?" },
  {
    lang: "en",
    text: "Good morning, I would like to know whether you offer gift wrapping for orders placed this week.",
  },
  { lang: "en", text: "pls unsubscribe me" },
  { lang: "es", text: "mi paquete pone entregado pero no está aquí" },
  { lang: "es", text: "¿hacen envíos a Canarias?" },
  { lang: "es", text: "la cremallera se rompió a la semana" },
  { lang: "es", text: "¿Puedo cambiar el azul por el verde?" },
  { lang: "es", text: "sigo sin recibir nada" },
  { lang: "es", text: "cuanto tarda el envio a Mexico" },
  { lang: "es", text: "me cobraron dos veces, por favor revisen" },
  { lang: "es", text: "¿El cuero es auténtico o sintético?" },
  {
    lang: "es",
    text: "Buenos días, quería saber si ofrecéis envoltorio de regalo para los pedidos de esta semana.",
  },
  { lang: "es", text: "quiero darme de baja de los correos" },
  { lang: "fr", text: "mon colis est indiqué livré mais je ne l'ai pas" },
  { lang: "fr", text: "livrez-vous au Canada ?" },
  { lang: "fr", text: "la fermeture éclair a cassé au bout d'une semaine" },
  { lang: "fr", text: "Est-ce que je peux échanger le bleu contre le vert ?" },
  { lang: "fr", text: "toujours rien" },
  { lang: "fr", text: "combien de temps pour une livraison en Suisse" },
  { lang: "fr", text: "j'ai ete debite deux fois, merci de corriger" },
  { lang: "fr", text: "Le cuir est-il véritable ou synthétique ?" },
  {
    lang: "fr",
    text: "Bonjour, je voudrais savoir si vous proposez un emballage cadeau pour les commandes passées cette semaine.",
  },
  { lang: "fr", text: "je veux me desinscrire de la newsletter" },
  { lang: "zh", text: "显示已签收但是我没收到" },
  { lang: "zh", text: "能寄到加拿大吗？" },
  { lang: "zh", text: "拉链用了一个星期就坏了" },
  { lang: "zh", text: "蓝色的可以换成绿色的吗" },
  { lang: "zh", text: "还是什么都没收到" },
  { lang: "zh", text: "寄到台灣要多久" },
  { lang: "zh", text: "被扣了两次钱，麻烦处理一下" },
  { lang: "zh", text: "這是真皮還是合成皮？" },
  { lang: "zh", text: "您好，想请问这周下单的话可以提供礼品包装吗？" },
  { lang: "zh", text: "請幫我取消訂閱" },
];

test("the golden table is detected with at least 95% accuracy, and 90% in each language", () => {
  const result = evaluateLanguageDetection(GOLDEN);
  expect(result.total).toBe(40);
  expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
  for (const language of ["en", "es", "fr", "zh"] as const) {
    expect(result.perLanguage[language]?.total).toBe(10);
    expect(result.perLanguage[language]?.accuracy).toBeGreaterThanOrEqual(0.9);
  }
});

test("errors are counted against the expected language and listed", () => {
  const result = evaluateLanguageDetection([
    { lang: "en", text: "where is my order" },
    { lang: "fr", text: "where is my parcel" },
    { lang: "fr", text: "où est mon colis" },
    { lang: "zh", text: "我的包裹到哪了" },
  ]);
  expect(result).toMatchObject({ total: 4, correct: 3, accuracy: 0.75 });
  expect(result.perLanguage).toEqual({
    en: { total: 1, correct: 1, accuracy: 1 },
    fr: { total: 2, correct: 1, accuracy: 0.5 },
    zh: { total: 1, correct: 1, accuracy: 1 },
  });
  expect(result.confusion).toEqual({
    en: { en: 1 },
    fr: { en: 1, fr: 1 },
    zh: { zh: 1 },
  });
  expect(result.errors).toEqual([
    { text: "where is my parcel", expected: "fr", predicted: "en" },
  ]);
});

test("an empty table scores zero rather than dividing by zero", () => {
  expect(evaluateLanguageDetection([])).toEqual({
    total: 0,
    correct: 0,
    accuracy: 0,
    perLanguage: {},
    confusion: {},
    errors: [],
  });
});
