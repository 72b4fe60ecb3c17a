import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, redact } from '../../../src-main/app/logger';
import { tempDir } from '../../support/runtime';

describe('structured logs', () => {
  it('writes one JSON object per line with time, level and message', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, level: 'info' });
    log.info('sync finished', { source: 'feed', rows: 120 });
    log.debug('not written at info level');
    const lines = fs
      .readFileSync(path.join(dir, 'aisle.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'sync finished', source: 'feed', rows: 120 });
    expect(Date.parse(lines[0].t)).not.toBeNaN();
  });

  it('never writes customer contact details, notes or secrets', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir });
    log.warn('customer lookup failed for jane.doe@example.com, +44 7700 900123', {
      customer: {
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane.doe@example.com',
        phone: '07700 900123',
        note: 'allergic to wool',
        externalId: 'C10001',
      },
      apiKey: 'sk-live-abc',
      headers: { authorization: 'Bearer xyz' },
    });
    const text = fs.readFileSync(path.join(dir, 'aisle.log'), 'utf8');
    for (const secret of ['jane.doe@example.com', 'Jane', 'Doe', '900123', 'allergic', 'sk-live-abc', 'Bearer xyz'])
      expect(text).not.toContain(secret);
    expect(text).toContain('C10001');
    expect(text).toContain('[email]');
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info('line', { i, pad: 'x'.repeat(50) });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['aisle.log', 'aisle.log.1', 'aisle.log.2', 'aisle.log.3']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    const newest = fs
      .readFileSync(path.join(dir, 'aisle.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).i);
    expect(newest[newest.length - 1]).toBe(199);
  });

  it('redacts errors too, keeping the stack for IT', () => {
    const e = new Error('no customer with email bob@example.org');
    const r = redact({ error: e }) as { error: { message: string; stack: string } };
    expect(r.error.message).toBe('no customer with email [email]');
    expect(r.error.stack).toContain('Error');
    expect(r.error.stack).not.toContain('bob@example.org');
  });
});
