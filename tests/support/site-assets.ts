// The pictures of a built site: which files below _astro/ its pages name, and a real PNG to give a
// notice (Astro reads it to make the page's image). Reads the site (I/O).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Parser } from 'htmlparser2';

/** The files below _astro/ that each page of `site` names in a src or href (read by an HTML parser:
 * entities and percent-encoding decoded, as a browser reads them), by page. */
function namedByPage(site: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const names: string[] = [];
        const parser = new Parser({ onopentag: (_tag, attributes) => {
          for (const a of ['src', 'href']) {
            const m = /^\/(_astro\/[^?#]+)/.exec(attributes[a] ?? '');
            if (m) names.push(decodeURIComponent(m[1]));
          }
        } }, { decodeEntities: true });
        parser.end(fs.readFileSync(p, 'utf8'));
        out.set(path.relative(site, p), names);
      }
    }
  };
  walk(site);
  return out;
}

/** The files below _astro/ that a page of `site` names (src or href) and the site does not have. */
export function missingAssets(site: string): string[] {
  return [...namedByPage(site)].flatMap(([page, names]) => names.filter((n) => !fs.existsSync(path.join(site, n))).map((n) => `${page}: ${n}`));
}

/** The files below _astro/ that no page of `site` names: what a reader can fetch but no page shows
 * (a picture a notice no longer shows must not stay on the site). */
export function unnamedAssets(site: string): string[] {
  const named = new Set([...namedByPage(site).values()].flat());
  const assets = path.join(site, '_astro');
  return fs.existsSync(assets) ? fs.readdirSync(assets).map((n) => `_astro/${n}`).filter((a) => !named.has(a)) : [];
}

/** A PNG of one colour (RGB, 8 bits), made here: the test needs a real picture Astro can read. */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + body.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body) >>> 0, 4 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2; // 8 bits, truecolour
  const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, () => Buffer.from(rgb))]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))), chunk('IEND', Buffer.alloc(0))]);
}
