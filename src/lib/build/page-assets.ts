// Which files below _astro/ (styles, pictures of notices) a built page names: a build that takes a page
// from the previous site carries these files with it, and publishes no file of _astro/ that no page
// names (scripts/build.ts). The page is searched as bytes, not parsed: a national site's comparison
// pages are hundreds of MB. Pure.
import { Parser } from 'htmlparser2';

const MARKER = Buffer.from('/_astro/');
// A name ends at the end of a double-quoted attribute, of a single-quoted string or at white space
// (Astro writes & ' " < > as entities in attributes); after its entities are decoded, at a query or
// fragment. ")" and "&" may be part of a name (Astro keeps them) or end it (url(…), a parameter):
// both readings are tried, the longest that names an existing file first.
const ENDS = new Set([...'"\'<> \t\n\r'].map((c) => c.charCodeAt(0)));

/** The files below _astro/ that `page` names (relative to the site, as `_astro/<name>`), among those
 * `exists` accepts (text of a page can name anything: only real files count). */
export function assetsNamedIn(page: Uint8Array, exists: (asset: string) => boolean): string[] {
  const bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  const found = new Set<string>();
  for (let at = bytes.indexOf(MARKER); at >= 0; at = bytes.indexOf(MARKER, at + MARKER.length)) {
    let end = at + MARKER.length;
    while (end < bytes.length && !ENDS.has(bytes[end])) end++;
    const text = attributeText(bytes.toString('utf8', at + 1, end)).replace(/[?#].*$/s, '');
    const cuts = [text.length, ...[...text.matchAll(/[)&]/g)].map((m) => m.index!).reverse()];
    for (const cut of cuts) {
      const asset = decodedPath(text.slice(0, cut));
      if (found.has(asset)) break;
      if (exists(asset)) { found.add(asset); break; }
    }
  }
  return [...found].sort();
}

/** An attribute's text as written in HTML, its entities decoded (by htmlparser2, as a browser does). */
function attributeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  let value = raw;
  const parser = new Parser({ onattribute: (_name, v) => { value = v; } }, { decodeEntities: true });
  parser.end(`<a v="${raw}">`);
  return value;
}

function decodedPath(s: string): string { try { return decodeURIComponent(s); } catch { return s; } }
