/**
 * Every row of every table of the control plane's D1 as one string, read in one batch: the same string before and
 * after a request means the request changed nothing there. Read per request, so it stays one round trip.
 */
import { env } from 'cloudflare:workers';

let tables: string[] | undefined;

async function tableNames(): Promise<string[]> {
  tables ??= (
    await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' " +
        "AND name != 'd1_migrations' ORDER BY name",
    ).all<{ name: string }>()
  ).results.map((row) => row.name);
  return tables;
}

export async function d1State(): Promise<string> {
  const names = await tableNames();
  const results = await env.DB.batch(names.map((name) => env.DB.prepare(`SELECT * FROM "${name}" ORDER BY rowid`)));
  return JSON.stringify(names.map((name, i) => [name, results[i]?.results]));
}
