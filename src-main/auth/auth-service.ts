/** Sign-in with a PIN, sign-out, PIN changes. Sessions live in rt.sessions (shared by both adapters). */
import { insertPinAttempt, pinAttemptsSince } from './queries';
import type { AppRuntime } from '../app/runtime';
import type { Actor } from '../contract/handlers';
import type { Person, RoleName } from '../contract/auth';
import { AppError } from '../contract/errors';
import { hashPin, verifyPin } from '../shared/pin-hash';
import { PeopleDirectory } from './people';
import { LOCKOUT, lockState, type Attempt } from './pin-lockout';

export interface AuthServiceOptions {
  /** the clock, replaceable in tests */
  now?: () => number;
}

export class AuthService {
  readonly people: PeopleDirectory;
  private readonly now: () => number;

  constructor(
    private readonly rt: AppRuntime,
    opts: AuthServiceOptions = {},
  ) {
    this.people = new PeopleDirectory(rt.adb.sqlite, rt.config, rt.here().id);
    this.now = opts.now ?? Date.now;
  }

  private attempts(associateId: string): Attempt[] {
    const since = new Date(this.now() - LOCKOUT.lookbackMs).toISOString();
    return pinAttemptsSince(this.rt.adb.sqlite, associateId, since).map((r) => ({ ok: !!r.ok, at: Date.parse(r.at) }));
  }

  private record(associateId: string, ok: boolean): void {
    insertPinAttempt(this.rt.adb.sqlite, associateId, ok, new Date(this.now()).toISOString());
  }

  /**
   * Checks a PIN against the lock and the hash, recording the attempt either way.
   * Throws RATE_LIMITED (with retryAt) while locked, UNAUTHENTICATED for a wrong PIN.
   */
  checkPin(associateId: string, pin: string): void {
    const person = this.people.get(associateId);
    if (!person || !person.active)
      throw new AppError('NOT_FOUND', `No one with the id "${associateId}" can sign in here.`);
    const before = lockState(this.attempts(associateId), this.now());
    if (before.locked) {
      this.record(associateId, false);
      throw this.lockedError(person.name, before.retryAt!);
    }
    if (!person.pinHash) throw new AppError('UNAUTHENTICATED', `${person.name} has no PIN yet: a manager can set one.`);
    const ok = verifyPin(pin, person.pinHash);
    this.record(associateId, ok);
    if (ok) return;
    const after = lockState(this.attempts(associateId), this.now());
    if (after.locked) throw this.lockedError(person.name, after.retryAt!);
    const left = LOCKOUT.threshold - after.streak;
    throw new AppError(
      'UNAUTHENTICATED',
      left > 0 && left <= 2
        ? `Wrong PIN. ${left} more wrong ${left === 1 ? 'try locks' : 'tries lock'} sign-in for ${person.name} for a while.`
        : 'Wrong PIN.',
      { attemptsLeft: Math.max(left, 0) },
    );
  }

  private lockedError(name: string, retryAt: number): AppError {
    const iso = new Date(retryAt).toISOString();
    const secs = Math.max(1, Math.ceil((retryAt - this.now()) / 1000));
    const wait = secs < 90 ? `${secs} seconds` : `${Math.ceil(secs / 60)} minutes`;
    return new AppError('RATE_LIMITED', `Too many wrong PINs for ${name}. Try again in ${wait} (at ${iso}).`, {
      retryAt: iso,
      retryAfterSeconds: secs,
    });
  }

  signIn(associateId: string, pin: string, previousToken?: string | null): { sessionToken: string; actor: Actor } {
    this.checkPin(associateId, pin);
    const row = this.people.get(associateId)!;
    const actor: Actor = { associateId: row.id, name: row.name, role: row.role };
    if (previousToken) this.rt.sessions.end(previousToken);
    return { sessionToken: this.rt.sessions.create(actor), actor };
  }

  signOut(token: string | null | undefined): boolean {
    if (!token || !this.rt.sessions.resolve(token)) return false;
    this.rt.sessions.end(token);
    return true;
  }

  createAssociate(input: { id?: string; name: string; role: RoleName; pin: string }): Person {
    return this.people.create(input);
  }

  /** Own PIN with the current one; a manager may set anyone's (e.g. a forgotten PIN). */
  setPin(actor: Actor | null, input: { associateId: string; currentPin?: string; newPin: string }): void {
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to change a PIN.');
    const target = this.people.get(input.associateId);
    if (!target) throw new AppError('NOT_FOUND', `No one with the id "${input.associateId}".`);
    const self = actor.associateId === target.id;
    if (!self && actor.role !== 'manager')
      throw new AppError('FORBIDDEN', 'Only a manager can set someone else’s PIN.');
    if (self && actor.role !== 'manager' && target.pinHash) {
      if (!input.currentPin)
        throw new AppError('VALIDATION', 'auth.setPin: "currentPin" is needed to change your own PIN.', {
          field: 'currentPin',
        });
      this.checkPin(target.id, input.currentPin);
    }
    this.people.setPinHash(target.id, hashPin(input.newPin));
  }
}
