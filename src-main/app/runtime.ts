/**
 * The Node composition root: configuration, database, store identity, event bus, logger. The
 * Electron shell, `aisle serve`, the CLI and the tests all build one of these and hand it to the
 * feature services; nothing here imports Electron.
 */
import path from 'node:path';
import { openDatabase, type AisleDatabase, type Db } from '../db/open';
import { loadConfig, type LoadedConfig } from '../settings/config';
import type { AisleConfig } from '../settings/config-schema';
import { databaseFile, defaultDataDir, defaultLogDir } from '../settings/paths';
import { EventBus } from './events';
import { createFileLogger, silentLogger, type Logger } from './logger';
import { SessionStore } from './sessions';
import { firstStore, storeById, storesByName, upsertStoreTimeZone } from './queries';
import { SecretStore, type SecretBackend } from '../settings/secrets';
import pkg from '../../package.json';
import { AppError } from '../contract/errors';
import { slug } from '../sync/values';
import { ImageService, type ImageServiceOptions } from '../images/service';

export const APP_VERSION: string = pkg.version;

export type RuntimeMode = 'electron' | 'browser' | 'cli';

export interface RuntimeOptions {
  /** --data-dir; else config.dataDir (AISLE_DATA_DIR); else the per-OS default */
  dataDir?: string;
  /** --store; else config.store.id (AISLE_STORE); else the first store in the database */
  storeId?: string;
  mode: RuntimeMode;
  /** an already loaded configuration (tests, Electron); otherwise loaded from the standard places */
  loaded?: LoadedConfig;
  logDir?: string | null;
  migrationsFolder?: string;
  /** the OS keychain (Electron safeStorage); absent in plain Node, where keys come from env or files */
  secretBackend?: SecretBackend | null;
  /** feed pictures: limits, and (tests only) http from a loopback server */
  images?: ImageServiceOptions;
}

export interface AppRuntime {
  adb: AisleDatabase;
  db: Db;
  config: AisleConfig;
  loaded: LoadedConfig;
  dataDir: string;
  logDir: string | null;
  mode: RuntimeMode;
  version: string;
  events: EventBus;
  logger: Logger;
  /** who is signed in at which screen (shared by the IPC and HTTP adapters) */
  sessions: SessionStore;
  /** encrypted secrets (the LLM API key); never serialized to the renderer */
  secrets: SecretStore;
  /** feed pictures copied into the data folder; every call output and event goes through `present` */
  images: ImageService;
  /** the store this laptop stands in: "here" for stock */
  here(): { id: string; name: string };
  close(): void;
}

export function openRuntime(opts: RuntimeOptions): AppRuntime {
  const loaded = opts.loaded ?? loadConfig();
  const config = loaded.config;
  const dataDir = path.resolve(opts.dataDir ?? config.dataDir ?? defaultDataDir());
  const logDir = opts.logDir === null ? null : (opts.logDir ?? process.env.AISLE_LOG_DIR ?? defaultLogDir());
  const logger = logDir ? createFileLogger({ dir: logDir, level: config.logging.level }) : silentLogger;
  const adb = openDatabase({ file: databaseFile(dataDir), migrationsFolder: opts.migrationsFolder });
  if (adb.backupFile) logger.info('database upgraded', { backup: adb.backupFile, schemaVersion: adb.schemaVersion });
  const images = new ImageService(adb.sqlite, dataDir, logger, opts.images);
  // remote picture links never reach the renderer: the local copy, or null for the placeholder
  const events = new EventBus((payload) => images.present(payload));
  const givenStore = opts.storeId ?? config.store.id ?? null;
  // a store named as the exports write it ("Grafton Street") is the store the importers created for it
  const configuredStore = givenStore && (findStore(storesByName(adb.sqlite), givenStore)?.id ?? givenStore);
  if (config.store.timeZone) {
    // IT sets the zone in configuration; a change re-cuts this store's KPI days (trigger stores_timezone_au)
    const storeId = configuredStore ?? firstStore(adb.sqlite)?.id;
    if (storeId) upsertStoreTimeZone(adb.sqlite, storeId, config.store.name ?? storeId, config.store.timeZone);
  }

  return {
    adb,
    db: adb.db,
    config,
    loaded,
    dataDir,
    logDir,
    mode: opts.mode,
    version: APP_VERSION,
    events,
    logger,
    sessions: new SessionStore(),
    secrets: new SecretStore(path.join(dataDir, 'secrets.json'), opts.secretBackend ?? null),
    images,
    here() {
      if (configuredStore) {
        const row = storeById(adb.sqlite, configuredStore);
        if (row) return row;
        const known = storesByName(adb.sqlite);
        // before the first import there are no stores yet: the configured one will be created by it
        if (!known.length) return { id: configuredStore, name: config.store.name ?? configuredStore };
        const found = findStore(known, configuredStore);
        if (found) return found;
        throw new AppError(
          'VALIDATION',
          `unknown store "${configuredStore}"; the stores known here are ${known.map((k) => (k.name === k.id ? k.id : `${k.name} (${k.id})`)).join(', ')}`,
          { field: 'store', known: known.map((k) => ({ id: k.id, name: k.name })) },
        );
      }
      const first = firstStore(adb.sqlite);
      return first ?? { id: 'default', name: config.store.name ?? 'This store' };
    },
    close() {
      // a picture copy still under way must not write into a closed database
      void images.stop();
      adb.close();
    },
  };
}

/**
 * A store as IT or an associate names it: its id, or its name as the retailer's exports write it
 * ("Grafton Street"), case-insensitive, or the id the importers make from that name.
 */
export function findStore<T extends { id: string; name: string }>(stores: T[], given: string): T | null {
  const g = given.trim().toLowerCase();
  return (
    stores.find((s) => s.id === given) ??
    stores.find((s) => s.id.toLowerCase() === g) ??
    stores.find((s) => s.name.trim().toLowerCase() === g) ??
    stores.find((s) => s.id === slug(given)) ??
    null
  );
}
