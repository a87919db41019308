// Which shard builds which report. A shard gets whole organisations (so an organisation's reports, and
// the check that two of them do not print the same 評価書番号, stay in one shard); organisations are
// handed out largest first, each to the shard with the fewest reports so far (ties: the lower shard),
// in an order fixed by a digest of the organisation id. Every shard computes the same plan from the
// list of report files alone (no file needs to be read). Pure.
import crypto from 'node:crypto';

export interface ShardSpec { index: number; count: number }

/** "k/N" (1 ≤ k ≤ N) as a shard, or a Japanese message saying what is wrong. */
export function parseShard(text: string): ShardSpec | { problem: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) return { problem: `--shard「${text}」は「番号/総数」（例: --shard 2/5、番号は 1 から総数まで）で指定してください。` };
  return { index: k, count: n };
}

const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The shard (1…count) of each report id ("<機関ID>/<name>"). */
export function assignShards(reportIds: Iterable<string>, count: number): Map<string, number> {
  const byOrg = new Map<string, string[]>();
  for (const id of reportIds) {
    const org = id.slice(0, id.indexOf('/'));
    byOrg.set(org, [...(byOrg.get(org) ?? []), id]);
  }
  const orgs = [...byOrg.entries()].map(([org, ids]) => ({ org, ids, order: digest(org) }))
    .sort((a, b) => b.ids.length - a.ids.length || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const load = Array.from({ length: count }, () => 0);
  const out = new Map<string, number>();
  for (const { ids } of orgs) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    load[best] += ids.length;
    for (const id of ids) out.set(id, best + 1);
  }
  return out;
}
