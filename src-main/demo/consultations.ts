/**
 * A few weeks of consultation records, so the manager's Review screen has something to replay on
 * first start: associates' requests in their own words, replies as the local engine (or an LLM)
 * writes them, real in-stock SKUs that fit the request, card actions, outcomes and a few coaching
 * notes. Everything is derived from the same catalog, stock and personas as the orders.
 */
import { UK_TO_EU } from './catalog-data';
import { STORES, thousands, type CatalogItem, type DemoInventoryRow, type DemoVariant } from './catalog';
import { MISSIONS, sizeFor } from './orders';
import type { DemoOrder } from './orders';
import type { Activity, PersonRecord } from './people';
import type { Rng } from './random';

export interface DemoAssociate {
  id: string;
  name: string;
  role: 'associate' | 'manager';
  storeId: string;
  pin: string;
}

export const ASSOCIATES: DemoAssociate[] = [
  { id: 's1-mgr-morgan', name: 'Morgan Reid', role: 'manager', storeId: 'S1', pin: '1234' },
  { id: 's1-ava', name: 'Ava Lindsay', role: 'associate', storeId: 'S1', pin: '0000' },
  { id: 's1-ewan', name: 'Ewan Baird', role: 'associate', storeId: 'S1', pin: '0000' },
  { id: 's1-priya', name: 'Priya Shah', role: 'associate', storeId: 'S1', pin: '0000' },
  { id: 's2-mgr-fiona', name: 'Fiona Kerr', role: 'manager', storeId: 'S2', pin: '1234' },
  { id: 's2-jamie', name: 'Jamie Docherty', role: 'associate', storeId: 'S2', pin: '0000' },
  { id: 's2-kirsty', name: 'Kirsty Boyle', role: 'associate', storeId: 'S2', pin: '0000' },
  { id: 's3-mgr-daniel', name: 'Daniel Hughes', role: 'manager', storeId: 'S3', pin: '1234' },
  { id: 's3-sam', name: 'Sam Okafor', role: 'associate', storeId: 'S3', pin: '0000' },
  { id: 's3-leah', name: 'Leah Walsh', role: 'associate', storeId: 'S3', pin: '0000' },
  { id: 's3-tom', name: 'Tom Brennan', role: 'associate', storeId: 'S3', pin: '0000' },
];

export interface DemoMessage {
  turn: number;
  role: 'associate' | 'assistant';
  content: string;
  engine: 'local' | 'llm' | null;
  model: string | null;
  constraints: Record<string, unknown> | null;
  questions: string[] | null;
  toolCalls: unknown[] | null;
  status: 'complete' | 'stopped' | 'error';
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
  goodExample: boolean;
  createdAt: string;
}

