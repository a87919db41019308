// The shape of a form schema node: JSON Schema (draft-07) as schemas/*.schema.json use it, plus this
// project's `x-` annotations. Every annotation is described once here, with the modules that read it;
// the validator registers exactly these names (an unknown x- key in a schema is an error there).

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** How an answer is written and shown (common.schema.json definitions carry it; see answer-kinds.ts). */
export type AnswerKind = 'text' | 'choice' | 'checks' | 'date' | 'flexdate' | 'count' | 'switch' | 'marker';

/** Facts of the summary card, each found by the item that carries it (x-summary). */
/** providesOrTransfers: one box for both (基礎's 「提供・移転しない」): unticked, it says only that one
 * of them happens, never which. */
export type SummaryFact = 'people' | 'files' | 'entrusts' | 'provides' | 'transfers' | 'providesOrTransfers' | 'ratings' | 'records' | 'recipients';
/** x-summary: the facts an item is the source of; for a yes/no fact, the answer that means yes (an
 * option, a box label, or the switch state), else true (the answer itself is the fact). */
export type SummaryFacts = Partial<Record<SummaryFact, string | boolean>>;

/** x-edition-labels: a label an older (or newer) edition of the form prints instead of `title` (or,
 * on a checkbox item with x-alternatives, which of the alternative boxes it prints). `edition` is a
 * regular expression matched against the report's 様式版 (full-width digits read as half-width);
 * `source` says where the edition's wording is established. */
export interface EditionLabel { edition: string; label: string; source: string }

export interface SchemaNode {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  definitions?: Record<string, SchemaNode>;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
  not?: SchemaNode;
  pattern?: string;
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  uniqueItems?: boolean;
  default?: unknown;
  examples?: unknown[];

  'x-form'?: string;
  'x-form-number'?: string;
  'x-item'?: string;
  'x-kind'?: AnswerKind;
  'x-self'?: boolean;
  'x-repeat'?: string;
  'x-number'?: string;
  'x-name'?: string;
  'x-layout'?: 'table';
  'x-important'?: boolean;
  'x-significant'?: boolean;
  'x-rating'?: string[];
  'x-compare-as'?: string;
  'x-groups'?: { title?: string; options: string[] }[];
  'x-alternatives'?: string[][];
  'x-risks'?: string[];
  'x-summary'?: SummaryFacts;
  'x-edition-labels'?: EditionLabel[];
  'x-only-when'?: Record<string, string>;
  'x-not-when'?: Record<string, boolean>;
  'x-count-of'?: string;
  'x-none'?: string;
  'x-version-date'?: boolean;
  'x-not-in-every-edition'?: boolean;
  'x-only-if-written'?: boolean;
}

