// Answer kinds (x-kind), each in one place: how an answer of that kind is written in the YAML (its
// definition in schemas/common.schema.json), how it becomes a typed value, how it prints as one line of
// plain text, and what the validator says when it is written wrongly. Rendering is the one branch per
// kind in src/components/ValueView.astro. Pure.
import { checkDetails, checkLabels, choiceOptions, resolve, type SchemaNode } from './form-schema.ts';
import type { AnswerKind } from './schema-node.ts';
import { toWareki } from './wareki.ts';
import { editionLabel } from './editions.ts';

/** The three transcription states of a value the source does not state plainly (docs/content-format.md). */
export type State = '原文欠落' | '判読不能' | '不確実';
export interface Marker { state: State; note?: string; raw?: string }
/** A glossary term inside a text value: text.slice(start, end) links to the term's definition (added by report/glossary-links.ts). */
export interface TermLink { start: number; end: number; anchor: string }
export interface Box { label: string; checked: boolean; detail?: string; count?: boolean }

/** An answer as the page shows it. `blank`: stated as empty; `marker`: not known (or guessed). */
export type Value =
  | { type: 'blank' }
  | { type: 'marker'; marker: Marker }
  | { type: 'text'; text: string; links?: TermLink[] }
  | { type: 'choice'; selected: string; options: string[]; marks?: string[] }
  | { type: 'checks'; groups: { title?: string; boxes: Box[] }[] }
  | { type: 'date'; iso: string; wareki: string }
  | { type: 'printed-date'; text: string; iso?: string }
  | { type: 'count'; count: number }
  | { type: 'switch'; checked: boolean; label: string };

export interface ValueContext {
  /** The report's 様式版 (the edition printed on its cover). */
  formVersion?: string;
}

type Raw = Record<string, unknown>;
export const isMarker = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Raw)['記載状態'] === 'string';
export const markerOf = (v: Raw): Marker => ({ state: v['記載状態'] as State, note: v['注記'] as string | undefined, raw: v['原文'] as string | undefined });

/** Whether data (an answer, or a group or an entry of answers) states anything: a text, a choice, a
 * ticked box, a number, a date, or a 記載状態 (not known is not nothing). A blank, an empty list and an
 * unticked box (false) state nothing, so an entry left as the template prints it (「委託事項1」 with
 * empty cells, what `npm run new` writes and what many reports print under 「委託しない」) is no entry
 * to count, list or compare. The one rule the summary, the comparison and the validator's notes read. */
export function statesAnything(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.some(statesAnything);
  if (typeof v === 'object') return isMarker(v) || Object.values(v).some(statesAnything);
  return true;
}

/** A text that says none: blank, or a dash alone in any of the forms reports write it (「－」「—」「ー」
 * 「-」「‐」: one meaning, FORMS.md §1.1). */
export const saysNone = (x: string): boolean => /^[\s\u3000]*(?:[-－—―ー‐–][\s\u3000]*)?$/u.test(x);

/** Whether data states a known answer: a text that does not say none, a choice, a tick, a number. A
 * marker (原文欠落, 判読不能, 不確実) is not one: what the report says there is not known. */
export function statesKnownAnswer(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'string') return !saysNone(v);
  if (Array.isArray(v)) return v.some(statesKnownAnswer);
  if (typeof v === 'object') return !isMarker(v) && Object.values(v).some(statesKnownAnswer);
  return true;
}

/** The data at a path of a report's data (undefined where there is none). */
export const valueAt = (data: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), data);

interface KindRule {
  /** The typed value of a present, non-marker answer. */
  value(node: SchemaNode, v: unknown, ctx: ValueContext, label: string): Value;
  /** What the validator says when the answer has the wrong shape. */
  typeMessage: string;
}

