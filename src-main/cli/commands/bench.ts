/** `aisle bench`: every performance benchmark, one after another, each printing its figures. */
import { EXIT, type Command } from '../command';

export function benchAllCommand(all: () => Command[]): Command {
  return {
    name: 'bench',
    summary: 'run the performance benchmarks (or one: aisle bench catalog|import|recommend|copilot|kpi)',
    usage:
      'aisle bench [--json]\n  Runs every `aisle bench <name>` in turn. Figures are medians and tails measured in one run.',
    async run(ctx) {
      const benches = all().filter((c) => c.name.startsWith('bench '));
      let worst: number = EXIT.OK;
      for (const b of benches) {
        ctx.io.say(`\n== ${b.name}`);
        const code = await b.run(ctx);
        worst = Math.max(worst, code);
      }
      return worst;
    },
  };
}
