/**
 * A year of orders that follow each customer's persona: the same sizes, mostly favourite colours,
 * things bought together (boots + socks, tent + sleeping bag + mat), socks and consumables bought
 * again, down in winter and sandals in summer. Orders are numbered #1001… in time order.
 */
import type { Tier } from './catalog-data';
import { CURRENCY, STORES, type CatalogItem, type DemoVariant } from './catalog';
import type { Activity, Kid, Persona, PersonRecord } from './people';
import type { Rng } from './random';

export interface DemoOrderLine {
  lineNo: number;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
}

export interface DemoOrder {
  externalId: string;
  customerExternalId: string;
  storeId: string;
  placedAt: string;
  currency: string;
  subtotal: number;
  total: number;
  status: string;
  lines: DemoOrderLine[];
}

/** One slot of a shopping mission: one of these product types, with this probability. */
interface Slot {
  types: string[];
  p: number;
  forKid?: boolean;
}
type Mission = { name: string; slots: Slot[] };

const S = (types: string | string[], p = 1, forKid = false): Slot => ({
  types: Array.isArray(types) ? types : [types],
  p,
  forKid,
});

export const MISSIONS: Record<string, Mission> = {
  rainShell: {
    name: 'rainShell',
    slots: [S('waterproof-jacket'), S('waterproof-trousers', 0.3), S('hats', 0.2), S('gloves', 0.12)],
  },
  boots: { name: 'boots', slots: [S('hiking-boots'), S('socks', 0.75)] },
  walkingShoes: { name: 'walkingShoes', slots: [S('walking-shoes'), S('socks', 0.55)] },
  layering: { name: 'layering', slots: [S('base-layer'), S('fleece', 0.45), S('socks', 0.15)] },
  insulation: { name: 'insulation', slots: [S('insulated-jacket'), S('hats', 0.45), S('gloves', 0.4)] },
  softshell: { name: 'softshell', slots: [S('softshell'), S('walking-trousers', 0.3)] },
  trousers: { name: 'trousers', slots: [S('walking-trousers'), S('t-shirt', 0.3)] },
  camping: {
    name: 'camping',
    slots: [
      S('tents', 0.85),
      S('sleeping-bags', 0.8),
      S('sleeping-mats', 0.7),
      S('headtorches', 0.35),
      S('consumables', 0.35),
    ],
  },
  sleep: { name: 'sleep', slots: [S('sleeping-bags'), S('sleeping-mats', 0.6)] },
  running: {
    name: 'running',
    slots: [S('trail-running-shoes'), S('socks', 0.6), S(['leggings', 'shorts'], 0.35), S('bottles', 0.2)],
  },
  runKit: { name: 'runKit', slots: [S(['leggings', 'shorts', 't-shirt']), S('socks', 0.35)] },
  summer: { name: 'summer', slots: [S(['shorts', 'dress-skirt', 't-shirt']), S('sandals', 0.4), S('hats', 0.25)] },
  everyday: {
    name: 'everyday',
    slots: [S(['t-shirt', 'shirt', 'jumper', 'dress-skirt', 'fleece']), S('walking-trousers', 0.2)],
  },
  pack: { name: 'pack', slots: [S('backpacks'), S('bottles', 0.4), S('headtorches', 0.15)] },
  socksRestock: { name: 'socksRestock', slots: [S('socks')] },
  consumablesRestock: { name: 'consumablesRestock', slots: [S('consumables')] },
  accessories: { name: 'accessories', slots: [S(['hats', 'gloves'])] },
  kids: {
    name: 'kids',
    slots: [
      S(
        ['waterproof-jacket', 'fleece', 't-shirt', 'hiking-boots', 'sandals', 'insulated-jacket', 'walking-trousers'],
        1,
        true,
      ),
      S(['fleece', 't-shirt', 'hats', 'backpacks', 'sleeping-bags'], 0.4, true),
    ],
  },
};

const ACTIVITY_MISSIONS: Record<Activity, Record<string, number>> = {
  hiking: {
    rainShell: 3,
    boots: 3,
    layering: 2,
    trousers: 2,
    softshell: 1,
    pack: 2,
    socksRestock: 2,
    insulation: 1,
    walkingShoes: 1,
  },
  camping: { camping: 3, sleep: 2, pack: 1, consumablesRestock: 2, insulation: 1, layering: 0.5 },
  running: { running: 4, runKit: 3, socksRestock: 2, rainShell: 0.7 },
  everyday: { everyday: 4, summer: 2, insulation: 1, walkingShoes: 1, accessories: 1 },
  winter: { insulation: 3, layering: 2, accessories: 2, rainShell: 1, boots: 1 },
};

