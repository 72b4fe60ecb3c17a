/**
 * `aisle hq serve`: one Node HTTP process for every laptop of the chain, speaking the HQ API of
 * README.md ("The HQ API"), plus /health and the managers' endpoints. Bounded everywhere: request
 * bodies (1 MB, 413 past it), page sizes (≤ 5000), header/request/keep-alive timeouts, a pool of
 * database connections with a statement timeout. Logs are JSON lines with method, path, status,
 * duration and device id — never bodies, tokens or customer data.
 *
 * With a built renderer (`out/renderer`) it also serves the app in HQ mode for managers: GET of any
 * other path is the app, `POST /rpc/<call>` answers the contract calls of `app-calls.ts` for the
 * manager whose session (X-Aisle-Session, from hq.signIn) the page sends, and `/events` is an idle
 * event stream (HQ pushes nothing yet). The page's bridge token is not a secret here — the page is
 * served to anyone who can reach HQ; a manager session is what opens data.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appliedHqMigrations, hqMigrationTags, type HqDatabase } from './db';
import { deviceForToken, touchDevice, type AuthenticatedDevice } from './devices';
import { EventRejected, ingestEvent, MAX_EVENT_BYTES } from './events';
import {
  currentChangeSeq,
  FeedRequestError,
  HQ_FEEDS,
  parseCursor,
  parseLimit,
  readFeedText,
  type HqFeed,
} from './feeds';
import { managerForToken, signInManager, type Manager } from './managers';
import { getConsultation, listConsultations, storeKpis } from './review';
import { createDispatcher, type CallContext } from '../app/dispatch';
import { EventBus } from '../app/events';
import { serveRenderer } from '../server/http';
import { hqAppHandlers } from './app-calls';

export type HqLog = (entry: Record<string, unknown>) => void;

export interface HqServerOptions {
  port?: number;
  host?: string;
  log?: HqLog;
  requestTimeoutMs?: number;
  /** folder of the built renderer (out/renderer) to serve in HQ mode; null/absent = API only */
  rendererDir?: string | null;
}

/** The token HQ puts in the page: the renderer's HTTP transport needs one; HQ checks sessions instead. */
export const HQ_PAGE_TOKEN = 'hq';
const MAX_RPC_BYTES = 64 * 1024;

