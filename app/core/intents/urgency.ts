// How urgent a shopper message reads, from what it says rather than what it
// is about: urgency words, anger, repeated contact, deadlines, shouting in
// capitals and exclamation marks, in English, Chinese, Spanish and French.
//
// Each signal adds points; the score is 1 − e^(−points), so one clear signal
// gives about 0.3-0.4, a pile of them approaches 1 without a cap, and a
// message with none scores 0. Phrases that say there is no hurry ("no rush",
// "不急", "sin prisa", "pas pressé") are taken out of the text before the
// urgency words are looked for, and take points off.

export type UrgencyLevel = "low" | "normal" | "high" | "urgent";

export type Urgency = {
  /** 0..1, 0 when nothing in the message signals urgency. */
  score: number;
  level: UrgencyLevel;
  /** Machine-readable reasons, e.g. "urgency:asap", "anger:scam", "caps:85%", "exclamations:4". */
  reasons: string[];
};

export type UrgencyOptions = {
  /** Messages this customer sent before this one that are still unanswered or in the same thread. */
  previousMessagesFromCustomer?: number;
};

type Kind = "urgency" | "anger" | "repeat" | "deadline" | "waiting" | "calm";
type Signal = { kind: Kind; label: string; pattern: RegExp };

// Points for the first signal of a kind, and for each further distinct one.
const POINTS: Record<
  Exclude<Kind, "calm">,
  { first: number; next: number; max: number }
> = {
  urgency: { first: 0.5, next: 0.25, max: 1 },
  anger: { first: 0.45, next: 0.2, max: 0.85 },
  repeat: { first: 0.4, next: 0.15, max: 0.55 },
  deadline: { first: 0.25, next: 0.1, max: 0.35 },
  waiting: { first: 0.2, next: 0, max: 0.2 },
};
const CALM_POINTS = 0.35;
const PREVIOUS_MESSAGE_POINTS = 0.2;
const PREVIOUS_MESSAGES_MAX_POINTS = 0.6;

export const URGENCY_THRESHOLDS: Readonly<
  Record<Exclude<UrgencyLevel, "low">, number>
> = {
  normal: 0.15,
  high: 0.35,
  urgent: 0.65,
};

