/** `aisle bench hq`: HQ at chain size on PostgreSQL (src-main/hq/bench.ts); sizes are flags, figures are printed. */
import { EXIT, flagString, UsageError, type Command } from '../command';
import { FULL_SIZES, runHqBench, type HqBenchSizes } from '../../hq/bench';

export const benchHqCommand: Command = {
  name: 'bench hq',
  summary: 'HQ on PostgreSQL at chain size: first and incremental pulls, event ingest, chain-wide KPIs',
  usage: [
    'aisle bench hq [--scale F] [--skus N] [--stores N] [--customers N] [--order-lines N] [--laptops N] [--events-per-laptop N] [--rounds N] [--keep] [--json]',
    '  --rounds N: first pulls, each alternating with the raw baselines; medians are compared (default 3)',
    '  server: --database-url URL or AISLE_HQ_DATABASE_URL; the bench creates a database of its own there and drops it (--keep keeps it)',
    `  full size (scale 1): ${FULL_SIZES.skus} SKUs, ${FULL_SIZES.stores} stores (${FULL_SIZES.skus * FULL_SIZES.stores} inventory rows), ${FULL_SIZES.customers} customers, ${FULL_SIZES.orderLines} order lines, ${FULL_SIZES.laptops} laptops`,
    '  without a database URL, `aisle bench` (all benches) skips this one',
  ].join('\n'),
  async run(ctx) {
    const url = flagString(ctx.args, 'database-url') ?? process.env.AISLE_HQ_DATABASE_URL;
    if (!url) {
      ctx.io.say(
        'bench hq: skipped (set AISLE_HQ_DATABASE_URL or --database-url to a PostgreSQL server where it may create a database)',
      );
      return EXIT.OK;
    }
    const num = (flag: string, def: number) => {
      const v = flagString(ctx.args, flag);
      if (v === undefined) return def;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number, got "${v}"`);
      return n;
    };
    const scale = num('scale', 1);
    const sizes: HqBenchSizes = {
      skus: Math.round(num('skus', FULL_SIZES.skus * scale)),
      stores: Math.round(num('stores', FULL_SIZES.stores)),
      customers: Math.round(num('customers', FULL_SIZES.customers * scale)),
      orderLines: Math.round(num('order-lines', FULL_SIZES.orderLines * scale)),
      laptops: Math.round(num('laptops', FULL_SIZES.laptops)),
      eventsPerLaptop: Math.round(num('events-per-laptop', FULL_SIZES.eventsPerLaptop)),
      consultationsPerStoreDay: FULL_SIZES.consultationsPerStoreDay,
    };
    const r = await runHqBench(url, sizes, {
      keep: ctx.args.flags.keep === true,
      rounds: Math.round(num('rounds', 3)),
      say: (line) => ctx.io.say(line),
    });
    if (ctx.json) ctx.io.json(r);
    else {
      ctx.io.say('');
      ctx.io.say(
        `first full pull (median of ${r.firstPull.rounds}): ${r.firstPull.rows} rows, ${r.firstPull.rowsPerSecond} rows/s; ` +
          `raw read + insert into the laptop's tables ${r.rawBaseline.rowsPerSecond} rows/s: ratio ${r.pullToRawRatio} (target ≥ 0.5); ` +
          `into bare tables ${r.rawBareBaseline.rowsPerSecond} rows/s: ratio ${r.pullToRawBareRatio}`,
      );
      ctx.io.say(`incremental pull after 1% changes: ${r.incrementalPull.seconds} s (target < 5 s)`);
      ctx.io.say(
        `ingest: ${r.ingest.eventsPerSecond} events/s from ${r.ingest.laptops} laptops, p95 ${r.ingest.latencyMs.p95.toFixed(1)} ms`,
      );
      ctx.io.say(
        `chain-wide KPIs, a year (${r.kpis.consultations} consultations): p95 ${r.kpis.latencyMs.p95.toFixed(0)} ms (target < 500 ms)`,
      );
    }
    return EXIT.OK;
  },
};
