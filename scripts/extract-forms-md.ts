// Maintainer tool: reads the item trees of ../shared/FORMS.md (§2 全項目, §3 重点, §4 基礎) and writes
// tests/fixtures/forms-md-items.json, the list of official labels that tests/forms-md.test.ts checks
// against the schemas. Run it again when FORMS.md changes: node scripts/extract-forms-md.ts
import fs from 'node:fs';

const src = process.argv[2] ?? '../shared/FORMS.md';
const md = fs.readFileSync(src, 'utf8');
const section = (from: RegExp, to: RegExp) => { const a = md.search(from); const rest = md.slice(a); return rest.slice(0, rest.slice(1).search(to) + 1); };
const trees = {
  全項目評価書: section(/^## 2\. /m, /^## 3\. /m),
  重点項目評価書: section(/^## 3\. /m, /^### 3\.6 /m),
  基礎項目評価書: section(/^## 4\. /m, /^## 5\. /m),
};

function labelsOf(line: string): string[] {
  if (/Numbering|項目一覧/.test(line)) return []; // notes on other editions; the cover's table of contents
  let s = line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '');
  s = s.replace(/\(([^()A-Za-z]*)\)/g, '（$1）');              // Japanese text in ASCII parentheses
  s = s.replace(/`[^`]*`/g, ' ').replace(/\*\*/g, '').replace(/\[[^\]]*\]/g, ' ');
  s = s.replace(/\([^()]*[A-Za-z][^()]*\)/g, ' ');          // English notes in ASCII parentheses
  s = s.replace(/\.\s.*$/, '');                             // prose after a sentence
  return s.split(/→|;|\/|、then|\band\b/).map((p) => p
    .replace(/^[\s:：]*(?:リスク\d*\s*[:：])?\s*/, '')
    .replace(/^\+\s*/, '').replace(/\s+\+.*$/, '').replace(/「[^」]*」/g, '').replace(/^(?:[ⅠⅡⅢⅣⅤⅥ]\s+|（別添\d）)/, '')
    .replace(/^[①-⑳]/, '').replace(/※.*$/, '').replace(/【[^】]*】/g, '').replace(/[A-Za-z(),.:'"-]+.*$/, '')
    .replace(/\s+（$/, '').trim()).filter((p) => /[\u3040-\u9fff]/.test(p) && p.length >= 2 && p.length <= 90);
}

const out: Record<string, string[]> = {};
for (const [form, text] of Object.entries(trees)) {
  const labels = new Set<string>();
  for (const line of text.split('\n')) {
    if (!/^\s*(?:[-*]|\d+\.)\s/.test(line)) continue;
    for (const l of labelsOf(line)) labels.add(l);
  }
  out[form] = [...labels];
}
fs.writeFileSync('tests/fixtures/forms-md-items.json', JSON.stringify(out, null, 1) + '\n');
console.log(Object.entries(out).map(([k, v]) => `${k}: ${v.length}`).join('\n'));
