/**
 * Product pictures for the demo store, drawn here as small SVG data URLs (no network, no fonts):
 * one recognisable silhouette per kind of product, filled with the variant's colour on a soft
 * background. Add a kind: one entry in SHAPES (100×100 viewBox, `C` = colour, `D` = darker edge).
 */
import type { Shape } from './catalog-data';

const SHAPES: Record<Shape, string> = {
  shell:
    '<path d="M36 18l14-4 14 4 16 10 6 40-10 2-2-28v50H26V42l-2 28-10-2 6-40z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M38 18q12 14 24 0M50 22v62" stroke="D" stroke-width="2" fill="none"/>',
  puffer:
    '<path d="M34 18l16-4 16 4 16 10 6 40-11 2-2-28v50H25V42l-2 28-11-2 6-40z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M25 40h50M25 52h50M25 64h50M25 76h50M50 16v68" stroke="D" stroke-width="1.6" fill="none"/>',
  fleece:
    '<path d="M38 20l12 4 12-4 16 9 6 38-10 2-2-27v48H28V42l-2 27-10-2 6-38z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M44 22l6 6 6-6M50 28v22" stroke="D" stroke-width="2" fill="none"/>',
  tee: '<path d="M38 20q12 8 24 0l20 10-6 14-10-4v44H34V40l-10 4-6-14z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>',
  shirt:
    '<path d="M38 18l12 6 12-6 18 10 4 42-10 2-4-30v44H32V42l-4 30-10-2 4-42z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M50 24v60M38 18l6 12 6-6 6 6 6-12" stroke="D" stroke-width="1.6" fill="none"/>',
  jumper:
    '<path d="M38 20q12 6 24 0l18 10 6 42-10 2-6-32v42H30V42l-6 32-10-2 6-42z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M30 78h40M14 70l10 2M76 72l10-2" stroke="D" stroke-width="3" fill="none"/>',
  trousers:
    '<path d="M32 14h36l6 72H56l-6-46-6 46H26z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M32 22h36" stroke="D" stroke-width="2"/>',
  shorts:
    '<path d="M28 26h44l8 40H56l-6-22-6 22H20z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M28 34h44" stroke="D" stroke-width="2"/>',
  dress:
    '<path d="M40 14h20l-2 16 8 10 12 46H22l12-46 8-10z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>',
  boot:
    '<path d="M30 18h22l2 38 22 10q8 4 8 12v6H20l2-20z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M20 80h64v6H20z" fill="D"/><path d="M36 26h14M36 34h14M36 42h14" stroke="D" stroke-width="2"/>',
  shoe:
    '<path d="M18 58q2-14 14-16l14 2 12 8 22 8q6 2 6 10v4H16z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M16 74h70v6H16z" fill="D"/><path d="M44 48l6 8M50 46l6 8" stroke="D" stroke-width="2"/>',
  sandal:
    '<path d="M14 70h72v8H14z" fill="D"/>' +
    '<path d="M22 70q10-24 24-22M40 70q8-22 22-18M62 70q6-16 18-14" stroke="C" stroke-width="7" fill="none" stroke-linecap="round"/>',
  sock:
    '<path d="M38 12h22v44l18 12q8 8 0 16-6 4-14 0L38 70q-6-4-6-12z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M38 20h22M38 26h22" stroke="D" stroke-width="2"/>',
  beanie:
    '<circle cx="50" cy="20" r="8" fill="D"/><path d="M22 66q0-40 28-40t28 40z" fill="C" stroke="D" stroke-width="2"/>' +
    '<path d="M20 64h60v14H20z" fill="C" stroke="D" stroke-width="2"/>',
  glove:
    '<path d="M30 84V46l-8-16q-2-6 4-6l8 12V16q0-5 5-5t5 5v22V12q0-5 5-5t5 5v26V16q0-5 5-5t5 5v26V26q0-5 5-5t5 5v34q0 14-10 24z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>',
  pack:
    '<path d="M28 28q0-16 22-16t22 16v56H28z" fill="C" stroke="D" stroke-width="2"/>' +
    '<path d="M34 50h32v26H34z" fill="none" stroke="D" stroke-width="2"/><path d="M28 36h44" stroke="D" stroke-width="2"/>',
  bag:
    '<path d="M50 10q20 0 20 18l-4 58H34l-4-58q0-18 20-18z" fill="C" stroke="D" stroke-width="2"/>' +
    '<ellipse cx="50" cy="28" rx="11" ry="9" fill="D"/><path d="M56 24v60" stroke="D" stroke-width="1.5"/>',
  tent:
    '<path d="M10 80L50 20l40 60z" fill="C" stroke="D" stroke-width="2" stroke-linejoin="round"/>' +
    '<path d="M50 20L40 80h20z" fill="D"/><path d="M4 80h92" stroke="D" stroke-width="2"/>',
  mat:
    '<rect x="16" y="30" width="50" height="44" rx="4" fill="C" stroke="D" stroke-width="2"/>' +
    '<ellipse cx="74" cy="52" rx="12" ry="22" fill="C" stroke="D" stroke-width="2"/><path d="M16 44h50M16 58h50" stroke="D" stroke-width="1.5"/>',
  torch:
    '<path d="M14 54q36-30 72 0" fill="none" stroke="#444" stroke-width="6"/>' +
    '<rect x="34" y="40" width="32" height="26" rx="6" fill="C" stroke="D" stroke-width="2"/><circle cx="50" cy="53" r="8" fill="#fff5c4" stroke="D" stroke-width="2"/>',
  bottle:
    '<rect x="42" y="10" width="16" height="10" rx="2" fill="D"/>' +
    '<path d="M40 20h20l4 8v54q0 6-6 6H42q-6 0-6-6V28z" fill="C" stroke="D" stroke-width="2"/>',
  canister:
    '<rect x="46" y="12" width="8" height="10" fill="#999"/>' +
    '<path d="M28 36q0-14 22-14t22 14v40q0 8-8 8H36q-8 0-8-8z" fill="C" stroke="D" stroke-width="2"/><path d="M28 54h44" stroke="#fff" stroke-width="4"/>',
};

function shade(hex: string, factor: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = (v: number) => {
    const out = factor < 1 ? v * factor : v + (255 - v) * (factor - 1);
    return Math.max(0, Math.min(255, Math.round(out)))
      .toString(16)
      .padStart(2, '0');
  };
  return `#${ch((n >> 16) & 255)}${ch((n >> 8) & 255)}${ch(n & 255)}`;
}

const cache = new Map<string, string>();

/** A data URL for a product of this kind in this colour (hex "#rrggbb"). */
export function productImage(shape: Shape, hex: string): string {
  const key = shape + hex;
  const hit = cache.get(key);
  if (hit) return hit;
  const light = hex.toLowerCase() === '#f3f3ef';
  const edge = light ? '#9a9a94' : shade(hex, 0.6);
  const background = light ? '#e4e7ea' : shade(hex, 1.88);
  const body = SHAPES[shape].replaceAll('"C"', `"${hex}"`).replaceAll('"D"', `"${edge}"`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" rx="8" fill="${background}"/>` +
    `<circle cx="78" cy="20" r="26" fill="#fff" opacity=".35"/>${body}</svg>`;
  const url = 'data:image/svg+xml;utf8,' + encodeURIComponent(svg);
  cache.set(key, url);
  return url;
}
