/**
 * Bounded reading of import files, shared by the sync importer (sync/input.ts) and the transactions
 * reader (recommender/data/transactions-file.ts). An import parses the whole file before it writes,
 * so a hostile file — a gzip that expands to gigabytes, one endless line, a FIFO or /dev/zero — must
 * be refused while reading, with a message that names the limit and how IT raises it, instead of
 * growing memory until Node gives up (issue #16).
 *
 * Limits are in bytes after gunzip (what the parsers see), except cells (characters, as parsed).
 * They come from `import.limits` in the configuration, AISLE_IMPORT_MAX_* variables, or
 * `aisle import --max-… ` flags (settings/config.ts, cli/commands/import.ts).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface InputLimits {
  /** bytes of file content after gunzip */
  maxBytes: number;
  /** bytes in one line (XML: in one tag or text run, i.e. between '<' and '>') */
  maxLineBytes: number;
  /** characters in one CSV cell or one XML field; a row with a bigger cell is rejected */
  maxCellChars: number;
  /** fields in one CSV row */
  maxColumns: number;
  /** rejected rows one import may list; past it the file is refused (a reject is kept in memory) */
  maxRejectedRows: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  // 2 GiB of text is ~20 M order lines or ~1 M GMC items: above any one store's export, below what
  // an in-memory parse of a laptop can hold.
  maxBytes: 2 * 1024 ** 3,
  // a Shopify product row with a long HTML body is ~100 KB; 16 MiB leaves room for a row whose
  // oversized cell is rejected on its own (maxCellChars) and stays cheap to buffer
  maxLineBytes: 16 * 1024 ** 2,
  maxCellChars: 1_000_000,
  // inventory exports have a column per location; thousands of locations are still under this
  maxColumns: 5_000,
  // a file with more bad rows than this is not a usable export, and every reject is held in memory
  // (about 0.5 KB each) until the report is written
  maxRejectedRows: 100_000,
};

/** Where each limit is set, for the messages that tell IT how to raise it. */
export const LIMIT_KNOBS: Record<keyof InputLimits, { key: string; env: string; flag: string; unit: string }> = {
  maxBytes: { key: 'import.limits.maxBytes', env: 'AISLE_IMPORT_MAX_BYTES', flag: '--max-bytes', unit: 'bytes' },
  maxLineBytes: {
    key: 'import.limits.maxLineBytes',
    env: 'AISLE_IMPORT_MAX_LINE_BYTES',
    flag: '--max-line-bytes',
    unit: 'bytes',
  },
  maxCellChars: {
    key: 'import.limits.maxCellChars',
    env: 'AISLE_IMPORT_MAX_CELL_CHARS',
    flag: '--max-cell-chars',
    unit: 'characters',
  },
  maxColumns: {
    key: 'import.limits.maxColumns',
    env: 'AISLE_IMPORT_MAX_COLUMNS',
    flag: '--max-columns',
    unit: 'columns',
  },
  maxRejectedRows: {
    key: 'import.limits.maxRejectedRows',
    env: 'AISLE_IMPORT_MAX_REJECTED_ROWS',
    flag: '--max-rejected-rows',
    unit: 'rejected rows',
  },
};

/** "2 GiB", "8 MiB", "1,000,000": sizes as people read them. */
function shown(limit: keyof InputLimits, n: number): string {
  const plain = `${n.toLocaleString('en')} ${LIMIT_KNOBS[limit].unit}`;
  if (LIMIT_KNOBS[limit].unit !== 'bytes') return plain;
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (n >= size) return `${plain} (${Math.round((n / size) * 10) / 10} ${unit})`;
  }
  return plain;
}

function raiseText(limit: keyof InputLimits): string {
  const k = LIMIT_KNOBS[limit];
  return `IT can raise it with ${k.flag}, ${k.env} or "${k.key}" in the configuration`;
}

/** "the limit is 1,000,000 characters; IT can raise it with …", after a message that gives the size found */
export function limitText(limit: keyof InputLimits, n: number): string {
  return `the limit is ${shown(limit, n)}; ${raiseText(limit)}`;
}

