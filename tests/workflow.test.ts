// The pull-request workflow: valid YAML with the steps the staff workflow relies on, and its own shell
// (validator annotations, the 変更箇所 preview in the job summary) run for real on temp repositories.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { Repo } from './support/git-repo.ts';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const WORKFLOW = '.github/workflows/pull-request.yml';
const PROJECT = path.resolve('.');
const FIX = 'tests/fixtures/content';
interface Step { name?: string; id?: string; uses?: string; with?: Record<string, unknown>; run?: string; env?: Record<string, string>; if?: string }

const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8'));
const jobs = Object.values(workflow.jobs ?? {}) as { steps: Step[]; container?: unknown; 'runs-on'?: string }[];
const job = jobs[0];
const steps = job?.steps ?? [];
const index = (pred: (s: Step) => boolean, what: string) => {
  const i = steps.findIndex(pred);
  expect(i, `no step ${what}`).toBeGreaterThanOrEqual(0);
  return i;
};
const runs = (re: RegExp) => (s: Step) => !!s.run && re.test(s.run);

describe('the workflow file', () => {
  it('is one job triggered by pull requests', () => {
    expect(workflow).toBeTypeOf('object');
    expect(Object.keys(workflow.on ?? {})).toContain('pull_request');
    // Also when the description (where the trailers are written) is edited.
    expect(workflow.on.pull_request.types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'reopened', 'edited']));
    expect(jobs).toHaveLength(1);
    expect(job['runs-on']).toBeTruthy();
  });

  it('checks out the full history and sets up Node 20', () => {
    const checkout = steps[index((s) => /^actions\/checkout@/.test(s.uses ?? ''), 'actions/checkout')];
    expect(checkout.with?.['fetch-depth']).toBe(0);
    const node = steps[index((s) => /^actions\/setup-node@/.test(s.uses ?? ''), 'actions/setup-node')];
    expect(String(node.with?.['node-version'])).toBe('20');
    expect(steps.indexOf(checkout)).toBeLessThan(steps.indexOf(node));
  });

  it('installs, validates, tests, builds and previews the 変更箇所, in that order, each step named', () => {
    const install = index(runs(/^npm ci\b/m), 'npm ci');
    const chromium = index(runs(/apt-get install\b.*\bchromium\b/), 'installing chromium');
    const validate = index(runs(/\bnpm run (--silent )?validate\b/), 'npm run validate');
    const test = index(runs(/^npm test\b/m), 'npm test');
    const build = index(runs(/^npm run build\b/m), 'npm run build');
    const changes = index(runs(/npm run (--silent )?changes -- --since "?origin\/\$\{\{ github\.base_ref \}\}"? --format md/), 'the changes preview');
    expect(install).toBeGreaterThan(steps.findIndex((s) => /checkout/.test(s.uses ?? '')));
    expect([install, validate, test, build, changes]).toEqual([install, validate, test, build, changes].sort((a, b) => a - b));
    expect(chromium).toBeLessThan(test);
    // The preview goes into the job summary.
    expect(steps[changes].run).toMatch(/>>\s*"?\$GITHUB_STEP_SUMMARY"?/);
    for (const s of steps) expect(s.name, JSON.stringify(s)).toMatch(/\S/);
  });

  it('runs every check even when an earlier one fails, as long as the install worked', () => {
    const install = steps.find(runs(/^npm ci\b/m))!;
    expect(install.id).toBeTruthy();
    for (const re of [/validate/, /^npm test/m, /^npm run build/m, /changes/]) {
      expect(steps.find(runs(re))!.if).toMatch(new RegExp(`steps\\.${install.id}\\.outcome == 'success'`));
    }
  });

  it('its shell scripts parse, and take pull-request text only through env (no ${{ }} in scripts but the base branch)', () => {
    for (const s of steps.filter((x) => x.run)) {
      expect(s.run!.replace(/\$\{\{ github\.base_ref \}\}/g, '')).not.toContain('${{');
      const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      expect(r.status, `${s.name}: ${r.stderr}`).toBe(0);
    }
  });
});