// Patterns run on lower-cased, accent-free text, so "inmediatamente" and
// "immédiatement" match however they were typed. Chinese has no case or
// accents and no word boundaries, so its patterns are plain substrings.
const SIGNALS: readonly Signal[] = [
  // Calm first: these are removed before anything else is matched.
  {
    kind: "calm",
    label: "no rush",
    pattern:
      /\b(?:no rush|no hurry|not urgent|not in a hurry|whenever you (?:can|get a chance)|take your time|no pressure)\b/g,
  },
  {
    kind: "calm",
    label: "sin prisa",
    pattern:
      /\b(?:sin prisa|no (?:hay|tengo) prisa|no corre prisa|no es urgente|cuando pued(?:as|an|ais))\b/g,
  },
  {
    kind: "calm",
    label: "pas presse",
    pattern:
      /\b(?:pas (?:presse|pressee|urgent)|rien d'urgent|pas d'urgence|aucune urgence|quand vous (?:pouvez|aurez le temps))\b/g,
  },
  {
    kind: "calm",
    label: "不急",
    pattern:
      /不(?:着|著|用|是很)?急|别急|別急|不赶时间|不趕時間|慢慢来|慢慢來/g,
  },

  {
    kind: "urgency",
    label: "asap",
    pattern: /\b(?:asap|a\.s\.a\.p\.?|as soon as possible)\b/g,
  },
  {
    kind: "urgency",
    label: "urgent",
    pattern:
      /\b(?:urgent(?:ly)?|urgence|urgente(?:mente)?|urgencia|emergency|de toute urgence)\b/g,
  },
  {
    kind: "urgency",
    label: "immediately",
    pattern:
      /\b(?:immediately|immediatement|inmediatamente|de inmediato|right (?:now|away)|straight away|tout de suite|ahora mismo|en seguida|enseguida)\b/g,
  },
  {
    kind: "urgency",
    label: "au plus vite",
    pattern:
      /\b(?:au plus vite|au plus tot|des que possible|le plus (?:vite|rapidement) possible|sans delai)\b/g,
  },
  {
    kind: "urgency",
    label: "cuanto antes",
    pattern:
      /\b(?:cuanto antes|lo (?:antes|mas pronto|mas rapido) posible|lo mas rapido que pued\w+)\b/g,
  },
  // Spanish "ya" is mostly "already"; it is urgent as "ya mismo", "¡ya!" or after a demand.
  {
    kind: "urgency",
    label: "ya",
    pattern:
      /\bya\s*(?:mismo\b|!|¡)|¡ya\b|\b(?:lo quiero|la quiero|los quiero|quiero mi dinero|devuelvan(?:me)?(?: mi dinero)?|reembolsen(?:me)?|respondan|contesten|solucionen(?:lo)?|ahora)\s+ya\b/g,
  },
  {
    kind: "urgency",
    label: "now",
    pattern:
      /\b(?:now|need (?:it|this|them) now|hurry(?: up)?|time[- ]sensitive)\s*!|\bhurry up\b/g,
  },
  { kind: "urgency", label: "急", pattern: /急/g },
  {
    kind: "urgency",
    label: "马上",
    pattern: /马上|馬上|立刻|立即|赶紧|趕緊|尽快|盡快|快点|快點|火速/g,
  },
  {
    kind: "urgency",
    label: "今天必须",
    pattern: /今天(?:必须|必須|一定要|之内|之內)/g,
  },

  {
    kind: "anger",
    label: "ridiculous",
    pattern:
      /\b(?:ridiculous|unacceptable|outrageous|appalling|disgraceful|shameful|pathetic|incompetent|useless)\b/g,
  },
  {
    kind: "anger",
    label: "terrible",
    pattern: /\b(?:terrible|horrible|awful|worst|disgusting|garbage|trash)\b/g,
  },
  {
    kind: "anger",
    label: "scam",
    pattern:
      /\b(?:scam(?:mer|mers|med)?|fraud(?:ulent)?|rip[- ]?off|thie(?:f|ves)|liars?|lied to)\b/g,
  },
  {
    kind: "anger",
    label: "angry",
    pattern:
      /\b(?:angry|furious|livid|fuming|pissed|fed up|sick (?:and tired )?of|had enough|how dare|wtf|what the (?:hell|fuck|heck)|bullshit|this is a joke)\b/g,
  },
  {
    kind: "anger",
    label: "verguenza",
    pattern:
      /\b(?:verguenza|inaceptable|indignante|lamentable|ridicul[oa]|pesim[oa]|fatal|desastre|es el colmo|una broma)\b/g,
  },
  {
    kind: "anger",
    label: "estafa",
    pattern:
      /\b(?:estafa(?:dor(?:es)?|s)?|timo|fraude|ladron(?:es)?|basura|mentiros[oa]s?)\b/g,
  },
  {
    kind: "anger",
    label: "harto",
    pattern:
      /\b(?:hart[oa]s?|enfadad[oa]|enojad[oa]|furios[oa]|molest[oa]|me cans[eo]|estoy cansad[oa])\b/g,
  },
  {
    kind: "anger",
    label: "inadmissible",
    pattern:
      /\b(?:inadmissible|inacceptable|honteux|honteuse|honte|scandal(?:eux|euse|e)|lamentable|pitoyable|catastroph(?:e|ique)|n'importe quoi|nul(?:le|s)?)\b/g,
  },
  {
    kind: "anger",
    label: "arnaque",
    pattern:
      /\b(?:arnaque(?:r|s|urs?)?|escroc(?:s|s?querie)?|voleurs?|menteurs?)\b/g,
  },
  {
    kind: "anger",
    label: "furieux",
    pattern:
      /\b(?:furieu(?:x|se)|en colere|enerve(?:e)?|ras le bol|(?:j'en ai|j en ai|jen ai) marre|marre)\b/g,
  },
  {
    kind: "anger",
    label: "垃圾",
    pattern:
      /垃圾|骗子|騙子|骗人|騙人|骗钱|騙錢|黑店|坑人|太坑|太差|差劲|差勁|气死|氣死|生气|生氣|愤怒|憤怒|无语|無語|离谱|離譜|恶心|噁心|过分|過分|什么破|什麼破|搞什么|搞什麼|投诉|投訴/g,
  },

  {
    kind: "repeat",
    label: "nth time",
    pattern:
      /\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+th) time\b|\bhow many (?:more )?times\b|\bagain and again\b|\bonce again\b/g,
  },
  {
    kind: "repeat",
    label: "already contacted",
    pattern:
      /\b(?:already|have|i've|ive) (?:emailed|written|wrote|contacted|messaged|called|asked|reached out)\b|\b(?:emailed|written|wrote|contacted|messaged|called|asked|tried)(?: you)? (?:\d+|two|three|four|five|several|multiple|many) times\b|\b(?:writing|asking|emailing|messaging|contacting)(?: you)? again\b|\bignored my\b|\bstill no (?:reply|response|answer)\b|\bno ?(?:one|body) (?:has )?(?:answered|replied|responded|gets back)\b|\bnobody (?:answers|replies|responds)\b/g,
  },
  {
    kind: "repeat",
    label: "otra vez",
    pattern:
      /\b(?:otra vez|de nuevo|(?:segunda|tercera|cuarta|quinta) vez|varias veces|(?:\d+|dos|tres|cuatro|cinco) veces|nadie (?:me )?(?:responde|contesta)|sin respuesta|ya (?:les |os )?(?:escribi|he escrito|mande|envie|pregunte))\b/g,
  },
  {
    kind: "repeat",
    label: "encore une fois",
    pattern:
      /\b(?:encore une fois|de nouveau|(?:deuxieme|troisieme|quatrieme|cinquieme|2e|3e|4e|2eme|3eme|4eme) fois|plusieurs fois|(?:\d+|deux|trois|quatre|cinq) fois|personne ne (?:me )?(?:repond|reponds)|sans (?:aucune )?reponse|(?:je vous )?relance|deja (?:ecrit|envoye|contacte|relance|appele))\b/g,
  },
  {
    kind: "repeat",
    label: "第三次",
    pattern:
      /第[二三四五六七八九十两兩2-9]次|再次|多次|好几次|好幾次|问了好|問了好|已经问过|已經問過|没人回|沒人回|没有回复|沒有回覆|没人理|沒人理|催了|又来问|又來問/g,
  },

  {
    kind: "deadline",
    label: "by date",
    pattern:
      /\b(?:need (?:it|this|them) (?:by|before|for)|by (?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend))\b/g,
  },
  {
    kind: "deadline",
    label: "para manana",
    pattern:
      /\b(?:lo necesito (?:para|antes)|para (?:hoy|manana|el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)))\b/g,
  },
  {
    kind: "deadline",
    label: "pour demain",
    pattern:
      /\b(?:j'en ai besoin (?:pour|avant)|pour (?:demain|aujourd'hui|ce soir|(?:ce )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))|avant (?:demain|ce soir|le week-end|noel))\b/g,
  },
  {
    kind: "deadline",
    label: "明天要",
    pattern: /(?:今天|明天|今晚|周末|週末)(?:就)?(?:要用|要到|前要|之前)|急用/g,
  },

  {
    kind: "waiting",
    label: "still waiting",
    pattern:
      /\bstill (?:waiting|no|not|nothing|haven'?t|hasn'?t)\b|\b(?:sigo|seguimos|todavia|aun) esperando\b|\btoujours (?:en attente|pas)\b|\bj'attends toujours\b|还在等|還在等|一直在等|等了(?:很久|好久)/g,
  },
];

