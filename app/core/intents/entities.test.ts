import { expect, test } from "vitest";
import { extractEntities } from "./entities.ts";
import type { EntityType } from "./entities.ts";

function ofType(text: string, type: EntityType) {
  return extractEntities(text).filter((e) => e.type === type);
}

test.each([
  // text, value, raw
  ["#1043", "1043", "#1043"],
  ["order 1043", "1043", "1043"],
  ["Order no. 1043", "1043", "1043"],
  ["order number: 1043", "1043", "1043"],
  ["order #: 1043", "1043", "1043"],
  ["my order number is #1043", "1043", "#1043"],
  ["ordr 6654", "6654", "6654"],
  ["Order ref 22019.", "22019", "22019"],
  ["order RR-88120, placed on 9 September", "88120", "RR-88120"],
  ["#RR-1043", "1043", "#RR-1043"],
  ["Quick status check on #R5530 please", "5530", "#R5530"],
  ["I'd like an update on my order 2024-5561", "20245561", "2024-5561"],
  ["订单号1043", "1043", "1043"],
  ["订单#1043", "1043", "#1043"],
  ["订单号是30081，谢谢", "30081", "30081"],
  ["订单号码：88412", "88412", "88412"],
  ["單號：1043", "1043", "1043"],
  ["訂單編號 7781，想查一下物流進度", "7781", "7781"],
  ["唔該幫我查下張單，訂單號係 #6620", "6620", "#6620"],
  ["pedido 1043", "1043", "1043"],
  ["pedido nº 1043", "1043", "1043"],
  ["Pedido n° 1441, ¿en qué punto está?", "1441", "1441"],
  ["número de pedido 1066", "1066", "1066"],
  ["Soy de Bogotá, orden 1998", "1998", "1998"],
  ["CANCELAR PEDIDO 877", "877", "877"],
  ["commande n°1043", "1043", "1043"],
  ["commande 3321", "3321", "3321"],
  ["numéro de commande : 5512", "5512", "5512"],
  ["cde 1043", "1043", "1043"],
  ["réf. de la cde 2290", "2290", "2290"],
])("order number: %s", (text, value, raw) => {
  const orders = ofType(text, "order_number");
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({ value, raw });
  expect(text.slice(orders[0].start, orders[0].end)).toBe(raw);
});

test.each([
  // not order numbers
  ["1043"],
  ["it cost $1043"],
  ["it cost 1043€"],
  ["I paid 1043 USD"],
  ["in 2024 I bought 2 pcs"],
  ["I bought it in 2024"],
  ["order 2 pcs"],
  ["we'd like to order 200 pcs"],
  ["We're a university club and want to order 120 hoodies"],
  ["order of 1043€"],
  ["my order is 100% late"],
  ["pedido de 50€"],
  ["pedido de 300 unidades"],
  ["commande de 150 pièces"],
  ["订单 200件"],
  ["&#1043;"],
  ["see https://shop.example.com/orders/1043?ref=1 please"],
  ["call me at 415-555-0100"],
  ["I ordered 3 items on 12/05/2024"],
  ["size 38, 2 pairs"],
  ["发票日期 2024-05-12"],
  ["ordered 1043 days ago"],
])("no order number: %s", (text) => {
  expect(ofType(text, "order_number")).toEqual([]);
});

test.each([
  // text, value, carrier
  ["tracking 1Z999AA10123456784", "1Z999AA10123456784", "ups"],
  ["ups: 1z999aa10123456784", "1Z999AA10123456784", "ups"],
  [
    "USPS 9400 1000 0000 0000 0000 00 hasn't moved",
    "9400100000000000000000",
    "usps",
  ],
  [
    "the USPS tracking 9400111899223344556677 hasnt updated",
    "9400111899223344556677",
    "usps",
  ],
  ["9205590164917312751089", "9205590164917312751089", "usps"],
  ["FedEx 123456789012", "123456789012", "fedex"],
  ["fedex ground 123456789012345", "123456789012345", "fedex"],
  ["DHL tracking 1234567890", "1234567890", "dhl"],
  ["LX123456789CN", "LX123456789CN", "china_post"],
  [
    "The tracking number LX829301245CN shows no movement",
    "LX829301245CN",
    "china_post",
  ],
  ["EMS EE123456789CN 到哪了", "EE123456789CN", "ems"],
  ["单号 EE123456789TW", "EE123456789TW", "postal"],
  ["(UX998812734ES) no aparece en Correos", "UX998812734ES", "postal"],
  ["RN123456789GB", "RN123456789GB", "postal"],
  ["SF1234567890123 这个查不到", "SF1234567890123", "sf_express"],
  ["顺丰单号SF123456789012", "SF123456789012", "sf_express"],
  ["YT1234567890123456", "YT1234567890123456", "yunexpress"],
  ["colissimo 6A12345678901", "6A12345678901", "colissimo"],
  ["numéro de suivi 6A12345678901 bloqué", "6A12345678901", "colissimo"],
  ["Tracking FR556210334 hasn't shown a single scan", "FR556210334", "unknown"],
  ["单号 JT5566778899 怎么查", "JT5566778899", "unknown"],
  ["Cainiao LP00123456789012 stuck", "LP00123456789012", "unknown"],
  ["快递单号 773012345678901", "773012345678901", "unknown"],
  [
    "la guía de Estafeta 7003 4412 9981 no muestra movimientos",
    "700344129981",
    "unknown",
  ],
])("tracking number: %s", (text, value, carrier) => {
  const found = ofType(text, "tracking_number");
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ value, carrier });
  expect(text.slice(found[0].start, found[0].end)).toBe(found[0].raw);
  expect(ofType(text, "order_number")).toEqual([]);
  expect(ofType(text, "phone")).toEqual([]);
});

