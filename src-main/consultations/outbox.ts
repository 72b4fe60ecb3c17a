/** Ending a consultation queues its record for HQ through the sync feature's outbox. */
import type Database from 'better-sqlite3';
import { enqueueOutbox } from '../sync/outbox';

export function enqueueConsultationOutbox(
  sqlite: Database.Database,
  consultationId: string,
  payload: Record<string, unknown>,
): boolean {
  // the consultation id is the idempotency key: HQ keeps one record per consultation however often it is sent
  return enqueueOutbox({ sqlite }, { kind: 'consultation', idempotencyKey: consultationId, payload });
}
