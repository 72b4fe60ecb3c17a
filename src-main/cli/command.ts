/**
 * What one `aisle` command is. Each command lives in cli/commands/<name>.ts and is listed in
 * cli/commands/index.ts. Contract of PRODUCT.md: `--json` prints one JSON document on stdout and
 * human messages on stderr; exit 0 success, 1 partial success, 2 unusable input or configuration.
 */
import type { AppRuntime } from '../app/runtime';
import type { Services } from '../app/services';
import type { CallInput, CallName, CallOutput } from '../contract/calls';

export const EXIT = { OK: 0, PARTIAL: 1, UNUSABLE: 2 } as const;

export interface ParsedArgs {
  /** positional words after the command name */
  positionals: string[];
  /** --flag value / --flag=value / --flag (true) */
  flags: Record<string, string | boolean>;
}

export interface CliIO {
  /** the one JSON document (with --json) */
  json(doc: unknown): void;
  /** a line for people: stdout without --json, stderr with it */
  say(line: string): void;
  /** a line that always goes to stderr */
  warn(line: string): void;
}

export interface CliContext {
  args: ParsedArgs;
  json: boolean;
  io: CliIO;
  /** global options as given */
  dataDir?: string;
  storeId?: string;
  /** opens the runtime (config + database) on first use; commands that need no database never call it */
  runtime(mode?: 'cli' | 'browser'): AppRuntime;
  /** the runtime's services (app/services.ts), built once on first use */
  services(): Services;
  /**
   * A contract call, as the app's screens make it: input parsed by the call's zod schema (a bad option is a
   * VALIDATION error naming the field, exit 2), output typed by the contract.
   */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

export interface Command {
  name: string;
  /** one line for `aisle --help` */
  summary: string;
  /** usage lines for `aisle <name> --help` */
  usage: string;
  run(ctx: CliContext): Promise<number>;
}

/** Typed flag readers that fail with exit code 2 and a message naming the flag. */
export class UsageError extends Error {}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === undefined) return undefined;
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v as string;
}

export function flagInt(args: ParsedArgs, name: string, def?: number): number | undefined {
  const v = flagString(args, name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${v}"`);
  return n;
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  const v = args.flags[name];
  return v === true || v === 'true' || v === '1';
}
