/**
 * `aisle bench catalog`: catalog search latency on the demo store, the way the Catalog page calls it
 * (words + facets + "in stock here"), measured in-process. Target: p95 < 20 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT, flagInt, type Command } from '../command';
import { openRuntime } from '../../app/runtime';
import { loadConfig } from '../../settings/config';
import { loadDemoStore } from '../../demo/load';
import { CatalogService } from '../../catalog/service';
import { catalogSearchInput, type CatalogSearchInput } from '../../contract/catalog';
import { summarize, timeCalls } from '../../bench/stats';

const QUERIES: CatalogSearchInput[] = [
  { query: '' },
  { query: 'jacket' },
  { query: 'waterproof jacket', size: ['M'] },
  { query: 'boots', inStockHere: true },
  { query: 'merino' },
  { query: 'down', sort: 'price_asc' },
  { query: 'tent' },
  { query: 'trail running shoes', inStockHere: true },
  { query: '', category: ['Sleeping Bags'] },
  { query: 'fleece', color: ['Navy', 'Black'] },
  { query: 'socks', priceMax: 2000 },
  { query: 'women', size: ['S', 'M'], inStockHere: true },
  { query: 'kids' },
  { query: 'pack 40' },
  { query: 'gloves' },
  { query: 'wat' },
];

export const benchCatalogCommand: Command = {
  name: 'bench catalog',
  summary: 'benchmark catalog search on the demo store (target p95 < 20 ms)',
  usage: 'aisle bench catalog [--rounds N] [--json]',
  async run(ctx) {
    const rounds = flagInt(ctx.args, 'rounds', 20)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-catalog-'));
    const rt = openRuntime({
      mode: 'cli',
      dataDir: dir,
      loaded: loadConfig({ env: {}, machineFile: null, userFile: null }),
      logDir: null,
    });
    try {
      const demo = loadDemoStore(rt.adb);
      const catalog = new CatalogService(rt);
      const inputs = QUERIES.map((q) => catalogSearchInput.parse(q));
      const samples = timeCalls(inputs, (i) => catalog.search(i), rounds, 2);
      const all = summarize(samples);
      const worst = inputs
        .map((input, k) => ({ input, s: summarize(samples.filter((_, j) => j % inputs.length === k)) }))
        .sort((a, b) => b.s.p95 - a.s.p95)[0]!;
      const result = {
        bench: 'catalog',
        catalog: { products: demo.products, variants: demo.variants },
        queries: inputs.length,
        calls: all.n,
        latencyMs: all,
        slowestQuery: { query: worst.input.query, p95: worst.s.p95 },
        targetP95Ms: 20,
        pass: all.p95 < 20,
      };
      if (ctx.json) ctx.io.json(result);
      ctx.io.say(
        `catalog search on the demo store (${demo.products} products, ${demo.variants} SKUs), ${all.n} calls: p50 ${all.p50} ms, p95 ${all.p95} ms, p99 ${all.p99} ms, max ${all.max} ms — target p95 < 20 ms: ${result.pass ? 'PASS' : 'FAIL'}`,
      );
      return EXIT.OK;
    } finally {
      rt.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
