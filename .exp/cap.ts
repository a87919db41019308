import fs from 'node:fs';
import { preparePage } from '../src/lib/site/search-index.ts';
for (const f of ['kumamoto-shi/1', 'kawasaki-shi/16', 'matsusaka-shi/8']) {
  const p = preparePage(fs.readFileSync(`/work/main/dist/reports/${f}/index.html`, 'utf8'))!;
  const text = p.replace(/<span data-pagefind-ignore>.*?<\/span>/g, ' ').replace(/<[^>]+>/g, ' ');
  const words = text.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}_]/gu, '').toLowerCase()).filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w, c]) => `${w}:${c}`).join(' ');
  const capped = (k: number) => [...counts.values()].reduce((a, c) => a + Math.min(c, k), 0);
  console.log(f, 'words', words.length, 'distinct', counts.size, 'K1', capped(1), 'K4', capped(4), 'K8', capped(8), 'K16', capped(16), top);
}
