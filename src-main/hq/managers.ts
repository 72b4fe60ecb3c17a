/**
 * Head-office people who read chain-wide consultations. Passwords are scrypt-hashed; a sign-in
 * gives a session token (stored hashed, 12 h). A store manager sees their own store; a regional
 * manager sees every store. Device tokens never open these endpoints.
 */
import crypto from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { HqDatabase } from './db';
import { hashToken } from './devices';
import { managerSessions, managers } from './schema';

export const MANAGER_ROLES = ['store_manager', 'regional_manager'] as const;
export type ManagerRole = (typeof MANAGER_ROLES)[number];

export interface Manager {
  id: string;
  name: string;
  role: ManagerRole;
  storeId: string | null;
}

export class ManagerError extends Error {}

const SESSION_HOURS = 12;

function hashPassword(password: string, salt = crypto.randomBytes(16)): string {
  return `scrypt$${salt.toString('base64url')}$${crypto.scryptSync(password, salt, 32).toString('base64url')}`;
}

function checkPassword(password: string, stored: string): boolean {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const got = crypto.scryptSync(password, Buffer.from(salt, 'base64url'), 32);
  const want = Buffer.from(hash, 'base64url');
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

export async function addManager(
  hdb: HqDatabase,
  input: { id: string; name: string; role: string; storeId?: string | null; password: string },
): Promise<Manager> {
  if (!MANAGER_ROLES.includes(input.role as ManagerRole))
    throw new ManagerError(`--role must be one of ${MANAGER_ROLES.join(', ')} (got "${input.role}")`);
  if (input.role === 'store_manager' && !input.storeId)
    throw new ManagerError('a store_manager needs --store (the store they manage)');
  if (input.password.length < 8) throw new ManagerError('the password must have at least 8 characters');
  const m: Manager = {
    id: input.id,
    name: input.name,
    role: input.role as ManagerRole,
    storeId: input.role === 'store_manager' ? input.storeId! : null,
  };
  await hdb.db
    .insert(managers)
    .values({ ...m, passwordHash: hashPassword(input.password) })
    .onConflictDoUpdate({
      target: managers.id,
      set: { name: m.name, role: m.role, storeId: m.storeId, passwordHash: hashPassword(input.password) },
    });
  return m;
}

export async function signInManager(
  hdb: HqDatabase,
  id: string,
  password: string,
): Promise<{ token: string; manager: Manager } | null> {
  const rows = await hdb.db.select().from(managers).where(eq(managers.id, id));
  const row = rows[0];
  // hash even for an unknown id, so the answer time does not tell which ids exist
  const ok = row ? checkPassword(password, row.passwordHash) : (hashPassword(password), false);
  if (!row || !ok) return null;
  const token = `aisle_mgr_${crypto.randomBytes(32).toString('base64url')}`;
  await hdb.db.insert(managerSessions).values({
    tokenHash: hashToken(token),
    managerId: row.id,
    expiresAt: sql`now() + make_interval(hours => ${SESSION_HOURS})`,
  });
  return { token, manager: { id: row.id, name: row.name, role: row.role as ManagerRole, storeId: row.storeId } };
}

export async function managerForToken(hdb: HqDatabase, token: string): Promise<Manager | null> {
  const rows = await hdb.db
    .select({ id: managers.id, name: managers.name, role: managers.role, storeId: managers.storeId })
    .from(managerSessions)
    .innerJoin(managers, eq(managers.id, managerSessions.managerId))
    .where(and(eq(managerSessions.tokenHash, hashToken(token)), gt(managerSessions.expiresAt, sql`now()`)));
  const r = rows[0];
  return r ? { ...r, role: r.role as ManagerRole } : null;
}

/** The stores a manager may see: null means all of them. */
export const visibleStores = (m: Manager): string[] | null => (m.role === 'regional_manager' ? null : [m.storeId!]);

/** Ends a manager's session (sign-out in the HQ app); an unknown token is already signed out. */
export async function signOutManager(hdb: HqDatabase, token: string): Promise<boolean> {
  const gone = await hdb.db
    .delete(managerSessions)
    .where(eq(managerSessions.tokenHash, hashToken(token)))
    .returning();
  return gone.length > 0;
}
