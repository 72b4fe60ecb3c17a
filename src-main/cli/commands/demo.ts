/** `aisle demo [--seed N]`: (re)load the built-in demo store into the --data-dir database. */
import { EXIT, flagInt, type Command } from '../command';
import { loadDemoStore } from '../../demo/load';
import { DEFAULT_DEMO_SEED } from '../../demo/generate';

export const demoCommand: Command = {
  name: 'demo',
  summary: '(re)load the built-in demo store',
  usage: [
    'aisle demo [--seed N]',
    '',
    'Loads the demo outdoor retailer (3 stores, ~350 products, ~540 customers, a year of orders,',
    'four weeks of consultations) into the database. Earlier demo data is replaced; a database that',
    'holds real data is left untouched (exit 2). Demo PINs: managers 1234, associates 0000.',
    `  --seed N   another deterministic store (default ${DEFAULT_DEMO_SEED})`,
  ].join('\n'),
  async run(ctx) {
    const seed = flagInt(ctx.args, 'seed', DEFAULT_DEMO_SEED)!;
    const rt = ctx.runtime();
    const summary = loadDemoStore(rt.adb, { seed });
    if (ctx.json) {
      ctx.io.json({
        stores: summary.stores,
        products: summary.products,
        variants: summary.variants,
        inventoryRows: summary.inventoryRows,
        customers: summary.customers,
        orders: summary.orders,
        orderLines: summary.orderLines,
        associates: summary.associates,
        consultations: summary.consultations,
        seed: summary.seed,
        anchor: summary.anchor,
        seconds: summary.seconds,
      });
    } else {
      ctx.io.say(`Demo store loaded into ${rt.adb.file} (seed ${summary.seed}) in ${summary.seconds.toFixed(2)} s:`);
      ctx.io.say(
        `  ${summary.stores} stores, ${summary.products} products, ${summary.variants} variants, ${summary.inventoryRows} stock rows`,
      );
      ctx.io.say(
        `  ${summary.customers} customers, ${summary.orders} orders (${summary.orderLines} lines) over the last year`,
      );
      ctx.io.say(`  ${summary.associates} associates, ${summary.consultations} consultations over the last 4 weeks`);
      ctx.io.say('  Sign in with a manager PIN 1234 or an associate PIN 0000.');
    }
    return EXIT.OK;
  },
};
