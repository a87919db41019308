// Round trip over the bundled reports: a seeded generator makes random edit scripts (texts, entry
// names, added / removed / reordered entries, checkboxes, choices, dates, counts, a changed 評価書番号
// (a new one, or the report's first one back), a moved report file,
// several reports in one commit, a merged branch of several commits, a broken version fixed later, a
// moved file re-indented),
// commits them with real git, and checks that every change set's rows are exactly the items it changed:
// each expected item has one row naming it with its new value, and no other row exists. --since from a
// random commit gives the same rows as the full history for the commits after it, and so does a walk
// kept at a random commit and gone on from (history-walk.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateChanges, itemPath, type GeneratedRow } from '../src/lib/changes/change-rows.ts';
import { walkStore } from '../src/lib/changes/change-cache.ts';
import type { WalkMemory } from '../src/lib/changes/history-walk.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { FORM_SCHEMAS, formOf } from '../src/lib/form/form-schema.ts';
import { sectionKeys, sectionTree, type Node } from '../src/lib/report/report-tree.ts';
import { plainNode, plainValue } from '../src/lib/report/plain-value.ts';

type Data = Record<string, any>;
type Key = string | number;
const BUNDLED = fs.readdirSync('content/reports', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort()
  .map((f) => ({ path: `content/reports/${f}`, data: parseYaml(fs.readFileSync(`content/reports/${f}`, 'utf8')).data as Data }));

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

const getIn = (d: any, p: readonly Key[]) => p.reduce((o, k) => (o == null ? undefined : o[k]), d);
const setIn = (d: any, p: readonly Key[], v: unknown) => { getIn(d, p.slice(0, -1))[p[p.length - 1]] = v; };
const pkey = (p: readonly Key[]) => JSON.stringify(p);
const schemaOf = (d: Data) => FORM_SCHEMAS[formOf(d)!].schema;
const section = (d: Data, key: string) => sectionTree(d, { schema: schemaOf(d), formVersion: d['様式版'] }, key);
/** Every node of a section with its ancestors, by data path. */
function index(d: Data, key: string) {
  const out = new Map<string, { node: Node; ancestors: Node[] }>();
  const visit = (n: Node, anc: Node[]) => { if (!out.has(pkey(n.path))) out.set(pkey(n.path), { node: n, ancestors: anc }); n.children.forEach((c) => visit(c, [...anc, n])); };
  visit(section(d, key), []);
  return out;
}
/** The lists along a data path (each prefix that is an array in the data). */
const listsOn = (d: Data, p: readonly Key[]) => p.map((_, i) => p.slice(0, i)).filter((q) => q.length && Array.isArray(getIn(d, q))).map(pkey);

type Op =
  | { kind: 'leaf'; path: Key[] }
  | { kind: 'rename'; path: Key[] }
  | { kind: 'add'; list: Key[]; at: number }
  | { kind: 'remove'; list: Key[]; at: number }
  | { kind: 'move'; list: Key[]; from: number; to: number };
/** A row that must exist: any one of `alts` (an item path and its new value). */
interface Expected { alts: { item: string; after: string }[] }

/** One change set's edits to one report: what it did, and the constraints that keep identity unambiguous. */
class ReportEdit {
  ops: Op[] = [];
  private edited = new Set<string>();
  private structural = new Set<string>();
  private editedLists = new Set<string>();
  // Section trees of the data as it is now (rebuilt after each edit, reused across failed attempts).
  private trees = new Map<string, ReturnType<typeof index>>();
  /** `home`: the report's first 評価書番号 (an edit may give it back); `numbered`: its number stays (its
   * newest version is a broken one, which may have been moved where git sees no rename: only what the
   * next readable version prints ties it to its report). */
  constructor(readonly before: Data, public data: Data, private readonly home: number, private readonly numbered = false) {}

  private mayEdit(p: Key[]) { return !this.edited.has(pkey(p)) && !listsOn(this.data, p).some((l) => this.structural.has(l)); }
  private mayRestructure(list: Key[]) {
    const l = pkey(list);
    return !this.structural.has(l) && !this.editedLists.has(l) && !listsOn(this.data, list).some((x) => this.structural.has(x));
  }
  private didEdit(p: Key[]) { this.edited.add(pkey(p)); for (const l of listsOn(this.data, p)) this.editedLists.add(l); }

  /** Tries one random edit of the given kind in a random section; false when none fits. */
  apply(r: ReturnType<typeof rng>, kind: string, serial: string): boolean {
    if (kind === 'number') {
      // A new number (unique in the history), or the first one back.
      const p: Key[] = ['表紙', '評価書番号'];
      const now = getIn(this.data, p);
      const next = r.next() < 0.5 && now !== this.home ? this.home : 1000 + Number(serial.split('-')[1]);
      if (this.numbered || !this.mayEdit(p) || typeof now !== 'number' || next === now) return false;
      setIn(this.data, p, next);
      this.didEdit(p);
      this.ops.push({ kind: 'leaf', path: p });
      this.trees.clear();
      return true;
    }
    const keys = sectionKeys(schemaOf(this.data)).filter((k) => k !== '変更箇所');
    const key = r.pick(keys);
    if (!this.trees.has(key)) this.trees.set(key, index(this.data, key));
    const nodes = [...this.trees.get(key)!.values()].map((x) => x.node);
    const done = this.tryApply(r, kind, serial, nodes);
    if (done) this.trees.clear();
    return done;
  }

  private tryApply(r: ReturnType<typeof rng>, kind: string, serial: string, nodes: Node[]): boolean {
    const lists = nodes.filter((n) => n.children.length > 0 && n.children.every((c) => c.kind === 'entry' && c.nameAnchor) && Array.isArray(getIn(this.data, n.path)));
    const named = (n: Node) => { const names = (getIn(this.data, n.path) as any[]).map((e) => e?.['名称']); return names.every((x) => typeof x === 'string' && x) && new Set(names).size === names.length; };
    if (kind === 'rename' || kind === 'add' || kind === 'remove' || kind === 'move') {
      const fit = lists.filter((n) => (kind === 'rename' ? true : this.mayRestructure(n.path as Key[]) && named(n))
        && (kind === 'add' ? n.children.length < 20 : kind === 'move' ? n.children.length >= 2 : n.children.length >= 1));
      if (!fit.length) return false;
      const list = r.pick(fit).path as Key[];
      const arr = getIn(this.data, list) as any[];
      if (kind === 'rename') {
        const p = [...list, r.int(arr.length), '名称'];
        if (!this.mayEdit(p) || typeof getIn(this.data, p) !== 'string') return false;
        setIn(this.data, p, `改称後の名称${serial}`);
        this.didEdit(p);
        this.ops.push({ kind: 'rename', path: p.slice(0, -1) });
        return true;
      }
      this.structural.add(pkey(list));
      if (kind === 'add') {
        const at = r.int(arr.length + 1);
        arr.splice(at, 0, { ...structuredClone(r.pick(arr)), 名称: `追加した名称${serial}` });
        this.ops.push({ kind: 'add', list, at });
      } else if (kind === 'remove') {
        const at = r.int(arr.length);
        arr.splice(at, 1);
        this.ops.push({ kind: 'remove', list, at });
      } else {
        const from = r.int(arr.length);
        let to = r.int(arr.length - 1);
        if (to >= from) to++;
        arr.splice(to, 0, ...arr.splice(from, 1));
        this.ops.push({ kind: 'move', list, from, to });
      }
      return true;
    }
    // (公表日 is each version's own date: a change to it makes no row, held in changes.test.ts)
    const leaves = nodes.filter((n) => n.kind === 'item' && n.children.length === 0 && n.value && this.mayEdit(n.path as Key[]) && !n.path.includes('変更箇所') && !(n.path[0] === '表紙' && n.path[1] === '公表日'));
    const want: Record<string, (n: Node, v: unknown) => boolean> = {
      text: (n, v) => n.value!.type === 'text' && typeof v === 'string',
      choice: (n, v) => n.value!.type === 'choice' && typeof v === 'string' && (n.value as any).options.filter((o: string) => o !== v).length > 0,
      checks: (n, v) => n.value!.type === 'checks' && Array.isArray(v),
      date: (n, v) => n.value!.type === 'date' && typeof v === 'string',
      count: (n, v) => n.value!.type === 'count' && typeof v === 'number',
    };
    const fit = leaves.filter((n) => want[kind](n, getIn(this.data, n.path)));
    if (!fit.length) return false;
    const n = r.pick(fit);
    const p = n.path as Key[];
    const v = getIn(this.data, p);
    if (kind === 'text') setIn(this.data, p, `改訂した記載${serial}\n（${r.int(1000)}）`);
    else if (kind === 'choice') setIn(this.data, p, r.pick((n.value as any).options.filter((o: string) => o !== v)));
    else if (kind === 'date') { const d = new Date(`${v}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1 + r.int(400)); setIn(this.data, p, d.toISOString().slice(0, 10)); }
    else if (kind === 'count') setIn(this.data, p, (v as number) + 1 + r.int(3));
    else {
      const boxes = (n.value as any).groups.flatMap((g: any) => g.boxes).filter((b: any) => !b.count && (!b.checked || (v as unknown[]).includes(b.label)));
      if (!boxes.length) return false;
      const box = r.pick(boxes) as { label: string; checked: boolean };
      setIn(this.data, p, box.checked ? (v as unknown[]).filter((x) => x !== box.label) : [...(v as unknown[]), box.label]);
    }
    this.didEdit(p);
    this.ops.push({ kind: 'leaf', path: p });
    return true;
  }

  /** The rows this change set must give: the item path and its new value (either of two, for a swap of neighbours). */
  expected(): Expected[] {
    const trees = new Map<string, ReturnType<typeof index>>();
    const at = (d: Data, p: readonly Key[]) => {
      const k = `${d === this.before ? 'old' : 'new'}:${p[0]}`;
      if (!trees.has(k)) trees.set(k, index(d, String(p[0])));
      return trees.get(k)!.get(pkey(p))!;
    };
    const heading = (n: Node) => `${n.number} ${plainValue(n.nameValue)}`;
    return this.ops.map((op): Expected => {
      const one = (item: string, after: string): Expected => ({ alts: [{ item, after }] });
      if (op.kind === 'leaf') { const { node, ancestors } = at(this.data, op.path); return one(itemPath(ancestors, node), plainValue(node.value)); }
      if (op.kind === 'rename') { const { node, ancestors } = at(this.data, op.path); return one(itemPath(ancestors, node), plainValue(node.nameValue)); }
      if (op.kind === 'add') { const { node, ancestors } = at(this.data, [...op.list, op.at]); return one(itemPath(ancestors, node), plainNode(node)); }
      if (op.kind === 'remove') {
        const list = at(this.data, op.list);
        return one(itemPath([...list.ancestors, list.node], at(this.before, [...op.list, op.at]).node), '(空白)');
      }
      // A move: the entry moved; when it swapped places with a neighbour, either of the two may be named.
      const ends = Math.abs(op.from - op.to) === 1 ? [op.to, op.from] : [op.to];
      return { alts: ends.map((i) => { const { node, ancestors } = at(this.data, [...op.list, i]); return { item: itemPath(ancestors, node), after: heading(node) }; }) };
    });
  }
}

/** A git fast-import stream: the whole history of one repository in one git process. */
class History {
  private parts: Buffer[] = [];
  private marks = 0;
  private time = Date.UTC(2024, 0, 1) / 1000;
  add(s: string | Buffer) { this.parts.push(Buffer.isBuffer(s) ? s : Buffer.from(s)); }
  blob(text: string): number {
    const b = Buffer.from(text);
    const mark = ++this.marks;
    this.add(`blob\nmark :${mark}\ndata ${b.length}\n`); this.add(b); this.add('\n');
    return mark;
  }
  commit(branch: string, message: string, from: number | undefined, merge: number | undefined, files: { path: string; text?: string; del?: boolean }[]): number {
    const blobs = files.map((f) => (f.del ? 0 : this.blob(f.text!)));
    const mark = ++this.marks;
    this.time += 86400;
    const msg = Buffer.from(message);
    this.add(`commit refs/heads/${branch}\nmark :${mark}\nauthor 評価 太郎 <staff@example.jp> ${this.time} +0900\ncommitter 評価 太郎 <staff@example.jp> ${this.time} +0900\ndata ${msg.length}\n`);
    this.add(msg); this.add('\n');
    if (from) this.add(`from :${from}\n`);
    if (merge) this.add(`merge :${merge}\n`);
    files.forEach((f, i) => this.add(f.del ? `D ${f.path}\n` : `M 100644 :${blobs[i]} ${f.path}\n`));
    this.add('\n');
    return mark;
  }
  /** Writes the repository; returns the commit hash of every mark. */
  write(dir: string): Map<number, string> {
    const run = (args: string[], input?: Buffer) => { const r = spawnSync('git', args, { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 30 }); if (r.status !== 0) throw new Error(r.stderr); return r.stdout; };
    run(['init', '-q', '-b', 'main']);
    const marksFile = path.join(dir, '.git', 'marks');
    run(['fast-import', '--quiet', `--export-marks=${marksFile}`], Buffer.concat([...this.parts, Buffer.from('done\n')]));
    return new Map(fs.readFileSync(marksFile, 'utf8').trim().split('\n').map((l) => { const [m, h] = l.split(' '); return [Number(m.slice(1)), h]; }));
  }
}

const KINDS = ['text', 'text', 'rename', 'add', 'remove', 'move', 'checks', 'choice', 'date', 'count', 'number'];

/** Builds one repository of `scripts` change sets; returns what each change set must give. */
function buildRepository(seed: number, scripts: number) {
  const r = rng(seed);
  const h = new History();
  const state = BUNDLED.map((b) => ({ path: b.path, data: structuredClone(b.data) }));
  // A report imported as a draft (no 公表日) was never published here: its edits make no rows. In
  // every other repository the drafts are imported as published, so that their edits are checked too.
  const neverPublished = new Set<number>();
  state.forEach((s, i) => {
    if (s.data['表紙']?.['公表日']) return;
    // (a draft under comment keeps its 公開状態: published, it is taken off)
    if (seed % 2) { s.data['表紙']['公表日'] = '2024-04-01'; delete s.data['公開状態']; } else neverPublished.add(i);
  });
  let tip = h.commit('main', '評価書の取り込み\n\nChange-Log: import', undefined, undefined, state.map((s) => ({ path: s.path, text: dump(s.data, { lineWidth: -1 }) })));
  const sets: { mark: number; expected: { report: number; rows: Expected[] }[]; broken?: boolean }[] = [];
  let serial = 0;
  // Reports whose newest version is a broken one: a broken file moved to a new name cannot be tied to its
  // report until a readable version is written there, so each is fixed before the history ends.
  const broken = new Set<number>();
  const edits = (picked: number[], edits: Map<number, ReportEdit>, steps: number) => {
    for (const i of picked) {
      const e = edits.get(i) ?? new ReportEdit(structuredClone(state[i].data), structuredClone(state[i].data), BUNDLED[i].data['表紙']['評価書番号'], broken.has(i));
      edits.set(i, e);
      for (let k = 0, done = 0; k < 12 && done < steps; k++) if (e.apply(r, r.pick(KINDS), `${seed}-${++serial}`)) done++;
    }
  };
  const files = (i: number, e: ReportEdit, moveTo?: string) => {
    const out: { path: string; text?: string; del?: boolean }[] = [];
    if (moveTo) { out.push({ path: state[i].path, del: true }); state[i].path = moveTo; }
    // (a moved file re-indented at times, as an editor's 「format document」 does: every line differs,
    // and git sees no rename, even when the number changes too)
    out.push({ path: state[i].path, text: dump(e.data, { lineWidth: -1, indent: moveTo && r.next() < 0.5 ? 4 : 2 }) });
    return out;
  };
  for (let s = 0; s < scripts; s++) {
    const picked = [...new Set(Array.from({ length: 1 + r.int(2) }, () => r.int(state.length)))];
    const edited = new Map<number, ReportEdit>();
    const roll = r.next();
    if (roll < 0.05) {
      // A broken version of one report (possibly moved as well): no rows; the next edit diffs against the last good one.
      const i = picked[0];
      const moved = r.next() < 0.5 ? state[i].path.replace(/[^/]*\.yaml$/, `broken-${serial++}.yaml`) : undefined;
      const del = moved ? [{ path: state[i].path, del: true }] : [];
      if (moved) state[i].path = moved;
      broken.add(i);
      tip = h.commit('main', '書きかけ', tip, undefined, [...del, { path: state[i].path, text: '様式: 重点項目評価書\n表紙: [書きかけ\n' }]);
      sets.push({ mark: tip, expected: [], broken: true });
      continue;
    }
    if (roll < 0.15) {
      // A pull request of several commits, merged: one change set.
      const branch = `pr${s}`;
      let b = tip;
      const original = new Map(picked.map((i) => [i, state[i].path]));
      for (let c = 0; c < 2 + r.int(2); c++) {
        const before = new Map([...edited].map(([i, e]) => [i, structuredClone(e.data)]));
        edits(picked.filter(() => r.next() < 0.7), edited, 1 + r.int(2));
        const changed = [...edited].filter(([i, e]) => JSON.stringify(before.get(i)) !== JSON.stringify(e.data));
        b = h.commit(branch, `作業 ${c + 1}`, b === tip ? tip : undefined, undefined, changed.flatMap(([i, e]) => files(i, e, r.next() < 0.1 ? state[i].path.replace(/[^/]*\.yaml$/, `pr-${serial++}.yaml`) : undefined)));
      }
      const touched = [...edited.keys()];
      tip = h.commit('main', `Merge pull request #${s}\n\nSubmission: 事後\nReason: 軽微な修正のため`, tip, b, touched.flatMap((i) => [
        ...(original.get(i) !== state[i].path ? [{ path: original.get(i)!, del: true }] : []), { path: state[i].path, text: dump(edited.get(i)!.data, { lineWidth: -1 }) },
      ]));
    } else {
      edits(picked, edited, 1 + r.int(4));
      tip = h.commit('main', `記載の変更 ${s}`, tip, undefined, [...edited].flatMap(([i, e]) => files(i, e, r.next() < 0.08 ? state[i].path.replace(/[^/]*\.yaml$/, `moved-${serial++}.yaml`) : undefined)));
    }
    for (const [i, e] of edited) { state[i].data = e.data; broken.delete(i); }
    sets.push({ mark: tip, expected: [...edited].map(([report, e]) => ({ report, rows: neverPublished.has(report) ? [] : e.expected() })) });
  }
  if (broken.size) {
    // The fix rewrites the last readable version at the file's current name: it changes no item, so no rows.
    tip = h.commit('main', '書きかけの修正', tip, undefined, [...broken].map((i) => ({ path: state[i].path, text: dump(state[i].data, { lineWidth: -1 }) })));
    sets.push({ mark: tip, expected: [...broken].map((report) => ({ report, rows: [] })) });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtrip-'));
  const hashes = h.write(dir);
  return { dir, sets: sets.map((x) => ({ commit: hashes.get(x.mark)!, expected: x.expected, broken: x.broken })), finalPath: state.map((s) => s.path) };
}

