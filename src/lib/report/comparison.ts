// Comparison of the reports of one 事務分類 across organisations and forms. What is compared, and where
// each form holds it, is declared once in schemas/comparison.json; the risk self-rating matrix is
// derived from the schemas (every choice with x-rating marks). Pure: pages only render the result.
import spec from '../../../schemas/comparison.json' with { type: 'json' };
import { chain, childSchema, FORM_SCHEMAS, leftOutByEdition, notAskedBy, walkForm, type FormName, type SchemaNode } from '../form/form-schema.ts';
import { answeredOtherwise } from '../content/contradictions.ts';
import { notInForce } from './version-state.ts';
import { walk, type Node } from './report-tree.ts';
import { entryNameOrMarker, plainNode, plainValue } from './plain-value.ts';
import { treeOf } from './tree-of.ts';
import { headline } from './report-head.ts';
import type { Report } from '../content/content-store.ts';
import { csvField } from './spreadsheet-cell.ts';
import { statesAnything, valueAt } from '../form/answer-kinds.ts';

export const NOT_IN_FORM = '様式にない項目';

export interface CellValue { text: string; anchor: string; prefix?: string; mark?: string }
export type Cell = { kind: 'values'; values: CellValue[] } | { kind: 'not-in-form' };
export interface ComparisonRow { label: string; cells: Cell[] }
export interface Comparison<R = Report> { category: string; reports: R[]; rows: ComparisonRow[]; risks: ComparisonRow[] }
/** One report's part of every comparison: its cell for each row of ROWS, and its answers to the rated
 * questions of its form, by question. Plain data (JSON), computed once per report, so that a comparison
 * of any set of reports is built from these without reading the reports again. */
export interface ReportComparison { cells: Cell[]; risks: Record<string, CellValue[]>; notInEdition?: string[] }
/** What a comparison needs of each report it compares. */
export interface Compared { form: FormName; comparison: ReportComparison }

interface RowSpec { label: string; mode?: 'value' | 'count' | 'contains' | 'form' | 'published'; text?: string; paths?: Partial<Record<FormName | '*', string>> }
export const ROWS: RowSpec[] = (spec as { rows: RowSpec[] }).rows;

/** Categories (事務分類) with at least two reports, and their reports. */
export function categories<R extends Pick<Report, 'head'>>(reports: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of reports) {
    const c = String(r.head['事務分類'] ?? '').trim();
    if (c) out.set(c, [...(out.get(c) ?? []), r]);
  }
  return new Map([...out].filter(([, rs]) => rs.length >= 2));
}

