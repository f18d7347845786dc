/**
 * The cloud-init document, checked by cloud-init itself (`cloud-init schema`, Debian package `cloud-init`),
 * by a YAML parser, by openssl (the embedded key verifies a real signature) and by localcloud (which boots
 * droplets from it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayEnvFromUserData } from '@vibecode/localcloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CloudInitInput, cloudInitUserData, GATEWAY_ENV_FILE, INSTALL_SCRIPT } from './cloud-init.ts';
import { CloudError } from './errors.ts';

let dir: string;
let publicKeyPem: string;
let privateKeyFile: string;

const UNIT = `[Unit]
Description=VibeCode gateway "quoted" # not a comment: value
After=network-online.target

[Service]
User=vibe
EnvironmentFile=/etc/vibe/gateway.env
ExecStart=/usr/bin/node /opt/vibe-gateway/current/bin/vibe-gateway.js run
Restart=always

[Install]
WantedBy=multi-user.target
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloud-init-test-'));
  privateKeyFile = join(dir, 'release.key');
  execFileSync('openssl', [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    privateKeyFile,
  ]);
  publicKeyPem = execFileSync('openssl', ['pkey', '-in', privateKeyFile, '-pubout'], { encoding: 'utf8' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(overrides: Partial<CloudInitInput> = {}): CloudInitInput {
  return {
    cpUrl: 'https://vibecode.example/gateway',
    bootstrapToken: 'bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l',
    gatewayArtifactUrl: 'https://releases.vibecode.example/gateway/v1.2.3/vibe-gateway.tar.gz',
    gatewayPublicKeyPem: publicKeyPem,
    systemdUnit: UNIT,
    ...overrides,
  };
}

type WriteFile = { path: string; content: string; owner: string; permissions: string; defer?: boolean };
const fileAt = (doc: { write_files: WriteFile[] }, path: string) =>
  doc.write_files.find((f) => f.path === path) as WriteFile;

function schemaCheck(userData: string): { status: number | null; output: string } {
  const file = join(dir, `user-data-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, userData);
  const run = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' });
  if (run.error) throw new Error(`cloud-init is not installed (apt-get install -y cloud-init): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('cloudInitUserData', () => {
  it('is valid cloud-config according to cloud-init schema', () => {
    const { status, output } = schemaCheck(cloudInitUserData(input()));
    expect(output).toContain('Valid cloud-config');
    expect(status).toBe(0);
    // The check is live: a document cloud-init would reject fails it.
    expect(schemaCheck('#cloud-config\npackages: 5\n').status).not.toBe(0);
  });

  it('creates vibe with passwordless sudo whose use is logged', () => {
    const doc = parse(cloudInitUserData(input()));
    expect(doc.users).toContainEqual(
      expect.objectContaining({ name: 'vibe', sudo: 'ALL=(ALL) NOPASSWD:ALL', lock_passwd: true, shell: '/bin/bash' }),
    );
    const sudoers = fileAt(doc, '/etc/sudoers.d/90-vibe-log');
    expect(sudoers).toMatchObject({ owner: 'root:root', permissions: '0440' });
    expect(sudoers.content).toContain('Defaults:vibe logfile=/var/log/sudo-vibe.log');
    // visudo comes with Debian's sudo package; where it is installed, it must accept the drop-in.
    const visudo = spawnSync('visudo', ['-cf', '-'], { input: sudoers.content });
    if (!visudo.error) expect(visudo.status).toBe(0);
  });

  it('installs tmux and the tools, the unit verbatim, and the 0600 env file owned by vibe', () => {
    const doc = parse(cloudInitUserData(input()));
    expect(doc.package_update).toBe(true);
    expect(doc.packages).toEqual(expect.arrayContaining(['tmux', 'git', 'curl', 'openssl', 'gnupg']));
    expect(fileAt(doc, '/etc/systemd/system/vibe-gateway.service').content).toBe(UNIT);
    expect(fileAt(doc, GATEWAY_ENV_FILE)).toEqual({
      path: GATEWAY_ENV_FILE,
      owner: 'vibe:vibe',
      permissions: '0600',
      defer: true,
      content: 'VIBE_CP_URL=https://vibecode.example/gateway\nVIBE_BOOTSTRAP_TOKEN=bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l\n',
    });
    expect(doc.runcmd.at(-1)).toEqual([
      INSTALL_SCRIPT,
      '22',
      'https://releases.vibecode.example/gateway/v1.2.3/vibe-gateway.tar.gz',
      'https://releases.vibecode.example/gateway/v1.2.3/vibe-gateway.tar.gz.sig',
    ]);
  });

  it('ships an install script that is valid bash, verifies before unpacking, and enables the unit', () => {
    const script = fileAt(parse(cloudInitUserData(input())), INSTALL_SCRIPT);
    expect(script.permissions).toBe('0755');
    expect(spawnSync('bash', ['-n'], { input: script.content }).status).toBe(0);
    const verifyAt = script.content.indexOf('openssl dgst -sha256 -verify');
    expect(verifyAt).toBeGreaterThan(0);
    expect(script.content.indexOf('tar -xzf')).toBeGreaterThan(verifyAt);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash variable inside the script text
    expect(script.content).toContain('deb.nodesource.com/node_${node_major}.x');
    expect(script.content).toContain('systemctl enable --now vibe-gateway.service');
  });

  it('embeds the release key so that it verifies a real signature and rejects a tampered artifact', () => {
    const key = fileAt(parse(cloudInitUserData(input())), '/etc/vibe/gateway-release.pub');
    const keyFile = join(dir, 'embedded.pub');
    writeFileSync(keyFile, key.content);
    const artifact = join(dir, 'gateway.tar.gz');
    const signature = `${artifact}.sig`;
    writeFileSync(artifact, 'release bytes');
    execFileSync('openssl', ['dgst', '-sha256', '-sign', privateKeyFile, '-out', signature, artifact]);
    const verify = () =>
      spawnSync('openssl', ['dgst', '-sha256', '-verify', keyFile, '-signature', signature, artifact]);
    expect(verify().status).toBe(0);
    writeFileSync(artifact, 'release bytes, tampered');
    expect(verify().status).not.toBe(0);
  });

  it('carries awkward but legal values through unchanged', () => {
    const unit = `${UNIT}# trailing: "x" 'y' \\ $HOME {{ jinja }} ✓\n\n`;
    const userData = cloudInitUserData(
      input({
        systemdUnit: unit,
        cpUrl: 'http://127.0.0.1:8787/gw?a=1&b=%20',
        gatewaySignatureUrl: 'https://sig.example/s#x',
      }),
    );
    expect(schemaCheck(userData).status).toBe(0);
    const doc = parse(userData);
    expect(fileAt(doc, '/etc/systemd/system/vibe-gateway.service').content).toBe(unit);
    expect(doc.runcmd.at(-1)[3]).toBe('https://sig.example/s#x');
    expect(gatewayEnvFromUserData(userData)).toEqual({
      cpUrl: 'http://127.0.0.1:8787/gw?a=1&b=%20',
      bootstrapToken: 'bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l',
    });
  });

  it('is what localcloud boots a gateway from', () => {
    expect(gatewayEnvFromUserData(cloudInitUserData(input()))).toEqual({
      cpUrl: 'https://vibecode.example/gateway',
      bootstrapToken: 'bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l',
    });
  });

  it('refuses values that could break the env file, the command line or the install', () => {
    const bad: Array<Partial<CloudInitInput>> = [
      { cpUrl: 'https://a.example/x y' },
      { cpUrl: 'https://a.example/"x' },
      { cpUrl: 'ftp://a.example/' },
      { cpUrl: 'not a url' },
      { gatewayArtifactUrl: 'http://releases.example/gw.tar.gz' },
      { gatewaySignatureUrl: 'https://releases.example/$(id)' },
      { bootstrapToken: 'short' },
      { bootstrapToken: 'has space in the middle of it' },
      { bootstrapToken: 'newline\nVIBE_CP_URL=https://evil.example' },
      { gatewayPublicKeyPem: 'ssh-ed25519 AAAA' },
      { gatewayPublicKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' },
      { systemdUnit: '[Unit]\nDescription=x\n' },
      { nodeMajor: 23 },
      { systemdUnit: `${UNIT}${'#'.repeat(70 * 1024)}\n` },
    ];
    for (const overrides of bad) {
      const err = (() => {
        try {
          cloudInitUserData(input(overrides));
        } catch (e) {
          return e;
        }
      })();
      expect(err, JSON.stringify(overrides).slice(0, 80)).toBeInstanceOf(CloudError);
      expect((err as CloudError).code).toBe('cloud.invalid_request');
    }
  });

  it('never writes the bootstrap token anywhere but the env file', () => {
    const userData = cloudInitUserData(input());
    const token = 'bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l';
    expect(userData.split(token)).toHaveLength(2);
  });
});
