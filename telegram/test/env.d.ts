declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    /** Migrations read by vitest.config.ts, applied by apply-migrations.ts. */
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
