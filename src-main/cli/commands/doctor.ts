/** `aisle doctor`: configuration, database, disk, data sources, LLM, clock, versions — exit 0 healthy, 1 warnings, 2 broken. */
import { EXIT, type Command } from '../command';
import { runDoctor, unopenableReport, type DoctorReport } from '../../doctor/doctor';
import { ConfigError } from '../../settings/config';
import { APP_VERSION } from '../../app/runtime';
import { defaultDataDir } from '../../settings/paths';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check configuration, database, data sources and LLM; print a report',
  usage:
    'aisle doctor [--json] [--data-dir DIR]\n  Exit 0 healthy, 1 warnings, 2 broken (the configuration or database is unusable).',
  async run(ctx) {
    let report: DoctorReport;
    try {
      report = await runDoctor(ctx.runtime());
    } catch (e) {
      const err = e as Error & { code?: string };
      const configProblem = e instanceof ConfigError;
      report = unopenableReport(err, {
        version: APP_VERSION,
        dataDir: ctx.dataDir ?? process.env.AISLE_DATA_DIR ?? defaultDataDir(),
        configProblem,
        file: configProblem ? e.file : undefined,
      });
    }
    if (ctx.json) ctx.io.json(report);
    else {
      ctx.io.say(`Aisle ${report.version} — ${report.status}`);
      ctx.io.say(
        `store ${report.store.name} (${report.store.id}); data ${report.dataDir}; logs ${report.logDir ?? 'off'}; schema ${report.schemaVersion}`,
      );
      ctx.io.say(
        `counts: ${Object.entries(report.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      );
      for (const c of report.checks) ctx.io.say(`  [${c.status.toUpperCase().padEnd(4)}] ${c.name}: ${c.message}`);
      ctx.io.say(
        `versions: ${Object.entries(report.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    }
    if (report.status !== 'healthy')
      for (const c of report.checks.filter((c) => c.status === 'fail'))
        ctx.io.warn(`aisle doctor: ${c.name}: ${c.message}`);
    return report.status === 'healthy' ? EXIT.OK : report.status === 'warnings' ? EXIT.PARTIAL : EXIT.UNUSABLE;
  },
};