// Shouting: only Latin text with enough letters, and not counting codes and
// acronyms (UPS, DHL, ASAP, RR-1043, LX123456789CN).
const MIN_LETTERS_FOR_CAPS = 12;
const CAPS_SHARE = 0.6;
const ACRONYMS = new Set([
  "ASAP",
  "USPS",
  "UPS",
  "DHL",
  "EMS",
  "FEDEX",
  "USA",
  "UK",
  "EU",
  "SKU",
  "OK",
  "PDF",
  "VAT",
  "TVA",
  "IVA",
  "ID",
  "FAQ",
  "URL",
  "SMS",
  "XL",
  "XXL",
  "XS",
  "RMA",
  "UGC",
  "SF",
  "PS",
]);

/**
 * Scores how urgent a message reads.
 *
 * scoreUrgency("WHERE IS MY ORDER??? third time I'm writing!!!")
 * // { score: 0.7…, level: "urgent", reasons: ["repeat:nth time", "caps:…", "exclamations:3"] }
 */
export function scoreUrgency(
  text: string,
  options: UrgencyOptions = {}
): Urgency {
  let normalised = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[’‘`]/g, "'");

  const reasons: string[] = [];
  const labels: Record<Kind, string[]> = {
    urgency: [],
    anger: [],
    repeat: [],
    deadline: [],
    waiting: [],
    calm: [],
  };
  for (const signal of SIGNALS) {
    signal.pattern.lastIndex = 0;
    if (!signal.pattern.test(normalised)) continue;
    labels[signal.kind].push(signal.label);
    if (signal.kind === "calm") {
      signal.pattern.lastIndex = 0;
      normalised = normalised.replace(signal.pattern, " ");
    }
  }

  let points = 0;
  for (const kind of [
    "urgency",
    "anger",
    "repeat",
    "deadline",
    "waiting",
  ] as const) {
    const found = labels[kind];
    if (found.length === 0) continue;
    const { first, next, max } = POINTS[kind];
    points += Math.min(max, first + next * (found.length - 1));
    for (const label of found) reasons.push(`${kind}:${label}`);
  }

  const previous = Math.max(
    0,
    Math.floor(options.previousMessagesFromCustomer ?? 0)
  );
  if (previous > 0) {
    points += Math.min(
      PREVIOUS_MESSAGES_MAX_POINTS,
      previous * PREVIOUS_MESSAGE_POINTS
    );
    reasons.push(`previous_messages:${previous}`);
  }

  const caps = capsShare(text);
  if (caps !== undefined && caps >= CAPS_SHARE) {
    points += caps >= 0.85 ? 0.45 : 0.35;
    reasons.push(`caps:${Math.round(caps * 100)}%`);
  }

  const { exclamations, longestRun } = countExclamations(text);
  if (longestRun >= 3 || exclamations >= 3) {
    points += 0.3;
    reasons.push(`exclamations:${exclamations}`);
  } else if (exclamations === 2) {
    points += 0.15;
    reasons.push("exclamations:2");
  }

  for (const label of labels.calm) {
    points -= CALM_POINTS;
    reasons.push(`calm:${label}`);
  }
  points = Math.max(0, points);

  const score = Math.round((1 - Math.exp(-points)) * 1000) / 1000;
  return { score, level: levelFor(score), reasons };
}

export function levelFor(score: number): UrgencyLevel {
  if (score >= URGENCY_THRESHOLDS.urgent) return "urgent";
  if (score >= URGENCY_THRESHOLDS.high) return "high";
  if (score >= URGENCY_THRESHOLDS.normal) return "normal";
  return "low";
}

function capsShare(text: string): number | undefined {
  let upper = 0;
  let letters = 0;
  for (const token of text.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
    const word = token[0];
    if (/\p{N}/u.test(word) || ACRONYMS.has(word)) continue;
    for (const char of word) {
      if (!/\p{Script=Latin}/u.test(char)) continue;
      letters += 1;
      if (char !== char.toLowerCase()) upper += 1;
    }
  }
  return letters >= MIN_LETTERS_FOR_CAPS ? upper / letters : undefined;
}

function countExclamations(text: string): {
  exclamations: number;
  longestRun: number;
} {
  let exclamations = 0;
  let longestRun = 0;
  for (const run of text.matchAll(/[!！]+/g)) {
    exclamations += run[0].length;
    longestRun = Math.max(longestRun, run[0].length);
  }
  return { exclamations, longestRun };
}
