import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { AuthService } from '../../../src-main/auth/auth-service';
import { lockState, LOCKOUT } from '../../../src-main/auth/pin-lockout';
import { hashPin, verifyPin } from '../../../src-main/shared/pin-hash';
import { testRuntime } from '../../support/runtime';
import { loadReviewFixture, PINS } from '../../support/review-fixture';

const ctxFor = (rt: ReturnType<typeof testRuntime>, token: string | null = null): CallContext => ({
  actor: rt.sessions.resolve(token),
  transport: 'test',
  events: rt.events,
  sessionToken: token,
});

describe('PIN sign-in', () => {
  it('signs in with the right PIN and returns a session the next call is resolved with', async () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
    const r = await dispatch('auth.signIn', { associateId: 'ana', pin: PINS.ana }, ctxFor(rt));
    expect(r.ok).toBe(true);
    const { sessionToken, actor } = (r as { ok: true; data: { sessionToken: string; actor: unknown } }).data;
    expect(actor).toEqual({ associateId: 'ana', name: 'Ana Ruiz', role: 'associate' });
    const who = await dispatch('auth.whoami', {}, ctxFor(rt, sessionToken));
    expect(who).toEqual({ ok: true, data: { actor } });
    const out = await dispatch('auth.signOut', {}, ctxFor(rt, sessionToken));
    expect(out).toEqual({ ok: true, data: { signedOut: true } });
    expect(rt.sessions.resolve(sessionToken)).toBeNull();
    const attempts = rt.adb.sqlite.prepare("SELECT ok FROM pin_attempts WHERE associate_id = 'ana'").all();
    expect(attempts).toEqual([{ ok: 1 }]);
  });

  it('lists people without any PIN hash in the answer', async () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
    const r = await dispatch('auth.people', {}, ctxFor(rt));
    expect(r.ok && (r.data as { people: { id: string }[] }).people.map((p) => p.id)).toEqual(['ana', 'ben', 'mia']);
    expect(JSON.stringify(r)).not.toContain('scrypt');
  });

  it('locks a person after 5 wrong PINs, says when to retry, and doubles the lock on the next wrong streak', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    let now = Date.parse('2025-03-03T09:00:00.000Z');
    const auth = new AuthService(rt, { now: () => now });
    for (let i = 0; i < 4; i++) {
      expect(() => auth.signIn('ben', '0000')).toThrow(/Wrong PIN/);
      now += 1000;
    }
    let err: unknown;
    try {
      auth.signIn('ben', '0000');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAt: '2025-03-03T09:01:04.000Z', retryAfterSeconds: 60 },
    });
    expect((err as Error).message).toMatch(/Try again in 60 seconds/);
    // Even the right PIN is refused during the lock, and tapping again does not lengthen it.
    now += 30_000;
    expect(() => auth.signIn('ben', PINS.ben)).toThrow(
      expect.objectContaining({
        code: 'RATE_LIMITED',
        details: expect.objectContaining({ retryAt: '2025-03-03T09:01:04.000Z' }),
      }),
    );
    // After the lock, one more wrong PIN locks for 2 minutes.
    now = Date.parse('2025-03-03T09:01:05.000Z');
    expect(() => auth.signIn('ben', '0001')).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED', details: expect.objectContaining({ retryAfterSeconds: 120 }) }),
    );
    // Others are not affected.
    expect(auth.signIn('ana', PINS.ana).actor.associateId).toBe('ana');
    // Every try was recorded, locked ones included.
    const n = (
      rt.adb.sqlite.prepare("SELECT COUNT(*) AS n FROM pin_attempts WHERE associate_id = 'ben'").get() as { n: number }
    ).n;
    expect(n).toBe(7);
    // After the lock the right PIN works and clears the streak.
    now += 121_000;
    expect(auth.signIn('ben', PINS.ben).actor.associateId).toBe('ben');
    expect(() => auth.signIn('ben', '0000')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('reports RATE_LIMITED over the contract too, with retryAt', async () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const dispatch = createDispatcher(createHandlers(createServices(rt)));
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await dispatch('auth.signIn', { associateId: 'mia', pin: '4321' }, ctxFor(rt));
      if (!r.ok) codes.push(r.error.code);
    }
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
  });

  it('lock policy: caps at one hour and forgets failures older than a day', () => {
    const fails = (times: number[]) => times.map((at) => ({ ok: false, at }));
    const many = fails(Array.from({ length: 30 }, (_, i) => (i * 4 * 3_600_000) / 30));
    const last = many[many.length - 1]!.at;
    expect(lockState(many, last + 1).retryAt! - last).toBeLessThanOrEqual(LOCKOUT.maxLockMs);
    expect(lockState(fails([0, 1, 2, 3, 4]), 2 * LOCKOUT.lookbackMs).locked).toBe(false);
  });

  it('refuses a malformed PIN before counting it', async () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const dispatch = createDispatcher(createHandlers(createServices(rt)));
    const r = await dispatch('auth.signIn', { associateId: 'ana', pin: '12' }, ctxFor(rt));
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.message).toContain('"pin"');
  });
});

