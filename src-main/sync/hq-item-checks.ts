/**
 * Cheap structural checks of HQ feed items, one compiled-by-hand function per row type. A page of a
 * first pull is 5000 rows, and a zod object parse per row (copying every row) was paid for every row
 * of every page. Each check here accepts an item only where `hqSchemas` (hq.ts) accepts it too — it
 * is never looser; an item it refuses is handed to zod, which finds the row and field and words the
 * error as before. Orders (few per store, with nested lines and an ISO date) always go through zod.
 */
type Item = Record<string, unknown>;
type Check = (o: Item) => boolean;

const isItem = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): boolean => typeof v === 'string' && v.length >= 1;
const optText = (v: unknown): boolean => v == null || typeof v === 'string';
const optBool = (v: unknown): boolean => v == null || typeof v === 'boolean';
const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const optCount = (v: unknown): boolean => v == null || count(v);
const code3 = (v: unknown): boolean => typeof v === 'string' && v.length === 3;
const optStatus = (v: unknown): boolean => v == null || v === 'active' || v === 'discontinued' || v === 'hidden';

function optTextRecord(v: unknown): boolean {
  if (v == null) return true;
  if (!isItem(v)) return false;
  for (const k in v) if (typeof v[k] !== 'string') return false;
  return true;
}

function optPreferences(v: unknown): boolean {
  if (v == null) return true;
  if (!Array.isArray(v) || v.length > 200) return false;
  for (const p of v as unknown[]) {
    if (!isItem(p)) return false;
    if (!text(p.kind) || typeof p.scope !== 'string' || !text(p.value) || !text(p.at) || !optText(p.confirmedBy))
      return false;
  }
  return true;
}

const checks: Record<'products' | 'variants' | 'inventory' | 'customers', Check> = {
  products: (o) =>
    text(o.externalId) &&
    text(o.title) &&
    optText(o.brand) &&
    optText(o.category) &&
    optText(o.categoryPath) &&
    optText(o.gender) &&
    optText(o.tags) &&
    optText(o.descriptionHtml) &&
    optText(o.imageUrl) &&
    optStatus(o.status),
  variants: (o) =>
    text(o.sku) &&
    text(o.productExternalId) &&
    optText(o.title) &&
    optText(o.size) &&
    optText(o.color) &&
    optText(o.material) &&
    optTextRecord(o.options) &&
    count(o.price) &&
    optCount(o.salePrice) &&
    code3(o.currency) &&
    optText(o.gtin) &&
    optText(o.availability) &&
    optText(o.imageUrl) &&
    optStatus(o.status),
  inventory: (o) => text(o.sku) && text(o.storeId) && optText(o.storeName) && Number.isSafeInteger(o.quantity),
  customers: (o) =>
    text(o.externalId) &&
    optText(o.firstName) &&
    optText(o.lastName) &&
    optText(o.email) &&
    optText(o.phone) &&
    optText(o.city) &&
    optText(o.country) &&
    optBool(o.acceptsEmail) &&
    optBool(o.acceptsSms) &&
    optText(o.tags) &&
    optText(o.note) &&
    optPreferences(o.preferences),
};

/** true when the item certainly passes the entity's zod schema; false means "ask zod" (never "bad"). */
export function passesCheapCheck(entity: string, item: unknown): boolean {
  const check = (checks as Record<string, Check | undefined>)[entity];
  return check !== undefined && isItem(item) && check(item);
}
