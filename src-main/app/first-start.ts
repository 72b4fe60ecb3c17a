/** First start on an empty database: load the demo store, so a fresh laptop opens a working store. */
import type { AppRuntime } from './runtime';
import { isDatabaseEmpty, loadDemoStore, type DemoSummary } from '../demo/load';

export function ensureFirstStartData(rt: AppRuntime): DemoSummary | null {
  if (!isDatabaseEmpty(rt.adb)) return null;
  const summary = loadDemoStore(rt.adb);
  rt.logger.info('first start: demo store loaded', { ...summary });
  return summary;
}
