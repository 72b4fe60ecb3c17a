import { describe, expect, it } from 'vitest';
import { calls } from '../../../src-main/contract';
import { createHttpTransport } from '../../../src-renderer/src/api/http-transport';
import { createApiClient, CallError } from '../../../src-renderer/src/api/client';
import { SessionHolder } from '../../../src-renderer/src/api/session';
import { invalidatedBy } from '../../../src-renderer/src/api/hooks';

type Req = { url: string; init: RequestInit };

function fakeFetch(respond: (req: Req) => Response | Promise<Response>) {
  const seen: Req[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    const req = { url, init };
    seen.push(req);
    return respond(req);
  }) as unknown as typeof fetch;
  return { fn, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('HTTP transport (browser mode)', () => {
  it('POSTs /rpc/<name> with the bearer token and the signed-in session, and returns the data', async () => {
    const f = fakeFetch(() => json({ ok: true, data: { total: 0 } }));
    const session = new SessionHolder();
    session.set('sess-1');
    const api = createApiClient(createHttpTransport({ token: 'tok', fetchImpl: f.fn }), session);
    await expect(api.call('catalog.search', { query: 'jacket' })).resolves.toEqual({ total: 0 });
    const h = f.seen[0]!.init.headers as Record<string, string>;
    expect(f.seen[0]!.url).toBe('/rpc/catalog.search');
    expect(h.authorization).toBe('Bearer tok');
    expect(h['x-aisle-session']).toBe('sess-1');
    expect(JSON.parse(String(f.seen[0]!.init.body))).toEqual({ query: 'jacket' });
  });

  it('turns a refused call into a CallError with the service code and message', async () => {
    const f = fakeFetch(() =>
      json({ ok: false, error: { code: 'NOT_FOUND', message: 'Product 9 is not in the catalog.' } }),
    );
    const api = createApiClient(createHttpTransport({ token: 'tok', fetchImpl: f.fn }), new SessionHolder());
    const err = await api.call('catalog.product', { productId: 9 }).catch((e) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Product 9 is not in the catalog.',
      call: 'catalog.product',
    });
  });

  it('says Aisle is not answering when the bridge is down, and marks it unreachable', async () => {
    const f = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const t = createHttpTransport({ token: 'tok', fetchImpl: f.fn });
    const r = await t.invoke('app.status', {}, null);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(t.bridgeState()).toBe('unreachable');
  });

  it('without a token from the page it does not call at all and explains why', async () => {
    const f = fakeFetch(() => json({ ok: true, data: {} }));
    const r = await createHttpTransport({ token: null, fetchImpl: f.fn }).invoke('app.status', {}, null);
    expect(f.seen).toHaveLength(0);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('not opened through Aisle') },
    });
  });

  it('reads push events from /events and reconnects after the stream drops', async () => {
    let opened = 0;
    const f = fakeFetch(() => {
      opened++;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(`event: data.changed\ndata: {"calls":["catalog.search"]}\n\n`));
          c.close();
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const t = createHttpTransport({ token: 'tok', fetchImpl: f.fn, retryMinMs: 5, retryMaxMs: 5 });
    const got: unknown[] = [];
    const off = t.subscribe((e) => got.push(e));
    await new Promise((r) => setTimeout(r, 60));
    off();
    expect(opened).toBeGreaterThanOrEqual(2);
    expect(got[0]).toEqual({ name: 'data.changed', payload: { calls: ['catalog.search'] } });
    expect((f.seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });
});

describe('mutation invalidation comes from the contract', () => {
  it('lists exactly what each contract entry declares', () => {
    for (const name of Object.keys(calls) as (keyof typeof calls)[]) {
      expect(invalidatedBy(name)).toEqual(calls[name].invalidates);
    }
  });
});
