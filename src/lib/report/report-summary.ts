// The facts a reader wants first (the summary card), read from the items the schemas mark with
// x-summary, so that every form (基礎・重点・全項目) is summarised without naming its items here.
// Each fact keeps three states apart: stated, stated as none, and not known (原文欠落・判読不能).
// Pure: the tree comes from tree-of.ts.
import { COMMON_SCHEMA, chain, choiceOptions, notAskedBy, walkForm, type SchemaNode } from '../form/form-schema.ts';
import type { SummaryFact } from '../form/schema-node.ts';
import type { Report } from '../content/content-store.ts';
import { walk, type Node, type Value } from './report-tree.ts';
import { headline, type ReportHeadline } from './report-head.ts';
import { entryNameOrMarker, plainValue } from './plain-value.ts';
import { statesAnything, valueAt } from '../form/answer-kinds.ts';
import { treeOf } from './tree-of.ts';

/** A fact as the report gives it. `unknown` names why (the 記載状態 of the source). */
/** A list stated in part: `partly` names why the rest is not known (a file's list marked 判読不能). */
export type Fact<T> = { state: 'stated'; value: T; partly?: string } | { state: 'none' } | { state: 'unknown'; why: string; reading?: string };

export interface Rating { option: string; mark: string; count: number }
/** Each fact is undefined when the report's form has no item for it (基礎 has no 主な記録項目). */
export interface Summary extends ReportHeadline {
  people?: Fact<string>;
  /** Files by name: one per (n) (全項目・重点), or the one text that names them (基礎: filesAsPrinted). */
  files?: Fact<string[]>;
  filesAsPrinted: boolean;
  entrusts?: Fact<boolean>;
  provides?: Fact<boolean>;
  transfers?: Fact<boolean>;
  /** Whether the report provides or transfers at all, where one box answers for both (基礎). */
  providesOrTransfers?: Fact<boolean>;
  /** 主な記録項目 checked in any file. */
  records?: Fact<string[]>;
  /** 提供先 and 移転先 by name. */
  recipients?: Fact<string[]>;
  /** Self-ratings of risk measures (the options of the rating choice that x-summary marks), and how
   * many rated questions are not known. */
  ratings: Rating[];
  ratingsUnknown: number;
  /** Rated questions counted by a reading marked 不確実 (included in `ratings`). */
  ratingsUncertain: number;
  /** Rated questions the report leaves blank (記載なし) that the form asks. */
  ratingsBlank: number;
  /** Rated questions the form does not ask, left blank, because of a switch the report ticks (x-not-when:
   * 「接続しない（入手）」): how many, and the switches' labels. */
  ratingsNotAsked: { count: number; switches: string[] };
  /** A group holding rated questions is marked as a whole (Ⅲ 原文欠落): how many of its questions were
   * rated, and how, is not known. Its 記載状態. */
  ratingsHidden?: string;
}

/** The rating scale (options and marks) of the choice the schemas mark as the ratings fact. */
export const RATING_SCALE: { option: string; mark: string }[] = (() => {
  const def = Object.values(COMMON_SCHEMA.definitions ?? {}).find((d) => d['x-summary']?.ratings);
  const options = def ? choiceOptions(def) : [];
  return options.map((option, i) => ({ option, mark: def?.['x-rating']?.[i] ?? '' }));
})();

/** The facts a form has items for (computed once per schema). */
const formFacts = new WeakMap<SchemaNode, Set<SummaryFact>>();
function factsOf(schema: SchemaNode): Set<SummaryFact> {
  let set = formFacts.get(schema);
  if (!set) {
    const found = new Set<SummaryFact>();
    walkForm(schema, (v) => { for (const f of Object.keys(v.node['x-summary'] ?? {})) found.add(f as SummaryFact); });
    formFacts.set(schema, (set = found));
  }
  return set;
}

const summaries = new WeakMap<Report, Summary>();
/** The summary of a report (computed once per report). */
export function summarise(report: Report, tree: Node[] = treeOf(report)): Summary {
  let s = summaries.get(report);
  if (!s) summaries.set(report, (s = summary(report, tree)));
  return s;
}

