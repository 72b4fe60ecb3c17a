/**
 * Streaming reader for purchase-history files — the one parser shared by `aisle eval` (recommender)
 * and the sync `transactions` importer. No database code lives here on purpose: callers decide what
 * to do with the clean rows (build baskets in memory, or upsert orders/order_lines).
 *
 * Two layouts are recognised by their header:
 * - canonical: `customer_id,item_id,timestamp,basket_id,quantity,price` (basket_id, quantity, price
 *   optional; basket_id defaults to customer + calendar day);
 * - UCI "Online Retail" (`InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country`),
 *   mapped as CustomerID, StockCode (upper-cased), InvoiceDate, InvoiceNo, Quantity, UnitPrice, Description
 *   → title, and cleaned in the exact order of research/recommender.md §3.1 so row counts match the protocol.
 *
 * Gzip is detected by its magic bytes, not the file name. Bytes come through shared/input-limits.ts:
 * regular files only, bounded bytes after gunzip and line length (limits from the caller). Use:
 *   const r = openTransactionsFile(path);
 *   for await (const row of r.rows()) { ... }
 *   r.stats   // rows read, kept, dropped per rule
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  DEFAULT_INPUT_LIMITS,
  InputRefusedError,
  limitText,
  openBoundedBytes,
  type InputLimits,
} from '../../shared/input-limits';

export type TransactionsFormat = 'canonical' | 'uci-online-retail';

export interface TransactionRow {
  customerId: string;
  itemId: string;
  /** as written in the file (ISO 8601 or "YYYY-MM-DD HH:MM:SS"); `day` is its first 10 characters */
  timestamp: string;
  /** YYYY-MM-DD, the calendar day as recorded (shop-local), used for customer+day baskets */
  day: string;
  basketId: string;
  quantity: number | null;
  /** unit price as written (major units, e.g. 2.55), null when the file has none */
  price: number | null;
  title: string | null;
  /** 1-based line number in the file (header = line 1), for error messages */
  line: number;
}

/** Why rows were dropped; the UCI rules are named after recommender.md §3.1. */
export interface TransactionsStats {
  format: TransactionsFormat | null;
  rowsRead: number;
  rowsKept: number;
  dropped: Record<string, number>;
}