export interface DemoSuggestion {
  /** index into the consultation's messages (the assistant message that showed it) */
  messageIndex: number;
  sku: string;
  rank: number;
  reasons: string[];
  strategy: 'personal' | 'search' | 'complement' | 'popular';
  engine: 'local' | 'llm';
  score: number;
  grounded: boolean;
  shown: boolean;
  liked: boolean;
  rejected: boolean;
  rejectReason: 'price' | 'style' | 'fit' | 'colour' | null;
  shortlisted: boolean;
  bought: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DemoEvent {
  type: string;
  payload: Record<string, unknown>;
  at: string;
}

export interface DemoCoachingNote {
  /** index into messages, or null for the whole consultation */
  messageIndex: number | null;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface DemoConsultation {
  id: string;
  storeId: string;
  associateId: string;
  customerExternalId: string | null;
  startedAt: string;
  endedAt: string;
  outcome: 'purchased' | 'no_purchase' | 'abandoned';
  basketValue: number;
  basketUnits: number;
  currency: string;
  satisfaction: number | null;
  notes: string | null;
  customerContext: Record<string, unknown> | null;
  messages: DemoMessage[];
  suggestions: DemoSuggestion[];
  events: DemoEvent[];
  coachingNotes: DemoCoachingNote[];
}

const LLM_MODEL = 'llama3.1:8b';
const LLM_SHARE: Record<string, number> = { S1: 0.45, S2: 0.25, S3: 0.1 };

const THINGS: Record<string, string[]> = {
  'waterproof-jacket': ['a waterproof jacket', 'a waterproof', 'a rain jacket', 'a proper waterproof'],
  'insulated-jacket': ['a down jacket', 'something warm, like a down jacket', 'an insulated jacket', 'a puffer'],
  fleece: ['a fleece', 'a warm fleece', 'a half-zip fleece'],
  softshell: ['a softshell', 'a windproof softshell'],
  'base-layer': ['a merino base layer', 'base layers', 'a thermal top'],
  't-shirt': ['a couple of t-shirts', 'a tech tee', 'a t-shirt'],
  shirt: ['a shirt', 'a check shirt'],
  jumper: ['a wool jumper', 'a jumper'],
  'walking-trousers': ['walking trousers', 'hiking trousers', 'trousers for walking'],
  'waterproof-trousers': ['waterproof trousers', 'overtrousers'],
  shorts: ['walking shorts', 'shorts'],
  leggings: ['leggings', 'running tights'],
  'dress-skirt': ['a dress', 'a skirt for travelling'],
  'hiking-boots': ['walking boots', 'hiking boots', 'waterproof boots', 'boots'],
  'walking-shoes': ['walking shoes', 'hiking shoes'],
  'trail-running-shoes': ['trail shoes', 'trail running shoes', 'shoes for fell running'],
  sandals: ['sandals', 'walking sandals'],
  socks: ['hiking socks', 'a few pairs of walking socks'],
  hats: ['a hat', 'a warm beanie'],
  gloves: ['gloves', 'waterproof gloves'],
  backpacks: ['a {x} daypack', 'a rucksack, around {x}', 'a {x} pack'],
  'sleeping-bags': ['a sleeping bag', 'a warm sleeping bag'],
  tents: ['a {x} tent', 'a tent, {x}'],
  'sleeping-mats': ['a sleeping mat', 'a camping mat'],
  headtorches: ['a head torch', 'a headtorch'],
  bottles: ['a water bottle', 'a flask'],
  consumables: ['gas for the stove', 'midge repellent'],
};

const USES: Record<Activity, string[]> = {
  hiking: [
    'the Highlands',
    'hillwalking at weekends',
    'the West Highland Way',
    'Munro bagging',
    'the Lake District',
    'a walking holiday on Skye',
  ],
  camping: ['wild camping', 'a camping trip in the Cairngorms', 'festival season', 'a Duke of Edinburgh expedition'],
  running: ['trail running', 'the Pentland Skyline race', 'muddy club runs', 'fell races'],
  everyday: ['everyday wear', 'commuting', 'travelling', 'a city break'],
  winter: ['winter walking', 'the cold snap', 'winter in the Cairngorms', 'skiing at Glenshee'],
};

const QUESTIONS: Record<string, string[]> = {
  jacket: [
    'Will it be worn over a fleece or a down layer? If so, try a size up.',
    'Does it need to pack small into a daypack?',
    'Hood big enough for a helmet, or just for walking?',
  ],
  boots: ['Leather or fabric upper?', 'Any wide-fit needs, or a high instep?', 'Will she be carrying a heavy pack?'],
  camping: [
    'How far will the kit be carried?',
    'Three-season use, or winter too?',
    'How many people will share the tent?',
  ],
  generic: ['Is this for anything specific, like a trip or an event?', 'Any colours to avoid?'],
};

const COMPLEMENTS: Record<string, string[]> = {
  'waterproof-jacket': ['waterproof-trousers', 'hats', 'gloves'],
  'insulated-jacket': ['hats', 'gloves', 'base-layer'],
  'hiking-boots': ['socks'],
  'walking-shoes': ['socks'],
  'trail-running-shoes': ['socks', 'bottles'],
  tents: ['sleeping-bags', 'sleeping-mats', 'headtorches'],
  'sleeping-bags': ['sleeping-mats'],
  backpacks: ['bottles', 'headtorches'],
  fleece: ['base-layer'],
  'base-layer': ['fleece', 'socks'],
  'walking-trousers': ['t-shirt', 'socks'],
  softshell: ['walking-trousers'],
};

function money(p: number): string {
  return p % 100 === 0 ? `£${p / 100}` : `£${(p / 100).toFixed(2)}`;
}
function effectivePrice(v: DemoVariant): number {
  return v.salePrice ?? v.price;
}
function shortName(item: CatalogItem): string {
  return `${item.brand.name} ${String(item.product.attributes.model)}`;
}

interface Request {
  typeKey: string;
  gender: 'women' | 'men' | 'kids';
  size: string | null;
  maxPrice: number | null;
  colour: string | null;
  excludeColour: string | null;
  use: string;
  param: string | null;
}

interface Pick {
  item: CatalogItem;
  variant: DemoVariant;
  reasons: string[];
  score: number;
}

export interface ConsultationInput {
  anchor: Date;
  people: PersonRecord[];
  items: CatalogItem[];
  inventory: DemoInventoryRow[];
  orders: DemoOrder[];
}

export function generateConsultations(rng: Rng, input: ConsultationInput): DemoConsultation[] {
  const { anchor, people, items } = input;
  const stockByStore = new Map<string, Map<string, number>>(STORES.map((st) => [st.id, new Map()]));
  for (const row of input.inventory) stockByStore.get(row.storeId)?.set(row.sku, row.quantity);
  const itemBySku = new Map<string, CatalogItem>();
  for (const it of items) for (const v of it.product.variants) itemBySku.set(v.sku, it);
  const byType = new Map<string, CatalogItem[]>();
  for (const it of items) byType.set(it.type.key, [...(byType.get(it.type.key) ?? []), it]);
  const ordersByCustomer = new Map<string, DemoOrder[]>();
  for (const o of input.orders)
    ordersByCustomer.set(o.customerExternalId, [...(ordersByCustomer.get(o.customerExternalId) ?? []), o]);

  const DAY = 86_400_000;
  const out: DemoConsultation[] = [];

  for (let d = 28; d >= 1; d--) {
    const dayStart = anchor.getTime() - d * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    for (const store of STORES) {
      const staff = ASSOCIATES.filter((a) => a.storeId === store.id);
      const n = rng.poisson(2.6 * store.stockFactor * (weekday === 0 ? 0.5 : weekday === 6 ? 1.4 : 1));
      const times = Array.from({ length: n }, () => rng.int(9 * 60 + 15, 17 * 60 + 15)).sort((a, b) => a - b);
      for (const minute of times) {
        const associate = rng.weighted(staff, (a) => (a.role === 'manager' ? 0.4 : 1));
        const locals = people.filter((p) => p.persona.homeStore === store.id);
        const known = rng.chance(0.7);
        const person = known ? rng.pick(locals) : rng.pick(people);
        const started = dayStart + minute * 60_000 + rng.int(0, 59) * 1000;
        out.push(
          oneConsultation(rng, {
            id: `demo-${rng.uuid()}`,
            storeId: store.id,
            associate,
            person,
            known,
            started,
            llm: rng.chance(LLM_SHARE[store.id] ?? 0),
            stock: stockByStore.get(store.id)!,
            byType,
            itemBySku,
            history: known
              ? (ordersByCustomer.get(person.customer.externalId) ?? []).filter((o) => Date.parse(o.placedAt) < started)
              : [],
          }),
        );
      }
    }
  }
  return out;
}

interface OneInput {
  id: string;
  storeId: string;
  associate: DemoAssociate;
  person: PersonRecord;
  known: boolean;
  started: number;
  llm: boolean;
  /** sku → quantity in this consultation's store */
  stock: Map<string, number>;
  byType: Map<string, CatalogItem[]>;
  itemBySku: Map<string, CatalogItem>;
  history: DemoOrder[];
}

function customerContext(
  person: PersonRecord,
  history: DemoOrder[],
  itemBySku: Map<string, CatalogItem>,
): Record<string, unknown> {
  if (!person.customer.consentPersonalization) return { personalization: 'withheld' };
  const cats = new Map<string, number>();
  const colours = new Map<string, number>();
  const tops = new Map<string, number>();
  let spend = 0;
  for (const o of history) {
    spend += o.total;
    for (const l of o.lines) {
      const it = itemBySku.get(l.sku);
      if (!it) continue;
      cats.set(it.product.category, (cats.get(it.product.category) ?? 0) + 1);
      const v = it.product.variants.find((x) => x.sku === l.sku)!;
      colours.set(v.color, (colours.get(v.color) ?? 0) + 1);
      if (it.domain === 'tops') tops.set(v.size, (tops.get(v.size) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k)
      .map((e) => e[0]);
  const p = person.persona;
  return {
    gender: p.gender,
    sizes: { tops: top(tops, 1)[0] ?? p.topSize, bottoms: p.bottomSize, shoes: p.shoeSize },
    preferredCategories: top(cats, 3),
    preferredColours: top(colours, 3),
    priceBand: p.budget,
    orders: history.length,
    spendBand: spend > 100_000 ? 'high' : spend > 30_000 ? 'medium' : 'low',
  };
}

function oneConsultation(rng: Rng, c: OneInput): DemoConsultation {
  const persona = c.person.persona;
  const personalised = c.known && c.person.customer.consentPersonalization;
  const she = persona.gender === 'women';
  const P = she ? 'She' : 'He';

  // what they came in for: a mission that fits the persona, its first slot is the main request
  const weights: Record<string, number> = {};
  for (const a of persona.activities) {
    const m = {
      hiking: ['rainShell', 'boots', 'layering', 'trousers', 'pack'],
      camping: ['camping', 'sleep'],
      running: ['running', 'runKit'],
      everyday: ['everyday', 'summer', 'insulation'],
      winter: ['insulation', 'layering', 'rainShell'],
    }[a];
    for (const name of m) weights[name] = (weights[name] ?? 0) + 1;
  }
  if (persona.kids.length) weights.kids = 0.6;
  const missionName = rng.weighted(Object.keys(weights), (k) => weights[k]!);
  const mission = MISSIONS[missionName]!;
  const kid = missionName === 'kids' ? rng.pick(persona.kids) : null;
  const typeKey = rng.pick(mission.slots[0]!.types.filter((t) => t !== 'dress-skirt' || she || kid));
  const activity = rng.pick(persona.activities);
  const gender = kid ? 'kids' : persona.gender;

  const pool = (type: string, g: string) =>
    (c.byType.get(type) ?? []).filter(
      (it) =>
        it.product.status === 'active' &&
        (g === 'kids' ? it.product.gender === 'kids' : it.product.gender === g || it.product.gender === 'unisex') &&
        !(persona.woolAllergy && /wool|merino/i.test(it.product.variants[0]!.material)),
    );
  const all = pool(typeKey, gender);
  const sample = all.length ? rng.pick(all) : null;
  const sizeWanted = sample ? sizeFor(sample, persona, kid) : null;
  const param = typeKey === 'backpacks' || typeKey === 'tents' ? (sample?.sizes[0] ?? null) : null;
  const base = param ? all.filter((it) => it.sizes[0] === param) : all;
  const prices = base.map((it) => it.product.variants[0]!.price).sort((a, b) => a - b);
  const bandIdx = { budget: 0.3, mid: 0.6, premium: 0.9 }[persona.budget];
  const budgetRaw = prices.length ? prices[Math.min(prices.length - 1, Math.floor(prices.length * bandIdx))]! : 10_000;
  const roundTo = budgetRaw >= 10_000 ? 2500 : 1000;
  const req: Request = {
    typeKey,
    gender,
    size: sample && sample.sizes.length > 1 ? sizeWanted : null,
    maxPrice: rng.chance(0.75) ? Math.ceil(budgetRaw / roundTo) * roundTo : null,
    colour: null,
    excludeColour: rng.chance(0.35) ? persona.dislikedColour : null,
    use: rng.pick(USES[activity]),
    param,
  };

  const findPicks = (r: Request, strategy: DemoSuggestion['strategy'], k: number): Pick[] => {
    const cands = pool(r.typeKey, r.gender);
    const picks: Pick[] = [];
    for (const it of cands) {
      if (r.param && it.sizes[0] !== r.param) continue;
      const size =
        it.sizes.length === 1 ? it.sizes[0]! : r.size && it.sizes.includes(r.size) ? r.size : sizeFor(it, persona, kid);
      const colourOptions = it.product.variants.filter(
        (v) =>
          v.size === size &&
          (c.stock.get(v.sku) ?? 0) > 0 &&
          v.color !== r.excludeColour &&
          (!r.colour || v.color === r.colour),
      );
      if (!colourOptions.length) continue;
      const preferred = colourOptions.find((v) => persona.favouriteColours.includes(v.color)) ?? colourOptions[0]!;
      const price = effectivePrice(preferred);
      if (r.maxPrice && price > r.maxPrice) continue;
      const reasons: string[] = [];
      if (it.sizes.length > 1) reasons.push(`size ${size}${r.maxPrice ? `, under ${money(r.maxPrice)}` : ''}`);
      else if (r.maxPrice) reasons.push(`under ${money(r.maxPrice)}`);
      reasons.push(`${c.stock.get(preferred.sku)} in stock here`);
      let score = it.popularity / 4 + rng.next() * 0.3;
      if (personalised && persona.favouriteColours.includes(preferred.color)) {
        reasons.push(`${preferred.color.toLowerCase()} is one of ${she ? 'her' : 'his'} most-bought colours`);
        score += 0.4;
      }
      if (personalised && persona.brandAffinity.includes(it.brand.code)) {
        reasons.push(`${she ? 'she' : 'he'} has bought ${it.brand.name} before`);
        score += 0.5;
      }
      const a = it.product.attributes;
      if (a.hydrostaticHeadMm) reasons.push(`waterproof to ${thousands(Number(a.hydrostaticHeadMm))} mm`);
      if (a.fillPower) reasons.push(`${String(a.fillPower)} fill-power down`);
      if (a.fit === 'Wide') reasons.push('wide fit');
      if (a.comfortTempC !== undefined) reasons.push(`comfort rating ${String(a.comfortTempC)}°C`);
      if (preferred.salePrice) reasons.push(`on sale, was ${money(preferred.price)}`);
      if (strategy === 'popular') reasons.push('a best-seller in this store');
      picks.push({ item: it, variant: preferred, reasons: reasons.slice(0, 4), score: Math.min(0.99, score) });
    }
    picks.sort((x, y) => y.score - x.score);
    return picks.slice(0, k);
  };

  const messages: DemoMessage[] = [];
  const suggestions: DemoSuggestion[] = [];
  const events: DemoEvent[] = [];
  let t = c.started;
  const iso = (ms: number) => new Date(ms).toISOString();
  events.push({ type: 'consultation.started', payload: { walkIn: !c.known, associateId: c.associate.id }, at: iso(t) });

  const sizePhrase = (r: Request): string => {
    if (!r.size) return '';
    if (r.size.startsWith('UK ') && !r.size.endsWith('K')) {
      const uk = r.size.slice(3);
      return rng.pick([`size ${uk}`, `UK ${uk}`, `EU ${UK_TO_EU[r.size] ?? uk}`]);
    }
    if (/^\d+$/.test(r.size)) return Number(r.size) >= 28 ? `${r.size} waist` : `size ${r.size}`;
    if (r.size.endsWith('Y')) return `age ${r.size.replace('Y', '')}`;
    return rng.pick([`size ${r.size}`, `an ${r.size}`, `usually ${r.size}`]);
  };
  const thing = (r: Request): string => {
    const phrase = rng.pick(THINGS[r.typeKey] ?? ['something']);
    const x = r.param ? (r.typeKey === 'tents' ? r.param.replace(' Person', '-person') : r.param) : '';
    return phrase.replace('{x}', x);
  };

  const turns = rng.weighted([1, 2, 3, 4, 5], (n) => [15, 35, 30, 13, 7][n - 1]!);
  let current = req;
  let lastPicks: Pick[] = [];
  let mainPicks: Pick[] = [];
  const shortlisted: Pick[] = [];
  const useLlm = c.llm;
  const done = new Set<string>();
  let lastRelaxed = false;

  for (let turn = 1; turn <= turns; turn++) {
    let text: string;
    let strategy: DemoSuggestion['strategy'] = personalised ? 'personal' : 'search';
    let action = 'request';
    if (turn === 1) {
      const who = kid
        ? `for ${kid.gender === 'girl' ? 'her daughter' : 'her son'}`.replace('her', she ? 'her' : 'his')
        : '';
      const parts = [
        kid ? `${thing(req)} ${who}` : thing(req),
        `for ${req.use}`,
        req.maxPrice
          ? rng.pick([`around ${money(req.maxPrice)}`, `under ${money(req.maxPrice)}`, `budget ${money(req.maxPrice)}`])
          : '',
        sizePhrase(req),
        req.excludeColour
          ? rng.pick([`hates ${req.excludeColour.toLowerCase()}`, `not ${req.excludeColour.toLowerCase()}`])
          : '',
      ].filter(Boolean);
      const opener = c.known
        ? rng.pick([`${P} needs`, `${P}'s looking for`, `Looking for`, `${P} wants`])
        : rng.pick(['Walk-in, wants', 'Customer looking for', 'Needs']);
      text = `${opener} ${parts.join(', ')}`;
    } else {
      const liked = lastPicks[0];
      let options = ['colour', 'cheaper', 'complement', 'complement', 'size'];
      if (!COMPLEMENTS[current.typeKey] || !liked || done.has('complement'))
        options = options.filter((o) => o !== 'complement');
      if (!current.maxPrice || lastRelaxed || done.has('cheaper')) options = options.filter((o) => o !== 'cheaper');
      if (!current.size || !/^(XS|S|M|L|XL)$/.test(current.size) || done.has('size'))
        options = options.filter((o) => o !== 'size');
      if (done.has('colour') || !lastPicks.length) options = options.filter((o) => o !== 'colour');
      if (!options.length) options = ['complement-any'];
      action = rng.pick(options);
      done.add(action);
      if (action === 'colour') {
        const inStock = [
          ...new Set(
            pool(current.typeKey, current.gender)
              .flatMap((it) => it.product.variants)
              .filter((v) => (c.stock.get(v.sku) ?? 0) > 0 && (!current.size || v.size === current.size))
              .map((v) => v.color),
          ),
        ];
        const favs = persona.favouriteColours.filter((f) => inStock.includes(f));
        const fav = favs.length && rng.chance(0.8) ? rng.pick(favs) : rng.pick(persona.favouriteColours);
        current = { ...current, colour: fav };
        text = rng.pick([
          `Anything in ${fav.toLowerCase()}?`,
          `Have you got those in ${fav.toLowerCase()}?`,
          `${P} prefers ${fav.toLowerCase()}`,
        ]);
      } else if (action === 'cheaper') {
        const lower = Math.max(1000, Math.round(((current.maxPrice ?? 10_000) * 0.7) / 1000) * 1000);
        current = { ...current, maxPrice: lower };
        text = rng.pick([
          `Bit cheaper? ${P}'d rather stay under ${money(lower)}`,
          `Too pricey, anything under ${money(lower)}?`,
        ]);
      } else if (action === 'size') {
        const order = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
        const up = order[Math.min(order.length - 1, order.indexOf(current.size!) + 1)]!;
        current = { ...current, size: up };
        text = rng.pick([
          `The ${current.size === up ? order[order.indexOf(up) - 1] : up} was tight on the shoulders, try ${up}`,
          `Can we see them in ${up}? Wants room for a fleece underneath`,
        ]);
      } else {
        const anchorPick = shortlisted[0] ?? liked;
        const compType = rng.pick(
          (anchorPick && COMPLEMENTS[anchorPick.item.type.key]) ?? COMPLEMENTS[current.typeKey] ?? ['socks'],
        );
        current = { ...current, typeKey: compType, size: null, maxPrice: null, colour: null, param: null };
        strategy = 'complement';
        text = anchorPick
          ? rng.pick([
              `What goes with the ${shortName(anchorPick.item)}?`,
              `Anything to go with it?`,
              `${P}'ll also need ${thing(current)}`,
            ])
          : `${P}'ll also need ${thing(current)}`;
      }
    }
    messages.push({
      turn,
      role: 'associate',
      content: text,
      engine: null,
      model: null,
      constraints: null,
      questions: null,
      toolCalls: null,
      status: 'complete',
      firstSuggestionMs: null,
      fullReplyMs: null,
      fallback: null,
      goodExample: false,
      createdAt: iso(t),
    });

    const picks = findPicks(current, strategy, rng.int(3, 4));
    let relaxed = false;
    let shown = picks;
    if (shown.length < 2 && current.maxPrice) {
      shown = findPicks({ ...current, maxPrice: null }, strategy, 3);
      relaxed = true;
    }
    const fallsBack = useLlm && rng.chance(0.08);
    const engine: 'local' | 'llm' = useLlm && !fallsBack ? 'llm' : 'local';
    const stopped = rng.chance(0.04);
    const first = engine === 'llm' ? rng.int(600, 3000) : rng.int(20, 80);
    const full = fallsBack
      ? 15_000 + rng.int(20, 120)
      : engine === 'llm'
        ? first + rng.int(900, 3500)
        : first + rng.int(5, 40);
    const category = (c.byType.get(current.typeKey)?.[0]?.type.category ?? current.typeKey).toLowerCase();
    const top = shown[0];
    let reply: string;
    if (!shown.length) {
      reply = `Nothing in stock here matches ${category}${current.size ? ` in ${current.size}` : ''}${current.colour ? ` in ${current.colour.toLowerCase()}` : ''}. Other stores may have it; try widening the size or colour.`;
    } else if (engine === 'llm') {
      const alt = shown[1];
      reply =
        (strategy === 'complement' ? 'To go with it, ' : `For ${current.use} `) +
        `I'd start with the ${shortName(top!.item)} ${top!.item.noun.toLowerCase()} — ${top!.reasons.slice(0, 2).join(', ')}, ${money(effectivePrice(top!.variant))} in ${top!.variant.color.toLowerCase()}.` +
        (alt ? ` The ${shortName(alt.item)} is a good alternative at ${money(effectivePrice(alt.variant))}.` : '') +
        (relaxed
          ? ` Nothing fits under ${money(current.maxPrice!)} in ${current.size ?? 'that size'} here, so these are slightly over.`
          : '');
    } else {
      reply =
        (relaxed
          ? `Nothing in ${category} under ${money(current.maxPrice!)}${current.size ? ` in ${current.size}` : ''} is in stock here; the closest ${shown.length}:`
          : `Here are ${shown.length} ${category}${current.size ? ` in ${current.size}` : ''}${current.maxPrice ? ` under ${money(current.maxPrice)}` : ''}${current.colour ? ` in ${current.colour.toLowerCase()}` : ''}, in stock here.`) +
        ` Top pick: ${top!.item.product.title} (${money(effectivePrice(top!.variant))}, ${top!.variant.color}).`;
    }
    const qKind = /jacket|softshell|fleece/.test(current.typeKey)
      ? 'jacket'
      : /boots|shoes|sandals/.test(current.typeKey)
        ? 'boots'
        : /tent|sleeping/.test(current.typeKey)
          ? 'camping'
          : 'generic';
    const questions = rng.sample(QUESTIONS[qKind]!, turn === 1 ? rng.int(1, 2) : rng.int(0, 1));
    if (turn === 1 && !current.maxPrice) questions.unshift('What budget should I aim for?');
    if (stopped) reply = reply.slice(0, Math.max(20, Math.floor(reply.length * 0.45))) + '…';
    const constraints: Record<string, unknown> = {
      category: c.byType.get(current.typeKey)?.[0]?.type.category,
      gender: current.gender,
      inStockHere: true,
    };
    if (current.size) constraints.size = current.size;
    if (current.maxPrice) Object.assign(constraints, { maxPrice: current.maxPrice, currency: 'GBP' });
    if (current.colour) constraints.colours = [current.colour];
    if (current.excludeColour) constraints.excludeColours = [current.excludeColour];
    if (turn === 1) constraints.use = [activity];
    t += rng.int(15, 50) * 1000;
    const assistantIndex = messages.length;
    messages.push({
      turn,
      role: 'assistant',
      content: reply,
      engine,
      model: engine === 'llm' ? LLM_MODEL : null,
      constraints,
      questions: stopped ? [] : questions,
      toolCalls:
        engine === 'llm'
          ? [
              { name: 'search_catalog', arguments: { query: category, filters: { ...constraints } } },
              ...(personalised && turn === 1
                ? [{ name: 'get_customer_profile', arguments: { customer: 'current' } }]
                : []),
            ]
          : null,
      status: stopped ? 'stopped' : 'complete',
      firstSuggestionMs: shown.length ? first : null,
      fullReplyMs: stopped ? null : full,
      fallback: fallsBack ? 'llm timeout after 15000 ms → local' : null,
      goodExample: !stopped && rng.chance(0.03),
      createdAt: iso(t),
    });
    if (stopped) events.push({ type: 'reply.stopped', payload: { turn }, at: iso(t + rng.int(400, 1500)) });
    t += Math.ceil(full / 1000) * 1000;

    shown.forEach((pk, i) => {
      suggestions.push({
        messageIndex: assistantIndex,
        sku: pk.variant.sku,
        rank: i + 1,
        reasons: pk.reasons,
        strategy: i === 0 || strategy !== 'personal' ? strategy : rng.pick(['personal', 'search']),
        engine,
        score: Math.round(pk.score * 1000) / 1000,
        grounded: true,
        shown: true,
        liked: false,
        rejected: false,
        rejectReason: null,
        shortlisted: false,
        bought: false,
        createdAt: iso(t),
        updatedAt: iso(t),
      });
    });
    if (engine === 'llm' && rng.chance(0.05)) {
      // the model named a product no tool returned: blocked, never shown
      suggestions.push({
        messageIndex: assistantIndex,
        sku: `AO-${top?.item.brand.code ?? 'NWD'}-9${rng.int(100, 999)}-BLK-M`,
        rank: shown.length + 1,
        reasons: ['named by the model, not found in tool results'],
        strategy: 'search',
        engine,
        score: 0,
        grounded: false,
        shown: false,
        liked: false,
        rejected: false,
        rejectReason: null,
        shortlisted: false,
        bought: false,
        createdAt: iso(t),
        updatedAt: iso(t),
      });
    }
    if (strategy !== 'complement') mainPicks = shown;
    lastPicks = shown;
    lastRelaxed = relaxed;

    // the customer reacts to the cards before the next turn
    t += rng.int(40, 180) * 1000;
    const firstRow = suggestions.length - shown.length - (suggestions.at(-1)?.grounded === false ? 1 : 0);
    shown.forEach((pk, i) => {
      const row = suggestions[firstRow + i]!;
      const r = rng.next();
      if (r < 0.22) {
        row.rejected = true;
        row.rejectReason = rng.weighted(
          ['price', 'style', 'fit', 'colour'] as const,
          (x) => ({ price: 3, style: 3, fit: 2, colour: 2 })[x],
        );
        events.push({
          type: 'card.rejected',
          payload: { sku: pk.variant.sku, reason: row.rejectReason },
          at: iso(t + i * 7000),
        });
      } else if (r < 0.45) {
        row.liked = true;
        events.push({ type: 'card.liked', payload: { sku: pk.variant.sku }, at: iso(t + i * 7000) });
        if (rng.chance(0.6)) {
          row.shortlisted = true;
          shortlisted.push(pk);
          events.push({ type: 'card.shortlisted', payload: { sku: pk.variant.sku }, at: iso(t + i * 7000 + 3000) });
        }
      }
      row.updatedAt = iso(t + i * 7000);
    });
    t += shown.length * 7000 + rng.int(10, 60) * 1000;
  }

  // outcome: about 40% buy; what they buy is on the shortlist or among the main suggestions
  const purchased = mainPicks.length > 0 && rng.chance(0.48 + (shortlisted.length ? 0.15 : 0) - (c.known ? 0 : 0.1));
  let basketValue = 0;
  let basketUnits = 0;
  if (purchased) {
    const buy = new Set<string>();
    const main =
      shortlisted.find((s) => s.item.type.key === req.typeKey) ??
      mainPicks.find((_, i) => !suggestionFor(suggestions, mainPicks[i]!.variant.sku)?.rejected) ??
      mainPicks[0]!;
    buy.add(main.variant.sku);
    for (const s of shortlisted) if (s.item.type.key !== req.typeKey && rng.chance(0.7)) buy.add(s.variant.sku);
    for (const sku of buy) {
      const rows = suggestions.filter((s) => s.sku === sku);
      const row = rows[rows.length - 1]!;
      row.bought = true;
      row.rejected = false;
      row.rejectReason = null;
      row.updatedAt = iso(t);
      const v = c.itemBySku.get(sku)!.product.variants.find((x) => x.sku === sku)!;
      basketValue += effectivePrice(v);
      basketUnits += 1;
      events.push({ type: 'card.bought', payload: { sku, price: effectivePrice(v) }, at: iso(t) });
    }
  }
  const outcome: DemoConsultation['outcome'] = purchased ? 'purchased' : rng.chance(0.06) ? 'abandoned' : 'no_purchase';
  const ended = t + rng.int(60, 300) * 1000;
  events.push({ type: 'consultation.ended', payload: { outcome, basketValue, basketUnits }, at: iso(ended) });
  const satisfaction =
    rng.chance(0.25) || outcome === 'abandoned'
      ? null
      : purchased
        ? rng.weighted([3, 4, 5], (s) => ({ 3: 1, 4: 3.5, 5: 5.5 })[s]!)
        : rng.weighted([2, 3, 4, 5], (s) => ({ 2: 1, 3: 3, 4: 4, 5: 2 })[s]!);
  const notePool = purchased
    ? [
        'Happy with the fit.',
        'Added socks at the till.',
        'Tried two sizes, went with the first.',
        'Will come back for the trousers.',
      ]
    : [
        'Going to think about it.',
        'Will check online and come back at payday.',
        `Wanted it in ${persona.favouriteColours[0]!.toLowerCase()}, none here in that size.`,
        'Comparing with another shop.',
        'Just browsing for ideas.',
      ];
  const notes = rng.chance(0.45) ? rng.pick(notePool) : null;

  const coachingNotes: DemoCoachingNote[] = [];
  if (rng.chance(0.06)) {
    const mgr = ASSOCIATES.find((a) => a.storeId === c.storeId && a.role === 'manager')!;
    coachingNotes.push({
      messageIndex: rng.chance(0.5) ? 0 : null,
      authorId: mgr.id,
      body: rng.pick([
        'Good use of the budget and size up front — the first suggestions were spot on.',
        'Ask about the use (trip, weather) before showing boots; it changes the pick.',
        'Nice add-on with the socks. Try the same with waterproof trousers.',
        'The customer rejected on price twice: confirm the budget before the second search.',
      ]),
      createdAt: iso(ended + rng.int(1, 3) * 86_400_000),
    });
  }
  return {
    id: c.id,
    storeId: c.storeId,
    associateId: c.associate.id,
    customerExternalId: c.known ? c.person.customer.externalId : null,
    startedAt: iso(c.started),
    endedAt: iso(ended),
    outcome,
    basketValue,
    basketUnits,
    currency: 'GBP',
    satisfaction,
    notes,
    customerContext: c.known ? customerContext(c.person, c.history, c.itemBySku) : null,
    messages,
    suggestions,
    events,
    coachingNotes,
  };
}

function suggestionFor(rows: DemoSuggestion[], sku: string): DemoSuggestion | undefined {
  return rows.find((r) => r.sku === sku);
}