/** Where a fact's items are, and where the source is silent about them (a group marked 原文欠落 above). */
interface Found { nodes: Node[]; unknown: string[] }
function collect(tree: Node[]): Map<SummaryFact, Found> {
  const out = new Map<SummaryFact, Found>();
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      for (const fact of Object.keys(n.facts ?? {}) as SummaryFact[]) {
        if (!out.has(fact)) out.set(fact, { nodes: [], unknown: [] });
        out.get(fact)!.nodes.push(n);
      }
      visit(n.children);
    }
  };
  visit(tree);
  return out;
}

const markerState = (v: Value | undefined) => (v?.type === 'marker' ? v.marker.state : undefined);


function summary(report: Report, tree: Node[]): Summary {
  const found = collect(tree);
  // A group marked as a whole at any depth (Ⅱ, or file (1)'s 委託, 原文欠落) hides the facts whose items
  // lie below it: those facts are not known there. (Not a group marked 不確実, or marked but written
  // out: its items are below it, and read as written.)
  const marked = walk(tree).filter((n) => n.marker && n.marker.state !== '不確実');
  const nodes = (fact: SummaryFact) => found.get(fact)?.nodes ?? [];
  const unknownWhy = (fact: SummaryFact) => marked.find((n) => !walk(n.children).some((c) => c.facts?.[fact]) && holdsFact(report.schema, n.path, fact))?.marker!.state;

  const text = (fact: SummaryFact): Fact<string> => {
    const ns = nodes(fact);
    const v = ns.find((n) => n.value && n.value.type !== 'blank' && n.value.type !== 'marker')?.value;
    if (v) return { state: 'stated', value: plainValue(v) };
    const why = ns.map((n) => markerState(n.value)).find(Boolean) ?? unknownWhy(fact);
    return why ? { state: 'unknown', why } : { state: 'none' };
  };

  const yesNo = (fact: SummaryFact): Fact<boolean> => {
    const ns = nodes(fact);
    let sawNo = false;
    let why: string | undefined;
    let reading: string | undefined;
    for (const n of ns) {
      const yes = n.facts![fact];
      const v = n.value;
      if (!v || v.type === 'blank') continue;
      // (a 不確実 answer is what the transcriber read: the card shows that reading, not 「不明」)
      if (v.type === 'marker') { if (!why) { why = v.marker.state; reading = v.marker.raw; } continue; }
      // (boxes none of which is ticked state nothing: 「行っていない」 must be ticked to say no)
      if (v.type === 'checks' && !v.groups.some((g) => g.boxes.some((b) => b.checked))) continue;
      const says = v.type === 'choice' ? v.selected === yes
        : v.type === 'checks' ? v.groups.some((g) => g.boxes.some((b) => b.checked && b.label === yes))
        : v.type === 'switch' ? v.checked === yes : undefined;
      if (says === true) return { state: 'stated', value: true };
      if (says === false) sawNo = true;
    }
    why ??= unknownWhy(fact);
    if (why) return { state: 'unknown', why, ...(reading ? { reading } : {}) };
    return sawNo ? { state: 'stated', value: false } : { state: 'none' };
  };

  // unique: one name said once (a box ticked in two files, one body both 提供先 and 移転先); files are
  // counted, so two files of one name stay two.
  const list = (fact: SummaryFact, itemsOf: (n: Node) => string[] | 'unknown', unique = true): Fact<string[]> => {
    const ns = nodes(fact);
    const names: string[] = [];
    let why: string | undefined;
    let reading: string | undefined;
    for (const n of ns) {
      const marker = n.marker ?? (n.value?.type === 'marker' ? n.value.marker : undefined);
      if (marker) { if (!why) { why = marker.state; reading = marker.raw; } continue; }
      const items = itemsOf(n);
      if (items === 'unknown') { why ??= '原文欠落'; continue; }
      for (const i of items) if (!unique || !names.includes(i)) names.push(i);
    }
    why ??= unknownWhy(fact);
    // (the names stated, and that there may be more: a file's list not known)
    if (names.length) return { state: 'stated', value: names, ...(why ? { partly: why } : {}) };
    return why ? { state: 'unknown', why, ...(reading ? { reading } : {}) } : { state: 'none' };
  };

  // (an entry left as the template prints it, every cell empty, is no file and no recipient)
  const entries = (n: Node) => n.children.filter((c) => c.kind === 'entry' && statesAnything(valueAt(report.data, c.path)));
  // A file without a printed name is still a file: it is listed by its number. 基礎 names its files in
  // one text, shown as printed (not counted: the text is free).
  const filesAsPrinted = nodes('files').some((n) => n.value?.type === 'text');
  const files = list('files', (n) => (n.value?.type === 'text' ? [n.value.text] : entries(n).map((e) => e.label || `${e.number}（名称${entryNameOrMarker(e) || 'の記載なし'}）`)), false);
  const records = list('records', (n) => (n.value?.type === 'checks' ? n.value.groups.flatMap((g) => g.boxes.filter((b) => b.checked).map((b) => b.label)) : []));
  // An entry whose name is blank or not known is still a recipient: it is listed by its number, with
  // what is known of its name.
  // (named by the file it is in too, so that 提供先1 of two files are two)
  const entryAt = new Map(walk(tree).filter((x) => x.kind === 'entry').map((x) => [x.path.join('\u0000'), x]));
  const within = (n: Node) => n.path.map((_, i) => entryAt.get(n.path.slice(0, i).join('\u0000'))?.number).filter(Boolean).join(' ');
  const recipients = list('recipients', (n) => entries(n).map((e) => e.label || `${[within(n), e.number].filter(Boolean).join(' ')}（名称${entryNameOrMarker(e) || 'の記載なし'}）`));

  const ratings = RATING_SCALE.map((r) => ({ ...r, count: 0 }));
  let ratingsUnknown = 0;
  let ratingsBlank = 0;
  let ratingsUncertain = 0;
  const notAsked = { count: 0, switches: [] as string[] };
  for (const n of nodes('ratings')) {
    const v = n.value;
    // (a 不確実 answer that reads as one of the ratings is counted as it reads, and said to be 不確実)
    const read = v?.type === 'choice' ? v.selected : v?.type === 'marker' && v.marker.state === '不確実' ? v.marker.raw?.trim() : undefined;
    const r = read === undefined ? undefined : ratings.find((x) => x.option === read);
    if (r) { r.count++; if (v?.type === 'marker') ratingsUncertain++; }
    else if (v?.type === 'marker') ratingsUnknown++;
    else if (!n.value || n.value.type === 'blank') {
      const not = notAskedBy(report.schema, report.data, n.path);
      if (not === undefined) ratingsBlank++;
      // (a switch not known: whether the question was asked is not known either)
      else if (!not.known) ratingsUnknown++;
      else { notAsked.count++; if (!notAsked.switches.includes(not.by)) notAsked.switches.push(not.by); }
    }
  }

  // (a group marked as a whole has no nodes below it: its schema says whether it holds rated questions)
  // (only a group whose rated questions are not written below it: one marked 不確実, or marked but
  // written out, has its ratings counted)
  const ratingsHidden = walk(tree).find((n) => n.marker && n.marker.state !== '不確実' && !walk(n.children).some((c) => c.facts?.ratings) && holdsRatings(report.schema, n.path))?.marker!.state;

  const has = factsOf(report.schema);
  const only = <T>(fact: SummaryFact, value: T) => (has.has(fact) ? value : undefined);
  return {
    ...headline(report),
    people: only('people', text('people')),
    files: only('files', files),
    filesAsPrinted,
    entrusts: only('entrusts', yesNo('entrusts')),
    provides: only('provides', yesNo('provides')),
    transfers: only('transfers', yesNo('transfers')),
    providesOrTransfers: only('providesOrTransfers', yesNo('providesOrTransfers')),
    records: only('records', records),
    recipients: only('recipients', recipients),
    ratings,
    ratingsUnknown,
    ratingsBlank,
    ratingsNotAsked: notAsked,
    ratingsUncertain,
    ...(ratingsHidden ? { ratingsHidden } : {}),
  };
}

