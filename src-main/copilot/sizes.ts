/**
 * Sizes as a catalog writes them and as people say them. A catalog size string becomes typed facets
 * (EU/UK shoe, collar inches, waist/leg, suit chest, a child's age band, letter, dress number, bed
 * or other named size, cm/litres) read in the context of its product (a "16" on a shirt is a collar,
 * on a dress a dress size). A size said in a message becomes a `SizeAsk` (a number with or without
 * a unit, a letter, an age, a named size); `sizeMatches` decides whether a variant is that size.
 * Nothing here knows one retailer: every scale is a shape of the size text or its product.
 */

export type Letter = 'XXS' | 'XS' | 'S' | 'M' | 'L' | 'XL' | 'XXL' | '3XL' | '4XL';
const LETTER_ORDER: Letter[] = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL'];
const LETTER_ALIASES: Record<string, Letter> = {
  xxs: 'XXS',
  xs: 'XS',
  s: 'S',
  m: 'M',
  l: 'L',
  xl: 'XL',
  xxl: 'XXL',
  '2xl': 'XXL',
  xxxl: '3XL',
  '3xl': '3XL',
  '4xl': '4XL',
  small: 'S',
  medium: 'M',
  med: 'M',
  large: 'L',
  'extra small': 'XS',
  'extra-small': 'XS',
  'extra large': 'XL',
  'extra-large': 'XL',
  'x large': 'XL',
  'x-large': 'XL',
  'xx large': 'XXL',
  'xx-large': 'XXL',
  'double extra large': 'XXL',
};
/** women's letter ↔ UK/IE dress numbers, the equivalence shops print on their size guides */
const WOMEN_LETTER_TO_DRESS: Record<string, number[]> = {
  XXS: [4],
  XS: [6, 8],
  S: [8, 10],
  M: [12],
  L: [14, 16],
  XL: [16, 18],
  XXL: [20, 22],
};

export interface SizeFacets {
  letters?: Letter[];
  /** EU shoe size band */
  shoeEu?: [number, number];
  /** UK shoe size band (adult scale; kids' "K" sizes kept apart) */
  shoeUk?: [number, number];
  kidsShoeUk?: number;
  collar?: number;
  waist?: number;
  leg?: number;
  chest?: number;
  /** a child's age band in years */
  age?: [number, number];
  dress?: number;
  /** any other size said in words: "king", "bath sheet", "one size", "regular" */
  named?: string;
  cm?: number;
  /** a band in cm ("S 51-55cm" helmets, head or chest measurements) */
  cmBand?: [number, number];
  litres?: number;
  mm?: number;
  kg?: number;
  /** a number with no scale we recognise */
  number?: number;
}

export interface SizeContext {
  /** product_type path segments and title, lower case */
  text: string;
  /** the title as written, where measurements are often given ("Dome Kettle, 1.7L", "Yoga Mat 4mm") */
  title?: string;
  sizeSystem?: string | null;
  gender?: string | null;
  kids?: boolean;
}

// UK adult → EU (the usual conversion printed on shoe boxes)
const UK_TO_EU: [number, number][] = [
  [2, 35],
  [2.5, 35],
  [3, 35.5],
  [3.5, 36],
  [4, 37],
  [4.5, 37.5],
  [5, 38],
  [5.5, 38.5],
  [6, 39],
  [6.5, 40],
  [7, 40.5],
  [7.5, 41],
  [8, 42],
  [8.5, 42.5],
  [9, 43],
  [9.5, 44],
  [10, 44.5],
  [10.5, 45],
  [11, 46],
  [11.5, 46.5],
  [12, 47],
  [13, 48],
  [14, 49],
];
// UK children's → EU
const UK_KIDS_TO_EU: [number, number][] = [
  [4, 20],
  [5, 21],
  [6, 23],
  [7, 24],
  [8, 25],
  [9, 27],
  [10, 28],
  [11, 29],
  [12, 30],
  [13, 32],
  [1, 33],
  [2, 34],
  [3, 35.5],
];
export function ukToEu(uk: number, kids = false): number | null {
  const table = kids ? UK_KIDS_TO_EU : UK_TO_EU;
  const hit = table.find(([u]) => u === uk);
  return hit ? hit[1] : null;
}

