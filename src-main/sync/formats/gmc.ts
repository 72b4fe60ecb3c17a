/**
 * Google Merchant Center feeds: TSV (or comma CSV, as Prisjakt writes) with a header, RSS 2.0 and
 * Atom XML. One GMC item is one variant; items sharing item_group_id make one product, ungrouped
 * items are single-variant products. A feed is a full snapshot (see Staged.snapshot).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { openText, peekText, UnusableFileError } from '../input';
import { emptyStaged, type ParseOptions, type Staged, type StagedProduct, type StagedVariant } from '../model';
import { categorySegments, htmlToText, normalizeAvailability, normalizeGender, parsePrice } from '../values';
import { readCsv } from './csv';
import { cellTooLong, DEFAULT_INPUT_LIMITS, InputRefusedError } from '../../shared/input-limits';
import { guessFormatFromHeader, wrongFormat } from './detect';

export const GMC_NS = 'http://base.google.com/ns/1.0';
const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** One feed item: attribute name → values (repeated elements / comma lists give several). */
export interface GmcItem {
  line: number;
  values: Map<string, string[]>;
}

const first = (item: GmcItem, name: string): string => (item.values.get(name)?.[0] ?? '').trim();

/** Attributes whose TSV cell is a comma list (a quoted comma list in other cells is one value). */
const MULTI_IN_TSV = new Set([
  'additional_image_link',
  'gtin',
  'product_type',
  'excluded_destination',
  'included_destination',
]);

function headerAttr(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\(.*\)$/, '')
    .replace(/^g:/i, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

async function readGmcDelimited(
  file: string,
  opts: ParseOptions,
  onItem: (it: GmcItem) => void,
): Promise<{ dataRows: number; warnings: string[]; oversized: Staged['rejected'] }> {
  let attrs: string[] = [];
  const res = await readCsv(
    file,
    { encoding: opts.encoding, signal: opts.signal, limits: opts.limits },
    (h) => {
      attrs = h.raw.map(headerAttr);
      if (!attrs.includes('id')) throw wrongFormat('gmc', 'no "id" column', h.raw, guessFormatFromHeader(h.names));
    },
    (row) => {
      const values = new Map<string, string[]>();
      row.cells.forEach((cell, i) => {
        const name = attrs[i];
        if (!name || cell === '') return;
        const vals = MULTI_IN_TSV.has(name)
          ? cell
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [cell];
        const had = values.get(name);
        if (had) had.push(...vals);
        else values.set(name, vals);
      });
      onItem({ line: row.line, values });
    },
  );
  if (!res.header) throw new UnusableFileError('is empty');
  return { dataRows: res.dataRows, warnings: [...res.info.warnings, ...res.warnings], oversized: res.oversized };
}

async function readGmcXml(
  file: string,
  opts: ParseOptions,
  onItem: (it: GmcItem) => void,
): Promise<{ dataRows: number; warnings: string[]; oversized: Staged['rejected'] }> {
  const limits = opts.limits ?? DEFAULT_INPUT_LIMITS;
  const { info, chunks } = openText(file, { encoding: opts.encoding, signal: opts.signal, limits, lineBreaks: 'xml' });
  /** items with a field over maxCellChars: rejected like an oversized CSV cell */
  const oversized: Staged['rejected'] = [];
  let tooLong: { name: string; length: number } | null = null;
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let rootChecked = false;
  let itemDepth = -1;
  let current: GmcItem | null = null;
  /** g: values beat RSS/Atom core ones; remember which names came from core */
  let coreOnly = new Set<string>();
  let field: { name: string; core: boolean; text: string } | null = null;
  // A field's text arrives in pieces (text, CDATA, across lines); past the cell limit it is dropped,
  // not gathered, and its item is rejected when it closes.
  let count = 0;
  let parseError: Error | null = null;
  let dropping: object | null = null;
  const append = (t: string) => {
    if (!field) return;
    if (dropping === field) {
      tooLong!.length += t.length;
      return;
    }
    if (field.text.length + t.length > limits.maxCellChars) {
      tooLong = { name: field.name, length: field.text.length + t.length };
      dropping = field;
      field.text = '';
      return;
    }
    field.text += t;
  };

  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (!rootChecked) {
      rootChecked = true;
      if (tag.local !== 'rss' && tag.local !== 'feed') {
        throw new UnusableFileError(`is XML with root <${tag.name}>, not an RSS 2.0 or Atom product feed`);
      }
    }
    if (!current && (tag.local === 'item' || tag.local === 'entry') && tag.uri !== GMC_NS) {
      current = { line: parser.line, values: new Map() };
      coreOnly = new Set();
      itemDepth = depth;
      return;
    }
    if (current && depth === itemDepth + 1) {
      const core = tag.uri === '' || tag.uri === ATOM_NS;
      if (tag.uri !== GMC_NS && !core) return; // foreign namespaces (pj:, …) are ignored
      field = { name: tag.local === 'summary' && core ? 'description' : tag.local, core, text: '' };
      if (core && tag.local === 'link' && tag.attributes.href) {
        const href = tag.attributes.href;
        field.text = typeof href === 'string' ? href : href.value;
      }
    }
  });
  parser.on('text', append);
  parser.on('cdata', append);
  parser.on('closetag', () => {
    if (current && field && depth === itemDepth + 1) {
      const { name, core, text } = field;
      const value = text.trim();
      field = null;
      if (value !== '') {
        // Atom's own <id> is a URL-ish identifier; only use it when there is no g:id.
        if (core) {
          if (!current.values.has(name)) {
            current.values.set(name, [value]);
            coreOnly.add(name);
          }
        } else if (coreOnly.has(name)) {
          current.values.set(name, [value]);
          coreOnly.delete(name);
        } else current.values.set(name, [...(current.values.get(name) ?? []), value]);
      }
    }
    if (current && depth === itemDepth) {
      if (tooLong)
        oversized.push({ line: current.line, field: tooLong.name, message: cellTooLong(tooLong.length, limits) });
      else onItem(current);
      tooLong = null;
      count++;
      current = null;
      if (count % 1000 === 0) opts.onProgress?.(count);
    }
    depth--;
  });
  parser.on('error', (e) => {
    parseError ??= e;
  });
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (parseError) break;
    }
    if (!parseError) parser.close();
  } catch (e) {
    if (e instanceof UnusableFileError || e instanceof InputRefusedError) throw e;
    parseError ??= e as Error;
  }
  if (parseError) {
    const msg = parseError.message;
    throw new UnusableFileError(
      /unclosed|unexpected end|incomplete/i.test(msg)
        ? `XML ends early (${msg}): the file looks truncated`
        : `is not well-formed XML: ${msg}`,
    );
  }
  if (!rootChecked) throw new UnusableFileError('contains no XML element');
  return { dataRows: count, warnings: info.warnings, oversized };
}

