// Validates a set of content files, including the checks that need more than one file or the file's
// place: a file sits where content-files.ts allows (no link, nothing outside content/), a report's
// 評価実施機関 exists and is its folder, its file name follows its 評価書番号, and (機関, 評価書番号)
// identifies one report.
import fs from 'node:fs';
import path from 'node:path';
import { flushCompileCache } from './cache-store.ts';
import { ContentFileError, MISSING_FILE, organisationIds, placeOf, readContentFile, reportFileNameProblem } from './content-files.ts';
import { itemAtLine, MAX_FILE_BYTES, sizeProblem, type FileKind, type Problem } from './validate.ts';
import { digestOf, flushContentCache, statIndex, validateCached, type FileFacts, type Seen, type StatIndex } from './content-cache.ts';
import { decodeUtf8, japaneseJoins, readYaml, type ParsedYaml } from './yaml-source.ts';
import { isUnfilled } from '../form/scaffold.ts';
import { printedIdentity } from './report-identity.ts';
import { describe as describeItem, FORM_SCHEMAS, formOf } from '../form/form-schema.ts';
import { contradictions } from './contradictions.ts';
import { commentPeriodNotes } from './comment-period-notes.ts';
import { looseForm } from './suggest.ts';

export interface ContentDocument { file: string; kind: FileKind; data: Record<string, unknown> }
export interface ContentCheck { files: number; problems: Problem[]; /** notes the files tell only together: a cover's 評価実施機関名 that is not its organisation's 名称, and (a run over all files) a 事務分類 written as no other report writes it */ notes: Problem[] }
/** A file without problems of its own, for a caller that does not need its data: for a report, its head
 * (headOf), and the SHA-256 of its bytes (computed when it was read, or recorded in the stat-index). */
export interface CheckedFile { file: string; kind: FileKind; unfilled: boolean; head: Record<string, unknown>; digest?: string; /** answers that contradict each other: told, not errors */ notes?: Problem[] }

/**
 * The parts of a report's data that the checks across files and the lists of all reports read: its
 * identity (評価実施機関, 様式, 表紙), and what content-store.ts's Report keeps in memory (事務分類, 様式版,
 * 公開状態, the 変更日 of its 変更箇所). Kept in the stat-index, so that a build knows an unchanged
 * report (new Report(file, head)) without reading its file.
 */
export function headOf(data: Record<string, unknown>): Record<string, unknown> {
  const rows = data['変更箇所'];
  return { 評価実施機関: data['評価実施機関'], 様式: data['様式'], 表紙: data['表紙'], 事務分類: data['事務分類'], 様式版: data['様式版'], 公開状態: data['公開状態'],
    変更箇所: Array.isArray(rows) ? rows.map((r) => (r && typeof r === 'object' ? { 変更日: (r as Record<string, unknown>)['変更日'] } : null)) : undefined };
}

/** What one file's own check gives: its problems, and for a file without any, its facts (and positions)
 * and the digest of its bytes. */
export interface FileOutcome { problems: Problem[]; facts?: FileFacts; locate?: Locate; digest?: string }

/**
 * One file's own checks (its place, its size, YAML and schema): reads it unless `known` (the digest
 * and facts the stat-index holds for it) says these very bytes passed. Pure apart from reading the file
 * and the content cache, so that it can run in a worker (validate-worker.ts).
 */
