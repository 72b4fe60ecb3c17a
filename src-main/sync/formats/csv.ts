/**
 * Streaming delimited-text reading shared by every CSV/TSV format: csv-parse does RFC-4180 (quoted
 * delimiters and newlines, doubled quotes, CRLF/LF mixes); this wrapper adds delimiter detection,
 * the header, 1-based start line numbers for error messages, ragged-row warnings and the input limits
 * (shared/input-limits.ts): a cell over maxCellChars or a row over maxColumns rejects that row; a line
 * or a record over maxLineBytes, or a header over maxColumns, makes the file unusable.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { openText, UnusableFileError, type TextInfo } from '../input';
import {
  BoundedRejects,
  cellTooLong,
  DEFAULT_INPUT_LIMITS,
  InputRefusedError,
  limitText,
  tooManyColumns,
  type InputLimits,
} from '../../shared/input-limits';

export interface CsvRow {
  /** 1-based line on which the record starts */
  line: number;
  cells: string[];
  /** cell by normalized header name ("variant sku"), '' when absent */
  get(name: string): string;
  has(name: string): boolean;
}

export interface CsvHeader {
  raw: string[];
  /** normalized (lowercase, single spaces, trimmed) */
  names: string[];
  index: Map<string, number>;
  delimiter: string;
}

export const normalizeHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

export function detectDelimiter(firstLine: string): string {
  const candidates = ['\t', ',', ';', '|'];
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    let n = 0;
    let inQuote = false;
    for (const ch of firstLine) {
      if (ch === '"') inQuote = !inQuote;
      else if (ch === d && !inQuote) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export interface CsvReadResult {
  info: TextInfo;
  header: CsvHeader | null;
  dataRows: number;
  warnings: string[];
  oversized: { line: number; field: string; message: string }[];
}

/**
 * Reads a delimited file and calls onRow for every non-empty data row. Rows with an oversized cell
 * are not passed on; they come back in `oversized` so the caller can report them as rejected.
 */
export async function readCsv(
  file: string,
  opts: { encoding?: string; delimiter?: string; signal?: AbortSignal; limits?: InputLimits },
  onHeader: (h: CsvHeader) => void,
  onRow: (row: CsvRow) => void,
): Promise<CsvReadResult> {
  const limits = opts.limits ?? DEFAULT_INPUT_LIMITS;
  const { info, chunks } = openText(file, {
    encoding: opts.encoding,
    signal: opts.signal,
    limits,
    lineBreaks: 'newline',
  });
  const warnings: string[] = [];
  const oversized: CsvReadResult['oversized'] = BoundedRejects.bounded(limits.maxRejectedRows);
  let header: CsvHeader | null = null;
  let dataRows = 0;

  // Peek the first line for the delimiter, then hand the same text stream to csv-parse.
  const first = await chunks.next();
  const firstText = first.done ? '' : first.value;
  const delimiter = opts.delimiter ?? detectDelimiter(firstText.split(/\r?\n/, 1)[0] ?? '');
  async function* all(): AsyncGenerator<string> {
    if (firstText) yield firstText;
    yield* chunks;
  }
  let prevEnd = 0;
  let raggedCount = 0;
  let firstRagged = 0;
  const handle = (cells: string[]) => {
    // Line numbers without csv-parse's per-record `info` (which halves its speed): a record spans
    // one line plus the newlines quoted inside its cells.
    const line = prevEnd + 1;
    let span = 1;
    for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) span++;
    prevEnd += span;
    if (cells.length === 1 && cells[0] === '') return;
    if (!header) {
      if (cells.length > limits.maxColumns)
        throw new UnusableFileError(`the header on line ${line} ${tooManyColumns(cells.length, limits)}`);
      const names = cells.map(normalizeHeader);
      const index = new Map<string, number>();
      names.forEach((n, i) => {
        if (!index.has(n)) index.set(n, i);
      });
      header = { raw: cells, names, index, delimiter };
      onHeader(header);
      return;
    }
    if (cells.length !== header.names.length) {
      raggedCount++;
      if (!firstRagged) firstRagged = line;
    }
    if (cells.length > limits.maxColumns) {
      oversized.push({
        line,
        field: `column ${limits.maxColumns + 1}`,
        message: `row ${tooManyColumns(cells.length, limits)}`,
      });
      return;
    }
    const big = cells.findIndex((c) => c.length > limits.maxCellChars);
    if (big >= 0) {
      oversized.push({
        line,
        field: header.raw[big] ?? `column ${big + 1}`,
        message: cellTooLong(cells[big]!.length, limits),
      });
      return;
    }
    dataRows++;
    const h = header;
    onRow({
      line,
      cells,
      get: (name) => {
        const i = h.index.get(name);
        return i === undefined ? '' : (cells[i] ?? '');
      },
      has: (name) => h.index.has(name),
    });
  };
  try {
    // 'readable' + read() rather than for-await: one promise per record made parsing 5x slower.
    await new Promise<void>((resolve, reject) => {
      // max_record_size bounds a record that spans many short lines (an unclosed quote) the way the
      // line guard in openText bounds one long line
      const parser = parse({
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        bom: true,
        skip_empty_lines: false,
        max_record_size: Math.max(limits.maxLineBytes, limits.maxCellChars),
      });
      parser.on('readable', () => {
        let rec: string[] | null;
        try {
          while ((rec = parser.read() as string[] | null) !== null) handle(rec);
        } catch (e) {
          parser.destroy(e as Error);
        }
      });
      parser.on('error', reject);
      parser.on('end', () => resolve());
      const src = Readable.from(all());
      src.on('error', (e) => parser.destroy(e));
      src.pipe(parser);
    });
  } catch (e) {
    if (e instanceof UnusableFileError || e instanceof InputRefusedError) throw e;
    const err = e as Error & { code?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new UnusableFileError(
        `ends inside a quoted field that starts at or after line ${prevEnd + 1}: the file looks truncated`,
      );
    }
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      throw new UnusableFileError(
        `a record still open at line ${err.lines ?? prevEnd + 1} is longer than ${Math.max(limits.maxLineBytes, limits.maxCellChars).toLocaleString('en')} characters (an unclosed quote?); ${limitText('maxLineBytes', limits.maxLineBytes)}`,
      );
    }
    if (err.code?.startsWith('CSV_'))
      throw new UnusableFileError(`is not readable as CSV near line ${prevEnd + 1}: ${err.message}`);
    throw e;
  }
  if (raggedCount) {
    warnings.push(
      `${raggedCount} row(s) have a different number of fields than the header (first on line ${firstRagged}); they were padded or truncated`,
    );
  }
  return { info, header, dataRows, warnings, oversized };
}
