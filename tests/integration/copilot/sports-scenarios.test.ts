/**
 * The copilot on a third retailer it was never tuned on: Brookside Sports, a generated UK sports shop
 * (tests/fixtures/copilot-sports, README.md there). The store's two export files go through the app's
 * own importers into a fresh data folder; every scenario is asked through the copilot service with
 * the shop named as the export writes it ("Harbour Road"), conversations continue in one
 * consultation, and the answers are judged with the development set's rules (score.py: grounded,
 * precision, hit, infeasible, questions; score = their mean).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open';
import { runImport, type ImportReport } from '../../../src-main/sync/import';
import { CopilotService } from '../../../src-main/copilot/service';
import { actingAssociateId } from '../../../src-main/copilot/service';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { tempDir, testRuntime } from '../../support/runtime';
import * as L from '../../fixtures/copilot-sports/sports-lib';
import { generate } from '../../fixtures/copilot-sports/generate';
import {
  aggregate,
  failureReason,
  judge,
  summaryLine,
  tagLine,
  type Answer,
  type Scenario,
  type Verdict,
} from '../../support/scenario-score';

const DIR = path.join(__dirname, '../../fixtures/copilot-sports');
const LABEL = 'copilot sports';
/** the hidden retailer set's bar (issue #12); measured 0.94 when the engine learned to read this store */
const BAR = 0.9;
const TAG_ORDER = [
  'size+budget',
  'colour',
  'use-case',
  'infeasible',
  'ambiguous',
  'complement',
  'gender/kids',
  'messy',
  'multiturn',
];

const readJsonl = (f: string) =>
  fs
    .readFileSync(path.join(DIR, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Scenario);
const scenarios = [...readJsonl('scenarios.jsonl'), ...readJsonl('multiturn.jsonl')];
const byId = new Map(scenarios.map((s) => [s.id, s]));
const catalog = L.readCatalog(path.join(DIR, 'catalog.tsv'));
const inventory = L.readInventory(path.join(DIR, 'inventory.csv'));

let dataDir: string;
const reports: ImportReport[] = [];
const runtimes = new Map<string, AppRuntime>();
const verdicts: Verdict[] = [];

/** One consultation, turn after turn, answered as `aisle ask --json` prints it (local engine). */
const copilots = new Map<AppRuntime, CopilotService>();

async function ask(rt: AppRuntime, turns: string[]): Promise<Answer> {
  // one copilot per shop, as the app holds one per runtime: its catalog index is built once
  const copilot = copilots.get(rt) ?? new CopilotService(rt);
  copilots.set(rt, copilot);
  const consultation = copilot.start(actingAssociateId(null), null);
  let answer: Answer = { reply: '', suggestions: [], questions: [] };
  for (const message of turns) {
    const turn = copilot.send(consultation.id, message);
    await copilot.settled(turn.turnId);
    answer = {
      reply: turn.reply,
      suggestions: turn.suggestions.map((c) => ({
        sku: c.sku,
        price: c.price,
        currency: c.currency,
        size: c.size,
        color: c.color,
        stockHere: c.stockHere,
      })),
      questions: turn.questions,
    };
  }
  return answer;
}

beforeAll(async () => {
  dataDir = tempDir('aisle-sports-');
  const adb = openDatabase({ file: path.join(dataDir, 'aisle.db') });
  try {
    reports.push(await runImport(adb.sqlite, { format: 'gmc', file: path.join(DIR, 'catalog.tsv'), pipeline: false }));
    reports.push(await runImport(adb.sqlite, { format: 'shopify-inventory', file: path.join(DIR, 'inventory.csv') }));
  } finally {
    adb.close();
  }
  for (const store of L.stores(inventory)) runtimes.set(store, testRuntime({ dataDir, storeId: store }));
  for (const sc of scenarios) {
    const rt = runtimes.get(sc.store)!;
    try {
      verdicts.push(judge(sc, await ask(rt, sc.turns ?? [sc.message!]), catalog, inventory));
    } catch (e) {
      verdicts.push({
        id: sc.id,
        error: (e as Error).message,
        n: 0,
        grounded: false,
        groundProblems: [],
        questions: 0,
        skus: [],
        satisfying: 0,
        misses: [],
      });
    }
  }
  const lines: string[] = [];
  for (const tag of TAG_ORDER) {
    const vs = verdicts.filter((v) => byId.get(v.id)!.tag === tag);
    if (vs.length) lines.push(tagLine(tag, aggregate(vs, byId), vs.length));
  }
  lines.push(summaryLine(LABEL, aggregate(verdicts, byId)));
  for (const v of verdicts) {
    const why = failureReason(byId.get(v.id)!, v);
    if (why)
      lines.push(
        `  ${v.id} [${byId.get(v.id)!.tag}] "${(byId.get(v.id)!.turns ?? [byId.get(v.id)!.message]).join(' → ')}": ${why}`,
      );
  }
  console.log(lines.join('\n'));
}, 120_000);

afterAll(() => {
  for (const rt of runtimes.values()) rt.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('copilot on Brookside Sports, a third retailer (GBP, two shops named as exported)', () => {
  it('the two export files import with the app’s importers, every variant and both shops', () => {
    const [gmc, inv] = reports;
    if (!gmc || !inv) throw new Error(`expected two import reports, got ${reports.length}`);
    expect(gmc.error).toBeNull();
    expect(gmc.rejected).toEqual([]);
    expect(gmc.variants).toBe(catalog.size);
    expect(inv.error).toBeNull();
    expect(inv.rejected).toEqual([]);
    expect(inv.locations).toBe(2);
    for (const [store, rt] of runtimes) expect(rt.here().name).toBe(store);
    // the discontinued shoe still on a shelf is kept as a hidden placeholder, never a sellable product
    const rt = runtimes.get('Harbour Road')!;
    expect(rt.adb.sqlite.prepare("SELECT status FROM variants WHERE sku = 'RS099-BLK-9'").get()).toEqual({
      status: 'hidden',
    });
  });

  it('the committed files are what generate.ts writes (generate.ts --check)', () => {
    const stale = Object.entries(generate())
      .filter(([name, text]) => fs.readFileSync(path.join(DIR, name), 'utf8') !== text)
      .map(([name]) => name);
    expect(stale).toEqual([]);
  });

  it('has at least 40 single messages and 5 conversations, every scenario answered', () => {
    expect(scenarios.filter((s) => !s.turns).length).toBeGreaterThanOrEqual(40);
    expect(scenarios.filter((s) => s.turns).length).toBeGreaterThanOrEqual(5);
    expect(verdicts.filter((v) => v.error).map((v) => `${v.id}: ${v.error}`)).toEqual([]);
  });

  it('every suggested SKU is real, priced as the feed says in GBP, with this shop’s stock', () => {
    const ungrounded = verdicts.filter((v) => !v.grounded).map((v) => `${v.id}: ${v.groundProblems.join('; ')}`);
    expect(ungrounded).toEqual([]);
  });

  it(`scores at least ${BAR}, the hidden set's bar`, () => {
    expect(aggregate(verdicts, byId).score).toBeGreaterThanOrEqual(BAR);
  });
});
