import { expect, test } from "vitest";
import { defaultTemplates } from "./default-templates.ts";
import { inShopperScript, traditionalVariant } from "./chinese-script.ts";
import { detectLanguage } from "../intents/language.ts";

test.each([
  ["a simplified template for a traditional-script shopper", "感谢您询问退款进度，{{customer_name}}。", "hant", "感謝您詢問退款進度，{{customer_name}}。"],
  ["a traditional template for a simplified-script shopper", "感謝您詢問退款進度，{{customer_name}}。", "hans", "感谢您询问退款进度，{{customer_name}}。"],
  ["the shopper's own script is left as it is", "我们会尽快回复您。", "hans", "我们会尽快回复您。"],
  ["no script (not a Chinese message)", "我们会尽快回复您。", undefined, "我们会尽快回复您。"],
  ["a template without Han characters", "Thanks {{customer_name}}, see {{shop_url}}/policies", "hant", "Thanks {{customer_name}}, see {{shop_url}}/policies"],
] as const)("%s", async (_name, template, script, expected) => {
  expect(await inShopperScript(template, script)).toBe(expected);
});

test("every default Chinese template reads as traditional once converted, and keeps its variables and links", async () => {
  for (const { intent, body: simplified } of defaultTemplates().filter((t) => t.language === "zh")) {
    const traditional = await inShopperScript(simplified, "hant");
    expect(detectLanguage(traditional).script, intent).toBe("hant");
    expect(traditional.match(/\{\{[^}]*\}\}|https?:\S+|\/policies\/\S+/g), intent).toEqual(simplified.match(/\{\{[^}]*\}\}|https?:\S+|\/policies\/\S+/g));
  }
});

test.each([
  ["Taiwan-style written Chinese", "請問這個什麼時候會到？", "tw"],
  ["Cantonese particles", "我嘅訂單幾時到呀？", "hk"],
  ["Cantonese 唔該", "唔該幫我睇下個單", "hk"],
] as const)("traditionalVariant: %s → %s", (_name, message, variant) => {
  expect(traditionalVariant(message)).toBe(variant);
});

test("a Cantonese message gets Hong Kong characters, a Taiwanese one Taiwan's", async () => {
  const template = "其中说明了退货期限，您可以在这里查看账户。";
  expect(await inShopperScript(template, "hant", "請問退貨期限是多久？")).toBe("其中說明了退貨期限，您可以在這裡查看賬戶。");
  expect(await inShopperScript(template, "hant", "點解我退唔到貨？")).toBe("其中説明了退貨期限，您可以在這裏查看賬户。");
});
