// A stand-in language guess by Unicode script, until real detection lands.
// Latin-script languages cannot be told apart by script: they are "und".

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const HAN = /\p{Script=Han}/u;

/** BCP 47 language code of a message: "zh", "ja", "ko" from the script, otherwise "und". */
export function guessLanguage(text: string): string {
  if (KANA.test(text)) return "ja";
  if (HANGUL.test(text)) return "ko";
  if (HAN.test(text)) return "zh";
  return "und";
}
