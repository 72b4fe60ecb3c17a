/**
 * The model card a retailer reads (issue #14): training on the demo store's orders self-validates,
 * `aisle doctor --json` and the recommender status show which model won with its holdout scores next
 * to GP-TopFreq, the card is saved beside the model file, and `aisle recommend --explain` prints the
 * evidence behind each suggestion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aisle } from '../../support/cli';

let dir = '';
let explained: any;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-model-card-'));
  expect((await aisle('--data-dir', dir, 'demo', '--json')).code).toBe(0);
  const run = await aisle(
    '--data-dir',
    dir,
    'recommend',
    '--customer',
    'C10001',
    '--train',
    '--explain',
    '--k',
    '5',
    '--json',
  );
  expect(run.code).toBe(0);
  explained = run.json();
}, 120_000);

describe('model card', () => {
  it('doctor --json names the winning model, its holdout scores and the baseline with a 95% interval', async () => {
    const run = await aisle('--data-dir', dir, 'doctor', '--json');
    const card = run.json().recommender.card;
    expect(card.baseline).toBe('gp-topfreq');
    expect(card.candidates.map((c: { model: string }) => c.model)).toEqual([
      'gp-topfreq',
      'recent-pop',
      'repurchase',
      'two-stage',
    ]);
    const won = card.candidates.find((c: { chosen: boolean }) => c.chosen);
    expect(won.model).toBe(card.chosen);
    expect(won.ndcg10).toBeGreaterThan(0);
    expect(won.vsBaseline.lo).toBeLessThanOrEqual(won.vsBaseline.mean);
    expect(won.vsBaseline.mean).toBeLessThanOrEqual(won.vsBaseline.hi);
    // the demo store's year of orders, its customers, and a holdout of its most recent weeks
    expect(card.data).toMatchObject({ spanDays: 365, customers: 540 });
    expect(card.holdout).toMatch(/^the last \d+ days of the training data/);
    expect(card.holdoutCustomers).toBeGreaterThan(100);
    const line = run.json().checks.find((c: { name: string }) => c.name === 'recommender');
    expect(line.message).toMatch(
      new RegExp(`model ${card.chosen} chosen on a holdout of ${card.holdoutCustomers} customers`),
    );
    const files = fs.readdirSync(path.join(dir, 'recommender'));
    expect(files.filter((f) => f.endsWith('.card.json'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
  });

  it('recommend --explain gives each suggestion its evidence, and the ranker contributions when it orders the list', () => {
    expect(explained.model).toMatch(/^(gp-topfreq|recent-pop|repurchase|two-stage)$/);
    expect(explained.results.length).toBeGreaterThan(0);
    for (const r of explained.results) {
      expect(r.evidence.purchase_days_all_customers).toBeGreaterThan(0);
      expect(r.evidence).toHaveProperty('bought_by_customer');
      if (explained.model === 'two-stage') expect(r.contributions.length).toBeGreaterThan(0);
    }
  });
});
