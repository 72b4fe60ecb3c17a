/**
 * Chain-wide Review at head office, end to end: `aisle hq serve` (the built CLI) on a PostgreSQL
 * database this spec creates and drops, a Leeds laptop (a real data dir) that pulls the catalog from
 * HQ, has a consultation with a copilot turn through its own app (`aisle serve`, the same calls the
 * Consult screen makes, with nobody signed in) and pushes it with `aisle sync`; York's till pushes two
 * consultation records through the HQ API (a newer one naming its associate, an older one without).
 * A regional manager signs in to HQ in Chromium, sees who served each customer, compares the two
 * stores' KPIs, and replays the laptop's consultation.
 *
 * Needs PostgreSQL (AISLE_TEST_PG_URL, else the role scripts/ensure-postgres.sh creates); without it
 * the test is skipped, saying so.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { screenshot, test, expect } from './fixtures';

const BIN = path.resolve('out/main/cli.js');
const PG_URL = process.env.AISLE_TEST_PG_URL || 'postgres://aisle_test:aisle_test@127.0.0.1:5432/postgres';
const DB_NAME = `aisle_hq_e2e_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(PG_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const PASSWORD = 'north-region-2026';

let pgProblem: string | null = null;
let work = '';
let hqUrl = '';
let consultationId = '';
const children: ChildProcess[] = [];
const hqEnv = () => ({ ...process.env, AISLE_HQ_DATABASE_URL: dbUrl });

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function aisle(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a long-running command printing a JSON document first (`--json`), and returns it. */
function startJson(args: string[], env: NodeJS.ProcessEnv): Promise<{ url: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => (err = (err + c).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const end = out.indexOf('\n}');
      if (end >= 0) resolve(JSON.parse(out.slice(0, end + 2)) as { url: string });
    });
    child.once('exit', (code) =>
      reject(new Error(`aisle ${args.join(' ')} exited with ${code} before it listened: ${err}`)),
    );
  });
}

const stop = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';

