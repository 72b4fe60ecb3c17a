import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { CSV_COLUMNS } from '../../../src-main/review/export';
import { verifyPin } from '../../../src-main/shared/pin-hash';
import { tempDir } from '../../support/runtime';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('aisle sessions export on the demo store', () => {
  const dir = tempDir('aisle-export-');
  const before = process.env.AISLE_CONFIG;
  beforeAll(() => {
    // The default configuration: nothing from this machine may switch contact details on.
    process.env.AISLE_CONFIG = path.join(dir, 'none.json');
    fs.writeFileSync(process.env.AISLE_CONFIG, '{}');
  });
  afterAll(() => {
    if (before === undefined) delete process.env.AISLE_CONFIG;
    else process.env.AISLE_CONFIG = before;
  });

  it('prints a CSV of the demo consultations with no customer e-mail or phone in it', async () => {
    expect((await cli(['--data-dir', dir, 'demo'])).code).toBe(0);
    const r = await cli(['--data-dir', dir, 'sessions', 'export', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse<Record<string, string>>(r.stdout, { columns: true });
    const db = new Database(path.join(dir, 'aisle.db'), { readonly: true });
    const store = (db.prepare('SELECT id FROM stores ORDER BY id LIMIT 1').get() as { id: string }).id;
    const expected = (
      db.prepare('SELECT COUNT(*) AS n FROM consultations WHERE store_id = ?').get(store) as { n: number }
    ).n;
    expect(rows.length).toBe(expected);
    expect(rows.length).toBeGreaterThan(10);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(new Set(rows.map((x) => x.store_id))).toEqual(new Set([store]));
    const contacts = db.prepare('SELECT email, phone FROM customers').all() as {
      email: string | null;
      phone: string | null;
    }[];
    const known = contacts.flatMap((c) => [c.email, c.phone]).filter((x): x is string => !!x && x.length > 4);
    expect(known.length).toBeGreaterThan(100);
    for (const k of known) expect(r.stdout).not.toContain(k);
    expect(r.stdout).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    // The figures agree with the database.
    const purchased = (
      db.prepare("SELECT COUNT(*) AS n FROM consultations WHERE store_id = ? AND outcome = 'purchased'").get(store) as {
        n: number;
      }
    ).n;
    expect(rows.filter((x) => x.outcome === 'purchased').length).toBe(purchased);
    // The export itself is in the access log.
    const log = db.prepare("SELECT associate_id AS who, detail FROM access_log WHERE action = 'export'").all() as {
      who: string;
      detail: string;
    }[];
    expect(log).toHaveLength(1);
    expect(log[0]!.who).toMatch(/^cli:/);
    expect(JSON.parse(log[0]!.detail)).toMatchObject({ format: 'csv', rows: expected, contactDetails: false });
    db.close();
  });

  it('writes JSONL with transcripts, e-mail addresses masked', async () => {
    const out = path.join(dir, 'x.jsonl');
    const r = await cli(['--data-dir', dir, 'sessions', 'export', '--format', 'jsonl', '--out', out]);
    expect(r.code).toBe(0);
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.messages.length > 0)).toBe(true);
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
  });

  it('names a bad flag and exits 2', async () => {
    const bad = await cli(['--data-dir', dir, 'sessions', 'export', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be csv or jsonl');
    const date = await cli(['--data-dir', dir, 'sessions', 'export', '--from', '03/01/2025']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--from must be a date');
  });

  it('hash-pin prints a hash the sign-in accepts', async () => {
    const r = await cli(['associates', 'hash-pin', '4826']);
    expect(r.code).toBe(0);
    expect(verifyPin('4826', r.stdout.trim())).toBe(true);
    expect((await cli(['associates', 'hash-pin', '12'])).code).toBe(2);
  });
});
