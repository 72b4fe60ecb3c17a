/** How customers and their preferences read on screen, and what customer view leaves out of a search hit. */
import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../src-main/contract';
import {
  customerSubtitle,
  groupPreferences,
  initials,
  preferenceKey,
  preferenceLabel,
  scopeLabel,
} from '../../../src-renderer/src/features/customers/customer-logic';

const hit: CustomerSummary = {
  customerId: 1,
  externalId: 'C1',
  name: 'Louise Kowalski',
  email: 'louise@example.com',
  phone: '+447700900211',
  loyaltyId: 'LOY-1',
  city: 'Paisley',
  orderCount: 5,
  lastOrderAt: null,
  matched: 'phone',
};

describe('customer display', () => {
  it('leads with the field that matched, and customer view drops every contact detail', () => {
    expect(customerSubtitle(hit, { hideContacts: false })).toBe('+447700900211 · louise@example.com · Loyalty LOY-1');
    expect(customerSubtitle({ ...hit, matched: 'name' }, { hideContacts: false })).toBe(
      'louise@example.com · +447700900211 · Loyalty LOY-1',
    );
    expect(customerSubtitle(hit, { hideContacts: true })).toBe('Paisley');
  });

  it('labels preferences in words, sizes first', () => {
    const prefs = [
      { kind: 'brand' as const, scope: '', value: 'Peakline', evidence: '', origin: 'derived' as const },
      { kind: 'size' as const, scope: 'tops', value: 'M', evidence: 'M in 7 of 9 tops', origin: 'derived' as const },
      { kind: 'color' as const, scope: '', value: 'Blue', evidence: '', origin: 'confirmed' as const },
    ];
    const g = groupPreferences(prefs);
    expect(g.sizes.map((p) => p.value)).toEqual(['M']);
    expect(g.tastes.map((p) => p.value)).toEqual(['Blue', 'Peakline']);
    expect(preferenceLabel(prefs[1]!)).toBe('Size · Tops');
    expect(preferenceLabel(prefs[0]!)).toBe('Brand');
    expect(scopeLabel('womenUk')).toBe("Women's clothing (UK)");
    expect(preferenceKey({ kind: 'size', scope: 'tops', value: 'L' })).toBe(preferenceKey(prefs[1]!)); // one size per scope
    expect(initials('Louise Kowalski')).toBe('LK');
    expect(initials('Cher')).toBe('C');
  });
});
