// Which shard builds which report: by search part (see assignShards). Every shard computes the same plan
// from the list of report files alone (no file needs to be read). Checks across files (two reports of
// one organisation printing the same 評価書番号) are made by the aggregate step, which validates all. Pure.
import { partOf } from '../site/search-index.ts';

export interface ShardSpec { index: number; count: number }

/** "k/N" (1 ≤ k ≤ N) as a shard, or a Japanese message saying what is wrong. */
export function parseShard(text: string): ShardSpec | { problem: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) return { problem: `--shard「${text}」は「番号/総数」（例: --shard 2/5、番号は 1 から総数まで）で指定してください。` };
  return { index: k, count: n };
}


/** The shard (1…count) of each report id ("<機関ID>/<name>"). A shard gets whole search parts (the
 * part of a report's page is fixed by its path, search-index.ts partOf, over `parts` parts): each shard
 * then indexes whole parts, and the sharded site's search bundles are byte for byte those of a single
 * build. Parts go largest first to the shard with the fewest reports so far (ties: the lower shard). */
export function assignShards(reportIds: Iterable<string>, count: number, parts: number): Map<string, number> {
  const byPart = new Map<number, string[]>();
  for (const id of reportIds) {
    const part = partOf(reportPage(id), parts);
    byPart.set(part, [...(byPart.get(part) ?? []), id]);
  }
  const order = [...byPart.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const load = Array.from({ length: count }, () => 0);
  const out = new Map<string, number>();
  for (const [, ids] of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    load[best] += ids.length;
    for (const id of ids) out.set(id, best + 1);
  }
  return out;
}

/** The number of search parts of a build split into `shards` shards: the single build's `parts`, rounded
 * up to a multiple of the shard count when the site has more than one part, so that assignShards can
 * give every shard an equal share (40,000 reports in 32 parts on 20 shards gave twelve shards two parts
 * and eight one: the slowest shard did a quarter more than its share). The site is then split more finely
 * than a single build would split it; its search finds the same pages. */
export function shardedPartCount(parts: number, shards: number): number {
  return parts <= 1 || shards <= 1 ? parts : Math.ceil(parts / shards) * shards;
}

/** The searchable page of a report in the built site (its URL below /reports/). */
export const reportPage = (id: string) => `reports/${id}/index.html`;