/** "the limit of 16,777,216 bytes (16 MiB); IT can raise it with …", after "longer than" */
function overText(limit: keyof InputLimits, n: number): string {
  return `the limit of ${shown(limit, n)}; ${raiseText(limit)}`;
}

/** A file refused for its kind or its size. The message never names the file: callers prefix it. */
export class InputRefusedError extends Error {
  constructor(
    message: string,
    readonly limit: keyof InputLimits | 'kind',
  ) {
    super(message);
    this.name = 'InputRefusedError';
  }
}

/** Accepts "5000000", "64M", "2GiB", "512k" (powers of 1024 for the suffixes). */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const pow = { '': 0, k: 1, m: 2, g: 3, t: 4 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const n = Math.floor(Number(m[1]) * 1024 ** pow);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function resolveLimits(partial?: Partial<InputLimits>): InputLimits {
  const out = { ...DEFAULT_INPUT_LIMITS };
  for (const k of Object.keys(out) as (keyof InputLimits)[]) {
    const v = partial?.[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Opens a file for reading, refusing anything but a regular file at once: a FIFO would block the
 * import until some writer appears, a device such as /dev/zero never ends. O_NONBLOCK makes the open
 * itself return for a FIFO; fstat on the opened descriptor closes the gap between a check and the open.
 */
export function openRegularFile(file: string): { fd: number; size: number } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputRefusedError('file not found', 'kind');
    throw new InputRefusedError(`cannot be read (${(e as Error).message})`, 'kind');
  }
  refuseKind(st);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputRefusedError(`cannot be opened (${(e as Error).message})`, 'kind');
  }
  const opened = fs.fstatSync(fd);
  if (!opened.isFile()) {
    fs.closeSync(fd);
    refuseKind(opened);
  }
  return { fd, size: opened.size };
}

function refuseKind(st: fs.Stats): void {
  if (st.isFile()) return;
  const kind = st.isDirectory()
    ? 'a folder'
    : st.isFIFO()
      ? 'a named pipe (FIFO)'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';
  throw new InputRefusedError(
    `is ${kind}, not a file: only regular files are imported (save the export to a file first)`,
    'kind',
  );
}

function readHead(fd: number, n: number): Buffer {
  const buf = Buffer.alloc(n);
  const got = fs.readSync(fd, buf, 0, n, 0);
  return buf.subarray(0, got);
}

export interface BoundedBytes {
  gzip: boolean;
  /** file content (gunzipped) in chunks; throws InputRefusedError when a limit is crossed */
  chunks: AsyncGenerator<Buffer>;
}

/**
 * The bytes of a regular file, gunzipped when it starts with gzip's magic bytes, counted against
 * maxBytes and (unless `lineBreaks` is 'none') checked for over-long lines as they stream by, so memory
 * stays at a few chunks whatever the file holds. `lineBreaks: 'xml'` treats '<' and '>' as breaks.
 */
export function openBoundedBytes(
  file: string,
  limits: InputLimits,
  opts: { signal?: AbortSignal; lineBreaks?: 'newline' | 'xml' | 'none' } = {},
): BoundedBytes {
  const { fd, size } = openRegularFile(file);
  let gzip: boolean;
  try {
    const magic = readHead(fd, 2);
    gzip = magic.length === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  if (!gzip && size > limits.maxBytes) {
    fs.closeSync(fd);
    throw new InputRefusedError(
      `is ${shown('maxBytes', size)} long, more than ${overText('maxBytes', limits.maxBytes)}`,
      'maxBytes',
    );
  }
  const lineGuard = opts.lineBreaks === 'none' ? null : createLineGuard(limits.maxLineBytes, opts.lineBreaks === 'xml');

  async function* chunks(): AsyncGenerator<Buffer> {
    const stream = fs.createReadStream('', { fd, highWaterMark: 256 * 1024, autoClose: true });
    const gunzip = gzip ? zlib.createGunzip({ chunkSize: 64 * 1024 }) : null;
    const source = gunzip ? stream.pipe(gunzip) : stream;
    if (gunzip) stream.on('error', (e) => gunzip.destroy(e));
    let total = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
        total += chunk.length;
        if (total > limits.maxBytes) {
          throw new InputRefusedError(
            `${gzip ? 'expands (gunzipped) to' : 'holds'} more than ${overText('maxBytes', limits.maxBytes)}`,
            'maxBytes',
          );
        }
        lineGuard?.(chunk);
        yield chunk;
      }
    } finally {
      // stop the gunzip at once: it would otherwise keep inflating into its buffers
      gunzip?.destroy();
      stream.destroy();
    }
  }
  return { gzip, chunks: chunks() };
}

