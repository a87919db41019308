// Where the Markdown sources live and checking all of them (reads files): guides in content/guides/
// (.md, or .mdx when they embed a live part of the site), an organisation's notice beside its YAML
// (content/organisations/<id>.md) and a report's 意見募集 notice beside the report
// (content/reports/<org>/<file>.notice.md). Every one passes markdown-check.ts before a page shows it.
import fs from 'node:fs';
import path from 'node:path';
import { checkMarkdown, type MarkdownCheck } from './markdown-check.ts';
import { ContentFileError, GUIDE_FILE, GUIDES_DIR, markdownRoot, ORGANISATIONS_DIR, readContentFile } from './content-files.ts';
import { MAX_FILE_BYTES, sizeProblem, type Problem } from './validate.ts';
import { decodeUtf8 } from './yaml-source.ts';

export type MarkdownSourceKind = 'guide' | 'organisation-notice' | 'report-notice';
// Listing them needs no Markdown parser: content-files.ts (npm run validate loads this module only when there is Markdown).
export { GUIDES_DIR, listMarkdown } from './content-files.ts';

export function markdownKindOf(file: string): MarkdownSourceKind {
  const parts = file.split(/[\\/]/);
  if (parts.includes(GUIDES_DIR)) return 'guide';
  return parts.includes(ORGANISATIONS_DIR) ? 'organisation-notice' : 'report-notice';
}

/** The YAML file a notice belongs to (organisation or report), which must exist. */
export function ownerOf(file: string): string | undefined {
  const kind = markdownKindOf(file);
  if (kind === 'organisation-notice') return file.replace(/\.md$/, '.yaml');
  if (kind === 'report-notice') return file.replace(/\.notice\.md$/, '.yaml');
  return undefined;
}

/** Reads and checks one source; problems carry file:line:col. */
export function checkMarkdownFile(file: string): MarkdownCheck {
  const problem = (message: string): MarkdownCheck => ({ problems: [{ file, line: 1, col: 1, item: '', message }], frontmatter: {}, embeds: [] });
  const kind = markdownKindOf(file);
  // A guide's name is its page's URL: a name that a URL cannot carry (「?」「#」, dots only) would
  // leave a menu link to no page.
  if (kind === 'guide' && !GUIDE_FILE.test(path.basename(file))) return problem('ガイドのファイルの名前は、半角英数字とハイフンに .md（または .mdx）を付けたものにしてください（例: about.md）。この名前がページの URL（/guides/<名前>/）になります');
  let bytes: Buffer;
  try {
    // Read as the YAML is: no symbolic link, nothing outside the content folder (the build's loader
    // would follow a link to any file of the machine and publish it).
    bytes = readContentFile(file, markdownRoot(file), MAX_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof ContentFileError)) throw e;
    return e.size !== undefined ? { problems: [sizeProblem(file, e.size)!], frontmatter: {}, embeds: [] } : problem(e.message);
  }
  const decoded = decodeUtf8(bytes);
  if ('problem' in decoded) return { problems: [{ ...decoded.problem, file, item: '' }], frontmatter: {}, embeds: [] };
  const result = checkMarkdown(file, decoded.text, { kind: kind === 'guide' ? 'guide' : 'notice' });
  // An image is a file of the content beside the source: one that is not there stopped the build
  // with an English error, and one outside the content folder would be published from anywhere.
  const root = fs.realpathSync(markdownRoot(file));
  for (const { url, line, col } of result.imagePlaces ?? []) {
    const [image] = localImageFiles(file, [url]);
    if (!image) continue;
    let st: fs.Stats | undefined;
    try { st = fs.lstatSync(image); } catch { /* not there */ }
    const message = st?.isSymbolicLink() ? `画像 ${url} はシンボリックリンクです。画像そのものを content/ の中に置いてください`
      : !st?.isFile() ? `画像 ${url} がありません。このファイルからの相対パスで、content/ の中に置いたファイルを書いてください（例: ./地図.png）`
      : !fs.realpathSync(image).startsWith(root + path.sep) ? `画像 ${url} は content/ の外にあります。画像は content/ の中に置いてください`
        : imageKindProblem(image, url);
    if (message) result.problems.push({ file, line, col, item: '', message });
  }
  const owner = ownerOf(file);
  if (owner && !fs.existsSync(owner) && !fs.existsSync(owner.replace(/\.yaml$/, '.yml'))) {
    result.problems.push({ file, line: 1, col: 1, item: '', message: `お知らせの対象の ${owner} がありません（お知らせは${kind === 'organisation-notice' ? '機関' : '評価書'}の YAML と同じ名前で、同じフォルダに置きます）` });
  }
  return result;
}

