/** `aisle import <format> <file>`: one file into the database, in one transaction (src-main/sync). */
import { EXIT, flagString, UsageError, type Command, type ParsedArgs } from '../command';
import { LIMIT_KNOBS, parseSize, type InputLimits } from '../../shared/input-limits';
import { IMPORT_FORMATS, type ImportFormat } from '../../sync/formats/detect';
import { runImport, type ImportReport } from '../../sync/import';

export function describeReport(r: ImportReport): string[] {
  const lines: string[] = [];
  const parts = [
    ['products', r.products],
    ['variants', r.variants],
    ['locations', r.locations],
    ['inventory rows', r.inventoryRows],
    ['customers', r.customers],
    ['orders', r.orders],
    ['order lines', r.orderLines],
  ]
    .filter(([, n]) => (n as number) > 0)
    .map(([k, n]) => `${(n as number).toLocaleString('en')} ${k}`);
  if (r.error) lines.push(`error: ${r.error}`);
  else {
    lines.push(`${r.file} (${r.format}): ${parts.join(', ') || 'nothing'}`);
    lines.push(
      `  ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.discontinued} discontinued, ${r.rejected.length} rejected — ${r.seconds} s`,
    );
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const x of r.rejected.slice(0, 20)) lines.push(`  rejected ${r.file}:${x.line} [${x.field}] ${x.message}`);
  if (r.rejected.length > 20) lines.push(`  … and ${r.rejected.length - 20} more rejected rows (use --json for all)`);
  return lines;
}

/** --max-bytes 64M … over the configured limits (configuration, then AISLE_IMPORT_MAX_*). */
export function limitFlags(args: ParsedArgs, configured: Partial<InputLimits>): Partial<InputLimits> {
  const out: Partial<InputLimits> = { ...configured };
  for (const [limit, knob] of Object.entries(LIMIT_KNOBS) as [
    keyof InputLimits,
    (typeof LIMIT_KNOBS)[keyof InputLimits],
  ][]) {
    const v = flagString(args, knob.flag.slice(2));
    if (v === undefined) continue;
    const n = parseSize(v);
    if (n === null)
      throw new UsageError(`${knob.flag} must be a positive number (suffixes k, M, G allowed), got "${v}"`);
    out[limit] = n;
  }
  return out;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a catalog, inventory, customer, order or transactions file',
  usage: [
    'aisle import <format> <file> [--encoding E] [--source NAME] [--currency CODE] [--json]',
    `  formats: ${IMPORT_FORMATS.join(', ')}`,
    '  gzip is detected; encodings: UTF-8 (±BOM), UTF-16 (BOM), windows-1252/latin-1 (detected or --encoding)',
    "  --currency: the store's currency: for prices written without one, and prices in another are counted",
    '    in a warning (default: store.currency in the configuration, else GBP)',
    '  limits (refused past them, nothing changed): --max-bytes (after gunzip, default 2G), --max-line-bytes (16M),',
    '    --max-cell-chars (1000000; the row is rejected), --max-columns (5000), --max-rejected-rows (100000);',
    '    also "import.limits" in the configuration or AISLE_IMPORT_MAX_BYTES / _LINE_BYTES / _CELL_CHARS /',
    '    _COLUMNS / _REJECTED_ROWS',
    '  exit 0 imported, 1 some rows rejected, 2 file unusable (nothing changed)',
  ].join('\n'),
  async run(ctx) {
    const [format, file] = ctx.args.positionals;
    if (!format || !file) throw new UsageError('needs a format and a file');
    if (!IMPORT_FORMATS.includes(format as ImportFormat))
      throw new UsageError(`unknown format "${format}"; one of ${IMPORT_FORMATS.join(', ')}`);
    const rt = ctx.runtime();
    const limits = limitFlags(ctx.args, rt.config.import.limits);
    const report = await runImport(rt.adb.sqlite, {
      limits,
      format: format as ImportFormat,
      file,
      encoding: flagString(ctx.args, 'encoding'),
      sourceName: flagString(ctx.args, 'source'),
      currency: flagString(ctx.args, 'currency') ?? rt.config.store.currency,
    });
    if (report.exitCode !== 2)
      rt.events.emit('data.changed', { calls: ['catalog.search', 'sync.runs', 'sync.sources'] });
    if (ctx.json) ctx.io.json(report);
    for (const line of describeReport(report)) {
      if (report.exitCode === 2) ctx.io.warn(line);
      else ctx.io.say(line);
    }
    return report.exitCode === 0 ? EXIT.OK : report.exitCode === 1 ? EXIT.PARTIAL : EXIT.UNUSABLE;
  },
};
