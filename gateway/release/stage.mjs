/**
 * Lays out an unpacked release in `dir` (the layout the install script and `vibe-gateway update` unpack to
 * /opt/vibe-gateway/releases/<version>):
 *   VERSION, bin/{node,vibe-gateway,npm,npx}, lib/vibe-gateway.mjs, lib/node_modules/{node-pty,npm},
 *   agents/, systemd/vibe-gateway.service, install-gateway.sh
 */
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleGateway } from './bundle.mjs';
import { gatewayDir, nodePtyFiles, runtime } from './inputs.mjs';

/**
 * @param {string} target path of the script from bin/
 * @param {string} [nodeFlags] flags for node itself, before the script
 */
const launcher = (target, nodeFlags = '') =>
  `#!/bin/sh\n# Runs with the Node.js shipped beside this script: a droplet has no Node of its own.\ndir=$(dirname "$(readlink -f "$0")")\nexec "$dir/node" ${nodeFlags ? `${nodeFlags} ` : ''}"$dir/${target}" "$@"\n`;

/**
 * The gateway's heap is small (~10 MiB) and its garbage short-lived output buffers, so V8's defaults for big
 * apps only cost memory here (gateway/README.md "Memory", measured with 5 busy sessions: RSS 63 → 58 MiB): a
 * young generation of 1 MiB semi-spaces instead of up to 16 (scavenges stay cheap: few survivors), one V8
 * worker thread instead of four (a droplet has one or two cores), and V8's size-over-speed heuristics (no
 * measurable cost on the output path). Not on the command line of npm/npx, which run the user's agent installs.
 */
const GATEWAY_NODE_FLAGS = '--max-semi-space-size=1 --v8-pool-size=1 --optimize-for-size';

/**
 * npm's "builtin" config file. npm's default global prefix is the folder above its node binary, which here is
 * the release itself: agent CLIs installed there would be lost at the next update, so they go to ~/.local
 * (on the unit's PATH) instead.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: npm expands ${HOME} when it reads the file.
const NPMRC = 'prefix=${HOME}/.local\n';

/**
 * @param {string} dir an empty folder
 * @param {string} version
 */
export async function stageRelease(dir, version) {
  const { node, npm } = runtime();
  /** @param {string} rel @param {string} text @param {number} [mode] */
  const write = (rel, text, mode = 0o644) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
    chmodSync(join(dir, rel), mode);
  };

  write('VERSION', `${version}\n`);
  await bundleGateway(join(dir, 'lib', 'vibe-gateway.mjs'), version);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(node, join(dir, 'bin', 'node'));
  chmodSync(join(dir, 'bin', 'node'), 0o755);
  write('bin/vibe-gateway', launcher('../lib/vibe-gateway.mjs', GATEWAY_NODE_FLAGS), 0o755);
  write('bin/npm', launcher('../lib/node_modules/npm/bin/npm-cli.js'), 0o755);
  write('bin/npx', launcher('../lib/node_modules/npm/bin/npx-cli.js'), 0o755);

  const pty = nodePtyFiles();
  for (const rel of pty.files) {
    const to = join(dir, 'lib', 'node_modules', 'node-pty', rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(pty.dir, rel), to);
  }
  // npm's own node_modules/.bin holds relative symlinks; keep them as they are.
  cpSync(npm, join(dir, 'lib', 'node_modules', 'npm'), { recursive: true, verbatimSymlinks: true });
  write('lib/node_modules/npm/npmrc', NPMRC);

  cpSync(join(gatewayDir, 'agents'), join(dir, 'agents'), { recursive: true });
  mkdirSync(join(dir, 'systemd'));
  copyFileSync(join(gatewayDir, 'deploy', 'vibe-gateway.service'), join(dir, 'systemd', 'vibe-gateway.service'));
  const installer = join(gatewayDir, 'deploy', 'install-gateway.sh');
  if (existsSync(installer)) {
    copyFileSync(installer, join(dir, 'install-gateway.sh'));
    chmodSync(join(dir, 'install-gateway.sh'), 0o755);
  }
}