/** Pictures the site publishes: formats that are pictures only. An SVG is a document that can hold
 * scripts, which run on the site's own address when it is opened (the build copies it as it is). */
const RASTER: [string, (b: Buffer) => boolean][] = [
  ['PNG', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['JPEG', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['GIF', (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1'))],
  ['WebP', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
  ['AVIF', (b) => b.subarray(4, 12).toString('latin1') === 'ftypavif'],
];
const RASTER_EXT = /\.(png|jpe?g|gif|webp|avif)$/i;
/** Why an image file may not be published (its name's ending or its bytes are no picture format), if so. Reads the file. */
function imageKindProblem(image: string, url: string): string | undefined {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(image, 'r');
  try { fs.readSync(fd, head, 0, 16, 0); } finally { fs.closeSync(fd); }
  const kind = RASTER.find(([, is]) => is(head))?.[0];
  if (RASTER_EXT.test(image) && kind) return undefined;
  return `画像 ${url} は使えない形式です。写真や図は PNG・JPEG・GIF・WebP・AVIF の画像にしてください（SVG など、中に命令を書ける形式は、開いた人の画面でその命令が動くため使えません）`;
}

/** The files of the content that a source's images name (`![説明](./地図.png)`: a path relative to the
 * source, as Astro resolves it when it renders the page), as absolute paths. Paths from the site's root
 * (`/…`) name files of public/, which are part of the code. Pure. */
export function localImageFiles(file: string, urls: string[]): string[] {
  const files = new Set<string>();
  for (const url of urls) {
    const bare = url.replace(/[?#].*$/s, '');
    if (!bare || bare.startsWith('/')) continue;
    let decoded = bare;
    try { decoded = decodeURIComponent(bare); } catch { /* named as written */ }
    files.add(path.resolve(path.dirname(file), decoded));
  }
  return [...files].sort();
}

/** Checks every given Markdown source; with the content's report ids, also that embeds name real reports.
 * `embedded` collects the report ids embeds name (a guide that shows a report's item depends on that
 * report's whole data: scripts/build.ts); `images`, for each source (by absolute path) that shows
 * images, the files they are (localImageFiles: a page changes when one of them does). */
export function checkMarkdownFiles(files: string[], { reports, embedded, images, itemExists }: { reports?: Set<string>; embedded?: Set<string>; images?: Map<string, string[]>; /** whether a report has an item of that anchor (site/embed-items.ts: content/ reads no report trees) */ itemExists?: (reportId: string, anchor: string) => boolean } = {}): Problem[] {
  // Two guides of one name (about.md and about.mdx) would be one page: the second one shown is the other's.
  const guidePages = new Map<string, string>();
  return files.flatMap((f) => {
    const { problems, embeds, images: urls } = checkMarkdownFile(f);
    if (markdownKindOf(f) === 'guide') {
      const page = path.join(path.dirname(f), path.basename(f).replace(/\.mdx?$/, '')).toLowerCase();
      const first = guidePages.get(page);
      if (first) problems.unshift({ file: f, line: 1, col: 1, item: '', message: `${path.basename(first)} と同じページ（/guides/${path.basename(page)}/）になります。ガイドは 1 つのページに 1 つのファイルです。どちらかの名前を変えるか、1 つにまとめてください` });
      else guidePages.set(page, f);
    }
    if (images && urls?.length) images.set(path.resolve(f), localImageFiles(f, urls));
    for (const e of embeds) if (e.attributes['report'] !== undefined) embedded?.add(e.attributes['report']);
    if (reports) {
      for (const e of embeds) {
        const id = e.attributes['report'];
        if (id !== undefined && !reports.has(id)) problems.push({ file: f, line: e.line, col: e.col, item: e.name, message: `埋め込む評価書 ${id} がありません（report="機関/評価書番号"${reports.size ? `、例: ${[...reports][0]}` : ''}）` });
        // (an item the report does not have stopped the build, naming the page rather than this line)
        else if (id !== undefined && e.attributes['item'] !== undefined && itemExists && !itemExists(id, e.attributes['item'])) problems.push({ file: f, line: e.line, col: e.col, item: e.name, message: `評価書 ${id} に項目「${e.attributes['item']}」がありません（item には評価書のページの項目のアンカー、リンクの # の後ろを書きます。例: Ⅰ-1-③）` });
      }
    }
    return problems;
  });
}
