/**
 * Persisting the trained model: one file in <dataDir>/recommender/ (node:v8 serialisation keeps the
 * typed arrays as they are), one recommender_models row pointing at it, and the health summary that
 * `aisle doctor` and Settings show. Writes go to a temp file first, so a crash never leaves a half model.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type Database from 'better-sqlite3';
import type { ModelData } from './service';
import { cardFileOf, readCard, type ModelCard } from './selection/model-card';

export const MODEL_DIR = 'recommender';

export function saveModel(sqlite: Database.Database, dataDir: string, m: ModelData): string {
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
  sqlite
    .prepare(`INSERT INTO recommender_models (trained_at, baskets, customers, items, strategies, file, train_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(m.trainedAt, m.train.nBaskets, m.train.users.length, m.train.items.length, JSON.stringify(m.strategies), rel, m.trainSeconds);
  return rel;
}

interface ModelRow {
  trained_at: string;
  baskets: number;
  customers: number;
  items: number;
  strategies: string;
  file: string;
  train_seconds: number | null;
}

function latestRow(sqlite: Database.Database): ModelRow | undefined {
  return sqlite.prepare(`SELECT * FROM recommender_models ORDER BY id DESC LIMIT 1`).get() as ModelRow | undefined;
}

/** The newest saved model, or null when none was trained or its file is missing/unreadable. */
export function loadLatestModel(sqlite: Database.Database, dataDir: string): ModelData | null {
  const row = latestRow(sqlite);
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
export function modelHealth(sqlite: Database.Database, dataDir: string): ModelHealth {
  const row = latestRow(sqlite);
  if (!row || !fs.existsSync(path.join(dataDir, row.file)))
    return { status: 'missing', trainedAt: null, baskets: 0, customers: 0, items: 0, strategies: {}, trainSeconds: null, message: 'recommender not trained yet: run `aisle recommend --train` or train from Settings', card: null };
  const strategies = JSON.parse(row.strategies) as Record<string, string>;
  const newer = (sqlite.prepare(`SELECT COUNT(*) AS n FROM orders WHERE synced_at > ?`).get(row.trained_at) as { n: number }).n;
  const active = Object.entries(strategies).filter(([, v]) => v.startsWith('active')).map(([k]) => k);
  const empty = Object.entries(strategies).filter(([, v]) => !v.startsWith('active')).map(([k]) => k);
  const card = readCard(path.join(dataDir, row.file));
  return {
    status: newer > 0 ? 'stale' : 'ok',
    trainedAt: row.trained_at,
    baskets: row.baskets,
    customers: row.customers,
    items: row.items,
    strategies,
    trainSeconds: row.train_seconds,
    card,
    message:
      `trained ${row.trained_at.slice(0, 16).replace('T', ' ')} on ${row.baskets} baskets of ${row.customers} customers, ${row.items} items; ` +
      `active: ${active.join(', ') || 'none'}${empty.length ? `; empty: ${empty.join(', ')}` : ''}` +
      (newer > 0 ? `; ${newer} order(s) synced since — retrain` : ''),
  };
}
