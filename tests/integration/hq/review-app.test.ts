/**
 * Chain-wide Review as the HQ app asks for it (POST /rpc/<call>, the renderer's own contract calls)
 * on a real PostgreSQL: a Leeds laptop consults through its own copilot and pushes the record with
 * the transcript Replay needs (contact details masked); managers see it by role — regional all
 * stores, a store manager their own only — and everything else is refused with a clear answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, callOrThrow, type CallContext } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { addDevice } from '../../../src-main/hq/devices';
import { importAtHq } from '../../../src-main/hq/import';
import { addManager } from '../../../src-main/hq/managers';
import { startHqService, type RunningHqServer } from '../../../src-main/hq/server';
import { createTestHqDatabase, type TestHqDatabase } from '../../support/hq-postgres';
import {
  laptop,
  writeShopifyCustomers,
  writeShopifyInventory,
  writeShopifyProducts,
  type Laptop,
  type ProductSpec,
} from '../../support/hq-chain';
import { tempDir } from '../../support/runtime';

const PRODUCTS: ProductSpec[] = [
  {
    handle: 'storm-shell',
    title: 'Storm Shell Jacket',
    sizes: [
      { sku: 'SS-M', size: 'M', price: '150.00' },
      { sku: 'SS-L', size: 'L', price: '150.00' },
    ],
  },
  { handle: 'trail-fleece', title: 'Trail Fleece', sizes: [{ sku: 'TF-M', size: 'M', price: '60.00' }] },
];

let pg: TestHqDatabase;
let hq: RunningHqServer;
let leeds: Laptop;
let yorkToken: string;
let consultationId: string;
/** cards the copilot showed on the laptop */
let shownCards: number;