const isFootwear = (t: string) =>
  /\b(footwear|shoes?|boots?|trainers?|sneakers?|sandals?|slippers?|loafers?|heels?|brogues?|wellies|wellingtons|mules?|pumps?|flats?|espadrilles?|clogs?)\b/.test(
    t,
  );
const isShirt = (t: string) =>
  /\bshirts?\b/.test(t) && !/\bt-?shirts?\b|\bpolo|sweatshirt|overshirt|nightshirt/.test(t);
const isLegwear = (t: string) => /\b(jeans|trousers|chinos|pants|shorts|slacks|joggers|cords)\b/.test(t);
const isSuit = (t: string) => /\b(suits?|blazers?|tuxedo|dinner jacket|sport coats?)\b/.test(t);

/** Typed facets of one catalog size, read with its product. */
export function sizeFacets(raw: string | null, ctx: SizeContext): SizeFacets {
  const f = sizeFacetsOfSize(raw, ctx);
  // measurements the size leaves out are often in the title
  if (ctx.title && f.cm === undefined && f.cmBand === undefined && f.litres === undefined && f.mm === undefined) {
    const t = ctx.title.toLowerCase();
    let m: RegExpExecArray | null;
    if ((m = /(\d+(?:\.\d+)?)\s*mm\b/.exec(t))) f.mm = Number(m[1]);
    if ((m = /(\d+(?:\.\d+)?)\s*cm\b/.exec(t)) && !/\d\s*x\s*\d/.test(t)) f.cm = Number(m[1]);
    if ((m = /(\d+(?:\.\d+)?)\s*(?:l|ltr|litres?|liters?)\b/.exec(t))) f.litres = Number(m[1]);
    else if ((m = /(\d+(?:\.\d+)?)\s*ml\b/.exec(t))) f.litres = Number(m[1]) / 1000;
  }
  return f;
}