/** What the card says of a fact the report does not state plainly (undefined for one it does): not
 * known, with the source's 記載状態; 不確実 is a reading, so the card gives what the transcriber read. */
export const unknownText = (f: Fact<unknown>): string | undefined => (f.state !== 'unknown' ? undefined : f.why !== '不確実' ? `不明（転記元で${f.why}）`
  : f.reading ? `不確実（転記元の読み:「${f.reading}」）` : '不確実（転記元の読みに不確かなところがあります）');

/** What the card adds to a list stated in part (Fact.partly). */
export const partlyText = (f: Fact<unknown> | undefined): string => (f?.state === 'stated' && f.partly ? `（ほかに、転記元で${f.partly}の部分は不明）` : '');

/** What the card says when no 提供先 or 移転先 is named: 「なし」 only where the report says it neither
 * provides nor transfers; else 「記載なし」 (it provides, or does not say, and names nobody). */
export function noRecipientsText(s: Pick<Summary, 'provides' | 'transfers' | 'providesOrTransfers'>): string {
  const no = (f?: Fact<boolean>) => f?.state === 'stated' && !f.value;
  return (no(s.provides) && no(s.transfers)) || no(s.providesOrTransfers) ? 'なし' : '記載なし';
}

/** What the card says of the self-ratings: one sentence when nothing was counted (not known, or no
 * question answered: never 「0項目」 for every rating), else a line per rating and per other state. */
