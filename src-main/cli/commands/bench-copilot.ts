/**
 * `aisle bench copilot`: local-engine turn latency (message → constraints → retrieval → ranked
 * cards with reasons → reply) on the demo store and on a generated 100k-SKU catalogue, plus the
 * whole logged turn (`copilot.send`, with its database writes) on the demo store. Target p95 < 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT, flagInt, type Command } from '../command';
import { openRuntime, type AppRuntime } from '../../app/runtime';
import { loadConfig } from '../../settings/config';
import { loadDemoStore } from '../../demo/load';
import { summarize, timeCalls } from '../../bench/stats';
import { LocalEngine } from '../../copilot/local-engine';
import { CopilotService } from '../../copilot/service';
import { generateLargeCatalog } from '../../copilot/bench-catalog';
import { ftsQuery } from '../../catalog/fts';

const MESSAGES = [
  'waterproof jacket for her, size M, under £150, she hates yellow',
  'for a winter camping trip, something to sleep in',
  'walking boots in a UK 7, around £150',
  'merino base layer, medium, nothing bright please',
  'a 40 litre rucksack for the West Highland Way',
  'Walking trousers for a man, 32 waist, under 80 quid',
  'something warm',
  'a tent under £10',
  'rain jacket for my 7 year old',
  'Do you have a Northwynd softshell for women?',
  "trail running shoes, men's size 9",
  'cheap two person tent for a festival',
];

function freshRuntime(prefix: string): AppRuntime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return openRuntime({
    mode: 'cli',
    dataDir: dir,
    storeId: 'S1',
    loaded: loadConfig({ env: {}, machineFile: null, userFile: null }),
    logDir: null,
  });
}

export const benchCopilotCommand: Command = {
  name: 'bench copilot',
  summary: 'benchmark the local copilot engine (demo store and 100k SKUs; target p95 < 50 ms)',
  usage: 'aisle bench copilot [--rounds N] [--skus N] [--json]',
  async run(ctx) {
    const rounds = flagInt(ctx.args, 'rounds', 10)!;
    const skus = flagInt(ctx.args, 'skus', 100_000)!;
    const results: Record<string, unknown> = { bench: 'copilot', messages: MESSAGES.length, targetP95Ms: 50 };

    const demoRt = freshRuntime('aisle-bench-copilot-demo-');
    let pass = true;
    try {
      const demo = loadDemoStore(demoRt.adb);
      const engine = new LocalEngine(demoRt.adb.sqlite);
      const samples = timeCalls(
        MESSAGES,
        (m) => engine.answer({ message: m, previous: null, profile: null, storeId: 'S1' }),
        rounds,
        2,
      );
      const copilot = new CopilotService(demoRt);
      const turnSamples = timeCalls(
        MESSAGES,
        (m) => copilot.send(copilot.start('bench', null).id, m),
        Math.max(2, Math.floor(rounds / 2)),
        1,
      );
      const s = summarize(samples);
      const t = summarize(turnSamples);
      results.demo = { products: demo.products, variants: demo.variants, engineMs: s, loggedTurnMs: t };
      pass &&= s.p95 < 50 && t.p95 < 50;
      ctx.io.say(
        `demo store (${demo.products} products, ${demo.variants} SKUs): engine p50 ${s.p50} ms, p95 ${s.p95} ms; logged turn p50 ${t.p50} ms, p95 ${t.p95} ms`,
      );
    } finally {
      demoRt.close();
      fs.rmSync(demoRt.dataDir, { recursive: true, force: true });
    }

    const bigRt = freshRuntime('aisle-bench-copilot-100k-');
    try {
      const t0 = performance.now();
      const big = generateLargeCatalog(bigRt.adb.sqlite, skus);
      const genSeconds = Math.round((performance.now() - t0) / 100) / 10;
      const engine = new LocalEngine(bigRt.adb.sqlite);
      const first = performance.now();
      engine.answer({ message: MESSAGES[0]!, previous: null, profile: null, storeId: 'S1' });
      const coldMs = Math.round(performance.now() - first);
      const samples = timeCalls(
        MESSAGES,
        (m) => engine.answer({ message: m, previous: null, profile: null, storeId: 'S1' }),
        rounds,
        1,
      );
      const s = summarize(samples);
      // the floor: one bare FTS5 match of the same words over the same catalogue, rows fetched
      const fts = bigRt.adb.sqlite.prepare('SELECT rowid FROM product_fts WHERE product_fts MATCH ?');
      const ftsSamples = timeCalls(
        MESSAGES,
        (m) => {
          const q = ftsQuery(m, 'any');
          return q ? fts.all(q) : [];
        },
        rounds,
        1,
      );
      const f = summarize(ftsSamples);
      const ratio = Math.round((s.p50 / Math.max(0.001, f.p50)) * 10) / 10;
      results.large = {
        products: big.products,
        variants: big.variants,
        generateSeconds: genSeconds,
        coldFirstTurnMs: coldMs,
        engineMs: s,
        bareFts5Ms: f,
        engineToFts5P50: ratio,
      };
      pass &&= s.p95 < 50;
      ctx.io.say(
        `generated catalogue (${big.products} products, ${big.variants} SKUs, built in ${genSeconds} s): first turn ${coldMs} ms (catalog index build), then p50 ${s.p50} ms, p95 ${s.p95} ms`,
      );
      ctx.io.say(
        `bare FTS5 query of the same words (any word, rows fetched): p50 ${f.p50} ms, p95 ${f.p95} ms — engine turn / FTS5 = ${ratio}× at p50`,
      );
    } finally {
      bigRt.close();
      fs.rmSync(bigRt.dataDir, { recursive: true, force: true });
    }
    results.pass = pass;
    if (ctx.json) ctx.io.json(results);
    ctx.io.say(pass ? 'copilot: p95 under 50 ms — pass' : 'copilot: p95 over 50 ms — FAIL');
    return pass ? EXIT.OK : EXIT.PARTIAL;
  },
};