/** The Leeds laptop's consultation, made through its own app's calls as the Consult screen makes them. */
async function consultOnLaptop(laptopUrl: string): Promise<string> {
  const html = await (await fetch(laptopUrl)).text();
  const token = /name="aisle-bridge-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the laptop page carried no bridge token');
  const call = async (name: string, input: unknown) => {
    const res = await fetch(new URL(`rpc/${name}`, laptopUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: { message: string } };
    if (!body.ok || !body.data) throw new Error(`${name}: ${body.error?.message}`);
    return body.data;
  };
  const id = String((await call('consultation.start', {})).id);
  const turn = await call('copilot.send', {
    consultationId: id,
    message: 'A waterproof jacket for hill walking, reply to ana.k@example.com',
  });
  const cards = turn.suggestions as { suggestionId: number; sku: string }[];
  const card = cards.find((c) => c.sku === 'SS-M');
  if (!card) throw new Error(`the copilot did not show the Storm Shell Jacket: ${JSON.stringify(cards)}`);
  await call('consultation.suggestionAction', {
    consultationId: id,
    suggestionId: card.suggestionId,
    action: 'shortlisted',
  });
  await call('consultation.end', {
    consultationId: id,
    outcome: 'purchased',
    bought: [{ sku: 'SS-M', quantity: 1 }],
    satisfaction: 5,
  });
  return id;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  try {
    await admin(`CREATE DATABASE "${DB_NAME}"`);
  } catch (e) {
    const where = PG_URL.replace(/:[^:@/]*@/, ':***@');
    pgProblem = `PostgreSQL is not reachable at ${where} (${(e as Error).message}); run scripts/ensure-postgres.sh`;
    return;
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-hq-e2e-'));
  const env = hqEnv();
  const products = path.join(work, 'products.csv');
  fs.writeFileSync(
    products,
    csv([
      [
        'Handle',
        'Title',
        'Body (HTML)',
        'Vendor',
        'Type',
        'Tags',
        'Option1 Name',
        'Option1 Value',
        'Variant SKU',
        'Variant Price',
        'Status',
      ],
      [
        'storm-shell',
        'Storm Shell Jacket',
        '<p>Waterproof shell for hill walking</p>',
        'Ridgeline',
        'Jackets',
        'waterproof',
        'Size',
        'M',
        'SS-M',
        '150.00',
        'active',
      ],
      ['storm-shell', '', '', '', '', '', 'Size', 'L', 'SS-L', '150.00', ''],
      [
        'trail-fleece',
        'Trail Fleece',
        '<p>Warm fleece</p>',
        'Ridgeline',
        'Fleeces',
        '',
        'Size',
        'M',
        'TF-M',
        '60.00',
        'active',
      ],
    ]),
  );
  const inventory = path.join(work, 'inventory.csv');
  fs.writeFileSync(
    inventory,
    csv([
      ['Handle', 'Title', 'Option1 Name', 'Option1 Value', 'SKU', 'Location', 'Available (not editable)'],
      ...['SS-M', 'SS-L', 'TF-M'].flatMap((sku) => [
        [sku.startsWith('SS') ? 'storm-shell' : 'trail-fleece', '', 'Size', '', sku, 'Leeds', 4],
        [sku.startsWith('SS') ? 'storm-shell' : 'trail-fleece', '', 'Size', '', sku, 'York', 2],
      ]),
    ]),
  );
  aisle(['hq', 'import', 'shopify-products', products], env);
  aisle(['hq', 'import', 'shopify-inventory', inventory], env);
  const leedsToken = (
    JSON.parse(aisle(['hq', 'device', 'add', '--store', 'leeds', '--name', 'Leeds till 1', '--json'], env)) as {
      token: string;
    }
  ).token;
  const yorkToken = (
    JSON.parse(aisle(['hq', 'device', 'add', '--store', 'york', '--name', 'York till 1', '--json'], env)) as {
      token: string;
    }
  ).token;
  aisle(
    [
      'hq',
      'manager',
      'add',
      'rita',
      '--name',
      'Rita Okafor',
      '--role',
      'regional_manager',
      '--password-env',
      'MANAGER_PASSWORD',
    ],
    {
      ...env,
      MANAGER_PASSWORD: PASSWORD,
    },
  );
  hqUrl = (await startJson(['hq', 'serve', '--port', '0', '--json'], env)).url;

  // The Leeds laptop: configured for HQ only (no demo store), pulls, consults, pushes.
  const config = path.join(work, 'leeds-config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      store: { id: 'leeds', name: 'Leeds' },
      sources: [{ type: 'hq', name: 'hq', baseUrl: hqUrl, tokenEnv: 'AISLE_HQ_TOKEN' }],
    }),
  );
  const laptopEnv = { ...process.env, AISLE_CONFIG: config, AISLE_HQ_TOKEN: leedsToken };
  const dataDir = path.join(work, 'leeds-laptop');
  aisle(['--data-dir', dataDir, 'sync'], laptopEnv);
  const laptopUrl = (await startJson(['--data-dir', dataDir, 'serve', '--port', '0', '--json'], laptopEnv)).url;
  consultationId = await consultOnLaptop(laptopUrl);
  await stop(children.pop());
  aisle(['--data-dir', dataDir, 'sync'], laptopEnv);

  // York: two consultation records from its till, straight through the HQ API.
  const now = Date.now();
  for (const [i, outcome, basket] of [
    [1, 'purchased', 6000],
    [2, 'no_purchase', null],
  ] as const) {
    const startedAt = new Date(now - i * 3_600_000).toISOString();
    const res = await fetch(`${hqUrl}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${yorkToken}`,
        'content-type': 'application/json',
        'idempotency-key': `c-york-${i}`,
      },
      body: JSON.stringify({
        kind: 'consultation',
        idempotencyKey: `c-york-${i}`,
        createdAt: new Date(now - i * 3_000_000).toISOString(),
        payload: {
          storeId: 'york',
          consultation: {
            id: `c-york-${i}`,
            storeId: 'york',
            associateId: 'sam',
            customerId: null,
            customerLabel: 'Walk-in',
            startedAt,
            endedAt: new Date(now - i * 3_000_000).toISOString(),
            outcome,
            basketValue: basket,
            basketUnits: basket ? 1 : null,
            currency: basket ? 'GBP' : null,
            satisfaction: 4,
            turns: 0,
          },
          // the newer record names its associate (as laptops push it); the older one, like older laptops, does not
          ...(i === 1 ? { transcript: { associateName: 'Sam Patel', messages: [], suggestions: [], events: [] } } : {}),
        },
      }),
    });
    expect(res.status).toBe(201);
  }
});

