// Reads what dependency keys are made from (page-keys.ts): digests of the code, of the shared content and
// of files, and the commits that touched each report file. Does I/O (reads files, runs git once).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../changes/git-history.ts';
import { ORGANISATIONS_DIR, REPORTS_DIR } from '../content/content-files.ts';
import { touchesByFile } from './git-touches.ts';

/** What the pages are made by, relative to the project root: the whole of src/ (pages, components,
 * styles, every wing), the schemas, the files copied as they are, the Astro and TypeScript settings and
 * the exact package versions. The Node version is added. */
const CODE = ['src', 'schemas', 'public', 'astro.config.mjs', 'tsconfig.json', 'package-lock.json'];

const sha = () => crypto.createHash('sha256');
export const digestBytes = (bytes: Uint8Array | string) => sha().update(bytes).digest('hex');

/** Adds every file below `p` (sorted, by relative path and bytes) to `hash`; a missing path adds its name. */
function addTree(hash: crypto.Hash, root: string, p: string, skip?: (rel: string) => boolean) {
  const rel = path.relative(root, p).split(path.sep).join('/');
  if (skip?.(rel)) return;
  let st: fs.Stats;
  try { st = fs.statSync(p); } catch { hash.update(`missing:${rel}\0`); return; }
  if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) addTree(hash, root, path.join(p, e), skip);
  else hash.update(rel).update('\0').update(fs.readFileSync(p)).update('\0');
}

export function codeVersion(projectRoot = process.cwd()): string {
  const hash = sha().update(process.version);
  for (const p of CODE) addTree(hash, projectRoot, path.join(projectRoot, p));
  return hash.digest('hex');
}

/** Every content file other than reports and organisations: guides, the glossary, notices, imports. */
export function sharedContentDigest(contentDir: string): string {
  const hash = sha();
  addTree(hash, contentDir, contentDir, (rel) => rel === REPORTS_DIR || rel === ORGANISATIONS_DIR);
  return hash.digest('hex');
}

/** Every file below `dir` (a missing folder is one too). */
export function treeDigest(dir: string): string {
  const hash = sha();
  addTree(hash, dir, dir);
  return hash.digest('hex');
}

/** A Markdown source and the files its images are (markdown-sources.ts localImageFiles), as one digest:
 * a picture replaced under the same name changes the page as much as the text does. '' for a source
 * that does not exist. Names are relative to `root`. */
export function markdownDigest(file: string, images: string[], root: string): string {
  let text: Buffer;
  try { text = fs.readFileSync(file); } catch { return ''; }
  return images.length ? digestBytes(JSON.stringify([digestBytes(text), imagesOf(images, root)])) : digestBytes(text);
}

/** The files `images` with their digests ('' when missing), by name relative to `root`. */
const imagesOf = (images: string[], root: string) => images.map((f) => [path.relative(root, f).split(path.sep).join('/'), fileDigest(f)]);

/** The files that sources' images are (guides, organisations' notices), as one digest. */
export function imagesDigest(images: string[], root: string): string {
  return digestBytes(JSON.stringify(imagesOf([...new Set(images)].sort(), root)));
}

export function fileDigest(file: string): string {
  try { return digestBytes(fs.readFileSync(file)); } catch { return ''; }
}

/** The commits that touched each report file (absolute paths), renames followed; empty lists when
 * the content is not in a git repository or its reports are not tracked. */
export function gitTouches(contentDir: string, files: string[]): Map<string, string[]> {
  const none = new Map(files.map((f) => [f, [] as string[]]));
  const reports = path.join(contentDir, REPORTS_DIR);
  const root = repoRoot(contentDir);
  if (!root || !fs.existsSync(reports)) return none;
  const tracked = spawnSync('git', ['ls-files', '--error-unmatch', '.'], { cwd: reports, encoding: 'utf8' });
  if (tracked.status !== 0) return none;
  const log = spawnSync('git', ['-c', 'core.quotepath=off', 'log', '--first-parent', '--format=%x1e%H', '--name-status', '-M', '--', path.relative(root, reports).split(path.sep).join('/') || '.'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (log.status !== 0) return none;
  const rel = (f: string) => path.relative(root, path.resolve(f)).split(path.sep).join('/');
  const byRel = touchesByFile(log.stdout, files.map(rel));
  return new Map(files.map((f) => [f, byRel.get(rel(f)) ?? []]));
}