export function checkFile(file: string, { keepData = false, onDocument, known }: { keepData?: boolean; onDocument?: (doc: ContentDocument) => void; known?: { digest: string; facts: FileFacts } } = {}): FileOutcome {
  const place = placeOf(file);
  // (a file that is not there is told so first: its place is no clue to what was meant)
  if (place.problem) return { problems: [{ file, line: 1, col: 1, item: '', message: fs.lstatSync(file, { throwIfNoEntry: false }) ? place.problem : MISSING_FILE }] };
  let bytes: Uint8Array;
  try {
    // A huge file is refused before it is read; a link, or a file outside its content folder, is not read.
    bytes = readContentFile(file, place.root, MAX_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof ContentFileError)) throw e;
    return { problems: [e.size !== undefined ? sizeProblem(file, e.size)! : { file, line: 1, col: 1, item: '', message: e.message }] };
  }
  const digest = digestOf(bytes);
  if (known && known.digest === digest) return { problems: [], facts: known.facts, digest };
  const kind = place.kind;
  const result = validateCached(file, bytes, kind, { keepData });
  if (!result.data || result.problems.length) return { problems: result.problems };
  const data = result.data as Record<string, unknown>;
  onDocument?.({ file, kind, data });
  const notes = kind === 'report' ? [...notesOf(data, result.locate!), ...joinNotes(result.text ?? decodedText(bytes), kind)].sort((a, b) => a.line - b.line || a.col - b.col) : [];
  return { problems: [], facts: { head: kind === 'report' ? headOf(data) : { 名称: data['名称'] }, unfilled: kind === 'report' && isUnfilled(data), ...(notes.length ? { notes } : {}) }, locate: result.locate, digest };
}

/** Lines of one-line values joined with a blank inside Japanese (yaml-source.ts japaneseJoins), at their items. */
function joinNotes(text: string, kind: FileKind): Omit<Problem, 'file'>[] {
  return japaneseJoins(text).map((j) => ({ line: j.line, col: j.col, item: itemAtLine(text, j.line, kind), message: j.message }));
}
const decodedText = (bytes: Uint8Array) => { const d = decodeUtf8(bytes); return 'text' in d ? d.text : ''; };

/** A valid report's answers that contradict each other, each at its line (read again only for them). */
function notesOf(data: Record<string, unknown>, locate: Locate): Omit<Problem, 'file'>[] {
  const form = formOf(data);
  if (!form) return [];
  const schema = FORM_SCHEMAS[form].schema;
  return [...contradictions(data, schema), ...commentPeriodNotes(data)].map((c) => ({ ...locate(c.path), item: describeItem(schema, c.path), message: c.message }));
}

interface Options { onDocument?: (doc: ContentDocument) => void; onChecked?: (file: CheckedFile) => void; keepData?: boolean; /** write the caches at the end (default); false for a caller that calls this file by file and writes them once (statIndex().save(), flushContentCache()) */ flush?: boolean }

/**
 * Validates the files one by one; `onDocument` receives each file that has no problem of its own. The
 * documents are not kept here: a national corpus (thousands of reports) does not fit in memory twice.
 * `keepData` stores each valid file's data in the content cache for the Astro build that follows.
 * A caller that needs no data (`onChecked` instead of `onDocument`: npm run validate, the build) lets
 * files that are unchanged since they passed be skipped without being read (content-cache.ts
 * statIndex); with `keepData`, the files that are read have their data kept for the Astro build.
 */
export function validateFiles(files: string[], contentDir: string, { onDocument, onChecked, keepData = false, flush = true }: Options = {}): ContentCheck {
  const index = onDocument ? undefined : statIndex(contentDir);
  const across = acrossFiles();
  for (const file of files) {
    let outcome: FileOutcome | undefined = index && known(index, file);
    if (!outcome) {
      const seen = index?.look(file);
      const checked = checkFile(file, { keepData, onDocument, known: index?.known(file) });
      if (seen && checked.facts && checked.digest) index!.record(file, checked.digest, seen, checked.facts);
      outcome = checked;
    }
    across.add(file, outcome, onChecked);
  }
  if (flush) { index?.save(); flushContentCache(); }
  return { files: files.length, problems: across.problems, notes: across.notes() };
}

/**
 * validateFiles for a caller that needs no data back, with the files that must be read checked by
 * `workers` worker threads (validate-worker.ts) side by side; the checks across files stay here, in
 * the files' order, so the problems are the same and in the same order as validateFiles gives.
 * `keepData`: as validateFiles (each thread stores the data of the files it reads).
 */
