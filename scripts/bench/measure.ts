// The bench's measuring of a child process tree: wall time, the peak resident memory of the whole tree
// (sampled from /proc every 0.1 s) with each program's share, and GNU time's largest single process.
// Does I/O (spawns processes, reads /proc).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const PAGE = 4096;
/** Resident memory (bytes) of a process and all its descendants, read from /proc, with the share of
 * each program (by its name) for the record of what holds the memory at the peak. */
export function treeRss(root: number): { total: number; by: Map<string, number> } {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  const name = new Map<number, string>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      rss.set(Number(d), Number(f[21]) * PAGE);
      name.set(Number(d), programOf(fs.readFileSync(`/proc/${d}/cmdline`, 'utf8')));
    } catch { /* gone */ }
  }
  const want = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, pp] of parent) if (want.has(pp) && !want.has(pid)) { want.add(pid); grew = true; }
  }
  let total = 0;
  const by = new Map<string, number>();
  for (const pid of want) {
    const r = rss.get(pid) ?? 0;
    total += r;
    by.set(name.get(pid)!, (by.get(name.get(pid)!) ?? 0) + r);
  }
  return { total, by };
}
/** A short name for a process of the build: astro, pagefind, build.ts, … */
function programOf(cmdline: string): string {
  const args = cmdline.split('\0').filter(Boolean);
  const known = args.map((a) => path.basename(a)).find((a) => /^(astro|pagefind_extended|pagefind|build\.ts|validate\.ts|changes\.ts|git|esbuild)$/.test(a));
  return known ?? path.basename(args[0] ?? '?');
}
const breakdown = (by: Map<string, number>) => [...by].filter(([, b]) => b >= 32 * 2 ** 20).sort((a, b) => b[1] - a[1]).map(([n, b]) => `${n} ${Math.round(b / 2 ** 20)} MB`).join('、');

let TIME: string | undefined;
export function ensureTime() {
  if (fs.existsSync('/usr/bin/time')) { TIME = '/usr/bin/time'; return; }
  if (process.getuid?.() === 0) {
    console.log('/usr/bin/time がないため apt-get install -y time で入れます…');
    spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: 'ignore' });
    if (!fs.existsSync('/usr/bin/time')) { spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' }); spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: 'ignore' }); }
  }
  TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  if (!TIME) console.log('（/usr/bin/time が使えません。メモリは /proc の標本だけで測ります）');
}


export interface Measure { ms: number; maxRss: number; treeRss: number; peakBy: string; status: number | null; output: string }
/** Runs a command, returning wall time, the largest single-process RSS (GNU time) and the peak RSS of the whole process tree. */
export function measure(cmd: string, args: string[], o: { cwd: string; env?: Record<string, string | undefined>; work?: string }): Promise<Measure> {
  const timeFile = path.join(o.work ?? os.tmpdir(), `time-${process.pid}-${process.hrtime.bigint()}.txt`);
  const [c, a] = TIME ? [TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  // The output goes to a file, as a user's redirect would: through a pipe, the measured command waited
  // for this process (busy reading /proc) to take its output (0.1–0.2 s of 6 MB of 変更箇所).
  const outFile = path.join(o.work ?? os.tmpdir(), `out-${process.pid}-${process.hrtime.bigint()}.txt`);
  const out = fs.openSync(outFile, 'w');
  return new Promise((ok) => {
    const t0 = performance.now();
    const child = spawn(c, a, { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    let peak = 0;
    let peakBy = '';
    const timer = setInterval(() => { const t = treeRss(child.pid!); if (t.total > peak) { peak = t.total; peakBy = breakdown(t.by); } }, 100);
    child.on('close', (status) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      let maxRss = 0;
      try { maxRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, 'utf8'))?.[1] ?? 0) * 1024; fs.rmSync(timeFile); } catch { /* no time(1) */ }
      // The last 512 KB of the output (what a failure message quotes).
      let output = '';
      try {
        const size = fs.statSync(outFile).size;
        const fd = fs.openSync(outFile, 'r');
        const tail = Buffer.alloc(Math.min(size, 1 << 19));
        fs.readSync(fd, tail, 0, tail.length, size - tail.length);
        fs.closeSync(fd);
        output = tail.toString('utf8');
        fs.rmSync(outFile);
      } catch { /* nothing written */ }
      ok({ ms, maxRss, treeRss: Math.max(peak, maxRss), peakBy, status, output });
    });
  });
}

export const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
export const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
export const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** Runs `fn` `runs` times; the median time and memory, and the [timing] lines of the first run. */
export async function repeat(label: string, runs: number, fn: (i: number) => Promise<Measure>, before?: (i: number) => void) {
  const all: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
    const m = await fn(i);
    if (m.status !== 0) { console.error(m.output.slice(-4000)); throw new Error(`${label} が失敗しました（終了コード ${m.status}）`); }
    all.push(m);
  }
  const phases = all[0].output.split('\n').filter((l) => l.startsWith('[timing]')).map((l) => l.slice(9));
    // the breakdown of the run whose peak is the median one
  const byPeak = [...all].sort((a, b) => a.treeRss - b.treeRss)[Math.floor((all.length - 1) / 2)];
  return { ms: median(all.map((m) => m.ms)), maxRss: median(all.map((m) => m.maxRss)), treeRss: median(all.map((m) => m.treeRss)), peakBy: byPeak.peakBy, runs: all.map((m) => m.ms), phases };
}
export type Summary = Awaited<ReturnType<typeof repeat>>;

/** The wall time of K shard jobs on R runners of a CI matrix, each job given to the runner that is free
 * first, longest first (how a matrix with max-parallel R fills up). The aggregate job comes after. */
export function matrixWall(times: number[], runners: number): number {
  const load = Array.from({ length: Math.max(1, runners) }, () => 0);
  for (const t of [...times].sort((a, b) => b - a)) { const i = load.indexOf(Math.min(...load)); load[i] += t; }
  return Math.max(...load);
}