test.afterAll(async () => {
  for (const c of children.splice(0)) await stop(c);
  if (!pgProblem) await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`).catch(() => undefined);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('a regional manager signs in at HQ, compares two stores and replays a consultation pushed from a laptop', async ({
  page,
}) => {
  test.skip(pgProblem !== null, pgProblem ?? '');
  await page.goto(hqUrl);
  await expect(page.getByText('Head office sign-in')).toBeVisible();
  // HQ shows managers' sections only: no till, catalog, customers or settings
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(['Review', 'Stores'].map((s) => new RegExp(s)));
  await screenshot(page, 'hq-sign-in');

  await page.getByLabel('Manager id').fill('rita');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong manager id or password');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('hq-manager')).toContainText('Rita Okafor');

  // Review over both stores: the laptop's consultation and York's two
  await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
  const count = page.getByTestId('review-count');
  await expect(count).toContainText('3 consultations');
  const rows = page.getByTestId('consultation-row');
  await expect(rows.filter({ hasText: '£150.00' })).toContainText('Leeds');
  // who served the customer: the laptop's consultation had nobody signed in; York's are Sam's (the older
  // record takes the name the newer one pushed) — never an id such as "associate" or "sam"
  await expect(rows.filter({ hasText: '£150.00' })).toContainText('Not signed in');
  await expect(rows.filter({ hasText: 'York' })).toHaveCount(2);
  for (const row of await rows.filter({ hasText: 'York' }).all()) await expect(row).toContainText('Sam Patel');
  await expect(rows.getByRole('cell', { name: /^(associate|sam)$/ })).toHaveCount(0);
  await screenshot(page, 'hq-review-list');
  // the associate filter offers the same words and filters by them
  const associateFilter = page.getByRole('combobox', { name: 'Associate' });
  await associateFilter.click();
  await page.getByRole('option', { name: 'Not signed in' }).click();
  await expect(count).toContainText('1 consultation');
  await expect(rows).toHaveCount(1);
  await associateFilter.click();
  await page.getByRole('option', { name: 'Sam Patel' }).click();
  await expect(count).toContainText('2 consultations');
  // choosing the selected person again clears the filter
  await associateFilter.click();
  await page.getByRole('option', { name: 'Sam Patel' }).click();
  await expect(count).toContainText('3 consultations');
  // one store's consultations
  const storeFilter = page.getByRole('combobox', { name: 'Store' });
  await storeFilter.click();
  await page.getByRole('option', { name: 'York' }).click();
  await expect(count).toContainText('2 consultations');
  await page.getByRole('option', { name: 'York' }).click();
  await page.keyboard.press('Escape');
  await expect(count).toContainText('3 consultations');

  // Stores side by side
  await nav.getByRole('link', { name: /Stores/ }).click();
  const leeds = page.getByTestId('store-row-leeds');
  const york = page.getByTestId('store-row-york');
  await expect(leeds).toContainText('Leeds');
  await expect(leeds.getByRole('cell')).toHaveText(['Leedsleeds', '1', '1', '100%', '£150.00', '£150.00']);
  await expect(york.getByRole('cell')).toHaveText(['Yorkyork', '2', '1', '50%', '£60.00', '£60.00']);
  await screenshot(page, 'hq-store-comparison');

  // Replay the laptop's consultation: the associate's words (e-mail masked), the copilot's reply,
  // the card and what became of it
  await nav.getByRole('link', { name: /Review/ }).click();
  const row = page.getByTestId('consultation-row').filter({ hasText: '£150.00' });
  await row.getByRole('button', { name: /Open consultation/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Consultation replay' });
  await expect(drawer).toContainText('With a walk-in customer, nobody signed in at the laptop');
  await expect(drawer).toContainText('Not signed in · turn 1');
  await expect(drawer).toContainText('A waterproof jacket for hill walking, reply to [email removed]');
  await expect(drawer).not.toContainText('example.com');
  await expect(drawer).toContainText('Storm Shell Jacket');
  await expect(drawer.getByTestId('suggestion').filter({ hasText: 'Storm Shell Jacket' })).toContainText(/bought/i);
  await screenshot(page, 'hq-replay');
  expect(consultationId).toMatch(/^c-/);

  // Figures with charts over every store
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Figures' }).click();
  await expect(page.getByText('All stores (2)', { exact: false })).toBeVisible();
  // follow-up purchases are counted on the store laptops: said plainly, never "no orders yet" or a false 0 %
  const followUp = page.getByTestId('kpi-card').filter({ hasText: 'Bought within 14 days' });
  await expect(followUp).toContainText('Counted on the store laptops, not here');
  await expect(followUp).toContainText('Counted on each store’s laptop, not at head office');
  await expect(page.getByText('no orders yet')).toHaveCount(0);
  await screenshot(page, 'hq-figures');
});
