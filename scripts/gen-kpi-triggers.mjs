#!/usr/bin/env node
// Writes the KPI triggers generated from src-main/review/kpi-facts.ts into a custom drizzle-kit migration.
// To add a KPI: add its fact to KPI_FACTS (and its column in db/schema.ts, with `npm run db:generate`), then
//   npx drizzle-kit generate --custom --name <what changed>
//   node scripts/gen-kpi-triggers.mjs migrations/<the new file>.sql
// Without an argument it prints the SQL. The TypeScript module is bundled with esbuild (already here for the build).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-kpi-')), 'kpi-facts.mjs');
buildSync({
  entryPoints: [path.join(root, 'src-main/review/kpi-facts.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: out,
  logLevel: 'error',
});
const { kpiTriggersMigrationSql } = await import(pathToFileURL(out).href);
const sql = kpiTriggersMigrationSql();
const target = process.argv[2];
if (!target) {
  process.stdout.write(sql);
} else {
  if (!fs.existsSync(target)) {
    console.error(`gen-kpi-triggers: ${target} does not exist; create it first with npx drizzle-kit generate --custom`);
    process.exit(2);
  }
  fs.writeFileSync(target, sql);
  console.log(`gen-kpi-triggers: wrote ${sql.split('CREATE TRIGGER').length - 1} triggers to ${target}`);
}
fs.rmSync(path.dirname(out), { recursive: true, force: true });
