/**
 * A cheap fingerprint of the catalog and stock: row counts, newest rowids and the newest import or
 * sync run. Every import and sync records a run and the demo loader replaces rows, so any change a
 * user can cause shows up here. Caches of catalog rows (search, the copilot) key on it.
 */
import type { Sqlite } from '../db/statements';
import { catalogFingerprint } from './queries';

export function catalogVersion(sqlite: Sqlite): string {
  return Object.values(catalogFingerprint(sqlite) ?? {}).join('/');
}

/** Remembers one value per catalog version, re-checking the version at most once per `checkMs`. */
export class PerCatalogVersion<T> {
  private version: string | null = null;
  private checkedAt = 0;
  private readonly values = new Map<string, T>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly checkMs = 1000,
  ) {}

  get(key: string, build: () => T): T {
    const now = Date.now();
    if (now - this.checkedAt >= this.checkMs) {
      this.checkedAt = now;
      const v = catalogVersion(this.sqlite);
      if (v !== this.version) {
        this.version = v;
        this.values.clear();
      }
    }
    let value = this.values.get(key);
    if (value === undefined) {
      value = build();
      this.values.set(key, value);
    }
    return value;
  }
}
