import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dropletBootFromUserData, gatewayEnvFromUserData } from './user-data.ts';

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

describe('dropletBootFromUserData', () => {
  const script = '#!/bin/bash\necho install\n';
  const gz = gzipSync(Buffer.from('zipped\n')).toString('base64');
  const userData = `#cloud-config
write_files:
  - path: /etc/vibe/gateway-release.pub
    content: "KEY\\n"
  - path: /usr/local/lib/vibe/install-gateway.sh
    permissions: '0755'
    content: |
      #!/bin/bash
      echo install
  - path: /etc/zipped
    encoding: gz+b64
    content: ${gz}
  - path: /etc/vibe/gateway.env
    permissions: 0600
    owner: vibe:vibe
    defer: true
    append: true
    content: ${Buffer.from('VIBE_CP_URL=x\n').toString('base64')}
    encoding: b64
runcmd:
  - [touch, /tmp/x]
  - echo shell form
  - [/usr/local/lib/vibe/install-gateway.sh, https://r.example/a.tar.gz, https://r.example/a.tar.gz.sig]
`;

  it('decodes every written file and finds the runcmd entry that runs one of them', () => {
    const boot = dropletBootFromUserData(userData);
    if ('reason' in boot) throw new Error(boot.reason);
    expect(boot.install).toEqual([
      '/usr/local/lib/vibe/install-gateway.sh',
      'https://r.example/a.tar.gz',
      'https://r.example/a.tar.gz.sig',
    ]);
    expect(boot.files.map((f) => [f.path, f.content.toString(), f.mode.toString(8), f.append])).toEqual([
      ['/etc/vibe/gateway-release.pub', 'KEY\n', '644', false],
      ['/usr/local/lib/vibe/install-gateway.sh', script, '755', false],
      ['/etc/zipped', 'zipped\n', '644', false],
      ['/etc/vibe/gateway.env', 'VIBE_CP_URL=x\n', '600', true],
    ]);
    expect(gunzipSync(Buffer.from(gz, 'base64')).toString()).toBe('zipped\n');
  });

  it('refuses paths that would leave the sandbox and says why nothing boots', () => {
    for (const path of ['etc/x', '/etc/../../x', '/etc//x', '/etc/./x']) {
      const doc = `#cloud-config\nwrite_files:\n  - path: "${path}"\n    content: x\nruncmd:\n  - ["${path}"]\n`;
      expect(dropletBootFromUserData(doc)).toEqual({
        reason: `write_files has a path that is not absolute and normal: ${path}`,
      });
    }
    expect(dropletBootFromUserData('#cloud-config\nwrite_files:\n  - path: /a\n    content: x\n')).toEqual({
      reason: 'no runcmd entry runs a file that write_files writes',
    });
    expect(
      dropletBootFromUserData('#cloud-config\nwrite_files:\n  - path: /a\n    encoding: zstd\n    content: x\n'),
    ).toEqual({ reason: 'write_files /a: cannot decode encoding zstd' });
    expect(
      dropletBootFromUserData("#cloud-config\nwrite_files:\n  - path: /a\n    permissions: 'rw'\n    content: x\n"),
    ).toEqual({ reason: 'write_files /a: permissions rw is not octal' });
    expect(dropletBootFromUserData('#!/bin/sh\n')).toEqual({ reason: 'user_data is not a #cloud-config document' });
  });
});
