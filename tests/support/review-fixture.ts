/**
 * A hand-made store history with answers worked out by hand (see tests/unit/review/kpis.test.ts).
 * Store S1, March 2025: ana (associate) has C1, C2; ben (associate) has C3, C4, C5; mia manages.
 * C6 is ana's but in February; C7 is in another store. Orders make C1 a 14-day follow-up purchase.
 */
import type Database from 'better-sqlite3';
import type { AppRuntime } from '../../src-main/app/runtime';
import { hashPin } from '../../src-main/shared/pin-hash';

export const PINS = { ana: '1111', ben: '2222', mia: '9999' } as const;

export interface MessageSpec {
  turn: number;
  role: 'associate' | 'assistant';
  content: string;
  engine?: 'local' | 'llm';
  status?: 'complete' | 'stopped' | 'error';
  fsm?: number | null;
  frm?: number | null;
  fallback?: string | null;
  at: string;
  suggestions?: SuggestionSpec[];
}
export interface SuggestionSpec {
  sku: string;
  grounded?: boolean;
  shown?: boolean;
  liked?: boolean;
  rejected?: boolean;
  rejectReason?: string;
  shortlisted?: boolean;
  bought?: boolean;
}
export interface ConsultationSpec {
  id: string;
  store?: string;
  associate: string;
  customer: number | null;
  startedAt: string;
  endedAt?: string | null;
  outcome?: string | null;
  basketValue?: number | null;
  basketUnits?: number | null;
  satisfaction?: number | null;
  customerContext?: Record<string, unknown> | null;
  messages?: MessageSpec[];
  events?: { type: string; at: string; payload?: Record<string, unknown> }[];
}

