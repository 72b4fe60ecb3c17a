/**
 * Shopify product CSV, both header dialects (classic `Handle`/`Variant Price`…, 2024+ `URL handle`/
 * `Price`…) through one alias table. Rows are grouped by handle; the first row of a handle carries
 * product fields and later blank cells inherit them. A row is a variant row when it has an option
 * value, SKU or price; image-only and metafield-only rows only add to the product. Upserts by handle
 * (a Shopify export can be filtered, so absence does not mean discontinued).
 */
import { emptyStaged, type ParseOptions, type Staged, type StagedProduct } from '../model';
import { categorySegments, decimalToMinor, htmlToText, isScientific, normalizeGender, stripGuard } from '../values';
import { readCsv, type CsvRow } from './csv';
import { guessFormatFromHeader, wrongFormat } from './detect';

/** canonical name → header spellings (normalized: lowercase, single spaces) */
const ALIASES: Record<string, string[]> = {
  handle: ['handle', 'url handle'],
  title: ['title'],
  body: ['body (html)', 'description', 'body html'],
  vendor: ['vendor'],
  productCategory: ['product category'],
  type: ['type'],
  tags: ['tags'],
  status: ['status'],
  sku: ['variant sku', 'sku'],
  barcode: ['variant barcode', 'barcode'],
  price: ['variant price', 'price'],
  compareAt: ['variant compare at price', 'compare-at price', 'compare at price'],
  imageSrc: ['image src', 'product image url'],
  variantImage: ['variant image', 'variant image url'],
  gender: ['google shopping / gender'],
  mpn: ['google shopping / mpn', 'google shopping / manufacturer part number (mpn)'],
  inventoryQty: ['variant inventory qty', 'inventory quantity'],
  metafieldNamespace: ['metafield namespace'],
  metafieldKey: ['metafield key'],
  metafieldValue: ['metafield value'],
};
for (const n of [1, 2, 3]) {
  ALIASES[`option${n}Name`] = [`option${n} name`];
  ALIASES[`option${n}Value`] = [`option${n} value`];
}

export type ColumnMap = Record<string, number | undefined>;

export function mapColumns(names: string[], aliases: Record<string, string[]>): ColumnMap {
  const map: ColumnMap = {};
  for (const [key, spellings] of Object.entries(aliases)) {
    const i = names.findIndex((n) => spellings.includes(n));
    if (i >= 0) map[key] = i;
  }
  return map;
}

export const cell = (row: CsvRow, map: ColumnMap, key: string): string => {
  const i = map[key];
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
};

const COLOR_NAMES = ['color', 'colour', 'farbe', 'couleur'];
const SIZE_NAMES = ['size', 'größe', 'taille'];

interface ProductState {
  product: StagedProduct;
  optionNames: string[];
  words: Set<string>;
  images: string[];
  metafields: Record<string, string>;
  marketPrices: Record<string, Record<string, number>>;
}