/** month 0..11 → how much a mission or season sells that month */
function seasonFactor(kind: 'winter' | 'summer' | 'camping' | undefined, month: number): number {
  const winter = [0, 1, 9, 10, 11].includes(month);
  const summer = [4, 5, 6, 7].includes(month);
  if (kind === 'winter') return winter ? 2.5 : summer ? 0.25 : 1;
  if (kind === 'summer') return summer ? 2.5 : winter ? 0.15 : 1;
  if (kind === 'camping') return [3, 4, 5, 6, 7].includes(month) ? 2 : winter ? 0.3 : 1;
  return 1;
}
const MISSION_SEASON: Record<string, 'winter' | 'summer' | 'camping' | undefined> = {
  insulation: 'winter',
  layering: 'winter',
  accessories: 'winter',
  summer: 'summer',
  camping: 'camping',
  sleep: 'camping',
};
const MONTH_TRADE = [1.1, 0.8, 0.9, 1.1, 1.2, 1.2, 1.0, 1.0, 0.9, 1.0, 1.3, 1.5];
const TIER_RANK: Record<Tier, number> = { budget: 0, mid: 1, premium: 2 };

function isWool(item: CatalogItem): boolean {
  return /wool|merino|lambswool/i.test(item.product.variants[0]!.material);
}

/** The size this persona (or kid) buys for a product, snapped to the sizes it comes in. */
export function sizeFor(item: CatalogItem, persona: Persona, kid: Kid | null): string {
  const sizes = item.sizes;
  if (sizes.length === 1) return sizes[0]!;
  let wanted: string;
  switch (item.domain) {
    case 'tops':
      wanted = persona.topSize;
      break;
    case 'womenUk':
    case 'waist':
      wanted = persona.bottomSize;
      break;
    case 'shoes':
      wanted = persona.shoeSize;
      break;
    case 'socks':
      wanted = persona.sockSize;
      break;
    case 'kids':
      wanted = kid?.size ?? sizes[2]!;
      break;
    case 'kidsShoes':
      wanted = kid?.shoe ?? sizes[3]!;
      break;
    default:
      wanted = persona.tall && sizes.includes('Long') ? 'Long' : sizes[0]!;
  }
  if (!sizes.includes(wanted)) {
    const order = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
    const wi = order.indexOf(wanted);
    if (wi >= 0) {
      wanted = sizes.reduce((best, s) =>
        Math.abs(order.indexOf(s) - wi) < Math.abs(order.indexOf(best) - wi) ? s : best,
      );
    } else {
      const num = (s: string) => Number(s.replace(/[^\d.]/g, ''));
      wanted = sizes.reduce((best, s) =>
        Math.abs(num(s) - num(wanted)) < Math.abs(num(best) - num(wanted)) ? s : best,
      );
    }
  }
  return wanted;
}

export interface ChoiceContext {
  persona: Persona;
  kid: Kid | null;
  month: number;
  /** products the customer owns (durables are rarely bought twice; consumables often are) */
  owned: Map<string, number>;
  allowRetiredBefore: boolean;
}

export function chooseProduct(candidates: CatalogItem[], ctx: ChoiceContext, rng: Rng): CatalogItem | null {
  const { persona } = ctx;
  const pool = candidates.filter((it) => {
    if (it.product.status === 'hidden') return false;
    if (it.product.status === 'discontinued' && !ctx.allowRetiredBefore) return false;
    if (persona.woolAllergy && isWool(it)) return false;
    const g = it.product.gender;
    if (ctx.kid) return g === 'kids';
    return g === persona.gender || g === 'unisex';
  });
  if (!pool.length) return null;
  return rng.weighted(pool, (it) => {
    let w = it.popularity;
    const tierGap = Math.abs(TIER_RANK[it.tier] - TIER_RANK[persona.budget]);
    w *= [3, 1, 0.25][tierGap]!;
    if (persona.brandAffinity.includes(it.brand.code)) w *= 4;
    if (it.colours.some((c) => persona.favouriteColours.includes(c))) w *= 2.5;
    if (it.colours.every((c) => c === persona.dislikedColour)) w *= 0.05;
    const wide = it.product.attributes.fit === 'Wide';
    if (it.domain === 'shoes') w *= persona.wideFit ? (wide ? 8 : 0.3) : wide ? 0.3 : 1;
    w *= seasonFactor(it.type.season, ctx.month);
    const owned = ctx.owned.get(it.product.externalId) ?? 0;
    if (owned) w *= it.type.consumable ? 6 : 0.02;
    return w;
  });
}

