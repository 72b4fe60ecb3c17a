/**
 * Turning a file on disk into text, whatever the retailer's system wrote: gzip (recognised by its
 * magic bytes, not the name), UTF-8 with or without BOM, UTF-16 with BOM, windows-1252/latin-1
 * (taken when the start of the file is not valid UTF-8, or when the caller names the encoding).
 * Problems that make the whole file unreadable throw UnusableFileError, which the importer turns
 * into exit code 2 with nothing changed; so do files over the input limits and anything that is not
 * a regular file (shared/input-limits.ts).
 */
import iconv from 'iconv-lite';
import {
  DEFAULT_INPUT_LIMITS,
  InputRefusedError,
  openBoundedBytes,
  type BoundedBytes,
  type InputLimits,
} from '../shared/input-limits';

export class UnusableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableFileError';
  }
}

export interface TextInfo {
  encoding: string;
  gzip: boolean;
  bom: boolean;
  /** set when the encoding was guessed rather than read from a BOM or given */
  guessed: boolean;
  warnings: string[];
}

const SAMPLE_BYTES = 64 * 1024;

/** Limits and kind checks come back as UnusableFileError: exit 2, nothing changed. */
function unusable(e: unknown): unknown {
  return e instanceof InputRefusedError ? new UnusableFileError(e.message) : e;
}

async function* rawBytes(bytes: BoundedBytes): AsyncGenerator<Buffer> {
  try {
    yield* bytes.chunks;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (
      bytes.gzip &&
      (err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR' || /unexpected end/i.test(err.message))
    ) {
      throw new UnusableFileError(`the gzip data is damaged or truncated (${err.message})`);
    }
    throw unusable(e);
  }
}

function looksBinary(sample: Buffer): boolean {
  if (sample.length === 0) return false;
  let nul = 0;
  let control = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return nul > 0 || control / sample.length > 0.02;
}

/** The text of a file as string chunks; `info` is filled before the first chunk is yielded. */
export function openText(
  file: string,
  opts: { encoding?: string; signal?: AbortSignal; limits?: InputLimits; lineBreaks?: 'newline' | 'xml' | 'none' } = {},
): { info: TextInfo; chunks: AsyncGenerator<string> } {
  if (opts.encoding && !iconv.encodingExists(opts.encoding)) {
    throw new UnusableFileError(`unknown encoding "${opts.encoding}" (try utf-8, utf-16le, windows-1252, latin1)`);
  }
  let opened: BoundedBytes;
  try {
    opened = openBoundedBytes(file, opts.limits ?? DEFAULT_INPUT_LIMITS, {
      signal: opts.signal,
      lineBreaks: opts.lineBreaks,
    });
  } catch (e) {
    throw unusable(e);
  }
  const gzip = opened.gzip;
  const info: TextInfo = { encoding: 'utf-8', gzip, bom: false, guessed: false, warnings: [] };

  async function* chunks(): AsyncGenerator<string> {
    const bytes = rawBytes(opened);
    // Gather a sample so the encoding is decided once, on enough text to be sure.
    const head: Buffer[] = [];
    let headLen = 0;
    let done = false;
    while (headLen < SAMPLE_BYTES) {
      const next = await bytes.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(next.value);
      headLen += next.value.length;
    }
    let sample = Buffer.concat(head);
    let enc = opts.encoding?.toLowerCase();
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
      info.bom = true;
      enc ??= 'utf-8';
      sample = sample.subarray(3);
    } else if (sample[0] === 0xff && sample[1] === 0xfe) {
      info.bom = true;
      enc ??= 'utf-16le';
      sample = sample.subarray(2);
    } else if (sample[0] === 0xfe && sample[1] === 0xff) {
      info.bom = true;
      enc ??= 'utf-16be';
      sample = sample.subarray(2);
    }
    const utf16 = enc?.startsWith('utf-16') || enc?.startsWith('utf16') || enc === 'ucs2';
    if (!utf16 && looksBinary(sample)) {
      throw new UnusableFileError(
        `does not look like text (binary bytes near the start${gzip ? ' after gunzip' : ''}); expected a CSV, TSV or XML export`,
      );
    }
    if (!enc) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
        enc = 'utf-8';
      } catch {
        enc = 'windows-1252';
        info.guessed = true;
        info.warnings.push(
          'the file is not valid UTF-8; it was read as windows-1252 (pass --encoding to choose another)',
        );
      }
    }
    info.encoding = enc;

    if (enc === 'utf-8' || enc === 'utf8') {
      // A strict decoder: invalid bytes after the sample mean the guess was wrong, and importing
      // replacement characters into product names would be silent damage.
      const dec = new TextDecoder('utf-8', { fatal: true });
      let offset = 0;
      const decode = (b: Buffer, last: boolean): string => {
        try {
          return last ? dec.decode(b) : dec.decode(b, { stream: true });
        } catch {
          throw new UnusableFileError(
            `is not valid UTF-8 (bad bytes after byte ${offset}); pass --encoding windows-1252 (or the file's encoding)`,
          );
        } finally {
          offset += b.length;
        }
      };
      yield decode(sample, false);
      if (!done) for await (const b of bytes) yield decode(b, false);
      const tail = decode(Buffer.alloc(0), true);
      if (tail) yield tail;
    } else {
      const dec = iconv.getDecoder(enc, { stripBOM: true });
      const first = dec.write(sample);
      if (first) yield first;
      if (!done)
        for await (const b of bytes) {
          const s = dec.write(b);
          if (s) yield s;
        }
      const tail = dec.end();
      if (tail) yield tail;
    }
  }
  return { info, chunks: chunks() };
}

/** Reads at most `max` characters of a file's text (format sniffing). */
export async function peekText(
  file: string,
  encoding: string | undefined,
  max = 4096,
  limits?: InputLimits,
): Promise<string> {
  const { chunks } = openText(file, { encoding, limits, lineBreaks: 'none' });
  let text = '';
  try {
    for await (const c of chunks) {
      text += c;
      if (text.length >= max) break;
    }
  } finally {
    await chunks.return(undefined);
  }
  return text.slice(0, max);
}
