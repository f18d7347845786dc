import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvironmentFile, parsePasswd, parseServiceUnit, serviceCommand, splitWords } from './systemd-unit.ts';

const UNIT = `[Unit]
Description=x
Environment=NOT_THIS=1

[Service]
User=vibe
WorkingDirectory=/home/vibe
UMask=0022
Environment=HOME=/home/vibe
Environment="A=one two" B=3 'C=x'
EnvironmentFile=-/etc/missing.env
EnvironmentFile=/etc/vibe/gateway.env
# ExecStart=/not/this
ExecStart=/opt/app/bin/run \\
  --flag "quoted arg"
`;
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nvibe:x:1000:1001::/home/vibe:/bin/bash\n';

describe('systemd unit', () => {
  it('splits words as systemd does', () => {
    expect(splitWords(`a "b c" 'd e' f\\ g ""`)).toEqual(['a', 'b c', 'd e', 'f g', '']);
    expect(() => splitWords('"open')).toThrow(/unbalanced/);
  });

  it('reads the [Service] section only, with continued lines', () => {
    expect(parseServiceUnit(UNIT)).toEqual({
      execStart: ['/opt/app/bin/run', '--flag', 'quoted arg'],
      user: 'vibe',
      workingDirectory: '/home/vibe',
      umask: '0022',
      environment: [
        ['HOME', '/home/vibe'],
        ['A', 'one two'],
        ['B', '3'],
        ['C', 'x'],
      ],
      environmentFiles: [
        { path: '/etc/missing.env', optional: true },
        { path: '/etc/vibe/gateway.env', optional: false },
      ],
    });
  });

  it('refuses what it would run differently from systemd', () => {
    const service = (line: string) => `[Service]\n${line}\n`;
    expect(() => parseServiceUnit(service('ExecStart=/bin/x %h'))).toThrow(/specifiers/);
    expect(() => parseServiceUnit(service('ExecStart=/bin/x $HOME'))).toThrow(/variables/);
    expect(() => parseServiceUnit(service('ExecStart=+/bin/x'))).toThrow(/prefixes/);
    expect(() => parseServiceUnit(service('ExecStart=/bin/x\nExecStart=/bin/y'))).toThrow(/exactly one/);
    expect(() => parseServiceUnit(service('User=vibe'))).toThrow(/exactly one/);
    expect(() => parseServiceUnit(service('UMask=u=rwx\nExecStart=/bin/x'))).toThrow(/octal/);
  });

  it('builds the environment as systemd does: defaults, then Environment=, then EnvironmentFile=', () => {
    const files: Record<string, string> = { '/etc/vibe/gateway.env': '# comment\nB=from-file\nQ="quoted value"\n' };
    const command = serviceCommand(parseServiceUnit(UNIT), parsePasswd(PASSWD), (path) => files[path]);
    expect(command.env).toEqual({
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin',
      USER: 'vibe',
      LOGNAME: 'vibe',
      HOME: '/home/vibe',
      SHELL: '/bin/bash',
      A: 'one two',
      B: 'from-file',
      C: 'x',
      Q: 'quoted value',
    });
    expect(command.argv).toEqual([
      'setpriv',
      '--reuid=1000',
      '--regid=1001',
      '--init-groups',
      '--',
      '/bin/sh',
      '-c',
      'umask "$0" && exec "$@"',
      '0022',
      'env',
      '--chdir=/home/vibe',
      '/opt/app/bin/run',
      '--flag',
      'quoted arg',
    ]);
  });

  it('fails on a required EnvironmentFile or a User that the machine lacks', () => {
    const unit = parseServiceUnit(UNIT);
    expect(() => serviceCommand(unit, parsePasswd(PASSWD), () => undefined)).toThrow(/gateway\.env does not exist/);
    expect(() => serviceCommand(unit, [], () => '')).toThrow(/User=vibe does not exist/);
  });

  it('reads environment files with comments and quotes', () => {
    expect(parseEnvironmentFile('A=1\n; c\n\nB = "x y"\nC=\'z\'\n')).toEqual([
      ['A', '1'],
      ['B', 'x y'],
      ['C', 'z'],
    ]);
  });

  it("parses the gateway's own unit", () => {
    const text = readFileSync(join(import.meta.dirname, '../../gateway/deploy/vibe-gateway.service'), 'utf8');
    const unit = parseServiceUnit(text);
    expect(unit.user).toBe('vibe');
    expect(unit.environmentFiles).toContainEqual({ path: '/etc/vibe/gateway.env', optional: true });
  });
});
