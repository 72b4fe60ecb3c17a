/**
 * `aisle sessions export --format csv|jsonl [--from DATE] [--to DATE] [--associate ID] [--out FILE]`:
 * this store's consultations, one CSV row each (KPI fields) or one JSON line each (full transcript).
 * Customer contact details stay out unless privacy.exportContactDetails is on. The export is
 * recorded in the access log as `cli:<os user>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { EXIT, flagString, UsageError, type Command } from '../command';
import { cliScope } from '../../auth/scope';
import { isoDay } from '../../contract/review';

function day(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!isoDay.safeParse(v).success || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new UsageError(`--${flag} must be a date like 2025-03-31, got "${v}"`);
  return v;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export const sessionsExportCommand: Command = {
  name: 'sessions export',
  summary: 'export consultations as CSV (one row each) or JSONL (full transcripts)',
  usage: [
    'aisle sessions export --format csv|jsonl [--from DATE] [--to DATE] [--associate ID] [--out FILE] [--json]',
    '',
    '  --format csv    one row per consultation: outcome, basket, satisfaction, turns, suggestions, engines, latencies',
    '  --format jsonl  one consultation per line with its messages and suggestions',
    '  --from/--to     days (UTC, both included) on which consultations started',
    '  --out FILE      write the file instead of printing it',
    'Customer e-mail/phone/name are left out unless privacy.exportContactDetails is true in the configuration.',
  ].join('\n'),
  async run(ctx) {
    const format = flagString(ctx.args, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, got "${format}"`);
    const from = day('from', flagString(ctx.args, 'from'));
    const to = day('to', flagString(ctx.args, 'to'));
    if (from && to && from > to) throw new UsageError(`--from (${from}) is after --to (${to})`);
    const associate = flagString(ctx.args, 'associate');
    const out = flagString(ctx.args, 'out');
    const rt = ctx.runtime();
    // review.export is a manager's call; the CLI acts as the machine's IT user (cliScope), so it calls the service
    const result = ctx
      .services()
      .exporter.export(
        { format, from, to, ...(associate ? { associateIds: [associate] } : {}) },
        cliScope(rt.here().id, osUser()),
      );
    if (out) fs.writeFileSync(out, result.content);
    if (ctx.json) {
      ctx.io.json({
        filename: out ?? result.filename,
        rows: result.rows,
        contactDetailsIncluded: result.contactDetailsIncluded,
        ...(out ? {} : { content: result.content }),
      });
    } else if (out) {
      ctx.io.say(
        `${result.rows} consultations of ${rt.here().name} written to ${out}${result.contactDetailsIncluded ? ' (with customer contact details)' : ''}.`,
      );
    } else {
      if (result.content) ctx.io.say(result.content.replace(/\n$/, ''));
      ctx.io.warn(
        `${result.rows} consultations of ${rt.here().name}${result.contactDetailsIncluded ? ', with customer contact details' : ''}.`,
      );
    }
    return EXIT.OK;
  },
};
