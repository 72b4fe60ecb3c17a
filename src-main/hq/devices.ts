/**
 * Laptop enrolment. A device token is 256 random bits shown once; HQ keeps only its SHA-256 (a
 * slow password hash buys nothing for a random secret and would cost every request). A token is
 * scoped to one store: it pulls that store's stock and orders and pushes events for that store only.
 */
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HqDatabase } from './db';
import { devices, stores } from './schema';

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export interface DeviceView {
  device: string;
  store: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

export class DeviceError extends Error {}

export async function addDevice(
  hdb: HqDatabase,
  input: { storeId: string; name: string },
): Promise<{ device: string; store: string; token: string }> {
  const storeId = input.storeId.trim();
  const name = input.name.trim();
  if (!storeId) throw new DeviceError('--store is required: the store this laptop stands in');
  if (!name) throw new DeviceError('--name is required (e.g. "Till 2, Leeds")');
  const store = await hdb.db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!store.length) {
    const known = await hdb.db.select({ id: stores.id }).from(stores).orderBy(stores.id).limit(20);
    throw new DeviceError(
      `store "${storeId}" is not known at HQ (known: ${known.map((s) => s.id).join(', ') || 'none yet — import inventory or add the store first'})`,
    );
  }
  const token = `aisle_${crypto.randomBytes(32).toString('base64url')}`;
  const id = `dev_${crypto.randomBytes(6).toString('hex')}`;
  await hdb.db.insert(devices).values({ id, storeId, name, tokenHash: hashToken(token) });
  return { device: id, store: storeId, token };
}

export async function listDevices(hdb: HqDatabase): Promise<DeviceView[]> {
  const rows = await hdb.db.select().from(devices).orderBy(devices.storeId, devices.createdAt);
  return rows.map((d) => ({
    device: d.id,
    store: d.storeId,
    name: d.name,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    lastSeenAt: d.lastSeenAt,
  }));
}

export async function revokeDevice(hdb: HqDatabase, id: string): Promise<DeviceView> {
  const rows = await hdb.db
    .update(devices)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
    .returning();
  if (!rows.length) {
    const exists = await hdb.db.select({ id: devices.id }).from(devices).where(eq(devices.id, id));
    throw new DeviceError(
      exists.length ? `device ${id} is already revoked` : `no device ${id} (see \`aisle hq device list\`)`,
    );
  }
  const d = rows[0]!;
  return {
    device: d.id,
    store: d.storeId,
    name: d.name,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    lastSeenAt: d.lastSeenAt,
  };
}

export interface AuthenticatedDevice {
  id: string;
  storeId: string;
}

/** The live (not revoked) device a bearer token belongs to, or null. */
export async function deviceForToken(hdb: HqDatabase, token: string): Promise<AuthenticatedDevice | null> {
  const rows = await hdb.db
    .select({ id: devices.id, storeId: devices.storeId })
    .from(devices)
    .where(and(eq(devices.tokenHash, hashToken(token)), isNull(devices.revokedAt)));
  return rows[0] ?? null;
}

export async function touchDevice(hdb: HqDatabase, id: string): Promise<void> {
  await hdb.db
    .update(devices)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(devices.id, id));
}

/** Stores are created by inventory/order imports; IT can also add one before its first import. */
export async function addStore(hdb: HqDatabase, id: string, name: string): Promise<void> {
  await hdb.db.insert(stores).values({ id, name }).onConflictDoUpdate({ target: stores.id, set: { name } });
}
