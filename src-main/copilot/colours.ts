/**
 * Colour words as shops name them (Ink, Claret, Oatmeal, Cognac…) mapped to the basic colour terms
 * people use ("navy", "red", "cream", "brown"), plus which read as dark or bright. General English
 * colour vocabulary, not one retailer's: a catalog colour is understood from its own words, and a
 * colour nobody listed here still matches when the customer says it exactly.
 */

/** colour word → basic families it belongs to */
const FAMILY: Record<string, string[]> = {
  black: ['black'],
  jet: ['black'],
  onyx: ['black'],
  ebony: ['black'],
  noir: ['black'],
  white: ['white'],
  snow: ['white'],
  optic: ['white'],
  chalk: ['white', 'cream'],
  ivory: ['cream', 'white'],
  cream: ['cream'],
  ecru: ['cream'],
  oatmeal: ['cream', 'beige'],
  oyster: ['cream'],
  stone: ['cream', 'beige'],
  sand: ['cream', 'beige'],
  natural: ['cream', 'beige'],
  beige: ['beige', 'cream'],
  linen: ['cream', 'beige'],
  champagne: ['cream', 'gold'],
  biscuit: ['beige', 'brown'],
  taupe: ['beige', 'brown', 'grey'],
  mushroom: ['beige', 'grey'],
  putty: ['beige', 'grey'],
  camel: ['brown', 'beige'],
  khaki: ['green', 'beige'],
  fawn: ['beige', 'brown'],
  nude: ['beige', 'pink'],
  latte: ['beige', 'brown'],
  grey: ['grey'],
  gray: ['grey'],
  charcoal: ['grey'],
  slate: ['grey', 'blue'],
  graphite: ['grey'],
  gunmetal: ['grey'],
  silver: ['grey', 'silver'],
  ash: ['grey'],
  smoke: ['grey'],
  pewter: ['grey'],
  dove: ['grey'],
  steel: ['grey'],
  marl: ['grey'],
  heather: ['grey', 'purple'],
  anthracite: ['grey'],
  navy: ['navy', 'blue'],
  ink: ['navy', 'blue'],
  midnight: ['navy', 'blue'],
  indigo: ['navy', 'blue'],
  marine: ['navy', 'blue'],
  blue: ['blue'],
  sky: ['light blue', 'blue'],
  cornflower: ['light blue', 'blue'],
  powder: ['light blue', 'blue'],
  denim: ['blue'],
  cobalt: ['blue'],
  royal: ['blue'],
  azure: ['blue', 'light blue'],
  cerulean: ['blue'],
  teal: ['teal', 'green'],
  petrol: ['teal', 'blue'],
  turquoise: ['turquoise', 'blue'],
  aqua: ['blue', 'green'],
  duck: ['blue', 'green'],
  sapphire: ['blue'],
  cyan: ['blue'],
  ice: ['light blue'],
  chambray: ['light blue', 'blue'],
  green: ['green'],
  sage: ['green'],
  emerald: ['green'],
  olive: ['green'],
  moss: ['green'],
  bottle: ['green'],
  forest: ['green'],
  mint: ['green'],
  lime: ['green'],
  jade: ['green'],
  pistachio: ['green'],
  fern: ['green'],
  pine: ['green'],
  hunter: ['green'],
  eucalyptus: ['green'],
  seafoam: ['green'],
  red: ['red'],
  claret: ['red', 'burgundy'],
  burgundy: ['red', 'burgundy'],
  oxblood: ['red', 'burgundy'],
  wine: ['red', 'burgundy'],
  maroon: ['red', 'burgundy'],
  berry: ['red', 'pink', 'burgundy'],
  cherry: ['red'],
  scarlet: ['red'],
  crimson: ['red'],
  ruby: ['red'],
  brick: ['orange'],
  cranberry: ['red', 'burgundy'],
  merlot: ['red', 'burgundy'],
  bordeaux: ['red', 'burgundy'],
  raspberry: ['pink', 'red'],
  tomato: ['red'],
  pink: ['pink'],
  blush: ['pink'],
  rose: ['pink'],
  fuchsia: ['pink'],
  magenta: ['pink', 'purple'],
  coral: ['pink', 'orange'],
  salmon: ['pink', 'orange'],
  dusky: ['pink'],
  peach: ['pink', 'orange'],
  candy: ['pink'],
  bubblegum: ['pink'],
  purple: ['purple'],
  plum: ['purple'],
  lilac: ['purple'],
  lavender: ['purple'],
  violet: ['purple'],
  aubergine: ['purple'],
  mauve: ['purple', 'pink'],
  grape: ['purple'],
  amethyst: ['purple'],
  orange: ['orange'],
  rust: ['orange', 'brown'],
  terracotta: ['orange', 'brown'],
  copper: ['orange', 'brown'],
  burnt: ['orange'],
  tangerine: ['orange'],
  amber: ['orange', 'yellow'],
  apricot: ['orange'],
  ginger: ['orange', 'brown'],
  paprika: ['orange', 'red'],
  yellow: ['yellow'],
  mustard: ['yellow'],
  lemon: ['yellow'],
  ochre: ['yellow', 'brown'],
  saffron: ['yellow'],
  sunflower: ['yellow'],
  butter: ['yellow'],
  gold: ['gold', 'yellow'],
  golden: ['gold', 'yellow'],
  honey: ['yellow', 'brown'],
  brown: ['brown'],
  tan: ['brown'],
  chestnut: ['brown'],
  cognac: ['brown'],
  chocolate: ['brown'],
  walnut: ['brown'],
  mocha: ['brown'],
  coffee: ['brown'],
  espresso: ['brown'],
  caramel: ['brown'],
  toffee: ['brown'],
  mahogany: ['brown', 'red'],
  hazel: ['brown'],
  umber: ['brown'],
  bronze: ['brown'],
  cinnamon: ['brown'],
  oak: ['brown'],
  cedar: ['brown'],
  leather: ['brown'],
  conker: ['brown'],
};

