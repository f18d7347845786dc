import { describe, expect, it } from 'vitest';
import { printedBindings } from './wrangler-bindings.ts';

describe('printedBindings', () => {
  it("reads wrangler's bindings table, colours and all", () => {
    const output = [
      'Your Worker has access to the following bindings:',
      'Binding                                   Resource                  ',
      'env.GATEWAY_HUB (GatewayHub)              Durable Object            ',
      '\u001b[2menv.KV (0123abcd)\u001b[22m                         KV Namespace              ',
      'env.ASSETS                                Assets                    ',
      'env.APP_ENV ("staging")                   Environment Variable      ',
      'env.EMPTY ("")                            Environment Variable      ',
      '--dry-run: exiting now.',
    ].join('\n');
    expect(printedBindings(output)).toEqual([
      { name: 'GATEWAY_HUB', detail: 'GatewayHub', type: 'Durable Object' },
      { name: 'KV', detail: '0123abcd', type: 'KV Namespace' },
      { name: 'ASSETS', detail: null, type: 'Assets' },
      { name: 'APP_ENV', detail: '"staging"', type: 'Environment Variable' },
      { name: 'EMPTY', detail: '""', type: 'Environment Variable' },
    ]);
  });
});
