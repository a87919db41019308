// npm run build: validates content/, builds the site into a temporary folder, indexes it for search,
// and only then replaces dist/. A failure at any step leaves the previous dist/ untouched.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { listYaml } from '../src/lib/content-files.ts';
import { validateFiles } from '../src/lib/validate-content.ts';
import { formatProblem } from '../src/lib/validate.ts';

const out = path.resolve(process.env.OUT_DIR ?? 'dist');
const contentDir = process.env.CONTENT_DIR ?? 'content';
// Astro must build inside the project folder: for an outDir elsewhere it falls back to a shared
// ./.astro/ work folder, and two builds at once (tests, a preview) would overwrite each other.
const buildRoot = path.resolve('.build');
const tmp = path.join(buildRoot, `${process.pid}-${Date.now()}`);
const bin = (name: string) => path.resolve('node_modules/.bin', name);
// The finished site is first put beside its destination, so the final swap is one rename.
const staged = `${out}.new-${process.pid}`;

function fail(message: string): never {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(staged, { recursive: true, force: true });
  console.error(message);
  console.error(`\nビルドを中止しました。${fs.existsSync(out) ? `以前の ${path.relative('.', out)}/ はそのままです。` : ''}`);
  process.exit(1);
}

const { problems, files } = validateFiles(listYaml(contentDir), contentDir);
if (problems.length) fail(problems.map(formatProblem).join('\n') + `\n\n${problems.length} 件の問題があります（${contentDir}/）。`);
console.log(`${files} ファイルを検証しました。`);

// Tools run on this Node (the project's Node 24), whatever node comes first on the caller's PATH.
const PATH = [path.dirname(process.execPath), path.resolve('node_modules/.bin'), process.env.PATH].join(path.delimiter);
const env = { ...process.env, PATH, ASTRO_OUT_DIR: tmp, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' };
const astro = spawnSync(bin('astro'), ['build', '--silent'], { stdio: 'inherit', env });
if (astro.status !== 0) fail('Astro のビルドに失敗しました。');

// Pagefind segments Japanese text because every page declares lang="ja".
const index = spawnSync(bin('pagefind'), ['--site', tmp, '--quiet'], { stdio: 'inherit', env });
if (index.status !== 0) fail('検索索引（Pagefind）の作成に失敗しました。');

try { fs.renameSync(tmp, staged); } catch (e) {
  if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
  try { fs.cpSync(tmp, staged, { recursive: true }); } catch { fail(`${path.dirname(out)} に書き込めません。`); }
  fs.rmSync(tmp, { recursive: true, force: true });
}
const old = `${out}.old-${process.pid}`;
if (fs.existsSync(out)) fs.renameSync(out, old);
fs.renameSync(staged, out);
fs.rmSync(old, { recursive: true, force: true });
try { fs.rmdirSync(buildRoot); } catch { /* other builds still running */ }
console.log(`サイトを ${path.relative('.', out) || out}/ に作りました。`);
