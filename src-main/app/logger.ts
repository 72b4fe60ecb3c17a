/**
 * Structured logs: one JSON object per line in <logDir>/aisle.log, rotated by size (aisle.log.1 …).
 * Customer fields are redacted before anything is written, so a log file can be sent to IT as is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { redactContacts } from '../shared/pii-text';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  readonly file: string | null;
}

/** Keys whose values are personal data; their values never reach a log line. */
const PII_KEYS =
  /^(email|phone|first_?name|last_?name|name|full_?name|address\d?|street|zip|postcode|note|notes|body|content|message|apiKey|api_key|token|authorization|pin)$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  // e-mails and phone numbers inside any text; dates, times and numbers stay readable for IT
  if (typeof value === 'string') return redactContacts(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof Error)
      return {
        name: value.name,
        message: redact(value.message),
        stack: redact(value.stack?.split('\n').slice(0, 8).join('\n')),
      };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = PII_KEYS.test(k) && v != null ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export interface FileLoggerOptions {
  dir: string;
  level?: LogLevel;
  maxBytes?: number;
  keep?: number;
}

export function createFileLogger(opts: FileLoggerOptions): Logger {
  const level = opts.level ?? 'info';
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const file = path.join(opts.dir, 'aisle.log');
  let ready = false;
  let size = 0;

  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
    }
    if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`);
    size = 0;
  };

  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    try {
      if (!ready) {
        fs.mkdirSync(opts.dir, { recursive: true });
        size = fs.existsSync(file) ? fs.statSync(file).size : 0;
        ready = true;
      }
      const line =
        JSON.stringify({
          t: new Date().toISOString(),
          level: lvl,
          msg: redact(msg),
          ...(fields ? (redact(fields) as object) : {}),
        }) + '\n';
      if (size + line.length > maxBytes) rotate();
      fs.appendFileSync(file, line);
      size += Buffer.byteLength(line);
    } catch {
      // logging must never take the app down (read-only disk, full disk)
    }
  };
  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { file: null, debug() {}, info() {}, warn() {}, error() {} };