describe('round trip: random edit scripts over the bundled reports', () => {
  it('every change set gives exactly one row per changed item, with its new value; --since agrees with the full history', async () => {
    const REPOS = 2;
    const SCRIPTS = 260;
    let scripts = 0;
    let checked = 0;
    let sinceChecked = 0;
    let resumedChecked = 0;
    for (let seed = 1; seed <= REPOS; seed++) {
      const repo = buildRepository(seed * 7919, SCRIPTS);
      try {
        const full = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', cache: null });
        const { rows } = full;
        const byCommit = new Map<string, GeneratedRow[]>();
        for (const row of rows) byCommit.set(row.commit, [...(byCommit.get(row.commit) ?? []), row]);
        for (const set of repo.sets) {
          scripts++;
          const got = byCommit.get(set.commit) ?? [];
          const want = set.expected.flatMap((e) => e.rows.map((x) => ({ ...x, report: repo.finalPath[e.report] })));
          const left = [...got];
          for (const w of want) {
            const k = left.findIndex((g) => g.report === w.report && w.alts.some((a) => a.item === g.項目 && a.after === g.変更後の記載));
            expect(k, `seed ${seed}, commit ${set.commit}: no row for ${w.alts[0].item} → ${w.alts[0].after}\namong:\n${got.map((g) => `${g.report} ${g.項目} → ${g.変更後の記載}`).join("\n")}\nwant ${w.report}`).toBeGreaterThanOrEqual(0);
            left.splice(k, 1);
            checked++;
          }
          expect(left.map((g) => `${g.項目}: ${g.変更前の記載} → ${g.変更後の記載}`), `seed ${seed}, commit ${set.commit}: rows for items that did not change`).toEqual([]);
        }
        // The preview of a range equals the full history's rows for the same commits.
        // From a broken version in one repository (the range must diff against the last readable one), a random commit in the other.
        const broken = repo.sets.findIndex((x) => x.broken);
        for (const from of [broken >= 0 && seed % 2 ? broken : rng(seed).int(repo.sets.length)]) {
          const since = repo.sets[from].commit;
          const range = new Set(repo.sets.slice(from + 1).map((x) => x.commit));
          const preview = (await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', since })).rows;
          expect(preview).toEqual(rows.filter((x) => range.has(x.commit)));
          sinceChecked += preview.length;
        }
        // A walk kept at two random earlier change sets (HEAD was there, then there), gone on from at the
        // tip, gives the same result: each run adds its rows to what is kept.
        const git = (...args: string[]) => spawnSync('git', args, { cwd: repo.dir, encoding: 'utf8' }).stdout.trim();
        const tip = git('rev-parse', 'HEAD');
        const walkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-'));
        const store = walkStore(walkDir, 'b'.repeat(64));
        let appended = 0;
        const walkMemory: WalkMemory = { get: () => store.get(), put: (state, rows, replacing) => { if (!replacing) appended++; store.put(state, rows, replacing); } };
        const cuts = [rng(seed + 1).int(repo.sets.length), rng(seed + 2).int(repo.sets.length)].sort((a, b) => a - b);
        for (const cut of cuts) {
          git('update-ref', 'refs/heads/main', repo.sets[cut].commit);
          const there = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', cache: null, walkMemory });
          expect(there).toEqual(await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', cache: null }));
        }
        git('update-ref', 'refs/heads/main', tip);
        expect(await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', cache: null, walkMemory })).toEqual(full);
        // (gone on from at each new head: the second cut unless it is the first, the tip unless it is a cut)
        expect(appended).toBe(new Set([...cuts.map((c) => repo.sets[c].commit), tip]).size - 1);
        resumedChecked += full.rows.length;
        fs.rmSync(walkDir, { recursive: true, force: true });
      } finally { fs.rmSync(repo.dir, { recursive: true, force: true }); }
    }
    console.log(`round trip: ${scripts} edit scripts in ${REPOS} repositories, ${checked} expected rows checked; --since checked on ${sinceChecked} rows; ${resumedChecked} rows of walks gone on from`);
    expect(scripts).toBeGreaterThanOrEqual(500);
  }, 600_000);
});