export async function validateFilesInParallel(files: string[], contentDir: string, { onChecked, workers = 2, keepData = false, some = false }: { onChecked?: (file: CheckedFile) => void; workers?: number; keepData?: boolean; /** some files only (npm run validate <file>): a report is also held against the other reports of its folder */ some?: boolean } = {}): Promise<ContentCheck> {
  const index = statIndex(contentDir);
  const outcomes = new Map<string, FileOutcome>();
  const todo: { file: string; seen?: Seen; known?: { digest: string; facts: FileFacts } }[] = [];
  for (const file of files) {
    const hit = index && known(index, file);
    if (hit) outcomes.set(file, hit);
    else todo.push({ file, seen: index?.look(file), known: index?.known(file) });
  }
  // A worker costs its start-up (loading the validator, compiling the schemas): only for many files.
  const count = Math.min(workers, Math.floor(todo.length / 50));
  if (count < 2) {
    for (const t of todo) outcomes.set(t.file, checkFile(t.file, { known: t.known, keepData }));
  } else {
    const { Worker } = await import('node:worker_threads');
    // The modules this thread compiled (types stripped, code cached) go to the compile cache now, not
    // at exit, so that the workers load the validator from it instead of compiling it again.
    flushCompileCache();
    // The files are handed out one at a time from a shared counter, each thread taking the next one
    // when it is done: a worker that starts late (loading the validator) or meets larger files leaves
    // no thread idle at the end, as fixed shares did (a second of a cold run at 1,000 reports).
    const next = new Int32Array(new SharedArrayBuffer(4));
    const jobs = todo.map(({ file, known }) => ({ file, known }));
    const pending = Array.from({ length: count - 1 }, () => new Promise<[number, FileOutcome][]>((resolve, reject) => {
      const worker = new Worker(new URL('./validate-worker.ts', import.meta.url), { workerData: { jobs, next, keepData } });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => { if (code !== 0) reject(new Error(`検証のワーカーが終了しました（${code}）`)); });
    }));
    // This thread takes files too while the workers check theirs.
    const mine: [number, FileOutcome][] = [];
    for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) mine.push([i, checkFile(jobs[i].file, { known: jobs[i].known, keepData })]);
    for (const results of [mine, ...await Promise.all(pending)]) for (const [i, outcome] of results) outcomes.set(todo[i].file, outcome);
  }
  for (const t of todo) {
    const o = outcomes.get(t.file)!;
    if (index && t.seen && o.facts && o.digest) index.record(t.file, o.digest, t.seen, o.facts);
  }
  const across = acrossFiles(some ? new Set(files.map((f) => path.resolve(f))) : undefined);
  for (const file of files) across.add(file, outcomes.get(file)!, onChecked);
  index?.save();
  flushContentCache();
  return { files: files.length, problems: across.problems, notes: across.notes(!some) };
}

/** A file's outcome from the stat-index alone, when its metadata say it is unchanged since it passed. */
function known(index: StatIndex, file: string): FileOutcome | undefined {
  const entry = index.unchanged(file);
  return entry && { problems: [], facts: entry.facts, digest: entry.digest };
}

/**
 * The checks that need more than one file or the file's place: the report's 評価実施機関 exists and is
 * its folder, its file name follows its 評価書番号, and (機関, 様式, 評価書番号) identifies one report.
 */
