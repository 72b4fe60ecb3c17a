/** `aisle sync [--source NAME]`: run the configured sources now (inline; the app uses the scheduler). */
import { EXIT, flagString, UsageError, type Command } from '../command';
import { recoverInterruptedRuns, startRun } from '../../sync/import';
import { runSource } from '../../sync/sources';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'run the configured data sources (file/URL feeds, HQ API) now',
  usage: [
    'aisle sync [--source NAME] [--json]',
    '  sources come from the configuration file (key "sources"); see src-main/sync/README.md',
    '  exit 0 all succeeded, 1 some rows rejected, 2 a source failed',
  ].join('\n'),
  async run(ctx) {
    const rt = ctx.runtime();
    const name = flagString(ctx.args, 'source');
    const sources = name ? rt.config.sources.filter((s) => s.name === name) : rt.config.sources;
    if (name && !sources.length)
      throw new UsageError(
        `no source named "${name}" (configured: ${rt.config.sources.map((s) => s.name).join(', ') || 'none'})`,
      );
    if (!sources.length) {
      ctx.io.warn('aisle sync: no sources are configured (add "sources" to the configuration file)');
      if (ctx.json) ctx.io.json({ sources: [] });
      return EXIT.UNUSABLE;
    }
    recoverInterruptedRuns(rt.adb.sqlite);
    const results = [];
    for (const src of sources) {
      const runId = startRun(
        rt.adb.sqlite,
        src.name,
        src.type === 'hq' ? 'hq' : src.format,
        src.type === 'hq' ? src.baseUrl : src.location,
      );
      const r = await runSource(rt.adb.sqlite, src, {
        runId,
        limits: rt.config.import.limits,
        currency: rt.config.store.currency,
        // nothing else writes on the CLI's connection while it syncs
        exclusiveConnection: true,
      });
      results.push(r);
      ctx.io.say(`${src.name}: ${r.status}${r.error ? ` — ${r.error}` : ''} (run ${r.runId})`);
    }
    rt.events.emit('data.changed', { calls: ['catalog.search', 'sync.runs', 'sync.sources'] });
    if (ctx.json) ctx.io.json({ sources: results });
    if (results.some((r) => r.status === 'failed' || r.status === 'cancelled')) return EXIT.UNUSABLE;
    return results.some((r) => r.status === 'partial') ? EXIT.PARTIAL : EXIT.OK;
  },
};
