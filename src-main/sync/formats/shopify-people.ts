/**
 * Shopify customer and order exports, both header generations, mapped by column name (columns get
 * inserted mid-header between versions). Customers are keyed by Customer ID, then e-mail, then
 * phone. Orders are grouped by Name: continuation rows leave order fields blank and inherit them.
 * Excel's leading-apostrophe guard is stripped only in numeric identifier columns (IDs, phones, zips).
 */
import { emptyStaged, stageStore, type ParseOptions, type Staged, type StagedOrder } from '../model';
import { decimalToMinor, isScientific, parseBool, parseTimestamp, stripGuard } from '../values';
import { readCsv, type CsvRow } from './csv';
import { guessFormatFromHeader, wrongFormat } from './detect';
import { cell, mapColumns, type ColumnMap } from './shopify-products';

const CUSTOMER_ALIASES: Record<string, string[]> = {
  id: ['customer id', 'id'],
  firstName: ['first name'],
  lastName: ['last name'],
  email: ['email'],
  phone: ['phone'],
  addressPhone: ['default address phone'],
  city: ['default address city', 'city'],
  countryCode: ['default address country code', 'country code'],
  country: ['country'],
  acceptsEmail: ['accepts email marketing', 'accepts marketing'],
  acceptsSms: ['accepts sms marketing'],
  tags: ['tags'],
  note: ['note'],
};

function customerKey(id: string, email: string, phone: string): string | null {
  if (id) return id;
  if (email) return `email:${email.toLowerCase()}`;
  if (phone) return `phone:${phone.replace(/[^\d+]/g, '')}`;
  return null;
}

export async function parseShopifyCustomers(file: string, opts: ParseOptions): Promise<Staged> {
  const staged = emptyStaged(opts.limits);
  let map: ColumnMap = {};
  const seen = new Map<string, number>();
  const mangled: number[] = [];
  const onRow = (row: CsvRow) => {
    const id = stripGuard(cell(row, map, 'id'));
    const email = cell(row, map, 'email');
    const phone = stripGuard(cell(row, map, 'phone')) || stripGuard(cell(row, map, 'addressPhone'));
    if (isScientific(id) || isScientific(phone)) mangled.push(row.line);
    const key = customerKey(id, email, phone);
    if (!key) {
      staged.rejected.push({
        line: row.line,
        field: 'Customer ID',
        message: 'customer has no ID, e-mail or phone to be found by',
      });
      return;
    }
    const dup = seen.get(key);
    if (dup !== undefined) {
      staged.rejected.push({
        line: row.line,
        field: id ? 'Customer ID' : email ? 'Email' : 'Phone',
        message: `duplicate customer "${key}" (first on line ${dup}); this row was skipped`,
      });
      return;
    }
    seen.set(key, row.line);
    staged.customers.set(key, {
      externalId: key,
      firstName: cell(row, map, 'firstName') || null,
      lastName: cell(row, map, 'lastName') || null,
      email: email || null,
      phone: phone || null,
      city: cell(row, map, 'city') || null,
      country: cell(row, map, 'countryCode') || cell(row, map, 'country') || null,
      acceptsEmail: parseBool(cell(row, map, 'acceptsEmail')) ?? false,
      acceptsSms: parseBool(cell(row, map, 'acceptsSms')) ?? false,
      tags: cell(row, map, 'tags'),
      note: (row.cells[map.note ?? -1] ?? '').trim() || null,
      line: row.line,
    });
  };
  const res = await readCsv(
    file,
    { encoding: opts.encoding, signal: opts.signal, limits: opts.limits },
    (h) => {
      map = mapColumns(h.names, CUSTOMER_ALIASES);
      const guess = guessFormatFromHeader(h.names);
      if (guess !== 'shopify-customers')
        throw wrongFormat(
          'shopify-customers',
          'expected First Name, Email and Accepts Email Marketing columns',
          h.raw,
          guess,
        );
    },
    onRow,
  );
  staged.dataRows = res.dataRows;
  staged.warnings.push(...res.info.warnings, ...res.warnings);
  staged.rejected.push(...res.oversized);
  if (mangled.length)
    staged.warnings.push(
      `${mangled.length} ID/phone value(s) are in scientific notation (spreadsheet damage; lines ${mangled.slice(0, 5).join(', ')}); they were kept as written`,
    );
  return staged;
}

const ORDER_ALIASES: Record<string, string[]> = {
  name: ['name'],
  email: ['email'],
  financialStatus: ['financial status'],
  currency: ['currency'],
  subtotal: ['subtotal'],
  total: ['total'],
  createdAt: ['created at', 'processed at'],
  cancelledAt: ['cancelled at'],
  billingName: ['billing name'],
  lineName: ['lineitem name'],
  lineQty: ['lineitem quantity'],
  linePrice: ['lineitem price'],
  lineSku: ['lineitem sku'],
  location: ['location'],
};

interface OrderDraft {
  order: StagedOrder;
  rawDate: string;
  totalGiven: boolean;
}

