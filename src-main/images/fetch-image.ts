/**
 * Fetching one feed picture safely: https only (plain http only to a loopback host, and only when a
 * test asks for it), redirects followed by hand so each hop is checked, a time limit, a size limit
 * counted while streaming, a Content-Type of image/* and magic bytes that agree with a raster format
 * we show. SVG is refused: it can carry script and a product photo never needs it.
 */
export interface FetchImageOptions {
  maxBytes: number;
  timeoutMs: number;
  /** tests only: allow http:// to 127.0.0.1 / localhost / ::1 */
  allowLoopbackHttp?: boolean;
  signal?: AbortSignal;
}

export type FetchedImage = { ok: true; bytes: Buffer; contentType: string } | { ok: false; reason: string };

const MAX_REDIRECTS = 3;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The image format the first bytes show, or null when they are not one we display. */
export function sniffImageType(b: Uint8Array): string | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, j) => b[i + j] === x);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return 'image/avif';
  return null;
}

function refusedScheme(url: URL, allowLoopbackHttp: boolean): string | null {
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.has(url.hostname)) return null;
  return `${url.protocol.replace(':', '')} links are not fetched (https only)`;
}

export async function fetchImage(link: string, opts: FetchImageOptions): Promise<FetchedImage> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, reason: 'not a valid link' };
  }
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    for (let hop = 0; ; hop++) {
      const refused = refusedScheme(url, opts.allowLoopbackHttp ?? false);
      if (refused) return { ok: false, reason: refused };
      const accept = 'image/avif,image/webp,image/png,image/jpeg,image/gif';
      const res = await fetch(url, { redirect: 'manual', signal, headers: { accept } });
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
        url = new URL(res.headers.get('location') ?? '', url);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        return { ok: false, reason: `HTTP ${res.status}` };
      }
      const declared = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!declared.startsWith('image/')) {
        await res.body?.cancel();
        return { ok: false, reason: `not an image (Content-Type ${declared || 'missing'})` };
      }
      const length = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(length) && length > opts.maxBytes) {
        await res.body?.cancel();
        return { ok: false, reason: `larger than the ${opts.maxBytes} byte limit (${length} bytes declared)` };
      }
      const bytes = await readLimited(res, opts.maxBytes);
      if (!bytes) return { ok: false, reason: `larger than the ${opts.maxBytes} byte limit` };
      const sniffed = sniffImageType(bytes);
      if (!sniffed) {
        return { ok: false, reason: `content is not a JPEG, PNG, GIF, WebP or AVIF picture (declared ${declared})` };
      }
      return { ok: true, bytes, contentType: sniffed };
    }
  } catch (e) {
    if (timeout.aborted) return { ok: false, reason: `no answer within ${opts.timeoutMs} ms` };
    if (opts.signal?.aborted) return { ok: false, reason: 'cancelled' };
    return { ok: false, reason: `network error: ${(e as Error).message}` };
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is never read). */
async function readLimited(res: Response, maxBytes: number): Promise<Buffer | null> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (done || !value) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
