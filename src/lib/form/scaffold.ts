// Writes an empty report of a form: every item present and empty, each with its official number as a
// comment, so a clerk fills in the paper form's items in the paper form's order.
// An empty item means 「評価書で空欄」 and validates. The few items that cannot stay empty (the schema
// does not accept an empty value there) and that the command could not fill are listed at the top of
// the file and marked on their line: the scaffold validates except for exactly those items.
import { answerBranch, checkDetails, checkLabels, childSchema, choiceOptions, classify, describe, entrySchema, FORM_SCHEMAS, type FormName, itemKeys, resolve, type SchemaNode } from './form-schema.ts';

/** Said after the label of an item some editions of the form do not print (x-not-in-every-edition). */
export const EDITION_ONLY_NOTE = '（様式の版によってはない項目です。原本の様式にないときは、この見出しから下をまとめて消してください）';

export interface ScaffoldOptions {
  organisation: string;
  /** 評価書番号 as it is written into the YAML (an integer, or a quoted string). */
  number: string;
  /** 事務分類; empty when not known yet (the clerk must then fill it). */
  category: string;
  schemaPath: string;
  /** Path of the organisation file when it does not exist yet (the clerk must create it). */
  missingOrganisationFile?: string;
  /** 事務分類 already used by other reports, offered as examples. */
  categoryExamples?: string[];
}

/** An item the clerk must fill before the report validates. */
export interface FillItem {
  path: (string | number)[];
  /** Official number and label, as the validator names it (「事務分類」, 「Ⅰ 1. ① 事務の名称」). */
  item: string;
  /** 1-based line of the item in the scaffold. */
  line: number;
  /** What to write, in one line of Japanese. */
  what: string;
}

export interface Scaffold { text: string; toFill: FillItem[] }

const yamlKey = (k: string) => (/^[\w\u3000-\u9fff\uff00-\uffef（）・、。]+$/u.test(k) && !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(k) ? k : JSON.stringify(k));

/** Whether an item may be left empty (null): then an empty line means 「評価書で空欄」. */
export function acceptsEmpty(node: SchemaNode): boolean {
  const r = answerBranch(node)!;
  const types = r.type === undefined ? [] : ([] as string[]).concat(r.type);
  return types.includes('null') || (Array.isArray(r.enum) && r.enum.includes(null));
}

/** The official options of a choice or checkbox item, for its comment (the clerk copies one). */
export function optionsNote(node: SchemaNode): string {
  const kind = resolve(node)?.['x-kind'];
  if (kind === 'choice') return ` ＜選択肢＞ ${choiceOptions(node).join(' / ')}`;
  if (kind === 'checks') {
    const details = new Set(Object.keys(checkDetails(node)));
    return ` ＜チェック欄: 該当を「- 」で並べる＞ ${checkLabels(node).map((l) => (details.has(l) ? `${l}: 内容` : l)).join(' / ')}`;
  }
  if (kind === 'switch') return ' ＜チェックあり true / なし false＞';
  return '';
}

/** The first lines of the scaffold: what it is and, numbered, what must be filled before it validates. */
function header(form: FormName, o: ScaffoldOptions, fill: Omit<FillItem, 'line'>[], lineOf: (i: number) => number): string[] {
  const out = [
    `# yaml-language-server: $schema=${o.schemaPath}`,
    `# ${form}の雛形（npm run new で作成）。各行の # の後ろは様式の項目番号と項目名です。`,
    '#',
  ];
  if (fill.length) {
    out.push(`# ■ 必ず記入するもの（${fill.length} 件）: 記入するまで npm run validate が誤りとして示します。`);
    fill.forEach((f, i) => out.push(`#   - ${f.item}（${lineOf(i)} 行目）: ${f.what}`));
  } else {
    out.push('# ■ 必ず記入するもの: ありません（このままでも npm run validate を通ります）。');
  }
  out.push(
    '#',
    '# ■ そのほかの項目は、紙の評価書を見ながら様式の順に記入します。',
    '#   空のままの項目は「評価書で空欄」として扱われます。原文欠落・判読不能・不確実の書き方、',
    '#   選択肢・チェック欄・日付の書き方は docs/content-format.md と CONTRIBUTING.md にあります。',
    '#   繰り返し項目（システム、特定個人情報ファイル、委託事項など）は「- 」で始まるまとまりを',
    '#   複写して増やします。公表日は公表する日に記入します（案の間は空欄）。',
    '#',
    '# ■ 選択肢の項目は、行末の「＜選択肢＞」から 1 つを「:」の後に書きます（例: 対象人数: 1万人以上10万人未満）。',
    '#   チェック欄の項目は、チェックした欄を「＜チェック欄＞」から選び、1 行に 1 つ「- 」で書きます:',
    '#     他のシステムとの接続:',
    '#       - 庁内連携システム',
    '#       - その他: 〇〇システム',
    '#',
    '# ■ 何も記入していない雛形はサイトに公開されません（npm run build がその旨を表示します）。',
  );
  return out;
}

