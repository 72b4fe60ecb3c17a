/**
 * The replay in a manager's words: the customer context as a summary (sizes with their evidence,
 * tastes, consent), what the copilot understood as short chips, and each logged event as a sentence —
 * never JSON and never an internal id. Pure, so the HQ screens can reuse it and tests can read it.
 */
import { outcomeLabel } from '../../../../src-main/contract';
import { countOf, formatMoney } from '../../lib/format';

export interface CustomerSummary {
  consent: 'given' | 'withheld' | 'unknown';
  sizes: { kind: string; value: string; evidence: string | null }[];
  tastes: { label: string; values: string[] }[];
  budget: string | null;
  history: string | null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  return typeof v === 'number' ? String(v) : null;
}
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => x !== null) : []);
function record(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Reads both shapes stored so far: the app's pseudonymous profile and the demo store's context. */
export function summariseCustomerContext(ctx: Record<string, unknown>, currency: string | null): CustomerSummary {
  const withheld = ctx.personalization === 'withheld' || ctx.consent === false;
  const consent = withheld ? 'withheld' : ctx.consent === true || record(ctx.sizes) ? 'given' : 'unknown';
  const sizes: CustomerSummary['sizes'] = [];
  for (const [kind, v] of Object.entries(record(ctx.sizes) ?? {})) {
    const r = record(v);
    const value = r ? str(r.value) : str(v);
    if (value) sizes.push({ kind: capital(kind), value, evidence: r ? str(r.evidence) : null });
  }
  const tastes: CustomerSummary['tastes'] = [];
  const add = (label: string, ...keys: string[]) => {
    const values = [...new Set(keys.flatMap((k) => strings(ctx[k])))];
    if (values.length) tastes.push({ label, values });
  };
  add('Likes colours', 'preferredColors', 'preferredColours');
  add('Avoids colours', 'avoidColors', 'avoidColours');
  add('Brands', 'preferredBrands');
  add('Usually buys', 'preferredCategories');
  add('Recently bought', 'recentCategories');
  let budget: string | null = null;
  const band = record(ctx.priceBand);
  if (band && typeof band.low === 'number' && typeof band.high === 'number') {
    const cur = str(band.currency) ?? currency ?? 'GBP';
    budget = `${formatMoney(band.low, cur)} – ${formatMoney(band.high, cur)}`;
  } else if (str(ctx.priceBand)) budget = capital(str(ctx.priceBand) ?? '');
  const count = ctx.orderCount ?? ctx.orders;
  const orders = typeof count === 'number' ? count : null;
  const spend = str(ctx.spendBand);
  const history = orders === null ? null : `${countOf(orders, 'order')} before${spend ? ` · ${spend} spender` : ''}`;
  return { consent, sizes, tastes, budget, history };
}

/** "Jackets", "Size M", "Navy", "Not black", "Under £150", "Brand: Ridgeline", "In stock here only" … */
export function understoodChips(c: Record<string, unknown>, currency: string | null): string[] {
  const cur = currency || 'GBP';
  const chips: string[] = [];
  // the copilot's constraints; older records (and the demo store) use the singular keys
  const cur2 = str(c.currency) ?? cur;
  chips.push(...[...strings(c.categories), ...strings([c.category])].map(capital));
  chips.push(...strings(c.uses).map((u) => `For ${u}`));
  const sizeText = str(c.sizeText);
  if (sizeText) chips.push(`Size ${sizeText}`);
  else chips.push(...[...strings(c.sizes), ...strings([c.size])].map((s) => `Size ${s}`));
  chips.push(...strings(c.colors).map(capital));
  chips.push(...strings(c.excludeColors).map((x) => `Not ${x}`));
  const min = typeof c.priceMin === 'number' ? c.priceMin : null;
  const max = typeof c.priceMax === 'number' ? c.priceMax : typeof c.maxPrice === 'number' ? c.maxPrice : null;
  if (min !== null && max !== null) chips.push(`${formatMoney(min, cur2)} – ${formatMoney(max, cur2)}`);
  else if (max !== null) chips.push(`Under ${formatMoney(max, cur2)}`);
  else if (min !== null) chips.push(`Over ${formatMoney(min, cur2)}`);
  else if (c.priceBand === 'low') chips.push('Good value');
  else if (c.priceBand === 'high') chips.push('Premium');
  const gender = str(c.gender);
  if (gender) chips.push(`For ${gender}`);
  chips.push(...strings(c.brands).map((b) => `Brand: ${b}`));
  chips.push(...strings(c.excludeBrands).map((b) => `Not ${b}`));
  chips.push(...strings(c.features).map(capital));
  if (c.inStockHereOnly === true || c.inStockHere === true) chips.push('In stock here only');
  if (c.forSomeoneElse === true) chips.push('For someone else');
  return [...new Set(chips)];
}

export interface EventContext {
  customerName: string | null;
  currency: string | null;
  /** product titles by suggestion id and by SKU, from the replay's own suggestions */
  titleBySuggestion: Map<number, string>;
  titleBySku: Map<string, string>;
}

const ACTION_WORDS: Record<string, string> = {
  liked: 'Liked',
  unliked: 'Like taken back',
  rejected: 'Rejected',
  shortlisted: 'Shortlisted',
  unshortlisted: 'Taken off the shortlist',
  bought: 'Bought',
};

/** One sentence for a logged event; ids in the payload are looked up or left out, never shown. */
export function describeEvent(type: string, payload: Record<string, unknown> | null, ctx: EventContext): string {
  const p = payload ?? {};
  const product = () => {
    const bySuggestion = typeof p.suggestionId === 'number' ? ctx.titleBySuggestion.get(p.suggestionId) : undefined;
    const sku = str(p.sku);
    return bySuggestion ?? (sku ? (ctx.titleBySku.get(sku) ?? sku) : 'a suggestion');
  };
  const reason = str(p.reason);
  if (type === 'start' || type === 'consultation.started') {
    const walkIn = p.walkIn === true || p.customerId === null;
    return `Consultation started with ${walkIn || !ctx.customerName ? 'a walk-in customer' : ctx.customerName}`;
  }
  if (type === 'end' || type === 'consultation.ended') {
    const parts = [`Ended: ${outcomeLabel(str(p.outcome))}`];
    if (typeof p.basketValue === 'number' && ctx.currency) parts.push(formatMoney(p.basketValue, ctx.currency));
    if (typeof p.basketUnits === 'number') parts.push(countOf(p.basketUnits, 'unit'));
    if (typeof p.satisfaction === 'number') parts.push(`rated ${p.satisfaction}/5`);
    return parts.join(' · ');
  }
  const action = /^(?:suggestion|card)\.(\w+)$/.exec(type)?.[1];
  if (action) return `${ACTION_WORDS[action] ?? capital(action)}: ${product()}${reason ? ` — “${reason}”` : ''}`;
  if (type === 'reply.stopped') return 'The associate stopped the answer';
  return capital(type.replace(/[._]/g, ' '));
}
