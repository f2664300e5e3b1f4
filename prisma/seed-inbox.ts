// The demo inbox (issue 5): the default templates and ~40 shopper messages in
// English, Chinese, Spanish and French, run through the real pipeline, so the
// inbox shows intents, priorities, order context and suggestions. Order
// questions name the fixture orders (#1040–#1051) with their customers' emails,
// answered by the Admin API stand-in (start the seed with
// --import ./tests/mocks/register-admin-api.ts, as `npm run demo` does).
import type { MessageInput } from "../app/models/messages.server.ts";
import { receiveMessage } from "../app/models/pipeline.server.ts";
import { listTemplates } from "../app/models/templates.server.ts";
import { updateShopSettings } from "../app/models/settings.server.ts";
import { fixtureOrders } from "../tests/fixtures/shop.ts";

type Seed = Omit<MessageInput, "externalId" | "receivedAt"> & { hoursAgo: number };

function customer(orderName: string) {
  const order = fixtureOrders.find((o) => o.name === orderName);
  if (!order) throw new Error(`seed-inbox: no fixture order ${orderName}`);
  return { customerName: `${order.customerFirstName} ${order.customerLastName}`, customerEmail: order.email };
}

const MESSAGES: Seed[] = [
  // English
  { channel: "contact_form", hoursAgo: 0.2, ...customer("#1043"), body: "Hi, where is my order #1043? It was supposed to arrive yesterday." },
  {
    channel: "contact_form",
    hoursAgo: 0.5,
    ...customer("#1047"),
    body: "My order #1047 arrived damaged, the box was crushed and the shoes are scuffed. Really disappointed.",
  },
  {
    channel: "email",
    hoursAgo: 1,
    ...customer("#1051"),
    subject: "Order #1051",
    body: "This is the third time I'm writing. If I don't get an answer today I'll leave a 1-star review and open a chargeback.",
    emailMessageId: "<demo-1051-a@mail.example>",
  },
  {
    channel: "contact_form",
    hoursAgo: 2,
    customerName: "Priya Shah",
    customerEmail: "priya.shah@example.com",
    body: "Do you ship to Canada, and how long does delivery take?",
  },
  {
    channel: "contact_form",
    hoursAgo: 3,
    customerName: "Tom Becker",
    customerEmail: "tom.becker@example.com",
    body: "Is the linen midi dress true to size? I'm usually between an S and an M.",
  },
  {
    channel: "contact_form",
    hoursAgo: 4,
    customerName: "Lena Fox",
    customerEmail: "lena.fox@example.com",
    body: "Will the recycled hoodie in grey be back in stock soon?",
  },
  { channel: "contact_form", hoursAgo: 5, ...customer("#1040"), body: "I'd like to return the dress from order #1040, it doesn't fit. How do I do that?" },
  {
    channel: "contact_form",
    hoursAgo: 6,
    customerName: "Kevin Price",
    customerEmail: "kevin.price@example.com",
    body: "Your discount code WELCOME10 isn't working at checkout.",
  },
  {
    channel: "contact_form",
    hoursAgo: 7,
    customerName: "Dana White",
    customerEmail: "dana.white@example.com",
    body: "I was charged twice for the same order, please refund one of the charges.",
  },
  { channel: "contact_form", hoursAgo: 9, ...customer("#1044"), body: "Please cancel my order #1044, I ordered the wrong case by mistake." },
  {
    channel: "contact_form",
    hoursAgo: 10,
    customerName: "Olivia Reed",
    customerEmail: "olivia@reedboutique.example",
    body: "We run a boutique in Austin and would like to order 200 mugs wholesale. Do you offer bulk pricing?",
  },
  {
    channel: "contact_form",
    hoursAgo: 12,
    customerName: "Sam Lee",
    customerEmail: "sam.lee@example.com",
    body: "Thanks so much, the serum arrived and I love it!",
  },
  {
    channel: "contact_form",
    hoursAgo: 14,
    customerName: "Growth Agency",
    customerEmail: "seo@rank-fast.example",
    body: "We can get your store to page 1 of Google with our SEO backlinks package. Reply for a free audit!",
  },
  {
    channel: "contact_form",
    hoursAgo: 16,
    customerName: "Nina Park",
    customerEmail: "nina.park@example.com",
    body: "I can't log in to my account, the password reset email never arrives.",
  },
  { channel: "contact_form", hoursAgo: 20, ...customer("#1048"), body: "Can I change the shipping address on order #1048? I'm moving next week." },
  {
    channel: "email",
    hoursAgo: 26,
    ...customer("#1042"),
    subject: "Refund",
    body: "I returned order #1042 two weeks ago and still haven't received my refund.",
    emailMessageId: "<demo-1042@mail.example>",
  },
  // Chinese
  { channel: "contact_form", hoursAgo: 0.8, ...customer("#1041"), body: "你好，我的订单 #1041 到哪里了？已经一个星期了。" },
  { channel: "contact_form", hoursAgo: 3.5, customerName: "李娜", customerEmail: "li.na@example.cn", body: "请问你们可以寄到上海吗？运费是多少？" },
  { channel: "contact_form", hoursAgo: 8, customerName: "王芳", customerEmail: "wang.fang@example.cn", body: "收到的杯子是破的，太失望了，请尽快处理。" },
  { channel: "contact_form", hoursAgo: 11, customerName: "陈伟", customerEmail: "chen.wei@example.cn", body: "你们的退货政策是什么？可以退换吗？" },
  { channel: "contact_form", hoursAgo: 18, customerName: "刘洋", customerEmail: "liu.yang@example.cn", body: "这款精华液适合敏感肌吗？" },
  { channel: "contact_form", hoursAgo: 30, customerName: "赵敏", customerEmail: "zhao.min@example.cn", body: "谢谢你们，东西收到了，很满意！" },
  { channel: "contact_form", hoursAgo: 40, ...customer("#1045"), body: "订单 #1045 我想取消，可以吗？" },
  { channel: "contact_form", hoursAgo: 44, customerName: "孙丽", customerEmail: "sun.li@example.cn", body: "优惠码用不了，怎么回事？" },
  // Spanish
  { channel: "contact_form", hoursAgo: 1.5, ...customer("#1040"), body: "Hola, ¿dónde está mi pedido #1040? Todavía no ha llegado." },
  {
    channel: "contact_form",
    hoursAgo: 5.5,
    customerName: "Carlos Ruiz",
    customerEmail: "carlos.ruiz@example.es",
    body: "¿Cuál es vuestra política de devoluciones?",
  },
  {
    channel: "contact_form",
    hoursAgo: 13,
    customerName: "Lucía Gómez",
    customerEmail: "lucia.gomez@example.es",
    body: "El producto llegó roto y nadie me responde. Es una vergüenza.",
  },
  {
    channel: "contact_form",
    hoursAgo: 22,
    customerName: "Javier Torres",
    customerEmail: "javier.torres@example.es",
    body: "¿Hacéis envíos a México? ¿Cuánto tarda?",
  },
  { channel: "contact_form", hoursAgo: 28, ...customer("#1044"), body: "Quiero cambiar la talla de mi pedido #1044, ¿es posible?" },
  { channel: "contact_form", hoursAgo: 36, customerName: "Marta Díaz", customerEmail: "marta.diaz@example.es", body: "¡Muchas gracias por la ayuda!" },
  {
    channel: "contact_form",
    hoursAgo: 50,
    customerName: "Pablo Sanz",
    customerEmail: "pablo.sanz@example.es",
    body: "El pago con tarjeta falla todo el tiempo, ¿qué métodos de pago aceptáis?",
  },
  // French
  { channel: "contact_form", hoursAgo: 2.5, ...customer("#1042"), body: "Bonjour, où en est ma commande #1042 ? Je n'ai reçu aucune information." },
  {
    channel: "contact_form",
    hoursAgo: 6.5,
    customerName: "Julien Moreau",
    customerEmail: "julien.moreau@example.fr",
    body: "Quels sont vos délais de livraison pour la Belgique ?",
  },
  {
    channel: "contact_form",
    hoursAgo: 15,
    customerName: "Sophie Bernard",
    customerEmail: "sophie.bernard@example.fr",
    body: "Je veux retourner mon article, il ne me convient pas.",
  },
  {
    channel: "contact_form",
    hoursAgo: 24,
    customerName: "Camille Petit",
    customerEmail: "camille.petit@example.fr",
    body: "Si je ne suis pas remboursée cette semaine, je laisse un avis négatif partout.",
  },
  {
    channel: "contact_form",
    hoursAgo: 32,
    customerName: "Hugo Laurent",
    customerEmail: "hugo.laurent@example.fr",
    body: "Le sérum est-il testé sur les animaux ?",
  },
  {
    channel: "contact_form",
    hoursAgo: 46,
    customerName: "Léa Dubois",
    customerEmail: "lea.dubois@example.fr",
    body: "Merci beaucoup pour votre réponse rapide !",
  },
  // Other channels: a marketplace import and an ingest-API message.
  { channel: "import", source: "amazon", hoursAgo: 60, customerName: "Amazon buyer", body: "Where is my package? Tracking hasn't updated in 5 days." },
  { channel: "import", source: "amazon", hoursAgo: 62, customerName: "Amazon buyer", body: "What is your return policy for opened items?" },
  { channel: "api", source: "tiktok_shop", hoursAgo: 0.1, customerName: "tiktok_user_88", body: "is the phone case compatible with iphone 16 pro?" },
  { channel: "api", source: "tiktok_shop", hoursAgo: 4.5, customerName: "tiktok_user_12", body: "does the hoodie run small? need it by friday!!" },
];

// A reply in the #1051 thread, so the demo shows email threading.
const FOLLOW_UP: Seed = {
  channel: "email",
  hoursAgo: 0.3,
  ...customer("#1051"),
  subject: "Re: Order #1051",
  body: "Still nothing?? I need this sorted today.",
  emailMessageId: "<demo-1051-b@mail.example>",
  inReplyTo: "<demo-1051-a@mail.example>",
  references: "<demo-1051-a@mail.example>",
};

export async function seedDemoInbox({ shop }: { shop: string }) {
  await updateShopSettings({ shop, input: { fromName: "ReplyReel Demo" } });
  await listTemplates({ shop });
  const now = Date.now();
  let stored = 0;
  for (const [index, seed] of [...MESSAGES, FOLLOW_UP].entries()) {
    const { hoursAgo, ...input } = seed;
    const { created } = await receiveMessage({
      shop,
      input: { ...input, externalId: input.emailMessageId ?? `demo-${input.channel}-${index + 1}`, receivedAt: new Date(now - hoursAgo * 3_600_000) },
    });
    if (created) stored++;
  }
  return { messages: stored };
}
