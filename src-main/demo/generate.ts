/**
 * The demo store as plain data: pure and deterministic. The same seed and anchor ("today") always
 * give the same store; nothing here reads the clock, the network or Math.random. load.ts writes
 * the result into a database.
 */
import { hashPin } from '../shared/pin-hash';
import { STORES, generateCatalog, type DemoInventoryRow, type DemoProduct } from './catalog';
import { ASSOCIATES, generateConsultations, type DemoConsultation } from './consultations';
import { generateOrders, type DemoOrder } from './orders';
import { generatePeople, type DemoCustomer } from './people';
import { Rng } from './random';

export const DEMO_SOURCE = 'demo';
export const DEMO_CONSULTATION_PREFIX = 'demo-';
export const DEFAULT_DEMO_SEED = 42;
export const DEMO_CUSTOMER_COUNT = 540;

export interface DemoStoreRow {
  id: string;
  name: string;
  city: string;
  timezone: string;
}

export interface DemoAssociateRow {
  id: string;
  name: string;
  role: 'associate' | 'manager';
  storeId: string;
  pinHash: string;
}

export interface DemoStore {
  seed: number;
  anchor: string;
  /** when the demo "sync" ran: a little before the anchor */
  syncedAt: string;
  stores: DemoStoreRow[];
  products: DemoProduct[];
  inventory: DemoInventoryRow[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
  associates: DemoAssociateRow[];
  consultations: DemoConsultation[];
}

export interface GenerateOptions {
  seed?: number;
  /** "today": orders cover the 365 days before it, consultations the 28 days before it */
  anchor: Date;
}

// scrypt is deliberately slow; the same PIN and salt always give the same hash, so remember them.
const pinCache = new Map<string, string>();
function demoPinHash(pin: string, salt: Buffer): string {
  const key = pin + '|' + salt.toString('hex');
  let hash = pinCache.get(key);
  if (!hash) {
    hash = hashPin(pin, salt);
    pinCache.set(key, hash);
  }
  return hash;
}

/** Midnight UTC of the given instant: the anchor the loader uses for "today". */
export function utcMidnight(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function generateDemoStore(opts: GenerateOptions): DemoStore {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(seed)) throw new Error(`demo seed must be a whole number, got ${seed}`);
  if (Number.isNaN(opts.anchor.getTime())) throw new Error('demo anchor is not a valid date');
  const anchor = opts.anchor;
  // separate streams, so that adding a product does not reshuffle every customer
  const catalogRng = new Rng(seed);
  const peopleRng = new Rng(seed ^ 0x9e3779b9);
  const orderRng = new Rng(seed ^ 0x85ebca6b);
  const consultRng = new Rng(seed ^ 0xc2b2ae35);
  const staffRng = new Rng(seed ^ 0x27d4eb2f);

  const catalog = generateCatalog(catalogRng, anchor);
  const people = generatePeople(peopleRng, DEMO_CUSTOMER_COUNT);
  const orders = generateOrders(orderRng, anchor, people, catalog.items);

  // VIPs: the top 5% by spend over the year
  const spend = new Map<string, number>();
  for (const o of orders) spend.set(o.customerExternalId, (spend.get(o.customerExternalId) ?? 0) + o.total);
  const ranked = [...spend.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const vips = new Set(ranked.slice(0, Math.ceil(people.length * 0.05)).map((e) => e[0]));
  for (const { customer } of people) {
    if (vips.has(customer.externalId)) customer.tags = customer.tags ? `VIP, ${customer.tags}` : 'VIP';
  }

  const consultations = generateConsultations(consultRng, {
    anchor,
    people,
    items: catalog.items,
    inventory: catalog.inventory,
    orders,
  });
  const associates: DemoAssociateRow[] = ASSOCIATES.map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    storeId: a.storeId,
    pinHash: demoPinHash(a.pin, staffRng.bytes(16)),
  }));

  return {
    seed,
    anchor: anchor.toISOString(),
    syncedAt: new Date(anchor.getTime() - 30 * 60_000).toISOString(),
    stores: STORES.map((s) => ({ id: s.id, name: s.name, city: s.city, timezone: 'Europe/London' })),
    products: catalog.products,
    inventory: catalog.inventory,
    customers: people.map((p) => p.customer),
    orders,
    associates,
    consultations,
  };
}
