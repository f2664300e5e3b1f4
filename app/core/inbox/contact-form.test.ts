import { expect, test } from "vitest";
import { CONTACT_LIMITS, contactConfirmationLiquid, contactExternalId, contactTexts, escapeForLiquid, parseContactForm, resolveContactLanguage } from "./contact-form.ts";

const good = { name: "Ana", email: "ana@x.com", message: "Where is my order?", order_number: "#1042", locale: "es" };
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

test("a complete form parses", () => {
  const result = parseContactForm(form(good));
  expect(result).toMatchObject({ ok: true, honeypot: false, form: { name: "Ana", email: "ana@x.com", order_number: "#1042" } });
});

test.each([
  [{ ...good, name: "" }, "name", "is required"],
  [{ ...good, email: "not-an-email" }, "email", "is not an email address"],
  [{ ...good, message: "   " }, "message", "is required"],
  [{ ...good, message: "x".repeat(CONTACT_LIMITS.message + 1) }, "message", "longer than 5000"],
  [{ ...good, name: "n".repeat(CONTACT_LIMITS.name + 1) }, "name", "longer than 200"],
  [{ ...good, order_number: "1".repeat(CONTACT_LIMITS.order_number + 1) }, "order_number", "longer than 50"],
  [{ name: "Ana", message: "hi" }, "email", "is required"],
  [{ ...good, submission_id: "<script>" }, "submission_id", "is not a submission id"],
])("invalid field → errors.%s", (fields, field, message) => {
  const result = parseContactForm(form(fields));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.errors[field as string]).toContain(message);
});

test("the honeypot is reported, not treated as an error", () => {
  expect(parseContactForm(form({ ...good, website: "http://spam.example" }))).toMatchObject({ ok: true, honeypot: true });
});

test("the external id is the client's submission id, or a digest of the content without JavaScript", () => {
  const parsed = (fields: Record<string, string>) => {
    const r = parseContactForm(form(fields));
    if (!r.ok) throw new Error("invalid");
    return r.form;
  };
  expect(contactExternalId(parsed({ ...good, submission_id: "0123456789abcdef0123" }))).toBe("form:0123456789abcdef0123");
  const a = contactExternalId(parsed(good));
  expect(a).toMatch(/^form-hash:[0-9a-f]{32}$/);
  expect(contactExternalId(parsed({ ...good, email: "ANA@x.com" }))).toBe(a);
  expect(contactExternalId(parsed({ ...good, message: "Another question" }))).not.toBe(a);
});

test.each([
  ["zh-CN", null, "zh"],
  ["es", "fr-FR", "es"],
  ["", "fr-FR,fr;q=0.9,en;q=0.8", "fr"],
  [null, "de-DE,zh-TW;q=0.5", "zh"],
  ["de", "de", "en"],
  [undefined, undefined, "en"],
])("language from locale %s and Accept-Language %s → %s", (locale, accept, language) => {
  expect(resolveContactLanguage(locale, accept)).toBe(language);
});

test("the shop's own texts override the built-in ones; a malformed override is ignored", () => {
  expect(contactTexts("fr", JSON.stringify({ fr: { success: "Merci !" } }))).toMatchObject({ success: "Merci !", custom: true });
  expect(contactTexts("fr", JSON.stringify({ en: { success: "Thanks!" } }))).toMatchObject({ custom: false });
  expect(contactTexts("zh", "{not json")).toMatchObject({ custom: false });
  expect(contactTexts("zh", null).success).not.toBe(contactTexts("en", null).success);
});

test("text in the Liquid answer cannot run Liquid or HTML", () => {
  expect(escapeForLiquid("{{ customer.email }} <b>{% if x %}")).not.toMatch(/[{}<>]/);
  const liquid = contactConfirmationLiquid({
    heading: "{{ shop.secret }}",
    text: "<script>alert(1)</script>",
    status: "error",
    errors: { "{{x}}": "{%raw%}" },
    backUrl: "/pages/contact",
    backLabel: "Back",
  });
  expect(liquid).not.toMatch(/\{\{|\{%|<script/);
  expect(liquid).toContain('href="/pages/contact"');
});
