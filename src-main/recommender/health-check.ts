/**
 * The recommender's line in `aisle doctor` and Settings → Diagnostics: when the model was trained, on
 * how many baskets, which strategies are active or empty, whether orders arrived since (stale), and
 * which model won self-validation (IT reads figures here; Settings shows the same card as a chart).
 */
import { customerOrderCount } from './queries';
import type { AppRuntime } from '../app/runtime';
import type { DoctorCheck } from '../doctor/doctor';
import { modelHealth } from './model-store';
import { cardLine } from './selection/model-card';

export function recommenderCheck(rt: AppRuntime): DoctorCheck {
  const h = modelHealth(rt.adb.sqlite, rt.dataDir);
  if (h.status === 'missing') {
    const orders = customerOrderCount(rt.adb.sqlite);
    if (orders === 0)
      return {
        name: 'recommender',
        status: 'ok',
        message: 'no customer orders synced yet: store best-sellers and "more like this" only',
      };
  }
  const status = h.status === 'ok' ? 'ok' : 'warn';
  return { name: 'recommender', status, message: h.card ? `${h.message}; ${cardLine(h.card)}` : h.message };
}
