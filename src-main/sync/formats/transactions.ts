/**
 * Purchase history (canonical `customer_id,item_id,timestamp,basket_id,quantity,price` or the UCI
 * Online Retail file) → customers, items and orders. Reading and cleaning are the recommender's
 * shared reader (recommender/data/transactions-file.ts), so `aisle eval` and the importer agree on
 * every row. Items become products/variants only when the catalog lacks that SKU: a purchase
 * history never overwrites real catalog data. Identical invoice+item lines are NOT merged: each
 * file line is one order line.
 */
import { openTransactionsFile, TransactionsFileError } from '../../recommender/data/transactions-file';
import { UnusableFileError } from '../input';
import { emptyStaged, type ParseOptions, type Staged, type StagedOrder } from '../model';
import { minorDigits, parseTimestamp } from '../values';

export async function parseTransactions(file: string, opts: ParseOptions): Promise<Staged> {
  const staged = emptyStaged(opts.limits);
  const currency = opts.defaultCurrency;
  const scale = 10 ** minorDigits(currency);
  const f = openTransactionsFile(file, { limits: opts.limits });
  let n = 0;
  try {
    for await (const r of f.rows()) {
      if (++n % 50_000 === 0) {
        opts.onProgress?.(n);
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
      }
      const unitPrice = r.price === null ? 0 : Math.round(r.price * scale);
      if (!staged.customers.has(r.customerId)) {
        staged.customers.set(r.customerId, {
          externalId: r.customerId,
          firstName: null,
          lastName: null,
          email: null,
          phone: null,
          city: null,
          country: null,
          acceptsEmail: false,
          acceptsSms: false,
          tags: '',
          note: null,
          line: r.line,
        });
      }
      if (!staged.products.has(r.itemId)) {
        staged.products.set(r.itemId, {
          externalId: r.itemId,
          title: r.title ?? r.itemId,
          brand: null,
          category: null,
          categoryPath: null,
          gender: null,
          tags: '',
          descriptionHtml: null,
          descriptionText: null,
          searchText: '',
          imageUrl: null,
          status: 'active',
          attributes: null,
          line: r.line,
          placeholder: true,
        });
        staged.variants.set(r.itemId, {
          sku: r.itemId,
          productExternalId: r.itemId,
          title: null,
          size: null,
          color: null,
          material: null,
          options: null,
          price: unitPrice,
          salePrice: null,
          currency,
          gtin: null,
          availability: null,
          imageUrl: null,
          status: 'active',
          line: r.line,
          placeholder: true,
        });
      } else {
        const v = staged.variants.get(r.itemId)!;
        v.price = unitPrice || v.price; // the latest price seen becomes the list price
        const p = staged.products.get(r.itemId)!;
        if (p.title === r.itemId && r.title) p.title = r.title;
      }
      let order: StagedOrder | undefined = staged.orders.get(r.basketId);
      const placedAt = parseTimestamp(r.timestamp);
      if (!placedAt) {
        staged.rejected.push({ line: r.line, field: 'timestamp', message: `unreadable timestamp "${r.timestamp}"` });
        continue;
      }
      if (!order) {
        order = {
          externalId: r.basketId,
          customerExternalId: r.customerId,
          customerEmail: null,
          storeId: null,
          placedAt,
          currency,
          subtotal: null,
          total: 0,
          status: null,
          lines: [],
          line: r.line,
        };
        staged.orders.set(r.basketId, order);
      } else if (placedAt < order.placedAt) order.placedAt = placedAt;
      const quantity = r.quantity === null ? 1 : Math.round(r.quantity);
      order.lines.push({ sku: r.itemId, title: r.title, quantity, unitPrice });
      order.total += quantity * unitPrice;
    }
  } catch (e) {
    if (e instanceof TransactionsFileError) {
      const msg = e.message.startsWith(file) ? e.message.slice(file.length).replace(/^:?\s*/, '') : e.message;
      throw new UnusableFileError(msg.replace(/^(\d+)/, 'line $1'));
    }
    throw e;
  }
  staged.dataRows = f.stats.rowsRead;
  const lines = [...staged.orders.values()].reduce((s, o) => s + o.lines.length, 0);
  staged.extra.transactions = {
    layout: f.stats.format,
    rowsRead: f.stats.rowsRead,
    rowsKept: f.stats.rowsKept,
    dropped: f.stats.dropped,
    identicalLinesMerged: false,
  };
  staged.warnings.push(
    `each kept line is one order line (${lines.toLocaleString('en')}); identical invoice+item lines are not merged`,
  );
  const dropped = Object.entries(f.stats.dropped);
  if (dropped.length) {
    staged.warnings.push(
      `cleaning dropped ${dropped.map(([k, v]) => `${v.toLocaleString('en')} ${k.replace(/_/g, ' ')}`).join(', ')}`,
    );
  }
  if (f.stats.format === 'uci-online-retail' && currency !== 'GBP') {
    staged.warnings.push(
      `UCI Online Retail prices are pounds sterling; imported as ${currency} because --currency said so`,
    );
  }
  return staged;
}
