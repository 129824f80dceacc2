import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema files and committed; they run unchanged on PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/kernel/db/schema.ts', './src/modules/*/schema.ts'],
  out: './db/migrations',
  casing: 'snake_case',
});