/** words that name no colour of their own but make one darker or lighter */
const DARK = new Set([
  'black',
  'navy',
  'ink',
  'midnight',
  'indigo',
  'charcoal',
  'slate',
  'graphite',
  'gunmetal',
  'anthracite',
  'bottle',
  'forest',
  'hunter',
  'pine',
  'claret',
  'burgundy',
  'oxblood',
  'wine',
  'maroon',
  'merlot',
  'bordeaux',
  'chocolate',
  'espresso',
  'mahogany',
  'aubergine',
  'plum',
  'petrol',
  'dark',
  'deep',
  'walnut',
  'coffee',
  'mocha',
]);
const BRIGHT = new Set([
  'emerald',
  'mustard',
  'lemon',
  'cornflower',
  'berry',
  'fuchsia',
  'magenta',
  'lime',
  'orange',
  'tangerine',
  'scarlet',
  'cherry',
  'turquoise',
  'cobalt',
  'coral',
  'yellow',
  'pink',
  'hot',
  'neon',
  'bright',
  'candy',
  'bubblegum',
  'raspberry',
  'cyan',
  'saffron',
  'sunflower',
]);
const MODIFIERS = new Set([
  'dark',
  'light',
  'pale',
  'deep',
  'bright',
  'dusty',
  'dusky',
  'soft',
  'mid',
  'washed',
  'faded',
  'rich',
  'vintage',
  'true',
  'classic',
  'heather',
  'marl',
]);

export interface ColourInfo {
  /** the catalog's colour name */
  name: string;
  /** basic families of its main (first) component */
  families: Set<string>;
  /** families of every component ("Sky/White" is also white) */
  allFamilies: Set<string>;
  words: Set<string>;
  allWords: Set<string>;
  dark: boolean;
  bright: boolean;
}

function wordsOf(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
}

function familiesOfWords(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) for (const f of FAMILY[w] ?? []) out.add(f);
  // "light blue", "pale blue": a light shade of blue is also light blue
  if (words.some((w) => w === 'light' || w === 'pale' || w === 'baby' || w === 'powder') && out.has('blue'))
    out.add('light blue');
  if (words.includes('dark') && out.has('blue')) out.add('navy');
  return out;
}

export function colourInfo(name: string): ColourInfo {
  const parts = name.split(/\s*[/&,+]\s*|\s+and\s+/i).filter(Boolean);
  const first = wordsOf(parts[0] ?? name);
  const all = wordsOf(name);
  const families = familiesOfWords(first);
  const allFamilies = familiesOfWords(all);
  const lightWord = first.some((w) => w === 'light' || w === 'pale' || w === 'sky' || w === 'powder' || w === 'baby');
  return {
    name,
    families,
    allFamilies,
    words: new Set(first),
    allWords: new Set(all),
    dark: !lightWord && first.some((w) => DARK.has(w)),
    bright: first.some((w) => BRIGHT.has(w)) && !first.some((w) => w === 'dusty' || w === 'pale' || w === 'soft'),
  };
}

/** Every word a customer may use for a colour: families, dictionary names and the catalog's own words. */
export function colourVocabulary(catalogColours: string[]): Set<string> {
  const v = new Set<string>(Object.keys(FAMILY));
  for (const fams of Object.values(FAMILY)) for (const f of fams) v.add(f);
  for (const c of catalogColours) for (const w of wordsOf(c)) if (!MODIFIERS.has(w) || FAMILY[w]) v.add(w);
  v.add('light blue');
  return v;
}

export type ColourWish =
  | { kind: 'family'; family: string; text: string }
  | { kind: 'word'; word: string; text: string }
  | { kind: 'dark' | 'bright' | 'light'; text: string };

/** Does a catalog colour satisfy one wish? Wanted colours match on the main component; excluded ones on any. */
export function colourMatches(c: ColourInfo, wish: ColourWish, anyComponent: boolean): boolean {
  switch (wish.kind) {
    case 'family':
      return (
        (anyComponent ? c.allFamilies : c.families).has(wish.family) ||
        (anyComponent ? c.allWords : c.words).has(wish.family)
      );
    case 'word':
      return (
        (anyComponent ? c.allWords : c.words).has(wish.word) ||
        // a dictionary name said ("burgundy") also finds its family members ("Claret") when it is a family itself
        (FAMILY[wish.word]?.length === 1 &&
          (anyComponent ? c.allFamilies : c.families).has(FAMILY[wish.word]![0]!) &&
          FAMILY[wish.word]![0] === wish.word)
      );
    case 'dark':
      return c.dark;
    case 'bright':
      return c.bright;
    case 'light':
      return (
        !c.dark &&
        (c.families.has('white') ||
          c.families.has('cream') ||
          c.families.has('light blue') ||
          c.families.has('beige') ||
          c.words.has('light') ||
          c.words.has('pale'))
      );
  }
}

/** A customer's colour word as a wish: a family name widens to the family; a shop's own name stays exact. */
export function wishFor(word: string, text: string): ColourWish {
  const fams = FAMILY[word];
  const isFamily = Object.values(FAMILY).some((f) => f.includes(word));
  if (isFamily) return { kind: 'family', family: word, text };
  // a named shade ("burgundy", "claret") that belongs to one family with a name of its own
  if (fams && fams.length >= 1) {
    const own = fams.find((f) => f === word);
    if (own) return { kind: 'family', family: own, text };
  }
  return { kind: 'word', word, text };
}

export function familiesOf(word: string): string[] {
  return FAMILY[word] ?? [];
}