export async function parseShopifyProducts(file: string, opts: ParseOptions): Promise<Staged> {
  const staged = emptyStaged(opts.limits);
  let map: ColumnMap = {};
  let metafieldCols: { index: number; key: string }[] = [];
  let marketCols: { index: number; market: string; kind: 'price' | 'compare' }[] = [];
  const states = new Map<string, ProductState>();
  const skuLines = new Map<string, number>();
  const mangled: number[] = [];
  let synthesizedSkus = 0;
  const currency = opts.defaultCurrency;

  const onRow = (row: CsvRow) => {
    const handle = cell(row, map, 'handle');
    if (!handle) {
      staged.rejected.push({
        line: row.line,
        field: 'Handle',
        message: 'row has no handle, so it belongs to no product',
      });
      return;
    }
    let st = states.get(handle);
    if (!st) {
      const title = cell(row, map, 'title');
      const body = row.cells[map.body ?? -1] ?? '';
      const productCategory = cell(row, map, 'productCategory');
      const type = cell(row, map, 'type');
      const segments = categorySegments(productCategory || type);
      const statusRaw = cell(row, map, 'status').toLowerCase();
      st = {
        product: {
          externalId: handle,
          title: title || handle,
          brand: cell(row, map, 'vendor') || null,
          category: type ? categorySegments(type).pop()! : (segments[segments.length - 1] ?? null),
          categoryPath: segments.length ? segments.join(' > ') : null,
          gender: normalizeGender(cell(row, map, 'gender')),
          tags: cell(row, map, 'tags'),
          descriptionHtml: body.trim() || null,
          descriptionText: body.trim() ? htmlToText(body) : null,
          searchText: '',
          imageUrl: null,
          status: statusRaw === 'draft' ? 'hidden' : statusRaw === 'archived' ? 'discontinued' : 'active',
          attributes: null,
          line: row.line,
        },
        optionNames: [1, 2, 3].map((n) => cell(row, map, `option${n}Name`)),
        words: new Set(),
        images: [],
        metafields: {},
        marketPrices: {},
      };
      if (!title)
        staged.warnings.push(`line ${row.line}: product "${handle}" starts without a title; the handle is used`);
      states.set(handle, st);
      staged.products.set(handle, st.product);
    } else {
      // A handle seen again later in the file: blank cells inherit, filled ones fill gaps.
      [1, 2, 3].forEach((n, i) => {
        const name = cell(row, map, `option${n}Name`);
        if (name && !st!.optionNames[i]) st!.optionNames[i] = name;
      });
    }
    const img = cell(row, map, 'imageSrc');
    if (img && !st.images.includes(img)) st.images.push(img);
    for (const { index, key } of metafieldCols) {
      const v = (row.cells[index] ?? '').trim();
      if (v) st.metafields[key] = v;
    }
    const mfKey = cell(row, map, 'metafieldKey');
    if (mfKey) st.metafields[`${cell(row, map, 'metafieldNamespace')}.${mfKey}`] = cell(row, map, 'metafieldValue');

    const optionValues = [1, 2, 3].map((n) => cell(row, map, `option${n}Value`));
    const sku0 = stripGuard(cell(row, map, 'sku'));
    const priceRaw = cell(row, map, 'price');
    const isVariant = optionValues.some(Boolean) || sku0 !== '' || priceRaw !== '';
    if (!isVariant) return;

    const price = decimalToMinor(priceRaw, currency);
    if (price === null) {
      staged.rejected.push({
        line: row.line,
        field: map.price !== undefined ? 'Variant Price' : 'Price',
        message: priceRaw ? `unreadable price "${priceRaw.slice(0, 40)}"` : `variant of "${handle}" has no price`,
      });
      return;
    }
    const compareAt = decimalToMinor(cell(row, map, 'compareAt'), currency);
    const options: Record<string, string> = {};
    let size: string | null = null;
    let color: string | null = null;
    let material: string | null = null;
    optionValues.forEach((v, i) => {
      const name = st.optionNames[i] || `Option${i + 1}`;
      if (!v || (name === 'Title' && v === 'Default Title')) return;
      options[name] = v;
      const lower = name.toLowerCase();
      if (COLOR_NAMES.includes(lower)) color = v;
      else if (SIZE_NAMES.includes(lower)) size = v;
      else if (lower === 'material') material = v;
    });
    let sku = sku0;
    if (!sku) {
      const vals = optionValues.filter(Boolean);
      sku = vals.length && !(vals.length === 1 && vals[0] === 'Default Title') ? `${handle}/${vals.join('/')}` : handle;
      synthesizedSkus++;
    }
    const firstLine = skuLines.get(sku);
    if (firstLine !== undefined) {
      staged.rejected.push({
        line: row.line,
        field: 'Variant SKU',
        message: `duplicate SKU "${sku}" (first on line ${firstLine}); this variant was skipped`,
      });
      return;
    }
    skuLines.set(sku, row.line);
    let barcode: string | null = stripGuard(cell(row, map, 'barcode')) || null;
    if (barcode && isScientific(barcode)) {
      mangled.push(row.line);
      barcode = null;
    }
    for (const { index, market, kind } of marketCols) {
      const m = decimalToMinor(row.cells[index] ?? '', currency);
      if (m !== null) (st.marketPrices[market] ??= {})[`${sku}:${kind}`] = m;
    }
    for (const w of [color, material]) if (w) st.words.add(w);
    const onSale = compareAt !== null && compareAt > price;
    staged.variants.set(sku, {
      sku,
      productExternalId: handle,
      title: Object.values(options).join(' / ') || null,
      size,
      color,
      material,
      options: Object.keys(options).length ? options : null,
      price: onSale ? compareAt : price,
      salePrice: onSale ? price : null,
      currency,
      gtin: barcode,
      availability: null,
      imageUrl: cell(row, map, 'variantImage') || null,
      status: 'active',
      line: row.line,
    });
  };

  const res = await readCsv(
    file,
    { encoding: opts.encoding, signal: opts.signal, limits: opts.limits },
    (h) => {
      map = mapColumns(h.names, ALIASES);
      if (map.handle === undefined)
        throw wrongFormat(
          'shopify-products',
          'no "Handle" or "URL handle" column',
          h.raw,
          guessFormatFromHeader(h.names),
        );
      if (map.price === undefined && map.title === undefined)
        throw wrongFormat('shopify-products', 'no price or title column', h.raw, guessFormatFromHeader(h.names));
      metafieldCols = [];
      marketCols = [];
      h.names.forEach((n, index) => {
        const mf = n.match(/\((product|variant)\.metafields\.([^)]+)\)$/);
        if (mf) metafieldCols.push({ index, key: mf[2]! });
        const mk = n.match(/^(price|compare at price|compare-at price) \/ (.+)$/);
        if (mk)
          marketCols.push({
            index,
            market: h.raw[index]!.split('/').slice(1).join('/').trim(),
            kind: mk[1] === 'price' ? 'price' : 'compare',
          });
      });
    },
    onRow,
  );
  staged.dataRows = res.dataRows;
  staged.warnings.push(...res.info.warnings, ...res.warnings);
  staged.rejected.push(...res.oversized);
  for (const st of states.values()) {
    st.product.imageUrl = st.images[0] ?? null;
    st.product.searchText = [...st.words].join(' ');
    const attributes: Record<string, unknown> = {};
    if (st.images.length > 1) attributes.images = st.images;
    if (Object.keys(st.metafields).length) attributes.metafields = st.metafields;
    if (Object.keys(st.marketPrices).length) attributes.marketPrices = st.marketPrices;
    st.product.attributes = Object.keys(attributes).length ? attributes : null;
  }
  if (mangled.length) {
    staged.warnings.push(
      `${mangled.length} barcode(s) were turned into scientific notation by a spreadsheet (e.g. 3.65275E+11; lines ${mangled.slice(0, 5).join(', ')}${mangled.length > 5 ? ', …' : ''}); the digits are lost, so these GTINs were left empty — re-export without opening in Excel`,
    );
  }
  if (synthesizedSkus)
    staged.warnings.push(`${synthesizedSkus} variant(s) have no SKU; they are keyed as handle/option values`);
  return staged;
}
