// The worker thread of BlobVersions.parseInWorker (blob-changes.ts): reads the versions (git blobs)
// it is asked for with one `git cat-file --batch`, parses them, and posts back each one's data in V8's
// serialisation piece by piece (or its first YAML problem), in the order asked. Does I/O (git).
import crypto from 'node:crypto';
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { enableCompileCache } from '../content/cache-store.ts';
import type { SentPiece } from './blob-changes.ts';

enableCompileCache();
const { BlobReader } = await import('./git-history.ts');
const { parseVersion } = await import('./blob-changes.ts');
const { fastYamlTree } = await import('../content/yaml-fast.ts');
const { normaliseLineEnds } = await import('../content/yaml-source.ts');
type PieceReader<T> = import('../content/yaml-fast.ts').PieceReader<T>;
type BlockRead<T> = import('../content/yaml-fast.ts').BlockRead<T>;

/** A piece of a version's data while it is read here: its value's bytes, or the pieces it is made of. */
type Piece = [digest: string, bytes: Uint8Array, object: boolean] | [digest: string, kind: 'map', entries: [string, Piece][]] | [digest: string, kind: 'seq', items: Piece[]];
const sha256 = (x: string | Uint8Array) => crypto.createHash('sha256').update(x).digest('hex');
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const whole = (value: unknown): Piece => { const bytes = v8.serialize(value); return [sha256(bytes), bytes, !!value && typeof value === 'object']; };

// The blocks read lately, by their text and whether they are an entry of a sequence: a block seen
// before is neither parsed nor serialised again. They are found by their length (hashing a whole
// block cost more than comparing it), then compared whole, newest first. A report's blocks are met
// again at its next version. Kept in two generations (a block used in the older one moves to the
// newer; when the newer one is full, the older one is dropped), which bounds the characters kept
// (roughly: what was read from them is not counted) without reordering one large map on every use.
// A block is kept as a copy, a string V8 makes flat anew (' ' + block, then sliced): a slice of the
// version would keep its whole text alive.
type Kept = { block: string; read: BlockRead<Piece> };
type Generation = { groups: Map<number, Kept[]>; chars: number };
const GENERATION_CHARS = 16 * 1024 * 1024;
/** Blocks kept under one length (versions of one block edited in place, and other blocks that happen to be as long). */
const PER_PRINT = 16;
let young: Generation = { groups: new Map(), chars: 0 };
let old: Generation = { groups: new Map(), chars: 0 };
const fingerprint = (block: string, element: boolean) => (element ? -block.length - 1 : block.length);
function keep(print: number, k: Kept) {
  let group = young.groups.get(print);
  if (!group) young.groups.set(print, (group = []));
  group.push(k);
  young.chars += k.block.length;
  if (group.length > PER_PRINT) young.chars -= group.shift()!.block.length;
  if (young.chars > GENERATION_CHARS) { old = young; young = { groups: new Map(), chars: 0 }; }
}
const find = (group: Kept[] | undefined, block: string) => {
  for (let i = (group?.length ?? 0) - 1; i >= 0; i--) if (group![i].block === block) return group![i];
  return undefined;
};
const pieces: PieceReader<Piece> = {
  leaf: whole,
  map: (entries) => [sha256(JSON.stringify(['map', entries.map(([k, p]) => [k, p[0]])])), 'map', entries],
  seq: (items) => [sha256(JSON.stringify(['seq', items.map((p) => p[0])])), 'seq', items],
  recall(block, element) {
    const print = fingerprint(block, element);
    const hit = find(young.groups.get(print), block);
    if (hit) return hit.read;
    const older = find(old.groups.get(print), block);
    if (older) keep(print, older);
    return older?.read;
  },
  remember(block, element, r) {
    keep(fingerprint(block, element), { block: (' ' + block).slice(1), read: r });
  },
};

// The digests of the pieces sent lately: such a piece is sent as its digest alone, since the main
// thread still holds its value (the last version of every report is kept there). When it does not,
// it asks for the version again in full (blob-changes.ts ParseWorker). Scalars are always sent: the
// main thread keeps values by weak references, which only objects can have.
const sentLately = new Set<string>();
const SENT_KEPT = 200_000;

/** Posts a version's top-level items, with the bytes of all its pieces read whole in one buffer
 * (handed over, not copied again): a piece sent is [digest, offset, length] into it, or [digest]
 * for a piece sent lately (unless `full`). */
function post(sha: string, sections: [string, Piece][], full = false) {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const sent = (p: Piece): SentPiece => {
    const isLeaf = typeof p[1] !== 'string';
    if (!isLeaf || p[2]) {
      if (!full && sentLately.has(p[0])) return [p[0]];
      if (sentLately.size >= SENT_KEPT) sentLately.clear();
      sentLately.add(p[0]);
    }
    if (isLeaf) { const bytes = p[1] as Uint8Array; chunks.push(bytes); offset += bytes.length; return [p[0], offset - bytes.length, bytes.length]; }
    return p[1] === 'map' ? [p[0], 'map', (p[2] as [string, Piece][]).map(([k, c]) => [k, sent(c)])] : [p[0], 'seq', (p[2] as Piece[]).map(sent)];
  };
  const items = sections.map(([key, p]): [string, SentPiece] => [key, sent(p)]);
  const bytes = new Uint8Array(offset);
  offset = 0;
  for (const c of chunks) { bytes.set(c, offset); offset += c.length; }
  parentPort!.postMessage({ sha, sections: items, bytes }, [bytes.buffer]);
}

const blobs = new BlobReader((workerData as { cwd: string }).cwd);
let queue = Promise.resolve();
// A message: a version's blob to read, or { sha, full: true } for one whose pieces must all be sent.
parentPort!.on('message', (m: string | { sha: string; full: true }) => {
  const [sha, full] = typeof m === 'string' ? [m, false] : [m.sha, m.full];
  const buf = blobs.read(sha);
  // Results go back in the order asked, whatever the order the parsing ends in.
  queue = queue.then(async () => {
    const b = await buf;
    if (!b) { parentPort!.postMessage({ sha, missing: true }); return; }
    // The same text as parseVersion reads; its UTF-8 length is the blob's when nothing was taken out.
    const decoded = b.toString('utf8');
    const text = normaliseLineEnds(decoded.replace(/^\uFEFF/, ''));
    const sections = fastYamlTree(text, pieces, text === decoded ? b.length : undefined);
    if (sections) { post(sha, sections, full); return; }
    const r = parseVersion(b);
    if ('error' in r) parentPort!.postMessage({ sha, error: r.error });
    else if (isPlainObject(r.data)) post(sha, Object.entries(r.data).map(([key, value]) => [key, whole(value)]), full);
    else parentPort!.postMessage({ sha, data: v8.serialize(r.data) });
  // An unexpected failure ends the thread (the main thread's error handler fails every waiting read),
  // rather than leaving the queue stopped and every later read waiting for ever.
  }).catch((e) => { setImmediate(() => { throw e; }); });
});
