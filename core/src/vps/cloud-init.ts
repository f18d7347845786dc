/**
 * The droplet's cloud-init `user_data` (#cloud-config), for Debian 12 (`debian-12-x64`):
 *   - user `vibe`, passwordless sudo, every sudo use logged to /var/log/sudo-vibe.log;
 *   - tmux, git, curl, openssl from Debian; Node.js LTS from NodeSource's apt repository, because Debian 12's own
 *     `nodejs` is 18.x, past its end of life (NodeSource's signing key is fetched over HTTPS from NodeSource);
 *   - the gateway release tarball and its detached signature downloaded over HTTPS, the signature checked with
 *     `openssl dgst -sha256 -verify` against the public key embedded here, and only then unpacked to
 *     /opt/vibe-gateway/releases/<sha256> with /opt/vibe-gateway/current pointing at it;
 *   - the systemd unit (the caller passes the text of gateway/deploy/vibe-gateway.service);
 *   - /etc/vibe/gateway.env (0600, owned by vibe) with VIBE_CP_URL and the one-time VIBE_BOOTSTRAP_TOKEN;
 *   - `systemctl enable --now vibe-gateway.service`.
 * Every value is validated here and emitted through `toYaml`, so none can alter the document's structure.
 * The install log is /var/log/vibe-install.log; if the signature does not verify, nothing is installed.
 */
import { CloudError } from './errors.ts';
import { parseUrl } from './url.ts';
import { toYaml, type YamlValue } from './yaml-emit.ts';

export const GATEWAY_ENV_FILE = '/etc/vibe/gateway.env';
export const GATEWAY_RELEASE_KEY_FILE = '/etc/vibe/gateway-release.pub';
export const GATEWAY_INSTALL_DIR = '/opt/vibe-gateway';
export const GATEWAY_UNIT_NAME = 'vibe-gateway.service';
export const INSTALL_SCRIPT = '/usr/local/lib/vibe/install-gateway.sh';
export const SUDO_LOG = '/var/log/sudo-vibe.log';
/** DigitalOcean refuses `user_data` over 64 KiB. */
export const MAX_USER_DATA_BYTES = 64 * 1024;
/** The Node.js LTS line installed from NodeSource. */
export const DEFAULT_NODE_MAJOR = 22;

