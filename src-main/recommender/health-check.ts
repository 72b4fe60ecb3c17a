/**
 * The recommender's line in `aisle doctor` and Settings → Diagnostics: when the model was trained, on
 * how many baskets, which strategies are active or empty, and whether orders arrived since (stale).
 */
import type { AppRuntime } from '../app/runtime';
import type { DoctorCheck } from '../doctor/doctor';
import { modelHealth } from './model-store';

export function recommenderCheck(rt: AppRuntime): DoctorCheck {
  const h = modelHealth(rt.adb.sqlite, rt.dataDir);
  if (h.status === 'missing') {
    const orders = (rt.adb.sqlite.prepare('SELECT COUNT(*) AS n FROM orders WHERE customer_id IS NOT NULL').get() as { n: number }).n;
    if (orders === 0) return { name: 'recommender', status: 'ok', message: 'no customer orders synced yet: store best-sellers and "more like this" only' };
  }
  const status = h.status === 'ok' ? 'ok' : 'warn';
  return { name: 'recommender', status, message: h.message };
}
