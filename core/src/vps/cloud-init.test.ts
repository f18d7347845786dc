/**
 * The cloud-init document, checked by cloud-init itself (`cloud-init schema`, Debian package `cloud-init`),
 * by a YAML parser, by openssl (the embedded key verifies a real signature) and by localcloud (which boots
 * droplets from it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropletBootFromUserData, gatewayEnvFromUserData } from '@vibecode/localcloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CloudError } from '../cloud/cloud-error.ts';
import { type CloudInitInput, cloudInitUserData, GATEWAY_ENV_FILE, INSTALL_SCRIPT } from './cloud-init.ts';
import { GATEWAY_INSTALL_SCRIPT } from './install-script.generated.ts';

let dir: string;
let publicKeyPem: string;
let privateKeyFile: string;

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

  it('leaves the install to the script: one runcmd, no packages, no unit, no third-party repository', () => {
    const userData = cloudInitUserData(input());
    const doc = parse(userData);
    expect(doc.runcmd).toEqual([
      [
        INSTALL_SCRIPT,
        'https://releases.vibecode.example/gateway/v1.2.3/vibe-gateway.tar.gz',
        'https://releases.vibecode.example/gateway/v1.2.3/vibe-gateway.tar.gz.sig',
      ],
    ]);
    expect(doc.packages).toBeUndefined();
    expect(doc.package_update).toBeUndefined();
    expect(doc.write_files.map((f: WriteFile) => f.path)).toEqual([
      '/etc/sudoers.d/90-vibe-log',
      '/etc/vibe/gateway-release.pub',
      INSTALL_SCRIPT,
      GATEWAY_ENV_FILE,
    ]);
    expect(userData).not.toMatch(/nodesource|apt-key|sources\.list/i);
  });

  it('writes the 0600 env file owned by vibe, deferred until vibe exists', () => {
    expect(fileAt(parse(cloudInitUserData(input())), GATEWAY_ENV_FILE)).toEqual({
      path: GATEWAY_ENV_FILE,
      owner: 'vibe:vibe',
      permissions: '0600',
      defer: true,
      content: 'VIBE_CP_URL=https://vibecode.example/gateway\nVIBE_BOOTSTRAP_TOKEN=bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l\n',
    });
  });

  it('ships gateway/deploy/install-gateway.sh verbatim: valid bash that verifies before it unpacks', () => {
    const script = fileAt(parse(cloudInitUserData(input())), INSTALL_SCRIPT);
    expect(script).toMatchObject({ owner: 'root:root', permissions: '0755' });
    expect(script.content).toBe(GATEWAY_INSTALL_SCRIPT);
    expect(spawnSync('bash', ['-n'], { input: script.content }).status).toBe(0);
    const verifyAt = script.content.indexOf('openssl dgst -sha256 -verify');
    expect(verifyAt).toBeGreaterThan(0);
    expect(script.content.indexOf('tar -xzf')).toBeGreaterThan(verifyAt);
  });

  it('takes http URLs only when the caller allows them (local mode)', () => {
    const local = {
      cpUrl: 'http://127.0.0.1:8787',
      gatewayArtifactUrl: 'http://127.0.0.1:8792/vibe-gateway-0.1.0-linux-x64.tar.gz',
    };
    expect(() => cloudInitUserData(input(local))).toThrow(CloudError);
    expect(() => cloudInitUserData(input({ cpUrl: local.cpUrl }))).toThrow(/cpUrl must be https/);
    expect(() => cloudInitUserData(input({ gatewaySignatureUrl: 'http://127.0.0.1:8792/x.sig' }))).toThrow(
      /gatewaySignatureUrl must be https/,
    );
    const doc = parse(cloudInitUserData(input({ ...local, allowHttp: true })));
    expect(doc.runcmd).toEqual([[INSTALL_SCRIPT, local.gatewayArtifactUrl, `${local.gatewayArtifactUrl}.sig`]]);
    expect(() => cloudInitUserData(input({ cpUrl: 'ftp://127.0.0.1/', allowHttp: true }))).toThrow(
      /cpUrl must be http\(s\)/,
    );
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
    const userData = cloudInitUserData(
      input({
        cpUrl: 'http://127.0.0.1:8787/gw?a=1&b=%20',
        gatewaySignatureUrl: 'https://sig.example/s#x',
        allowHttp: true,
      }),
    );
    expect(schemaCheck(userData).status).toBe(0);
    const doc = parse(userData);
    expect(doc.runcmd[0][2]).toBe('https://sig.example/s#x');
    expect(gatewayEnvFromUserData(userData)).toEqual({
      cpUrl: 'http://127.0.0.1:8787/gw?a=1&b=%20',
      bootstrapToken: 'bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l',
    });
  });

  it('is what localcloud boots a gateway from: the files it writes, then the install script', () => {
    const userData = cloudInitUserData(input());
    expect(gatewayEnvFromUserData(userData)).toEqual({
      cpUrl: 'https://vibecode.example/gateway',
      bootstrapToken: 'bt_Zm9vYmFyYmF6cXV4LW9uZS10aW1l',
    });
    const boot = dropletBootFromUserData(userData);
    if ('reason' in boot) throw new Error(boot.reason);
    expect(boot.install).toEqual(parse(userData).runcmd[0]);
    const script = boot.files.find((f) => f.path === INSTALL_SCRIPT);
    expect(script?.content.toString()).toBe(GATEWAY_INSTALL_SCRIPT);
    expect(script?.mode).toBe(0o755);
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
      { gatewayArtifactUrl: `https://releases.example/${'a'.repeat(70 * 1024)}.tar.gz` },
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
