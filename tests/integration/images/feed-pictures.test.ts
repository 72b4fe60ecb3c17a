/**
 * Feed pictures offline: a GMC feed whose image links point at a loopback server is imported through
 * the app's scheduler; the pictures are copied into the data folder in the background, and after the
 * server is gone the app still serves them (bridge route /images/<hash>, outputs rewritten to it).
 * An oversize picture, an HTML page and an HTML page claiming to be a PNG are refused and logged.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src-main/app/services';
import { startBrowserMode } from '../../../src-main/server/serve';
import type { HttpBridge } from '../../../src-main/server/http';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { tempDir, testRuntime } from '../../support/runtime';

// an 8-byte PNG signature and a few bytes after it are all the sniffing needs
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-test-picture-a'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-test-picture-b')]);
const HTML = Buffer.from('<!doctype html><title>Sign in</title>');
const MAX_BYTES = 2048;

const routes: Record<string, { type: string; body: Buffer }> = {
  '/a.png': { type: 'image/png', body: PNG },
  '/b.jpg': { type: 'image/jpeg; charset=binary', body: JPEG },
  '/huge.jpg': { type: 'image/jpeg', body: Buffer.concat([JPEG, Buffer.alloc(MAX_BYTES * 4)]) },
  '/login.html': { type: 'text/html', body: HTML },
  '/fake.png': { type: 'image/png', body: HTML },
};

function pictureServer(): Promise<{ base: string; close: () => Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const r = routes[req.url ?? ''];
    if (!r) return void res.writeHead(404).end();
    // no Content-Length on the oversize one: the limit must hold while streaming, not only by header
    const headers: Record<string, string> = { 'content-type': r.type };
    if (req.url !== '/huge.jpg') headers['content-length'] = String(r.body.length);
    res.writeHead(200, headers);
    res.end(r.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        base,
        hits,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    }),
  );
}

function feed(dir: string, base: string): string {
  const rows = [
    ['id', 'title', 'price', 'item_group_id', 'size', 'image_link'],
    ['A-1', 'Alpine Shell', '120.00 GBP', 'A', 'M', `${base}/a.png`],
    ['A-2', 'Alpine Shell', '120.00 GBP', 'A', 'L', `${base}/a.png`],
    ['B-1', 'Base Tee', '20.00 GBP', 'B', 'M', `${base}/b.jpg`],
    ['C-1', 'Camp Fleece', '60.00 GBP', 'C', 'M', `${base}/huge.jpg`],
    ['D-1', 'Day Pack', '45.00 GBP', 'D', '', `${base}/login.html`],
    ['E-1', 'Easy Cap', '15.00 GBP', 'E', '', `${base}/fake.png`],
  ];
  const file = path.join(dir, 'feed.tsv');
  fs.writeFileSync(file, rows.map((r) => r.join('\t')).join('\n') + '\n');
  return file;
}

async function rpc<T>(bridge: HttpBridge, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${bridge.url}rpc/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T };
  expect(body.ok).toBe(true);
  return body.data;
}

let rt: AppRuntime | null = null;
let bridge: HttpBridge | null = null;
afterEach(async () => {
  await bridge?.close();
  rt?.close();
  bridge = null;
  rt = null;
});

describe('feed pictures', () => {
  it('are copied after an import and served with the picture host gone; bad ones are refused and logged', async () => {
    const dir = tempDir();
    const logDir = path.join(dir, 'logs');
    const server = await pictureServer();
    rt = testRuntime({
      dataDir: dir,
      logDir,
      images: { allowLoopbackHttp: true, maxBytes: MAX_BYTES, timeoutMs: 5000 },
    });
    const scheduler = createServices(rt).sync;
    scheduler.importFile({ format: 'gmc', path: feed(dir, server.base) });
    await scheduler.settle();
    // the scheduler started the copy on its own; joining it waits for the same run
    const run = await rt.images.fetchPending();
    expect(run).toEqual({ stored: 2, failed: 3 });
    // a.png is linked by two variants and the product but fetched and stored once
    expect(server.hits.filter((h) => h === '/a.png')).toHaveLength(1);
    await server.close();

    const stored = fs.readdirSync(path.join(dir, 'images')).sort();
    expect(stored).toHaveLength(2);

    bridge = await startBrowserMode(rt, { rendererDir: null });
    const search = await rpc<{ results: { title: string; imageUrl: string | null }[] }>(bridge, 'catalog.search', {
      q: '',
    });
    const byTitle = new Map(search.results.map((h) => [h.title, h.imageUrl]));
    expect(byTitle.get('Alpine Shell')).toMatch(/^images\/[0-9a-f]{64}$/);
    expect(byTitle.get('Base Tee')).toMatch(/^images\/[0-9a-f]{64}$/);
    // refused pictures give the placeholder, never the remote link
    expect(byTitle.get('Camp Fleece')).toBeNull();
    expect(byTitle.get('Day Pack')).toBeNull();
    expect(byTitle.get('Easy Cap')).toBeNull();

    const picture = await fetch(new URL(byTitle.get('Alpine Shell') ?? '', bridge.url));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await picture.arrayBuffer()).equals(PNG)).toBe(true);
    const tee = await fetch(new URL(byTitle.get('Base Tee') ?? '', bridge.url));
    expect(tee.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${bridge.url}images/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${bridge.url}images/..%2F..%2Faisle.db`)).status).toBe(404);

    const log = fs.readFileSync(path.join(logDir, 'aisle.log'), 'utf8');
    const refusals = log
      .split('\n')
      .filter((l) => l.includes('feed picture refused'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(refusals).toHaveLength(3);
    const reasons = refusals.map((r) => JSON.stringify(r)).join('\n');
    expect(reasons).toMatch(/larger than the 2048 byte limit/);
    expect(reasons).toMatch(/not an image \(Content-Type text\/html\)/);
    expect(reasons).toMatch(/not a JPEG, PNG, GIF, WebP or AVIF picture/);
    // the host names the supplier; paths and queries (which may carry tokens) stay out of the log
    expect(log).not.toContain('/huge.jpg');
    expect(log).toContain(new URL(server.base).host);
  });

  it('retries a failed link on later syncs, a few times, not forever', async () => {
    const dir = tempDir();
    const server = await pictureServer();
    rt = testRuntime({ dataDir: dir, images: { allowLoopbackHttp: true, maxBytes: MAX_BYTES, maxAttempts: 3 } });
    const scheduler = createServices(rt).sync;
    scheduler.importFile({ format: 'gmc', path: feed(dir, server.base) });
    await scheduler.settle();
    await rt.images.fetchPending();
    await server.close();
    const attempts = () =>
      rt?.adb.sqlite.prepare('SELECT attempts FROM images WHERE hash IS NULL ORDER BY url').pluck().all() as number[];
    expect(attempts()).toEqual([1, 1, 1]);
    expect(await rt.images.fetchPending()).toEqual({ stored: 0, failed: 3 });
    expect(await rt.images.fetchPending()).toEqual({ stored: 0, failed: 3 });
    expect(attempts()).toEqual([3, 3, 3]);
    expect(await rt.images.fetchPending()).toEqual({ stored: 0, failed: 0 });
  });

  it('stops when the app quits: nothing more is fetched or written', async () => {
    const dir = tempDir();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = http.createServer((_req, res) => {
      void held.then(() => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    rt = testRuntime({ dataDir: dir, images: { allowLoopbackHttp: true } });
    const scheduler = createServices(rt).sync;
    scheduler.importFile({ format: 'gmc', path: feed(dir, base) });
    await scheduler.settle();
    const running = rt.images.fetchPending();
    await rt.images.stop();
    release();
    expect(await running).toEqual({ stored: 0, failed: 0 });
    expect(rt.adb.sqlite.prepare('SELECT count(*) FROM images').pluck().get()).toBe(0);
    expect(await rt.images.fetchPending()).toEqual({ stored: 0, failed: 0 });
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  it('refuses plain http to other hosts and non-web links without a request', async () => {
    const { fetchImage } = await import('../../../src-main/images/fetch-image');
    const opts = { maxBytes: MAX_BYTES, timeoutMs: 1000, allowLoopbackHttp: true };
    expect(await fetchImage('http://cdn.example.com/a.png', opts)).toEqual({
      ok: false,
      reason: 'http links are not fetched (https only)',
    });
    expect(await fetchImage('file:///etc/passwd', opts)).toEqual({
      ok: false,
      reason: 'file links are not fetched (https only)',
    });
    const withoutTestOption = await fetchImage('http://127.0.0.1:9/a.png', { maxBytes: MAX_BYTES, timeoutMs: 1000 });
    expect(withoutTestOption).toEqual({ ok: false, reason: 'http links are not fetched (https only)' });
  });
});
