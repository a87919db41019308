// Every command answers --help and -h with its Japanese usage (exit 0), and an unknown option with one
// Japanese line (exit 2), never with a Node stack trace or by reading 「--help」 as a file name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPTS = ['new', 'validate', 'changes', 'bench', 'build'];
const run = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });

describe.each(SCRIPTS)('scripts/%s.ts', (name) => {
  it.each(['--help', '-h'])('%s prints the usage and exits 0', (flag) => {
    const r = run([`scripts/${name}.ts`, flag]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^使い方: npm run ${name}`));
    expect(r.stdout).toMatch(/-h, --help/);
    expect(r.stderr).toBe('');
  });
  it('an unknown option is one Japanese line and exit 2', () => {
    const r = run([`scripts/${name}.ts`, '--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual(['知らないオプション「--no-such-option」です。使い方は --help で表示します']);
  });
});

describe('through npm, as the issue reported them', () => {
  it.each(['new', 'validate', 'changes', 'bench'])('npm run %s -- --help', (name) => {
    const r = spawnSync('npm', ['run', '--silent', name, '--', '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^使い方: npm run ${name}`));
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+|Error/);
  });
});

describe('a path typed in a subfolder is read from that folder (npm runs scripts in the project root)', () => {
  const inFolder = (args: string[]) => spawnSync('npm', ['run', '--silent', ...args], { encoding: 'utf8', cwd: 'content/reports/kumamoto-shi' });
  it('npm run validate -- 13.yaml checks the file beside the clerk', () => {
    const r = inFolder(['validate', '--', '13.yaml']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('1 ファイルを検証しました');
  });
  it('npm run changes -- --report 13.yaml names the report beside the clerk', () => {
    const r = inFolder(['changes', '--', '--report', '13.yaml', '--format', 'tsv']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^変更日\t項目/);
  });
});

describe('paths from the folder npm was run in are read once', () => {
  // A script started by npm in content/ reads 「../dist2」 as dist2; a child it starts (a shard, the
  // aggregate step) is given 「dist2」 and inherits INIT_CWD: it must read 「dist2」 as dist2 too.
  const probe = `import { spawnSync } from 'node:child_process';
import { shownPath, userPath } from './scripts/cli.ts';
const arg = process.argv[2];
const mine = userPath(arg);
if (process.argv[3] === 'child') { console.log(mine); process.exit(0); }
const child = spawnSync(process.execPath, [process.argv[1], mine, 'child'], { encoding: 'utf8' });
console.log(JSON.stringify({ mine, child: child.stdout.trim(), shown: shownPath(mine) }));`;
  it('a child process is given, and keeps, paths from the project root', () => {
    const file = 'tmp-cli-probe.ts';
    fs.writeFileSync(file, probe);
    try {
      const r = spawnSync(process.execPath, [file, '../dist2'], { encoding: 'utf8', env: { ...process.env, INIT_CWD: path.resolve('content'), npm_package_json: path.resolve('package.json') } });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ mine: 'dist2', child: 'dist2', shown: '../dist2' });
    } finally { fs.rmSync(file); }
  });
  it('npm run new in a report folder prints a check command that works there', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'new-in-folder-'));
    try {
      const r = spawnSync('npm', ['run', '--silent', 'new', '--', '--org', 'kumamoto-shi', '--form', '全項目', '--number', '95', '--category', 'テスト', '--out', out], { encoding: 'utf8', cwd: 'content/reports/kumamoto-shi' });
      expect(r.status, r.stderr).toBe(0);
      const command = /確かめる: npm run validate -- (\S+)/.exec(r.stdout)![1];
      expect(path.resolve('content/reports/kumamoto-shi', command)).toBe(path.join(out, 'reports/kumamoto-shi/95.yaml'));
    } finally { fs.rmSync(out, { recursive: true, force: true }); }
  });
});

describe('scripts/start.mjs (the quick commands\' starter)', () => {
  it('runs the command with its arguments', () => {
    const r = run(['scripts/start.mjs', 'validate', '--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('知らないオプション「--no-such-option」です');
  });
  it.each([[], ['../etc/passwd'], ['Validate']])('refuses a missing or unsafe command name %j with its usage, exit 2', (...args) => {
    const r = run(['scripts/start.mjs', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^使い方: node scripts\/start\.mjs/);
  });
});
