/** D1 as the provisioning tests read and move it directly: a statement with its values, and a VPS's status. */
import { env } from 'cloudflare:test';

export const sql = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();

export const statusOf = async (vpsId: string) =>
  (await env.DB.prepare('SELECT status FROM vps WHERE id = ?').bind(vpsId).first<{ status: string }>())?.status;
