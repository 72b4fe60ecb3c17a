/**
 * From what the associate typed (and what was understood before) to constraints the retrieval can
 * apply. Deterministic and rule-based: phrases come from the catalog's vocabulary and lexicon.json;
 * the rules here only handle shapes of English (negation, budgets, sizes, carry-over).
 */
import type { CopilotConstraints } from '../contract/copilot';
import { sizeSystemOf, type Vocabulary, type PhraseTable, type SizeSystem } from './vocabulary';

export function emptyConstraints(): CopilotConstraints {
  return {
    categories: [],
    uses: [],
    sizes: [],
    sizeText: null,
    colors: [],
    excludeColors: [],
    priceMin: null,
    priceMax: null,
    priceBand: null,
    budgetText: null,
    gender: null,
    brands: [],
    excludeBrands: [],
    features: [],
    inStockHereOnly: true,
    forSomeoneElse: false,
  };
}

/** A size as said, before we know which category it is for. */
export interface SizeSpec {
  system: SizeSystem | 'number';
  value: string;
  text: string;
}

export interface Extraction {
  constraints: CopilotConstraints;
  /** what this message itself said (the scenario suite checks precision on these) */
  said: {
    categories: string[];
    sizes: SizeSpec[];
    colors: string[];
    excludeColors: string[];
    priceMin: number | null;
    priceMax: number | null;
    gender: CopilotConstraints['gender'];
    brands: string[];
    features: string[];
    uses: string[];
  };
  /** no product kind could be made out from the whole conversation */
  vague: boolean;
  cheaper: boolean;
  pricier: boolean;
  /** "show me others", "anything else": exclude what was already shown */
  wantsOthers: boolean;
}

export interface ExtractContext {
  /** prices (minor units) of the match cards shown in the previous turn, for "cheaper?" */
  lastShownPrices?: number[];
}

const phraseRegexCache = new Map<string, RegExp>();
function phraseRegex(phrase: string): RegExp {
  let r = phraseRegexCache.get(phrase);
  if (!r) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s-]+');
    r = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
    phraseRegexCache.set(phrase, r);
  }
  r.lastIndex = 0;
  return r;
}

interface Hit<T> {
  start: number;
  end: number;
  value: T;
  phrase: string;
}

