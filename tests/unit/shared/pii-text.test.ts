/**
 * Contact redaction in free text (logs, and what goes to a remote model): phone numbers in the
 * formats customers and exports use disappear, e-mails too, while the dates, times and numbers IT
 * needs to read a log stay exactly as written (issue #16: `2024-03-01T00:00:00` became
 * `[phone]T00:00:00`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactContacts } from '../../../src-main/shared/pii-text';
import { createFileLogger } from '../../../src-main/app/logger';
import { redactPii } from '../../../src-main/copilot/llm/fence';
import { tempDir } from '../../support/runtime';

describe('phone numbers go, in international and national formats', () => {
  const phones = [
    '+44 7700 900123',
    '+44 (0)20 7946 0958',
    '+1 (555) 123-4567',
    '(555) 123-4567',
    '555-123-4567',
    '555.123.4567',
    '+33 1 23 45 67 89',
    '+49 30 1234567',
    '0049 30 1234567',
    '+91-98765-43210',
    '+447700900123',
    '07700 900123',
    '07700900123',
    '020 7946 0958',
    '+61 2 9876 5432',
  ];
  for (const phone of phones) {
    it(phone, () => {
      expect(redactContacts(`call ${phone} after lunch`)).toBe('call [phone] after lunch');
    });
  }
});

describe('dates, times and numbers stay as written', () => {
  const kept = [
    '2024-03-01',
    '2024-03-01T00:00:00',
    '2024-03-01T09:41:00.000Z',
    '2024-03-01 09:41:00',
    '2024-03-01T09:41:00+01:00',
    '2024-03-01T09:41:00-0500',
    '20240301T094100Z',
    '01/03/2024',
    '1.3.2024',
    '01-03-2024',
    '2024/03/01',
    '09:41',
    '09:41:00.123',
    '127.0.0.1:8123',
    '5012345678900', // a GTIN
    '1733412345678', // epoch milliseconds
    '396337',
    '12345678.90',
    'C10001',
    'JKT-1-S',
    '2010-12-01 09:41:00/2010-12-02',
  ];
  for (const text of kept) {
    it(text, () => {
      expect(redactContacts(`at ${text} done`)).toBe(`at ${text} done`);
    });
  }

  it('a date next to a phone number: the date stays, the number goes', () => {
    expect(redactContacts('2024-03-01T10:00:00Z customer rang from +44 7700 900123 about order 18402')).toBe(
      '2024-03-01T10:00:00Z customer rang from [phone] about order 18402',
    );
  });
});

describe('e-mails go', () => {
  it('plain, tagged and international addresses', () => {
    expect(redactContacts('from jane.doe+shop@example.co.uk and zoë@exämple.de on 2024-03-01')).toBe(
      'from [email] and [email] on 2024-03-01',
    );
  });
});

describe('where it is used', () => {
  it('the log file keeps ISO dates in messages and fields, and has no phone number or e-mail', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir });
    log.info('database upgraded', {
      backup: '/data/backups/aisle-2024-03-01T09-41-00.db',
      ranAt: '2024-03-01T09:41:00.000Z',
    });
    log.warn('customer +1 (555) 123-4567 / sam@example.com asked for the order of 2024-02-28 14:05', {
      cutoff: '2024-01-01',
    });
    const lines = fs
      .readFileSync(path.join(dir, 'aisle.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines[0]).toMatchObject({
      backup: '/data/backups/aisle-2024-03-01T09-41-00.db',
      ranAt: '2024-03-01T09:41:00.000Z',
    });
    expect(lines[1]).toMatchObject({
      msg: 'customer [phone] / [email] asked for the order of 2024-02-28 14:05',
      cutoff: '2024-01-01',
    });
  });

  it('text for a remote model: contacts and the customer name go, dates and sizes stay', () => {
    expect(redactPii('Ada needs boots in size 10 by 2024-03-01, call 07700 900123 or ada@x.org', ['Ada'])).toBe(
      '[customer] needs boots in size 10 by 2024-03-01, call [phone] or [email]',
    );
  });
});
