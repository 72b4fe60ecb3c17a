/**
 * What a signed-in person may see: associates their own consultations, managers the whole store's.
 * Review, KPIs and export all build their WHERE clause from this, so the rule lives in one place.
 */
import type { Actor } from '../contract/handlers';
import { AppError } from '../contract/errors';

export interface ViewScope {
  storeId: string;
  /** null = every associate of the store */
  associateId: string | null;
  viewerId: string;
  isManager: boolean;
}

export function scopeFor(actor: Actor | null, storeId: string): ViewScope {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to see consultations.');
  const isManager = actor.role === 'manager';
  return { storeId, associateId: isManager ? null : actor.associateId, viewerId: actor.associateId, isManager };
}

/** The CLI runs as whoever has the machine: store-wide, recorded as `cli:<os user>`. */
export function cliScope(storeId: string, osUser: string): ViewScope {
  return { storeId, associateId: null, viewerId: `cli:${osUser}`, isManager: true };
}