export async function parseShopifyOrders(file: string, opts: ParseOptions): Promise<Staged> {
  const staged = emptyStaged(opts.limits);
  let map: ColumnMap = {};
  const drafts = new Map<string, OrderDraft>();
  let lastName = '';
  const onRow = (row: CsvRow) => {
    const name = cell(row, map, 'name');
    if (!name) {
      staged.rejected.push({ line: row.line, field: 'Name', message: 'row has no order Name' });
      return;
    }
    let d = drafts.get(name);
    if (d && name !== lastName) {
      staged.warnings.push(`line ${row.line}: order ${name} continues after other orders; rows were joined`);
    }
    lastName = name;
    if (!d) {
      const currency = cell(row, map, 'currency').toUpperCase() || opts.defaultCurrency;
      const totalRaw = cell(row, map, 'total');
      const email = cell(row, map, 'email');
      const cancelled = cell(row, map, 'cancelledAt');
      d = {
        order: {
          externalId: name,
          customerExternalId: email ? `email:${email.toLowerCase()}` : null,
          customerEmail: email || null,
          // POS orders name their Location (a store); online orders leave it empty
          storeId: cell(row, map, 'location') ? stageStore(staged, cell(row, map, 'location')) : null,
          placedAt: '',
          currency,
          subtotal: decimalToMinor(cell(row, map, 'subtotal'), currency),
          total: decimalToMinor(totalRaw, currency) ?? 0,
          status: cancelled ? 'cancelled' : cell(row, map, 'financialStatus').toLowerCase() || null,
          lines: [],
          line: row.line,
        },
        rawDate: cell(row, map, 'createdAt'),
        totalGiven: totalRaw !== '',
      };
      drafts.set(name, d);
      if (email && !staged.customers.has(`email:${email.toLowerCase()}`)) {
        const [first, ...rest] = cell(row, map, 'billingName').split(/\s+/);
        staged.customers.set(`email:${email.toLowerCase()}`, {
          externalId: `email:${email.toLowerCase()}`,
          firstName: first || null,
          lastName: rest.join(' ') || null,
          email,
          phone: null,
          city: null,
          country: null,
          acceptsEmail: false,
          acceptsSms: false,
          tags: '',
          note: null,
          line: row.line,
          fromOrder: true,
        });
      }
    } else if (!d.rawDate) d.rawDate = cell(row, map, 'createdAt');
    const lineName = cell(row, map, 'lineName');
    const qtyRaw = cell(row, map, 'lineQty');
    if (!lineName && !qtyRaw) return; // transaction, shipping-line or metafield row
    const qty = Number(qtyRaw || '1');
    if (!Number.isInteger(qty)) {
      staged.rejected.push({
        line: row.line,
        field: 'Lineitem quantity',
        message: `quantity "${qtyRaw}" is not a whole number`,
      });
      return;
    }
    const price = decimalToMinor(cell(row, map, 'linePrice'), d.order.currency);
    if (price === null) {
      staged.rejected.push({
        line: row.line,
        field: 'Lineitem price',
        message: `line item of ${name} has no readable price`,
      });
      return;
    }
    d.order.lines.push({
      sku: stripGuard(cell(row, map, 'lineSku')) || null,
      title: lineName || null,
      quantity: qty,
      unitPrice: price,
    });
  };
  const res = await readCsv(
    file,
    { encoding: opts.encoding, signal: opts.signal, limits: opts.limits },
    (h) => {
      map = mapColumns(h.names, ORDER_ALIASES);
      const guess = guessFormatFromHeader(h.names);
      if (guess !== 'shopify-orders' || map.name === undefined)
        throw wrongFormat('shopify-orders', 'expected Name and Lineitem columns', h.raw, guess);
    },
    onRow,
  );
  staged.dataRows = res.dataRows;
  staged.warnings.push(...res.info.warnings, ...res.warnings);
  staged.rejected.push(...res.oversized);

  // Day-first dates (an Excel re-save) are only recognisable across the whole file.
  const dayFirst = [...drafts.values()].some((d) => /^(1[3-9]|2\d|3[01])[/.]\d{1,2}[/.]\d{4}/.test(d.rawDate));
  if (dayFirst) staged.warnings.push('dates are written day-first (dd/mm/yyyy); read that way');
  for (const d of drafts.values()) {
    const placedAt = parseTimestamp(d.rawDate, { dayFirst });
    if (!placedAt) {
      staged.rejected.push({
        line: d.order.line,
        field: 'Created at',
        message: d.rawDate ? `unreadable date "${d.rawDate}"` : `order ${d.order.externalId} has no date`,
      });
      continue;
    }
    d.order.placedAt = placedAt;
    if (!d.totalGiven) d.order.total = d.order.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    staged.orders.set(d.order.externalId, d.order);
  }
  // Customers only exist to be linked from orders that survived.
  const used = new Set([...staged.orders.values()].map((o) => o.customerExternalId));
  for (const k of [...staged.customers.keys()]) if (!used.has(k)) staged.customers.delete(k);
  return staged;
}
