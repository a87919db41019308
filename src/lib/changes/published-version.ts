// The newest version of a report in git history that was published (公表中, with a 公表日): what a
// draft under public comment is compared with in the 新旧対照 view.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BlobReader, repoRoot } from './git-history.ts';
import { readYaml } from '../content/yaml-source.ts';
import { notInForce } from './version-state.ts';

type Data = Record<string, unknown>;
const isPublished = (d: unknown): d is Data => !!d && typeof d === 'object' && !notInForce(d);

export async function publishedVersion(file: string): Promise<Data | undefined> {
  const dir = path.dirname(path.resolve(file));
  const root = repoRoot(dir);
  if (!root) return undefined;
  const rel = path.relative(root, path.resolve(file)).split(path.sep).join('/');
  // --follow: a report file renamed since it was published is still the same report.
  const log = spawnSync('git', ['-c', 'core.quotepath=off', 'log', '--follow', '--first-parent', '--format=%x1e%H', '--name-only', '--', rel], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (log.status !== 0) return undefined;
  const blobs = new BlobReader(root);
  try {
    for (const chunk of log.stdout.split('\x1e').filter(Boolean)) {
      const [hash, ...files] = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
      const buf = await blobs.read(`${hash}:${files[files.length - 1] ?? rel}`);
      if (!buf) continue;
      const r = readYaml(buf.toString('utf8'), { strict: false });
      if (!r.problems.length && isPublished(r.data)) return r.data;
    }
  } finally { blobs.close(); }
  return undefined;
}
