import { describe, it, expect } from 'vitest';
import { hashPin, verifyPin } from '../../../src-main/shared/pin-hash';

describe('PIN hashing', () => {
  it('accepts the right PIN, rejects a wrong one, and salts each hash', () => {
    const a = hashPin('4821');
    const b = hashPin('4821');
    expect(a).not.toBe(b);
    expect(verifyPin('4821', a)).toBe(true);
    expect(verifyPin('4822', a)).toBe(false);
    expect(verifyPin('', a)).toBe(false);
  });

  it('never throws on a missing or malformed stored hash', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'plain',
      'scrypt$x$8$1$c2FsdA==$aGFzaA==',
      'bcrypt$16384$8$1$c2FsdA==$aGFzaA==',
      'scrypt$16384$8$1$$',
    ]) {
      expect(verifyPin('1234', bad)).toBe(false);
    }
  });
});
