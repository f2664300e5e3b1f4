// A Chinese reply in the shopper's script: a message written in traditional
// characters (Taiwan, Hong Kong) gets its template in traditional characters,
// one in simplified characters gets it in simplified, whatever script the
// template was written in. OpenCC's tables (opencc-js, already used to fold
// the classifier's features: docs/decisions/0011) convert the template before
// its variables are filled, so names, product titles and links stay as they
// are. Simplified → traditional uses the Taiwan character standard ("tw"):
// characters only, no phrase substitution, which reads right in Hong Kong too.
import { foldTraditionalChinese } from "../classifier/features.ts";
import type { ChineseScript } from "../intents/language.ts";

const HAN = /\p{Script=Han}/u;
let toTraditional: Promise<(text: string) => string> | undefined;

/** `template` in `script` (unchanged without Han characters or without a script). The traditional tables (1.1 MB) load on first use. */
export async function inShopperScript(template: string, script: ChineseScript | undefined): Promise<string> {
  if (!script || !HAN.test(template)) return template;
  if (script === "hans") return foldTraditionalChinese(template);
  toTraditional ??= import("opencc-js/cn2t").then(({ Converter }) => Converter({ from: "cn", to: "tw" }));
  return (await toTraditional)(template);
}
