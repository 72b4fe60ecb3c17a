/** A small argv parser: we need GNU-style --flag value / --flag=value and positionals, nothing more. */
import type { ParsedArgs } from './command';

/** Flags that never take a value, so `--json foo` keeps foo as a positional. */
const BOOLEAN_FLAGS = new Set([
  'json',
  'help',
  'in-stock',
  'open',
  'no-open',
  'force',
  'verbose',
  'quick',
  'include-contacts',
]);

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        flags[a.slice(2, eq)] = a.slice(eq + 1);
      } else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('--')) {
          flags[name] = next;
          i++;
        } else flags[name] = true;
      }
    } else if (a === '-h') flags.help = true;
    else positionals.push(a);
  }
  return { positionals, flags };
}
