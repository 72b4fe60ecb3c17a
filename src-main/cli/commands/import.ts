/** `aisle import <format> <file>`: one file into the database, in one transaction (src-main/sync). */
import { EXIT, flagString, UsageError, type Command } from '../command';
import { IMPORT_FORMATS, type ImportFormat } from '../../sync/formats/detect';
import { runImport, type ImportReport } from '../../sync/import';

export function describeReport(r: ImportReport): string[] {
  const lines: string[] = [];
  const parts = [
    ['products', r.products], ['variants', r.variants], ['locations', r.locations], ['inventory rows', r.inventoryRows],
    ['customers', r.customers], ['orders', r.orders], ['order lines', r.orderLines],
  ].filter(([, n]) => (n as number) > 0).map(([k, n]) => `${(n as number).toLocaleString('en')} ${k}`);
  if (r.error) lines.push(`error: ${r.error}`);
  else {
    lines.push(`${r.file} (${r.format}): ${parts.join(', ') || 'nothing'}`);
    lines.push(`  ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.discontinued} discontinued, ${r.rejected.length} rejected — ${r.seconds} s`);
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const x of r.rejected.slice(0, 20)) lines.push(`  rejected ${r.file}:${x.line} [${x.field}] ${x.message}`);
  if (r.rejected.length > 20) lines.push(`  … and ${r.rejected.length - 20} more rejected rows (use --json for all)`);
  return lines;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a catalog, inventory, customer, order or transactions file',
  usage: [
    'aisle import <format> <file> [--encoding E] [--source NAME] [--currency CODE] [--json]',
    `  formats: ${IMPORT_FORMATS.join(', ')}`,
    '  gzip is detected; encodings: UTF-8 (±BOM), UTF-16 (BOM), windows-1252/latin-1 (detected or --encoding)',
    '  --currency: for prices written without one (default GBP)',
    '  exit 0 imported, 1 some rows rejected, 2 file unusable (nothing changed)',
  ].join('\n'),
  async run(ctx) {
    const [format, file] = ctx.args.positionals;
    if (!format || !file) throw new UsageError('needs a format and a file');
    if (!IMPORT_FORMATS.includes(format as ImportFormat)) throw new UsageError(`unknown format "${format}"; one of ${IMPORT_FORMATS.join(', ')}`);
    const rt = ctx.runtime();
    const report = await runImport(rt.adb.sqlite, {
      format: format as ImportFormat,
      file,
      encoding: flagString(ctx.args, 'encoding'),
      sourceName: flagString(ctx.args, 'source'),
      currency: flagString(ctx.args, 'currency'),
    });
    if (report.exitCode !== 2) rt.events.emit('data.changed', { calls: ['catalog.search', 'sync.runs', 'sync.sources'] });
    if (ctx.json) ctx.io.json(report);
    for (const line of describeReport(report)) (report.exitCode === 2 ? ctx.io.warn : ctx.io.say)(line);
    return report.exitCode === 0 ? EXIT.OK : report.exitCode === 1 ? EXIT.PARTIAL : EXIT.UNUSABLE;
  },
};
