/**
 * What systemd would run for a service unit, read from the unit file itself, for roots where systemd does not run:
 * its ExecStart argv, as its User/Group, in its WorkingDirectory, with its UMask and the environment systemd would
 * build — defaults (PATH, and USER, LOGNAME, HOME, SHELL of User=), then Environment=, then EnvironmentFile= (later
 * wins, as in systemd). Unit features this does not implement (specifiers, $VAR expansion in ExecStart, several
 * ExecStart lines, special executable prefixes) are refused rather than run differently; what systemd does around
 * the process (restarts, kill mode, resource limits, the journal) is not reproduced.
 */
import { DropletError } from './errors.ts';

export interface ServiceUnit {
  execStart: string[];
  user?: string;
  group?: string;
  workingDirectory?: string;
  /** UMask= (octal), applied before ExecStart. */
  umask?: string;
  /** Environment= assignments in order. */
  environment: [string, string][];
  /** EnvironmentFile= paths; `optional` for a leading `-`. */
  environmentFiles: { path: string; optional: boolean }[];
}

function unsupported(message: string): DropletError {
  return new DropletError('droplet.unit_unsupported', `systemd unit: ${message}`);
}

/** systemd's word splitting: whitespace-separated, double or single quotes group, backslash escapes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (quote) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw unsupported(`unbalanced quote in: ${text}`);
  if (word !== undefined) words.push(word);
  return words;
}

function assignment(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw unsupported(`not an assignment: ${text}`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** The [Service] section of a unit file. */
export function parseServiceUnit(text: string): ServiceUnit {
  const unit: ServiceUnit = { execStart: [], environment: [], environmentFiles: [] };
  let section = '';
  let execStarts = 0;
  // A line ending in a backslash continues on the next.
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      section = line;
      continue;
    }
    if (section !== '[Service]') continue;
    const [key, value] = assignment(line);
    const name = key.trim();
    const setting = value.trim();
    if (/%/.test(setting)) throw unsupported(`specifiers are not supported: ${line}`);
    switch (name) {
      case 'ExecStart':
        execStarts += 1;
        if (/^[@+!:]/.test(setting)) throw unsupported(`ExecStart prefixes other than - are not supported: ${line}`);
        if (setting.includes('$')) throw unsupported(`variables in ExecStart are not supported: ${line}`);
        unit.execStart = splitWords(setting.replace(/^-/, ''));
        break;
      case 'User':
        unit.user = setting;
        break;
      case 'Group':
        unit.group = setting;
        break;
      case 'WorkingDirectory':
        unit.workingDirectory = setting;
        break;
      case 'UMask':
        if (!/^[0-7]{3,4}$/.test(setting)) throw unsupported(`UMask must be octal: ${line}`);
        unit.umask = setting;
        break;
      case 'Environment':
        unit.environment.push(...splitWords(setting).map(assignment));
        break;
      case 'EnvironmentFile':
        unit.environmentFiles.push({ path: setting.replace(/^-/, ''), optional: setting.startsWith('-') });
        break;
    }
  }
  if (execStarts !== 1 || unit.execStart.length === 0) {
    throw unsupported(`exactly one ExecStart is supported, found ${execStarts}`);
  }
  return unit;
}

/** An EnvironmentFile's assignments: `KEY=value` lines, `#`/`;` comments, values optionally quoted. */
export function parseEnvironmentFile(text: string): [string, string][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith(';'))
    .map((line) => {
      const [key, value] = assignment(line);
      const quoted = /^(["'])(.*)\1$/.exec(value.trim());
      return [key.trim(), quoted ? (quoted[2] as string) : value.trim()];
    });
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line) => {
      const [name = '', , uid = '', gid = '', , home = '', shell = ''] = line.split(':');
      return { name, uid: Number(uid), gid: Number(gid), home, shell };
    });
}

export interface ServiceCommand {
  /** Run as root inside the root: drops to the unit's user, changes to its directory, execs ExecStart. */
  argv: string[];
  env: Record<string, string>;
}

/**
 * The command that starts `unit` as systemd would. `readFile` reads a path inside the machine (undefined when it
 * does not exist); `passwd` is the machine's /etc/passwd.
 */
export function serviceCommand(
  unit: ServiceUnit,
  passwd: PasswdEntry[],
  readFile: (path: string) => string | undefined,
): ServiceCommand {
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin' };
  const user = unit.user === undefined ? undefined : passwd.find((p) => p.name === unit.user);
  if (unit.user !== undefined && !user) throw unsupported(`User=${unit.user} does not exist on the machine`);
  if (user) Object.assign(env, { USER: user.name, LOGNAME: user.name, HOME: user.home, SHELL: user.shell });
  for (const [name, value] of unit.environment) env[name] = value;
  for (const file of unit.environmentFiles) {
    const text = readFile(file.path);
    if (text === undefined) {
      if (file.optional) continue;
      throw unsupported(`EnvironmentFile=${file.path} does not exist on the machine`);
    }
    for (const [name, value] of parseEnvironmentFile(text)) env[name] = value;
  }
  let directory = unit.workingDirectory?.replace(/^-/, '');
  if (directory === '~') directory = user?.home ?? '/root';
  const dropPrivileges = user
    ? ['setpriv', `--reuid=${user.uid}`, `--regid=${unit.group ?? user.gid}`, '--init-groups', '--']
    : [];
  const umask = unit.umask ? ['/bin/sh', '-c', 'umask "$0" && exec "$@"', unit.umask] : [];
  // env(1) runs after setpriv, so the directory is entered as the unit's user, as systemd does.
  const enter = ['env', ...(directory ? [`--chdir=${directory}`] : [])];
  return { argv: [...dropPrivileges, ...umask, ...enter, ...unit.execStart], env };
}
