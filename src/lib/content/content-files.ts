// Where content lives, and which paths are allowed: content/organisations/<id>.yaml (one file per
// organisation id) and content/reports/<評価実施機関>/<評価書番号>[-<anything>].yaml. The id and the
// folder become URLs (/organisations/<id>/, /reports/<id>/<番号>/), so they follow one pattern, and a
// file can never stand in for another organisation's (a second file with the same id, a subfolder, a
// symbolic link to a file elsewhere). Does I/O (lists folders, reads files without following links).
import fs from 'node:fs';
import path from 'node:path';
import type { FileKind } from './validate.ts';

export const ORGANISATIONS_DIR = 'organisations';
export const REPORTS_DIR = 'reports';
export const GUIDES_DIR = 'guides';

/** An organisation file's name: its id (lower-case letters, digits, hyphens) and `.yaml`. */
export const ORGANISATION_FILE = /^[a-z0-9][a-z0-9-]*\.yaml$/;
/** A report file's base name: letters, digits and hyphens, as 評価書番号 is. */
const SAFE_SLUG = /^[0-9A-Za-z][0-9A-Za-z-]*$/;

/** Where a content file sits: its kind, the content folder above it, and a Japanese problem when the
 * place is not one of the two allowed. Works on any path (content/, a test fixture tree). */
export interface Place { kind: FileKind; root: string; problem?: string }
export function placeOf(file: string): Place {
  const parts = file.split(/[\\/]/);
  const name = parts[parts.length - 1];
  const parent = parts[parts.length - 2];
  const at = (dir: string) => parts.lastIndexOf(dir, parts.length - 2);
  const rootAt = (i: number) => (i > 0 ? parts.slice(0, i).join('/') : '.');
  if (parent === ORGANISATIONS_DIR) {
    const root = rootAt(parts.length - 2);
    if (/\.yml$/.test(name)) return { kind: 'organisation', root, problem: `機関ファイルの拡張子は .yaml にしてください（${name.replace(/\.yml$/, '.yaml')}）。機関 1 つにファイル 1 つです` };
    if (!ORGANISATION_FILE.test(name)) return { kind: 'organisation', root, problem: '機関ファイルの名前は、半角英小文字・数字・ハイフンで書いた機関の名前に .yaml を付けたものにしてください（例: kumamoto-shi.yaml）。この名前がページの URL になります' };
    return { kind: 'organisation', root };
  }
  const orgs = at(ORGANISATIONS_DIR);
  const reports = at(REPORTS_DIR);
  if (orgs >= 0 && orgs > reports) return { kind: 'organisation', root: rootAt(orgs), problem: `${ORGANISATIONS_DIR}/ の下にフォルダーは作れません。機関ファイルは ${ORGANISATIONS_DIR}/<機関>.yaml に置いてください` };
  if (reports >= 0 && reports === parts.length - 3) {
    const root = rootAt(reports);
    if (!/\.yaml$/.test(name)) return { kind: 'report', root, problem: '評価書ファイルの拡張子は .yaml にしてください' };
    return { kind: 'report', root };
  }
  const root = reports >= 0 ? rootAt(reports) : '.';
  return { kind: 'report', root, problem: `評価書ファイルは ${REPORTS_DIR}/<評価実施機関>/<評価書番号>.yaml に置いてください（${REPORTS_DIR}/ の下はフォルダー 1 段だけです）` };
}

export function kindOf(file: string): FileKind {
  return placeOf(file).kind;
}

/**
 * The one rule for a report file's name: its base name (without .yaml) is a safe slug, and is the
 * 評価書番号 or begins with `<評価書番号>-` (1.yaml, 1-draft.yaml). `number` is the 評価書番号, or a 記載状態
 * object when it is not known (the number itself or the whole 表紙 marked). Undefined when the name is right.
 */
export function reportFileNameProblem(baseName: string, number: unknown): string | undefined {
  const stated = typeof number === 'string' || typeof number === 'number' ? String(number) : '';
  // A draft without a number is named draft-<説明>; it keeps that name (and its URL) once numbered.
  if (SAFE_SLUG.test(baseName) && baseName.startsWith('draft-')) return undefined;
  // A number that is not known (the 評価書番号 or the whole 表紙 marked 原文欠落・判読不能): any safe name.
  if (number && typeof number === 'object') return SAFE_SLUG.test(baseName) ? undefined : '評価書ファイルの名前に使える文字は半角英数字とハイフンです（評価書番号が読めないときは、例: juki.yaml）';
  if (!stated) return `評価書番号のない評価書（案）のファイルの名前は draft- で始めてください（例: draft-juki.yaml。使える文字は半角英数字とハイフン）`;
  const n = stated;
  if (SAFE_SLUG.test(baseName) && (baseName === n || baseName.startsWith(`${n}-`))) return undefined;
  return `評価書ファイルの名前は評価書番号にしてください（${n}.yaml、または ${n}-説明.yaml。使える文字は半角英数字とハイフン）`;
}

