/**
 * The people who can sign in (the `associates` table). IT lists them in `roles.people`; those rows
 * are brought in line with the configuration at start. Managers can add more from the app.
 */
import type { Sqlite } from '../db/statements';
import {
  activePeopleOfStore,
  associateById,
  insertAssociate,
  setAssociatePinHash,
  updateConfiguredAssociate,
  type AssociateRow,
} from './queries';
import type { AisleConfig } from '../settings/config-schema';
import type { Person, RoleName } from '../contract/auth';
import { AppError } from '../contract/errors';
import { NOBODY_SIGNED_IN } from '../contract/review';
import { hashPin } from '../shared/pin-hash';

export type { AssociateRow };

export class PeopleDirectory {
  constructor(
    private readonly sqlite: Sqlite,
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
    this.sqlite.transaction(() => {
      for (const p of this.config.roles.people) {
        const row = associateById(this.sqlite, p.id);
        if (!row) {
          insertAssociate(this.sqlite, {
            id: p.id,
            name: p.name,
            role: p.role,
            storeId: this.storeId,
            pinHash: p.pinHash ?? null,
          });
          added++;
        } else {
          const pinHash = p.pinHash ?? row.pinHash;
          if (row.name !== p.name || row.role !== p.role || row.pinHash !== pinHash || !row.active) {
            updateConfiguredAssociate(this.sqlite, { id: p.id, name: p.name, role: p.role, pinHash });
            updated++;
          }
        }
      }
    })();
    return { added, updated };
  }

  get(id: string): AssociateRow | null {
    return associateById(this.sqlite, id) ?? null;
  }

  /** Active people of this store (and people with no store, e.g. regional managers). */
  list(): Person[] {
    const cfg = this.configIds();
    const rows = activePeopleOfStore(this.sqlite, this.storeId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      hasPin: !!r.hasPin,
      source: cfg.has(r.id) ? 'config' : 'app',
    }));
  }

  toPerson(row: AssociateRow): Person {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      hasPin: !!row.pinHash,
      source: this.configIds().has(row.id) ? 'config' : 'app',
    };
  }

  create(input: { id?: string; name: string; role: RoleName; pin: string }): Person {
    const id = input.id ?? this.idFromName(input.name);
    // consultations made with nobody signed in carry this id: a person holding it would be credited with them
    if (id === NOBODY_SIGNED_IN)
      throw new AppError('VALIDATION', `The id "${id}" is kept for "nobody signed in": choose another.`, {
        field: 'id',
      });
    if (this.get(id)) throw new AppError('CONFLICT', `There is already someone with the id "${id}".`, { field: 'id' });
    insertAssociate(this.sqlite, {
      id,
      name: input.name,
      role: input.role,
      storeId: this.storeId,
      pinHash: hashPin(input.pin),
    });
    return this.toPerson(this.get(id)!);
  }

  setPinHash(id: string, pinHash: string): void {
    if (this.configIds().has(id) && this.config.roles.people.find((p) => p.id === id)?.pinHash) {
      throw new AppError(
        'CONFLICT',
        `${id}'s PIN is set in the configuration file; IT changes it there (aisle associates hash-pin).`,
      );
    }
    setAssociatePinHash(this.sqlite, id, pinHash);
  }

  private idFromName(name: string): string {
    const base =
      name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '.')
        .replace(/^\.+|\.+$/g, '') || 'person';
    let id = base;
    for (let n = 2; this.get(id) || id === NOBODY_SIGNED_IN; n++) id = `${base}${n}`;
    return id;
  }
}