export class TransactionsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    message: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}${field ? ` (${field})` : ''}: ${message}`);
    this.name = 'TransactionsFileError';
  }
}

const UCI_COLUMNS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'];
const CANONICAL_REQUIRED = ['customer_id', 'item_id', 'timestamp'];
const DAY_RE = /^\d{4}-\d{2}-\d{2}/;
const PRODUCT_CODE_RE = /^[0-9]{5}/;

export function detectFormat(header: string[]): TransactionsFormat | null {
  const h = header.map((c) => c.trim());
  if (UCI_COLUMNS.every((c) => h.includes(c))) return 'uci-online-retail';
  const lower = h.map((c) => c.toLowerCase());
  if (CANONICAL_REQUIRED.every((c) => lower.includes(c))) return 'canonical';
  return null;
}

/** Gunzipped bytes within the input limits; a FIFO, a device or a bomb is refused (shared/input-limits.ts). */
function byteStream(file: string, limits: InputLimits): Readable {
  return Readable.from(openBoundedBytes(file, limits).chunks, { objectMode: false });
}

function optionalNumber(v: string | undefined, file: string, line: number, field: string): number | null {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new TransactionsFileError(file, line, field, `"${v}" is not a number`);
  return n;
}

export interface OpenedTransactionsFile {
  file: string;
  stats: TransactionsStats;
  rows(): AsyncGenerator<TransactionRow>;
}

/**
 * Opens a transactions file for streaming. Structural problems (unknown header, unreadable
 * timestamp in the canonical layout, broken CSV quoting) throw TransactionsFileError naming the
 * file, line and field; rows the protocol cleans away are counted in `stats.dropped`, not thrown.
 */
export function openTransactionsFile(file: string, opts: { limits?: InputLimits } = {}): OpenedTransactionsFile {
  if (!fs.existsSync(file)) throw new TransactionsFileError(file, null, null, 'file not found');
  const limits = opts.limits ?? DEFAULT_INPUT_LIMITS;
  const stats: TransactionsStats = { format: null, rowsRead: 0, rowsKept: 0, dropped: {} };
  const drop = (rule: string) => (stats.dropped[rule] = (stats.dropped[rule] ?? 0) + 1);

  async function* rows(): AsyncGenerator<TransactionRow> {
    // `info: true` per record doubles the parse time; the parser's running counter is enough.
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: Math.max(limits.maxLineBytes, limits.maxCellChars),
    });
    let bytes: Readable;
    try {
      bytes = byteStream(file, limits);
    } catch (e) {
      if (e instanceof InputRefusedError) throw new TransactionsFileError(file, null, null, e.message);
      throw e;
    }
    bytes.on('error', (e) => parser.destroy(e)).pipe(parser);
    let col: Record<string, number> | null = null;
    let format: TransactionsFormat | null = null;
    try {
      for await (const rec of parser as AsyncIterable<string[]>) {
        const r = rec;
        const line = parser.info.lines;
        if (!col) {
          format = detectFormat(r);
          if (!format)
            throw new TransactionsFileError(
              file,
              line,
              null,
              `unrecognised header "${r.join(',')}": expected customer_id,item_id,timestamp[,basket_id,quantity,price] or the UCI Online Retail columns`,
            );
          stats.format = format;
          col = {};
          r.forEach((name, i) => (col![format === 'canonical' ? name.trim().toLowerCase() : name.trim()] = i));
          continue;
        }
        stats.rowsRead++;
        const get = (name: string): string | undefined => {
          const i = col![name];
          return i === undefined ? undefined : r[i];
        };
        if (format === 'uci-online-retail') {
          // Order matters: the protocol's published drop counts depend on it (recommender.md §3.1).
          const customer = (get('CustomerID') ?? '').trim();
          if (customer === '') {
            drop('missing_customer');
            continue;
          }
          const invoice = (get('InvoiceNo') ?? '').trim();
          if (invoice.startsWith('C')) {
            drop('cancellation');
            continue;
          }
          const quantity = Number(get('Quantity'));
          const price = Number(get('UnitPrice'));
          if (!(quantity > 0) || !(price > 0)) {
            drop('non_positive_quantity_or_price');
            continue;
          }
          const code = (get('StockCode') ?? '').trim().toUpperCase();
          if (!PRODUCT_CODE_RE.test(code)) {
            drop('non_product_code');
            continue;
          }
          const ts = (get('InvoiceDate') ?? '').trim();
          if (!DAY_RE.test(ts))
            throw new TransactionsFileError(file, line, 'InvoiceDate', `"${ts}" is not a YYYY-MM-DD timestamp`);
          stats.rowsKept++;
          yield {
            customerId: customer,
            itemId: code,
            timestamp: ts,
            day: ts.slice(0, 10),
            basketId: invoice,
            quantity,
            price,
            title: (get('Description') ?? '').trim() || null,
            line,
          };
        } else {
          const customer = (get('customer_id') ?? '').trim();
          const item = (get('item_id') ?? '').trim();
          const ts = (get('timestamp') ?? '').trim();
          if (customer === '') {
            drop('missing_customer');
            continue;
          }
          if (item === '') {
            drop('missing_item');
            continue;
          }
          if (!DAY_RE.test(ts) || Number.isNaN(Date.parse(ts.length === 10 ? ts : ts.replace(' ', 'T'))))
            throw new TransactionsFileError(file, line, 'timestamp', `"${ts}" is not an ISO 8601 date or timestamp`);
          const quantity = optionalNumber(get('quantity'), file, line, 'quantity');
          const price = optionalNumber(get('price'), file, line, 'price');
          if (quantity !== null && quantity <= 0) {
            drop('non_positive_quantity');
            continue;
          }
          const day = ts.slice(0, 10);
          const basket = (get('basket_id') ?? '').trim() || `${customer}|${day}`;
          stats.rowsKept++;
          yield {
            customerId: customer,
            itemId: item,
            timestamp: ts,
            day,
            basketId: basket,
            quantity,
            price,
            title: null,
            line,
          };
        }
      }
    } catch (e) {
      if (e instanceof TransactionsFileError) throw e;
      if (e instanceof InputRefusedError) throw new TransactionsFileError(file, null, null, e.message);
      const err = e as Error & { lines?: number; code?: string };
      if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR')
        throw new TransactionsFileError(file, null, null, `not a valid gzip file (${err.message})`);
      if (err.code === 'CSV_MAX_RECORD_SIZE')
        throw new TransactionsFileError(
          file,
          err.lines ?? null,
          null,
          `a record is too long (an unclosed quote?); ${limitText('maxLineBytes', limits.maxLineBytes)}`,
        );
      throw new TransactionsFileError(file, err.lines ?? null, null, `unreadable CSV: ${err.message}`);
    }
    if (!col) throw new TransactionsFileError(file, null, null, 'the file is empty (no header line)');
  }

  return { file, stats, rows };
}

/** Reads the whole file into memory (fine for the ~400k-row UCI file: ~1-2 s). */
export async function readTransactionsFile(
  file: string,
  opts: { limits?: InputLimits } = {},
): Promise<{ rows: TransactionRow[]; stats: TransactionsStats }> {
  const f = openTransactionsFile(file, opts);
  const rows: TransactionRow[] = [];
  for await (const r of f.rows()) rows.push(r);
  return { rows, stats: f.stats };
}