export interface RunningHqServer {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return reject(new HttpError(413, `request body over ${max} bytes`));
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, `request body over ${max} bytes`));
        req.destroy();
        return;
      }
      parts.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(parts).toString('utf8') || 'null'));
      } catch {
        reject(new HttpError(400, 'the request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

const bearer = (req: http.IncomingMessage): string | null => {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
};

export async function startHqService(hdb: HqDatabase, opts: HqServerOptions = {}): Promise<RunningHqServer> {
  const log: HqLog = opts.log ?? (() => undefined);
  const bus = new EventBus();
  const lastTouch = new Map<string, number>();

  async function device(req: http.IncomingMessage): Promise<AuthenticatedDevice> {
    const token = bearer(req);
    const d = token ? await deviceForToken(hdb, token) : null;
    if (!d)
      throw new HttpError(
        401,
        'token missing, wrong or revoked: enrol this laptop with `aisle hq device add` and set the token it prints',
      );
    const now = Date.now();
    // last-seen is for doctor and IT; once a minute per device is plenty and spares a write per page
    if ((lastTouch.get(d.id) ?? 0) < now - 60_000) {
      lastTouch.set(d.id, now);
      await touchDevice(hdb, d.id);
    }
    return d;
  }

  async function manager(req: http.IncomingMessage): Promise<Manager> {
    const token = bearer(req);
    if (!token) throw new HttpError(401, 'sign in first (POST /v1/manager/sign-in)');
    const m = await managerForToken(hdb, token);
    if (m) return m;
    if (await deviceForToken(hdb, token)) throw new HttpError(403, 'a laptop token cannot read manager endpoints');
    throw new HttpError(401, 'session expired or unknown: sign in again');
  }

  async function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    ctx: { device?: string },
  ): Promise<void> {
    const p = url.pathname;
    if (req.method === 'GET' && p === '/health') {
      const [applied, seq] = await Promise.all([appliedHqMigrations(hdb), currentChangeSeq(hdb)]);
      const shipped = hqMigrationTags().length;
      const ok = applied === shipped;
      return send(res, ok ? 200 : 503, {
        status: ok ? 'ok' : 'migrations-pending',
        database: 'reachable',
        migrations: { applied: applied ?? 0, shipped },
        changeSeq: seq,
      });
    }
    const feed = /^\/v1\/([a-z]+)$/.exec(p)?.[1];
    if (req.method === 'GET' && feed && (HQ_FEEDS as readonly string[]).includes(feed)) {
      const d = await device(req);
      ctx.device = d.id;
      const cursor = parseCursor(url.searchParams.get('cursor'));
      const limit = parseLimit(url.searchParams.get('limit'));
      // the page's JSON is built by PostgreSQL (feeds.ts readFeedText): sent as it comes
      const text = await readFeedText(hdb, feed as HqFeed, d, cursor, limit);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': String(Buffer.byteLength(text)),
      });
      res.end(text);
      return;
    }
    if (req.method === 'POST' && p === '/v1/events') {
      const d = await device(req);
      ctx.device = d.id;
      const body = await readBody(req, MAX_EVENT_BYTES);
      const key = req.headers['idempotency-key'];
      const r = await ingestEvent(hdb, d, body, typeof key === 'string' ? key : undefined);
      return send(res, r.duplicate ? 200 : 201, r);
    }
    if (req.method === 'POST' && p === '/v1/manager/sign-in') {
      const body = (await readBody(req, 16 * 1024)) as { manager?: unknown; password?: unknown } | null;
      if (typeof body?.manager !== 'string' || typeof body?.password !== 'string')
        throw new HttpError(400, 'send {"manager": id, "password": …}');
      const s = await signInManager(hdb, body.manager, body.password);
      if (!s) throw new HttpError(401, 'wrong manager id or password');
      return send(res, 200, s);
    }
    if (p.startsWith('/v1/manager/') && req.method === 'GET') {
      const m = await manager(req);
      const from = url.searchParams.get('from') ?? undefined;
      const to = url.searchParams.get('to') ?? undefined;
      if (p === '/v1/manager/me') return send(res, 200, m);
      if (p === '/v1/manager/kpis') return send(res, 200, { stores: await storeKpis(hdb, m, { from, to }) });
      if (p === '/v1/manager/consultations') {
        const storeId = url.searchParams.get('store') ?? undefined;
        return send(res, 200, {
          items: await listConsultations(hdb, m, {
            from,
            to,
            storeId,
            limit: Number(url.searchParams.get('limit') ?? 100),
          }),
        });
      }
      const id = /^\/v1\/manager\/consultations\/([^/]+)$/.exec(p)?.[1];
      if (id) {
        const c = await getConsultation(hdb, m, decodeURIComponent(id));
        if (!c)
          throw new HttpError(404, `no consultation ${decodeURIComponent(id).slice(0, 80)} in the stores you can see`);
        return send(res, 200, c);
      }
    }
    if (p.startsWith('/rpc/')) {
      if (req.method !== 'POST') throw new HttpError(405, 'use POST');
      const input = await readBody(req, MAX_RPC_BYTES);
      const session = req.headers['x-aisle-session'];
      const sessionToken = typeof session === 'string' && session ? session : null;
      const m = sessionToken ? await managerForToken(hdb, sessionToken) : null;
      const ctx: CallContext = {
        actor: m ? { associateId: m.id, name: m.name, role: 'manager' } : null,
        transport: 'hq',
        events: bus,
        sessionToken,
      };
      const dispatch = createDispatcher(hqAppHandlers(hdb, m), {
        onInternalError: (name, e) =>
          log({ level: 'error', msg: 'call failed', call: name, error: (e as Error).message }),
      });
      return send(res, 200, await dispatch(decodeURIComponent(p.slice('/rpc/'.length)), input ?? {}, ctx));
    }
    if (p === '/events' && req.method === 'GET') {
      // HQ has no push events yet; an open, idle stream keeps the page's connection state "connected"
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => clearInterval(ping));
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && !p.startsWith('/v1/') && opts.rendererDir) {
      return serveRenderer(req, res, opts.rendererDir, p, HQ_PAGE_TOKEN);
    }
    throw new HttpError(404, `no ${req.method} ${p}`);
  }

  const server = http.createServer((req, res) => {
    const t0 = Date.now();
    const url = new URL(req.url ?? '/', 'http://hq');
    const ctx: { device?: string } = {};
    route(req, res, url, ctx)
      .catch((e: unknown) => {
        const status =
          e instanceof HttpError
            ? e.status
            : e instanceof EventRejected
              ? e.status
              : e instanceof FeedRequestError
                ? 400
                : 500;
        if (status === 500)
          log({
            level: 'error',
            msg: 'request failed',
            method: req.method,
            path: url.pathname,
            error: (e as Error).message,
          });
        if (!res.headersSent)
          send(res, status, {
            error:
              status === 500
                ? 'HQ could not answer (database unavailable or an internal error); retry later'
                : (e as Error).message,
          });
        else res.destroy();
      })
      .finally(() => {
        log({
          level: 'info',
          msg: 'request',
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms: Date.now() - t0,
          device: ctx.device ?? null,
        });
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = opts.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
