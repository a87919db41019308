// Real git repositories in a temp folder, with dated commits and trailers, for the 変更箇所 tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export class Repo {
  readonly dir: string;
  constructor(dir?: string) {
    this.dir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'repo-'));
    if (!dir) { this.git('init', '-q', '-b', 'main'); this.git('config', 'user.name', '評価 太郎'); this.git('config', 'user.email', 'staff@example.jp'); this.git('config', 'commit.gpgsign', 'false'); }
  }
  git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: this.dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  }
  write(rel: string, text: string) {
    fs.mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, rel), text);
  }
  /** Commits everything with the given author/committer date (YYYY-MM-DD) and message (trailers included). */
  commit(date: string, message: string): string {
    this.git('add', '-A');
    const env = { ...process.env, GIT_AUTHOR_DATE: `${date}T10:00:00+09:00`, GIT_COMMITTER_DATE: `${date}T10:00:00+09:00` };
    const r = spawnSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: this.dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return this.git('rev-parse', 'HEAD');
  }
  merge(date: string, branch: string, message: string) {
    const env = { ...process.env, GIT_AUTHOR_DATE: `${date}T10:00:00+09:00`, GIT_COMMITTER_DATE: `${date}T10:00:00+09:00` };
    const r = spawnSync('git', ['merge', '-q', '--no-ff', branch, '-m', message], { cwd: this.dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  }
}
