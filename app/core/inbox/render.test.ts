import { expect, test } from "vitest";
import { checkTemplate, renderTemplate } from "./render.ts";
import { defaultTemplates } from "./default-templates.ts";
import { INBOX_LANGUAGES, TEMPLATE_INTENTS } from "./intents.ts";

test.each([
  ["Hi {{first_name}}", { first_name: "Ana" }, "Hi Ana", []],
  ["Hi {{first_name|there}}", {}, "Hi there", []],
  ["Hi {{first_name|there}}", { first_name: "  " }, "Hi there", []],
  ["Hi {{first_name}}!", {}, "Hi !", ["first_name"]],
  ["{{#order_name}}Order {{order_name}}{{/order_name}}{{^order_name}}Send your number{{/order_name}}", { order_name: "#1" }, "Order #1", []],
  ["{{#order_name}}Order {{order_name}}{{/order_name}}{{^order_name}}Send your number{{/order_name}}", {}, "Send your number", []],
  ["{{#order_name}}A{{#tracking_link}} track {{tracking_link}}{{/tracking_link}}.{{/order_name}}", { order_name: "#1" }, "A.", []],
  [
    "{{#order_name}}A{{#tracking_link}} track {{tracking_link}}{{/tracking_link}}.{{/order_name}}",
    { order_name: "#1", tracking_link: "https://t" },
    "A track https://t.",
    [],
  ],
  ["a\n\n\n\nb   \n", {}, "a\n\nb", []],
  ["<b>{{first_name}}</b>", { first_name: "<script>" }, "<b><script></b>", []],
])("renderTemplate(%j, %j)", (body, values, text, missing) => {
  expect(renderTemplate(body, values)).toEqual({ text, missing });
});

test.each([
  ["Hi {{first_name}}", 0],
  ["Hi {{frist_name}}", 1],
  ["{{#order_name}}x", 1],
  ["x{{/order_name}}", 1],
  ["{{#order_name}}{{^tracking_link}}x{{/order_name}}{{/tracking_link}}", 2],
  ["   ", 1],
])("checkTemplate(%j) finds %i problem(s)", (body, count) => {
  expect(checkTemplate(body)).toHaveLength(count);
});

test("every intent (and unknown) has a valid default template in every language", () => {
  const templates = defaultTemplates();
  expect(templates).toHaveLength(TEMPLATE_INTENTS.length * INBOX_LANGUAGES.length);
  for (const t of templates) {
    expect(checkTemplate(t.body), `${t.intent}/${t.language}`).toEqual([]);
    expect(checkTemplate(t.subject), `${t.intent}/${t.language} subject`).toEqual([]);
    // Rendered without any value, a default template asks for nothing it cannot have.
    const { missing } = renderTemplate(t.body, { shop_name: "Shop", shop_url: "https://s.example" });
    expect(missing, `${t.intent}/${t.language}`).toEqual([]);
  }
  expect(templates.filter((t) => !t.enabled).map((t) => t.intent)).toEqual(["spam", "spam", "spam", "spam"]);
});

test("the four languages of a template differ (no untranslated copy)", () => {
  const templates = defaultTemplates();
  for (const intent of TEMPLATE_INTENTS) {
    const bodies = new Set(templates.filter((t) => t.intent === intent).map((t) => t.body));
    expect(bodies.size, intent).toBe(INBOX_LANGUAGES.length);
  }
});
