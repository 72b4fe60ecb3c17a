/**
 * Work the running app does on its own, off the UI path: scheduled syncs of the configured sources
 * and the daily transcript retention. Started by the desktop app and by browser mode (not by one-shot
 * CLI commands); the returned function stops it all before the database closes.
 */
import type { Services } from './services';
import { startRetentionScheduler } from '../review/retention';

export function startBackgroundWork({ rt, sync: scheduler }: Services): () => Promise<void> {
  scheduler.start();
  const stopRetention = startRetentionScheduler(rt);
  rt.logger.info('background work started', {
    sources: rt.config.sources.length,
    retentionDays: rt.config.retention.transcriptDays,
  });
  return async () => {
    stopRetention();
    await scheduler.shutdown();
    await rt.images.stop();
  };
}