test.each([
  ["1234567890"],
  ["my card 4111111111111111 was declined"],
  ["Can you add my VAT number to the invoice? DE123456789"],
  ["SKU ABC-12345"],
  ["size EU38"],
])("no tracking number: %s", (text) => {
  expect(ofType(text, "tracking_number")).toEqual([]);
});

test.each([
  // text, value, raw
  ["+86 138 1234 5678", "+8613812345678", "+86 138 1234 5678"],
  ["+8613812345678", "+8613812345678", "+8613812345678"],
  ["call +1 (415) 555-0100 please", "+14155550100", "+1 (415) 555-0100"],
  ["mon numéro : +33 6 12 34 56 78.", "+33612345678", "+33 6 12 34 56 78"],
  ["+34 612 345 678", "+34612345678", "+34 612 345 678"],
  ["0033 6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78"],
  ["whatsapp +44 7700 900123", "+447700900123", "+44 7700 900123"],
  ["(415) 555-0100", "4155550100", "(415) 555-0100"],
  ["it's 555-203-1188", "5552031188", "555-203-1188"],
  ["If this wasn't you call 1-888-555-0199", "18885550199", "1-888-555-0199"],
  ["appelez-moi au 06 12 34 56 78", "0612345678", "06 12 34 56 78"],
  ["mon portable 0612345678", "0612345678", "0612345678"],
  ["mi móvil es 612 345 678", "612345678", "612 345 678"],
  ["我的手机 13812345678", "13812345678", "13812345678"],
  ["请把收件人电话改成 139-1234-5678", "13912345678", "139-1234-5678"],
  ["mi teléfono, el correcto es 55 1234 5678", "5512345678", "55 1234 5678"],
  ["my phone is 4155550100", "4155550100", "4155550100"],
])("phone: %s", (text, value, raw) => {
  const phones = ofType(text, "phone");
  expect(phones).toHaveLength(1);
  expect(phones[0]).toMatchObject({ value, raw });
  expect(text.slice(phones[0].start, phones[0].end)).toBe(raw);
  expect(ofType(text, "order_number")).toEqual([]);
});

test.each([
  ["2024-05-12"],
  ["12.05.2024"],
  ["it was +20 degrees"],
  ["I paid 1043.50"],
  ["between 10 and 12"],
])("no phone: %s", (text) => {
  expect(ofType(text, "phone")).toEqual([]);
});

test.each([
  ["email is sarah.k@gmail.com", "sarah.k@gmail.com"],
  ["Mi email es Marta.G@Gmail.com.", "marta.g@gmail.com"],
  ["邮箱 zhang.wei@163.com 谢谢", "zhang.wei@163.com"],
  ["<anna+shop@example.co.uk>", "anna+shop@example.co.uk"],
])("email: %s", (text, value) => {
  const emails = ofType(text, "email");
  expect(emails).toHaveLength(1);
  expect(emails[0].value).toBe(value);
  expect(text.slice(emails[0].start, emails[0].end).toLowerCase()).toBe(value);
});

test("an email's digits are not an order or a phone", () => {
  expect(
    extractEntities("write to order1043@shop.com or 4155550100@sms.example.com")
  ).toMatchObject([
    { type: "email", value: "order1043@shop.com" },
    { type: "email", value: "4155550100@sms.example.com" },
  ]);
});

test("a message with everything gets every entity with its span, in order", () => {
  const text =
    "Hi, order #1043 hasn't arrived. Tracking LX123456789CN. Reach me at jo@example.com or +1 (415) 555-0100.";
  const entities = extractEntities(text);
  expect(
    entities.map(({ type, value, carrier }) => ({ type, value, carrier }))
  ).toEqual([
    { type: "order_number", value: "1043", carrier: undefined },
    { type: "tracking_number", value: "LX123456789CN", carrier: "china_post" },
    { type: "email", value: "jo@example.com", carrier: undefined },
    { type: "phone", value: "+14155550100", carrier: undefined },
  ]);
  expect(entities.map((e) => text.slice(e.start, e.end))).toEqual([
    "#1043",
    "LX123456789CN",
    "jo@example.com",
    "+1 (415) 555-0100",
  ]);
});

test("the same entity mentioned twice is returned once with both mentions", () => {
  const text = "#1043 — again, order 1043!";
  const entities = extractEntities(text);
  expect(entities).toHaveLength(1);
  expect(entities[0]).toMatchObject({
    type: "order_number",
    value: "1043",
    raw: "#1043",
    start: 0,
    end: 5,
  });
  expect(entities[0].mentions).toEqual([
    { start: 0, end: 5 },
    { start: 21, end: 25 },
  ]);
});

test.each([
  ["orders 1043, 1044 and 1045", ["1043", "1044", "1045"]],
  ["Orders #6610 and #6611", ["6610", "6611"]],
  ["取消订单号12981 和 12982", ["12981", "12982"]],
  ["我有两个订单，#2201 和 #2209", ["2201", "2209"]],
  ["pedidos 1043 y 1044", ["1043", "1044"]],
  ["commandes 1043 et 1044", ["1043", "1044"]],
])("several order numbers: %s", (text, values) => {
  expect(ofType(text, "order_number").map((e) => e.value)).toEqual(values);
});

test("order keyword next to a phone-shaped number: the keyword wins", () => {
  expect(extractEntities("order 4155550100")).toMatchObject([
    { type: "order_number", value: "4155550100" },
  ]);
});

test("a message without entities gives an empty list", () => {
  expect(extractEntities("")).toEqual([]);
  expect(extractEntities("where is my order? it's been 2 weeks")).toEqual([]);
  expect(extractEntities("我的包裹到哪了")).toEqual([]);
});
