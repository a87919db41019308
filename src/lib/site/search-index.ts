// Builds the Pagefind search index in parts, starting while Astro is still writing pages.
//
// Why parts: Pagefind keeps its whole index in memory (about 7 MB per report page, most of it for the
// Japanese word segmentation) and indexes at about 40 ms a page. A site of more than `partPages`
// searchable pages is therefore indexed part by part, each part written as its own bundle (pagefind/,
// pagefind-1/, …) that the search page merges (Pagefind UI mergeIndex).
// Why during Astro: Astro renders on one core. As soon as enough finished pages are waiting, one part
// is indexed on the other core; once Astro is done, `jobs` parts run at a time.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

/** Pages that Pagefind indexes carry this attribute (BaseLayout's `searchable`), near the top. */
const SEARCHABLE = 'data-pagefind-body';
const HEAD_BYTES = 16 * 1024;
const END = '</html>';

/** Whether a written page is complete and whether it is searchable. Astro writes each page once,
 * ending with </html>, which appears nowhere else (text in a page is escaped). */
export function inspectPage(file: string): { finished: boolean; searchable: boolean } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 64));
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    if (!tail.toString('latin1').trimEnd().endsWith(END)) return { finished: false, searchable: false };
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    fs.readSync(fd, head, 0, head.length, 0);
    return { finished: true, searchable: head.toString('utf8').includes(SEARCHABLE) };
  } finally {
    fs.closeSync(fd);
  }
}

/** `n` pages in as few parts of at most `size` as possible, of equal size (±1). */
export function partSizes(n: number, size: number): number[] {
  if (n <= 0) return [];
  const parts = Math.ceil(n / size);
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

/** The bundle folder of part `i`: the first is Pagefind's usual pagefind/, which the search page names. */
export const bundleName = (i: number) => (i === 0 ? 'pagefind' : `pagefind-${i}`);

export interface IndexerOptions {
  /** The site being written (Astro's output folder). */
  site: string;
  /** The pagefind executable, and the environment it runs in. */
  pagefind: string;
  env: NodeJS.ProcessEnv;
  /** Pagefind arguments for every part (e.g. --exclude-selectors). */
  args: string[];
  partPages: number;
  jobs: number;
}

export class SearchIndexer {
  private o: IndexerOptions;
  private known = new Set<string>();
  /** Finished searchable pages not yet in a part. */
  private waiting: string[] = [];
  /** Parts made but not started. */
  private queue: string[][] = [];
  private running = new Map<number, ChildProcess>();
  private parts = 0;
  private failed: string | undefined;
  private astroDone = false;
  private idle: (() => void) | undefined;

  constructor(options: IndexerOptions) { this.o = options; }

  /** Looks for newly finished searchable pages and starts a part when enough are waiting (one part at a
   * time while Astro is still rendering, so that Astro keeps its core). */
  scan(): void {
    this.collect(this.o.site);
    while (this.waiting.length >= this.o.partPages) this.queue.push(this.waiting.splice(0, this.o.partPages));
    this.pump();
  }

  /** After Astro: indexes the remaining pages and waits for every part. Returns the bundles written. */
  async finish(): Promise<string[]> {
    this.astroDone = true;
    this.collect(this.o.site);
    if (this.parts === 0 && this.queue.length === 0 && this.waiting.length <= this.o.partPages) {
      // A small site: one index over the whole site, as Pagefind does by default.
      this.parts = 1;
      await this.run(0, this.o.site);
    } else {
      const rest = this.waiting.splice(0);
      let at = 0;
      for (const n of partSizes(rest.length, this.o.partPages)) { this.queue.push(rest.slice(at, at + n)); at += n; }
      await new Promise<void>((resolve) => { this.idle = resolve; this.pump(); });
    }
    if (this.failed) throw new Error(this.failed);
    return Array.from({ length: this.parts }, (_, i) => bundleName(i));
  }

  /** Stops every running part and removes the parts' folders (Astro failed). */
  abort(): void {
    this.failed ??= 'ビルドを中止しました';
    this.queue = [];
    for (const child of this.running.values()) child.kill();
    for (let k = 0; k < this.parts; k++) fs.rmSync(this.partDir(k), { recursive: true, force: true });
  }

  /** Starts queued parts while fewer than the allowed number run; tells finish() when all are done. */
  private pump() {
    const limit = this.astroDone ? this.o.jobs : 1;
    while (!this.failed && this.queue.length && this.running.size < limit) this.start(this.queue.shift()!);
    if (this.idle && this.running.size === 0 && (this.queue.length === 0 || this.failed)) this.idle();
  }

  private partDir(k: number) { return `${this.o.site}.part-${k}`; }

  private collect(dir: string) {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('pagefind')) this.collect(p);
      } else if (e.name.endsWith('.html') && !this.known.has(p)) {
        const page = inspectPage(p);
        if (!page.finished) continue;
        this.known.add(p);
        if (page.searchable) this.waiting.push(path.relative(this.o.site, p));
      }
    }
  }

  /** Indexes `pages` as the next part, from a folder of hard links to them at the same paths (so the
   * same URLs). */
  private start(pages: string[]) {
    const k = this.parts++;
    const dir = this.partDir(k);
    for (const rel of pages) {
      const to = path.join(dir, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      try { fs.linkSync(path.join(this.o.site, rel), to); } catch { fs.copyFileSync(path.join(this.o.site, rel), to); }
    }
    void this.run(k, dir).finally(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      this.pump();
    });
  }

  private run(k: number, site: string): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn(this.o.pagefind, ['--site', site, '--output-path', path.join(this.o.site, bundleName(k)), '--quiet', ...this.o.args], { stdio: 'inherit', env: this.o.env });
      this.running.set(k, child);
      const end = (ok: boolean) => {
        if (!this.running.delete(k)) return;
        if (!ok) this.failed ??= '検索索引（Pagefind）の作成に失敗しました。';
        resolve();
      };
      child.on('error', () => end(false));
      child.on('close', (status) => end(status === 0));
    });
  }
}
