/** Who looked at which consultation logs and when: every list, replay and export writes a row. */
import type Database from 'better-sqlite3';

export type AccessAction = 'list' | 'view' | 'export';

export function recordAccess(
  sqlite: Database.Database,
  entry: { viewerId: string; action: AccessAction; consultationId?: string | null; detail?: unknown; at?: string },
): void {
  sqlite
    .prepare('INSERT INTO access_log (associate_id, action, consultation_id, detail, at) VALUES (?, ?, ?, ?, ?)')
    .run(
      entry.viewerId,
      entry.action,
      entry.consultationId ?? null,
      entry.detail === undefined ? null : typeof entry.detail === 'string' ? entry.detail : JSON.stringify(entry.detail),
      entry.at ?? new Date().toISOString(),
    );
}
