#!/usr/bin/env node
// The `aisle` command. It runs the built CLI; build it once with `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('aisle: the CLI is not built yet. Run `npm run build` in the Aisle folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(built).href);
