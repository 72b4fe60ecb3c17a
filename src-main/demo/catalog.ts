/**
 * The demo catalog: products, variants and per-store stock, drawn from catalog-data.ts. Besides
 * the rows it returns `CatalogItem`s (type, tier, size domain, popularity) that the order and
 * consultation generators use to stay coherent with what is on the shelves.
 */
import {
  BRANDS,
  MODEL_NAMES,
  MODEL_SUFFIXES,
  NOUN_TRAITS,
  PRODUCT_TYPES,
  SOCK_FITS,
  UK_TO_EU,
  colourByName,
  type Brand,
  type Gender,
  type ProductType,
  type SizeDomain,
  type Tier,
} from './catalog-data';
import { productImage } from './images';
import type { Rng } from './random';

export const CURRENCY = 'GBP';

export interface DemoVariant {
  sku: string;
  title: string;
  size: string;
  color: string;
  material: string;
  options: Record<string, string>;
  price: number;
  salePrice: number | null;
  currency: string;
  gtin: string;
  availability: string | null;
  imageUrl: string;
  status: 'active' | 'discontinued' | 'hidden';
}

export interface DemoProduct {
  externalId: string;
  title: string;
  brand: string;
  category: string;
  categoryPath: string;
  gender: Gender;
  tags: string;
  descriptionHtml: string;
  descriptionText: string;
  searchText: string;
  imageUrl: string;
  consumable: boolean;
  status: 'active' | 'discontinued' | 'hidden';
  attributes: Record<string, unknown>;
  variants: DemoVariant[];
}

export interface DemoInventoryRow {
  sku: string;
  storeId: string;
  quantity: number;
  syncedAt: string;
}

/** What the other generators need to know about a product, beyond its rows. */
export interface CatalogItem {
  product: DemoProduct;
  type: ProductType;
  tier: Tier;
  brand: Brand;
  domain: SizeDomain;
  /** relative sales weight: a few best-sellers, a long tail */
  popularity: number;
  noun: string;
  colours: string[];
  sizes: string[];
}

export interface StoreDef {
  id: string;
  name: string;
  city: string;
  /** how much stock the store carries relative to the flagship */
  stockFactor: number;
  /** minutes before the anchor the last stock sync ran */
  syncedMinutesAgo: number;
}

export const STORES: StoreDef[] = [
  { id: 'S1', name: 'Aisle Outdoor Edinburgh', city: 'Edinburgh', stockFactor: 1.2, syncedMinutesAgo: 12 },
  { id: 'S2', name: 'Aisle Outdoor Glasgow', city: 'Glasgow', stockFactor: 1.0, syncedMinutesAgo: 47 },
  { id: 'S3', name: 'Aisle Outdoor Manchester', city: 'Manchester', stockFactor: 0.8, syncedMinutesAgo: 185 },
];

const GENDER_LABEL: Record<Gender, string> = { women: "Women's", men: "Men's", unisex: '', kids: "Kids'" };
const GENDER_WORDS: Record<Gender, string> = {
  women: "women womens women's ladies female",
  men: "men mens men's gents male",
  unisex: 'unisex women womens men mens',
  kids: "kids kid's children childrens boys girls junior youth child",
};
const KIDS_BRANDS = new Set(['ULO', 'PKL', 'CRG']);
const TIER_POSITION: Record<Tier, [number, number]> = { budget: [0, 0.22], mid: [0.2, 0.58], premium: [0.55, 1] };

export function gtinCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin13(gtin: string): boolean {
  return /^\d{13}$/.test(gtin) && gtinCheckDigit(gtin.slice(0, 12)) === Number(gtin[12]);
}

/** £ to pence, priced the way shops price: £45.99, £150.00, £149.99 */
function retailPrice(pounds: number, rng: Rng): number {
  if (pounds < 100) {
    const whole = Math.max(5, Math.round(pounds));
    return rng.chance(0.7) ? whole * 100 - 1 : whole * 100;
  }
  const five = Math.round(pounds / 5) * 5;
  return rng.chance(0.5) ? five * 100 - 1 : five * 100;
}

