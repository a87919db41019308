// A small static file server over a built site, for browser tests (loopback only).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.yaml': 'application/yaml; charset=utf-8', '.xml': 'application/xml', '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

export async function serve(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // one byte range, as static hosts serve it (the search page reads excerpt chunks by ranges)
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const size = fs.statSync(file).size;
    if (range && Number(range[1]) <= Number(range[2]) && Number(range[2]) < size) {
      res.writeHead(206, { 'content-type': type, 'content-range': `bytes ${range[1]}-${range[2]}/${size}` });
      fs.createReadStream(file, { start: Number(range[1]), end: Number(range[2]) }).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
