import { describe, expect, it } from 'vitest';
import { gatewayEnvFromUserData } from './user-data.ts';

const doc = (content: string, extra = '') =>
  `#cloud-config\nwrite_files:\n  - path: /etc/hosts\n    content: "127.0.0.1 x"\n  - path: /etc/vibe/gateway.env\n${extra}    content: ${content}\n`;

describe('gatewayEnvFromUserData', () => {
  it('reads the env file from a literal block, a quoted scalar or base64', () => {
    const expected = { cpUrl: 'https://cp.example/x?a=1', bootstrapToken: 'tok=1' };
    expect(
      gatewayEnvFromUserData(doc('|\n      VIBE_CP_URL=https://cp.example/x?a=1\n      VIBE_BOOTSTRAP_TOKEN=tok=1')),
    ).toEqual(expected);
    expect(
      gatewayEnvFromUserData(
        doc('"VIBE_CP_URL=\\"https://cp.example/x?a=1\\"\\nexport VIBE_BOOTSTRAP_TOKEN=\'tok=1\'\\n"'),
      ),
    ).toEqual(expected);
    const b64 = Buffer.from('VIBE_CP_URL=https://cp.example/x?a=1\nVIBE_BOOTSTRAP_TOKEN=tok=1\n').toString('base64');
    expect(gatewayEnvFromUserData(doc(b64, '    encoding: b64\n'))).toEqual(expected);
  });

  it('explains why a droplet has no gateway to boot', () => {
    expect(gatewayEnvFromUserData('#!/bin/sh\necho hi')).toEqual({
      reason: 'user_data is not a #cloud-config document',
    });
    expect(gatewayEnvFromUserData('#cloud-config\nfoo: [')).toEqual({ reason: 'user_data is not valid YAML' });
    expect(gatewayEnvFromUserData('#cloud-config\npackages: [tmux]\n')).toEqual({
      reason: 'user_data has no write_files',
    });
    expect(gatewayEnvFromUserData(doc('"VIBE_CP_URL=https://cp.example\\n"'))).toEqual({
      reason: 'no written file sets VIBE_CP_URL and VIBE_BOOTSTRAP_TOKEN',
    });
  });
});
