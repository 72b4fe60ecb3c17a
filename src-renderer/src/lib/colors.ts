/**
 * A swatch colour for a catalog colour name ("Forest Green", "navy/white"). Feeds carry free-text
 * colours; this maps the words people use to a CSS colour so a swatch can sit beside the name.
 * Unknown names get null and the UI shows the name alone. Pure.
 */
const NAMED: Record<string, string> = {
  black: '#1f2328',
  white: '#ffffff',
  ivory: '#fffff0',
  cream: '#f3ead3',
  offwhite: '#f4f1ea',
  'off-white': '#f4f1ea',
  grey: '#8a8f98',
  gray: '#8a8f98',
  charcoal: '#3b3f45',
  graphite: '#4a4e55',
  slate: '#5b6b7a',
  silver: '#c0c4c8',
  stone: '#b9ae9c',
  navy: '#1d2b4f',
  blue: '#2f6fdb',
  cobalt: '#1f4fbf',
  sky: '#7fb8e6',
  teal: '#0f8b8d',
  turquoise: '#2ec4b6',
  denim: '#3b5b85',
  indigo: '#3f3d9e',
  red: '#d03a2f',
  burgundy: '#7a1f2b',
  maroon: '#6d1a24',
  wine: '#6e2236',
  rust: '#b3541e',
  orange: '#ef7d22',
  coral: '#f26b5b',
  pink: '#e87ea8',
  rose: '#d9788c',
  berry: '#8e2d5b',
  magenta: '#b3237a',
  yellow: '#f2c230',
  mustard: '#d1a12a',
  gold: '#c9a23c',
  sand: '#d8c3a0',
  beige: '#d9c7a7',
  khaki: '#b5a77a',
  tan: '#c19a6b',
  camel: '#b8874c',
  brown: '#6f4a2f',
  chocolate: '#4e3322',
  coffee: '#5b3e2b',
  mocha: '#6a4b3a',
  taupe: '#8b7d6b',
  green: '#2f8f46',
  olive: '#6b6f2e',
  forest: '#23492f',
  sage: '#9caf88',
  moss: '#5f6f3a',
  lime: '#9ccc3c',
  mint: '#9ee2c3',
  emerald: '#1f8a5b',
  khakigreen: '#6c7043',
  purple: '#6c3fa0',
  plum: '#6b2d5c',
  lavender: '#b6a3d9',
  lilac: '#c5a3d9',
  multi: 'conic-gradient(#d03a2f, #f2c230, #2f8f46, #2f6fdb, #6c3fa0, #d03a2f)',
};

export function swatchFor(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase();
  if (NAMED[n]) return NAMED[n];
  // "Forest Green" → forest; "Navy/White" → navy; take the first word we know.
  const words = n.split(/[\s/&,+-]+/).filter(Boolean);
  for (const w of words) if (NAMED[w]) return NAMED[w];
  return null;
}

/** Whether a swatch is light enough to need a visible border on white. */
export function isLightSwatch(css: string): boolean {
  const m = /^#([0-9a-f]{6})$/i.exec(css);
  if (!m) return false;
  const v = parseInt(m[1]!, 16);
  const r = (v >> 16) & 255,
    g = (v >> 8) & 255,
    b = v & 255;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 215;
}
