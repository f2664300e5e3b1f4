import { expect, test } from "vitest";
import { scoreUrgency } from "./urgency.ts";

test.each([
  // text, level, a reason it must give
  // English
  ["where is my order", "low", undefined],
  ["Thanks!", "low", undefined],
  ["I need it ASAP", "high", "urgency:asap"],
  ["please cancel a.s.a.p.", "high", "urgency:asap"],
  ["This is urgent, the address is wrong", "high", "urgency:urgent"],
  ["refund me immediately", "high", "urgency:immediately"],
  ["This is ridiculous", "high", "anger:ridiculous"],
  ["total scam, you are thieves", "high", "anger:scam"],
  ["third time I'm writing about this", "normal", "repeat:nth time"],
  [
    "I have emailed you 3 times about my refund",
    "normal",
    "repeat:already contacted",
  ],
  ["Still waiting for my refund", "normal", "waiting:still waiting"],
  ["I need it by Friday for a wedding", "normal", "deadline:by date"],
  ["WHERE IS MY ORDER, IT HAS BEEN A MONTH", "high", "caps:100%"],
  ["hello???!!!", "normal", "exclamations:3"],
  ["URGENT!!! CANCEL MY ORDER NOW", "urgent", "urgency:urgent"],
  [
    "This is ridiculous, third time I'm writing!!!",
    "urgent",
    "anger:ridiculous",
  ],
  [
    "asap!! unacceptable service, I have already emailed twice",
    "urgent",
    "anger:ridiculous",
  ],
  // Chinese
  ["我的包裹到哪了", "low", undefined],
  ["今天必须发货", "high", "urgency:今天必须"],
  ["很急，麻烦马上处理", "high", "urgency:急"],
  ["请尽快退款", "high", "urgency:马上"],
  ["第三次问了，还是没人回", "normal", "repeat:第三次"],
  ["垃圾客服", "high", "anger:垃圾"],
  ["騙子！我要投訴", "high", "anger:垃圾"],
  ["急急急！！！", "high", "exclamations:3"],
  ["第三次问了，垃圾客服，马上退钱！！！", "urgent", "repeat:第三次"],
  ["明天要用，能今天发吗", "normal", "deadline:明天要"],
  // Spanish
  ["¿dónde está mi pedido?", "low", undefined],
  ["es urgente", "high", "urgency:urgent"],
  ["lo necesito cuanto antes", "high", "urgency:cuanto antes"],
  ["respondan inmediatamente", "high", "urgency:immediately"],
  ["devuélvanme mi dinero ya", "high", "urgency:ya"],
  ["lo quiero ya!", "high", "urgency:ya"],
  ["ya llegó el paquete, gracias", "low", undefined],
  ["ya lo recibí", "low", undefined],
  ["otra vez escribiendo por lo mismo", "normal", "repeat:otra vez"],
  ["esto es una vergüenza", "high", "anger:verguenza"],
  ["es una estafa, estoy harta", "high", "anger:estafa"],
  ["¡¡¡URGENTE!!! TERCERA VEZ QUE ESCRIBO", "urgent", "repeat:otra vez"],
  // French
  ["où est ma commande ?", "low", undefined],
  ["c'est urgent", "high", "urgency:urgent"],
  ["répondez immédiatement", "high", "urgency:immediately"],
  ["remboursez-moi au plus vite", "high", "urgency:au plus vite"],
  ["encore une fois, je n'ai rien reçu", "normal", "repeat:encore une fois"],
  ["c'est inadmissible", "high", "anger:inadmissible"],
  ["j'en ai marre, c'est une arnaque", "high", "anger:arnaque"],
  ["j'attends toujours mon colis", "normal", "waiting:still waiting"],
  [
    "C'EST LA TROISIÈME FOIS QUE J'ÉCRIS !!!",
    "urgent",
    "repeat:encore une fois",
  ],
])("%s → %s", (text, level, reason) => {
  const urgency = scoreUrgency(text);
  expect(urgency.level).toBe(level);
  if (reason) expect(urgency.reasons).toContain(reason);
  else expect(urgency).toEqual({ score: 0, level: "low", reasons: [] });
});

test.each([
  ["no rush, whenever you can", "calm:no rush"],
  ["not urgent at all", "calm:no rush"],
  ["不急，慢慢来", "calm:不急"],
  ["不着急的", "calm:不急"],
  ["no es urgente", "calm:sin prisa"],
  ["sin prisa, gracias", "calm:sin prisa"],
  ["pas urgent", "calm:pas presse"],
  ["je ne suis pas pressée", "calm:pas presse"],
])("calm: %s", (text, reason) => {
  const urgency = scoreUrgency(text);
  expect(urgency).toMatchObject({ score: 0, level: "low" });
  expect(urgency.reasons).toContain(reason);
});

test("a calm phrase takes points off other signals", () => {
  const plain = scoreUrgency("cancel my order!!");
  const calm = scoreUrgency("cancel my order!! no rush");
  expect(calm.score).toBeLessThan(plain.score);
});

test.each([
  [0, 0],
  [1, 0.181],
  [2, 0.33],
  [3, 0.451],
  [10, 0.451],
])(
  "previous messages from the customer: %i → %d",
  (previousMessagesFromCustomer, score) => {
    const urgency = scoreUrgency("any update?", {
      previousMessagesFromCustomer,
    });
    expect(urgency.score).toBe(score);
    if (previousMessagesFromCustomer > 0) {
      expect(urgency.reasons).toEqual([
        `previous_messages:${previousMessagesFromCustomer}`,
      ]);
    }
  }
);

test("previous messages add to what the text says", () => {
  const alone = scoreUrgency("still no refund, this is unacceptable");
  const again = scoreUrgency("still no refund, this is unacceptable", {
    previousMessagesFromCustomer: 2,
  });
  expect(again.score).toBeGreaterThan(alone.score);
  expect(again.level).toBe("urgent");
});

test.each([
  // too few letters to call it shouting
  ["OK THX"],
  ["UPS DHL USPS"],
  // codes and acronyms are not shouting
  ["Tracking LX123456789CN and 1Z999AA10123456784 for RR-1043"],
  // not Latin
  ["我的包裹到哪了我的包裹到哪了"],
  ["ГДЕ МОЙ ЗАКАЗ"],
  // a few capitalised words in a normal sentence
  ["Hi, I ordered the Black Linen Dress from your New York store last Monday"],
])("no shouting: %s", (text) => {
  expect(
    scoreUrgency(text).reasons.filter((r) => r.startsWith("caps:"))
  ).toEqual([]);
});

test("more signals never lower the score", () => {
  const steps = [
    "cancel my order",
    "cancel my order asap",
    "cancel my order asap, this is ridiculous",
    "cancel my order asap, this is ridiculous!!!",
    "CANCEL MY ORDER ASAP, THIS IS RIDICULOUS!!!",
  ].map((text) => scoreUrgency(text).score);
  for (let i = 1; i < steps.length; i += 1)
    expect(steps[i]).toBeGreaterThan(steps[i - 1]);
  expect(steps[steps.length - 1]).toBeLessThanOrEqual(1);
});

test("one exclamation mark in a friendly message is not urgency", () => {
  expect(scoreUrgency("Thank you so much!")).toEqual({
    score: 0,
    level: "low",
    reasons: [],
  });
  expect(scoreUrgency("谢谢！")).toEqual({
    score: 0,
    level: "low",
    reasons: [],
  });
});

test("a repeated signal counts once", () => {
  expect(scoreUrgency("asap asap asap").score).toBe(scoreUrgency("asap").score);
});