/** A checker fed every chunk in order; throws when a line grows past `max` bytes. */
export function createLineGuard(max: number, xml: boolean): (chunk: Buffer) => void {
  let current = 0;
  let line = 1;
  const refuse = () =>
    new InputRefusedError(
      xml
        ? `has a tag or text near line ${line} longer than ${overText('maxLineBytes', max)}`
        : `line ${line} is longer than ${overText('maxLineBytes', max)}`,
      'maxLineBytes',
    );
  return (chunk) => {
    // Each separator's next position is looked up only once it has been passed, so a chunk is
    // scanned a constant number of times whatever mix of separators it holds.
    const seps = xml ? [0x0a, 0x3c, 0x3e] : [0x0a];
    const at = seps.map((b) => chunk.indexOf(b));
    let pos = 0;
    for (;;) {
      let next = -1;
      for (let s = 0; s < seps.length; s++) {
        if (at[s]! >= 0 && at[s]! < pos) at[s] = chunk.indexOf(seps[s]!, pos);
        if (at[s]! >= 0 && (next < 0 || at[s]! < next)) next = at[s]!;
      }
      const end = next < 0 ? chunk.length : next;
      current += end - pos;
      if (current > max) throw refuse();
      if (next < 0) return;
      // '<' and '>' end a run too in XML: one tag or one text node may not exceed the limit, while
      // a minified feed (one physical line) is fine.
      if (chunk[next] === 0x0a) line++;
      current = 0;
      pos = next + 1;
    }
  };
}

/**
 * The rejected rows of one parse: an array whose push refuses the file once it would hold more than
 * maxRejectedRows, so a file of millions of bad rows (a many-row gzip bomb of duplicates) cannot grow
 * memory without bound. Arrays derived from it (map, filter, slice) are plain arrays.
 */
export class BoundedRejects<T extends { line: number; field: string; message: string }> extends Array<T> {
  static get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  #max = DEFAULT_INPUT_LIMITS.maxRejectedRows;

  static bounded<T extends { line: number; field: string; message: string }>(max: number): BoundedRejects<T> {
    const list = new BoundedRejects<T>();
    list.#max = max;
    return list;
  }

  override push(...items: T[]): number {
    if (this.length + items.length > this.#max) {
      const first = this[0] ?? items[0]!;
      throw new InputRefusedError(
        `more than ${this.#max.toLocaleString('en')} rows were rejected (the first: line ${first.line}, ${first.field}: ${first.message}); ` +
          `this does not look like a usable export; ${limitText('maxRejectedRows', this.#max)}`,
        'maxRejectedRows',
      );
    }
    return super.push(...items);
  }
}

/** The message for a cell over maxCellChars (the row is rejected, the rest imported). */
export function cellTooLong(length: number, limits: InputLimits): string {
  return `cell is ${length.toLocaleString('en')} characters long; ${limitText('maxCellChars', limits.maxCellChars)}`;
}

/** The message for a row with more fields than maxColumns. */
export function tooManyColumns(count: number, limits: InputLimits): string {
  return `has ${count.toLocaleString('en')} fields; ${limitText('maxColumns', limits.maxColumns)}`;
}