type Wire = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };
async function rpc(name: string, input: unknown, session?: string): Promise<Wire> {
  const res = await fetch(`${hq.url}/rpc/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer hq',
      ...(session ? { 'x-aisle-session': session } : {}),
    },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Wire;
}
async function data(name: string, input: unknown, session: string): Promise<Record<string, unknown>> {
  const r = await rpc(name, input, session);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
async function signIn(managerId: string, password: string): Promise<string> {
  return String((await data('hq.signIn', { managerId, password }, '')).sessionToken);
}
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  pg = await createTestHqDatabase();
  hq = await startHqService(pg.hdb);
  const files = tempDir('aisle-hq-review-');
  await importAtHq(pg.hdb, { format: 'shopify-products', file: writeShopifyProducts(files, PRODUCTS) });
  const stock = PRODUCTS.flatMap((p) =>
    p.sizes.flatMap((s) =>
      ['Leeds', 'York'].map((location) => ({ handle: p.handle, sku: s.sku, location, available: 4 })),
    ),
  );
  await importAtHq(pg.hdb, { format: 'shopify-inventory', file: writeShopifyInventory(files, stock) });
  await importAtHq(pg.hdb, {
    format: 'shopify-customers',
    file: writeShopifyCustomers(files, [{ id: '9001', first: 'Ana', last: 'Kowalska', email: 'ana.k@example.com' }]),
  });
  const leedsToken = (await addDevice(pg.hdb, { storeId: 'leeds', name: 'Leeds till 1' })).token;
  yorkToken = (await addDevice(pg.hdb, { storeId: 'york', name: 'York till 1' })).token;
  await addManager(pg.hdb, { id: 'rita', name: 'Rita Okafor', role: 'regional_manager', password: 'north-region-1' });
  await addManager(pg.hdb, {
    id: 'yan',
    name: 'Yan York',
    role: 'store_manager',
    storeId: 'york',
    password: 'york-store-1',
  });
  leeds = laptop({ storeId: 'leeds', hqUrl: () => hq.url, token: leedsToken });
  expect((await leeds.sync()).status).toBe('succeeded');

  // The laptop's consultation, through its own calls: a known customer, a copilot turn, a card shortlisted, bought.
  const dispatch = createDispatcher(createHandlers(createServices(leeds.rt)));
  const ctx: CallContext = { actor: null, transport: 'test', events: leeds.rt.events };
  const customerId = leeds.count("SELECT id FROM customers WHERE external_id = '9001'");
  const started = await callOrThrow(dispatch, 'consultation.start', { customerId }, ctx);
  consultationId = started.id;
  const turn = await callOrThrow(
    dispatch,
    'copilot.send',
    { consultationId, message: 'A waterproof jacket, send it to ana.k@example.com or +44 7700 900123' },
    ctx,
  );
  shownCards = turn.suggestions.length;
  const card = turn.suggestions.find((s) => s.sku === 'SS-M');
  expect(card, JSON.stringify(turn.suggestions)).toBeDefined();
  await callOrThrow(
    dispatch,
    'consultation.suggestionAction',
    { consultationId, suggestionId: card?.suggestionId ?? 0, action: 'shortlisted' },
    ctx,
  );
  await callOrThrow(
    dispatch,
    'consultation.end',
    { consultationId, outcome: 'purchased', bought: [{ sku: 'SS-M', quantity: 1 }], satisfaction: 5 },
    ctx,
  );
  expect((await leeds.sync()).status).toBe('succeeded');

  const york = await fetch(`${hq.url}/v1/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${yorkToken}`,
      'content-type': 'application/json',
      'idempotency-key': 'c-york-1',
    },
    // an older laptop's record: a summary, no transcript
    body: JSON.stringify({
      kind: 'consultation',
      idempotencyKey: 'c-york-1',
      createdAt: new Date().toISOString(),
      payload: {
        storeId: 'york',
        consultation: {
          id: 'c-york-1',
          associateId: 'sam',
          startedAt: new Date(Date.now() - 600_000).toISOString(),
          endedAt: new Date().toISOString(),
          outcome: 'no_purchase',
          turns: 0,
        },
      },
    }),
  });
  expect(york.status).toBe(201);
});

afterAll(async () => {
  leeds?.close();
  await hq?.close();
  await pg?.drop();
});

describe('Review in HQ mode', () => {
  it('a pushed consultation carries what Replay needs, and no contact details', async () => {
    const stored = await pg.hdb.pool.query(`SELECT payload FROM events WHERE idempotency_key = $1`, [consultationId]);
    const payload = stored.rows[0].payload as {
      transcript: { messages: { role: string; content: string }[]; suggestions: Record<string, unknown>[] };
    };
    expect(payload.transcript.messages.map((m) => m.role)).toEqual(['associate', 'assistant']);
    expect(payload.transcript.messages[0]?.content).toBe(
      'A waterproof jacket, send it to [email removed] or [phone removed]',
    );
    expect(payload.transcript.suggestions).toContainEqual(
      expect.objectContaining({
        sku: 'SS-M',
        title: 'Storm Shell Jacket',
        price: 15000,
        currency: 'GBP',
        grounded: true,
        shortlisted: true,
        bought: true,
      }),
    );
    const text = JSON.stringify(payload);
    for (const secret of ['ana.k@example.com', 'example.com', '7700 900123', 'Kowalska', '"memory"', 'customerContext'])
      expect(text).not.toContain(secret);
    expect(text).toContain('"customerLabel":"Ana K."');
  });

  it('a regional manager lists, replays and compares every store; a store manager sees their own only', async () => {
    const rita = await signIn('rita', 'north-region-1');
    const status = await data('app.status', {}, rita);
    expect(status).toMatchObject({
      mode: 'hq',
      stores: [
        { id: 'leeds', name: 'Leeds' },
        { id: 'york', name: 'York' },
      ],
    });
    const list = await data('review.list', { from: today(), to: today() }, rita);
    expect(list.total).toBe(2);
    const rows = list.rows as Record<string, unknown>[];
    expect(rows.find((r) => r.id === consultationId)).toMatchObject({
      storeId: 'leeds',
      outcome: 'purchased',
      basketValue: 15000,
      satisfaction: 5,
      suggestionsShown: shownCards,
      suggestionsAccepted: 1,
      engines: ['local'],
      customer: { name: 'Ana K.' },
      transcriptPurged: false,
    });
    expect((await data('review.list', { storeIds: ['york'] }, rita)).total).toBe(1);
    expect((await data('review.list', { q: 'waterproof jacket' }, rita)).total).toBe(1);

    const replay = await data('review.replay', { consultationId }, rita);
    const timeline = replay.timeline as {
      kind: string;
      role?: string;
      content?: string;
      suggestions?: { sku: string; title: string; fate: string }[];
    }[];
    const reply = timeline.find((t) => t.kind === 'message' && t.role === 'assistant');
    expect(reply?.suggestions).toContainEqual(
      expect.objectContaining({ sku: 'SS-M', title: 'Storm Shell Jacket', fate: 'bought' }),
    );
    expect(timeline.filter((t) => t.kind === 'event').map((t) => (t as { type?: string }).type)).toEqual(
      expect.arrayContaining(['start', 'suggestion.shortlisted', 'end']),
    );
    expect(replay.canCoach).toBe(false);
    // an older laptop's record replays as its figures, without a transcript
    const old = await data('review.replay', { consultationId: 'c-york-1' }, rita);
    expect(old).toMatchObject({ consultation: { transcriptPurged: true, outcome: 'no_purchase' }, timeline: [] });

    const compare = await data('hq.compare', { from: today(), to: today() }, rita);
    expect(compare.stores).toEqual([
      expect.objectContaining({
        storeId: 'leeds',
        consultations: 1,
        purchased: 1,
        conversion: 1,
        basketValue: 15000,
        currency: 'GBP',
      }),
      expect.objectContaining({ storeId: 'york', consultations: 1, purchased: 0, conversion: 0, basketValue: null }),
    ]);
    const kpis = await data('review.kpis', { from: today(), to: today() }, rita);
    expect(kpis).toMatchObject({
      totals: {
        consultations: { value: 2 },
        conversion: { numerator: 1, denominator: 2 },
        engagement: { numerator: 1 },
      },
    });
    const csv = String((await data('review.export', { format: 'csv' }, rita)).content)
      .trim()
      .split('\n');
    expect(csv).toHaveLength(3);
    expect(csv.join('\n')).not.toContain('example.com');

    const yan = await signIn('yan', 'york-store-1');
    expect((await data('review.list', {}, yan)).rows).toEqual([
      expect.objectContaining({ id: 'c-york-1', storeId: 'york' }),
    ]);
    expect((await data('hq.compare', { from: today(), to: today() }, yan)).stores).toEqual([
      expect.objectContaining({ storeId: 'york' }),
    ]);
    // another store's consultation does not exist for them (no hint that it does)
    expect(await rpc('review.replay', { consultationId }, yan)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await data('review.list', { storeIds: ['leeds'] }, yan)).total).toBe(0);
  });

  it('refuses what is not a manager session, bad input by name, and the till calls HQ does not serve', async () => {
    expect(await rpc('hq.signIn', { managerId: 'rita', password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Wrong manager id or password.' },
    });
    expect(await rpc('review.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // a laptop's device token is not a manager session
    expect(await rpc('review.list', {}, yorkToken)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await rpc('auth.whoami', {}, yorkToken)).toEqual({ ok: true, data: { actor: null } });

    const rita = await signIn('rita', 'north-region-1');
    expect(await rpc('review.kpis', { from: '2026-03-31', to: '2026-03-01' }, rita)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('"from"') },
    });
    expect(await rpc('hq.compare', { from: '31/03/2026', to: today() }, rita)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('"from"') },
    });
    expect(await rpc('catalog.search', {}, rita)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('not available at head office') },
    });

    expect(await data('auth.signOut', {}, rita)).toEqual({ signedOut: true });
    expect(await rpc('review.list', {}, rita)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
