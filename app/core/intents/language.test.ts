import { expect, test } from "vitest";
import { detectLanguage } from "./language.ts";

test.each([
  // short
  ["where's my stuff??"],
  ["has my order shipped yet"],
  ["refund pls"],
  ["wrong size"],
  ["not received"],
  ["cancel my order"],
  ["thanks!"],
  ["Hi there"],
  ["is this in stock?"],
  ["any discount codes?"],
  // typos, no capitals, chat spelling
  ["so... my bike helmet. any sign of it? ordr 6654"],
  ["its been 12 days, nothing in my mailbox, no updates"],
  ["i havent recieved my pakage yet"],
  ["hiii, wher is my ordr"],
  ["thx u guys r the best"],
  ["can u chek my refund status plz"],
  // long
  [
    "Dear customer service,\n\nI'm writing to ask about order RR-88120, placed on 9 September. The confirmation said 3-5 days and today is day 8. Could you let me know where the parcel currently is?\n\nWith thanks,\nGraham Whitley",
  ],
  [
    "Hello, I bought the linen dress last week and unfortunately it doesn't fit. What is your return policy, and do I have to pay for the return shipping label myself?",
  ],
  // with codes, emails, links that must not sway it
  [
    "Tracking 1Z999AA10123456784 hasn't moved, email me at jose.garcia@correo.es",
  ],
  ["see https://example.com/es/pedido/seguimiento — is this my parcel?"],
])("English: %s", (text) => {
  expect(detectLanguage(text)).toMatchObject({ language: "en", mixed: false });
});

test.each([
  ["y mi pedido??"],
  ["¿Dónde está mi pedido?"],
  ["donde esta mi pedido 1043"],
  ["no me ha llegado"],
  ["ya llegó?"],
  ["cuando llega"],
  ["quiero devolverlo"],
  ["tienen talla M"],
  ["gracias!!"],
  ["hola buenas"],
  // no accents, typos, chat spelling
  ["ola, no se nada de mi compra del finde"],
  ["q onda con mi paquete, ya van 2 semanas"],
  ["porfa cancelen mi pedido xq me equivoque de talla"],
  ["graciassss"],
  ["necesito el reembolso ya, es una verguenza"],
  ["mi orden #2087 sigue sin enviarse??"],
  // long
  [
    "Hola equipo,\n\nEl número de seguimiento que me enviasteis (UX998812734ES) no aparece en la web de Correos. ¿Podríais comprobarlo?\n\nUn saludo,\nIrene",
  ],
  [
    "Buenas tardes, compré unas zapatillas hace diez días y todavía no he recibido ninguna notificación de envío. ¿Me podéis decir si hay algún problema con el pedido?",
  ],
  ["¿Aceptáis pagos con tarjeta de débito?"],
  ["Voy a reportaros por fraude"],
])("Spanish: %s", (text) => {
  expect(detectLanguage(text)).toMatchObject({ language: "es", mixed: false });
});

test.each([
  ["où est ma commande"],
  ["ou est mon colis svp"],
  ["toujours rien reçu"],
  ["toujours rien recu"],
  ["je veux etre rembourse"],
  ["merci beaucoup"],
  ["c'est nul"],
  ["vous livrez en Belgique ?"],
  ["Avez-vous ce modèle en 38 ?"],
  ["pouvez vous annuler ma commande"],
  // no accents, chat spelling
  ["jai recu un article casse"],
  ["slt, g pa recu mon colis"],
  ["svp repondez moi"],
  ["le code promo marche pas"],
  ["est ce que je peux changer la taille"],
  // long
  [
    "Bonjour, ma commande n°1043 n'est toujours pas arrivée alors que le suivi indique qu'elle a été livrée.",
  ],
  [
    "Bonjour,\n\nJ'ai reçu hier le pull que j'avais commandé mais il est beaucoup trop grand. Est-ce que je peux l'échanger contre une taille S ?\n\nCordialement,\nClaire",
  ],
  ["ça fait 3 semaines que j'attends"],
  ["livraison gratuite à partir de combien ?"],
  ["Je souhaite me désabonner de la newsletter"],
])("French: %s", (text) => {
  expect(detectLanguage(text)).toMatchObject({ language: "fr", mixed: false });
});

test.each([
  ["还没收到呢，发了没"],
  ["到哪了？"],
  ["我的包裹到哪了"],
  ["订单#7702 现在在哪"],
  ["请问可以给我快递单号吗？想自己跟一下"],
  ['物流停在"已揽收"两天了，是正常的吗'],
  ["这个多少钱"],
  ["怎么退货"],
  [
    "你好！我在你们店买了一个保温杯，订单号 30081，想问下大概几号到北京，谢谢～",
  ],
  ["发票可以开吗"],
])("Chinese, simplified: %s", (text) => {
  expect(detectLanguage(text)).toMatchObject({
    language: "zh",
    script: "hans",
    mixed: false,
  });
});

