/**
 * The people who can sign in (the `associates` table). IT lists them in `roles.people`; those rows
 * are brought in line with the configuration at start. Managers can add more from the app.
 */
import type Database from 'better-sqlite3';
import type { AisleConfig } from '../settings/config-schema';
import type { Person, RoleName } from '../contract/auth';
import { AppError } from '../contract/errors';
import { hashPin } from '../shared/pin-hash';

export interface AssociateRow {
  id: string;
  name: string;
  role: RoleName;
  storeId: string | null;
  pinHash: string | null;
  active: number;
}

export class PeopleDirectory {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly config: AisleConfig,
    private readonly storeId: string,
  ) {}

  private configIds(): Set<string> {
    return new Set(this.config.roles.people.map((p) => p.id));
  }

  /**
   * Brings configured people into the table: name and role from the file; the PIN hash too when the
   * file has one (IT owns it then). People not in the file are left alone.
   */
  syncFromConfig(): { added: number; updated: number } {
    let added = 0;
    let updated = 0;
    const get = this.sqlite.prepare('SELECT id, name, role, pin_hash AS pinHash, active, store_id AS storeId FROM associates WHERE id = ?');
    const insert = this.sqlite.prepare('INSERT INTO associates (id, name, role, store_id, pin_hash, active) VALUES (?, ?, ?, ?, ?, 1)');
    const update = this.sqlite.prepare('UPDATE associates SET name = ?, role = ?, pin_hash = ?, active = 1 WHERE id = ?');
    this.sqlite.transaction(() => {
      for (const p of this.config.roles.people) {
        const row = get.get(p.id) as AssociateRow | undefined;
        if (!row) {
          insert.run(p.id, p.name, p.role, this.storeId, p.pinHash ?? null);
          added++;
        } else {
          const pinHash = p.pinHash ?? row.pinHash;
          if (row.name !== p.name || row.role !== p.role || row.pinHash !== pinHash || !row.active) {
            update.run(p.name, p.role, pinHash, p.id);
            updated++;
          }
        }
      }
    })();
    return { added, updated };
  }

  get(id: string): AssociateRow | null {
    const row = this.sqlite
      .prepare('SELECT id, name, role, store_id AS storeId, pin_hash AS pinHash, active FROM associates WHERE id = ?')
      .get(id) as AssociateRow | undefined;
    return row ?? null;
  }

  /** Active people of this store (and people with no store, e.g. regional managers). */
  list(): Person[] {
    const cfg = this.configIds();
    const rows = this.sqlite
      .prepare(
        `SELECT id, name, role, pin_hash IS NOT NULL AS hasPin FROM associates
         WHERE active = 1 AND (store_id = ? OR store_id IS NULL)
         ORDER BY role = 'manager', name COLLATE NOCASE`,
      )
      .all(this.storeId) as { id: string; name: string; role: RoleName; hasPin: number }[];
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, hasPin: !!r.hasPin, source: cfg.has(r.id) ? 'config' : 'app' }));
  }

  toPerson(row: AssociateRow): Person {
    return { id: row.id, name: row.name, role: row.role, hasPin: !!row.pinHash, source: this.configIds().has(row.id) ? 'config' : 'app' };
  }

  create(input: { id?: string; name: string; role: RoleName; pin: string }): Person {
    const id = input.id ?? this.idFromName(input.name);
    if (this.get(id)) throw new AppError('CONFLICT', `There is already someone with the id "${id}".`, { field: 'id' });
    this.sqlite
      .prepare('INSERT INTO associates (id, name, role, store_id, pin_hash, active) VALUES (?, ?, ?, ?, ?, 1)')
      .run(id, input.name, input.role, this.storeId, hashPin(input.pin));
    return this.toPerson(this.get(id)!);
  }

  setPinHash(id: string, pinHash: string): void {
    if (this.configIds().has(id) && this.config.roles.people.find((p) => p.id === id)?.pinHash) {
      throw new AppError('CONFLICT', `${id}'s PIN is set in the configuration file; IT changes it there (aisle associates hash-pin).`);
    }
    this.sqlite.prepare('UPDATE associates SET pin_hash = ? WHERE id = ?').run(pinHash, id);
  }

  private idFromName(name: string): string {
    const base =
      name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '.')
        .replace(/^\.+|\.+$/g, '') || 'associate';
    let id = base;
    for (let n = 2; this.get(id); n++) id = `${base}${n}`;
    return id;
  }
}
