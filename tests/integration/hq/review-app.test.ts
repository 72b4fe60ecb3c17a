/**
 * Chain-wide Review as the HQ app asks for it (POST /rpc/<call>, the renderer's own contract calls)
 * on a real PostgreSQL: a Leeds laptop consults through its own copilot and pushes the record with
 * the transcript Replay needs (contact details masked); managers see it by role — regional all
 * stores, a store manager their own only — and everything else is refused with a clear answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, callOrThrow, type CallContext, type Dispatch } from '../../../src-main/app/dispatch';
import { KPI_PLAIN_DEFINITIONS } from '../../../src-main/contract/review';
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
/** the Leeds laptop's own calls, and a manager's context there */
let leedsDispatch: Dispatch;
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

/** York's till pushing one consultation record straight through the HQ API (as an older or newer laptop would). */
async function pushFromYork(
  id: string,
  consultation: Record<string, unknown>,
  transcript?: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(`${hq.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${yorkToken}`, 'content-type': 'application/json', 'idempotency-key': id },
    body: JSON.stringify({
      kind: 'consultation',
      idempotencyKey: id,
      createdAt: new Date().toISOString(),
      payload: {
        storeId: 'york',
        consultation: {
          id,
          associateId: 'sam',
          startedAt: new Date(Date.now() - 600_000).toISOString(),
          endedAt: new Date().toISOString(),
          outcome: 'no_purchase',
          turns: 0,
          ...consultation,
        },
        ...(transcript ? { transcript } : {}),
      },
    }),
  });
  expect(res.status).toBe(201);
}

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
  leedsDispatch = dispatch;
  // nobody signed in at the laptop: the consultation is credited to the stand-in id "associate"
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

  it('names who served the customer as the laptop does: a name, "Not signed in", never an id', async () => {
    // a second Leeds consultation, by an associate a manager added on the laptop and who signed in there
    const managerAtLeeds: CallContext = {
      actor: { associateId: 'lee', name: 'Lee Marsh', role: 'manager' },
      transport: 'test',
      events: leeds.rt.events,
    };
    const priya = await callOrThrow(
      leedsDispatch,
      'auth.createAssociate',
      { name: 'Priya Shah', pin: '4821' },
      managerAtLeeds,
    );
    const asPriya: CallContext = {
      actor: { associateId: priya.id, name: priya.name, role: 'associate' },
      transport: 'test',
      events: leeds.rt.events,
    };
    const byPriya = (await callOrThrow(leedsDispatch, 'consultation.start', {}, asPriya)).id;
    await callOrThrow(leedsDispatch, 'copilot.send', { consultationId: byPriya, message: 'a warm fleece' }, asPriya);
    await callOrThrow(leedsDispatch, 'consultation.end', { consultationId: byPriya, outcome: 'no_purchase' }, asPriya);
    expect((await leeds.sync()).status).toBe('succeeded');
    // York: an older till's record with nobody signed in, an associate no record names, and Sam named by a newer one
    await pushFromYork('c-york-nobody', { associateId: 'associate' });
    await pushFromYork('c-york-kim', { associateId: 'kim' });
    await pushFromYork(
      'c-york-2',
      { associateId: 'sam', outcome: 'purchased', basketValue: 6000, currency: 'GBP' },
      { associateName: 'Sam Patel', messages: [], suggestions: [], events: [] },
    );

    const rita = await signIn('rita', 'north-region-1');
    const rows = (await data('review.list', { from: today(), to: today() }, rita)).rows as {
      id: string;
      associate: { id: string; name: string };
    }[];
    const nameOf = (id: string) => rows.find((r) => r.id === id)?.associate.name;
    // the laptop's own Review words the same two consultations the same way
    const atLaptop = await callOrThrow(leedsDispatch, 'review.list', {}, managerAtLeeds);
    const laptopNameOf = (id: string) => atLaptop.rows.find((r) => r.id === id)?.associate.name;
    expect(laptopNameOf(consultationId)).toBe('Not signed in');
    expect(laptopNameOf(byPriya)).toBe('Priya Shah');
    expect(nameOf(consultationId)).toBe(laptopNameOf(consultationId));
    expect(nameOf(byPriya)).toBe('Priya Shah');
    expect(nameOf('c-york-nobody')).toBe('Not signed in');
    expect(nameOf('c-york-kim')).toBe('Unnamed associate');
    // the older record without a transcript takes the name Sam's newer record pushed
    expect(nameOf('c-york-1')).toBe('Sam Patel');
    expect(nameOf('c-york-2')).toBe('Sam Patel');
    for (const r of rows) expect(r.associate.name).not.toBe(r.associate.id);

    const replay = await data('review.replay', { consultationId }, rita);
    expect(replay.consultation).toMatchObject({ associate: { id: 'associate', name: 'Not signed in' } });
    const oldReplay = await data('review.replay', { consultationId: 'c-york-1' }, rita);
    expect(oldReplay.consultation).toMatchObject({ associate: { id: 'sam', name: 'Sam Patel' } });

    // the associate filter offers the same words and still filters by id
    const people = (await data('auth.people', {}, rita)).people as { id: string; name: string }[];
    expect(people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'associate', name: 'Not signed in' }),
        expect.objectContaining({ id: priya.id, name: 'Priya Shah' }),
        expect.objectContaining({ id: 'sam', name: 'Sam Patel' }),
        expect.objectContaining({ id: 'kim', name: 'Unnamed associate' }),
      ]),
    );
    const nobody = await data('review.list', { associateIds: ['associate'] }, rita);
    expect((nobody.rows as { id: string }[]).map((r) => r.id).sort()).toEqual([consultationId, 'c-york-nobody'].sort());
    expect((await data('review.list', { associateIds: [priya.id] }, rita)).rows).toEqual([
      expect.objectContaining({ id: byPriya, associate: { id: priya.id, name: 'Priya Shah' } }),
    ]);
    const kpis = await data('review.kpis', { from: today(), to: today() }, rita);
    const perAssociate = (kpis.associates as { associateId: string; name: string }[]).map((a) => [
      a.associateId,
      a.name,
    ]);
    expect(perAssociate).toEqual(
      expect.arrayContaining([
        ['associate', 'Not signed in'],
        [priya.id, 'Priya Shah'],
        ['sam', 'Sam Patel'],
        ['kim', 'Unnamed associate'],
      ]),
    );
    const csv = String((await data('review.export', { format: 'csv' }, rita)).content);
    expect(csv).toContain(`${consultationId},leeds,associate,Not signed in,`);
    expect(csv).toContain(`c-york-1,york,sam,Sam Patel,`);
  });

  it('says "bought within 14 days" is counted on the store laptops, not a false 0 %', async () => {
    const rita = await signIn('rita', 'north-region-1');
    const kpis = await data('review.kpis', { from: today(), to: today() }, rita);
    const totals = kpis.totals as { conversion14d: Record<string, unknown> };
    // the Leeds consultation had a known customer and ended: counted as the base, but the rate is not known here
    expect(totals.conversion14d).toMatchObject({ value: null, numerator: 0, denominator: 1, ordersSynced: false });
    expect((kpis.definitions as Record<string, string>).conversion14d).toMatch(/^Not counted at head office/);
    expect(KPI_PLAIN_DEFINITIONS.conversion14dAtHeadOffice).toContain('Counted on each store’s laptop');
  });
});