export function scaffoldReport(form: FormName, o: ScaffoldOptions): Scaffold {
  const root = FORM_SCHEMAS[form].schema;
  const required = new Set<string>(resolve(root)!.required ?? []);
  const body: string[] = [];
  const fill: (Omit<FillItem, 'line'> & { bodyLine: number })[] = [];
  const meta: Record<string, string> = { 様式: form, 事務分類: o.category, 評価実施機関: o.organisation };
  const emit = (node: SchemaNode, path: (string | number)[], indent: string, firstPrefix?: string) => {
    let first = true;
    for (const key of itemKeys(node)) {
      // Optional top-level keys (様式版, 転記注記, and the site's own fields) are not items of the form.
      // 様式版 is offered, blank: what edition a report prints is kept only if the clerk writes it.
      if (path.length === 0 && !required.has(key) && key !== '様式版') continue;
      const child = childSchema(node, key)!;
      const prefix = first && firstPrefix !== undefined ? firstPrefix : indent;
      first = false;
      const p = [...path, key];
      const label = describe(root, p);
      const leaf = (value: string) => {
        const empty = value === '';
        // One space before the comment: the editor completes the options right after 「key: 」 then.
        const note = `${empty ? ' ' : '  '}# ${label}${resolve(child)?.['x-not-in-every-edition'] ? EDITION_ONLY_NOTE : ''}${empty ? optionsNote(child) : ''}${path.length === 0 && key === '様式版' ? `: ${resolve(child)!.description}。印字がなければ空欄のまま` : ''}`;
        let mark = '';
        if (empty && !acceptsEmpty(child)) {
          const r = resolve(child)!;
          const what = key === '事務分類'
            ? `${r.description ?? '比較表でまとめる事務の分類'}` + (o.categoryExamples?.length ? `。既にある分類: ${o.categoryExamples.join('、')}` : '')
            : r.description ?? '記入してください（空欄にはできません）';
          fill.push({ path: p, item: label, what, bodyLine: body.length });
          mark = '  ← 必ず記入';
        } else if (path.length === 0 && key === '評価実施機関' && o.missingOrganisationFile) {
          fill.push({ path: p, item: label, what: `機関ファイル ${o.missingOrganisationFile} を作る（名称・種別・団体名。地方公共団体は都道府県・全国地方公共団体コードも）`, bodyLine: body.length });
          mark = '  ← 機関ファイルを作る';
        }
        body.push(`${prefix}${yamlKey(key)}:${empty ? '' : ` ${value}`}${note}${mark}`);
      };
      if (path.length === 0 && key in meta) { leaf(meta[key]); continue; }
      if (path.length === 1 && key === '評価書番号') { leaf(o.number); continue; }
      const r = resolve(child)!;
      // (an item some editions of the form do not print: the clerk of such an edition deletes it whole)
      const note = `  # ${label}${r['x-not-in-every-edition'] ? EDITION_ONLY_NOTE : ''}`;
      const cls = classify(r);
      if (cls === 'group') {
        body.push(`${prefix}${yamlKey(key)}:${note}`);
        emit(r, p, indent + '  ');
      } else if (cls === 'repeat') {
        const item = entrySchema(r);
        if (key === '変更箇所' || !item || !resolve(item)?.properties) { body.push(`${prefix}${yamlKey(key)}: []${note}`); continue; }
        body.push(`${prefix}${yamlKey(key)}:${note}`);
        emit(item, [...p, 0], indent + '    ', indent + '  - ');
      } else {
        leaf('');
      }
    }
  };
  emit(root, [], '');
  // The header's length depends only on how many items are listed, so line numbers are known up front.
  const headerLength = header(form, o, fill, () => 0).length;
  const toFill = fill.map(({ bodyLine, ...f }) => ({ ...f, line: headerLength + bodyLine + 1 }));
  const head = header(form, o, toFill, (i) => toFill[i].line);
  return { text: [...head, ...body].join('\n') + '\n', toFill };
}

