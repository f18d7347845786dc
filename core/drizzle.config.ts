import { defineConfig } from 'drizzle-kit';

// `out` is the folder wrangler.toml's migrations_dir names, so wrangler applies what drizzle-kit writes.
export default defineConfig({ dialect: 'sqlite', schema: './src/db/schema.ts', out: './migrations' });
