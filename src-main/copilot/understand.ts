/**
 * What the associate typed → what must hold (hard constraints: size, budget, colours, person,
 * material, words ruled out) and what it is about (relevance words, scored against the catalog's own
 * text by catalog-index.ts). English shapes only: number words, negations ("won't go above €90" is
 * a ceiling), people ("her son, he's 7"), purchases already made ("bought the navy suit, what goes
 * with it"). Everything catalog-specific (which sizes exist, which colours, which words the catalog
 * uses) is passed in from the index.
 */
import type { SizeAsk } from './sizes';
import { letterOf } from './sizes';
import { wishFor, type ColourWish } from './colours';
import { STOPWORDS, fold } from './text';

export interface Person {
  gender: 'women' | 'men' | null;
  /** true: a child's things; false: an adult's; null: not said */
  kids: boolean | null;
  ageYears: number | null;
  /** the words that said so ("her son", "she's 9") */
  text: string | null;
  /** a different person from the one earlier in the conversation ("her sister", "for him") */
  other: boolean;
}

export interface Budget {
  min: number | null;
  max: number | null;
  text: string | null;
}

export interface Reading {
  /** the message with number words as digits, lower case */
  text: string;
  sizes: SizeAsk[];
  budget: Budget;
  /** per item ("€35 each") */
  colours: ColourWish[];
  excludeColours: ColourWish[];
  person: Person;
  /** words that must not be in the title ("not skinny", "no heels") */
  excludeWords: string[];
  /** words for relevance (not stopwords, not consumed by a constraint) */
  terms: string[];
  /** a purchase already made: the words describing it, for complements */
  owned: string | null;
  /** "that colour", "to match": a colour of the owned item is wanted */
  matchOwnedColour: boolean;
  /** "what goes with it", "anything to go with" without naming the item */
  goesWith: boolean;
  cheaper: boolean;
  /** the lower end of the price range, without a figure ("nothing fancy", "a starter one") */
  modest: boolean;
  pricier: boolean;
  /** "others", "anything else", "something different" */
  wantsOthers: boolean;
  /** "bigger", "warmer", "lighter": comparative refinements of the last answer */
  comparatives: string[];
  /** "in stock anywhere", "can order it in" */
  anyStock: boolean;
  /** nothing in the message is English we can read */
  unreadable: boolean;
  /** words that were read as something (for the "understood" chips and tests) */
  read: string[];
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** "fifteen and a half" → "15.5", "a hundred" → "100", "forty-two" → "42", "42 and a half" → "42.5" */
export function digitise(text: string): string {
  let t = text;
  const unit = Object.keys(NUMBER_WORDS).join('|');
  t = t.replace(
    new RegExp(
      `\\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\\s-](one|two|three|four|five|six|seven|eight|nine)\\b`,
      'g',
    ),
    (_, a: string, b: string) => String(NUMBER_WORDS[a]! + NUMBER_WORDS[b]!),
  );
  t = t.replace(
    new RegExp(`\\b(a|one|two|three|four|five|${unit}|\\d+) hundred(?: and (\\d+|${unit}))?\\b`, 'g'),
    (_, a: string, b?: string) => {
      const head = a === 'a' ? 1 : /^\d+$/.test(a) ? Number(a) : NUMBER_WORDS[a]!;
      const tail = b ? (/^\d+$/.test(b) ? Number(b) : NUMBER_WORDS[b]!) : 0;
      return String(head * 100 + tail);
    },
  );
  t = t.replace(/\ba grand\b/g, '1000');
  t = t
    .replace(/\ba (litre|liter)\b/g, '1 $1')
    .replace(/\b(?:a|one) tenner\b/g, '£10')
    .replace(/\b(?:a|one) fiver\b/g, '£5')
    .replace(/\btenner\b/g, '£10')
    .replace(/\bfiver\b/g, '£5');
  t = t.replace(new RegExp(`\\b(${unit})\\b`, 'g'), (w) => String(NUMBER_WORDS[w]));
  t = t.replace(/\b(\d+) and a half\b/g, (_, n: string) => `${n}.5`);
  t = t.replace(/\b(\d+) ½/g, (_, n: string) => `${n}.5`).replace(/(\d)½/g, '$1.5');
  return t;
}

/** shorthand associates type in a hurry */
const ABBREVIATIONS: Record<string, string> = {
  blk: 'black',
  wht: 'white',
  nvy: 'navy',
  gry: 'grey',
  grn: 'green',
  pnk: 'pink',
  brn: 'brown',
  blu: 'blue',
  rd: 'red',
  yllw: 'yellow',
  slvr: 'silver',
  purp: 'purple',
  wmns: 'womens',
  womans: 'womans',
  mens: 'mens',
  sz: 'size',
  xtra: 'extra',
};

export function normalise(message: string): string {
  return expandShorthand(
    digitise(
      fold(message)
        .replace(/[\u2018\u2019\u02bc`´]/g, "'")
        .replace(/[\u201c\u201d]/g, '"')
        .replace(/[\u2013\u2014]/g, ' - ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

function expandShorthand(t: string): string {
  return t.replace(/\b[a-z]{2,5}\b/g, (w) => ABBREVIATIONS[w] ?? w);
}

const NEGATORS =
  /\b(not|no|never|nothing|none|nor|without|except|excluding|avoid|avoiding|hates?|dislikes?|isn't|aren't|won't|wont|can't|cant|cannot|don't|dont|doesn't|doesnt|didn't|shouldn't|mustn't|n't|nothin|anything but|other than|apart from|but not|rather not|no more)\b|n't\b/;
const CLAUSE_BREAK =
  /[.;!?]| - |,\s*(?:but|and)\b(?! not)|(?<!anything |all |nothing |everything )\bbut\b(?! not)|\bhowever\b|\bthough\b|\bprefers?\b|\blikes?\b|\bloves?\b|\bwants?\b|\bwould like\b|\binstead\b/g;

/** Is the phrase at `start` under a negation in its clause ("definitely not black", "any colour except grey")? */
export function negated(text: string, start: number): boolean {
  let before = text.slice(Math.max(0, start - 48), start);
  const breaks = [...before.matchAll(CLAUSE_BREAK)];
  const last = breaks.pop();
  if (last) before = before.slice(last.index + last[0].length);
  return NEGATORS.test(before);
}

type Span = [number, number];
function taken(spans: Span[], a: number, b: number): boolean {
  return spans.some(([s, e]) => a < e && b > s);
}

const CUR = '(?:€|£|\\$|eur\\b|gbp\\b|usd\\b)';
const CUR_AFTER = '(?:€|euros?\\b|eur\\b|quid\\b|pounds?\\b|gbp\\b|dollars?\\b|bucks\\b|usd\\b|e\\b)';
const NUM = '(\\d{1,6}(?:[.,]\\d{1,2})?)';

function toMinor(n: string): number {
  return Math.round(parseFloat(n.replace(',', '.')) * 100);
}

/** Budget from the message, with sizes already taken out (their spans in `used`). */
export function readBudget(text: string, used: Span[] = []): Budget {
  const amounts: { start: number; end: number; value: number; money: boolean }[] = [];
  const re = new RegExp(`(${CUR}\\s*)?${NUM}(\\s*-?\\s*${CUR_AFTER})?(\\s*-?ish)?`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(used, start, end)) continue;
    const numStart = start + (m[1]?.length ?? 0);
    // "under-10s", "the 80s": an age group or a decade, not money
    if (/^s\b/.test(text.slice(numStart + m[2]!.length))) continue;
    // 28cm, 1.7l, 9 year old, 2 pack: not money
    if (
      /^\s*(?:cm|mm|m\b|l\b|ltr|litres?|liters?|kg|g\b|ml|tog|year|yr|month|pack|pairs?|people|persons?|inch|in\b|"|%|x\b|st\b|nd\b|rd\b|th\b)/.test(
        text.slice(numStart + m[2]!.length),
      )
    )
      continue;
    amounts.push({ start, end, value: toMinor(m[2]!), money: !!(m[1] || m[3]) });
  }
  if (!amounts.length) return { min: null, max: null, text: null };
  const spanText = (a: number, b: number) => text.slice(a, b).trim();

  // ranges: "between 60 and 100 euro", "€60-€100", "60 to 100 quid"
  for (let i = 0; i + 1 < amounts.length; i++) {
    const a = amounts[i]!;
    const b = amounts[i + 1]!;
    const gap = text.slice(a.end, b.start);
    if (/^\s*(?:-|to|and|or)\s*$/.test(gap)) {
      const lead = text.slice(Math.max(0, a.start - 12), a.start);
      if (a.money || b.money || /between\s*$|from\s*$|budget\s*(?:of|is)?\s*$/.test(lead)) {
        return {
          min: Math.min(a.value, b.value),
          max: Math.max(a.value, b.value),
          text: spanText(/between\s*$/.test(lead) ? a.start - lead.length + lead.search(/between/) : a.start, b.end),
        };
      }
    }
  }
  for (const a of amounts) {
    const before = text.slice(Math.max(0, a.start - 60), a.start);
    const after = text.slice(a.end, a.end + 24);
    // the clause before the amount, from the last break
    const clause = before.split(/[.;!?]| - |,/).pop() ?? '';
    const around =
      /(?:around|about|roughly|approximately|approx|circa|near|close to|in the region of|~|ish|or so)\s*(?:the\s*)?(?:€|£|\$)?\s*$/.test(
        clause,
      ) || /^\s*(?:-?ish|or so|mark|or thereabouts)/.test(after);
    const ceilingAfter =
      /^\s*(?:each\s*)?(?:max(?:imum)?|tops|top|at (?:the )?most|or less|or under|or below|at a push|limit|cap|is the limit|is (?:the|her|his|their|my) (?:max|limit|budget))\b/.test(
        after,
      );
    const neg = NEGATORS.test(clause);
    const ceilingWord =
      /(?:under|below|less than|lower than|cheaper than|up to|upto|max(?:imum)?|at (?:the )?most|within|budget(?: is| of)?|cap(?:ped)? at|no more than|spend(?:ing)?|afford|limit(?: of)?)\s*(?:about\s*|around\s*|of\s*|is\s*)?(?:€|£|\$)?\s*$/.test(
        clause,
      );
    const overWord =
      /(?:over|above|more than|past|higher than|exceed(?:ing)?|beyond|go over|go above|go past|go beyond|spend more than)\s*(?:€|£|\$)?\s*$/.test(
        clause,
      );
    const floorWord = /(?:at least|from|minimum|min|starting at|no less than|upwards of)\s*(?:€|£|\$)?\s*$/.test(
      clause,
    );
    if (around && (a.money || /budget|spend|price|cost|mark|euro|quid|pound|dollar|€|£|\$/.test(before + after))) {
      return {
        min: Math.round(a.value * 0.75),
        max: Math.round(a.value * 1.15),
        text: spanText(
          a.start -
            (clause.match(
              /(?:around|about|roughly|approximately|approx|circa|near|close to|in the region of|~)\s*(?:the\s*)?$/,
            )?.[0].length ?? 0),
          a.end + (after.match(/^\s*(?:-?ish|or so|mark)/)?.[0].length ?? 0),
        ),
      };
    }
    if (overWord) {
      // "won't go above €90", "nothing over 50", "doesn't want to spend more than 60" are ceilings
      if (neg) return { min: null, max: a.value, text: `up to ${spanText(a.start, a.end)}` };
      if (a.money || /budget|spend|price|cost/.test(clause))
        return { min: a.value, max: null, text: `over ${spanText(a.start, a.end)}` };
      continue;
    }
    if (ceilingWord || ceilingAfter) return { min: null, max: a.value, text: `up to ${spanText(a.start, a.end)}` };
    if (floorWord && (a.money || /budget|spend|price/.test(clause)))
      return { min: a.value, max: null, text: `from ${spanText(a.start, a.end)}` };
    if (a.money) return { min: null, max: a.value, text: `up to ${spanText(a.start, a.end)}` };
  }
  return { min: null, max: null, text: null };
}

const SIZE_NUM = '(\\d{1,2}(?:\\.5)?)';

/** Sizes said in the message. `namedSizes` are the catalog's own size words ("king", "bath sheet"). */
export function readSizes(text: string, namedSizes: string[], used: Span[]): SizeAsk[] {
  const out: SizeAsk[] = [];
  const take = (re: RegExp, f: (m: RegExpExecArray) => SizeAsk | SizeAsk[] | null) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken(used, s, e)) continue;
      const got = f(m);
      if (!got) continue;
      used.push([s, e]);
      out.push(...(Array.isArray(got) ? got : [got]));
    }
  };
  take(/\bw\s?(\d{2})\s?l\s?(\d{2})\b|\b(\d{2})\s?w\s?(\d{2})\s?l\b/g, (m) => [
    { text: m[0], value: Number(m[1] ?? m[3]), unit: 'waist' },
    { text: m[0], value: Number(m[2] ?? m[4]), unit: 'leg' },
  ]);
  take(/\b(\d{2})\s?(?:"|inch(?:es)?|in)?\s?waist\b|\bwaist(?: size)?(?: of| is)?\s?(\d{2})\b/g, (m) => ({
    text: m[0],
    value: Number(m[1] ?? m[2]),
    unit: 'waist',
  }));
  take(
    /\b(\d{2})\s?(?:"|inch(?:es)?|in)?\s?(?:inside )?(?:leg|inseam|length)\b|\b(?:inside )?(?:leg|inseam)(?: of| is)?\s?(\d{2})\b/g,
    (m) => ({ text: m[0], value: Number(m[1] ?? m[2]), unit: 'leg' }),
  );
  take(
    new RegExp(
      `\\b${SIZE_NUM}\\s?(?:"|inch(?:es)?|in)?\\s?(?:neck|col+a?r|collar size)\\b|\\b(?:neck|col+a?r)(?: size)?(?: of| is)?\\s?${SIZE_NUM}\\b`,
      'g',
    ),
    (m) => ({ text: m[0], value: Number(m[1] ?? m[2]), unit: 'collar' }),
  );
  take(/\b(\d{2})\s?(?:"|inch(?:es)?|in)?\s?chest\b|\bchest(?: size)?(?: of| is)?\s?(\d{2})\b/g, (m) => ({
    text: m[0],
    value: Number(m[1] ?? m[2]),
    unit: 'chest',
  }));
  // measurements, with "at least 5mm" / "6 litres or more" as minimums
  const bound = (m: RegExpExecArray) => {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 14);
    return {
      atLeast:
        /(?:at least|minimum|min|over|more than|no less than|bigger than)\s$/.test(before) ||
        /^\s?(?:or more|or bigger|plus|\+|minimum|at least)/.test(after) ||
        undefined,
      atMost:
        /(?:at most|maximum|max|under|less than|no more than|smaller than)\s$/.test(before) ||
        /^\s?(?:or less|or smaller|max)/.test(after) ||
        undefined,
    };
  };
  take(/\b(\d{1,3}(?:\.\d)?)\s?cm\b/g, (m) => ({ text: m[0], value: Number(m[1]), unit: 'cm', ...bound(m) }));
  take(/\b(\d{1,2}(?:\.\d)?)\s?mm\b/g, (m) => ({ text: m[0], value: Number(m[1]), unit: 'mm', ...bound(m) }));
  take(/\b(\d{1,3}(?:\.\d)?)\s?kg\b/g, (m) => ({ text: m[0], value: Number(m[1]), unit: 'kg', ...bound(m) }));
  take(/\b(\d{2,4})\s?ml\b/g, (m) => ({ text: m[0], value: Number(m[1]) / 1000, unit: 'litres', ...bound(m) }));
  take(/\b(\d{1,2}(?:\.\d)?)\s?(?:l|ltr|litres?|liters?)\b/g, (m) => ({
    text: m[0],
    value: Number(m[1]),
    unit: 'litres',
    ...bound(m),
  }));
  take(/\bgrip(?: size)?\s?(?:g\s?)?(\d)\b|\b(?:a |an |size )g([1-5])\b/g, (m) => ({
    text: m[0],
    named: `grip ${m[1] ?? m[2]}`,
  }));
  // children's shoe sizes said as such: "a 13 in kids' sizes", "13k"
  take(
    /\b(\d{1,2}(?:\.5)?)\s?(?:in\s)?(?:kids'?|children'?s?|junior|infant)\s?(?:sizes?)?\b|\b(?:size|an?|'s an?|takes an?|wears an?|in an?)\s(\d{1,2}(?:\.5)?)k\b/g,
    (m) => ({ text: m[0], value: Number(m[1] ?? m[2]), unit: 'uk' }),
  );
  take(/\b(?:girl|boy|child|kid|lad|son|daughter|youngster)s? of (\d{1,2})\b/g, (m) => ({
    text: m[0],
    value: Number(m[1]),
    unit: 'age',
  }));
  take(
    /\b(\d{1,2})\s?-?\s?(?:years?|yrs?|yo)\b(?:\s?-?\s?old)?|\baged?\s(\d{1,2})\b|\bturning\s(\d{1,2})\b|\b(?:he|she|they|who)(?:'s| is|'re| are)\s(?:only\s|just\s|nearly\s|almost\s)?(\d{1,2})(?!\s?(?:\.5|in\b|collar|waist|chest|cm|uk|eu|us))\b/g,
    (m) => {
      const v = Number(m[1] ?? m[2] ?? m[3] ?? m[4]);
      return v <= 17 ? { text: m[0], value: v, unit: 'age' } : null;
    },
  );
  take(
    new RegExp(
      `\\b(uk|eu|us)\\s?(?:size\\s?)?${SIZE_NUM}\\b|\\b${SIZE_NUM}\\s?(?:in\\s)?(uk|eu|us|european|euro(?=\\s?sizes?))\\b(?:\\s?sizes?)?`,
      'g',
    ),
    (m) => {
      const u = (m[1] ?? m[4])!.startsWith('eu') ? 'eu' : ((m[1] ?? m[4]) as 'uk' | 'us');
      return { text: m[0], value: Number(m[2] ?? m[3]), unit: u };
    },
  );
  // tents and the like: "two person", "a 4-man tent", "sleeps 3"
  take(
    /\b(\d{1,2})[\s-]?(?:person|people|man|berth)\b|\bsleeps (\d{1,2})\b|\bfor (\d{1,2}) (?:people|persons)\b/g,
    (m) => ({ text: m[0], named: `${m[1] ?? m[2] ?? m[3]} person` }),
  );
  // letter sizes in words, and lone letters with a size cue
  take(
    /\b(extra[\s-]small|extra[\s-]large|x[\s-]large|xx[\s-]large|small|medium|large|xxs|xs|xxl|xxxl|2xl|3xl|4xl|xl)\b/g,
    (m) => {
      const w = m[1]!.replace(/\s+/, ' ');
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      const before = text.slice(Math.max(0, m.index - 16), m.index);
      // "a large pot", "small kettle": a word about the thing, not a size, when a noun follows
      if (
        /^(small|medium|large)$/.test(w) &&
        /^\s(?!or\b|and\b|please|pls|size|in\b|if\b|but\b|for\b|so\b|too\b|though\b|now\b|mostly\b|usually\b|normally\b)[a-z]{3,}/.test(
          after,
        ) &&
        !/\b(?:size|is an?|she's an?|he's an?|wears an?|takes an?|usually an?|normally an?)\s$/.test(before)
      )
        return null;
      const l = letterOf(w.replace(' ', '-')) ?? letterOf(w);
      return l ? { text: m[0], letter: l } : null;
    },
  );
  take(/\b(?:size|sz|in|in an?|an?|wears an?|takes an?|is an?|'s an?|are an?)\s(xs|s|m|l|xl)\b(?!\s?[a-z])/g, (m) => {
    const l = letterOf(m[1]!);
    return l ? { text: m[0], letter: l } : null;
  });
  // "base layer for her, M": a lone letter set off by a comma at the end of a phrase
  take(/(?:^|,\s?|;\s?)(xxs|xs|s|m|l|xl|xxl)(?=\s*(?:$|[,.!?;]))/g, (m) => {
    const l = letterOf(m[1]!);
    return l ? { text: m[0].replace(/^[,;]\s?/, ''), letter: l } : null;
  });
  // named sizes the catalog uses ("king", "bath sheet", "super king"), longest first
  for (const n of namedSizes) {
    const esc = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s?-?');
    take(new RegExp(`\\b${esc}(?:e?s)?\\b(?:\\s?(?:size|sized|bed))?`, 'g'), (m) => ({ text: m[0], named: n }));
  }
  // a bare number with a size cue: "size 12", "a 38", "she's a 14", "a 10 or 12", "shoes are a 39"
  take(
    new RegExp(
      `\\b(?:size|sz|sizes|in an?|an?|wears an?|takes an?|is an?|'s an?|are an?|fits an?)\\s${SIZE_NUM}\\b(?![.,]\\d)(?:\\s?(?:or|/|and)\\s?${SIZE_NUM}\\b)?(?:\\s(?:in|for)\\s(?:shoes|shoe size|boots|trainers|footwear))?(?!\\s?(?:-\\s?)?(?:euro|eur|quid|pounds?|dollars?|bucks|€|£|\\$|pack|pairs?|people|persons?|year|yr|month|piece|percent|%|x\\b|cm|l\\b|litre|liter|tog))`,
      'g',
    ),
    (m) => {
      const vals = [m[1], m[2]].filter(Boolean).map(Number);
      const before = text.slice(Math.max(0, m.index - 3), m.index);
      if (/[€£$]\s?$/.test(before)) return null;
      return vals.map((v) => ({ text: m[0], value: v }));
    },
  );
  // a bare half size ("womens 5.5 under 100"): only shoe sizes come in halves like that
  take(
    /(?<![€£$\d.])\b(\d{1,2}\.5)\b(?!\s?(?:euro|eur|quid|pounds?|dollars?|€|£|\$|cm|mm|l\b|litre|kg|tog|%))/g,
    (m) => ({ text: m[0], value: Number(m[1]) }),
  );
  // said twice is said once
  const seen = new Set<string>();
  return out.filter((a) => {
    const key = `${a.value}|${a.unit}|${a.letter}|${a.named}|${a.atLeast}|${a.atMost}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const WOMEN =
  /\b(she|shes|her|hers|herself|woman|women|womens|women's|ladies|lady|ladies'|wife|girlfriend|mam|mum|mom|mammy|mammy's|mother|mothers|mother-in-law|sister|sisters|daughter|daughters|aunt|auntie|niece|gran|granny|grandmother|nan|nana|bride|bridesmaid|fiancee|girl|girls|girls'|female|her's)\b/g;
const MEN =
  /\b(he|hes|him|his|himself|man|men|mens|men's|gents|gent|husband|boyfriend|dad|daddy|father|fathers|father-in-law|brother|brothers|son|sons|uncle|nephew|grandad|granda|grandfather|groom|best man|groomsman|lad|lads|boy|boys|boys'|male|fella|guy|chap)\b/g;
const RELATION =
  /\b(wife|girlfriend|mam|mum|mom|mammy|mother|mother-in-law|sister|daughter|aunt|auntie|niece|gran|granny|grandmother|nan|nana|bride|fiancee|husband|boyfriend|dad|daddy|father|father-in-law|brother|son|uncle|nephew|grandad|grandfather|groom|girl|boy|lad|baby|toddler|kid|child|twins?|teen|teenager)s?\b/g;
const KIDS =
  /\b(kids?|kids'|child|children|children's|childs|toddlers?|baby|babies|infants?|newborn|little (?:girl|boy|lad|one|fella|man)|teen|teens|teenage|teenager|tween|school ?girl|school ?boy|boys'|girls'|junior|youngster|twins?)\b/;
const ADULT =
  /\b(husband|wife|mam|mum|mom|mother|father|dad|grandad|grandmother|granny|gran|nan|man|woman|men|women|mens|womens|ladies|gents|himself|herself|boyfriend|girlfriend|mother-in-law|father-in-law|bride|groom|adult|grown-?up)\b/;

export function readPerson(text: string, sizes: SizeAsk[]): Person {
  const rel = [...text.matchAll(RELATION)];
  let gender: Person['gender'] = null;
  let who: string | null = null;
  const sexOf = (w: string): Person['gender'] =>
    new RegExp(WOMEN.source).test(w) ? 'women' : new RegExp(MEN.source).test(w) ? 'men' : null;
  // a named relation beats pronouns: "her son" is a boy; the last one named is who it is for
  for (let i = rel.length - 1; i >= 0; i--) {
    const g = sexOf(rel[i]![1]!);
    if (g) {
      gender = g;
      who = rel[i]![0];
      break;
    }
  }
  if (!gender) {
    const w = [...text.matchAll(WOMEN)].length;
    const m = [...text.matchAll(MEN)].length;
    if (w && !m) gender = 'women';
    else if (m && !w) gender = 'men';
    else if (w && m) {
      // "he's getting it for her": the last person named
      const lw = [...text.matchAll(WOMEN)].pop()!.index;
      const lm = [...text.matchAll(MEN)].pop()!.index;
      gender = lw > lm ? 'women' : 'men';
    }
  }
  const age = sizes.find((s) => s.unit === 'age')?.value ?? null;
  let kids: boolean | null = null;
  const teen = /\bteen(?:age|ager)?s?\b/.test(text);
  // "two teenage kids" in a long story about someone else is context, not who it is for
  if (age !== null) kids = age <= 16;
  else if (KIDS.test(text)) kids = true;
  else if (ADULT.test(text) || sizes.some((s) => s.unit === 'collar' || s.unit === 'chest')) kids = false;
  if (teen && age === null) kids = true;
  // "for her", "he's a large": an adult unless a child is named (a son or daughter may be either)
  if (
    kids === null &&
    gender !== null &&
    !/\b(son|daughter|lad|girl|boy|nephew|niece|grandson|granddaughter|twins?)s?\b/.test(text)
  )
    kids = false;
  const other =
    /\b(her|his|their|my|your)\s+(sister|brother|friend|mother|mam|mum|father|dad|husband|wife|son|daughter|niece|nephew|cousin|aunt|uncle)\b|\bone for\b|\bwhat about (?:for )?(?:her|him|his|the)\b/.test(
      text,
    );
  return { gender, kids, ageYears: age, text: who ?? (age !== null ? `age ${age}` : null), other };
}

const OWNED =
  /\b(?:already (?:got|has|have|bought|owns?)|(?:has|have|had) (?:just |already )?(?:bought|got|picked up|gotten|sorted)|bought|buying|got|gotten|getting|picked up|purchased|after buying|owns?|has|have)\s+(?:the|a|an|her|his|their|my|our|some|those|these|this)\b([^.,;!?]*?)(?=\s*(?:[.,;!?]| - |\bwhat\b|\bnow\b|\bfor (?:his|her|my|their)\b|\bhere\b|\blast\b|\bsorted\b|\band\b|$))/;
const GOES_WITH =
  /\b(what else|anything else|else (?:does|do|would|will|could|should|might)|goes? with|go with|going with|to match|match (?:it|them|that|this)|matching|the rest of|complete the|finish (?:it|the)|pair (?:it|them) with|wear with|what would go|what could go|what will go|need for|else for)\b/;

/** Reads one message. `colourWords` and `namedSizes` come from the catalog; `known` says whether a word is English the catalog or the reader knows. */
export function readMessage(
  message: string,
  vocab: { colourWords: Set<string>; namedSizes: string[]; known: (w: string) => boolean },
): Reading {
  const text = normalise(message);
  const used: Span[] = [];
  const sizes = readSizes(text, vocab.namedSizes, used);
  const budget = readBudget(text, used);
  const read: string[] = [];

  // colours: catalog words and common colour words, wanted or negated
  const colours: ColourWish[] = [];
  const excludeColours: ColourWish[] = [];
  const colourRe = /\b(?:(light|pale|dark|deep|bright)\s)?([a-z]+)\b/g;
  let m: RegExpExecArray | null;
  let lastNegEnd = -1;
  let lastNegated = false;
  while ((m = colourRe.exec(text))) {
    const word = m[2]!;
    const mod = m[1];
    const s = m.index;
    const e = s + m[0].length;
    if (taken(used, s, e)) continue;
    let wish: ColourWish | null = null;
    if (mod === 'light' && word === 'blue') wish = wishFor('light blue', m[0]);
    else if (
      vocab.colourWords.has(word) &&
      !/^(?:rose|ash|oak|cedar|pine|natural|linen|leather|ice|sand|stone|honey|butter|denim|coffee|silver|gold|smoke|steel|candy|marine|royal|jet|hunter|duck|lime|orange|cherry|mint|chocolate|copper|ink|bottle|snow|chalk|camel)$/.test(
        word,
      )
    )
      wish = wishFor(word, m[0]);
    else if (
      vocab.colourWords.has(word) &&
      /\b(?:in|colou?r|shade|a|the)\s$/.test(text.slice(Math.max(0, s - 8), s)) &&
      !/^\s(?:kettle|pan|pot|wallet|bag|shoes?|boots?|jacket|coat|dress|table|board)\b/.test(text.slice(e, e + 10))
    )
      wish = wishFor(word, m[0]);
    else if (
      (word === 'colour' ||
        word === 'color' ||
        word === 'colours' ||
        word === 'colors' ||
        word === 'shade' ||
        word === 'shades') &&
      (mod === 'dark' || mod === 'bright' || mod === 'light' || mod === 'pale' || mod === 'deep')
    )
      wish = { kind: mod === 'deep' ? 'dark' : mod === 'pale' ? 'light' : mod, text: m[0] };
    else if (mod === 'bright' && /\b(?:too|nothing|not|nothin|no)\s$/.test(text.slice(Math.max(0, s - 8), s)))
      wish = { kind: 'bright', text: 'bright' };
    else if (word === 'bright' || word === 'loud' || word === 'garish' || word === 'flashy') {
      if (/\b(?:too|nothing|not|nothin|no)\s$/.test(text.slice(Math.max(0, s - 8), s)))
        wish = { kind: 'bright', text: m[0] };
    }
    if (!wish) continue;
    const contListing: boolean =
      lastNegated && /^[\s,/]*(?:or|nor|and|,)?[\s,]*(?:an?\s)?$/.test(text.slice(lastNegEnd, s));
    const neg: boolean =
      contListing ||
      negated(text, s) ||
      (wish.kind === 'bright' && /\b(?:too|nothing|not|nothin|no)\s/.test(text.slice(Math.max(0, s - 10), s)));
    (neg ? excludeColours : colours).push(wish);
    read.push(m[0].trim());
    used.push([s, e]);
    lastNegEnd = e;
    lastNegated = neg;
  }

  // words ruled out: "not skinny", "no heels", "not leather"
  const excludeWords: string[] = [];
  const exRe =
    /\b(?:not|no|nothing|nothin|without|never|hates?|avoid|except|but not|isn't|doesn't want|don't want|won't wear)\s+(?:too\s|any\s|a\s|the\s|with\s)?([a-z][a-z-]{2,})(?:\s(?:or|nor)\s([a-z][a-z-]{2,}))?/g;
  while ((m = exRe.exec(text))) {
    for (const w of [m[1], m[2]]) {
      if (
        !w ||
        STOPWORDS.has(w) ||
        /^(bright|black|white|grey|gray|colour|color|more|over|above|under|past|expensive|dear|pricey|cheap|sure|much|long|big|small|really|keen|fussy|bothered)$/.test(
          w,
        )
      )
        continue;
      if (vocab.colourWords.has(w)) continue;
      excludeWords.push(w);
    }
  }
  // "he hates them tight": fit words ruled out
  if (/\b(?:hates?|doesn't like|don't like|can't stand|not)\b[^.]{0,20}\b(?:tight|skinny|slim)\b/.test(text))
    excludeWords.push('skinny', 'slim');
  if (/\b(?:hates?|doesn't like|don't like|not)\b[^.]{0,20}\b(?:baggy|loose)\b/.test(text))
    excludeWords.push('relaxed', 'wide');

  // "he hates them tight", "can't stand anything frilly": what they dislike is no search word
  const disliked = new Set(
    [
      ...text.matchAll(
        /\b(?:hates?|can't stand|cannot stand|doesn't like|don't like|dislikes?|not keen on|not a fan of)\s+(?:them\s+|it\s+|anything\s+|things\s+)?([a-z][a-z-]+)/g,
      ),
    ].map((x) => x[1]!),
  );
  const person = readPerson(text, sizes);
  const ownedMatch = OWNED.exec(text);
  const goesWith = GOES_WITH.test(text);
  const owned = ownedMatch && goesWith ? ownedMatch[1]!.trim() : null;
  const matchOwnedColour = /\b(?:that|the same|same|matching|its|this) colou?r\b|\bto match\b|\bmatching\b/.test(text);

  const cheaper =
    /\bcheaper\b|\bless expensive\b|\blower price|\bbit less\b|\btoo (?:expensive|pricey|dear)\b|\bcheapest\b|\bnot (?:too |so |that )?(?:dear|expensive|pricey)\b|\bbudget\b(?! of| is)|\baffordable\b|\bbargain\b/.test(
      text,
    ) && budget.max === null;
  // "a starter racket, nothing fancy", "just a basic one": the lower end of the range
  const modest =
    !budget.max &&
    /\b(?:nothing fancy|nothing too fancy|nothing expensive|starter|beginner'?s?|entry[- ]level|basic one|just a basic|cheap(?:er|est)?|budget one|not too dear|inexpensive|affordable)\b/.test(
      text,
    );
  const pricier =
    /\bmore expensive\b|\bbetter quality\b|\bhigher end\b|\bsomething nicer\b|\bpricier\b|\bmore premium\b|\bupgrade\b|\bbest (?:quality|one)\b|\btop of the range\b/.test(
      text,
    );
  const wantsOthers =
    /\b(others|anything else|something else|different ones?|more options|alternatives?|other ones?|any more)\b/.test(
      text,
    ) && !owned;
  const comparatives = [
    ...text.matchAll(
      /\b(warmer|cooler|lighter|heavier|bigger|larger|smaller|longer|shorter|thicker|thinner|softer|smarter|dressier|more casual|more formal|comfier|comfortable|waterproof)\b/g,
    ),
  ].map((x) => x[1]!);
  const anyStock =
    /\b(?:any ?where|any store|other stores?|order (?:it |one |them )?in|online|even if not (?:here|in stock))\b/.test(
      text,
    );

  // relevance words: everything not consumed and not a stopword
  const terms: string[] = [];
  const clean = text.split('');
  for (const [s, e] of used) for (let i = s; i < e; i++) clean[i] = ' ';
  const rest = clean.join('');
  let englishWords = 0;
  let allWords = 0;
  for (const w of rest.split(/[^a-z0-9'-]+/)) {
    const word = w.replace(/^'+|'+$/g, '').replace(/'s$/, '');
    if (!word) continue;
    if (/^\d/.test(word)) continue;
    allWords++;
    if (STOPWORDS.has(word) || vocab.known(word) || word.split('-').some((x) => x.length > 2 && vocab.known(x)))
      englishWords++;
    if (STOPWORDS.has(word) || word.length < 2) continue;
    if (
      /^(she|he|her|him|his|hers|they|them|their|wife|husband|son|daughter|mam|mum|mom|dad|mother|father|sister|brother|girl|boy|lad|kid|kids|child|children|baby|man|men|woman|women|mens|womens|lady|ladies|gents|teenage|teen|teenager|twins?|little|year|old|aged|euro|euros|quid|pounds?|dollars?|bucks|size|sized|sizes|colour|color|colours|colors|shade|budget|spend|price|max|maximum|tops|most|under|over|above|below|less|cheap|cheaper|dear|expensive|mother-in-law|father-in-law|niece|nephew|aunt|uncle|grandmother|grandfather|granny|gran|nan|grandad|himself|herself|boyfriend|girlfriend|fella|lads|boys|girls|mammy|daddy|won't|can't|doesn't|don't|isn't|nothin|pls|thx|instead|actually|sorry|too|then|also|either)$/.test(
        word,
      )
    )
      continue;
    if (excludeWords.includes(word) || disliked.has(word)) continue;
    terms.push(word);
  }
  // "bath towels", "king size duvet": a named size's own words say what the thing is, too
  for (const sz of sizes)
    if (sz.named)
      for (const w of sz.named.split(/\s+/))
        if (w.length > 2 && !STOPWORDS.has(w) && !/^\d/.test(w) && !terms.includes(w) && vocab.known(w)) terms.push(w);
  const unreadable =
    allWords > 0 &&
    englishWords === 0 &&
    !sizes.length &&
    budget.max === null &&
    budget.min === null &&
    !colours.length &&
    !excludeColours.length;
  for (const s of sizes) read.push(s.text);
  if (budget.text) read.push(budget.text);
  if (person.text) read.push(person.text);
  return {
    text,
    sizes,
    budget,
    colours,
    excludeColours,
    person,
    excludeWords: [...new Set(excludeWords)],
    terms,
    owned,
    matchOwnedColour,
    goesWith,
    cheaper,
    modest,
    pricier,
    wantsOthers,
    comparatives,
    anyStock,
    unreadable,
    read,
  };
}