export interface CloudInitInput {
  /** The control plane's URL the gateway dials (VIBE_CP_URL). */
  cpUrl: string;
  /** One-time token the gateway trades for its credential (VIBE_BOOTSTRAP_TOKEN). */
  bootstrapToken: string;
  /** HTTPS URL of the gateway release tarball (.tar.gz). */
  gatewayArtifactUrl: string;
  /** HTTPS URL of its detached signature (DER, from `openssl dgst -sha256 -sign`); default `<artifact>.sig`. */
  gatewaySignatureUrl?: string;
  /** PEM public key (RSA or EC) the release is signed with. */
  gatewayPublicKeyPem: string;
  /** The systemd unit text for vibe-gateway.service. */
  systemdUnit: string;
  /** Node.js major from NodeSource, an LTS line; default 22. */
  nodeMajor?: number;
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

const INSTALL_SCRIPT_TEXT = `#!/bin/bash
# Installs Node.js LTS and the signed gateway release, then starts the gateway. Arguments:
#   $1 node major  $2 release tarball URL  $3 detached signature URL
set -euo pipefail
exec >>/var/log/vibe-install.log 2>&1
echo "vibe install start $(date -Is)"
node_major="$1"; artifact_url="$2"; signature_url="$3"
fetch() { curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 5 --retry-delay 3 "$@"; }

install -d -m 0755 /etc/apt/keyrings
fetch https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg
echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_\${node_major}.x nodistro main" \\
  > /etc/apt/sources.list.d/nodesource.list
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch -o "$work/gateway.tar.gz" "$artifact_url"
fetch -o "$work/gateway.tar.gz.sig" "$signature_url"
if ! openssl dgst -sha256 -verify ${GATEWAY_RELEASE_KEY_FILE} -signature "$work/gateway.tar.gz.sig" "$work/gateway.tar.gz"; then
  echo "gateway release signature did not verify: not installing" >&2
  exit 1
fi
release="${GATEWAY_INSTALL_DIR}/releases/$(sha256sum "$work/gateway.tar.gz" | cut -c1-64)"
install -d -m 0755 "$release"
tar -xzf "$work/gateway.tar.gz" -C "$release" --no-same-owner
ln -sfn "$release" ${GATEWAY_INSTALL_DIR}/current

systemctl daemon-reload
systemctl enable --now ${GATEWAY_UNIT_NAME}
echo "vibe install done $(date -Is)"
`;

/** The complete `user_data`: `#cloud-config` header and YAML body. Throws `cloud.invalid_request` on bad input. */
export function cloudInitUserData(input: CloudInitInput): string {
  const cpUrl = checkedUrl('cpUrl', input.cpUrl, false);
  const artifactUrl = checkedUrl('gatewayArtifactUrl', input.gatewayArtifactUrl, true);
  const signatureUrl = checkedUrl('gatewaySignatureUrl', input.gatewaySignatureUrl ?? `${artifactUrl}.sig`, true);
  if (!TOKEN.test(input.bootstrapToken)) throw invalid('bootstrapToken must be 16-512 URL-safe characters');
  const publicKey = `${input.gatewayPublicKeyPem.trim().replace(/\r\n/g, '\n')}\n`;
  if (!PEM.test(publicKey)) throw invalid('gatewayPublicKeyPem must be a PEM "PUBLIC KEY"');
  if (!input.systemdUnit.includes('[Service]')) throw invalid('systemdUnit has no [Service] section');
  const nodeMajor = input.nodeMajor ?? DEFAULT_NODE_MAJOR;
  if (!Number.isInteger(nodeMajor) || nodeMajor < 18 || nodeMajor % 2 !== 0) {
    throw invalid('nodeMajor must be an even (LTS) Node.js major ≥ 18');
  }

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
    package_update: true,
    packages: ['tmux', 'git', 'curl', 'ca-certificates', 'gnupg', 'openssl'],
    write_files: [
      {
        path: '/etc/sudoers.d/90-vibe-log',
        owner: 'root:root',
        permissions: '0440',
        content: `# Passwordless sudo for vibe is an accepted risk; every use is logged.\nDefaults:vibe logfile=${SUDO_LOG}\nDefaults:vibe log_year, log_host\n`,
      },
      { path: GATEWAY_RELEASE_KEY_FILE, owner: 'root:root', permissions: '0644', content: publicKey },
      { path: INSTALL_SCRIPT, owner: 'root:root', permissions: '0755', content: INSTALL_SCRIPT_TEXT },
      {
        path: `/etc/systemd/system/${GATEWAY_UNIT_NAME}`,
        owner: 'root:root',
        permissions: '0644',
        content: input.systemdUnit.endsWith('\n') ? input.systemdUnit : `${input.systemdUnit}\n`,
      },
      {
        // Deferred to the final stage: user vibe does not exist yet when write_files normally runs.
        path: GATEWAY_ENV_FILE,
        owner: 'vibe:vibe',
        permissions: '0600',
        defer: true,
        content: `VIBE_CP_URL=${cpUrl}\nVIBE_BOOTSTRAP_TOKEN=${input.bootstrapToken}\n`,
      },
    ],
    runcmd: [
      ['install', '-d', '-o', 'vibe', '-g', 'vibe', '-m', '0700', '/home/vibe/workspace'],
      ['touch', SUDO_LOG],
      ['chmod', '0600', SUDO_LOG],
      [INSTALL_SCRIPT, String(nodeMajor), artifactUrl, signatureUrl],
    ],
  };
  const userData = `#cloud-config\n${toYaml(doc)}`;
  if (new TextEncoder().encode(userData).length > MAX_USER_DATA_BYTES) {
    throw invalid(`user_data exceeds ${MAX_USER_DATA_BYTES} bytes`);
  }
  return userData;
}
