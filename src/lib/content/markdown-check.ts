// Checks a Markdown or MDX source (guides, notices) before anything renders it. Markdown is written
// by staff in pull requests and is untrusted like the YAML: only an allow-list of Markdown constructs
// and of the site's own MDX components (with literal string attributes) may reach a page. Raw HTML,
// javascript:/data: links, images from other origins, unknown components, MDX expressions and
// import/export are refused, each with one Japanese message at the parser's file:line:col.
// Pure: the caller reads the file.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkFrontmatter from 'remark-frontmatter';
import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import YAML from 'yaml';
import jsYaml from 'js-yaml';
import type { Root, Nodes } from 'mdast';
import type { Problem } from './validate.ts';
import { forbiddenCharacter, forbiddenCharacterMessage, isPlainEmail } from './value-rules.ts';

/** The site's components a guide may embed, with the attributes each takes (all literal strings). */
export const MDX_COMPONENTS: Record<string, { required: string[]; optional: string[]; description: string }> = {
  SummaryCard: { required: ['report'], optional: [], description: '評価書の概要カード（report="機関/評価書番号"）' },
  ReportItem: { required: ['report', 'item'], optional: [], description: '評価書の 1 項目（report="機関/評価書番号" item="項目のアンカー"）' },
  ComparisonExcerpt: { required: ['category', 'row'], optional: [], description: '比較表の 1 行（category="事務分類" row="比較表の行の名前"）' },
};

/** The Markdown constructs that render (everything else is refused). */
const ALLOWED = new Set([
  'root', 'yaml', 'paragraph', 'heading', 'text', 'emphasis', 'strong', 'delete', 'inlineCode', 'code', 'blockquote',
  'list', 'listItem', 'thematicBreak', 'break', 'link', 'linkReference', 'definition', 'image', 'imageReference',
  'table', 'tableRow', 'tableCell', 'footnoteDefinition', 'footnoteReference',
  'mdxJsxFlowElement', 'mdxJsxTextElement',
]);

export type MarkdownKind = 'guide' | 'notice';
export interface MarkdownCheck { problems: Problem[]; frontmatter: Record<string, unknown>; tree?: Root; embeds: Embed[];
  /** The addresses of the images it shows (those allowed: paths of this site), as written. */
  images?: string[];
  /** Where each of `images` is written. */
  imagePlaces?: { url: string; line: number; col: number }[] }
/** One embedded component, for the checks that need the content (does the report exist?). */
export interface Embed { name: string; attributes: Record<string, string>; line: number; col: number }

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Browsers ignore tabs, line breaks and leading control characters in a URL's scheme ("java\tscript:"). */
const schemeOf = (url: string) => SCHEME.exec(url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, ''))?.[1]?.toLowerCase();
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Why a link target is refused, or undefined when it may be linked. */
export function linkProblem(url: string): string | undefined {
  const scheme = schemeOf(url);
  if (scheme && !LINK_SCHEMES.has(scheme)) return `リンク先に ${scheme}: は使えません（使えるのは https:、http:、mailto: とサイト内のパスです）`;
  // A mailto: link names one plain address, as the YAML's addresses do: 「?bcc=」 would copy every
  // message a reader sends to someone the page does not show, 「,」 or 「%2C」 adds a recipient.
  if (scheme === 'mailto') {
    let address = url.slice(url.indexOf(':') + 1);
    try { address = decodeURIComponent(address); } catch { /* judged as written */ }
    if (/[?&,;]/.test(address) || address.split('@').length > 2) return 'mailto: のリンクには宛先を 1 つだけ書いてください（?cc= ?bcc= ?subject= などを付けたり、宛先を並べたりはできません）';
    if (!isPlainEmail(address)) return `mailto: の宛先${address ? `「${address}」` : 'がありません。'}${address ? 'はメールアドレスとして使えません。' : ''}半角の英数字と記号（. _ + -）のアドレスを 1 つ書いてください`;
  }
  return undefined;
}
/** Images must come from this site: a path without scheme or host. */
export function imageProblem(url: string): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (schemeOf(url) || compact.startsWith('//') || compact.startsWith('\\\\') || compact.startsWith('/\\')) {
    return '画像はこのサイトに置いたものだけを使えます（他のサイトや data: の画像は、閲覧者の情報が第三者に送られるか、内容を確かめられないため使えません）';
  }
  // (a browser reads 「\」 as 「/」, the build as a character of a name: 「\/x.png」 was published as no image)
  if (compact.includes('\\')) return '画像のパスの区切りは「/」で書いてください（「\\」は使えません。例: ./地図.png）';
  return undefined;
}