function saleWindowOpen(window: string, now: number): boolean {
  if (!window) return true;
  const [from, to] = window.split('/');
  const parse = (s: string | undefined, endOfDay: boolean): number | null => {
    if (!s) return null;
    const t = s.trim();
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(t)
      ? `${t}T${endOfDay ? '23:59:59' : '00:00:00'}Z`
      : t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? null : ms;
  };
  const a = parse(from, false);
  const b = parse(to, true);
  return (a === null || now >= a) && (b === null || now <= b);
}

/**
 * Receives finished products and their variants while the file is still being read, so the merge can
 * write them meanwhile (sync/gmc-pipeline.ts). A product is finished when its group ends; a group that
 * turns up again later (feeds are usually grouped, not always) is sent once more at the end with the
 * search words of all its variants, as an update.
 */
export interface GmcBatchSink {
  /** variants per batch, at the least (a batch ends on a product boundary) */
  size: number;
  batch(products: StagedProduct[], variants: StagedVariant[]): void;
}

export async function parseGmc(file: string, opts: ParseOptions, sink?: GmcBatchSink): Promise<Staged> {
  const staged = emptyStaged(opts.limits);
  staged.snapshot = true;
  /** products already handed to the sink, by external id */
  const sent = new Map<string, StagedProduct>();
  const sentAgain = new Set<string>();
  let openGroup = '';
  const flush = () => {
    const products = [...staged.products.values()];
    for (const p of products) {
      p.searchText = [...(searchWords.get(p.externalId) ?? [])].join(' ');
      sent.set(p.externalId, p);
    }
    sink!.batch(products, [...staged.variants.values()]);
    staged.products.clear();
    staged.variants.clear();
  };
  const head = (await peekText(file, opts.encoding, 512, opts.limits)).replace(/^\uFEFF/, '').trimStart();
  const seen = new Map<string, number>();
  let noCurrency = 0;
  const unknownAvailability = new Map<string, number>();
  let undefinedDescriptions = 0;
  let expiredSales = 0;
  const now = Date.now();
  const searchWords = new Map<string, Set<string>>();

  const onItem = (it: GmcItem) => {
    const id = first(it, 'id');
    if (!id) {
      staged.rejected.push({ line: it.line, field: 'id', message: 'item has no id' });
      return;
    }
    const dup = seen.get(id);
    if (dup !== undefined) {
      staged.rejected.push({
        line: it.line,
        field: 'id',
        message: `duplicate id "${id}" (first on line ${dup}); this item was skipped`,
      });
      return;
    }
    const title = first(it, 'title').replace(/\s+/g, ' ');
    if (!title) {
      staged.rejected.push({ line: it.line, field: 'title', message: `item "${id}" has no title` });
      return;
    }
    const rawPrice = first(it, 'price');
    const price = parsePrice(rawPrice, opts.defaultCurrency);
    if (!price) {
      staged.rejected.push({
        line: it.line,
        field: 'price',
        message: rawPrice ? `unreadable price "${rawPrice.slice(0, 40)}"` : `item "${id}" has no price`,
      });
      return;
    }
    if (!/[A-Za-z]{3}/.test(rawPrice)) noCurrency++;
    seen.set(id, it.line);

    let salePrice: number | null = null;
    const rawSale = first(it, 'sale_price');
    if (rawSale) {
      const sp = parsePrice(rawSale, price.currency);
      if (!sp)
        staged.rejected.push({
          line: it.line,
          field: 'sale_price',
          message: `unreadable sale price "${rawSale.slice(0, 40)}" (item kept without it)`,
        });
      else if (!saleWindowOpen(first(it, 'sale_price_effective_date'), now)) expiredSales++;
      else salePrice = sp.amount;
    }
    const rawAvail = first(it, 'availability');
    let availability: string | null = null;
    if (rawAvail) {
      availability = normalizeAvailability(rawAvail);
      if (!availability) {
        availability = rawAvail.toLowerCase();
        unknownAvailability.set(availability, (unknownAvailability.get(availability) ?? 0) + 1);
      }
    }
    const gtins = it.values.get('gtin') ?? [];
    const color = first(it, 'color') || null;
    const size = first(it, 'size') || null;
    const material = first(it, 'material') || null;
    const pattern = first(it, 'pattern') || null;
    const options: Record<string, string> = {};
    if (color) options.Color = color;
    if (size) options.Size = size;
    if (material) options.Material = material;
    if (pattern) options.Pattern = pattern;

    const groupId = first(it, 'item_group_id');
    const productExternalId = groupId || id;
    if (sink && productExternalId !== openGroup) {
      if (staged.variants.size >= sink.size) flush();
      openGroup = productExternalId;
    }
    const variant: StagedVariant = {
      sku: id,
      productExternalId,
      title,
      size,
      color,
      material,
      options: Object.keys(options).length ? options : null,
      price: price.amount,
      salePrice,
      currency: price.currency ?? opts.defaultCurrency,
      gtin: gtins[0] ?? null,
      availability,
      imageUrl: first(it, 'image_link') || null,
      status: 'active',
      line: it.line,
    };
    staged.variants.set(id, variant);
    const words = searchWords.get(productExternalId) ?? new Set<string>();
    for (const v of [color, material, pattern]) if (v) for (const w of v.split('/')) words.add(w.trim());
    searchWords.set(productExternalId, words);
    if (sent.has(productExternalId)) sentAgain.add(productExternalId);

    if (!staged.products.has(productExternalId) && !sent.has(productExternalId)) {
      let description = first(it, 'description');
      if (description === 'undefined' || description === 'null') {
        undefinedDescriptions++;
        description = '';
      }
      const productType = first(it, 'product_type');
      const gpc = first(it, 'google_product_category');
      const path = productType || (gpc && !/^\d+$/.test(gpc) ? gpc : '');
      const segments = categorySegments(path);
      const attributes: Record<string, unknown> = {};
      for (const k of [
        'link',
        'mpn',
        'condition',
        'google_product_category',
        'age_group',
        'identifier_exists',
        'custom_label_0',
      ]) {
        const v = first(it, k);
        if (v) attributes[k] = v;
      }
      const extraImages = it.values.get('additional_image_link');
      if (extraImages?.length) attributes.additionalImages = extraImages;
      if (gtins.length > 1) attributes.gtins = gtins;
      if (availability && !normalizeAvailability(rawAvail)) attributes.availabilityRaw = rawAvail;
      const tags = [0, 1, 2, 3, 4]
        .map((n) => first(it, `custom_label_${n}`))
        .filter(Boolean)
        .join(', ');
      staged.products.set(productExternalId, {
        externalId: productExternalId,
        title: groupId ? title : title,
        brand: first(it, 'brand') || null,
        category: segments.length ? segments[segments.length - 1]! : null,
        categoryPath: segments.length ? segments.join(' > ') : null,
        gender: normalizeGender(first(it, 'gender')),
        tags,
        descriptionHtml: description || null,
        descriptionText: description ? htmlToText(description) : null,
        searchText: '',
        imageUrl: first(it, 'image_link') || null,
        status: 'active',
        attributes: Object.keys(attributes).length ? attributes : null,
        line: it.line,
      });
    }
  };

  let result: { dataRows: number; warnings: string[]; oversized: Staged['rejected'] };
  if (head.startsWith('<')) result = await readGmcXml(file, opts, onItem);
  else result = await readGmcDelimited(file, opts, onItem);
  staged.dataRows = result.dataRows;
  staged.warnings.push(...result.warnings);
  staged.rejected.push(...result.oversized);
  for (const ext of sentAgain) staged.products.set(ext, sent.get(ext)!);
  for (const [ext, words] of searchWords) {
    const p = staged.products.get(ext);
    if (p) p.searchText = [...words].join(' ');
  }
  if (noCurrency)
    staged.warnings.push(`${noCurrency} price(s) carry no currency; taken as ${opts.defaultCurrency} (set --currency)`);
  for (const [word, n] of unknownAvailability)
    staged.warnings.push(`availability "${word}" is not a Google value (${n} item(s)); kept as written`);
  if (undefinedDescriptions)
    staged.warnings.push(
      `${undefinedDescriptions} description(s) were the literal word "undefined"/"null" (a feed generator bug); treated as empty`,
    );
  if (expiredSales)
    staged.warnings.push(
      `${expiredSales} sale price(s) are outside their sale_price_effective_date window and were not applied`,
    );
  return staged;
}