/** Every file under a directory whose name `keep` accepts (links included, as files: linked folders are
 * not entered), sorted for stable output. A directory that cannot be read has no files. */
export function listFilesUnder(dir: string, keep: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Every .yaml/.yml file under a directory (links included, so that the validator can refuse them;
 * linked folders are not entered), sorted for stable output. */
export function listYaml(dir: string): string[] {
  return listFilesUnder(dir, (name) => /\.ya?ml$/i.test(name));
}

/** The organisation id of an organisation file: its file name without extension. */
export const organisationId = (file: string) => path.basename(file).replace(/\.ya?ml$/, '');

/** The ids of the organisation files of a content folder that are well named. */
export const organisationIds = (root: string) => new Set(listYaml(path.join(root, ORGANISATIONS_DIR)).filter((f) => !placeOf(f).problem).map(organisationId));

export const MISSING_FILE = 'ファイルがありません。ファイル名と場所を確かめてください';

/**
 * A content file's bytes, read without following a symbolic link (O_NOFOLLOW, so nothing can swap one
 * in between a check and the read), and only if it really lies inside its content folder `root`.
 * `maxBytes` refuses a huge file before it is read. Throws an Error with a Japanese message.
 */
export function readContentFile(file: string, root: string, maxBytes = Infinity): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new ContentFileError('シンボリックリンクは使えません。ファイルそのものを置いてください');
    if (code === 'ENOENT') throw new ContentFileError(MISSING_FILE);
    if (code === 'EACCES' || code === 'EPERM') throw new ContentFileError('ファイルを読む権限がありません');
    if (code === 'EISDIR') throw new ContentFileError('フォルダーです。ファイルを指定してください');
    throw new ContentFileError(`ファイルを読めません（${code ?? 'error'}）`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new ContentFileError('普通のファイルではありません');
    const real = fs.realpathSync(file);
    const top = fs.realpathSync(root);
    if (real !== top && !real.startsWith(top + path.sep)) throw new ContentFileError(`${root}/ の外にあるファイルは使えません（フォルダーがリンクになっていませんか）`);
    if (st.size > maxBytes) throw new ContentFileError('', st.size);
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
export class ContentFileError extends Error {
  size?: number;
  constructor(message: string, size?: number) { super(message); this.size = size; }
}

// Markdown sources: guides in guides/ (.md, .mdx), an organisation's notice beside its YAML
// (organisations/<id>.md), a report's 意見募集 notice beside the report (reports/<org>/<file>.notice.md).
const listMatching = (dir: string, match: RegExp, depth = 1): string[] => {
  const out: string[] = [];
  const walk = (d: string, level: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && level < depth) walk(p, level + 1);
      // (a link is listed, so that the check refuses it: the build's loader would follow it anywhere)
      else if ((e.isFile() || e.isSymbolicLink()) && match.test(e.name)) out.push(p);
    }
  };
  walk(dir, 1);
  return out.sort();
};

/** Every Markdown source under a content folder, sorted. */
export function listMarkdown(contentDir: string): string[] {
  return [
    ...listMatching(path.join(contentDir, GUIDES_DIR), /\.mdx?$/),
    ...listMatching(path.join(contentDir, ORGANISATIONS_DIR), /\.md$/),
    ...listMatching(path.join(contentDir, REPORTS_DIR), /\.notice\.md$/, 2),
  ];
}

/** A guide's file name: its page's URL (/guides/<name>/), so letters, digits and hyphens, and .md or .mdx. */
export const GUIDE_FILE = /^[0-9A-Za-z][0-9A-Za-z-]*\.mdx?$/;

/** The content folder above a Markdown source (guides/x.md, organisations/x.md, reports/<org>/x.notice.md). */
export function markdownRoot(file: string): string {
  const parts = file.split(/[\\/]/);
  const at = Math.max(parts.lastIndexOf(GUIDES_DIR), parts.lastIndexOf(ORGANISATIONS_DIR), parts.lastIndexOf(REPORTS_DIR));
  return at > 0 ? parts.slice(0, at).join('/') : '.';
}