/** Parses a Markdown (.md) or MDX (.mdx) source and lists everything that may not render. */
export function checkMarkdown(file: string, text: string, { mdx = file.endsWith('.mdx'), kind = 'guide' as MarkdownKind } = {}): MarkdownCheck {
  const problems: Problem[] = [];
  const embeds: Embed[] = [];
  const images: string[] = [];
  const imagePlaces: { url: string; line: number; col: number }[] = [];
  const at = (node: { position?: { start: { line: number; column: number } } } | undefined, message: string, item = '') =>
    problems.push({ file, line: node?.position?.start.line ?? 1, col: node?.position?.start.column ?? 1, item, message });
  const limit = beyondLimits(text);
  if (limit) { problems.push({ file, ...limit, item: '' }); return { problems, frontmatter: {}, embeds }; }
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
  if (mdx) processor.use(remarkMdx);
  let tree: Root;
  try {
    tree = processor.runSync(processor.parse(text)) as Root;
  } catch (e) {
    // MDX syntax errors carry the parser's position.
    const err = e as { line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } }; reason?: string; message: string };
    const place = err.place && 'start' in err.place && err.place.start ? err.place.start : (err.place as { line?: number; column?: number } | undefined);
    // At the end of the text the parser gives no place, only "(5:1-5:6)" in its message.
    const said = /\((\d+):(\d+)-\d+:\d+\)/.exec(err.reason ?? err.message);
    const line = err.line ?? place?.line ?? (said ? Number(said[1]) : 1);
    const col = err.column ?? place?.column ?? (said ? Number(said[2]) : 1);
    problems.push({ file, line, col, item: '', message: `MDX として読めません（${err.reason ?? err.message}）` });
    return { problems, frontmatter: {}, embeds };
  }

  // The body the build renders is what its own splitter (Astro's) leaves after the front matter: a
  // line inside the front matter that starts with 「---」 or 「+++」 ends it there, and what follows,
  // checked here as front matter, would be rendered as Markdown with raw HTML. The two must agree.
  const split = splitProblem(text, tree);
  if (split) { problems.push({ file, ...split, item: '' }); return { problems, frontmatter: {}, embeds }; }

  // The characters the YAML may not hold (controls, direction overrides, zero-width characters) are
  // refused here too: on a page they reverse or hide the text around them.
  text.split('\n').forEach((lineText, i) => {
    const found = forbiddenCharacter(lineText.replace(/\r$/, ''));
    if (found) problems.push({ file, line: i + 1, col: found.position, item: '', message: forbiddenCharacterMessage(found, 'この行') });
  });
  let frontmatter: Record<string, unknown> = {};
  // Raw HTML split over one line (<b>…</b>) is one mistake: one message per line.
  const htmlLines = new Set<number>();
  const visit = (node: Nodes) => {
    if (!ALLOWED.has(node.type)) {
      if (node.type === 'html') {
        const line = node.position?.start.line ?? 1;
        if (!htmlLines.has(line)) { htmlLines.add(line); at(node, `HTML は書けません（${snippet(node.value)}）。Markdown の書式で書いてください`); }
      } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        at(node, `MDX の式 {…} は使えません（${snippet(node.value)}）。文字の { } は \\{ \\} と書きます`);
      } else if (node.type === 'mdxjsEsm') {
        at(node, 'import / export は使えません。使える部品は読み込まずに書けます');
      } else {
        at(node, `この書式（${node.type}）は使えません`);
      }
      return; // the refused node's content is not checked again
    }
    if (node.type === 'yaml') frontmatter = readFrontmatter(node, at);
    if (node.type === 'link' || node.type === 'definition') {
      const p = linkProblem(node.url);
      if (p) at(node, `${p}（${snippet(node.url)}）`);
    }
    if (node.type === 'image') {
      const p = imageProblem(node.url);
      if (p) at(node, `${p}（${snippet(node.url)}）`);
      else { images.push(node.url); imagePlaces.push({ url: node.url, line: node.position?.start.line ?? 1, col: node.position?.start.column ?? 1 }); }
    }
    if (node.type === 'imageReference') at(node, '画像は ![説明](パス) の形で書いてください（参照形式の画像は使えません）');
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const embed = checkComponent(node, at);
      if (embed) embeds.push(embed);
      return; // allowed components take no children
    }
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  visit(tree);
  if (kind === 'guide' && !problems.length && typeof frontmatter['title'] !== 'string') {
    problems.push({ file, line: 1, col: 1, item: 'title', message: '先頭の --- で囲んだ部分に title: ページの題名 を書いてください' });
  }
  return { problems, frontmatter, tree, embeds, images, imagePlaces };
}

