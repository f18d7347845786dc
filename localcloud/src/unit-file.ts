/**
 * The part of a systemd unit a localcloud droplet needs to start its gateway as systemd would: `ExecStart` and
 * `WorkingDirectory` of `[Service]`, with every absolute path moved under the droplet's sandbox (a droplet's
 * `/opt/vibe-gateway/current/bin/vibe-gateway` is `<sandbox>/opt/vibe-gateway/current/bin/vibe-gateway` here).
 */
import { join } from 'node:path';

export interface UnitStart {
  argv: string[];
  cwd: string;
}

/** Returns how to start the unit's service inside `sandbox`, or why it cannot be started. */
export function unitStart(unitText: string, sandbox: string): UnitStart | { reason: string } {
  let section = '';
  let execStart: string | undefined;
  let workingDirectory: string | undefined;
  for (const raw of unitText.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) section = line;
    if (section !== '[Service]') continue;
    const m = /^(ExecStart|WorkingDirectory)=(.*)$/.exec(line);
    if (m?.[1] === 'ExecStart') execStart = m[2];
    if (m?.[1] === 'WorkingDirectory') workingDirectory = m[2];
  }
  if (!execStart) return { reason: 'the unit has no ExecStart in [Service]' };
  // systemd's quoting, specifiers, `$VAR` expansion and prefixes (`-`, `@`, `+`, `!`) are not needed by this unit.
  if (/["'\\%$]/.test(execStart) || !execStart.startsWith('/')) {
    return { reason: `ExecStart is not a plain absolute command line: ${execStart}` };
  }
  const inSandbox = (arg: string) => (arg.startsWith('/') ? join(sandbox, arg) : arg);
  return {
    argv: execStart.split(/\s+/).filter(Boolean).map(inSandbox),
    cwd: workingDirectory?.startsWith('/') ? inSandbox(workingDirectory) : sandbox,
  };
}
