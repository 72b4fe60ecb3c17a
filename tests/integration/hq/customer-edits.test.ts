/**
 * Customer edits from two laptops meeting at HQ: per field, the edit with the latest timestamp of
 * its own wins, whatever order they arrive in; notes are all kept; an HQ import counts as an
 * edit at its own time for the fields it changes. Bad events are refused naming the field, and
 * nothing of them is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../../../src-main/hq/devices';
import { importAtHq } from '../../../src-main/hq/import';
import { startHqService, type RunningHqServer } from '../../../src-main/hq/server';
import { writeShopifyCustomers } from '../../support/hq-chain';
import { createTestHqDatabase, type TestHqDatabase } from '../../support/hq-postgres';
import { tempDir } from '../../support/runtime';

let pg: TestHqDatabase;
let hq: RunningHqServer;
let tokenA: string;
let tokenB: string;
let seq = 0;

async function push(token: string, kind: string, payload: Record<string, unknown>) {
  const key = `k-${++seq}`;
  const res = await fetch(`${hq.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ kind, idempotencyKey: key, createdAt: new Date().toISOString(), payload }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function customerFeed(token: string, cursor = 0) {
  const res = await fetch(`${hq.url}/v1/customers?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { items: Record<string, unknown>[]; nextCursor: string | null };
}

beforeAll(async () => {
  pg = await createTestHqDatabase();
  hq = await startHqService(pg.hdb);
  await pg.hdb.pool.query(`INSERT INTO stores (id, name) VALUES ('leeds', 'Leeds'), ('york', 'York')`);
  const r = await importAtHq(pg.hdb, {
    format: 'shopify-customers',
    file: writeShopifyCustomers(tempDir(), [
      { id: '7', first: 'Ayumu', last: 'Tanaka', email: 'a@example.com', note: 'VIP' },
    ]),
  });
  expect(r.status).toBe('succeeded');
  tokenA = (await addDevice(pg.hdb, { storeId: 'leeds', name: 'A' })).token;
  tokenB = (await addDevice(pg.hdb, { storeId: 'york', name: 'B' })).token;
});
afterAll(async () => {
  await hq?.close();
  await pg?.drop();
});

describe('customer edits at HQ', () => {
  it('consent: the later edit wins per field even when it arrives first; the customer comes back out once per change', async () => {
    const before = Number((await customerFeed(tokenA)).nextCursor);
    // B's edit (10:05) reaches HQ before A's older edit (10:00) of the same field
    expect(
      (
        await push(tokenB, 'customer.consent', {
          customerExternalId: '7',
          acceptsEmail: false,
          at: '2030-01-01T10:05:00Z',
        })
      ).body,
    ).toMatchObject({ stored: true, applied: true });
    const late = await push(tokenA, 'customer.consent', {
      customerExternalId: '7',
      acceptsEmail: true,
      acceptsSms: true,
      at: '2030-01-01T10:00:00Z',
    });
    // A's SMS value is the newest for that field; its e-mail value is older than B's and loses
    expect(late.body).toMatchObject({ stored: true, applied: true });
    const page = await customerFeed(tokenA, before);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ externalId: '7', acceptsEmail: false, acceptsSms: true });
    const stale = await push(tokenA, 'customer.consent', {
      customerExternalId: '7',
      acceptsEmail: true,
      at: '2030-01-01T09:00:00Z',
    });
    expect(stale.body).toMatchObject({ stored: true, applied: false, reason: expect.stringMatching(/later values/) });
    expect((await customerFeed(tokenA, Number(page.nextCursor))).items).toHaveLength(0);
  });

  it('confirmed sizes: one value per kind and scope, the latest confirmation wins; both laptops see it', async () => {
    await push(tokenA, 'customer.preference', {
      customerExternalId: '7',
      kind: 'size',
      scope: 'jackets',
      value: 'M',
      confirmedBy: 'ana',
      at: '2030-02-01T10:00:00Z',
    });
    await push(tokenB, 'customer.preference', {
      customerExternalId: '7',
      kind: 'size',
      scope: 'jackets',
      value: 'L',
      confirmedBy: 'sam',
      at: '2030-02-02T10:00:00Z',
    });
    const older = await push(tokenA, 'customer.preference', {
      customerExternalId: '7',
      kind: 'size',
      scope: 'jackets',
      value: 'S',
      confirmedBy: 'ana',
      at: '2030-01-15T10:00:00Z',
    });
    expect(older.body.applied).toBe(false);
    for (const t of [tokenA, tokenB]) {
      const c = (await customerFeed(t)).items[0]!;
      expect(c.preferences).toEqual([
        { kind: 'size', scope: 'jackets', value: 'L', at: '2030-02-02T10:00:00.000Z', confirmedBy: 'sam' },
      ]);
    }
  });

  it('notes from both laptops are all kept; each laptop gets the other’s, after the note from the retailer’s export', async () => {
    await push(tokenA, 'customer.note', {
      customerExternalId: '7',
      body: 'Walks the West Highland Way in June',
      author: 'ana',
      at: '2030-03-01T10:00:00Z',
    });
    await push(tokenB, 'customer.note', {
      customerExternalId: '7',
      body: 'Wide feet: try the 2E boots',
      author: 'sam',
      at: '2030-03-02T10:00:00Z',
    });
    expect((await customerFeed(tokenA)).items[0]!.note).toBe('VIP\n\nWide feet: try the 2E boots — sam, 2030-03-02');
    expect((await customerFeed(tokenB)).items[0]!.note).toBe(
      'VIP\n\nWalks the West Highland Way in June — ana, 2030-03-01',
    );
  });

  it('feed pages built as JSON by PostgreSQL say exactly what the Node-built pages say', async () => {
    const { readFeed, readFeedText } = await import('../../../src-main/hq/feeds');
    const rows = (await pg.hdb.pool.query(`SELECT id, store_id FROM devices WHERE name = 'B'`)).rows;
    const device = rows[0] as { id: string; store_id: string };
    const d = { id: device.id, storeId: device.store_id };
    for (const feed of ['products', 'variants', 'inventory', 'customers', 'orders'] as const) {
      const text = await readFeedText(pg.hdb, feed, d, 0, 100);
      expect(JSON.parse(text), feed).toEqual(await readFeed(pg.hdb, feed, d, 0, 100));
    }
    const customers = JSON.parse(await readFeedText(pg.hdb, 'customers', d, 0, 100)) as {
      items: Record<string, unknown>[];
    };
    expect(customers.items[0]).toMatchObject({
      externalId: '7',
      note: expect.stringContaining('— ana, 2030-03-01'),
      preferences: [expect.objectContaining({ value: 'L' })],
    });
  });

  it('an edit for a customer HQ does not know is kept but not applied, and doctor counts it', async () => {
    const r = await push(tokenA, 'customer.note', {
      customerExternalId: 'nobody',
      body: 'x',
      at: '2030-03-01T10:00:00Z',
    });
    expect(r.body).toMatchObject({
      stored: true,
      applied: false,
      reason: expect.stringMatching(/customer nobody is not known at HQ/),
    });
    const { runHqDoctor } = await import('../../../src-main/hq/doctor');
    const doc = await runHqDoctor(pg.url);
    expect(doc.checks.find((c) => c.name === 'events')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/1 customer edit\(s\) waiting for a customer HQ does not know/),
    });
  });

  it('refuses malformed events naming the field, storing nothing', async () => {
    const count = async () => Number((await pg.hdb.pool.query('SELECT count(*) FROM events')).rows[0].count);
    const n = await count();
    const noAt = await push(tokenA, 'customer.consent', { customerExternalId: '7', acceptsEmail: true });
    expect(noAt.status).toBe(400);
    expect(noAt.body.error).toMatch(/customer.consent payload: field at/);
    const res = await fetch(`${hq.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', 'idempotency-key': 'one' },
      body: JSON.stringify({
        kind: 'consultation',
        idempotencyKey: 'two',
        createdAt: '2030-01-01T00:00:00Z',
        payload: {},
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /Idempotency-Key header \(one\) and the body's idempotencyKey differ/,
    );
    const notJson = await fetch(`${hq.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'idempotency-key': 'x' },
      body: '{"kind":',
    });
    expect(notJson.status).toBe(400);
    expect(await count()).toBe(n);
  });
});
