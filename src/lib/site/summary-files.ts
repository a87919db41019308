// Per-report summaries (site-summary.ts) on disk. Does I/O.
//
// Format of a summaries folder: one or more files named <part>.summaries.json (a build writes one part;
// each shard of a sharded build writes its own), each {"format": SUMMARY_FORMAT, "summaries": [...]},
// written atomically (a reader never sees half a file); a file named `complete` says that every part
// has been written, and a file named `producer` holds the process id of the process writing them (a
// reader waits only while that process lives). readSummaries(dir) merges the parts into the order of
// every list of reports.
//
// The summary of a report is cached (CONTENT_CACHE_DIR/summaries/) under a digest of its file's path
// and bytes and of the code and schemas that read it (content-cache.ts validatorVersion), so an
// unchanged report is not read again by the next build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, type Content } from '../content/content-store.ts';
import { cacheHome, validatorVersion } from '../content/content-cache.ts';
import { placeOf, readContentFile } from '../content/content-files.ts';
import { byReportOrder, SUMMARY_FORMAT, summaryOf, type SiteSummary } from './site-summary.ts';

const SUFFIX = '.summaries.json';
const COMPLETE = 'complete';
const PRODUCER = 'producer';

function writeAtomic(file: string, text: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Writes the summaries of some reports as part `part` of the folder `dir` (made if missing). */
export function writeSummaries(dir: string, summaries: SiteSummary[], part = 'site'): string {
  if (!/^[\w.-]+$/.test(part)) throw new Error(`要約のファイル名「${part}」に使えない文字があります。`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${part}${SUFFIX}`);
  writeAtomic(file, JSON.stringify({ format: SUMMARY_FORMAT, summaries }));
  return file;
}

/** Says that every part of `dir` has been written (readers that wait, see waitForSummaries). */
export function markSummariesComplete(dir: string) {
  writeAtomic(path.join(dir, COMPLETE), '');
}

/** Every summary of every part in `dir`, in the order of lists of reports. A report in two parts, or a
 * part of another format, is an error (two shards must never both claim one report). */
export function readSummaries(dir: string): SiteSummary[] {
  const out: SiteSummary[] = [];
  const seen = new Map<string, string>();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(SUFFIX)).sort()) {
    const file = path.join(dir, name);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; summaries?: SiteSummary[] };
    if (parsed.format !== SUMMARY_FORMAT || !Array.isArray(parsed.summaries)) throw new Error(`${file}: 評価書の要約の形式（${String(parsed.format)}）がこのプログラムの形式（${SUMMARY_FORMAT}）と違います。`);
    for (const s of parsed.summaries) {
      const other = seen.get(s.id);
      if (other) throw new Error(`評価書 ${s.id} の要約が ${other} と ${name} の両方にあります。`);
      seen.set(s.id, name);
      out.push(s);
    }
  }
  return out.sort(byReportOrder);
}

/** Says which process writes the summaries of `dir` (made if missing): a reader waits for them only
 * while it lives (waitForSummaries). Written before any reader starts. */
export function markSummariesProducer(dir: string, pid: number) {
  fs.mkdirSync(dir, { recursive: true });
  writeAtomic(path.join(dir, PRODUCER), String(pid));
}

/** Whether process `pid` lives (EPERM: it does, as another user's). */
function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Waits until `dir` is complete (its producer writes it), then reads it. Fails at once when no live
 * process is writing it (none named, or the one named has ended without completing it), so that an
 * Astro run whose build step died does not wait for ever. */
export async function waitForSummaries(dir: string, timeoutMs = 30 * 60_000): Promise<SiteSummary[]> {
  const until = Date.now() + timeoutMs;
  const complete = () => fs.existsSync(path.join(dir, COMPLETE));
  let producer: number | undefined;
  try { producer = Number(fs.readFileSync(path.join(dir, PRODUCER), 'utf8')); } catch { /* none named */ }
  if (!Number.isInteger(producer) || producer! <= 0) producer = undefined;
  for (let k = 0; !complete(); k++) {
    // (checked again after the liveness: a producer may complete the folder and end in between)
    if (k % 20 === 0 && !(producer && alive(producer)) && !complete()) {
      throw new Error(producer ? `評価書の要約（${dir}）を作る処理（プロセス ${producer}）が、要約を書き終える前に終わりました。` : `評価書の要約（${dir}）がなく、それを作る処理もありません。npm run build でビルドしてください。`);
    }
    if (Date.now() > until) throw new Error(`評価書の要約（${dir}）が ${timeoutMs / 60_000} 分たってもできません。`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return readSummaries(dir);
}

let version: string | undefined;
/** The cache key of a report file: its path, its bytes and the code and schemas that read it. */
export function summaryDigest(file: string, bytes: Uint8Array): string {
  version ??= process.env.CONTENT_CACHE_VERSION || validatorVersion() || 'unversioned';
  return crypto.createHash('sha256').update(`summary ${SUMMARY_FORMAT}\0${version}\0${file}\0`).update(bytes).digest('hex');
}

/** The cache folder of this code's summaries; those of other versions can never be used again and
 * are removed. Undefined when CONTENT_CACHE=0. */
let cacheFolder: string | undefined | null;
function summaryCache(): string | undefined {
  if (cacheFolder !== undefined) return cacheFolder ?? undefined;
  cacheFolder = null;
  if (process.env.CONTENT_CACHE === '0') return undefined;
  const root = path.join(cacheHome(), 'summaries');
  const mine = summaryDigest('', new Uint8Array()).slice(0, 16);
  try { for (const name of fs.readdirSync(root)) if (name !== mine) fs.rmSync(path.join(root, name), { recursive: true, force: true }); } catch { /* no cache yet */ }
  return (cacheFolder = path.join(root, mine));
}

/** The summaries of every report of the content, from the cache where the same file was summarised
 * before (CONTENT_CACHE=0 turns the cache off). */
export function summariesOf(content: Content): SiteSummary[] {
  const cacheDir = summaryCache();
  return content.reports.map((report) => {
    const digest = summaryDigest(report.file, readContentFile(report.file, placeOf(report.file).root));
    const entry = cacheDir && path.join(cacheDir, digest.slice(0, 2), `${digest.slice(2)}.json`);
    if (entry) {
      try {
        const kept = JSON.parse(fs.readFileSync(entry, 'utf8')) as SiteSummary;
        if (kept.digest === digest && kept.id === report.id) return kept;
      } catch { /* not cached yet, or damaged: summarised again */ }
    }
    // Through JSON, as a cached one would be: the same values whether cached or not.
    const s = JSON.parse(JSON.stringify(summaryOf(report, digest))) as SiteSummary;
    if (entry) {
      try { fs.mkdirSync(path.dirname(entry), { recursive: true }); writeAtomic(entry, JSON.stringify(s)); } catch { /* a cache that cannot be written is only slower */ }
    }
    return s;
  });
}

let loaded: Promise<SiteSummary[]> | undefined;
/** The summaries the global pages are built from: those the build's plain step writes to
 * SITE_SUMMARIES_DIR while Astro runs (scripts/build.ts), or, without it (astro dev), computed here. */
export function siteSummaries(): Promise<SiteSummary[]> {
  const dir = process.env.SITE_SUMMARIES_DIR;
  return (loaded ??= dir ? waitForSummaries(dir) : Promise.resolve().then(() => summariesOf(loadContent())));
}
