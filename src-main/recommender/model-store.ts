/**
 * Persisting the trained model: one file in <dataDir>/recommender/ (node:v8 serialisation keeps the
 * typed arrays as they are), one recommender_models row pointing at it, and the health summary that
 * `aisle doctor` and Settings show. Writes go to a temp file first, so a crash never leaves a half model.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Sqlite } from '../db/statements';
import { insertSavedModel, latestSavedModel, ordersSyncedAfter } from './queries';
import type { ModelData } from './service';
import { cardFileOf, readCard, type ModelCard } from './selection/model-card';

export const MODEL_DIR = 'recommender';

export function saveModel(sqlite: Sqlite, dataDir: string, m: ModelData): string {
  const dir = path.join(dataDir, MODEL_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const rel = path.join(MODEL_DIR, `model-${m.trainedAt.replace(/[:.]/g, '-')}.bin`);
  const tmp = path.join(dataDir, rel + '.tmp');
  fs.writeFileSync(tmp, v8.serialize(m));
  if (m.card) {
    // the card first: a model file is never visible without the card that describes it
    const card = path.join(dataDir, cardFileOf(rel));
    fs.writeFileSync(card + '.tmp', JSON.stringify(m.card, null, 2));
    fs.renameSync(card + '.tmp', card);
  }
  fs.renameSync(tmp, path.join(dataDir, rel));
  insertSavedModel(sqlite, {
    trainedAt: m.trainedAt,
    baskets: m.train.nBaskets,
    customers: m.train.users.length,
    items: m.train.items.length,
    strategies: JSON.stringify(m.strategies),
    file: rel,
    trainSeconds: m.trainSeconds,
  });
  return rel;
}

/** The newest saved model, or null when none was trained or its file is missing/unreadable. */
export function loadLatestModel(sqlite: Sqlite, dataDir: string): ModelData | null {
  const row = latestSavedModel(sqlite);
  if (!row) return null;
  const file = path.join(dataDir, row.file);
  if (!fs.existsSync(file)) return null;
  try {
    const m = v8.deserialize(fs.readFileSync(file)) as ModelData;
    // models saved by an older version are retrained rather than misread
    return m.version === 3 ? m : null;
  } catch {
    return null;
  }
}

export interface ModelHealth {
  status: 'ok' | 'missing' | 'stale';
  trainedAt: string | null;
  baskets: number;
  customers: number;
  items: number;
  strategies: Record<string, string>;
  trainSeconds: number | null;
  /** one line for doctor and Settings */
  message: string;
  /** which model won self-validation on this store's data, with the holdout comparison; null for models trained before #14 */
  card: ModelCard | null;
}

/** Stale = orders newer than the model exist. */
export function modelHealth(sqlite: Sqlite, dataDir: string): ModelHealth {
  const row = latestSavedModel(sqlite);
  if (!row || !fs.existsSync(path.join(dataDir, row.file)))
    return {
      status: 'missing',
      trainedAt: null,
      baskets: 0,
      customers: 0,
      items: 0,
      strategies: {},
      trainSeconds: null,
      message: 'recommender not trained yet: run `aisle recommend --train` or train from Settings',
      card: null,
    };
  const strategies = JSON.parse(row.strategies) as Record<string, string>;
  const newer = ordersSyncedAfter(sqlite, row.trainedAt);
  const active = Object.entries(strategies)
    .filter(([, v]) => v.startsWith('active'))
    .map(([k]) => k);
  const empty = Object.entries(strategies)
    .filter(([, v]) => !v.startsWith('active'))
    .map(([k]) => k);
  const card = readCard(path.join(dataDir, row.file));
  return {
    status: newer > 0 ? 'stale' : 'ok',
    trainedAt: row.trainedAt,
    baskets: row.baskets,
    customers: row.customers,
    items: row.items,
    strategies,
    trainSeconds: row.trainSeconds,
    card,
    message:
      `trained ${row.trainedAt.slice(0, 16).replace('T', ' ')} on ${row.baskets} baskets of ${row.customers} customers, ${row.items} items; ` +
      `active: ${active.join(', ') || 'none'}${empty.length ? `; empty: ${empty.join(', ')}` : ''}` +
      (newer > 0 ? `; ${newer} order(s) synced since — retrain` : ''),
  };
}
