/** Who looked at which consultation logs and when: every list, replay and export writes a row. */
import type { Sqlite } from '../db/statements';
import { insertAccess } from './queries';

export type AccessAction = 'list' | 'view' | 'export';

export function recordAccess(
  sqlite: Sqlite,
  entry: { viewerId: string; action: AccessAction; consultationId?: string | null; detail?: unknown; at?: string },
): void {
  insertAccess(sqlite, [
    entry.viewerId,
    entry.action,
    entry.consultationId ?? null,
    entry.detail === undefined ? null : typeof entry.detail === 'string' ? entry.detail : JSON.stringify(entry.detail),
    entry.at ?? new Date().toISOString(),
  ]);
}