export function chooseColour(item: CatalogItem, persona: Persona, rng: Rng): string {
  const favs = item.colours.filter((c) => persona.favouriteColours.includes(c));
  if (favs.length && rng.chance(0.85)) return rng.pick(favs);
  const ok = item.colours.filter((c) => c !== persona.dislikedColour);
  return rng.pick(ok.length ? ok : item.colours);
}

export function variantOf(item: CatalogItem, colour: string, size: string): DemoVariant {
  return item.product.variants.find((v) => v.color === colour && v.size === size) ?? item.product.variants[0]!;
}

export function generateOrders(rng: Rng, anchor: Date, people: PersonRecord[], items: CatalogItem[]): DemoOrder[] {
  const byType = new Map<string, CatalogItem[]>();
  for (const it of items) {
    const list = byType.get(it.type.key) ?? [];
    list.push(it);
    byType.set(it.type.key, list);
  }
  const DAY = 86_400_000;
  const start = anchor.getTime() - 365 * DAY;
  const retiredCutoff = anchor.getTime() - 120 * DAY;
  const drafts: Omit<DemoOrder, 'externalId'>[] = [];

  for (const { customer, persona } of people) {
    const activeDays = Math.round(365 * (1 - persona.activeFrom));
    const n = Math.max(1, rng.poisson(persona.ordersPerYear * (1 - persona.activeFrom)));
    const owned = new Map<string, number>();
    const days: number[] = [];
    while (days.length < n) {
      const day = 365 - activeDays + rng.int(0, activeDays - 1);
      const month = new Date(start + day * DAY).getUTCMonth();
      if (rng.next() * 1.5 < MONTH_TRADE[month]!) days.push(day);
    }
    days.sort((a, b) => a - b);
    const missionWeights: Record<string, number> = {};
    for (const a of persona.activities) {
      for (const [m, w] of Object.entries(ACTIVITY_MISSIONS[a])) missionWeights[m] = (missionWeights[m] ?? 0) + w;
    }
    if (persona.kids.length) missionWeights.kids = 3;
    const missionNames = Object.keys(missionWeights);

    for (const day of days) {
      const placed = start + day * DAY + (9 * 60 + rng.int(0, 8 * 60 + 30)) * 60_000 + rng.int(0, 59) * 1000;
      const month = new Date(placed).getUTCMonth();
      const mission =
        MISSIONS[rng.weighted(missionNames, (m) => missionWeights[m]! * seasonFactor(MISSION_SEASON[m], month))]!;
      const kid = mission.name === 'kids' ? rng.pick(persona.kids) : null;
      const lines: DemoOrderLine[] = [];
      const inOrder = new Set<string>();
      for (const slot of mission.slots) {
        if (lines.length >= 4 || !rng.chance(slot.p)) continue;
        const typeKey = rng.pick(slot.types.filter((t) => !(t === 'dress-skirt' && persona.gender === 'men' && !kid)));
        const candidates = (byType.get(typeKey) ?? []).filter((it) => !inOrder.has(it.product.externalId));
        const item = chooseProduct(
          candidates,
          { persona, kid, month, owned, allowRetiredBefore: placed < retiredCutoff },
          rng,
        );
        if (!item) continue;
        const variant = variantOf(item, chooseColour(item, persona, rng), sizeFor(item, persona, kid));
        const quantity =
          item.type.key === 'socks'
            ? rng.weighted([1, 2, 3], (q) => [5, 3, 2][q - 1]!)
            : item.type.consumable
              ? rng.int(1, 2)
              : 1;
        const unitPrice = variant.salePrice !== null && rng.chance(0.6) ? variant.salePrice : variant.price;
        inOrder.add(item.product.externalId);
        owned.set(item.product.externalId, (owned.get(item.product.externalId) ?? 0) + 1);
        lines.push({
          lineNo: lines.length + 1,
          sku: variant.sku,
          title: `${item.product.title} - ${variant.title}`,
          quantity,
          unitPrice,
        });
      }
      if (!lines.length) continue;
      const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
      const storeId = rng.chance(0.85)
        ? persona.homeStore
        : rng.pick(STORES.filter((s) => s.id !== persona.homeStore)).id;
      drafts.push({
        customerExternalId: customer.externalId,
        storeId,
        placedAt: new Date(placed).toISOString(),
        currency: CURRENCY,
        subtotal: total,
        total,
        status: 'fulfilled',
        lines,
      });
    }
  }
  drafts.sort((a, b) =>
    a.placedAt < b.placedAt
      ? -1
      : a.placedAt > b.placedAt
        ? 1
        : a.customerExternalId.localeCompare(b.customerExternalId),
  );
  return drafts.map((d, i) => ({ externalId: `#${1001 + i}`, ...d }));
}