export function ratingsShown(s: Pick<Summary, 'ratings' | 'ratingsUnknown' | 'ratingsBlank' | 'ratingsHidden'> & { ratingsUncertain?: number; ratingsNotAsked?: Summary['ratingsNotAsked'] }): { whole: string } | { lines: { mark?: string; text: string }[] } {
  const counted = s.ratings.some((r) => r.count) || s.ratingsUnknown > 0;
  // (a question the form does not ask, because the report ticks 「委託しない」, is no question left unanswered)
  const why = s.ratingsNotAsked?.count ? `${s.ratingsNotAsked.switches.map((x) => `「${x}」`).join('')}に印があるため` : undefined;
  const notAsked = why && `答えを求められない問い（${why}）: ${s.ratingsNotAsked!.count}項目`;
  if (!counted && s.ratingsHidden) return { whole: `不明（転記元で${s.ratingsHidden}）` };
  if (!counted && !s.ratingsBlank && why) return { whole: `答えを求められる問いがありません（${why}）` };
  if (!counted) return { whole: '記載なし（自己評価の問いに答えがありません）' };
  return { lines: [
    ...s.ratings.map((r) => ({ mark: r.mark, text: `${r.option}: ${r.count}項目` })),
    ...(s.ratingsUncertain ? [{ text: `（うち、転記元の読みが不確実なもの: ${s.ratingsUncertain}項目）` }] : []),
    ...(s.ratingsUnknown > 0 ? [{ text: `不明（転記元で記載を確認できないもの）: ${s.ratingsUnknown}項目` }] : []),
    ...(s.ratingsBlank > 0 ? [{ text: `記載なし（答えのない問い）: ${s.ratingsBlank}項目` }] : []),
    ...(notAsked ? [{ text: notAsked }] : []),
    ...(s.ratingsHidden ? [{ text: `ほかに、転記元で${s.ratingsHidden}の部分の自己評価は不明` }] : []),
  ] };
}

/** Whether the form's items at `path` (a group or a repeating group) include a rated question. */
/** Whether the item at a path of the form, or one below it, is the source of a fact (x-summary). */
function holdsFact(schema: SchemaNode, path: (string | number)[], fact: SummaryFact): boolean {
  const node = chain(schema, path).at(-1)?.node;
  if (!node) return false;
  if (node['x-summary']?.[fact] !== undefined) return true;
  let found = false;
  walkForm(node, (v) => { if (v.node['x-summary']?.[fact] !== undefined) found = true; return !found; });
  return found;
}
const holdsRatings = (schema: SchemaNode, path: (string | number)[]) => holdsFact(schema, path, 'ratings');
