/**
 * The bindings table `wrangler deploy` prints ("Your Worker has access to the following bindings:"), as rows:
 *   env.KV (<namespace id>)          KV Namespace
 *   env.DB (<database name>)         D1 Database
 *   env.GATEWAY_HUB (GatewayHub)     Durable Object
 *   env.APP_ENV ("staging")          Environment Variable
 * wrangler has no machine-readable dry-run report, so the deploy test reads what an operator would read.
 */
export type PrintedBinding = { name: string; detail: string | null; type: string };

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const ROW = /^env\.([A-Za-z_][A-Za-z0-9_]*)(?: \((.*)\))?\s{2,}(\S.*?)\s*$/;

export function printedBindings(output: string): PrintedBinding[] {
  return output
    .replace(ANSI, '')
    .split('\n')
    .flatMap((line) => {
      const match = ROW.exec(line.trim());
      if (!match?.[1] || !match[3]) return [];
      return [{ name: match[1], detail: match[2] ?? null, type: match[3] }];
    });
}