function sizeFacetsOfSize(raw: string | null, ctx: SizeContext): SizeFacets {
  const f: SizeFacets = {};
  const s = (raw ?? '').trim();
  if (!s) return f;
  const low = s.toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(xxs|xs|s|m|l|xl|xxl)?\s*(\d+(?:\.\d)?)\s*-\s*(\d+(?:\.\d)?)\s*cm$/.exec(low))) {
    if (m[1]) f.letters = [LETTER_ALIASES[m[1]]!];
    f.cmBand = [Number(m[2]), Number(m[3])];
    return f;
  }
  if ((m = /^(\d+(?:\.\d+)?)\s*ml$/.exec(low))) {
    f.litres = Number(m[1]) / 1000;
    return f;
  }
  if ((m = /^(\d+(?:\.\d+)?)\s*kg$/.exec(low))) {
    f.kg = Number(m[1]);
    return f;
  }
  if ((m = /^g\s?(\d)$/.exec(low))) {
    f.named = `grip ${m[1]}`;
    return f;
  }
  if ((m = /^size\s*(\d{1,2})$/.exec(low))) {
    f.number = Number(m[1]);
    return f;
  }

  if (
    (m = /^(\d{2})\s*w\s*(\d{2})\s*l$/.exec(low)) ||
    (m = /^w\s*(\d{2})\s*l\s*(\d{2})$/.exec(low)) ||
    (m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(low))
  ) {
    f.waist = Number(m[1]);
    f.leg = Number(m[2]);
    return f;
  }
  const cm = /(\d+(?:\.\d+)?)\s*cm\b/.exec(low);
  if (cm && !/\bx\b/.test(low)) f.cm = Number(cm[1]);
  const litres = /(\d+(?:\.\d+)?)\s*(?:l|ltr|litres?|liters?)\b/.exec(low);
  if (litres) f.litres = Number(litres[1]);
  if (f.cm !== undefined || f.litres !== undefined) return f;

  if ((m = /^(\d{2})\s*(s|r|l|short|regular|long)$/.exec(low)) && isSuit(ctx.text)) {
    f.chest = Number(m[1]);
    f.named = m[2]!.length === 1 ? { s: 'short', r: 'regular', l: 'long' }[m[2]!] : m[2];
    return f;
  }
  if ((m = /^(\d{1,2})\s*-\s*(\d{1,2})\s*(y|yrs?|years?)$/.exec(low))) {
    f.age = [Number(m[1]), Number(m[2])];
    return f;
  }
  if ((m = /^(\d{1,2})\s*(y|yrs?|years?)$/.exec(low))) {
    f.age = [Number(m[1]), Number(m[1])];
    return f;
  }
  if ((m = /^(\d{1,2})\s*-\s*(\d{1,2})\s*(m|mths?|months?)$/.exec(low))) {
    f.age = [Number(m[1]) / 12, Number(m[2]) / 12];
    return f;
  }
  const foot =
    isFootwear(ctx.text) ||
    (/^(eu|uk|us)$/i.test(ctx.sizeSystem ?? '') &&
      /^\s*(?:eu|uk|us)?\s*\d/.test(low) &&
      !isShirt(ctx.text) &&
      !isLegwear(ctx.text));
  if ((m = /^(?:(eu|uk|us)\s*)?(\d{1,2}(?:\.5)?)(k)?(?:\s*-\s*(\d{1,2}(?:\.5)?))?$/.exec(low)) && (foot || m[1])) {
    const scale = (m[1] ?? ctx.sizeSystem ?? '').toLowerCase();
    const lo = Number(m[2]);
    const hi = m[4] ? Number(m[4]) : lo;
    if (m[3]) {
      f.kidsShoeUk = lo;
      const eu = ukToEu(lo, true);
      if (eu) f.shoeEu = [eu, eu];
    } else if (scale === 'uk' || (scale !== 'eu' && lo < 16)) {
      f.shoeUk = [lo, hi];
      const a = ukToEu(lo, !!ctx.kids && lo >= 10);
      const b = ukToEu(hi, !!ctx.kids && hi >= 10);
      if (a && b) f.shoeEu = [a, b];
    } else if (scale === 'us') {
      f.number = lo;
    } else {
      f.shoeEu = [lo, hi];
    }
    if (foot) return f;
  }
  const letterParts = low.split(/\s*[/|]\s*|\s*-\s*(?=[a-z])/);
  const letters = letterParts.map((p) => LETTER_ALIASES[p]).filter((x): x is Letter => !!x);
  if (letters.length && letters.length === letterParts.length) {
    f.letters = letters;
    return f;
  }
  if ((m = /^(\d{1,2}(?:\.5)?)(?:\s*(?:"|in|inch(?:es)?))?$/.exec(low))) {
    const n = Number(m[1]);
    if (isShirt(ctx.text) && n >= 13 && n <= 20) f.collar = n;
    else if (isLegwear(ctx.text) && n >= 24 && n <= 50) f.waist = n;
    else if (isSuit(ctx.text) && n >= 34 && n <= 56) f.chest = n;
    else if (Number.isInteger(n) && n >= 2 && n <= 32 && n % 2 === 0 && !ctx.kids) f.dress = n;
    else f.number = n;
    return f;
  }
  if ((m = /^(\d{1,2})\s*-?\s*(?:person|people|man|berth)$/.exec(low))) {
    f.named = `${m[1]} person`;
    return f;
  }
  if ((m = /^(\d{1,2})\s+(regular|long|short|petite|tall)$/.exec(low))) {
    f.dress = Number(m[1]);
    f.named = m[2];
    return f;
  }
  f.named = low;
  return f;
}

/** A size said in a message. */
export interface SizeAsk {
  /** what was said, for replies ("a 42 and a half") */
  text: string;
  value?: number;
  /** the scale named or implied by the words around it */
  unit?: 'eu' | 'uk' | 'us' | 'collar' | 'waist' | 'leg' | 'chest' | 'age' | 'cm' | 'litres' | 'mm' | 'kg' | 'dress';
  /** "at least 5mm", "6 litres or more": a minimum, not an exact measure */
  atLeast?: boolean;
  atMost?: boolean;
  letter?: Letter;
  /** a named size from the catalog's own size words ("king", "bath sheet") */
  named?: string;
}

/** How a variant stands against the sizes asked: 'fits', 'other' (sized that way, but not this size) or 'unsized'. */
export function sizeMatches(
  f: SizeFacets,
  asks: SizeAsk[],
  who: { women: boolean; kids: boolean },
): 'fits' | 'other' | 'unsized' {
  let relevant = false;
  // all dimensions said must hold (waist and leg together); alternatives of one dimension ("a 10 or 12") are ORed
  const byDim = new Map<string, SizeAsk[]>();
  for (const a of asks) {
    const dim = a.named
      ? 'named'
      : a.letter
        ? 'body'
        : a.unit === 'waist' ||
            a.unit === 'leg' ||
            a.unit === 'cm' ||
            a.unit === 'litres' ||
            a.unit === 'mm' ||
            a.unit === 'kg'
          ? a.unit
          : 'body';
    const list = byDim.get(dim) ?? [];
    list.push(a);
    byDim.set(dim, list);
  }
  let allFit = true;
  for (const [dim, list] of byDim) {
    let dimRelevant = false;
    let dimFits = false;
    for (const a of list) {
      const r = oneMatch(f, a, who, dim);
      if (r !== 'unsized') dimRelevant = true;
      if (r === 'fits') dimFits = true;
    }
    if (dimRelevant) relevant = true;
    if (dimRelevant && !dimFits) allFit = false;
  }
  if (!relevant) return 'unsized';
  return allFit ? 'fits' : 'other';
}

function measure(have: number, a: SizeAsk, tolerance: number): boolean {
  if (a.atLeast) return have >= a.value! - 1e-9;
  if (a.atMost) return have <= a.value! + 1e-9;
  return Math.abs(have - a.value!) <= tolerance + 1e-9;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
function inBand(v: number, band: [number, number]): boolean {
  return v >= band[0] - 1e-9 && v <= band[1] + 1e-9;
}

function oneMatch(
  f: SizeFacets,
  a: SizeAsk,
  who: { women: boolean; kids: boolean },
  dim: string,
): 'fits' | 'other' | 'unsized' {
  if (dim === 'named') {
    if (f.named === undefined) return 'unsized';
    return f.named === a.named || f.named.replace(/\s+size$/, '') === a.named ? 'fits' : 'other';
  }
  if (dim === 'waist') return f.waist === undefined ? 'unsized' : near(f.waist, a.value!) ? 'fits' : 'other';
  if (dim === 'leg') return f.leg === undefined ? 'unsized' : near(f.leg, a.value!) ? 'fits' : 'other';
  if (dim === 'cm') {
    if (f.cmBand) return inBand(a.value!, f.cmBand) ? 'fits' : 'other';
    return f.cm === undefined ? 'unsized' : measure(f.cm, a, 0.5) ? 'fits' : 'other';
  }
  if (dim === 'litres')
    return f.litres === undefined
      ? 'unsized'
      : measure(f.litres, a, a.value! >= 5 ? Math.max(2.5, a.value! * 0.1) : a.value! * 0.05)
        ? 'fits'
        : 'other';
  if (dim === 'mm') return f.mm === undefined ? 'unsized' : measure(f.mm, a, 0.25) ? 'fits' : 'other';
  if (dim === 'kg') return f.kg === undefined ? 'unsized' : measure(f.kg, a, 0.05) ? 'fits' : 'other';
  if (a.letter) {
    if (f.letters) return f.letters.includes(a.letter) ? 'fits' : 'other';
    if (f.dress !== undefined && who.women)
      return (WOMEN_LETTER_TO_DRESS[a.letter] ?? []).includes(f.dress) ? 'fits' : 'other';
    if (f.dress !== undefined || f.collar !== undefined || f.chest !== undefined || f.age !== undefined) return 'other';
    return 'unsized';
  }
  const v = a.value;
  if (v === undefined) return 'unsized';
  // the scale the words named, else every scale this number can be on
  switch (a.unit) {
    case 'collar':
      return f.collar === undefined
        ? f.letters || f.dress !== undefined
          ? 'other'
          : 'unsized'
        : near(f.collar, v)
          ? 'fits'
          : 'other';
    case 'chest':
      return f.chest === undefined ? (f.letters ? 'other' : 'unsized') : near(f.chest, v) ? 'fits' : 'other';
    case 'age':
      // an age says nothing about a child's helmet in XS or shoes in 12K: only age bands are judged by it
      return f.age === undefined ? (f.dress !== undefined ? 'other' : 'unsized') : inBand(v, f.age) ? 'fits' : 'other';
    case 'eu':
      return f.shoeEu === undefined ? 'unsized' : inBand(v, f.shoeEu) ? 'fits' : 'other';
    case 'uk': {
      if (f.shoeUk) return inBand(v, f.shoeUk) ? 'fits' : 'other';
      if (f.kidsShoeUk !== undefined) return near(f.kidsShoeUk, v) ? 'fits' : 'other';
      if (f.shoeEu) {
        const eu = ukToEu(v, who.kids && v >= 10);
        return eu !== null && (inBand(eu, f.shoeEu) || Math.abs(eu - f.shoeEu[0]) <= 0.5) ? 'fits' : 'other';
      }
      if (f.dress !== undefined) return near(f.dress, v) ? 'fits' : 'other';
      return 'unsized';
    }
    case 'us': {
      // US shoe sizes run one (men) or two (women) above UK
      const uk = v - (who.women ? 2 : 1);
      if (f.shoeUk) return inBand(uk, f.shoeUk) ? 'fits' : 'other';
      if (f.shoeEu) {
        const eu = ukToEu(uk);
        return eu !== null && (inBand(eu, f.shoeEu) || Math.abs(eu - f.shoeEu[0]) <= 0.5) ? 'fits' : 'other';
      }
      return 'unsized';
    }
    default: {
      if (f.shoeEu) {
        if (v >= 16) return inBand(v, f.shoeEu) ? 'fits' : 'other';
        if (f.shoeUk) return inBand(v, f.shoeUk) ? 'fits' : 'other';
        const eu = ukToEu(v, who.kids && v >= 10);
        return eu !== null && Math.abs(eu - f.shoeEu[0]) <= 0.5 ? 'fits' : 'other';
      }
      if (f.kidsShoeUk !== undefined) return near(f.kidsShoeUk, v) ? 'fits' : 'other';
      if (f.collar !== undefined) return near(f.collar, v) ? 'fits' : 'other';
      if (f.chest !== undefined) return near(f.chest, v) ? 'fits' : 'other';
      if (f.waist !== undefined) return near(f.waist, v) ? 'fits' : 'other';
      if (f.dress !== undefined) return near(f.dress, v) ? 'fits' : 'other';
      if (f.age !== undefined) return who.kids && inBand(v, f.age) ? 'fits' : 'other';
      if (f.number !== undefined) return near(f.number, v) ? 'fits' : 'other';
      if (f.cmBand) return 'other';
      if (f.letters && who.women && Number.isInteger(v)) {
        const letters = Object.entries(WOMEN_LETTER_TO_DRESS)
          .filter(([, ns]) => ns.includes(v))
          .map(([l]) => l as Letter);
        return letters.some((l) => f.letters!.includes(l)) ? 'fits' : 'other';
      }
      if (f.letters) return 'other';
      return 'unsized';
    }
  }
}

export function letterOf(word: string): Letter | undefined {
  return LETTER_ALIASES[word.toLowerCase()];
}

export function letterRank(l: Letter): number {
  return LETTER_ORDER.indexOf(l);
}

/** "a 42 and a half" in words, for replies */
export function describeAsk(a: SizeAsk): string {
  if (a.named) return a.named;
  if (a.letter) return a.letter;
  const v = a.value!;
  switch (a.unit) {
    case 'collar':
      return `${v} collar`;
    case 'waist':
      return `${v} waist`;
    case 'leg':
      return `${v} leg`;
    case 'chest':
      return `${v} chest`;
    case 'age':
      return `age ${v}`;
    case 'eu':
      return `EU ${v}`;
    case 'uk':
      return `UK ${v}`;
    case 'us':
      return `US ${v}`;
    case 'cm':
      return `${a.atLeast ? 'at least ' : ''}${v}cm`;
    case 'mm':
      return `${a.atLeast ? 'at least ' : ''}${v}mm`;
    case 'kg':
      return `${v}kg`;
    case 'litres':
      return `${a.atLeast ? 'at least ' : ''}${v < 1 ? `${Math.round(v * 1000)}ml` : `${v}L`}`;
    default:
      return `size ${v}`;
  }
}
