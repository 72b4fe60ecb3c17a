/** `aisle doctor`: configuration, database, disk, data sources, LLM, versions — exit 0 healthy, 1 warnings, 2 broken. */
import { EXIT, type Command } from '../command';
import { runDoctor } from '../../doctor/doctor';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check configuration, database, data sources and LLM; print a report',
  usage: 'aisle doctor [--json] [--data-dir DIR]\n  Exit 0 healthy, 1 warnings, 2 broken (the configuration or database is unusable).',
  async run(ctx) {
    const report = await runDoctor(ctx.runtime());
    if (ctx.json) ctx.io.json(report);
    else {
      ctx.io.say(`Aisle ${report.version} — ${report.status}`);
      ctx.io.say(`store ${report.store.name} (${report.store.id}); data ${report.dataDir}; logs ${report.logDir ?? 'off'}; schema ${report.schemaVersion}`);
      ctx.io.say(`counts: ${Object.entries(report.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
      for (const c of report.checks) ctx.io.say(`  [${c.status.toUpperCase().padEnd(4)}] ${c.name}: ${c.message}`);
    }
    return report.status === 'healthy' ? EXIT.OK : report.status === 'warnings' ? EXIT.PARTIAL : EXIT.UNUSABLE;
  },
};
