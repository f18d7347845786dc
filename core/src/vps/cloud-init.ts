/**
 * The droplet's cloud-init `user_data` (#cloud-config), for Debian 12 (`debian-12-x64`):
 *   - user `vibe`, passwordless sudo, every sudo use logged to /var/log/sudo-vibe.log;
 *   - the release's public key (/etc/vibe/gateway-release.pub), the gateway's env file (/etc/vibe/gateway.env, 0600,
 *     owned by vibe: VIBE_CP_URL and the one-time VIBE_BOOTSTRAP_TOKEN) and the install script
 *     (gateway/deploy/install-gateway.sh, embedded at build time);
 *   - one runcmd: the install script with the release's URL and its signature's. It installs the Debian packages,
 *     downloads and verifies the release, unpacks it to /opt/vibe-gateway/releases/<version>, points
 *     /opt/vibe-gateway/current at it and starts the unit the release carries — the same script localcloud runs,
 *     so there is one install path. No Node.js from the image or a third-party repository: the release bundles it.
 * Every value is validated here and emitted through `toYaml`, so none can alter the document's structure. URLs are
 * https unless the caller allows http (local mode: localcloud's droplets fetch from `npm start`'s file server).
 */
import { CloudError } from '../cloud/cloud-error.ts';
import { parseUrl } from '../cloud/url.ts';
import { GATEWAY_INSTALL_SCRIPT } from './install-script.generated.ts';
import { toYaml, type YamlValue } from './yaml-emit.ts';

export const GATEWAY_ENV_FILE = '/etc/vibe/gateway.env';
export const GATEWAY_RELEASE_KEY_FILE = '/etc/vibe/gateway-release.pub';
export const GATEWAY_INSTALL_DIR = '/opt/vibe-gateway';
export const INSTALL_SCRIPT = '/usr/local/lib/vibe/install-gateway.sh';
export const SUDO_LOG = '/var/log/sudo-vibe.log';
/** DigitalOcean refuses `user_data` over 64 KiB. */
export const MAX_USER_DATA_BYTES = 64 * 1024;

export interface CloudInitInput {
  /** The control plane's URL the gateway dials (VIBE_CP_URL). */
  cpUrl: string;
  /** One-time token the gateway trades for its credential (VIBE_BOOTSTRAP_TOKEN). */
  bootstrapToken: string;
  /** URL of the gateway release tarball (.tar.gz). */
  gatewayArtifactUrl: string;
  /** URL of its detached signature (DER, from `openssl dgst -sha256 -sign`); default `<artifact>.sig`. */
  gatewaySignatureUrl?: string;
  /** PEM public key (RSA or EC) the release is signed with. */
  gatewayPublicKeyPem: string;
  /** Lets the three URLs above be http: local mode only (`CloudConfig.allowHttp`); otherwise https only. */
  allowHttp?: boolean;
}

const TOKEN = /^[A-Za-z0-9._~+/=-]{16,512}$/;
const PEM = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n?$/;

function invalid(message: string): CloudError {
  return new CloudError('cloud.invalid_request', `cloud-init: ${message}`);
}

/** URLs go into an env file and into argv: no whitespace, quotes or backslashes, only http(s). */
function checkedUrl(name: string, value: string, httpsOnly: boolean): string {
  const url = parseUrl(value);
  if (!url || /[\s"'`\\$]/.test(value)) throw invalid(`${name} is not a usable URL`);
  const { protocol } = url;
  if (protocol !== 'https:' && (httpsOnly || protocol !== 'http:')) {
    throw invalid(`${name} must be ${httpsOnly ? 'https' : 'http(s)'}`);
  }
  return value;
}

/** The complete `user_data`: `#cloud-config` header and YAML body. Throws `cloud.invalid_request` on bad input. */
export function cloudInitUserData(input: CloudInitInput): string {
  const httpsOnly = input.allowHttp !== true;
  const cpUrl = checkedUrl('cpUrl', input.cpUrl, httpsOnly);
  const artifactUrl = checkedUrl('gatewayArtifactUrl', input.gatewayArtifactUrl, httpsOnly);
  const signatureUrl = checkedUrl('gatewaySignatureUrl', input.gatewaySignatureUrl ?? `${artifactUrl}.sig`, httpsOnly);
  if (!TOKEN.test(input.bootstrapToken)) throw invalid('bootstrapToken must be 16-512 URL-safe characters');
  const publicKey = `${input.gatewayPublicKeyPem.trim().replace(/\r\n/g, '\n')}\n`;
  if (!PEM.test(publicKey)) throw invalid('gatewayPublicKeyPem must be a PEM "PUBLIC KEY"');

  const doc: { [key: string]: YamlValue } = {
    users: [
      'default',
      {
        name: 'vibe',
        gecos: 'VibeCode',
        shell: '/bin/bash',
        lock_passwd: true,
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
      },
    ],
    write_files: [
      {
        path: '/etc/sudoers.d/90-vibe-log',
        owner: 'root:root',
        permissions: '0440',
        content: `# Passwordless sudo for vibe is an accepted risk; every use is logged.\nDefaults:vibe logfile=${SUDO_LOG}\nDefaults:vibe log_year, log_host\n`,
      },
      { path: GATEWAY_RELEASE_KEY_FILE, owner: 'root:root', permissions: '0644', content: publicKey },
      { path: INSTALL_SCRIPT, owner: 'root:root', permissions: '0755', content: GATEWAY_INSTALL_SCRIPT },
      {
        // Deferred to the final stage: user vibe does not exist yet when write_files normally runs.
        path: GATEWAY_ENV_FILE,
        owner: 'vibe:vibe',
        permissions: '0600',
        defer: true,
        content: `VIBE_CP_URL=${cpUrl}\nVIBE_BOOTSTRAP_TOKEN=${input.bootstrapToken}\n`,
      },
    ],
    // The script does everything else (packages, folders, the sudo log, the release, the unit): one install path.
    runcmd: [[INSTALL_SCRIPT, artifactUrl, signatureUrl]],
  };
  const userData = `#cloud-config\n${toYaml(doc)}`;
  if (new TextEncoder().encode(userData).length > MAX_USER_DATA_BYTES) {
    throw invalid(`user_data exceeds ${MAX_USER_DATA_BYTES} bytes`);
  }
  return userData;
}
