import { expect, test } from "vitest";
import { checkCompliance, ruleFor } from "./compliance.ts";

test.each([
  ["contact form, no rules", {}, { channel: "contact_form" }, { noExternalLinks: false, bannedWords: [] }],
  ["amazon is a marketplace by default", {}, { channel: "api", source: "Amazon" }, { noExternalLinks: true, bannedWords: [] }],
  ["TikTok Shop spelled with a space", {}, { channel: "import", source: "TikTok Shop" }, { noExternalLinks: true, bannedWords: [] }],
  [
    "the shop can allow links on a marketplace",
    { amazon: { noExternalLinks: false } },
    { channel: "api", source: "amazon" },
    { noExternalLinks: false, bannedWords: [] },
  ],
  [
    "words add up from * to channel to source",
    { "*": { bannedWords: ["cheap"] }, api: { bannedWords: ["whatsapp"] }, amazon: { bannedWords: ["review", "cheap"] } },
    { channel: "api", source: "amazon" },
    { noExternalLinks: true, bannedWords: ["cheap", "whatsapp", "review"] },
  ],
  ["another channel's rule does not apply", { email: { noExternalLinks: true } }, { channel: "contact_form" }, { noExternalLinks: false, bannedWords: [] }],
])("ruleFor: %s", (_name, rules, message, expected) => {
  expect(ruleFor(rules, message)).toEqual(expected);
});

test.each([
  ["Track it here: https://ups.com/x", { noExternalLinks: true, bannedWords: [] }, ["external_link:https://ups.com/x"]],
  ["See www.example.com for more", { noExternalLinks: true, bannedWords: [] }, ["external_link:www.example.com"]],
  ["Track it here: https://ups.com/x", { noExternalLinks: false, bannedWords: [] }, []],
  ["Please leave a REVIEW!", { noExternalLinks: false, bannedWords: ["review"] }, ["banned_word:review"]],
  ["We reviewed your order", { noExternalLinks: false, bannedWords: ["review"] }, []],
  ["Écrivez-nous sur WhatsApp", { noExternalLinks: false, bannedWords: ["ecrivez"] }, ["banned_word:ecrivez"]],
  ["请给我们好评，谢谢", { noExternalLinks: false, bannedWords: ["好评"] }, ["banned_word:好评"]],
])("checkCompliance(%j)", (text, rule, expected) => {
  expect(checkCompliance(text, rule).map((v) => `${v.rule}:${v.detail}`)).toEqual(expected);
});