/** Every annotation, what it means, and who reads it. */
export const ANNOTATIONS: Record<`x-${string}` & keyof SchemaNode, { means: string; readBy: string }> = {
  'x-form': { means: 'root of a form schema: the form\'s name (様式 value) it validates', readBy: 'form/form-schema.ts (FORM_SCHEMAS is keyed by it)' },
  'x-form-number': { means: 'root of a form schema: the number of its 様式 (基礎 2, 重点 3, 全項目 4), printed in the cover\'s edition', readBy: 'content/validate.ts (様式版 messages)' },
  'x-item': { means: 'the official item number printed in the form (Ⅱ, 3, ④, 別添1, リスク2, 表紙)', readBy: 'form/form-schema.ts (describe, anchors), report/report-tree.ts (numbers, sections)' },
  'x-kind': { means: 'the kind of answer (text, choice, checks, date, flexdate, count, switch, marker)', readBy: 'form/answer-kinds.ts (value, plain text, validation message), form/classify' },
  'x-self': { means: 'the item\'s own answer inside an item that also has sub-rows (keys 選択・内容)', readBy: 'form/form-schema.ts (classify), report/report-tree.ts' },
  'x-repeat': { means: 'a repeating group of the form; the word its entries are numbered with (システム → システム1)', readBy: 'form/form-schema.ts (classify, entryNumber)' },
  'x-number': { means: 'how an entry of a repeating group is numbered when not 「<x-repeat><n>」: a template with {n}, e.g. 「({n})」', readBy: 'form/form-schema.ts (entryNumber)' },
  'x-name': { means: 'the key of an entry that names it (名称, システムの名称): shown in its heading, matched across versions', readBy: 'report/report-tree.ts, changes/report-diff.ts' },
  'x-layout': { means: '「table」: the repeating rows are printed as one table (変更箇所)', readBy: 'report/report-tree.ts (columns)' },
  'x-important': { means: '※ printed on the item: a change to it (and below it, unless a child says false) is a 重要な変更', readBy: 'report/report-tree.ts (important, significant), changes/change-rows.ts (要確認)' },
  'x-significant': { means: 'part of a ※ item kept as an item of its own (委託の有無 「（ ）件」): a change to it is a 重要な変更, but no ※ is printed on it', readBy: 'report/report-tree.ts (significant), changes/change-rows.ts (要確認)' },
  'x-rating': { means: 'on a self-rating choice: the mark of each option in option order (◎ ○ △)', readBy: 'report/comparison.ts (risk matrix), report/report-summary.ts, components' },
  'x-compare-as': { means: 'the label path a question is compared under when forms word it differently', readBy: 'report/comparison.ts' },
  'x-groups': { means: 'checkbox labels printed in titled groups (主な記録項目: 識別情報, 連絡先等情報, …)', readBy: 'form/answer-kinds.ts (checks)' },
  'x-alternatives': { means: 'checkbox labels that replaced each other between editions (4情報 / 5情報): only the one a report uses is shown', readBy: 'form/answer-kinds.ts (checks)' },
  'x-risks': { means: 'fixed headings printed under an item (全項目 Ⅲ 4\'s list of 委託 risks)', readBy: 'report/report-tree.ts' },
  'x-edition-labels': { means: 'what an edition of the form (matched against the report\'s 様式版) prints instead: the item\'s label, or which of its x-alternatives boxes; each entry names its source', readBy: 'form/editions.ts, report/report-tree.ts (labels), form/answer-kinds.ts (checks)' },
  'x-only-when': { means: 'the item is written (a repeating group with entries, a text not blank) only when a sibling item\'s answer is (or, for check boxes, ticks) the given one: 委託事項 only when 委託の有無 is 委託する. Otherwise the answers contradict each other: a note, not an error (a source may say so)', readBy: 'content/contradictions.ts' },
  'x-not-when': { means: 'the form does not ask the item (or the items of a group) when a sibling switch has the given value: a lone box beside a section heading, 「委託しない」, whose tick means the section\'s risk items are not filled in (FORMS.md). Such an item left blank is not an unanswered question; written, it contradicts the switch (a note)', readBy: 'form/form-schema.ts notAskedBy (report/report-summary.ts), content/contradictions.ts' },
  'x-count-of': { means: 'on a count: the sibling repeating group whose entries it counts (委託の件数 → 委託事項)', readBy: 'content/contradictions.ts' },
  'x-none': { means: 'on check boxes: the box that means none of the others (行っていない), never ticked with another', readBy: 'content/contradictions.ts' },
  'x-version-date': { means: 'the date a version is published (表紙 公表日): every version has its own, so a change to it is no 変更箇所 row and no line of a 新旧対照', readBy: 'changes/report-diff.ts' },
  'x-not-in-every-edition': { means: 'an item some editions of the form do not print (様式2 Ⅳ 8. 人手を介在させる作業): a report that leaves its heading out entirely does not show it, and the numbered items after it take the numbers that edition prints (one less)', readBy: 'form/form-schema.ts (leftOutByEdition, describe), report/report-tree.ts (numbers), report/comparison.ts (様式にない項目)' },
  'x-only-if-written': { means: 'a section of the report that the form has only where a report has it (別紙 attached to a report): shown only when written, never as a blank section', readBy: 'report/report-tree.ts (reportTree)' },
  'x-summary': { means: 'the item is the source of facts of the summary card (people, files, entrusts, provides, transfers, providesOrTransfers, ratings, records, recipients), with the answer that means yes', readBy: 'report/report-tree.ts (Node.facts), report/report-summary.ts' },
};
