import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../../../src-main/server/serve';
import type { HttpBridge } from '../../../src-main/server/http';
import { testRuntime, tempDir } from '../../support/runtime';
import { loadCatalogFixture } from '../../support/catalog-fixture';
import type { AppRuntime } from '../../../src-main/app/runtime';

/** Raw requests, so Host and Origin can be set to what an attacker's page would send. */
function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('the loopback HTTP bridge', () => {
  let rt: AppRuntime;
  let bridge: HttpBridge;
  let host: string;
  beforeAll(async () => {
    rt = testRuntime({ storeId: 'S1' });
    loadCatalogFixture(rt);
    const renderer = tempDir();
    fs.writeFileSync(
      path.join(renderer, 'index.html'),
      '<!doctype html><html><head><title>Aisle</title></head><body></body></html>',
    );
    bridge = await startBrowserMode(rt, { rendererDir: renderer });
    host = `127.0.0.1:${bridge.port}`;
  });
  afterAll(async () => {
    await bridge.close();
    rt.close();
  });

  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(bridge.port).toBeGreaterThan(0);
  });

  it('serves the app page with the token in it and a strict CSP', async () => {
    const r = await request(bridge.port, { path: '/', headers: { host } });
    expect(r.status).toBe(200);
    expect(r.body).toContain(`<meta name="aisle-bridge-token" content="${bridge.token}">`);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers /rpc without the token with 401, before looking at anything else', async () => {
    const attempts: Record<string, string>[] = [
      { host },
      { host: 'evil.example:80', origin: 'http://evil.example' },
      { host, authorization: 'Bearer wrong' },
    ];
    for (const headers of attempts) {
      const r = await request(bridge.port, {
        method: 'POST',
        path: '/rpc/catalog.search',
        headers,
        body: '{"query":"jacket"}',
      });
      expect(r.status).toBe(401);
    }
    const unknown = await request(bridge.port, { method: 'POST', path: '/rpc/not.a.call', headers: { host } });
    expect(unknown.status).toBe(401);
  });

  it('answers /events without the token with 401', async () => {
    const r = await request(bridge.port, { path: '/events', headers: { host } });
    expect(r.status).toBe(401);
  });

  it('refuses another Origin or Host with 403 even with the token', async () => {
    const auth = { authorization: `Bearer ${bridge.token}` };
    const fromOtherOrigin = await request(bridge.port, {
      method: 'POST',
      path: '/rpc/app.status',
      headers: { ...auth, host, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(fromOtherOrigin.status).toBe(403);
    const reboundHost = await request(bridge.port, {
      method: 'POST',
      path: '/rpc/app.status',
      headers: { ...auth, host: `evil.example:${bridge.port}` },
      body: '{}',
    });
    expect(reboundHost.status).toBe(403);
    const page = await request(bridge.port, { path: '/', headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('runs a contract call with the token and returns the dispatcher result', async () => {
    const r = await request(bridge.port, {
      method: 'POST',
      path: '/rpc/catalog.search',
      headers: {
        host,
        origin: `http://${host}`,
        authorization: `Bearer ${bridge.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query: 'boot', size: ['UK 7'] }),
    });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.data.results.map((p: { title: string }) => p.title)).toEqual(['Trailhead Hiking Boot']);
  });

  it('reports bad JSON and invalid input clearly', async () => {
    const headers = { host, authorization: `Bearer ${bridge.token}` };
    const bad = await request(bridge.port, { method: 'POST', path: '/rpc/catalog.search', headers, body: '{"query":' });
    expect(bad.status).toBe(400);
    const invalid = await request(bridge.port, {
      method: 'POST',
      path: '/rpc/catalog.product',
      headers,
      body: '{"productId":"seven"}',
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('streams events to a client holding the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: '/events',
          headers: { host, authorization: `Bearer ${bridge.token}` },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buf = '';
          res.on('data', (c) => {
            buf += c;
            if (buf.includes('event: data.changed')) {
              req.destroy();
              resolve(buf);
            }
          });
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    rt.events.emit('data.changed', { calls: ['catalog.search'] });
    const text = await received;
    expect(text).toContain('data: {"calls":["catalog.search"]}');
  });

  it('does not serve files outside the app folder', async () => {
    const r = await request(bridge.port, { path: '/../../../../etc/passwd', headers: { host } });
    expect(r.body).not.toContain('root:');
  });
});
