// Hostile content for the quality gates: payloads that try to become markup, script, links or layout
// breakage, written into every free-text field of a fixture report. Which fields are free text is
// asked of the validator itself (a value it refuses — a choice, a date, a code — is put back), so the
// generator follows the schemas as they change.
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import { parseYaml } from '../../src/lib/content/yaml-source.ts';
import { formatProblem, validateText, type FileKind } from '../../src/lib/content/validate.ts';

/** Each line is one attack; window.__pwned is set if any of them ever runs. */
export const PAYLOAD_LINES = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned = \'a\'">ここを押す</a>',
  '"><svg onload="window.__pwned = \'svg\'"><circle r="10"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = \'math\'"></style></mglyph></table></mtext></math>',
  '<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe><object data="javascript:1"></object>',
  "' onmouseover='window.__pwned = 1' data-x='",
  '[リンク](javascript:window.__pwned=1) ![画像](https://evil.example/x.png) <https://evil.example/> [ref]: https://evil.example/',
  '**太字** _斜体_ `code` # 見出し > 引用 <b>b</b> &lt;i&gt;i&lt;/i&gt; &amp;amp; &#x3C;u&#x3E;',
  'javascript:alert(1) data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== vbscript:msgbox',
  // (direction overrides and zero-width characters are refused by the validator, so they never reach a
  // page: tests/quality/hostile-integrity.test.ts)
  '{{ constructor.constructor("window.__pwned = 1")() }} ${window.__pwned = 1} <%= 1 %>',
  '</title></textarea></noscript></style></script><!-- --> ]]> <![CDATA[ x ]]> <base href="https://evil.example/">',
];
export const PAYLOAD = PAYLOAD_LINES.join('\n');
/** A 10,000-character word without any break opportunity of its own. */
export const LONG_WORD = 'W'.repeat(10_000);

export interface Filled { text: string; fields: string[][]; kept: number }

/**
 * Puts `payloadFor(path)` into every string value of a YAML file that the validator accepts there.
 * Returns the new text and the data paths that now hold a payload.
 */
export function fillFreeText(text: string, kind: FileKind, payloadFor: (path: (string | number)[], index: number) => string): Filled {
  const doc = parseDocument(text);
  const slots: { path: (string | number)[]; node: Scalar; original: unknown; active: boolean }[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) for (const p of node.items) walk(p.value, [...path, String((p.key as Scalar).value)]);
    else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, i]));
    else if (isScalar(node) && typeof node.value === 'string') slots.push({ path, node, original: node.value, active: true });
  };
  walk(doc.contents, []);
  slots.forEach((s, i) => { s.node.value = payloadFor(s.path, i); s.node.type = undefined; });
  for (let round = 0; round < 10; round++) {
    const out = doc.toString({ lineWidth: 0 });
    const { problems } = validateText('hostile.yaml', out, kind);
    if (!problems.length) {
      const fields = slots.filter((s) => s.active).map((s) => s.path.map(String));
      return { text: out, fields, kept: slots.length - fields.length };
    }
    const at = parseYaml(out);
    const lines = new Set(problems.map((p) => p.line));
    let reverted = 0;
    for (const s of slots) {
      if (s.active && lines.has(at.locate(s.path).line)) { s.node.value = s.original; s.active = false; reverted++; }
    }
    if (!reverted) throw new Error(`hostile fixture: cannot place payloads:\n${problems.map(formatProblem).join('\n')}`);
  }
  throw new Error('hostile fixture: did not converge');
}
