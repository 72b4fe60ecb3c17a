/**
 * Where Aisle keeps things on each OS when nobody says otherwise. Electron's own app.getPath() agrees
 * with these on every platform we ship; the CLI and browser mode use this plain-Node version.
 */
import os from 'node:os';
import path from 'node:path';

export type Platform = 'linux' | 'win32' | 'darwin';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const current = (): PlatformEnv => ({ platform: process.platform, env: process.env, home: os.homedir() });

/** The per-user data folder: database, backups, model files. */
export function defaultDataDir(p: PlatformEnv = current()): string {
  if (p.platform === 'win32')
    return path.win32.join(p.env.APPDATA ?? path.win32.join(p.home, 'AppData', 'Roaming'), 'Aisle');
  if (p.platform === 'darwin') return path.posix.join(p.home, 'Library', 'Application Support', 'Aisle');
  return path.posix.join(p.env.XDG_DATA_HOME ?? path.posix.join(p.home, '.local', 'share'), 'aisle');
}

/** The per-user log folder. */
export function defaultLogDir(p: PlatformEnv = current()): string {
  if (p.platform === 'win32')
    return path.win32.join(p.env.LOCALAPPDATA ?? path.win32.join(p.home, 'AppData', 'Local'), 'Aisle', 'logs');
  if (p.platform === 'darwin') return path.posix.join(p.home, 'Library', 'Logs', 'Aisle');
  return path.posix.join(p.env.XDG_STATE_HOME ?? path.posix.join(p.home, '.local', 'state'), 'aisle', 'logs');
}

/** The machine-wide configuration file IT drops in place. */
export function machineConfigFile(p: PlatformEnv = current()): string {
  if (p.platform === 'win32') return path.win32.join(p.env.ProgramData ?? 'C:\\ProgramData', 'Aisle', 'config.json');
  if (p.platform === 'darwin') return '/Library/Application Support/Aisle/config.json';
  return '/etc/aisle/config.json';
}

/** The per-user override of the machine-wide file. */
export function userConfigFile(p: PlatformEnv = current()): string {
  if (p.platform === 'win32')
    return path.win32.join(p.env.APPDATA ?? path.win32.join(p.home, 'AppData', 'Roaming'), 'Aisle', 'config.json');
  if (p.platform === 'darwin') return path.posix.join(p.home, 'Library', 'Application Support', 'Aisle', 'config.json');
  return path.posix.join(p.env.XDG_CONFIG_HOME ?? path.posix.join(p.home, '.config'), 'aisle', 'config.json');
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'aisle.db');
}
