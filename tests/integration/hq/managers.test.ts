/**
 * Managers at HQ read the consultations laptops pushed: a regional manager compares every store,
 * a store manager sees only their own; laptop tokens and bad passwords get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../../../src-main/hq/devices';
import { addManager } from '../../../src-main/hq/managers';
import { startHqService, type RunningHqServer } from '../../../src-main/hq/server';
import { createTestHqDatabase, type TestHqDatabase } from '../../support/hq-postgres';

let pg: TestHqDatabase;
let hq: RunningHqServer;

async function pushConsultation(
  token: string,
  storeId: string,
  id: string,
  outcome: string,
  basketValue: number | null,
) {
  const res = await fetch(`${hq.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': id },
    body: JSON.stringify({
      kind: 'consultation',
      idempotencyKey: id,
      createdAt: '2030-05-01T10:00:00Z',
      payload: {
        storeId,
        consultation: { id, storeId, outcome, basketValue, currency: 'GBP', associateId: 'ana' },
        bought: [],
        suggestions: [{ sku: 'SS-M', rank: 1, bought: outcome === 'purchased' }],
      },
    }),
  });
  expect(res.status).toBe(201);
}

async function signIn(manager: string, password: string) {
  const res = await fetch(`${hq.url}/v1/manager/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ manager, password }),
  });
  return { status: res.status, body: (await res.json()) as { token?: string; error?: string } };
}

const get = async (token: string, p: string) => {
  const res = await fetch(`${hq.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  pg = await createTestHqDatabase();
  hq = await startHqService(pg.hdb);
  await pg.hdb.pool.query(
    `INSERT INTO stores (id, name) VALUES ('leeds', 'Leeds'), ('york', 'York'), ('hull', 'Hull')`,
  );
  const leeds = (await addDevice(pg.hdb, { storeId: 'leeds', name: 'Leeds till' })).token;
  const york = (await addDevice(pg.hdb, { storeId: 'york', name: 'York till' })).token;
  await pushConsultation(leeds, 'leeds', 'c-l1', 'purchased', 15000);
  await pushConsultation(leeds, 'leeds', 'c-l2', 'no_purchase', null);
  await pushConsultation(york, 'york', 'c-y1', 'purchased', 6000);
  await addManager(pg.hdb, { id: 'rita', name: 'Rita Regional', role: 'regional_manager', password: 'north-east-1' });
  await addManager(pg.hdb, {
    id: 'lee',
    name: 'Lee Leeds',
    role: 'store_manager',
    storeId: 'leeds',
    password: 'leeds-store-1',
  });
});
afterAll(async () => {
  await hq?.close();
  await pg?.drop();
});

describe('chain-wide Review data at HQ', () => {
  it('a regional manager compares every store’s KPIs and opens a consultation pushed from a laptop', async () => {
    const { body } = await signIn('rita', 'north-east-1');
    const kpis = await get(body.token!, '/v1/manager/kpis');
    expect(kpis.body.stores).toEqual([
      {
        storeId: 'hull',
        storeName: 'Hull',
        consultations: 0,
        purchased: 0,
        conversion: 0,
        basketValue: null,
        currency: null,
      },
      {
        storeId: 'leeds',
        storeName: 'Leeds',
        consultations: 2,
        purchased: 1,
        conversion: 0.5,
        basketValue: 15000,
        currency: 'GBP',
      },
      {
        storeId: 'york',
        storeName: 'York',
        consultations: 1,
        purchased: 1,
        conversion: 1,
        basketValue: 6000,
        currency: 'GBP',
      },
    ]);
    const one = await get(body.token!, '/v1/manager/consultations/c-y1');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: 'c-y1',
      storeId: 'york',
      consultation: { outcome: 'purchased' },
      suggestions: [{ sku: 'SS-M', bought: true }],
    });
  });

  it('a store manager sees only their own store', async () => {
    const { body } = await signIn('lee', 'leeds-store-1');
    const kpis = await get(body.token!, '/v1/manager/kpis');
    expect((kpis.body.stores as { storeId: string }[]).map((s) => s.storeId)).toEqual(['leeds']);
    const list = await get(body.token!, '/v1/manager/consultations');
    expect((list.body.items as { id: string }[]).map((c) => c.id).sort()).toEqual(['c-l1', 'c-l2']);
    expect((await get(body.token!, '/v1/manager/consultations/c-y1')).status).toBe(404);
  });

  it('KPIs count a consultation sent twice once, ignore a basket value that is not a number, and honour the date range', async () => {
    const york = (await addDevice(pg.hdb, { storeId: 'york', name: 'York till 2' })).token;
    await pushConsultation(york, 'york', 'c-y2', 'purchased', 'lots' as unknown as number);
    const again = await fetch(`${hq.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${york}`, 'content-type': 'application/json', 'idempotency-key': 'c-y2' },
      body: JSON.stringify({
        kind: 'consultation',
        idempotencyKey: 'c-y2',
        createdAt: '2030-05-01T10:00:00Z',
        payload: { storeId: 'york', consultation: { id: 'c-y2', outcome: 'purchased' } },
      }),
    });
    expect(again.status).toBe(200);
    const { body } = await signIn('rita', 'north-east-1');
    const kpis = (await get(body.token!, '/v1/manager/kpis')).body.stores as {
      storeId: string;
      consultations: number;
      purchased: number;
      basketValue: number | null;
    }[];
    expect(kpis.find((k) => k.storeId === 'york')).toMatchObject({ consultations: 2, purchased: 2, basketValue: 6000 });
    const before = (await get(body.token!, '/v1/manager/kpis?to=2030-05-01T00:00:00Z')).body.stores as {
      consultations: number;
    }[];
    expect(before.every((k) => k.consultations === 0)).toBe(true);
    const during = (await get(body.token!, '/v1/manager/kpis?from=2030-05-01T00:00:00Z&to=2030-05-02T00:00:00Z')).body
      .stores as { consultations: number }[];
    expect(during.reduce((a, k) => a + k.consultations, 0)).toBe(4);
  });

  it('a wrong password or an unknown session gets 401', async () => {
    expect((await signIn('rita', 'wrong-password')).status).toBe(401);
    expect((await signIn('nobody', 'north-east-1')).status).toBe(401);
    expect((await get('aisle_mgr_made-up', '/v1/manager/kpis')).status).toBe(401);
  });
});