test.each([
  ["我的訂單什麼時候會到"],
  ["請問運費多少"],
  ["我想退貨"],
  ["您好，我的訂單#4410發貨了嗎？"],
  ["訂單編號 7781，想查一下物流進度，謝謝"],
  ["郵差說沒有我的件，可以幫我查查嗎？"],
  ["這個顏色還有貨嗎"],
  ["信用卡那邊還沒看到退款紀錄"],
  ["唔該幫我查下張單去到邊"],
  ["謝謝"],
])("Chinese, traditional: %s", (text) => {
  expect(detectLanguage(text)).toMatchObject({
    language: "zh",
    script: "hant",
    mixed: false,
  });
});

test.each([
  ["Wo ist meine Bestellung?"],
  ["Ich habe noch keine Lieferung bekommen, bitte"],
  ["Dove è il mio ordine? Grazie"],
  ["Onde está a minha encomenda? Obrigado"],
  ["Waar is mijn bestelling?"],
  ["注文した商品はまだ届いていません"],
  ["ありがとうございます"],
  ["주문한 상품이 아직 도착하지 않았어요"],
  ["Где мой заказ?"],
  ["أين طلبي؟"],
  ["ฉันยังไม่ได้รับสินค้า"],
])("another language: %s", (text) => {
  expect(detectLanguage(text).language).toBe("other");
});

test.each([
  ["", 0],
  ["1043", 0],
  ["👍👍", 0],
  ["?!?", 0],
])("nothing to detect: %j", (text, confidence) => {
  expect(detectLanguage(text)).toEqual({
    language: "other",
    confidence,
    mixed: false,
  });
});

test.each([
  // text, dominant, secondary
  ["我的order还没到", "zh", "en"],
  ["hola, where is my order", "en", "es"],
  ["Hola, el producto llegó roto — the item arrived broken", "es", "en"],
  ["Bonjour, je voudrais savoir where my order is, merci", "fr", "en"],
  ["where is my order 我的订单", "en", "zh"],
  ["cancel my order please 订单 8871", "en", "zh"],
  ["refund 还没收到，订单 55201", "zh", "en"],
  ["Annulez ma commande svp, please cancel it", "fr", "en"],
  ["Buenas, quiero devolver the shoes. How do I do it?", "en", "es"],
])("mixed: %s → %s with %s", (text, language, secondary) => {
  expect(detectLanguage(text)).toMatchObject({
    language,
    mixed: true,
    secondary,
  });
});

test.each([
  // one loanword or brand in another language does not make a message mixed
  ["el tracking no funciona"],
  ["mi pedido de Amazon no llegó"],
  ["je n'arrive pas à payer avec PayPal"],
  ["可以用 PayPal 吗"],
  ["¿Aceptáis Apple Pay o Google Pay?"],
  ["Apple Pay 能用吗"],
  ["iPhone 15 的手机壳有货吗"],
  ["ok merci"],
  [
    "Hi, my order #1043 hasn't arrived and the email says it was delivered on Tuesday.",
  ],
])("not mixed: %s", (text) => {
  expect(detectLanguage(text).mixed).toBe(false);
});

test("the script is reported for Chinese only", () => {
  expect(detectLanguage("where is my order").script).toBeUndefined();
  expect(detectLanguage("¿dónde está mi pedido?").script).toBeUndefined();
  expect(detectLanguage("我的包裹到哪了").script).toBe("hans");
});

test("traditional characters outnumbering simplified ones make the script traditional", () => {
  // 这 is simplified; 貨 還 沒 到 are traditional.
  expect(detectLanguage("这批貨還沒到").script).toBe("hant");
  // 这 们 还 没 are simplified; 貨 is traditional.
  expect(detectLanguage("你们这批貨还没到").script).toBe("hans");
});

test.each([
  ["退款在哪里查", "hans"],
  ["退款在哪裡查", "hant"],
  ["第一次洗就褪色褪得一塌糊涂", "hans"],
  ["第一次洗就褪色褪得一塌糊塗", "hant"],
])("里/裡 and other one-character differences: %s → %s", (text, script) => {
  expect(detectLanguage(text).script).toBe(script);
});

test("Chinese with a Japanese quote stays Chinese", () => {
  expect(detectLanguage("幫我翻譯這句日文：ありがとう")).toMatchObject({
    language: "zh",
    script: "hant",
  });
});

test("confidence is higher for a full sentence than for one ambiguous word", () => {
  const sentence = detectLanguage(
    "Hello, could you tell me where my order is? It has been two weeks."
  );
  const word = detectLanguage("ok");
  expect(sentence.confidence).toBeGreaterThan(0.8);
  expect(word.confidence).toBeLessThan(0.3);
  expect(word.language).toBe("en");
});

test("confidence stays within 0..1", () => {
  for (const text of [
    "a",
    "de",
    "la la la la la",
    "我",
    "where is my order where is my order where is my order",
  ]) {
    const { confidence } = detectLanguage(text);
    expect(confidence).toBeGreaterThanOrEqual(0);
    expect(confidence).toBeLessThanOrEqual(1);
  }
});

test("gibberish is guessed with a low confidence", () => {
  expect(detectLanguage("asdf qwer zxcv").confidence).toBeLessThan(0.3);
});
