// HQ's PostgreSQL schema has its own migrations, separate from the laptop's SQLite ones (drizzle.config.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src-main/hq/schema.ts',
  out: './migrations-hq',
});