function salePriceOf(price: number, rng: Rng): number {
  const off = rng.pick([0.7, 0.75, 0.8, 0.8]);
  const pounds = Math.floor((price * off) / 100);
  return Math.max(100, pounds * 100 - 1);
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function sizeCode(size: string, domain: SizeDomain): string {
  if (size === 'One Size') return 'OS';
  if (domain === 'waist') return 'W' + size;
  return size.replace(/\s+/g, '').replace('Person', 'P').replace('Regular', 'REG').replace('Long', 'LNG');
}

function domainFor(type: ProductType, gender: Gender): SizeDomain {
  if (type.sizeDomain === 'none') return 'none';
  if (gender === 'kids') return type.sizeDomain === 'shoes' ? 'kidsShoes' : 'kids';
  if (type.sizeDomain === 'waist' && gender === 'women') return 'womenUk';
  return type.sizeDomain;
}

const MATERIAL_KEYS = [
  'down',
  'synthetic',
  'merino',
  'cotton',
  'thermal',
  'lambswool',
  'flannel',
  'leather',
  'foam',
  'air',
  'canvas',
  'cord',
];

function pickMaterial(type: ProductType, noun: string, rng: Rng): string {
  const n = noun.toLowerCase();
  for (const key of MATERIAL_KEYS) {
    if (!n.includes(key)) continue;
    const matching = type.materials.filter((m) => m.toLowerCase().includes(key === 'air' ? 'tpu' : key));
    if (matching.length) return rng.pick(matching);
  }
  // nouns that name a material must not get another one (a "Cotton T-Shirt" is never merino)
  const named = type.materials.filter((m) => !MATERIAL_KEYS.some((k) => m.toLowerCase().includes(k) && !n.includes(k)));
  return rng.pick(named.length ? named : type.materials);
}

interface AttrResult {
  attributes: Record<string, unknown>;
  features: string[];
  words: string[];
}

function typeAttributes(
  type: ProductType,
  noun: string,
  material: string,
  tier: Tier,
  size: string | null,
  rng: Rng,
): AttrResult {
  const t = { budget: 0, mid: 1, premium: 2 }[tier];
  const a: Record<string, unknown> = {};
  const features: string[] = [];
  const words: string[] = [];
  const m = material.toLowerCase();
  switch (type.key) {
    case 'waterproof-jacket':
    case 'waterproof-trousers': {
      const hh = [10000, 20000, 28000][t]!;
      Object.assign(a, {
        waterproof: true,
        hydrostaticHeadMm: hh,
        breathabilityGm2: [10000, 20000, 30000][t],
        weightG: rng.int(240, 520),
      });
      features.push(`Hydrostatic head ${thousands(hh)} mm`);
      words.push('waterproof', 'taped seams', 'breathable');
      break;
    }
    case 'insulated-jacket': {
      if (m.includes('down')) {
        const fp = m.includes('800') ? 800 : 700;
        Object.assign(a, { insulation: 'down', fillPower: fp, warmth: tier === 'budget' ? 'warm' : 'very warm' });
        features.push(`${fp} fill-power down`);
        words.push('down', 'goose down', `${fp} fill`);
      } else {
        Object.assign(a, { insulation: 'synthetic', warmth: 'warm', warmWhenWet: true });
        features.push('Synthetic fill stays warm when wet');
        words.push('synthetic', 'primaloft');
      }
      a.packable = true;
      words.push('packable');
      break;
    }
    case 'base-layer': {
      const gsm = /(\d+)gsm/.exec(material)?.[1];
      if (gsm) a.weightGsm = Number(gsm);
      if (m.includes('merino')) words.push('merino', 'wool', 'odour resistant');
      break;
    }
    case 'hiking-boots':
    case 'walking-shoes': {
      const waterproof = m.includes('waterproof') || m.includes('stormweave');
      Object.assign(a, {
        waterproof,
        weightG: rng.int(type.key === 'hiking-boots' ? 950 : 700, type.key === 'hiking-boots' ? 1500 : 950),
      });
      if (waterproof) words.push('waterproof');
      if (m.includes('leather')) words.push('leather');
      break;
    }
    case 'trail-running-shoes': {
      const lug = rng.pick([4, 5, 6, 8]);
      Object.assign(a, { dropMm: rng.pick([4, 6, 8]), lugMm: lug });
      features.push(`${lug} mm lugs`);
      words.push('grip', 'mud');
      break;
    }
    case 'backpacks': {
      const litres = Number(size!.replace('L', ''));
      Object.assign(a, { capacityL: litres, raincover: litres >= 30 });
      words.push(size!, `${litres} litre`, litres <= 25 ? 'daypack' : litres >= 50 ? 'trekking' : 'hiking');
      break;
    }
    case 'sleeping-bags': {
      const season = rng.weighted([1, 2, 3, 4], (s) => [1, 3, 4, 2][s - 1]!);
      const comfort = { 1: 10, 2: 5, 3: rng.pick([0, -2]), 4: -8 }[season]!;
      const fill = m.includes('down') ? 'down' : 'synthetic';
      Object.assign(a, {
        seasonRating: season,
        comfortTempC: comfort,
        limitTempC: comfort - 6,
        fill,
        weightG: rng.int(700, 1900),
      });
      features.push(`${season}-season bag, comfort ${comfort}°C`);
      words.push(`${season} season`, `${season}-season`, fill, comfort <= 0 ? 'winter' : 'summer');
      break;
    }
    case 'tents': {
      const persons = Number(size!.split(' ')[0]);
      const seasons = noun.includes('Geodesic') ? 4 : 3;
      Object.assign(a, { persons, seasons, weightKg: Math.round((1.1 + persons * 0.7 + rng.next()) * 10) / 10 });
      features.push(`${persons}-person, ${seasons}-season`);
      words.push(`${persons} person`, `${persons} man`, `${seasons} season`, persons <= 2 ? 'lightweight' : 'family');
      break;
    }
    case 'sleeping-mats': {
      const r = noun.includes('Foam') ? 2 : noun.includes('Air') ? 4.2 : 3.2;
      Object.assign(a, { rValue: r });
      features.push(`R-value ${r}`);
      break;
    }
    case 'headtorches': {
      const lumens = [200, 350, 500][t]!;
      Object.assign(a, { lumens, rechargeable: noun.includes('Rechargeable') || t > 0 });
      features.push(`${lumens} lumens`);
      words.push(`${lumens} lumens`, 'rechargeable');
      break;
    }
    case 'bottles': {
      Object.assign(a, {
        capacityMl: size === '1L' ? 1000 : Number(size!.replace('ml', '')),
        insulated: !noun.includes('Water Bottle'),
      });
      break;
    }
    case 'fleece':
      words.push('fleece', 'recycled');
      break;
    default:
      break;
  }
  if (m.includes('recycled')) words.push('recycled');
  return { attributes: a, features, words };
}

export interface CatalogResult {
  products: DemoProduct[];
  items: CatalogItem[];
  inventory: DemoInventoryRow[];
}

export function generateCatalog(rng: Rng, anchor: Date): CatalogResult {
  const items: CatalogItem[] = [];
  const usedTitles = new Set<string>();
  const usedGtins = new Set<string>();
  let productNo = 1000;

  const newGtin = (): string => {
    for (;;) {
      const body = rng.chance(0.8)
        ? '50' + String(rng.int(0, 9_999_999_999)).padStart(10, '0')
        : '0' + String(rng.int(0, 99_999_999_999)).padStart(11, '0');
      const gtin = body + gtinCheckDigit(body);
      if (!usedGtins.has(gtin)) {
        usedGtins.add(gtin);
        return gtin;
      }
    }
  };

  for (const type of PRODUCT_TYPES) {
    for (const gender of ['women', 'men', 'unisex', 'kids'] as const) {
      const count = type.counts[gender] ?? 0;
      for (let i = 0; i < count; i++) {
        productNo++;
        const brandPool = BRANDS.filter(
          (br) => type.brands.includes(br.code) && (gender !== 'kids' || KIDS_BRANDS.has(br.code)),
        );
        const brand = rng.pick(brandPool.length ? brandPool : BRANDS.filter((br) => type.brands.includes(br.code)));
        const noun = type.key === 'consumables' ? type.nouns[i % type.nouns.length]! : rng.pick(type.nouns);
        const wide =
          (type.key === 'hiking-boots' || type.key === 'walking-shoes') && gender !== 'kids' && rng.chance(0.25);
        let title = '';
        let model = '';
        for (let attempt = 0; attempt < 50; attempt++) {
          model = rng.pick(MODEL_NAMES) + rng.pick(MODEL_SUFFIXES);
          const label = GENDER_LABEL[gender];
          title = [brand.name, model, label, wide ? 'Wide Fit' : '', noun].filter(Boolean).join(' ');
          if (!usedTitles.has(title)) break;
        }
        usedTitles.add(title);

        const perProduct = type.sizePerProduct;
        const sizes: string[] = perProduct
          ? [type.key === 'consumables' ? perProduct[i % perProduct.length]! : rng.pick(perProduct)]
          : [...(type.sizes[gender] ?? [])];
        if (type.key === 'backpacks' && gender === 'kids') sizes[0] = '12L';
        const domain = domainFor(type, gender);
        const material =
          type.key === 'consumables' ? type.materials[i % type.materials.length]! : pickMaterial(type, noun, rng);
        const nColours = rng.int(type.colourCount[0], type.colourCount[1]);
        const colours = rng.sample(type.colours, nColours);

        const [lo, hi] = TIER_POSITION[brand.tier];
        const pos = lo + rng.next() * (hi - lo);
        let pounds = type.price[0] + pos * (type.price[1] - type.price[0]);
        if (gender === 'kids') pounds *= 0.55;
        if (type.key === 'backpacks') pounds *= 0.6 + Number(sizes[0]!.replace('L', '')) / 80;
        if (type.key === 'tents') pounds *= 0.6 + Number(sizes[0]!.split(' ')[0]) * 0.2;
        const basePrice = retailPrice(pounds, rng);
        const onSale = rng.chance(0.2);
        const saleColours = new Set(onSale ? rng.sample(colours, rng.int(1, colours.length)) : []);

        const attr = typeAttributes(type, noun, material, brand.tier, sizes[0] ?? null, rng);
        if (wide) attr.attributes.fit = 'Wide';
        const pickedFeatures = rng.sample(
          type.key === 'consumables' ? [type.features[i % type.features.length]!] : type.features,
          rng.int(3, 5),
        );
        // (the random draws above happen either way, so the rest of the store stays as it was)
        const traits = NOUN_TRAITS[noun];
        const features = [...attr.features, ...(traits ? traits.features : pickedFeatures)];
        if (wide) features.unshift('Wide fit through the forefoot');
        attr.attributes.productType = type.key;
        attr.attributes.model = model.trim();

        const code = String(productNo);
        const variants: DemoVariant[] = [];
        for (const colourName of colours) {
          const colour = colourByName.get(colourName)!;
          const image = productImage(type.shape, colour.hex);
          for (const size of sizes) {
            const options: Record<string, string> = { Colour: colourName, Size: size };
            if (domain === 'shoes' || domain === 'kidsShoes') options.EU = UK_TO_EU[size] ?? '';
            if (domain === 'waist') Object.assign(options, { Waist: size, Leg: 'Regular' });
            if (domain === 'womenUk') options['UK size'] = size;
            if (domain === 'socks') options['Fits UK'] = SOCK_FITS[size]!.replace('UK ', '');
            if (wide) options.Fit = 'Wide';
            const longer = size === 'Long' ? 1000 : 0;
            const price = basePrice + longer;
            variants.push({
              sku: `AO-${brand.code}-${code}-${colour.code}-${sizeCode(size, domain)}`,
              title: `${colourName} / ${size}`,
              size,
              color: colourName,
              material,
              options,
              price,
              salePrice: saleColours.has(colourName) ? salePriceOf(price, rng) : null,
              currency: CURRENCY,
              gtin: newGtin(),
              availability: null,
              imageUrl: image,
              status: 'active',
            });
          }
        }

        const usesDrawn = rng.sample(type.uses, Math.min(type.uses.length, 3));
        const usesShown = traits ? traits.uses : usesDrawn;
        const intro =
          `The ${model.trim()} ${noun.toLowerCase()} from ${brand.name} — ${brand.blurb}. ` +
          `Made from ${material}, it is built for ${usesShown.join(', ')}.`;
        const descriptionText = `${intro}\n${features.map((f) => `• ${f}`).join('\n')}\nMaterial: ${material}.`;
        const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const descriptionHtml =
          `<p>${esc(intro)}</p><ul>${features.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` +
          `<p><strong>Material:</strong> ${esc(material)}</p>`;
        const tagList = [type.category.toLowerCase(), gender, brand.tier, ...usesShown];
        if (attr.attributes.waterproof) tagList.push('waterproof');
        if (wide) tagList.push('wide fit');
        if (material.toLowerCase().includes('merino')) tagList.push('merino');
        if (material.toLowerCase().includes('recycled')) tagList.push('recycled');
        if (type.season) tagList.push(type.season);
        if (rng.chance(0.15)) tagList.push('new season');
        const searchWords = new Set<string>([
          ...colours.map((c) => c.toLowerCase()),
          ...material
            .toLowerCase()
            .split(/[\s,/]+/)
            .filter((w) => w.length > 2),
          ...GENDER_WORDS[gender].split(' '),
          ...type.words,
          ...(traits ? traits.uses : type.uses),
          ...attr.words,
          ...(wide ? ['wide', 'wide fit', 'wide feet'] : []),
          ...(type.season ? [type.season] : []),
        ]);

        const product: DemoProduct = {
          externalId: slug(title),
          title,
          brand: brand.name,
          category: type.category,
          categoryPath: type.path,
          gender,
          tags: [...new Set(tagList)].join(', '),
          descriptionHtml,
          descriptionText,
          searchText: [...searchWords].join(' '),
          imageUrl: variants[0]!.imageUrl,
          consumable: type.consumable === true,
          status: 'active',
          attributes: attr.attributes,
          variants,
        };
        items.push({
          product,
          type,
          tier: brand.tier,
          brand,
          domain,
          popularity: Math.exp(rng.next() * 2.5 - 1) * (type.consumable ? 2 : 1),
          noun,
          colours,
          sizes,
        });
      }
    }
  }

  // A handful of lines the shop no longer sells: bought in the past, never suggested now.
  const candidates = items.filter((it) => it.product.gender !== 'kids' && !it.type.consumable);
  const retired = rng.sample(candidates, 8);
  retired.forEach((it, n) => {
    const status = n < 5 ? 'discontinued' : 'hidden';
    it.product.status = status;
    for (const v of it.product.variants) v.status = status;
  });

  const inventory: DemoInventoryRow[] = [];
  for (const it of items) {
    if (it.product.status !== 'active') continue;
    const n = it.sizes.length;
    const categoryDepth = it.type.consumable ? 3 : it.type.key === 'tents' || it.type.key === 'sleeping-bags' ? 0.5 : 1;
    for (const v of it.product.variants) {
      const idx = it.sizes.indexOf(v.size);
      const edge = n > 2 && (idx === 0 || idx === n - 1);
      const middle = n > 2 && Math.abs(idx - (n - 1) / 2) <= 1;
      let total = 0;
      for (const store of STORES) {
        const zeroChance = edge ? 0.35 : middle ? 0.13 : 0.2;
        let qty = 0;
        if (!rng.chance(zeroChance)) {
          const mean = (middle ? 4.5 : 2.5) * store.stockFactor * categoryDepth * Math.min(2, 0.6 + it.popularity / 3);
          qty = 1 + rng.poisson(mean);
        }
        total += qty;
        inventory.push({
          sku: v.sku,
          storeId: store.id,
          quantity: qty,
          syncedAt: new Date(anchor.getTime() - (store.syncedMinutesAgo + rng.int(0, 4)) * 60_000).toISOString(),
        });
      }
      v.availability = total > 0 ? 'in_stock' : 'out_of_stock';
    }
  }
  return { products: items.map((it) => it.product), items, inventory };
}

/** 20000 → "20,000" (Intl is needlessly slow for thousands of calls) */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
