/**
 * Shopify inventory CSV, both layouts: legacy (one column per location after `COO`, holding the
 * available quantity) and current (one row per variant × location with `Location` and
 * `Available (not editable)`). Locations become stores (id = slug of the name). Variants are joined
 * by SKU (or handle/options when the SKU is empty, as the product importer keys them); variants the
 * catalog lacks are created as hidden placeholders (price 0) so the stock is not lost — a later
 * product import fills them in and makes them active.
 */
import { emptyStaged, stageStore, type ParseOptions, type Staged } from '../model';
import { readCsv, type CsvRow } from './csv';
import { guessFormatFromHeader, wrongFormat } from './detect';
import { cell, mapColumns, type ColumnMap } from './shopify-products';

const ALIASES: Record<string, string[]> = {
  handle: ['handle', 'url handle'],
  title: ['title'],
  sku: ['sku', 'variant sku'],
  location: ['location'],
  available: ['available (not editable)', 'available'],
  onHand: ['on hand (current)', 'on hand'],
  option1Name: ['option1 name'],
  option1Value: ['option1 value'],
  option2Name: ['option2 name'],
  option2Value: ['option2 value'],
  option3Name: ['option3 name'],
  option3Value: ['option3 value'],
};
const FIXED = new Set([
  'handle',
  'title',
  'option1 name',
  'option1 value',
  'option2 name',
  'option2 value',
  'option3 name',
  'option3 value',
  'sku',
  'hs code',
  'coo',
  'bin name',
  'incoming',
  'unavailable',
  'committed',
]);

export async function parseShopifyInventory(file: string, opts: ParseOptions): Promise<Staged> {
  const staged = emptyStaged(opts.limits);
  staged.placeholderVariants = true;
  let map: ColumnMap = {};
  let locationCols: { index: number; name: string; id: string }[] = [];
  let rowLayout = false;
  const seenPair = new Map<string, number>();

  const onRow = (row: CsvRow) => {
    const handle = cell(row, map, 'handle');
    const optionValues = [1, 2, 3].map((n) => cell(row, map, `option${n}Value`));
    let sku = cell(row, map, 'sku');
    if (!sku) {
      if (!handle) {
        staged.rejected.push({ line: row.line, field: 'SKU', message: 'row has neither SKU nor handle' });
        return;
      }
      const vals = optionValues.filter(Boolean);
      sku = vals.length && !(vals.length === 1 && vals[0] === 'Default Title') ? `${handle}/${vals.join('/')}` : handle;
    }
    const quantities: { storeId: string; qty: string; field: string }[] = [];
    if (rowLayout) {
      const loc = cell(row, map, 'location');
      if (!loc) {
        staged.rejected.push({ line: row.line, field: 'Location', message: 'row has no location' });
        return;
      }
      const avail = map.available !== undefined ? cell(row, map, 'available') : cell(row, map, 'onHand');
      quantities.push({
        storeId: stageStore(staged, loc),
        qty: avail,
        field: map.available !== undefined ? 'Available (not editable)' : 'On hand (current)',
      });
    } else {
      for (const c of locationCols)
        quantities.push({ storeId: c.id, qty: (row.cells[c.index] ?? '').trim(), field: c.name });
    }
    const product = handle || sku;
    if (!staged.products.has(product)) {
      staged.products.set(product, {
        externalId: product,
        title: cell(row, map, 'title') || product,
        brand: null,
        category: null,
        categoryPath: null,
        gender: null,
        tags: '',
        descriptionHtml: null,
        descriptionText: null,
        searchText: '',
        imageUrl: null,
        status: 'hidden',
        attributes: { placeholder: 'created from an inventory file; import the products to fill in' },
        line: row.line,
        placeholder: true,
      });
    }
    if (!staged.variants.has(sku)) {
      const options: Record<string, string> = {};
      optionValues.forEach((v, i) => {
        const name = cell(row, map, `option${i + 1}Name`) || `Option${i + 1}`;
        if (v && !(name === 'Title' && v === 'Default Title')) options[name] = v;
      });
      staged.variants.set(sku, {
        sku,
        productExternalId: product,
        title: Object.values(options).join(' / ') || null,
        size: options.Size ?? null,
        color: options.Color ?? options.Colour ?? null,
        material: options.Material ?? null,
        options: Object.keys(options).length ? options : null,
        price: 0,
        salePrice: null,
        currency: opts.defaultCurrency,
        gtin: null,
        availability: null,
        imageUrl: null,
        status: 'hidden',
        line: row.line,
        placeholder: true,
      });
    }
    for (const q of quantities) {
      if (q.qty === '') continue; // not stocked at that location
      const n = Number(q.qty);
      if (!Number.isInteger(n)) {
        staged.rejected.push({
          line: row.line,
          field: q.field,
          message: `quantity "${q.qty.slice(0, 30)}" is not a whole number`,
        });
        continue;
      }
      const key = `${sku}\u0000${q.storeId}`;
      const dup = seenPair.get(key);
      if (dup !== undefined) {
        staged.rejected.push({
          line: row.line,
          field: 'SKU',
          message: `SKU "${sku}" at ${q.storeId} already given on line ${dup}; this row was skipped`,
        });
        continue;
      }
      seenPair.set(key, row.line);
      staged.inventory.push({ sku, storeId: q.storeId, quantity: n, line: row.line });
    }
  };

  const res = await readCsv(
    file,
    { encoding: opts.encoding, signal: opts.signal, limits: opts.limits },
    (h) => {
      map = mapColumns(h.names, ALIASES);
      const guess = guessFormatFromHeader(h.names);
      if (map.sku === undefined || map.handle === undefined || (guess && guess !== 'shopify-inventory')) {
        throw wrongFormat('shopify-inventory', 'expected Handle, SKU and location columns', h.raw, guess);
      }
      rowLayout = map.location !== undefined;
      if (!rowLayout) {
        const coo = h.names.indexOf('coo');
        const start = coo >= 0 ? coo + 1 : (map.sku ?? 0) + 1;
        locationCols = h.raw
          .map((name, index) => ({ index, name: name.trim(), norm: h.names[index]! }))
          .filter((c) => c.index >= start && !FIXED.has(c.norm) && c.name)
          .map((c) => ({ index: c.index, name: c.name, id: stageStore(staged, c.name) }));
        if (!locationCols.length)
          throw wrongFormat('shopify-inventory', 'no location columns after COO and no Location column', h.raw, null);
      }
    },
    onRow,
  );
  staged.dataRows = res.dataRows;
  staged.warnings.push(...res.info.warnings, ...res.warnings);
  staged.rejected.push(...res.oversized);
  staged.extra.layout = rowLayout ? 'row per location' : 'column per location';
  return staged;
}
