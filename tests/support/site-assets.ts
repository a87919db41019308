// The pictures of a built site: which files below _astro/ its pages name, and a real PNG to give a
// notice (Astro reads it to make the page's image). Reads the site (I/O).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The files below _astro/ that a page of `site` names (src or href) and the site does not have. */
export function missingAssets(site: string): string[] {
  const missing = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:src|href)="\/(_astro\/[^"?#]+)"/g)) if (!fs.existsSync(path.join(site, m[1]))) missing.add(`${path.relative(site, p)}: ${m[1]}`);
    }
  };
  walk(site);
  return [...missing];
}

/** The files below _astro/ that no page of `site` names: what a reader can fetch but no page shows
 * (a picture a notice no longer shows must not stay on the site). */
export function unnamedAssets(site: string): string[] {
  const named = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:src|href)="\/(_astro\/[^"?#]+)"/g)) named.add(m[1]);
    }
  };
  walk(site);
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
