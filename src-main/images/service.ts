/**
 * Feed pictures kept on this laptop. After a sync, `fetchPending()` copies every new image link of
 * the catalog into `<data folder>/images/<sha-256>` (a few at a time, in the background); `present()`
 * then rewrites each `imageUrl` of a call's output to that local copy (`images/<hash>`, served by the
 * loopback bridge and by the Electron protocol handler through `read()`), or to null — the renderer's
 * placeholder — while there is none. So the renderer never loads a remote host and works offline.
 * A failed link is logged (host and reason only) and tried again on later syncs, `maxAttempts` times.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../app/logger';
import { nowIso } from '../shared/time';
import { fetchImage } from './fetch-image';
import { imageQueries, type ImageQueries } from './queries';

export interface ImageServiceOptions {
  maxBytes?: number;
  timeoutMs?: number;
  concurrency?: number;
  /** failures per link before it is left alone (each sync tries once) */
  maxAttempts?: number;
  /** tests only: fetch http:// from a loopback server */
  allowLoopbackHttp?: boolean;
}

export interface FetchRunResult {
  stored: number;
  failed: number;
}

const HASH = /^[0-9a-f]{64}$/;
/** where a local copy is found, relative to the page (the bridge root, or the renderer folder in Electron) */
export const LOCAL_IMAGE_PREFIX = 'images/';

export class ImageService {
  private readonly q: ImageQueries;
  private readonly dir: string;
  private readonly opts: Required<ImageServiceOptions>;
  private localByUrl: Map<string, string> | null = null;
  private running: Promise<FetchRunResult> | null = null;
  /** aborted by stop(): the app quits, nothing more is fetched or written */
  private readonly stopped = new AbortController();

  constructor(
    sqlite: Database.Database,
    dataDir: string,
    private readonly logger: Logger,
    opts: ImageServiceOptions = {},
  ) {
    this.q = imageQueries(sqlite);
    this.dir = path.join(dataDir, 'images');
    this.opts = {
      maxBytes: opts.maxBytes ?? 5 * 1024 * 1024,
      timeoutMs: opts.timeoutMs ?? 15_000,
      concurrency: opts.concurrency ?? 4,
      maxAttempts: opts.maxAttempts ?? 3,
      allowLoopbackHttp: opts.allowLoopbackHttp ?? false,
    };
  }

  /** Copies the links still missing; one run at a time (a second call joins the running one). */
  fetchPending(signal?: AbortSignal): Promise<FetchRunResult> {
    if (this.stopped.signal.aborted) return Promise.resolve({ stored: 0, failed: 0 });
    const both = signal ? AbortSignal.any([signal, this.stopped.signal]) : this.stopped.signal;
    this.running ??= this.fetchAll(both).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops fetching (before the database closes) and waits for the running copy to let go. */
  async stop(): Promise<void> {
    this.stopped.abort();
    await this.running?.catch(() => undefined);
  }

  private async fetchAll(signal: AbortSignal): Promise<FetchRunResult> {
    const result: FetchRunResult = { stored: 0, failed: 0 };
    const queue = this.q.pendingUrls(this.opts.maxAttempts, 10_000);
    if (!queue.length) return result;
    fs.mkdirSync(this.dir, { recursive: true });
    const worker = async () => {
      for (let url = queue.shift(); url !== undefined && !signal.aborted; url = queue.shift()) {
        const outcome = await this.fetchOne(url, signal);
        if (outcome !== 'stopped') result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: this.opts.concurrency }, worker));
    if (!signal.aborted) this.logger.info('feed pictures fetched', { stored: result.stored, failed: result.failed });
    return result;
  }

  private async fetchOne(url: string, signal: AbortSignal): Promise<'stored' | 'failed' | 'stopped'> {
    const got = await fetchImage(url, { ...this.opts, signal });
    // stopped (the app quits): neither a success nor a failure to count against the link
    if (signal.aborted) return 'stopped';
    if (!got.ok) {
      this.q.recordFailure(url, got.reason, nowIso());
      // the host says which supplier to ask; the path and query may carry tokens, so they stay out
      this.logger.warn('feed picture refused', { host: hostOf(url), reason: got.reason });
      return 'failed';
    }
    const hash = crypto.createHash('sha256').update(got.bytes).digest('hex');
    const file = path.join(this.dir, hash);
    if (!fs.existsSync(file)) {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, got.bytes);
      fs.renameSync(tmp, file);
    }
    this.q.recordSuccess(url, hash, got.contentType, got.bytes.length, nowIso());
    this.map().set(url, hash);
    return 'stored';
  }

  private map(): Map<string, string> {
    if (!this.localByUrl) this.localByUrl = new Map(this.q.allStored().map((r) => [r.url, r.hash]));
    return this.localByUrl;
  }

  /** The page-relative address of a link's local copy; data: pictures pass; anything else → null. */
  localUrl(link: string | null): string | null {
    if (!link) return null;
    if (link.startsWith('data:image/')) return link;
    const hash = this.map().get(link);
    return hash ? LOCAL_IMAGE_PREFIX + hash : null;
  }

  /** A stored picture by its hash, for the bridge route and the Electron protocol; null when unknown. */
  read(hash: string): { bytes: Buffer; contentType: string } | null {
    if (!HASH.test(hash)) return null;
    const row = this.q.byHash(hash);
    if (!row) return null;
    try {
      return { bytes: fs.readFileSync(path.join(this.dir, hash)), contentType: row.contentType };
    } catch {
      return null;
    }
  }

  /**
   * A copy of a call's output with every `imageUrl` (any depth) turned into its local copy or null.
   * A copy, because handlers may keep their results (caches) and must not see them rewritten.
   */
  present<T>(value: T): T {
    return this.rewrite(value, 0) as T;
  }

  private rewrite(value: unknown, depth: number): unknown {
    if (depth > 12 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'imageUrl' && (typeof v === 'string' || v === null)) out[k] = this.localUrl(v);
      else out[k] = this.rewrite(v, depth + 1);
    }
    return out;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid link)';
  }
}