const snippet = (s: string) => { const one = s.replace(/\s+/g, ' ').trim(); return one.length > 40 ? `${one.slice(0, 40)}…` : one; };

type At = (node: { position?: { start: { line: number; column: number } } } | undefined, message: string, item?: string) => void;

const FRONTMATTER_KEYS: Record<string, 'string' | 'number'> = { title: 'string', description: 'string', order: 'number' };
function readFrontmatter(node: { value: string; position?: { start: { line: number; column: number } } }, at: At): Record<string, unknown> {
  const doc = YAML.parseDocument(node.value, { prettyErrors: false });
  const line0 = (node.position?.start.line ?? 1) + 1; // the YAML starts after the opening ---
  const lineOf = (offset: number) => line0 + node.value.slice(0, offset).split('\n').length - 1;
  if (doc.errors.length) {
    for (const e of doc.errors.slice(0, 1)) at({ position: { start: { line: lineOf(e.pos[0]), column: 1 } } }, `先頭の設定（YAML）が読めません: ${e.message.split('\n')[0]}`);
    return {};
  }
  // The values as the build's loader reads them (Astro reads front matter with js-yaml: 「title:
  // 2025-04-01」 is a date there, not text, and 「0o17」 a number); positions from the document above.
  let data: unknown;
  try { data = jsYaml.load(node.value); } catch (e) { at(node, `先頭の設定（YAML）が読めません: ${String((e as Error).message).split('\n')[0]}`); return {}; }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) { at(node, '先頭の設定は「キー: 値」の形で書いてください'); return {}; }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const pair = YAML.isMap(doc.contents) ? doc.contents.items.find((p) => YAML.isScalar(p.key) && p.key.value === k) : undefined;
    const where = { position: { start: { line: lineOf((pair?.key as YAML.Scalar | undefined)?.range?.[0] ?? 0), column: 1 } } };
    if (!(k in FRONTMATTER_KEYS)) { at(where, `先頭の設定に使えないキー「${k}」があります（使えるもの: ${Object.keys(FRONTMATTER_KEYS).join('、')}）`, k); continue; }
    if (typeof v !== FRONTMATTER_KEYS[k]) { at(where, `「${k}」は${FRONTMATTER_KEYS[k] === 'string' ? `文字列で書いてください${v !== null && typeof v !== 'object' || v instanceof Date ? '（日付や数、yes・no のように読まれる値は、引用符「"」で囲みます）' : ''}` : '数で書いてください'}`, k); continue; }
    // (one written as such is told at its line already: here only those an escape 「\e」 makes)
    const hidden = typeof v === 'string' && !forbiddenCharacter(node.value) ? forbiddenCharacter(v) : undefined;
    if (hidden) { at(where, forbiddenCharacterMessage(hidden, `「${k}」の値`), k); continue; }
    out[k] = v;
  }
  return out;
}

function checkComponent(node: Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>, at: At): Embed | undefined {
  const name = node.name ?? '';
  const spec = MDX_COMPONENTS[name];
  if (!spec) {
    at(node, `<${name || '（断片）'}> は使えません${/^[a-z]/.test(name) ? '（HTML のタグは書けません）' : ''}。使える部品は ${Object.keys(MDX_COMPONENTS).join('、')} です`);
    return undefined;
  }
  const attributes: Record<string, string> = {};
  let bad = false;
  for (const a of node.attributes) {
    if (a.type !== 'mdxJsxAttribute') { at(node, `<${name}> の属性に式 {…} は使えません`); bad = true; continue; }
    if (![...spec.required, ...spec.optional].includes(a.name)) { at(node, `<${name}> に属性 ${a.name} はありません（${[...spec.required, ...spec.optional].join('、')}）`); bad = true; continue; }
    if (typeof a.value !== 'string') { at(node, `<${name}> の ${a.name} は "…" で囲んだ文字列で書いてください`); bad = true; continue; }
    attributes[a.name] = a.value;
  }
  for (const r of spec.required) if (!bad && !(r in attributes)) { at(node, `<${name}> には ${r}="…" が必要です（${spec.description}）`); bad = true; }
  if (!bad && node.children.length) { at(node, `<${name}> は中身を持ちません。<${name} … /> と書いてください`); bad = true; }
  if (bad) return undefined;
  return { name, attributes, line: node.position?.start.line ?? 1, col: node.position?.start.column ?? 1 };
}