// ---- the steps' scripts, run as GitHub runs them (bash -eo pipefail), with `npm run` pointed at this project

const temps: string[] = [];
afterEach(() => { for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
const tempDir = (prefix: string) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); temps.push(d); return d; };

/** A fake `npm` that runs this project's scripts (npm run --silent <script> -- …) in the current folder. */
function fakeNpm(): string {
  const bin = tempDir('bin-');
  fs.writeFileSync(path.join(bin, 'npm'), `#!/usr/bin/env bash
[ "$1" = run ] || exit 99
shift; [ "$1" = --silent ] && shift
script="$1"; shift; [ "$1" = -- ] && shift
exec "${process.execPath}" "${PROJECT}/scripts/$script.ts" "$@"
`, { mode: 0o755 });
  return bin;
}

function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const summary = path.join(tempDir('summary-'), 'summary.md');
  fs.writeFileSync(summary, '');
  const script = step.run!.replace(/\$\{\{ github\.base_ref \}\}/g, env.BASE_REF ?? 'main');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd, encoding: 'utf8', env: { ...process.env, ...env, PATH: `${fakeNpm()}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.readFileSync(summary, 'utf8') };
}

describe('the validate step', () => {
  const step = () => steps.find(runs(/\bnpm run (--silent )?validate\b/))!;
  const content = (report: string) => {
    const dir = tempDir('validate-');
    fs.mkdirSync(path.join(dir, 'content/organisations'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'content/reports/test-shi'), { recursive: true });
    fs.copyFileSync(`${FIX}/organisations/test-shi.yaml`, path.join(dir, 'content/organisations/test-shi.yaml'));
    fs.writeFileSync(path.join(dir, 'content/reports/test-shi/2.yaml'), report);
    return dir;
  };
  const report = fs.readFileSync(`${FIX}/reports/test-shi/2.yaml`, 'utf8');

  it('fails on a problem, annotates its line in the pull request and lists it in the summary', () => {
    const broken = report.replace('    対象人数: 1,000人以上1万人未満', '    対象人数: 10万人以上30万人');
    expect(broken).not.toBe(report);
    const line = broken.split('\n').findIndex((l) => l.includes('10万人以上30万人')) + 1;
    const r = runStep(step(), content(broken), {});
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^content/reports/test-shi/2\\.yaml:${line}:\\d+  Ⅰ 1\\. ③ 対象人数: `, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^::error file=content/reports/test-shi/2\\.yaml,line=${line},col=\\d+::Ⅰ 1\\. ③ 対象人数: .*10万人以上30万人未満`, 'm'));
    expect(r.summary).toContain('## 検証で見つかった問題');
    expect(r.summary).toContain(`content/reports/test-shi/2.yaml:${line}:`);
  });

  // (the fixture, as written, lists 委託事項 under 「委託しない」 and 再委託事項 under 「再委託しない」: notes)
  const agreeing = report.replaceAll('委託の有無: 委託しない', '委託の有無: 委託する').replaceAll('再委託の有無: 再委託しない', '再委託の有無: 再委託する');

  it('passes on valid content, with no annotation and nothing in the summary', () => {
    const r = runStep(step(), content(agreeing), {});
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(r.stdout).not.toContain('::warning');
    expect(r.summary).toBe('');
  });

  it('passes with notes (answers that contradict each other), each a warning on its line and listed in the summary', () => {
    const r = runStep(step(), content(report), {});
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('::error');
    const line = report.split('\n').findIndex((l) => l === '      委託事項:') + 1;
    expect(r.stdout).toMatch(new RegExp(`^::warning file=content/reports/test-shi/2\\.yaml,line=${line},col=\\d+::Ⅱ \\(1\\) 4\\. .*委託事項: 「委託の有無」は「委託しない」ですが`, 'm'));
    expect(r.summary).toContain('## 検証の注意');
    expect(r.summary).toContain(`content/reports/test-shi/2.yaml:${line}:`);
  });
});

describe('the 変更箇所 preview step', () => {
  const step = () => steps.find(runs(/changes -- --since/))!;
  const REPORT = 'content/reports/test-shi/2.yaml';
  const base = fs.readFileSync(`${FIX}/reports/test-shi/2.yaml`, 'utf8');
  const TITLE = '  評価書名: テスト事務　重点項目評価書';
  const LAW = '  個人番号の利用:\n    法令上の根拠: |-\n      法令上の根拠の記載例。';
  /** main with the report, a pull-request branch that edits a 重要な変更 item, and the merge ref checked out. */
  function pullRequest(): Repo {
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
    repo.write(REPORT, base);
    const a = repo.commit('2025-04-01', 'テスト市の評価書を追加\n\nChange-Log: import');
    repo.git('update-ref', 'refs/remotes/origin/main', a);
    repo.git('checkout', '-q', '-b', 'pr');
    expect(base.split(LAW).length).toBe(2);
    expect(base.split(TITLE).length).toBe(2);
    // Two items: the cover's title (not a 重要な変更 item, earlier in the form) and Ⅰ 4. (a 重要な変更 item).
    repo.write(REPORT, base.replace(TITLE, '  評価書名: テスト事務 重点項目評価書（改）').replace(LAW, '  個人番号の利用:\n    法令上の根拠: |-\n      番号法第9条第1項 別表第一の31の項'));
    repo.commit('2025-05-01', '法令上の根拠を直した'); // a work commit without trailers
    repo.git('checkout', '-q', 'main');
    repo.merge('2025-05-02', 'pr', 'Merge pr into main'); // what actions/checkout checks out for a pull request
    return repo;
  }

  it('reads the trailers from the pull request description, as the merged commit will carry them', () => {
    const repo = pullRequest();
    // The pull-request template, filled in as a clerk would in the browser (which sends CRLF).
    const template = fs.readFileSync('.github/pull_request_template.md', 'utf8');
    const body = template.replace(/^Submission: *$/m, 'Submission: 事前').replace(/^Reason: *$/m, 'Reason: 法令改正に伴う変更')
      .replace(/^Change-Date: *$/m, 'Change-Date: 2025-06-01').replace(/\n/g, '\r\n');
    expect(body).toContain('Submission: 事前\r\nReason: 法令改正に伴う変更\r\nChange-Date: 2025-06-01\r\n');
    const r = runStep(step(), repo.dir, { BASE_REF: 'main', PR_TITLE: 'テスト市 2 の法令上の根拠', PR_BODY: body });
    expect(r.status, r.stderr).toBe(0);
    expect(r.summary).toContain('## 変更箇所のプレビュー');
    // An empty cell is written by remark-stringify as one space (`| |`).
    const rows = r.summary.split('\n').filter((l) => new RegExp(`^\\| +\\| ${escapeRe(REPORT)} \\|`).test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toContain('令和7年6月1日');
      expect(row).toMatch(/\| 事前 \| 法令改正に伴う変更 \|$/);
    }
    expect(rows[1]!.replace(/\*\*/g, '')).toContain('番号法第9条第1項 別表第一の31の項'); // changed words are bold
    expect(r.summary).not.toContain('要確認 1 件');
  });

  it('a pull request that renames the report file and edits it previews the rows main later shows', () => {
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
    repo.write(REPORT, base);
    const a = repo.commit('2025-04-01', 'テスト市の評価書を追加\n\nChange-Log: import');
    repo.git('update-ref', 'refs/remotes/origin/main', a);
    repo.git('checkout', '-q', '-b', 'pr');
    const RENAMED = 'content/reports/test-shi/kokumin-nenkin.yaml';
    repo.git('mv', REPORT, RENAMED);
    repo.commit('2025-05-01', 'ファイル名を変えた');
    repo.write(RENAMED, base.replace(TITLE, '  評価書名: テスト事務 重点項目評価書（改）').replace(LAW, '  個人番号の利用:\n    法令上の根拠: |-\n      番号法第9条第1項 別表第一の31の項'));
    repo.commit('2025-05-02', '記載を直した');
    repo.git('checkout', '-q', 'main');
    repo.merge('2025-05-03', 'pr', 'Merge pr into main');
    const [title, body] = ['国民年金の評価書の整理', '変更の内容\n\nSubmission: 事後\nReason: 記載の整理のため\nChange-Date: 令和7年6月1日'];
    const preview = runStep(step(), repo.dir, { BASE_REF: 'main', PR_TITLE: title, PR_BODY: body });
    expect(preview.status, preview.stderr).toBe(0);
    const table = (md: string) => md.split('\n').filter((l) => l.startsWith('| ') && l.includes(RENAMED));
    expect(table(preview.summary)).toHaveLength(2);
    // Later on main: the pull request squash-merged with its title and description as the message.
    repo.git('checkout', '-q', '-B', 'later', 'origin/main');
    repo.git('merge', '-q', '--squash', 'pr');
    repo.git('-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', 'commit', '-q', '-m', `${title}\n\n${body}`);
    const later = spawnSync(process.execPath, [path.join(PROJECT, 'scripts/changes.ts'), '--format', 'md'], { cwd: repo.dir, encoding: 'utf8' });
    expect(later.status, later.stderr).toBe(0);
    expect(table(later.stdout)).toEqual(table(preview.summary));
    expect(table(later.stdout).join('\n')).toContain('| 令和7年6月1日 |');
  });

  it('a trailer that cannot be read fails the step and is named in the preview', () => {
    const repo = pullRequest();
    const r = runStep(step(), repo.dir, { BASE_REF: 'main', PR_TITLE: '法令上の根拠', PR_BODY: '説明\n\nSubmission：事前です\nChange-Date: 2025-02-30' });
    expect(r.status).not.toBe(0);
    expect(r.summary).toContain('**トレーラーの誤り 2 件**');
    expect(r.summary).toContain('Submission: の「事前です」は使えません');
    expect(r.summary).toContain('Change-Date: の「2025-02-30」は存在しない日付です');
  });

  it('the template asks for each trailer, explains each, and offers Change-Log: import', () => {
    const template = fs.readFileSync('.github/pull_request_template.md', 'utf8');
    for (const t of ['Submission: 事前|事後', 'Reason: …', 'Change-Date: YYYY-MM-DD', 'Change-Log: import']) expect(template).toMatch(new RegExp(`^ *${escapeRe(t)} *… *\\S`, 'm'));
    // The trailer lines are the description's last paragraph (git reads trailers only there).
    expect(template.trimEnd().split(/\n\s*\n/).pop()!.split('\n').map((l) => l.split(':')[0])).toEqual(['Submission', 'Reason', 'Change-Date']);
  });

  it('without Submission: the 重要な変更 row is flagged 要確認 and listed first', () => {
    const repo = pullRequest();
    const r = runStep(step(), repo.dir, { BASE_REF: 'main', PR_TITLE: '法令上の根拠', PR_BODY: '' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.summary).toContain('**要確認 1 件**');
    const table = r.summary.split('\n').filter((l) => l.startsWith(`| ⚠ 要確認 | ${REPORT} |`) || new RegExp(`^\\| +\\| ${escapeRe(REPORT)} \\|`).test(l));
    expect(table).toHaveLength(2);
    // In the form's order the cover comes first; the md preview lists the 要確認 row before it.
    expect(table[0]).toMatch(/^\| ⚠ 要確認 \|.*番号法第9条第1項/);
    // (punctuation stays outside the bold: 「（**改**）」)
    expect(table[1]).toMatch(/^\| +\|.*（\*\*改\*\*）/);
  });
});
