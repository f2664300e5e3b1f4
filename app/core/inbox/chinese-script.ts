// A Chinese reply in the shopper's script: a message written in traditional
// characters (Taiwan, Hong Kong) gets its template in traditional characters,
// one in simplified characters gets it in simplified, whatever script the
// template was written in. OpenCC's tables (opencc-js, already used to fold
// the classifier's features: docs/decisions/0011) convert the template before
// its variables are filled, so names, product titles and links stay as they
// are. Simplified → traditional uses the Taiwan character standard, or Hong
// Kong's (説, 裏, 户) when the message is written in Cantonese; characters
// only, no phrase substitution.
import { foldTraditionalChinese } from "../classifier/features.ts";
import type { ChineseScript } from "../intents/language.ts";

const HAN = /\p{Script=Han}/u;
// Written Cantonese: particles and words that standard written Chinese does not use.
const CANTONESE = /[嘅咗唔冇佢喺哋啲嚟睇噉咩嘢㗎喎囉]|點解|係咪|幾時|唔該|邊度/u;
type Variant = "tw" | "hk";
const converters = new Map<Variant, Promise<(text: string) => string>>();

/** Hong Kong's traditional characters for a Cantonese message, Taiwan's otherwise. */
export function traditionalVariant(message: string): Variant {
  return CANTONESE.test(message) ? "hk" : "tw";
}

/**
 * `template` in the script of `message` (detected as `script`); unchanged
 * without Han characters or without a script. The traditional tables (1.1 MB)
 * load on first use.
 */
export async function inShopperScript(template: string, script: ChineseScript | undefined, message = ""): Promise<string> {
  if (!script || !HAN.test(template)) return template;
  if (script === "hans") return foldTraditionalChinese(template);
  const variant = traditionalVariant(message);
  let converter = converters.get(variant);
  if (!converter) {
    converter = import("opencc-js/cn2t").then(({ Converter }) => Converter({ from: "cn", to: variant }));
    converters.set(variant, converter);
  }
  return (await converter)(template);
}
