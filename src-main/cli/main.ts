/**
 * `aisle` — one binary over the same services as the app. Global options: --data-dir DIR
 * (AISLE_DATA_DIR), --store ID (AISLE_STORE), --json.
 */
import { parseArgs } from './args';
import { EXIT, UsageError, type CliContext, type CliIO, type Command } from './command';
import { commands } from './commands/index';
import { openRuntime, APP_VERSION, type AppRuntime } from '../app/runtime';
import { createServiceDispatcher, createServices, localCallContext, type Services } from '../app/services';
import { callOrThrow, type Dispatch } from '../app/dispatch';
import { isAppError } from '../contract/errors';
import { ConfigError } from '../settings/config';

export interface CliStreams {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultStreams: CliStreams = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `aisle ${APP_VERSION} — the store associate's copilot, from the command line`,
    '',
    'usage: aisle [--data-dir DIR] [--store ID] [--json] <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 success, 1 partial success (some rows rejected), 2 unusable input or configuration.',
    'Run `aisle <command> --help` for a command’s options.',
  ].join('\n');
}

/** Finds the command: the longest name made of the first positionals ("products search", "sessions export"). */
function pickCommand(positionals: string[]): { command: Command; rest: string[] } | null {
  for (let n = Math.min(2, positionals.length); n >= 1; n--) {
    const name = positionals.slice(0, n).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: positionals.slice(n) };
  }
  return null;
}

export async function runCli(argv: string[], streams: CliStreams = defaultStreams): Promise<number> {
  const args = parseArgs(argv);
  const json = args.flags.json === true;
  const io: CliIO = {
    json: (doc) => streams.stdout(JSON.stringify(doc, null, 2) + '\n'),
    say: (line) => (json ? streams.stderr(line + '\n') : streams.stdout(line + '\n')),
    warn: (line) => streams.stderr(line + '\n'),
  };
  if (args.flags.version === true) {
    streams.stdout(APP_VERSION + '\n');
    return EXIT.OK;
  }
  const picked = pickCommand(args.positionals);
  if (!picked) {
    if (args.positionals.length === 0 || args.flags.help) {
      streams.stdout(helpText() + '\n');
      return args.positionals.length === 0 && !args.flags.help ? EXIT.UNUSABLE : EXIT.OK;
    }
    io.warn(`aisle: unknown command "${args.positionals.join(' ')}"\n\n${helpText()}`);
    return EXIT.UNUSABLE;
  }
  const { command, rest } = picked;
  if (args.flags.help) {
    streams.stdout(`${command.summary}\n\n${command.usage}\n`);
    return EXIT.OK;
  }
  const opened: { runtime: AppRuntime | null; services: Services | null; dispatch: Dispatch | null } = {
    runtime: null,
    services: null,
    dispatch: null,
  };
  const ctx: CliContext = {
    args: { positionals: rest, flags: args.flags },
    json,
    io,
    dataDir: typeof args.flags['data-dir'] === 'string' ? args.flags['data-dir'] : undefined,
    storeId: typeof args.flags.store === 'string' ? args.flags.store : undefined,
    runtime(mode = 'cli') {
      opened.runtime ??= openRuntime({ mode, dataDir: ctx.dataDir, storeId: ctx.storeId });
      return opened.runtime;
    },
    services() {
      opened.services ??= createServices(ctx.runtime());
      return opened.services;
    },
    call(name, input) {
      const services = ctx.services();
      opened.dispatch ??= createServiceDispatcher(services);
      return callOrThrow(opened.dispatch, name, input, localCallContext(services.rt));
    },
  };
  try {
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      io.warn(`aisle ${command.name}: ${e.message}\n\n${command.usage}`);
      return EXIT.UNUSABLE;
    }
    if (e instanceof ConfigError || isAppError(e)) {
      io.warn(`aisle ${command.name}: ${e.message}`);
      if (json) io.json({ error: { code: e.code, message: e.message, details: e.details ?? null } });
      return e.code === 'INTERNAL' ? EXIT.UNUSABLE : EXIT.UNUSABLE;
    }
    io.warn(`aisle ${command.name}: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return EXIT.UNUSABLE;
  } finally {
    opened.runtime?.close();
  }
}
