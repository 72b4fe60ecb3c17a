/**
 * The loopback HTTP adapter: the same dispatcher as IPC, for browser mode and e2e tests.
 *   POST /rpc/<call name>  JSON body → Result JSON      (bearer token required)
 *   GET  /events           server-sent events            (bearer token required)
 *   GET  /images/<hash>    a feed picture's local copy (no token: an <img> cannot send one; the
 *                          pictures are the catalog's own, and Host/Origin are still checked)
 *   GET  /*                the built renderer, with the token handed to the page in a <meta> tag
 * Binds 127.0.0.1 only; requests naming another Host, or coming from another Origin, get 403;
 * /rpc and /events without the token get 401 before anything else is looked at.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch, CallContext } from '../app/dispatch';
import type { EventBus } from '../app/events';
import type { SessionStore } from '../app/sessions';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  sessions: SessionStore;
  /** folder of the built renderer (out/renderer); null = API only */
  rendererDir: string | null;
  port?: number;
  /** fixed token (tests); default: 32 random bytes */
  token?: string;
  maxBodyBytes?: number;
  onError?: (e: unknown) => void;
  /** the feed pictures kept in the data folder (ImageService.read) */
  images?: { read(hash: string): { bytes: Buffer; contentType: string } | null };
}

export interface HttpBridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function timingSafeEqualStr(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/**
 * One file of the built renderer (index.html for any unknown path, so hash routes load), with the
 * bridge token in a <meta> tag of the page. Shared by the loopback bridge and `aisle hq serve`.
 */
export function serveRenderer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rendererDir: string | null,
  pathname: string,
  token: string,
): void {
  if (!rendererDir)
    return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No app is served here.' } });
  const root = path.resolve(rendererDir);
  let file = path.resolve(root, '.' + decodeURIComponent(pathname));
  if (!file.startsWith(root))
    return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Forbidden.' } });
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file))
    return sendJson(res, 404, {
      ok: false,
      error: { code: 'NOT_FOUND', message: 'The app is not built: run npm run build.' },
    });
  const ext = path.extname(file);
  const headers: Record<string, string> = {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (ext === '.html') {
    const html = fs
      .readFileSync(file, 'utf8')
      .replace('</head>', `<meta name="aisle-bridge-token" content="${token}"></head>`);
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['cache-control'] = 'no-store';
    headers['x-frame-options'] = 'DENY';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  headers['cache-control'] = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const token = opts.token ?? crypto.randomBytes(32).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 5 * 1024 * 1024;
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const hasToken = (req: http.IncomingMessage) => {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    return !!m && timingSafeEqualStr(m[1]!, token);
  };
  const sameOrigin = (req: http.IncomingMessage) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    return origin === undefined || allowedOrigins().has(origin);
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) =>
    serveRenderer(req, res, opts.rendererDir, pathname, token);

  const serveImage = (req: http.IncomingMessage, res: http.ServerResponse, hash: string) => {
    const image = opts.images?.read(hash) ?? null;
    if (!image) {
      return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No such picture here.' } });
    }
    res.writeHead(200, {
      'content-type': image.contentType,
      'content-length': String(image.bytes.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      // content-addressed: the same address always holds the same bytes
      'cache-control': 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : image.bytes);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    const isApi = pathname.startsWith('/rpc/') || pathname === '/events';
    if (isApi && !hasToken(req)) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'A bearer token is required.' },
      });
    }
    if (!sameOrigin(req)) {
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Requests from another host or origin are refused.' },
      });
    }
    if (pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST')
        return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST.' } });
      const name = decodeURIComponent(pathname.slice('/rpc/'.length));
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) tooBig = true;
        else chunks.push(c);
      });
      // the body handler catches its own errors (dispatch failures become a 500), so nothing is left unhandled
      req.on(
        'end',
        () =>
          void (async () => {
            if (tooBig)
              return sendJson(res, 413, {
                ok: false,
                error: { code: 'VALIDATION', message: `The request body is larger than ${maxBody} bytes.` },
              });
            let input: unknown = {};
            const text = Buffer.concat(chunks).toString('utf8');
            if (text.trim()) {
              try {
                input = JSON.parse(text);
              } catch {
                return sendJson(res, 400, {
                  ok: false,
                  error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' },
                });
              }
            }
            const controller = new AbortController();
            res.on('close', () => {
              if (!res.writableFinished) controller.abort();
            });
            const sessionHeader = req.headers['x-aisle-session'];
            const ctx: CallContext = {
              actor: opts.sessions.resolve(typeof sessionHeader === 'string' ? sessionHeader : null),
              transport: 'http',
              events: opts.events,
              signal: controller.signal,
              sessionToken: typeof sessionHeader === 'string' ? sessionHeader : null,
            };
            try {
              const result = await opts.dispatch(name, input, ctx);
              sendJson(res, 200, result);
            } catch (e) {
              opts.onError?.(e);
              sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
            }
          })(),
      );
      return;
    }
    if (pathname === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        sseClients.delete(res);
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Method not allowed.' } });
    if (pathname.startsWith('/images/')) return serveImage(req, res, pathname.slice('/images/'.length));
    serveStatic(req, res, pathname);
  });

  const unsubscribe = opts.events.subscribe((event) => {
    const data = `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const client of sseClients) client.write(data);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const c of sseClients) c.end();
        sseClients.clear();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