describe('people and PINs', () => {
  it('brings configured people in at start, with IT’s PIN hash', async () => {
    const rt = testRuntime({
      storeId: 'S1',
      config: {
        roles: {
          people: [
            { id: 'zoe', name: 'Zoe Park', role: 'manager', pinHash: hashPin('5555') },
            { id: 'yan', name: 'Yan Li', role: 'associate' },
          ],
        },
      },
    });
    const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
    const people = await dispatch('auth.people', {}, ctxFor(rt));
    expect(people).toMatchObject({
      ok: true,
      data: {
        people: [
          { id: 'yan', hasPin: false, source: 'config' },
          { id: 'zoe', role: 'manager', hasPin: true, source: 'config' },
        ],
      },
    });
    const r = await dispatch('auth.signIn', { associateId: 'zoe', pin: '5555' }, ctxFor(rt));
    expect(r.ok).toBe(true);
    const noPin = await dispatch('auth.signIn', { associateId: 'yan', pin: '1234' }, ctxFor(rt));
    expect(noPin).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('no PIN yet') },
    });
  });

  it('lets a manager create an associate and set their PIN; an associate can do neither for others', async () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
    const mia = rt.sessions.create({ associateId: 'mia', name: 'Mia Chen', role: 'manager' });
    const ana = rt.sessions.create({ associateId: 'ana', name: 'Ana Ruiz', role: 'associate' });
    const created = await dispatch('auth.createAssociate', { name: 'Léa Dubois', pin: '3141' }, ctxFor(rt, mia));
    expect(created).toMatchObject({
      ok: true,
      data: { id: 'lea.dubois', name: 'Léa Dubois', role: 'associate', hasPin: true, source: 'app' },
    });
    const stored = rt.adb.sqlite.prepare("SELECT pin_hash AS h FROM associates WHERE id = 'lea.dubois'").get() as {
      h: string;
    };
    expect(stored.h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(verifyPin('3141', stored.h)).toBe(true);
    expect(await dispatch('auth.createAssociate', { name: 'X', pin: '1111' }, ctxFor(rt, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await dispatch('auth.createAssociate', { id: 'ana', name: 'Ana 2', pin: '1111' }, ctxFor(rt, mia)),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // "associate" is what consultations with nobody signed in carry: no person may hold it, or Review credits them
    const people = () => rt.adb.sqlite.prepare('SELECT count(*) AS n FROM associates').get() as { n: number };
    const before = people().n;
    expect(
      await dispatch('auth.createAssociate', { id: 'associate', name: 'Amy', pin: '1111' }, ctxFor(rt, mia)),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('kept for "nobody signed in"') },
    });
    expect(people().n).toBe(before);
    expect(await dispatch('auth.createAssociate', { name: 'Associate', pin: '1111' }, ctxFor(rt, mia))).toMatchObject({
      ok: true,
      data: { id: 'associate2', name: 'Associate' },
    });
    // a name with no Latin letters gets a neutral id, not the stand-in
    expect(await dispatch('auth.createAssociate', { name: '张伟', pin: '1111' }, ctxFor(rt, mia))).toMatchObject({
      ok: true,
      data: { id: 'person', name: '张伟' },
    });
    expect(await dispatch('auth.setPin', { associateId: 'ben', newPin: '7777' }, ctxFor(rt, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await dispatch('auth.setPin', { associateId: 'ben', newPin: '7777' }, ctxFor(rt, mia))).toMatchObject({
      ok: true,
    });
    expect((await dispatch('auth.signIn', { associateId: 'ben', pin: '7777' }, ctxFor(rt))).ok).toBe(true);
    // Own PIN: the current one is required and checked.
    expect(await dispatch('auth.setPin', { associateId: 'ana', newPin: '8888' }, ctxFor(rt, ana))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await dispatch('auth.setPin', { associateId: 'ana', currentPin: '0000', newPin: '8888' }, ctxFor(rt, ana)),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(
      await dispatch('auth.setPin', { associateId: 'ana', currentPin: PINS.ana, newPin: '8888' }, ctxFor(rt, ana)),
    ).toMatchObject({ ok: true });
    expect((await dispatch('auth.signIn', { associateId: 'ana', pin: '8888' }, ctxFor(rt))).ok).toBe(true);
  });

  it('switching person ends the previous session at this screen', async () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const auth = new AuthService(rt);
    const first = auth.signIn('ana', PINS.ana).sessionToken;
    const second = auth.signIn('mia', PINS.mia, first);
    expect(rt.sessions.resolve(first)).toBeNull();
    expect(rt.sessions.resolve(second.sessionToken)?.associateId).toBe('mia');
  });
});