const KINDS: Record<Exclude<AnswerKind, 'marker'>, KindRule> = {
  text: {
    value: (_n, v) => ({ type: 'text', text: String(v) }),
    typeMessage: 'テキスト（文字列）で書いてください。数字だけの場合は引用符「"」で囲んでください',
  },
  choice: {
    value: (n, v) => ({ type: 'choice', selected: String(v), options: choiceOptions(n), marks: resolve(n)!['x-rating'] }),
    typeMessage: '選択肢の文字列を 1 つ書いてください',
  },
  checks: {
    value: (n, v, ctx) => ({ type: 'checks', groups: checkGroups(n, Array.isArray(v) ? v : [], ctx) }),
    typeMessage: 'チェックした項目を「- 項目名」の行で並べてください',
  },
  date: {
    value: (_n, v) => ({ type: 'date', iso: String(v), wareki: toWareki(String(v)) }),
    typeMessage: '日付は YYYY-MM-DD の形式で書いてください',
  },
  flexdate: {
    value: (_n, v) => {
      if (typeof v === 'string') return { type: 'date', iso: v, wareki: toWareki(v) };
      const o = v as Record<string, string>;
      return { type: 'printed-date', text: o['表記'] ?? toWareki(o['日付'] ?? ''), iso: o['日付'] };
    },
    typeMessage: '日付は YYYY-MM-DD（または YYYY-MM）で書くか、「表記:」に原文どおり書いてください',
  },
  count: {
    value: (_n, v) => ({ type: 'count', count: Number(v) }),
    typeMessage: '件数は整数で書いてください',
  },
  switch: {
    value: (_n, v, _c, label) => ({ type: 'switch', checked: v === true, label }),
    typeMessage: 'チェックありは true、なしは false と書いてください',
  },
};

/** The validator's message for an answer of `kind` written in the wrong shape. */
export const kindTypeMessage = (kind: string | undefined): string | undefined => (kind && kind in KINDS ? KINDS[kind as keyof typeof KINDS].typeMessage : undefined);
export const ANSWER_KINDS = Object.keys(KINDS) as Exclude<AnswerKind, 'marker'>[];

/** The value of one answer, read through its schema kind. Empty → blank; a 記載状態 object → marker. */
export function valueOf(node: SchemaNode, v: unknown, ctx: ValueContext = {}, label = ''): Value {
  const r = resolve(node)!;
  if (v === null || v === undefined || v === '') return { type: 'blank' };
  if (isMarker(v)) return { type: 'marker', marker: markerOf(v) };
  const rule = r['x-kind'] && r['x-kind'] !== 'marker' ? KINDS[r['x-kind']] : KINDS.text;
  return rule.value(r, v, ctx, label);
}

/** Every official box of a checkbox item, checked or not, grouped as printed. */
function checkGroups(r: SchemaNode, picked: unknown[], ctx: ValueContext) {
  const labels = checkLabels(r);
  const countable = new Set(Object.entries(checkDetails(r)).filter(([, s]) => [s.type].flat().includes('integer')).map(([k]) => k));
  const checked = new Map<string, string | undefined>();
  for (const p of picked) {
    if (typeof p === 'string') checked.set(p, undefined);
    else if (p && typeof p === 'object') for (const [k, d] of Object.entries(p)) checked.set(k, d == null ? undefined : String(d));
  }
  // Boxes that replaced each other between form versions (4情報 → 5情報): show the one this report
  // uses, else the one its edition prints (x-edition-labels), else the first.
  const hidden = new Set<string>();
  const printed = editionLabel(r, ctx.formVersion);
  for (const alts of r['x-alternatives'] ?? []) {
    const used = alts.find((a) => checked.has(a)) ?? alts.find((a) => a === printed) ?? alts[0];
    for (const a of alts) if (a !== used) hidden.add(a);
  }
  const box = (label: string): Box => ({ label, checked: checked.has(label), detail: checked.get(label), count: countable.has(label) });
  const groups = r['x-groups'] ?? [{ options: labels }];
  return groups.map((g) => ({ title: g.title, boxes: g.options.filter((l) => !hidden.has(l)).map(box) }));
}

export const EMPTY = '(空白)';

/** A value as one line of plain text, as the page shows it: for 変更箇所 cells, CSV and comparisons. */
export function plainValue(v: Value | undefined): string {
  if (!v) return EMPTY;
  switch (v.type) {
    case 'blank': return EMPTY;
    case 'marker': return `［${v.marker.state}］${v.marker.raw ?? ''}`.trim();
    case 'text': return v.text;
    case 'choice': return v.selected;
    case 'checks': {
      const on = v.groups.flatMap((g) => g.boxes).filter((b) => b.checked)
        .map((b) => b.detail === undefined ? b.label : b.count ? `${b.label}（${b.detail}）件` : `${b.label}（${b.detail}）`);
      return on.length ? on.join('、') : 'チェックなし';
    }
    case 'date': return v.wareki;
    case 'printed-date': return v.text;
    case 'count': return `${v.count}件`;
    case 'switch': return v.checked ? `［チェックあり］${v.label}` : `［チェックなし］${v.label}`;
  }
}
