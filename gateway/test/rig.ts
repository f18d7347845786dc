/**
 * The test hub, sandbox and gateway process one test file shares: registered as the file's beforeAll/afterAll,
 * so the gateway (with a ready credential) has said hello before the first test, and nothing outlives the file.
 * Test-only code.
 */
import { afterAll, beforeAll } from 'vitest';
import { TestHub } from './hub.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

export interface GatewayRig {
  hub: TestHub;
  sandbox: Sandbox;
  /** Replaceable: a test that restarts the gateway puts the new process here, and teardown stops that one. */
  gw: GatewayProcess;
}

/** `env` adds to the credential settings (`VIBE_GATEWAY_ID` is `gatewayId`). */
export function gatewayRig(gatewayId: string, env: Record<string, string> = {}): GatewayRig {
  const rig = {} as GatewayRig;
  beforeAll(async () => {
    rig.hub = await TestHub.start();
    rig.sandbox = createSandbox();
    rig.gw = startGateway(rig.sandbox, rig.hub.url, rigEnv(gatewayId, env));
    await rig.hub.event('gateway.hello');
  });
  afterAll(async () => {
    await rig.gw?.stop('SIGKILL');
    await rig.hub?.stop();
    await rig.sandbox?.cleanup();
  });
  return rig;
}

/** The environment `gatewayRig` starts its gateway with, for a test that starts it again. */
export function rigEnv(gatewayId: string, env: Record<string, string> = {}): Record<string, string> {
  return { VIBE_GATEWAY_CREDENTIAL: 'cred-secret', VIBE_GATEWAY_ID: gatewayId, ...env };
}