/** Where the build's front-matter splitter (Astro's extractFrontmatter, as its parseFrontmatter uses it) would end the front matter other
 * than at the line remark ends it, if it would. */
function splitProblem(text: string, tree: Root): { line: number; col: number; message: string } | undefined {
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  const body = yaml?.position?.end.offset !== undefined ? text.slice(yaml.position.end.offset) : text;
  // (its split only: its parse throws on what the checks below tell in Japanese)
  const rawFrontmatter = extractFrontmatter(text) ?? '';
  const delims = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)/.exec(text)?.[1] ?? '---';
  const content = rawFrontmatter ? text.replace(`${delims}${rawFrontmatter}${delims}`, '') : text;
  // (blanks after the closing 「---」 stay on the line either splitter ends at: the same body)
  const bodyOf = (t: string) => t.replace(/^[ \t]+(?=\r?\n|$)/, '');
  if (bodyOf(content) === bodyOf(body) || (!rawFrontmatter && !yaml)) return undefined;
  // (the opening as the splitter reads it, then its front matter up to the line it ends at)
  const open = /^(?:\uFEFF?|\s*\n)(?:---|\+\+\+)/.exec(text);
  const at = open && rawFrontmatter ? text.indexOf(rawFrontmatter, open.index + open[0].length) : -1;
  const end = at < 0 ? 0 : at + rawFrontmatter.length;
  const line = text.slice(0, end).split('\n').length;
  return { line, col: 1, message: 'この行で先頭の設定（--- で囲んだ部分）が終わると読まれ、その後ろが本文として公開されます。設定の中に「---」や「+++」で始まる行を書かず、設定は「---」だけの行で始めて「---」だけの行で終えてください' };
}

/** What a guide or notice may hold at most, far above any real one (a few thousand characters, tens
 * of links): the Markdown parser's time grows faster than the text with some marks (50,000 「*」 took
 * 18 s, 200,000 「[a](」 three minutes), so a hostile source is refused before it is parsed. */
export const MARKDOWN_LIMITS = { chars: 100_000, marks: 2_000, quoteDepth: 10, indent: 80 };

function beyondLimits(text: string): { line: number; col: number; message: string } | undefined {
  if (text.length > MARKDOWN_LIMITS.chars) return { line: 1, col: 1, message: `長すぎます（${text.length.toLocaleString('en')} 文字）。ガイドやお知らせは ${MARKDOWN_LIMITS.chars.toLocaleString('en')} 文字までです。ページを分けてください` };
  for (const mark of ['*', '[', '_', '`', '~']) {
    let n = 0;
    for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) {
      if (++n > MARKDOWN_LIMITS.marks) {
        const line = text.slice(0, i).split('\n').length;
        return { line, col: i - text.lastIndexOf('\n', i - 1), message: `「${mark}」が多すぎます（${MARKDOWN_LIMITS.marks.toLocaleString('en')} 個まで）。書式の記号をこれほど使うページは、読み込みに時間がかかりすぎるため公開できません。ページを分けてください` };
      }
    }
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // (quotes and list items opened on one line, 「> > >」 or 「- - -」, nest as deep as lines indented)
    const opened = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/.exec(lines[i])?.[0].match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
    if (opened > MARKDOWN_LIMITS.quoteDepth) return { line: i + 1, col: 1, message: `引用（>）や箇条書きの入れ子が深すぎます（1 行に ${MARKDOWN_LIMITS.quoteDepth} 段まで）` };
    const indent = /^[ \t]*/.exec(lines[i])![0].replace(/\t/g, '    ').length;
    if (indent > MARKDOWN_LIMITS.indent) return { line: i + 1, col: 1, message: `字下げが深すぎます（空白 ${indent} 個。${MARKDOWN_LIMITS.indent} 個まで）。箇条書きの入れ子を浅くしてください` };
  }
  return undefined;
}
