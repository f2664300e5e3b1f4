// Language-independent text features for the intent classifier.
//
// Words come from Intl.Segmenter (ICU's dictionary-based word breaking), so
// Chinese and Japanese, which have no spaces, are segmented without a
// dependency. Each word yields its case-folded form, an accent-free variant,
// a Porter stem (English, Spanish or French, picked per message from function
// words), stem bigrams (the first one with the sentence start), and character
// n-grams inside word boundaries, which keep typos and unseen inflections
// close to the words they misspell. Runs of CJK characters get their own
// character n-grams across the segmenter's word boundaries, so a wrong
// segmentation costs little. Traditional Chinese is folded to simplified
// (OpenCC's character and phrase tables), so 訂單 and 订单 are one word.
import { Converter } from "opencc-js/t2cn";
import enStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import esStemmer from "natural/lib/natural/stemmers/porter_stemmer_es.js";
import frStemmer from "natural/lib/natural/stemmers/porter_stemmer_fr.js";

export type FeatureOptions = {
  /** Characters of a message that are looked at; the rest is ignored (a support message states its intent early). */
  maxChars: number;
  /** Character n-gram sizes inside word boundaries, e.g. 1 to 5. */
  charNgramMin: number;
  charNgramMax: number;
  /** Character n-gram sizes over runs of Chinese/Japanese characters. */
  cjkNgramMax: number;
  /** Longest word (in characters) that gets character n-grams; longer ones are cut. */
  maxWordChars: number;
  wordBigrams: boolean;
  /** A bigram of the sentence start and the first word ("^ how", "^ why"): the opening words often carry the intent. */
  sentenceStart: boolean;
  stemming: boolean;
  /** Traditional Chinese → simplified before anything else (models trained before this option: off). */
  foldTraditional: boolean;
};

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  maxChars: 4000,
  charNgramMin: 1,
  charNgramMax: 5,
  cjkNgramMax: 3,
  maxWordChars: 24,
  wordBigrams: true,
  sentenceStart: true,
  stemming: true,
  foldTraditional: true,
};

export type Terms = {
  /** Word block: words, accent-free variants, stems, stem bigrams → count. */
  word: Map<string, number>;
  /** Character block: character n-grams → count. */
  char: Map<string, number>;
  /** The message's words in order (case-folded, accent-free): what the embedding view looks up. */
  tokens?: string[];
};

export type StemLanguage = "en" | "es" | "fr";

let segmenter: Intl.Segmenter | undefined;

