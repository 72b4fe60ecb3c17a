/**
 * A loopback HQ API (127.0.0.1, random port) for the sync tests, with injectable faults: 500s,
 * slow responses, truncated JSON, malformed pages, duplicated pages, token expiry (401) and 429
 * with Retry-After. Faults are a queue: each request takes the first fault whose entity matches.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type HqFault =
  | { kind: '500' | 'truncated' | 'malformed' | 'duplicate' | '401'; entity?: string }
  | { kind: 'slow'; entity?: string; delayMs: number }
  | { kind: '429'; entity?: string; retryAfter: number };

export interface HqServer {
  url: string;
  token: string;
  data: Record<string, unknown[]>;
  faults: HqFault[];
  /** "GET /v1/products?limit=2&cursor=2" … in order */
  requests: string[];
  /** events received, by idempotency key (a repeated key is stored once) */
  events: Map<string, unknown>;
  eventPosts: number;
  close(): Promise<void>;
}

export async function startHqServer(
  opts: { token?: string; data?: Record<string, unknown[]> } = {},
): Promise<HqServer> {
  const state: Omit<HqServer, 'url' | 'close'> = {
    token: opts.token ?? 'secret-token',
    data: opts.data ?? {},
    faults: [],
    requests: [],
    events: new Map(),
    eventPosts: 0,
  };
  const lastPage = new Map<string, string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on(
      'end',
      () =>
        void (async () => {
          const url = new URL(req.url ?? '/', 'http://x');
          state.requests.push(`${req.method} ${url.pathname}${url.search}`);
          const entity = url.pathname.split('/')[2] ?? '';
          const i = state.faults.findIndex((f) => !f.entity || f.entity === entity);
          const fault = i >= 0 ? state.faults.splice(i, 1)[0] : undefined;
          const send = (status: number, text: string, headers: Record<string, string> = {}) => {
            res.writeHead(status, { 'content-type': 'application/json', ...headers });
            res.end(text);
          };
          if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
          if (fault?.kind === '401' || req.headers.authorization !== `Bearer ${state.token}`)
            return send(401, '{"error":"token expired"}');
          if (fault?.kind === '500') return send(500, '{"error":"boom"}');
          if (fault?.kind === '429')
            return send(429, '{"error":"slow down"}', { 'retry-after': String(fault.retryAfter) });
          if (req.method === 'POST' && url.pathname === '/v1/events') {
            state.eventPosts++;
            const key = req.headers['idempotency-key'];
            if (typeof key !== 'string') return send(400, '{"error":"Idempotency-Key header required"}');
            if (!state.events.has(key)) state.events.set(key, JSON.parse(body));
            return send(202, '{"ok":true}');
          }
          const items = state.data[entity];
          if (req.method !== 'GET' || !items) return send(404, '{"error":"not found"}');
          // a duplicated page replays this entity's previous page; before there is one, the fault waits
          if (fault?.kind === 'duplicate') {
            const prev = lastPage.get(entity);
            if (prev) return send(200, prev);
            state.faults.unshift(fault);
          }
          const offset = Number(url.searchParams.get('cursor') ?? 0);
          const limit = Number(url.searchParams.get('limit') ?? 100);
          const page = JSON.stringify({
            items: items.slice(offset, offset + limit),
            nextCursor: offset + limit < items.length ? String(offset + limit) : null,
          });
          if (fault?.kind === 'truncated') return send(200, page.slice(0, Math.floor(page.length / 2)));
          if (fault?.kind === 'malformed')
            return send(200, JSON.stringify({ items: [{ nonsense: true }], nextCursor: null }));
          lastPage.set(entity, page);
          send(200, page);
        })(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