function acrossFiles(only?: Set<string>) {
  const problems: Problem[] = [];
  // A report's organisations live beside its reports/ folder (content/ or a test fixture tree).
  const orgCache = new Map<string, Set<string>>();
  const orgIdsFor = (root: string) => {
    if (!orgCache.has(root)) orgCache.set(root, organisationIds(root));
    return orgCache.get(root)!;
  };
  // Each printed identity's first file: where its number is, and whether it was told of a copy yet.
  const seenNumbers = new Map<string, { file: string; where: () => Omit<Problem, 'file' | 'message'>; told: boolean }>();
  // A run over some files only (npm run validate <file>): the other reports of a validated report's
  // folder are read for what they print, so that a copy is found there too (and told in the file asked about).
  const readFolders = new Set<string>();
  const othersIn = (folder: string) => {
    if (!only || readFolders.has(folder)) return;
    readFolders.add(folder);
    let names: string[] = [];
    try { names = fs.readdirSync(folder).sort(); } catch { /* nothing to hold it against */ }
    for (const name of names) {
      const other = path.join(folder, name);
      // (an editor's lock or backup file, a folder named .yaml, an unreadable file: not a report here)
      if (!name.endsWith('.yaml') || name.startsWith('.') || only.has(path.resolve(other))) continue;
      let data: unknown;
      try { if (fs.statSync(other).isFile()) data = readYaml(textOf(other), { strict: false }).data; } catch { continue; }
      const key = data && typeof data === 'object' ? printedIdentity(data) : undefined;
      if (key && !seenNumbers.has(key)) seenNumbers.set(key, { file: other, where: () => ({ line: 1, col: 1, item: '' }), told: true });
    }
  };
  // Each organisation file's 名称 (what its reports print as 評価実施機関名), from the files checked, else
  // read when a report asks (npm run validate <report> checks no organisation file).
  const orgNames = new Map<string, unknown>();
  const orgName = (orgFile: string) => {
    if (!orgNames.has(orgFile)) {
      let data: unknown;
      try { data = readYaml(textOf(orgFile), { strict: false }).data; } catch { /* its own check tells */ }
      orgNames.set(orgFile, data && typeof data === 'object' ? (data as Record<string, unknown>)['名称'] : undefined);
    }
    return orgNames.get(orgFile);
  };
  const nameChecks: { file: string; printed: string; orgFile: string; item: () => string; at: () => { line: number; col: number } }[] = [];
  const add = (file: string, outcome: FileOutcome, onChecked?: (file: CheckedFile) => void) => {
    problems.push(...outcome.problems);
    const facts = outcome.facts;
    if (!facts || outcome.problems.length) return;
    const { kind, root } = placeOf(file);
    onChecked?.({ file, kind, unfilled: facts.unfilled, head: facts.head, digest: outcome.digest, ...(facts.notes ? { notes: facts.notes.map((n) => ({ file, ...n })) } : {}) });
    if (kind === 'organisation') orgNames.set(path.resolve(file), facts.head['名称']);
    if (kind !== 'report') return;
    const head = facts.head;
    const form = formOf(head)!;
    // Positions are only needed for a problem found here: the file is read (again) for them.
    let locate = outcome.locate;
    const at = (p: (string | number)[]) => (locate ??= readYaml(textOf(file)).locate)(p);
    const org = head['評価実施機関'];
    const orgIds = orgIdsFor(root);
    const folder = path.basename(path.dirname(file));
    if (typeof org === 'string' && !orgIds.has(org)) {
      problems.push({ file, ...at(['評価実施機関']), item: '評価実施機関', message: `機関ファイル ${root}/organisations/${org}.yaml がありません` + (orgIds.size ? `（あるもの: ${[...orgIds].join(', ')}）` : '') });
    } else if (org !== folder) {
      problems.push({ file, ...at(['評価実施機関']), item: '評価実施機関', message: `評価実施機関「${org}」の評価書は reports/${org}/ に置いてください（このファイルは reports/${folder}/ にあります）` });
    }
    const cover = head['表紙'] as Record<string, unknown> | undefined;
    const printed = cover?.['評価実施機関名'];
    if (typeof printed === 'string' && typeof org === 'string' && orgIds.has(org)) nameChecks.push({ file, printed, orgFile: path.resolve(root, 'organisations', `${org}.yaml`), item: () => describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価実施機関名']), at: () => at(['表紙', '評価実施機関名']) });
    const number = cover && typeof cover['記載状態'] === 'string' ? cover : cover?.['評価書番号'];
    const nameProblem = reportFileNameProblem(path.basename(file).replace(/\.yaml$/, ''), number);
    if (nameProblem) problems.push({ file, ...at(['表紙', '評価書番号']), item: describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価書番号']), message: nameProblem });
    // Two files may not print the same 機関・様式・評価書番号 (a draft without a number prints none): each
    // is told, naming the other (which of the two is the copy, only its writer knows).
    const category = head['事務分類'];
    if (typeof category === 'string' && category) categories.set(category, [...(categories.get(category) ?? []), { file, at: () => at(['事務分類']) }]);
    const key = printedIdentity(head);
    othersIn(path.dirname(file));
    const where = () => ({ ...at(['表紙', '評価書番号']), item: describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価書番号']) });
    const copy = (other: string) => `${other} と同じ評価実施機関・様式・評価書番号です。同じ評価書を 2 つのファイルに書いていないか確認してください`;
    const first = key ? seenNumbers.get(key) : undefined;
    if (first) {
      problems.push({ file, ...where(), message: copy(first.file) });
      if (!first.told) { first.told = true; problems.push({ file: first.file, ...first.where(), message: copy(file) }); }
    } else if (key) seenNumbers.set(key, { file, where, told: false });
  };
  // A 事務分類 that only one report writes, close to one that others write (「国民年金事務」 beside
  // 「国民年金」): the report is compared with no other (comparison pages group reports by it). Told, not
  // an error: a 事務 may well be the only one of its kind.
  const categories = new Map<string, { file: string; at: () => { line: number; col: number } }[]>();
  // (the 事務分類 notes need every report: not for a run over some files)
  const notes = (all = true): Problem[] => [...nameNotes(), ...(all ? categoryNotes() : [])];
  // A cover that prints another 評価実施機関名 than its organisation's 名称: a report of another body
  // (a 教育委員会 is a 評価実施機関 of its own) filed under this one, or one name written two ways. The
  // site lists the report under the organisation's 名称 and prints the cover as written.
  const nameNotes = (): Problem[] => nameChecks.flatMap(({ file, printed, orgFile, item, at }) => {
    const name = orgName(orgFile);
    if (typeof name !== 'string' || looseForm(name) === looseForm(printed)) return [];
    const shown = path.join(path.basename(path.dirname(orgFile)), path.basename(orgFile));
    return [{ file, ...at(), item: item(), message: `評価実施機関名「${printed}」が、機関ファイル ${shown} の名称「${name}」と違います。ほかの機関の評価書なら、その機関のフォルダーに置いてください。同じ機関なら、表紙のとおりの名称に機関ファイルをそろえてください（機関のページは機関ファイルの名称で示します）` }];
  });
  const categoryNotes = (): Problem[] => {
    const names = [...categories.keys()];
    return [...categories].flatMap(([name, files]) => {
      if (files.length !== 1) return [];
      const near = names.find((n) => n !== name && sameCategory(n, name));
      if (!near) return [];
      const n = categories.get(near)!.length;
      return [{ file: files[0].file, ...files[0].at(), item: '事務分類', message: `事務分類「${name}」の評価書はほかにありません。ほかの ${n} 件は「${near}」と書いています。同じ事務なら同じ書き方にしてください（比較のページは事務分類ごとに作られ、ほかの評価書と並びません）` }];
    });
  };
  return { problems, add, notes };
}

/** Two ways of writing one 事務分類: equal but for width, blanks and a word that names no 事務 of its own
 * (「国民年金事務」, 「国民年金に関する事務」, 「国民年金 」). 児童手当 and 児童扶養手当 are two 事務. */
function sameCategory(a: string, b: string): boolean {
  const core = (s: string) => looseForm(s).replace(/(?:に関する|に係る)?(?:事務|業務)(?:等)?$|関係$|等$/u, '');
  return core(a) !== '' && core(a) === core(b);
}

type Locate = ParsedYaml['locate'];
function textOf(file: string): string {
  const d = decodeUtf8(fs.readFileSync(file));
  return 'text' in d ? d.text : '';
}
