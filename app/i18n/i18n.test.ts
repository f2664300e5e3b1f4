import { expect, test } from "vitest";
import { defineMessages, localeFromRequest, translator } from "./i18n.ts";

const catalog = defineMessages({
  en: { hello: "Hello {name}", only: "English only" },
  "zh-CN": { hello: "你好 {name}", only: "" },
});

test.each([
  ["https://app/x?locale=zh-CN", "", "zh-CN"],
  ["https://app/x?locale=zh-TW", "", "zh-CN"],
  ["https://app/x?locale=en-GB", "zh-CN", "en"],
  ["https://app/x?locale=de", "zh-CN,zh;q=0.9", "zh-CN"],
  ["https://app/x", "fr-FR,fr;q=0.9,en;q=0.5", "en"],
  ["https://app/x", "", "en"],
])("locale of %s with Accept-Language %j is %s", (url, acceptLanguage, expected) => {
  const request = new Request(url, { headers: acceptLanguage ? { "accept-language": acceptLanguage } : {} });
  expect(localeFromRequest(request)).toBe(expected);
});

test("translator fills variables, keeps unknown ones and falls back to English for empty text", () => {
  const t = translator(catalog, "zh-CN");
  expect(t("hello", { name: "Ana" })).toBe("你好 Ana");
  expect(t("hello")).toBe("你好 {name}");
  expect(t("only")).toBe("English only");
});