function getSegmenter(): Intl.Segmenter {
  // Created on first use, never at import. The locale is fixed so the same
  // text always gives the same words whatever the machine's locale.
  segmenter ??= new Intl.Segmenter("en", { granularity: "word" });
  return segmenter;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const COMBINING_MARKS = /\p{M}+/gu;
const DIGITS = /\p{Nd}/gu;
const APOSTROPHES = /[\u2019\u02bc\u2018`]/g;

/** Cuts text to at most `maxChars` UTF-16 units without splitting a surrogate pair. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Unicode compatibility normalisation (full-width → ASCII, ligatures) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(APOSTROPHES, "'");
}

const HAN = /\p{Script=Han}/u;
let toSimplified: ((text: string) => string) | undefined;

/** Traditional Chinese characters and phrases → simplified (mainland) ones; text without Han characters is returned as is. */
export function foldTraditionalChinese(text: string): string {
  if (!HAN.test(text)) return text;
  // Built on first use: the tables take ~30 ms.
  toSimplified ??= Converter({ from: "t", to: "cn" });
  return toSimplified(text);
}

function isAscii(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isCjkCode(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK Extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0xf900 && code <= 0xfaff) || // CJK Compatibility Ideographs
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of the CJK supplementary planes
  );
}

/**
 * Removes accents from Latin, Greek and Cyrillic letters ("crème" → "creme").
 * Kana keep their voicing marks: NFD would split が into か and a mark, and
 * stripping it would change the word.
 */
export function foldAccents(token: string): string {
  if (isAscii(token)) return token;
  if (isCjkCode(token.charCodeAt(0))) return token;
  return token.normalize("NFD").replace(COMBINING_MARKS, "").normalize("NFC");
}

type Token = { text: string; folded: string; cjk: boolean };

function wordTokens(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const { segment, isWordLike } of getSegmenter().segment(normalized)) {
    if (isWordLike) {
      const shaped = segment.replace(DIGITS, "0");
      const cjk = isCjkCode(shaped.charCodeAt(0));
      tokens.push({ text: shaped, folded: foldAccents(shaped), cjk });
    } else if (PICTOGRAPHIC.test(segment)) {
      tokens.push({ text: segment, folded: segment, cjk: false });
    }
  }
  return tokens;
}

/**
 * The words of a message, lower-cased, accents kept, digits turned into 0
 * (traditional Chinese folded to simplified with `foldTraditional`).
 * Chinese and Japanese are segmented into words; emoji are kept as tokens.
 */
export function tokenize(text: string, maxChars: number = DEFAULT_FEATURE_OPTIONS.maxChars, foldTraditional = false): string[] {
  return wordTokens(preparedText(text, maxChars, foldTraditional)).map((t) => t.text);
}

/** What the features read of a message: its first `maxChars`, traditional Chinese folded (when asked), normalised. */
function preparedText(text: string, maxChars: number, foldTraditional: boolean): string {
  const capped = capText(text, maxChars);
  return normalizeText(foldTraditional ? foldTraditionalChinese(capped) : capped);
}

// Short, frequent function words: enough to choose a stemmer, not a language
// detector (that lives elsewhere and is not needed to build features).
const FUNCTION_WORDS: Record<StemLanguage, ReadonlySet<string>> = {
  en: new Set("the my is to and of you it for i a where what when how can not this that have with".split(" ")),
  es: new Set("el los las mi mis es y que por para con una del pero esta está como cuando dónde donde tengo quiero".split(" ")),
  fr: new Set("le les mon ma mes est et que pour avec une des du pas je vous où quand comment ai suis veux".split(" ")),
};

/** Picks the stemmer from function words; English unless Spanish or French clearly win. */
export function pickStemLanguage(words: readonly string[]): StemLanguage {
  let en = 0;
  let es = 0;
  let fr = 0;
  for (const w of words) {
    if (FUNCTION_WORDS.en.has(w)) en++;
    if (FUNCTION_WORDS.es.has(w)) es++;
    if (FUNCTION_WORDS.fr.has(w)) fr++;
  }
  if (es > en && es > fr) return "es";
  if (fr > en && fr > es) return "fr";
  return "en";
}

// natural's stemmers are regular-expression heavy (tens of microseconds a
// word); support messages reuse a small vocabulary, so stems are memoised.
const STEM_CACHE_SIZE = 50_000;
const stemCache: Record<StemLanguage, Map<string, string>> = { en: new Map(), es: new Map(), fr: new Map() };

function stem(word: string, language: StemLanguage): string {
  if (word.length < 3) return word;
  const cache = stemCache[language];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  if (cache.size >= STEM_CACHE_SIZE) cache.clear();
  const stemmed = stemUncached(word, language);
  cache.set(word, stemmed);
  return stemmed;
}

function stemUncached(word: string, language: StemLanguage): string {
  if (language === "es") return foldAccents(esStemmer.stem(word));
  if (language === "fr") return foldAccents(frStemmer.stem(word));
  // The English Porter stemmer only makes sense on plain Latin letters.
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return word;
  }
  return enStemmer.stem(word);
}

/** Receives the terms of a message as they are found (a term may come several times). */
export type TermSink = {
  /** A word-block term; `unigram` is false for bigrams. */
  word(term: string, unigram: boolean): void;
  char(term: string): void;
  /**
   * Optional: takes the character n-grams of one (non-CJK) word at once, so a
   * caller can cache them per word. Without it they arrive through char().
   */
  charWord?(word: string): void;
  /** Optional: each word token in order (case-folded, accent-free), once. */
  token?(folded: string): void;
};

function addCharNgrams(sink: Pick<TermSink, "char">, word: string, min: number, max: number): void {
  // Word boundaries are marked with a space, as in scikit-learn's char_wb:
  // " ca" (a word start) differs from "ca" inside a word.
  const chars = /[\ud800-\udfff]/.test(word) ? Array.from(word) : null;
  if (chars) {
    const padded = [" ", ...chars, " "];
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        if (n === 1 && (i === 0 || i === padded.length - 1)) continue;
        sink.char(padded.slice(i, i + n).join(""));
      }
    }
    return;
  }
  const padded = ` ${word} `;
  const length = padded.length;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= length; i++) {
      if (n === 1 && (i === 0 || i === length - 1)) continue;
      sink.char(padded.substring(i, i + n));
    }
  }
}

/** The character n-grams of one word (with boundary marks), as visitTerms gives them. */
export function wordCharNgrams(word: string, options: FeatureOptions, emit: (gram: string) => void): void {
  addCharNgrams({ char: emit }, word, options.charNgramMin, options.charNgramMax);
}

/**
 * Finds the terms of both feature blocks of one message and hands them to
 * `sink`. Returns the number of word tokens (0 for an empty message).
 */
export function visitTerms(text: string, options: FeatureOptions, sink: TermSink): number {
  const tokens = wordTokens(preparedText(text, options.maxChars, options.foldTraditional));
  if (tokens.length === 0) return 0;

  const language: StemLanguage = options.stemming ? pickStemLanguage(tokens.map((t) => t.folded)) : "en";
  let previous: string | null = options.sentenceStart ? "^" : null;
  let cjkRun = "";

  const flushCjkRun = () => {
    if (cjkRun.length > 0) addCharNgrams(sink, cjkRun, 1, options.cjkNgramMax);
    cjkRun = "";
  };

  for (const token of tokens) {
    const { folded } = token;
    sink.token?.(folded);
    sink.word(folded, true);
    if (token.text !== folded) sink.word(token.text, true);

    let base = folded;
    if (folded.includes("'")) {
      // "l'été" → also "ete"; "can't" → also "can". The longest part is the stem's base.
      for (const part of folded.split("'")) {
        if (part.length > 1) sink.word(part, true);
        if (part.length > base.length || base === folded) base = part;
      }
    }
    if (options.stemming && !token.cjk) {
      const stemmed = stem(base, language);
      if (stemmed !== folded) sink.word(stemmed, true);
      base = stemmed;
    }
    if (options.wordBigrams && previous !== null) sink.word(`${previous} ${base}`, false);
    previous = base;

    if (token.cjk) {
      cjkRun += folded;
    } else {
      flushCjkRun();
      if (!PICTOGRAPHIC.test(folded)) {
        const cut = folded.length > options.maxWordChars ? folded.slice(0, options.maxWordChars) : folded;
        if (sink.charWord) sink.charWord(cut);
        else addCharNgrams(sink, cut, options.charNgramMin, options.charNgramMax);
      }
    }
  }
  flushCjkRun();
  return tokens.length;
}

/** The counted terms of both feature blocks of one message, and its word tokens. */
export function extractTerms(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): Terms {
  const word = new Map<string, number>();
  const char = new Map<string, number>();
  const tokens: string[] = [];
  visitTerms(text, options, {
    word: (term) => word.set(term, (word.get(term) ?? 0) + 1),
    char: (term) => char.set(term, (char.get(term) ?? 0) + 1),
    token: (folded) => tokens.push(folded),
  });
  return { word, char, tokens };
}
