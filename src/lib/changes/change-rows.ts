// 変更箇所 generated from git history: one row per changed official item per change set (a first-
// parent commit = one merged pull request), merged with the rows transcribed from the published report.
import path from 'node:path';
import { BlobReader, readHistory, type Commit } from './git-history.ts';
import { FORM_SCHEMAS, formOf } from '../form/form-schema.ts';
import { diffReports, type ItemChange } from './report-diff.ts';
import { printedLabel, type Node } from '../report/report-tree.ts';
import { readYaml } from '../content/yaml-source.ts';
import { isIsoDate, parseJapaneseDate } from '../form/wareki.ts';

export interface ChangeRow {
  /** The report file at the newest version (path relative to the repository). */
  report: string;
  変更日: string | null;
  項目: string;
  変更前の記載: string;
  変更後の記載: string;
  提出時期: '事前' | '事後' | null;
  提出時期に係る説明: string;
  /** A 重要な変更 item changed without a Submission: trailer: someone must decide 事前 or 事後. */
  要確認: boolean;
}
export interface GeneratedRow extends ChangeRow { commit: string }
export interface SkippedVersion { commit: string; file: string; message: string }

/** 「Ⅱ 特定個人情報ファイルの概要 1. 特定個人情報ファイル名 (1)住民基本台帳ファイル 3. … ⑦使用の主体 使用部署」 */
export function itemPath(ancestors: Node[], node: Node): string {
  // A repeating group's own unnumbered heading (「移転先」 above 移転先1, 移転先2 …) is not printed.
  const isListHeading = (n: Node) => !n.number && n.children.length > 0 && n.children.every((c) => c.kind === 'entry');
  return [...ancestors, node].filter((n) => n === node || !isListHeading(n)).map((n) => {
    if (n.kind === 'entry') {
      // A file is named the way published reports name it: by its item 1 and its number.
      const nameItem = n.number.startsWith('(') ? n.children.find((c) => c.number === '1.') : undefined;
      // Reports often print the number with the name (「(1) 住民基本台帳ファイル」): do not repeat it.
      const name = n.label.startsWith(n.number) ? n.label : `${n.number}${n.label}`;
      return nameItem ? `${nameItem.number} ${nameItem.label} ${name}` : n.number;
    }
    return printedLabel(n);
  }).join(' ');
}

const identityOf = (data: any) => (data && typeof data === 'object' ? `${data['評価実施機関']}#${data['表紙']?.['評価書番号']}` : undefined);

export interface GenerateOptions {
  /** Repository root (where git runs). */
  cwd: string;
  /** Folder of the reports, relative to cwd. */
  reportsDir: string;
  since?: string;
  /** Only this report file (relative to cwd). */
  report?: string;
  /** Commits (full or abbreviated hashes) whose report changes are imports of published versions (no rows). */
  imports?: Set<string>;
}

export async function generateChanges(o: GenerateOptions): Promise<{ rows: GeneratedRow[]; skipped: SkippedVersion[] }> {
  const commits = readHistory(o.cwd, [o.reportsDir], o.since);
  const rows: GeneratedRow[] = [];
  const skipped: SkippedVersion[] = [];
  const blobs = new BlobReader(o.cwd);
  const parsed = new Map<string, any>();
  const readData = async (sha: string) => {
    if (!parsed.has(sha)) {
      const buf = await blobs.read(sha);
      const r = buf ? readYaml(buf.toString('utf8').replace(/^\uFEFF/, '')) : undefined;
      parsed.set(sha, r && !r.problems.length ? r.data : r ? { error: r.problems[0] } : undefined);
      if (parsed.size > 64) parsed.delete(parsed.keys().next().value!);
    }
    return parsed.get(sha);
  };
  // The last version of each report that could be read, by identity (機関 + 評価書番号) and by path.
  const byIdentity = new Map<string, any>();
  const identityByPath = new Map<string, string>();
  const currentPath = new Map<string, string>();
  const pending: { commit: Commit; identity: string; change: ItemChange }[] = [];
  try {
    for (const commit of commits) {
      const isImport = [...(o.imports ?? [])].some((h) => commit.hash.startsWith(h)) || /^import$/i.test(commit.trailers.changeLog ?? '');
      const touched = commit.files.filter((f) => [f.oldPath, f.newPath].some((p) => p && p.startsWith(o.reportsDir + '/') && /\.ya?ml$/.test(p)));
      for (const f of touched) {
        if (!f.newBlob) { if (f.oldPath) identityByPath.delete(f.oldPath); continue; } // a removed file: the report ended
        const after = await readData(f.newBlob);
        if (!after || after.error) {
          if (!isImport) skipped.push({ commit: commit.hash, file: f.newPath!, message: after?.error ? `${after.error.line}行目: ${after.error.message}` : '読めません' });
          continue;
        }
        const identity = identityOf(after)!;
        let before = byIdentity.get(identity) ?? byIdentity.get(identityByPath.get(f.newPath!) ?? '');
        if (!before && f.oldBlob) { const d = await readData(f.oldBlob); if (d && !d.error) before = d; }
        byIdentity.set(identity, after);
        identityByPath.set(f.newPath!, identity);
        currentPath.set(identity, f.newPath!);
        const form = formOf(after);
        if (!before || isImport || !form) continue; // a new report, or an import: no change rows
        for (const change of diffReports(before, after, FORM_SCHEMAS[form].schema)) pending.push({ commit, identity, change });
      }
    }
  } finally { blobs.close(); }

  for (const { commit, identity, change } of pending) {
    const report = currentPath.get(identity)!;
    if (o.report && path.normalize(o.report) !== path.normalize(report)) continue;
    const submission = commit.trailers.submission === '事前' || commit.trailers.submission === '事後' ? commit.trailers.submission : undefined;
    rows.push({
      report,
      変更日: changeDate(commit),
      項目: itemPath(change.ancestors, change.node),
      変更前の記載: change.before,
      変更後の記載: change.after,
      提出時期: submission ?? '事後',
      提出時期に係る説明: commit.trailers.reason ?? '',
      要確認: !submission && change.node.significant,
      commit: commit.hash,
    });
  }
  return { rows, skipped };
}

/** `Change-Date: 2025-08-28` (or a 和暦 date) when given, else the author date in the author's zone. */
function changeDate(c: Commit): string {
  const t = c.trailers.changeDate;
  if (t) { const iso = isIsoDate(t) ? t : parseJapaneseDate(t); if (iso && isIsoDate(iso)) return iso; }
  return c.date.slice(0, 10);
}

/** Historical rows (as published) first, then generated rows by date; a generated row equal to a published one is dropped. */
export function mergeRows(historical: ChangeRow[], generated: ChangeRow[]): ChangeRow[] {
  const key = (r: ChangeRow) => [r.変更日 ?? '', r.項目, r.変更前の記載, r.変更後の記載].map((s) => s.replace(/\s+/g, '')).join('\x1f');
  const seen = new Set(historical.map(key));
  const fresh = generated.filter((r) => { const k = key(r); if (seen.has(k)) return false; seen.add(k); return true; });
  return [...historical, ...fresh.sort((a, b) => (a.変更日 ?? '').localeCompare(b.変更日 ?? ''))];
}
