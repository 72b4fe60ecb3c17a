/** The people table (associates) and the PIN-attempt log behind sign-in and its lockout. */
import type { associates } from '../db/schema';
import type { RoleName } from '../contract/auth';
import { statement, type Sqlite } from '../db/statements';

type Associate = typeof associates.$inferSelect;

export interface AssociateRow {
  id: Associate['id'];
  name: Associate['name'];
  role: RoleName;
  storeId: Associate['storeId'];
  pinHash: Associate['pinHash'];
  active: number;
}

export function associateById(sqlite: Sqlite, id: string): AssociateRow | undefined {
  return statement<[string], AssociateRow>(
    sqlite,
    'SELECT id, name, role, store_id AS storeId, pin_hash AS pinHash, active FROM associates WHERE id = ?',
  ).get(id);
}

export function insertAssociate(
  sqlite: Sqlite,
  row: { id: string; name: string; role: RoleName; storeId: string | null; pinHash: string | null },
): void {
  statement<[typeof row], never>(
    sqlite,
    `INSERT INTO associates (id, name, role, store_id, pin_hash, active)
     VALUES (@id, @name, @role, @storeId, @pinHash, 1)`,
  ).run(row);
}

/** Name, role and PIN hash as the configuration says; a listed person is active again. */
export function updateConfiguredAssociate(
  sqlite: Sqlite,
  row: { id: string; name: string; role: RoleName; pinHash: string | null },
): void {
  statement<[typeof row], never>(
    sqlite,
    'UPDATE associates SET name = @name, role = @role, pin_hash = @pinHash, active = 1 WHERE id = @id',
  ).run(row);
}

export function setAssociatePinHash(sqlite: Sqlite, id: string, pinHash: string): void {
  statement<[string, string], never>(sqlite, 'UPDATE associates SET pin_hash = ? WHERE id = ?').run(pinHash, id);
}

export interface SignInListRow {
  id: string;
  name: string;
  role: RoleName;
  hasPin: number;
}

/** Active people of a store and people with no store, associates first, by name. */
export function activePeopleOfStore(sqlite: Sqlite, storeId: string): SignInListRow[] {
  return statement<[string], SignInListRow>(
    sqlite,
    `SELECT id, name, role, pin_hash IS NOT NULL AS hasPin FROM associates
     WHERE active = 1 AND (store_id = ? OR store_id IS NULL)
     ORDER BY role = 'manager', name COLLATE NOCASE`,
  ).all(storeId);
}

export interface PinAttemptRow {
  ok: number;
  at: string;
}

/** A person's PIN attempts since a moment, oldest first. */
export function pinAttemptsSince(sqlite: Sqlite, associateId: string, sinceIso: string): PinAttemptRow[] {
  return statement<[string, string], PinAttemptRow>(
    sqlite,
    'SELECT ok, at FROM pin_attempts WHERE associate_id = ? AND at >= ? ORDER BY at, id',
  ).all(associateId, sinceIso);
}

export function insertPinAttempt(sqlite: Sqlite, associateId: string, ok: boolean, atIso: string): void {
  statement<[string, 0 | 1, string], never>(
    sqlite,
    'INSERT INTO pin_attempts (associate_id, ok, at) VALUES (?, ?, ?)',
  ).run(associateId, ok ? 1 : 0, atIso);
}