export function insertConsultation(sqlite: Database.Database, c: ConsultationSpec): void {
  sqlite
    .prepare(
      `INSERT INTO consultations (id, store_id, associate_id, customer_id, started_at, ended_at, outcome, basket_value, basket_units, currency, satisfaction, customer_context, notes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'GBP', ?, ?, ?)`,
    )
    .run(
      c.id,
      c.store ?? 'S1',
      c.associate,
      c.customer,
      c.startedAt,
      c.endedAt ?? null,
      c.outcome ?? null,
      c.basketValue ?? null,
      c.basketUnits ?? null,
      c.satisfaction ?? null,
      c.customerContext ? JSON.stringify(c.customerContext) : null,
      c.customerContext ? 'asked about waterproofing' : null,
    );
  const msg = sqlite.prepare(
    `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, constraints, status, first_suggestion_ms, full_reply_ms, fallback, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sug = sqlite.prepare(
    `INSERT INTO consultation_suggestions (consultation_id, message_id, sku, rank, reasons, strategy, engine, grounded, shown, liked, rejected, reject_reason, shortlisted, bought)
     VALUES (?, ?, ?, ?, ?, 'search', 'local', ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of c.messages ?? []) {
    const info = msg.run(
      c.id,
      m.turn,
      m.role,
      m.content,
      m.engine ?? null,
      m.role === 'assistant' ? JSON.stringify({ budgetMax: 15000 }) : null,
      m.status ?? 'complete',
      m.fsm ?? null,
      m.frm ?? null,
      m.fallback ?? null,
      m.at,
    );
    (m.suggestions ?? []).forEach((s, i) => {
      const grounded = s.grounded ?? true;
      sug.run(
        c.id,
        Number(info.lastInsertRowid),
        s.sku,
        i + 1,
        JSON.stringify([`reason for ${s.sku}`]),
        grounded ? 1 : 0,
        (s.shown ?? grounded) ? 1 : 0,
        s.liked ? 1 : 0,
        s.rejected ? 1 : 0,
        s.rejectReason ?? null,
        s.shortlisted ? 1 : 0,
        s.bought ? 1 : 0,
      );
    });
  }
  for (const e of c.events ?? []) {
    sqlite
      .prepare('INSERT INTO consultation_events (consultation_id, type, payload, at) VALUES (?, ?, ?, ?)')
      .run(c.id, e.type, e.payload ? JSON.stringify(e.payload) : null, e.at);
  }
}

export const HAND_MADE: ConsultationSpec[] = [
  {
    id: 'C1',
    associate: 'ana',
    customer: 1,
    startedAt: '2025-03-03T10:00:00.000Z',
    endedAt: '2025-03-03T10:20:00.000Z',
    outcome: 'purchased',
    basketValue: 12000,
    basketUnits: 2,
    satisfaction: 5,
    customerContext: { sizes: { tops: 'M' }, email: 'jo.bloggs@example.com' },
    messages: [
      {
        turn: 1,
        role: 'associate',
        content: 'Looking for a waterproof jacket for hiking',
        at: '2025-03-03T10:01:00.000Z',
      },
      {
        turn: 1,
        role: 'assistant',
        content: 'Here are three waterproof jackets in M.',
        engine: 'local',
        fsm: 300,
        frm: 1200,
        at: '2025-03-03T10:01:02.000Z',
        suggestions: [
          { sku: 'JKT-A', shortlisted: true },
          { sku: 'JKT-B', rejected: true, rejectReason: 'too expensive' },
          { sku: 'JKT-GHOST', grounded: false, shown: false },
        ],
      },
      {
        turn: 2,
        role: 'associate',
        content: 'Something cheaper? Call her on 07700 900123',
        at: '2025-03-03T10:05:00.000Z',
      },
      {
        turn: 2,
        role: 'assistant',
        content: 'Two cheaper ones under £80.',
        engine: 'llm',
        fsm: 900,
        frm: 2500,
        at: '2025-03-03T10:05:03.000Z',
        suggestions: [
          { sku: 'JKT-D', bought: true, shortlisted: true },
          { sku: 'JKT-E', liked: true },
        ],
      },
    ],
    events: [{ type: 'card.shortlist', at: '2025-03-03T10:03:00.000Z', payload: { sku: 'JKT-A' } }],
  },
  {
    id: 'C2',
    associate: 'ana',
    customer: null,
    startedAt: '2025-03-03T14:00:00.000Z',
    endedAt: '2025-03-03T14:05:00.000Z',
    outcome: 'no_purchase',
    satisfaction: 3,
    messages: [
      { turn: 1, role: 'associate', content: 'Gift ideas for a runner', at: '2025-03-03T14:01:00.000Z' },
      {
        turn: 1,
        role: 'assistant',
        content: 'Let me look',
        engine: 'llm',
        status: 'stopped',
        fsm: null,
        frm: 4000,
        at: '2025-03-03T14:01:01.000Z',
      },
    ],
    events: [{ type: 'reply.stopped', at: '2025-03-03T14:01:05.000Z', payload: { turn: 1 } }],
  },
  {
    id: 'C3',
    associate: 'ben',
    customer: 2,
    startedAt: '2025-03-04T09:00:00.000Z',
    endedAt: '2025-03-04T09:30:00.000Z',
    outcome: 'abandoned',
  },
  {
    id: 'C4',
    associate: 'ben',
    customer: null,
    startedAt: '2025-03-05T11:00:00.000Z',
    endedAt: '2025-03-05T11:30:00.000Z',
    outcome: 'purchased',
    basketValue: 5000,
    basketUnits: 1,
    satisfaction: 4,
    messages: [
      { turn: 1, role: 'associate', content: 'Trail shoes size 9', at: '2025-03-05T11:01:00.000Z' },
      {
        turn: 1,
        role: 'assistant',
        content: 'These trail shoes are in stock in 9.',
        engine: 'local',
        fsm: 200,
        frm: 800,
        fallback: 'llm timeout after 8000 ms → local',
        at: '2025-03-05T11:01:09.000Z',
        suggestions: [{ sku: 'SHOE-F', bought: true }],
      },
    ],
  },
  {
    id: 'C5',
    associate: 'ben',
    customer: 1,
    startedAt: '2025-03-10T10:00:00.000Z',
    messages: [
      { turn: 1, role: 'associate', content: 'Socks to go with boots', at: '2025-03-10T10:01:00.000Z' },
      {
        turn: 1,
        role: 'assistant',
        content: 'Merino socks, two colours.',
        engine: 'local',
        fsm: 500,
        frm: 1000,
        at: '2025-03-10T10:01:01.000Z',
        suggestions: [{ sku: 'SOCK-G' }],
      },
    ],
  },
  {
    id: 'C6',
    associate: 'ana',
    customer: 2,
    startedAt: '2025-02-20T10:00:00.000Z',
    endedAt: '2025-02-20T10:10:00.000Z',
    outcome: 'purchased',
    basketValue: 999,
    basketUnits: 1,
    satisfaction: 1,
  },
  {
    id: 'C7',
    store: 'S2',
    associate: 'ana',
    customer: null,
    startedAt: '2025-03-03T10:00:00.000Z',
    endedAt: '2025-03-03T10:10:00.000Z',
    outcome: 'purchased',
    basketValue: 777,
    basketUnits: 1,
  },
];

let hashes: Record<keyof typeof PINS, string> | null = null;
/** Hashing is deliberately slow; the fixture's people get theirs once per test file. */
function pinHashes(): Record<keyof typeof PINS, string> {
  hashes ??= { ana: hashPin(PINS.ana), ben: hashPin(PINS.ben), mia: hashPin(PINS.mia) };
  return hashes;
}

/** Stores, people (with PIN hashes), two customers with contact details, orders, consultations. */
export function loadReviewFixture(rt: AppRuntime): void {
  const db = rt.adb.sqlite;
  db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO stores (id, name) VALUES ('S1', 'Hill Street'), ('S2', 'Quay')").run();
    const person = db.prepare('INSERT INTO associates (id, name, role, store_id, pin_hash) VALUES (?, ?, ?, ?, ?)');
    person.run('ana', 'Ana Ruiz', 'associate', 'S1', pinHashes().ana);
    person.run('ben', 'Ben Okafor', 'associate', 'S1', pinHashes().ben);
    person.run('mia', 'Mia Chen', 'manager', 'S1', pinHashes().mia);
    const cust = db.prepare(
      "INSERT INTO customers (id, external_id, first_name, last_name, email, phone, source, synced_at) VALUES (?, ?, ?, ?, ?, ?, 'test', '2025-01-01T00:00:00.000Z')",
    );
    cust.run(1, 'CUST-1', 'Jo', 'Bloggs', 'jo.bloggs@example.com', '+44 7700 900123');
    cust.run(2, 'CUST-2', 'Sam', 'Lee', 'sam.lee@example.com', '+44 7700 900456');
    const order = db.prepare(
      "INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, total, source, synced_at) VALUES (?, ?, 'S1', ?, 'GBP', ?, 'test', '2025-04-01T00:00:00.000Z')",
    );
    order.run('O-1', 1, '2025-03-10T12:00:00.000Z', 4500); // 7 days after C1 ended: a follow-up
    order.run('O-2', 2, '2025-03-04T09:30:00.000Z', 1000); // exactly when C3 ended: not "after"
    order.run('O-3', 2, '2025-03-20T09:00:00.000Z', 2000); // 16 days after C3: too late
    for (const c of HAND_MADE) insertConsultation(db, c);
  })();
}