const patternOf = (row: RowSpec, form: FormName) => row.paths?.[form] ?? row.paths?.['*'];
const matchers = new Map<string, RegExp>();
const matcher = (pattern: string) => {
  let re = matchers.get(pattern);
  if (!re) matchers.set(pattern, (re = new RegExp('^' + pattern.split('/').map((s) => (s === '*' ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '$')));
  return re;
};

/** Every node of a report tree with its data path as text and the entries above it, computed once per tree. */
interface TreeIndex { nodes: readonly Node[]; paths: string[]; prefixes: Map<Node, string | undefined> }
const indexes = new WeakMap<Node[], TreeIndex>();
function indexOf(tree: Node[]): TreeIndex {
  let ix = indexes.get(tree);
  if (!ix) {
    const nodes = walk(tree);
    const prefixes = new Map<Node, string | undefined>();
    const visit = (ns: Node[], trail: string[]) => {
      for (const n of ns) {
        prefixes.set(n, trail.length ? trail.join(' ') : undefined);
        visit(n.children, n.kind === 'entry' ? [...trail, n.number] : trail);
      }
    };
    visit(tree, []);
    indexes.set(tree, (ix = { nodes, paths: nodes.map((n) => n.path.join('/')), prefixes }));
  }
  return ix;
}

/** The lists matching `listPattern` that hold none of the entries found and that the report states
 * there are none of (contradictions.ts answeredOtherwise). */
function statedNoneLists(report: Report, ix: ReturnType<typeof indexOf>, listPattern: string, entries: Node[]): Node[] {
  const re = matcher(listPattern);
  const schema = FORM_SCHEMAS[report.form].schema;
  const within = (e: Node, l: Node) => l.path.every((k, i) => e.path[i] === k);
  return ix.nodes.filter((l, i) => re.test(ix.paths[i]) && !l.marker && !entries.some((e) => within(e, l))
    && answeredOtherwise(chain(schema, l.path).at(-1)?.node, valueAt(report.data, l.path.slice(0, -1))));
}

/** Whether a path is, or lies in, an entry that states nothing (statesAnything). */
function inEmptyEntry(report: Report, path: readonly (string | number)[]): boolean {
  return path.some((k, i) => typeof k === 'number' && !statesAnything(valueAt(report.data, path.slice(0, i + 1))));
}

/** The file (or other entry) a value belongs to, e.g. 「(1)」, so multi-file reports stay readable. */
function entryPrefix(tree: Node[], node: Node): string | undefined {
  return indexOf(tree).prefixes.get(node);
}

function cellFor(row: RowSpec, report: Report): Cell {
  if (row.mode === 'form') {
    const h = headline(report);
    return { kind: 'values', values: [{ text: h.number ? `${h.form}（評価書番号 ${h.number}）` : `${h.form}（評価書番号の記載なし）`, anchor: '表紙-評価書番号' }] };
  }
  // (the day as the report page gives it: a draft's blank 公表日 is 未公表（案）, a 不確実 one its reading)
  if (row.mode === 'published') {
    const h = headline(report);
    // (a report put to comment keeps its cover's 公表日, but its values are a proposal: said so, from
    // what it declares, not the day's date, as comparison cells are kept per report)
    const proposal = h.published && notInForce(report.data) ? '（意見募集の案。表紙の公表日）' : '';
    const text = h.published ? `${h.published.wareki}${proposal}` : h.publishedReading ? `${h.publishedReading.wareki}（転記元の読み。不確実）` : h.publishedUnknown ? `［${h.publishedUnknown.state}］` : '未公表（案）';
    return { kind: 'values', values: [{ text, anchor: '表紙-公表日' }] };
  }
  const pattern = patternOf(row, report.form);
  if (!pattern) return { kind: 'not-in-form' };
  const tree = treeOf(report);
  const re = matcher(pattern);
  const ix = indexOf(tree);
  // (an entry left as the template prints it, every cell empty, is no entry: 「委託事項1」 printed blank
  // under 「委託しない」 is not a 委託事項)
  const nodes = ix.nodes.filter((n, i) => re.test(ix.paths[i]) && !inEmptyEntry(report, n.path));
  if (!nodes.length) {
    // Nothing there: say so when the source lacks the group (原文欠落) rather than showing a blank.
    const parts = pattern.split('/');
    for (let i = parts.length - 1; i > 0; i--) {
      const up = matcher(parts.slice(0, i).join('/'));
      const marked = ix.nodes.find((n, j) => n.marker && up.test(ix.paths[j]));
      if (marked) return { kind: 'values', values: [{ text: `［${marked.marker!.state}］`, anchor: marked.anchor }] };
    }
  }
  if (row.mode === 'count') return { kind: 'values', values: [{ text: `${nodes.length}件`, anchor: nodes[0]?.anchor ?? '' }] };
  // (a 「*」 over named items, 全項目's 監査/* = 自己点検 and 監査: each value says whose it is, or the
  // cell read 「十分に行っている / 十分に行っている」)
  const named = (n: Node) => n.kind !== 'entry' && pattern.split('/').some((seg, i) => seg === '*' && typeof n.path[i] === 'string');
  // A list with no entry where the report answers that there is none (「委託しない」, 「行っていない」):
  // なし, as stated, in its file's place; never the blank a list left empty is.
  const noneHere = pattern.endsWith('/*') && (row.mode ?? 'value') === 'value' ? statedNoneLists(report, ix, pattern.slice(0, -2), nodes) : [];
  const place = noneHere.length ? new Map(ix.nodes.map((n, i) => [n, i])) : undefined;
  const values = (place ? [...nodes, ...noneHere].sort((a, b) => place.get(a)! - place.get(b)!) : nodes).map((n): CellValue => {
    if (noneHere.includes(n)) return { text: 'なし', anchor: n.anchor, prefix: entryPrefix(tree, n) };
    // (an entry whose name is blank or not known says so: 「提供先1 ［原文欠落］」, not 「提供先1」 alone)
    const own = n.kind === 'entry' ? [n.number, entryNameOrMarker(n) || (n.nameValue ? '（名称の記載なし）' : '')].filter(Boolean).join(' ') || plainNode(n) : cellValue(n.value ?? (n.marker ? { type: 'marker', marker: n.marker } : undefined));
    const text = named(n) ? `${n.label}: ${own}` : own;
    const prefix = entryPrefix(tree, n)?.replace(n.kind === 'entry' ? n.number : '\u0000', '').trim() || undefined;
    if (row.mode === 'contains') return { text: containsText(row.text ?? '', n), anchor: n.anchor, prefix };
    return { text, anchor: n.anchor, prefix };
  });
  return { kind: 'values', values };
}

/** An answer as a cell: a blank one as the report page shows it, 「（記載なし）」 (the 「(空白)」 of plainValue
 * is the 変更箇所 rows' word for it). */
const cellValue = (v: Parameters<typeof plainValue>[0]) => (!v || v.type === 'blank' ? BLANK : plainValue(v));
const BLANK = '（記載なし）';

/** Whether an item mentions a word: 「なし」 only where the report states a text without it. An item
 * not known, or left blank, says so as the item does (a 不確実 reading that has the word says both). */
function containsText(word: string, n: Node): string {
  const yes = `あり（「${word}」の記載）`;
  const v = n.value;
  const marker = n.marker ?? (v?.type === 'marker' ? v.marker : undefined);
  if (marker) return marker.raw?.includes(word) ? `［${marker.state}］${yes}` : plainValue({ type: 'marker', marker });
  if (!v || v.type === 'blank') return BLANK;
  // (「なし」 alone would read as not using it: the report only does not name it)
  return plainValue(v).includes(word) ? yes : `「${word}」の語なし`;
}

/** Label path of a rated question, without numbers (they differ between 様式3 and 様式4). */
function riskKey(titles: string[]): string { return titles.join(' ／ '); }

/** Rated questions a form has, in form order, from its schema (computed once per schema), with the
 * data paths each is asked at (entries as 「*」), to tell which a group marked 原文欠落 covers. */
const rated = new WeakMap<SchemaNode, { keys: string[]; paths: Map<string, string[]> }>();
function ratedIndex(schema: SchemaNode) {
  let hit = rated.get(schema);
  if (!hit) rated.set(schema, (hit = findRatedQuestions(schema)));
  return hit;
}
const ratedQuestions = (schema: SchemaNode): string[] => ratedIndex(schema).keys;
const pathPattern = (path: (string | number)[]) => path.map((k) => (typeof k === 'number' ? '*' : k)).join('/');
function findRatedQuestions(schema: SchemaNode): { keys: string[]; paths: Map<string, string[]> } {
  const out: string[] = [];
  const paths = new Map<string, string[]>();
  const titlesAt = new Map<string, string[]>();
  walkForm(schema, (v) => {
    const parent = titlesAt.get(v.path.slice(0, -1).join('/')) ?? [];
    // Chapters are not part of the key; x-compare-as names the same question in another form's terms
    // (「…担保」 for 様式4's 「…確保」); an entry or an item's own answer adds nothing.
    const titles = typeof v.key === 'number' || v.self ? parent
      : v.depth === 1 ? [] : [...parent, ...(v.node['x-compare-as'] ? v.node['x-compare-as'].split(' ／ ') : [v.node.title ?? v.key])];
    if (v.node['x-rating']) {
      out.push(riskKey(titles));
      paths.set(riskKey(titles), [...(paths.get(riskKey(titles)) ?? []), pathPattern(v.path)]);
      return false;
    }
    titlesAt.set(v.path.join('/'), titles);
  });
  return { keys: out, paths };
}

/** A report's answers to the rated questions of its form, by question (computed once per report). */
const answersOf = new WeakMap<Report, Map<string, CellValue[]>>();
function riskAnswers(report: Report): Map<string, CellValue[]> {
  const hit = answersOf.get(report);
  if (hit) return hit;
  const questions = new Set(ratedQuestions(FORM_SCHEMAS[report.form].schema));
  const tree = treeOf(report);
  const map = new Map<string, CellValue[]>();
  const visit = (nodes: Node[], titles: string[], depth: number) => {
    for (const n of nodes) {
      const t = n.kind === 'entry' ? titles : depth === 0 ? [] : [...titles, ...(n.compareAs ? n.compareAs.split(' ／ ') : [n.label])];
      if (n.value?.type === 'choice' && n.value.marks) {
        const k = riskKey(t);
        const i = n.value.options.indexOf(n.value.selected);
        map.set(k, [...(map.get(k) ?? []), { text: n.value.selected, anchor: n.anchor, mark: n.value.marks[i], prefix: entryPrefix(tree, n) }]);
      } else if (n.value?.type !== 'choice' && (n.value?.type === 'blank' || n.value?.type === 'marker') && questions.has(riskKey(t))) {
        // (a blank the form asks for is 記載なし; one it does not ask, 「委託しない」 ticked, says why)
        const not = n.value.type === 'blank' ? notAskedBy(report.schema, report.data, n.path) : undefined;
        const text = !not ? cellValue(n.value) : not.known ? `対象外（「${not.by}」に印）` : `不明（「${not.by}」の印の有無が転記元で不明）`;
        map.set(riskKey(t), [...(map.get(riskKey(t)) ?? []), { text, anchor: n.anchor, prefix: entryPrefix(tree, n) }]);
      }
      visit(n.children, t, depth + 1);
    }
  };
  visit(tree, [], 0);
  // A question under a group the source lacks (倉敷市's Ⅲ 原文欠落) is not known: said so, never 「（記載なし）」.
  const { paths } = ratedIndex(FORM_SCHEMAS[report.form].schema);
  const marked = walk(tree).filter((n) => n.marker);
  for (const q of questions) {
    if (map.has(q)) continue;
    const under = marked.find((n) => (paths.get(q) ?? []).some((p) => (p + '/').startsWith(pathPattern(n.path) + '/')));
    if (under) map.set(q, [{ text: `［${under.marker!.state}］`, anchor: under.anchor, prefix: entryPrefix(tree, under) }]);
  }
  answersOf.set(report, map);
  return map;
}

/** The rated questions under an item some editions do not print (x-not-in-every-edition) that the
 * report leaves out entirely. */
function notPrinted(report: Report): string[] {
  const { paths } = ratedIndex(FORM_SCHEMAS[report.form].schema);
  const out: string[] = [];
  for (const [q, patterns] of paths) {
    const left = patterns.every((p) => {
      let node: SchemaNode | undefined = FORM_SCHEMAS[report.form].schema;
      let at: unknown = report.data;
      for (const seg of p.split('/')) {
        if (seg === '*') return false;
        const child = childSchema(node, seg);
        if (leftOutByEdition(child, at, seg)) return true;
        node = child;
        at = at && typeof at === 'object' ? (at as Record<string, unknown>)[seg] : undefined;
      }
      return false;
    });
    if (left) out.push(q);
  }
  return out;
}

function riskRows(reports: Compared[]): ComparisonRow[] {
  const forms = [...new Set(reports.map((r) => r.form))];
  // 全項目 has the most questions: its order leads; questions only other forms ask follow in their order.
  const ordered = [...forms].sort((a, b) => ratedQuestions(FORM_SCHEMAS[b].schema).length - ratedQuestions(FORM_SCHEMAS[a].schema).length);
  const byForm = new Map(forms.map((f) => [f, new Set(ratedQuestions(FORM_SCHEMAS[f].schema))]));
  const keys = [...new Set(ordered.flatMap((f) => [...byForm.get(f)!]))];
  return keys.map((label) => ({
    label,
    // (a question of an item the report's edition does not print, left out: not in its form either)
    cells: reports.map(({ form, comparison }) => (byForm.get(form)!.has(label) && !comparison.notInEdition?.includes(label) ? { kind: 'values', values: comparison.risks[label] ?? [] } : { kind: 'not-in-form' })),
  }));
}

/** A report's part of every comparison (its tree is built once for all rows). Reads the report. */
export function comparisonOf(report: Report): ReportComparison {
  const risks = riskAnswers(report);
  const notInEdition = notPrinted(report);
  return { cells: ROWS.map((row) => cellFor(row, report)), risks: Object.fromEntries(risks), ...(notInEdition.length ? { notInEdition } : {}) };
}

/** The comparison of a category's reports from their per-report parts (no report is read). */
export function compareParts<R extends Compared>(category: string, reports: R[]): Comparison<R> {
  return { category, reports, rows: ROWS.map((row, i) => ({ label: row.label, cells: reports.map((r) => r.comparison.cells[i]) })), risks: riskRows(reports) };
}

const comparisons = new Map<string, Comparison>();
/** The comparison of a category's reports, read from the reports themselves (computed once per build). */
export function compare(category: string, reports: Report[]): Comparison {
  const key = [category, ...reports.map((r) => `${r.id}\u0000${r.file}`)].join('\u0001');
  const hit = comparisons.get(key);
  if (hit && hit.reports.every((r, i) => r === reports[i])) return hit;
  const parts = reports.map((report) => ({ form: report.form, comparison: comparisonOf(report) }));
  const c: Comparison = { ...compareParts(category, parts), reports };
  comparisons.set(key, c);
  return c;
}

const cellText = (c: Cell) => (c.kind === 'not-in-form' ? NOT_IN_FORM : c.values.map((v) => [v.prefix, v.mark, v.text].filter(Boolean).join(' ')).join('\n') || BLANK);

/** CSV (UTF-8 with BOM so that Excel reads the Japanese): one column per report. */
export function toCsv(c: Pick<Comparison<unknown>, 'rows' | 'risks'>, names: string[]): string {
  const lines = [['項目', ...names].map(csvField).join(',')];
  for (const row of [...c.rows, ...c.risks.map((r) => ({ ...r, label: `リスク対策の自己評価 ／ ${r.label}` }))]) lines.push([row.label, ...row.cells.map(cellText)].map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