/** Longest phrase wins; a character belongs to at most one hit. */
function findPhrases<T>(text: string, table: PhraseTable<T>, taken?: boolean[]): Hit<T>[] {
  const used = taken ?? new Array<boolean>(text.length).fill(false);
  const hits: Hit<T>[] = [];
  for (const { phrase, value } of table) {
    if (!text.includes(phrase.split(' ')[0]!)) continue;
    const re = phraseRegex(phrase);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      let free = true;
      for (let i = start; i < end; i++)
        if (used[i]) {
          free = false;
          break;
        }
      if (!free) continue;
      for (let i = start; i < end; i++) used[i] = true;
      hits.push({ start, end, value, phrase });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function has(text: string, phrases: string[]): boolean {
  return phrases.some((p) => phraseRegex(p.toLowerCase()).test(text));
}

export function normalise(message: string): string {
  return message
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const NEGATION_STOP =
  /[.;!?]|(?<!anything |everything )\bbut\b|\bhowever\b|\bthough\b|\bprefers?\b|\blikes?\b|\bloves?\b|\bwants?\b/;

/** Is the phrase at `start` negated ("hates yellow", "nothing bright", "not yellow or orange")? */
function negatedAt(text: string, start: number, negations: string[], prevNegatedEnd: number | null): boolean {
  const windowStart = Math.max(0, start - 40);
  let before = text.slice(windowStart, start);
  // a list continuing a negated colour: "no yellow, orange or pink"
  if (
    prevNegatedEnd !== null &&
    /^[\s,/]*(or|and|nor|,)?[\s,]*(bright |light |dark )?$/.test(text.slice(prevNegatedEnd, start))
  )
    return true;
  const stop = [...before.matchAll(new RegExp(NEGATION_STOP.source, 'g'))].pop();
  if (stop) before = before.slice(stop.index + stop[0].length);
  for (const n of negations) {
    const re = phraseRegex(n);
    if (re.test(before)) return true;
  }
  return false;
}

const MONEY_WORDS = '(?:£|gbp\\s*)?';
const AMOUNT = '(\\d{1,5}(?:\\.\\d{1,2})?)';
const NOT_A_UNIT =
  '(?![\\d.])(?!\\s*(?:kg|g\\b|grams?|l\\b|litres?|liters?|ltr|ml|mm|cm|person|people|man\\b|year|yr|y\\b|season|lumens?|%|k\\b))';

function pounds(s: string): number {
  return Math.round(parseFloat(s) * 100);
}

interface Budget {
  min: number | null;
  max: number | null;
  text: string | null;
}

export function extractBudget(text: string): Budget {
  let m: RegExpExecArray | null;
  // £100-£150, between 100 and 150, 100 to 150 quid
  m = new RegExp(
    `(between\\s+)?(£|gbp\\s*)?${AMOUNT}\\s*(?:-|to|and)\\s*(£)?\\s*${AMOUNT}\\s*(quid|pounds|gbp)?${NOT_A_UNIT}`,
  ).exec(text);
  if (m && (m[1] || m[2] || m[4] || m[6])) {
    const a = pounds(m[3]!);
    const b = pounds(m[5]!);
    return { min: Math.min(a, b), max: Math.max(a, b), text: m[0].trim() };
  }
  m = new RegExp(
    `(?:around|about|roughly|approximately|approx\\.?|circa|near|~)\\s*${MONEY_WORDS}${AMOUNT}(?:\\s*(?:quid|pounds))?(?:\\s*-?ish)?${NOT_A_UNIT}`,
  ).exec(text);
  if (m && /£|quid|pounds|budget|spend|price|cost/.test(text)) {
    const v = pounds(m[1]!);
    return { min: Math.round(v * 0.75), max: Math.round(v * 1.15), text: m[0].trim() };
  }
  m = new RegExp(`£\\s*${AMOUNT}\\s*-?ish`).exec(text);
  if (m) {
    const v = pounds(m[1]!);
    return { min: Math.round(v * 0.75), max: Math.round(v * 1.15), text: m[0].trim() };
  }
  m = new RegExp(
    `(?:under|below|less than|max(?:imum)?|up to|no more than|not more than|within|budget(?:\\s+is|\\s+of)?(?:\\s+about)?|at most|cap(?:ped)? at|nothing over|nothing above|not over|tops|spend(?:ing)?(?:\\s+up\\s+to)?)\\s*(?:of\\s+|is\\s+)?${MONEY_WORDS}${AMOUNT}(?:\\s*(?:quid|pounds))?${NOT_A_UNIT}`,
  ).exec(text);
  if (m) return { min: null, max: pounds(m[1]!), text: m[0].trim() };
  m = new RegExp(`(?:over|above|more than|at least|from)\\s*£\\s*${AMOUNT}`).exec(text);
  if (m) return { min: pounds(m[1]!), max: null, text: m[0].trim() };
  m = new RegExp(`£\\s*${AMOUNT}(?:\\s*(?:max|tops|budget|or less|or under))?|${AMOUNT}\\s*(?:quid|pounds)`).exec(text);
  if (m) return { min: null, max: pounds(m[1] ?? m[2]!), text: m[0].trim() };
  return { min: null, max: null, text: null };
}

function sizeSpecs(text: string, original: string, vocab: Vocabulary): SizeSpec[] {
  const out: SizeSpec[] = [];
  const lx = vocab.lexicon as unknown as {
    letterSizes: Record<string, string>;
    shoeSizes: { ukToEu: Record<string, string> };
    numberWords: Record<string, number>;
  };
  let m: RegExpExecArray | null;
  // shoes: UK 7, uk7, EU 42, US 9, size 7.5
  const shoeRe = /\b(uk|eu|us)\s?(\d{1,2}(?:\.5)?)(k)?\b/g;
  while ((m = shoeRe.exec(text))) {
    const sys = m[1]!;
    if (sys === 'uk')
      out.push({ system: m[3] ? 'kidsShoe' : 'shoe', value: `UK ${m[2]}${m[3] ? 'K' : ''}`, text: m[0] });
    else if (sys === 'eu') {
      const uk = Object.entries(lx.shoeSizes.ukToEu).find(([, eu]) => eu === m![2]);
      const near =
        uk ??
        Object.entries(lx.shoeSizes.ukToEu).sort(
          (a, b) => Math.abs(parseFloat(a[1]) - parseFloat(m![2]!)) - Math.abs(parseFloat(b[1]) - parseFloat(m![2]!)),
        )[0];
      if (near) out.push({ system: 'shoe', value: near[0], text: m[0] });
    } else out.push({ system: 'shoe', value: `US ${m[2]}`, text: m[0] });
  }
  // waist and leg: "32 waist", "waist 32", "W32 L30", "32/30", "32 inch waist"
  m =
    /\b(\d{2})\s?(?:"|inch|in|")?\s?waist\b|\bwaist(?: size)?(?: of)?\s?(\d{2})\b|\bw\s?(\d{2})\b|\b(\d{2})\s?\/\s?(\d{2})\b/.exec(
      text,
    );
  if (m) out.push({ system: 'waist', value: m[1] ?? m[2] ?? m[3] ?? m[4]!, text: m[0] });
  // litres: "40 litre", "40l", "30-40 litres"
  m = /\b(\d{1,3})\s?(?:-|to)\s?(\d{1,3})\s?(?:l|litres?|liters?|ltr)\b|\b(\d{1,3})\s?(?:l|litres?|liters?|ltr)\b/.exec(
    text,
  );
  if (m) {
    if (m[3]) out.push({ system: 'litres', value: `${m[3]}L`, text: m[0] });
    else out.push({ system: 'litres', value: `${m[1]}-${m[2]}L`, text: m[0] });
  }
  // tents: "2 person", "two-man", "for two people"
  m = /\b(\d|one|two|three|four|five|six)[\s-](?:person|people|man|berth)\b/.exec(text);
  if (m) {
    const n = lx.numberWords[m[1]!] ?? Number(m[1]);
    out.push({ system: 'persons', value: `${n} Person`, text: m[0] });
  }
  // kids' ages: "7 year old", "age 7", "aged 9"
  m = /\b(\d{1,2})[\s-]?(?:year|yr)s?[\s-]?old\b|\baged?\s(\d{1,2})\b/.exec(text);
  if (m) out.push({ system: 'kidsAge', value: m[1] ?? m[2]!, text: m[0] });
  // sleeping bag/mat length
  m = /\b(long|regular)[\s-](?:length|size|fit)\b/.exec(text);
  if (m) out.push({ system: 'length', value: m[1] === 'long' ? 'Long' : 'Regular', text: m[0] });
  // letters: XS..XXL when written as letters, or small/medium/large in a size context
  const letterRe = /(?<![\p{L}\p{N}'’&])(XXS|XS|S|M|L|XL|XXL|2XL)(?![\p{L}\p{N}'’&])/gu;
  const orig = original.replace(/\s+/g, ' ');
  while ((m = letterRe.exec(orig))) {
    const before = orig.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    const tok = m[1]!;
    // a lone S/M/L only with a size cue ("size M", "in M", "an M"); XS/XL/XXL are unambiguous
    if (tok.length === 1 && !/(size|in|an?|wears|takes|is|'s|or|and|,|\/)\s*$/.test(before)) continue;
    if (tok === 'L' && /\d\s*$/.test(before)) continue;
    out.push({ system: 'letter', value: tok === '2XL' ? 'XXL' : tok, text: m[0] });
  }
  if (!out.some((s) => s.system === 'letter')) {
    const words = Object.keys(lx.letterSizes).sort((a, b) => b.length - a.length);
    for (const w of words) {
      const re = phraseRegex(w);
      const mm = re.exec(text);
      if (!mm) continue;
      const before = text.slice(Math.max(0, mm.index - 14), mm.index);
      const after = text.slice(mm.index + mm[0].length, mm.index + mm[0].length + 8);
      const cue =
        /(size|in|in an?|wears an?|takes an?|is an?|'s an?|or|and|usually an?)\s*$/.test(before) ||
        /^\s*(size|,|\.|$|\?|!|or\b|and\b|please)/.test(after) ||
        after === '';
      const safe = w !== 'small' && w !== 'large' && w !== 'med';
      if (cue || (safe && !/^\s*(tent|pack|bag|backpack|rucksack|bottle|torch)/.test(after))) {
        out.push({ system: 'letter', value: lx.letterSizes[w]!, text: mm[0] });
        break;
      }
    }
  }
  // a bare number after "size": shoe, women's UK or waist depending on the category (resolved later)
  if (!out.some((s) => s.system === 'shoe' || s.system === 'waist')) {
    m =
      /\b(?:size|sz|a size|she's an?|he's an?|takes an?|wears an?)\s?(\d{1,2}(?:\.5)?)\b(?!\s?(?:year|yr|person|l\b|litre))|\b(\d{1,2}(?:\.5)?)s\b(?=\s|$|,|\.)/.exec(
        text,
      );
    if (m) out.push({ system: 'number', value: m[1] ?? m[2]!, text: m[0] });
  }
  return out;
}

/** Turns size specs into the catalog's size values for the categories at hand. */
export function resolveSizes(
  specs: SizeSpec[],
  categories: string[],
  gender: CopilotConstraints['gender'],
  vocab: Vocabulary,
): string[] {
  const lx = vocab.lexicon as unknown as { shoeSizes: { usOffset: Record<string, number> } };
  const cats = categories.map((c) => vocab.categories.get(c)).filter((c): c is NonNullable<typeof c> => !!c);
  const available = cats.length ? new Set(cats.flatMap((c) => [...c.sizes])) : vocab.sizes;
  const systems = new Set(cats.flatMap((c) => c.sizeSystems));
  const footwear = cats.length ? cats.some((c) => c.footwear) : false;
  const out: string[] = [];
  for (const s of specs) {
    let candidates: string[] = [];
    switch (s.system) {
      case 'shoe':
      case 'kidsShoe': {
        let v = s.value;
        if (v.startsWith('US ')) {
          const off = lx.shoeSizes.usOffset[gender ?? 'women'] ?? 1;
          v = `UK ${parseFloat(v.slice(3)) - off}`;
        }
        candidates = [v];
        break;
      }
      case 'number': {
        const n = parseFloat(s.value);
        if (footwear || (!cats.length && n < 14 && !Number.isInteger(n)))
          candidates = [gender === 'kids' && n >= 10 ? `UK ${n}K` : `UK ${n}`];
        else if (systems.has('waist') && n >= 24) candidates = [String(n)];
        else if (systems.has('womenUk') || (!cats.length && n % 2 === 0 && n >= 6 && n <= 22)) candidates = [String(n)];
        else if (!cats.length) candidates = [`UK ${n}`];
        break;
      }
      case 'litres': {
        const [a, b] = s.value.replace('L', '').split('-').map(Number);
        const lo = b === undefined ? a! - 5 : a!;
        const hi = b === undefined ? a! + 5 : b;
        const exact = `${a}L`;
        const litreSizes = [...available].filter((x) => sizeSystemOf(x) === 'litres');
        if (b === undefined && litreSizes.includes(exact)) candidates = [exact];
        else
          candidates = litreSizes.filter((x) => {
            const n = parseFloat(x);
            return n >= lo && n <= hi;
          });
        break;
      }
      case 'kidsAge': {
        const age = Number(s.value);
        candidates = [...available].filter((x) => {
          const m = /^(\d+)-(\d+)Y$/.exec(x);
          return m && age >= Number(m[1]) && age <= Number(m[2]);
        });
        break;
      }
      default:
        candidates = [s.value];
    }
    for (const c of candidates) if (available.has(c) || !cats.length) out.push(c);
  }
  return [...new Set(out)];
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function extractConstraints(
  message: string,
  vocab: Vocabulary,
  previous: CopilotConstraints | null,
  ctx: ExtractContext = {},
): Extraction {
  const lx = vocab.lexicon;
  const text = normalise(message);
  const prev = previous ?? emptyConstraints();

  // Sizes first: "40 litre" and "size 12" must not be read as money.
  const specs = sizeSpecs(text, message, vocab);
  const budget = extractBudget(text);

  const taken = new Array<boolean>(text.length).fill(false);
  const categoryHits = findPhrases(text, vocab.categoryPhrases, taken);
  // "a mat to go with my tent": the tent is context, not what they are after
  const contextual = (h: { start: number }) =>
    /(?:go(?:es)? with|to match|match(?:es)?|for|with) (?:my|his|her|their|the|our|a|an) (?:new |old )?$/.test(
      text.slice(Math.max(0, h.start - 30), h.start),
    );
  const targets = categoryHits.filter((h) => !contextual(h));
  const saidCategories = uniq((targets.length ? targets : categoryHits).map((h) => h.value));

  const brandHits = findPhrases(text, vocab.brandPhrases, taken);
  const brands: string[] = [];
  const excludeBrands: string[] = [];
  for (const h of brandHits)
    (negatedAt(text, h.start, lx.colourNegations, null) ? excludeBrands : brands).push(h.value);

  const colourHits = findPhrases(text, vocab.colourPhrases, taken);
  const colors: string[] = [];
  const excludeColors: string[] = [];
  let prevNegEnd: number | null = null;
  for (const h of colourHits) {
    if (negatedAt(text, h.start, lx.colourNegations, prevNegEnd)) {
      excludeColors.push(...h.value);
      prevNegEnd = h.end;
    } else {
      colors.push(...h.value);
      prevNegEnd = null;
    }
  }

  const features: string[] = [];
  for (const [feature, phrases] of Object.entries(lx.features)) if (has(text, phrases)) features.push(feature);
  const uses: string[] = [];
  for (const [use, phrases] of Object.entries(lx.uses)) if (has(text, phrases)) uses.push(use);

  // Gender: a named person ("her husband", "my son") beats pronouns; pronouns beat nothing.
  let gender: CopilotConstraints['gender'] = null;
  const strongHits: { g: 'women' | 'men' | 'kids'; at: number }[] = [];
  for (const g of ['women', 'men', 'kids'] as const) {
    for (const p of lx.gender[g]) {
      const re = phraseRegex(p);
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) strongHits.push({ g, at: m.index });
    }
  }
  if (specs.some((s) => s.system === 'kidsAge' || s.system === 'kidsShoe'))
    strongHits.push({ g: 'kids', at: text.length });
  if (strongHits.length) {
    // the last-named person is usually who it is for: "my wife's boots… for our son" → kids
    const kids = strongHits.find((h) => h.g === 'kids');
    gender = kids ? 'kids' : strongHits.sort((a, b) => b.at - a.at)[0]!.g;
  } else {
    for (const g of ['women', 'men'] as const) if (has(text, lx.genderPronouns[g])) gender = gender ? gender : g;
  }
  const otherPerson = has(text, lx.otherPerson) && /\b(for|what about|how about|and)\b/.test(text);

  const cheaper =
    /\bcheaper\b|\bless expensive\b|\blower price|\bbit less\b|\btoo (?:expensive|pricey|dear)\b|\bcheapest\b/.test(
      text,
    );
  const pricier =
    /\bmore expensive\b|\bbetter quality\b|\bhigher end\b|\bsomething nicer\b|\bpricier\b|\bmore premium\b|\bupgrade\b/.test(
      text,
    );
  const wantsOthers =
    /\b(other|others|else|different|more options|alternatives?)\b/.test(text) && !saidCategories.length;

  // ── carry-over ──
  const c: CopilotConstraints = {
    ...prev,
    categories: [...prev.categories],
    sizes: [...prev.sizes],
    colors: [...prev.colors],
    excludeColors: [...prev.excludeColors],
    brands: [...prev.brands],
    excludeBrands: [...prev.excludeBrands],
    features: [...prev.features],
    uses: [...prev.uses],
  };
  const categoryChanged = saidCategories.length > 0 && saidCategories.join('|') !== prev.categories.join('|');
  if (saidCategories.length) c.categories = saidCategories;
  if (categoryChanged) {
    c.features = [];
    c.brands = [];
    c.priceBand = null;
  }
  const personChanged =
    (gender !== null && prev.gender !== null && gender !== prev.gender) ||
    (otherPerson && gender !== null && gender !== prev.gender);
  if (personChanged) {
    // someone else: the customer's sizes and colour tastes are not theirs
    c.sizes = [];
    c.sizeText = null;
    c.colors = [];
    c.excludeColors = [];
    c.forSomeoneElse = otherPerson || prev.forSomeoneElse;
  }
  if (gender) c.gender = gender;
  if (otherPerson) c.forSomeoneElse = true;

  if (specs.length) {
    c.sizes = resolveSizes(specs, c.categories, c.gender, vocab);
    c.sizeText = specs.map((s) => s.text).join(', ');
  } else if (categoryChanged && c.sizes.length) {
    // a shoe size says nothing about a jacket: keep only sizes the new categories use
    const systems = new Set(c.categories.flatMap((k) => vocab.categories.get(k)?.sizeSystems ?? []));
    c.sizes = c.sizes.filter((s) => systems.has(sizeSystemOf(s)));
    if (!c.sizes.length) c.sizeText = null;
  }

  if (colors.length) {
    c.colors = uniq(colors);
    c.excludeColors = c.excludeColors.filter((x) => !c.colors.includes(x));
  }
  if (excludeColors.length) {
    c.excludeColors = uniq([...c.excludeColors, ...excludeColors]);
    c.colors = c.colors.filter((x) => !c.excludeColors.includes(x));
  }
  if (brands.length) c.brands = uniq(brands);
  if (excludeBrands.length) {
    c.excludeBrands = uniq([...c.excludeBrands, ...excludeBrands]);
    c.brands = c.brands.filter((b) => !c.excludeBrands.includes(b));
  }
  if (features.length) c.features = uniq([...c.features, ...features]);
  if (uses.length) c.uses = uniq([...c.uses, ...uses]);

  if (budget.min !== null || budget.max !== null) {
    c.priceMin = budget.min;
    c.priceMax = budget.max;
    c.budgetText = budget.text;
    c.priceBand = null;
  } else if (cheaper) {
    const shown = ctx.lastShownPrices ?? [];
    if (shown.length) {
      // cheaper than the middle of what was shown: the associate is reacting to the whole row
      const sorted = [...shown].sort((a, b) => a - b);
      c.priceMax = sorted[Math.floor((sorted.length - 1) / 2)]! - 1;
      c.priceMin = null;
      c.budgetText = 'cheaper than what was shown';
    } else c.priceBand = 'low';
  } else if (pricier) {
    const shown = ctx.lastShownPrices ?? [];
    if (shown.length) {
      c.priceMin = Math.max(...shown) + 1;
      c.priceMax = null;
      c.budgetText = 'pricier than what was shown';
    } else c.priceBand = 'high';
  } else if (has(text, lx.cheap)) c.priceBand = 'low';
  else if (has(text, lx.premium)) c.priceBand = 'high';

  if (has(text, lx.anyStock)) c.inStockHereOnly = false;

  // "something warm": no kind of product anywhere in the conversation
  const vague = c.categories.length === 0 && c.brands.length === 0;

  return {
    constraints: c,
    said: {
      categories: saidCategories,
      sizes: specs,
      colors: uniq(colors),
      excludeColors: uniq(excludeColors),
      priceMin: budget.min,
      priceMax: budget.max,
      gender,
      brands: uniq(brands),
      features,
      uses,
    },
    vague,
    cheaper,
    pricier,
    wantsOthers,
  };
}