// A note as compared: which number an entry has and the blanks do not count (a clerk who copies
// 「システム1」's lines for a second system keeps their notes).
// (a number stands in for any number, but stays a word: 「表紙 評価書番号 13」 is the label and a value)
const noteKey = (note: string) => note.replace(/[0-9０-９]+/g, '0').replace(/\s+/g, ' ').trim();
// (the label: the note before its ＜選択肢＞ and its 「← 必ず記入」)
const labelKey = (note: string) => noteKey(note.split(/ ＜|(?<!\s)\s+←/)[0]);
let scaffoldNotes: { whole: Set<string>; labels: Set<string>; longest: number } | undefined;

/**
 * What the text of a comment after a key (after its 「#」) is to `npm run new`:
 * - 'whole': the note it writes after that line's key, as it wrote it (「Ⅰ 1. ③ 対象人数 ＜選択肢＞ …」,
 *   「← 必ず記入」 included);
 * - 'label': that note's label alone;
 * - 'label+options': that label with its options or mark changed or cut;
 * - 'label+text': a label with other words after it (a value typed after the label);
 * - undefined: any other comment.
 * The notes of every form, read from the scaffolds themselves so that they are what a clerk was given.
 */
export function scaffoldNote(comment: string): 'whole' | 'label' | 'label+options' | 'label+text' | undefined {
  if (!scaffoldNotes) {
    // (the scaffolds npm run new writes: with its own fields given or not, its organisation file there or not)
    const made: ScaffoldOptions[] = [{ organisation: 'x', number: '1', category: 'x', schemaPath: 'x' }, { organisation: '', number: '', category: '', schemaPath: 'x' }, { organisation: 'x', number: '1', category: '', schemaPath: 'x', missingOrganisationFile: 'x' }];
    const notes = (Object.keys(FORM_SCHEMAS) as FormName[]).flatMap((form) => made.flatMap((o) => scaffoldReport(form, o).text.split('\n')
      .map((line) => /^\s*(?:- )?[^#\s][^:]*:[^#]*#(.*)$/.exec(line)?.[1]).filter((n): n is string => n !== undefined)));
    const labels = new Set(notes.map(labelKey));
    scaffoldNotes = { whole: new Set(notes.map(noteKey)), labels, longest: Math.max(...[...labels].map((l) => l.split(' ').length)) };
  }
  if (scaffoldNotes.whole.has(noteKey(comment))) return 'whole';
  if (scaffoldNotes.labels.has(labelKey(comment))) return labelKey(comment) === noteKey(comment) ? 'label' : 'label+options';
  const words = labelKey(comment).split(' ');
  // (a label has at most `longest` words: a comment of thousands of words is not joined thousands of times)
  for (let n = Math.min(words.length - 1, scaffoldNotes.longest); n > 0; n--) if (scaffoldNotes.labels.has(words.slice(0, n).join(' '))) return 'label+text';
  return undefined;
}

/** Keys `npm run new` fills itself: a report with nothing else written is an untouched scaffold. */
const SCAFFOLD_KEYS = new Set(['様式', '様式版', '事務分類', '評価実施機関', '公開状態', '転記注記', '変更箇所']);

/**
 * Whether a report holds nothing but what `npm run new` wrote: every item of the form empty. Such a
 * report is not published (its summary would read 提供 なし / 移転 なし, which nobody stated); it
 * is published as soon as any item is written, a draft (案) until its 公表日 is.
 */
export function isUnfilled(data: Record<string, unknown>): boolean {
  const stated = (v: unknown, top: boolean): boolean => {
    if (v === null || v === undefined || v === '') return false;
    if (Array.isArray(v)) return v.some((x) => stated(x, false));
    if (typeof v === 'object') {
      return Object.entries(v as Record<string, unknown>).some(([k, x]) => !(top && SCAFFOLD_KEYS.has(k)) && k !== '評価書番号' && stated(x, false));
    }
    return true;
  };
  return !stated(data, true);
}

/** The line build and validate print for a report that is not published yet. */
export const unfilledNotice = (file: string) => `${file}: 項目がまだ 1 つも記入されていない雛形のため、サイトには公開しません（評価書名などを記入すると案として公開されます）`;
