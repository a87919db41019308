// Writes an empty report of a form: every item present and empty, each with its official number as a
// comment, so a clerk fills in the paper form's items in the paper form's order.
import { describe, childSchema, FORM_SCHEMAS, itemKeys, resolve, type FormName, type SchemaNode } from './form-schema.ts';

export interface ScaffoldOptions { organisation: string; number: string; category: string; schemaPath: string }

const yamlKey = (k: string) => (/^[\w\u3000-\u9fff\uff00-\uffef（）・、。]+$/u.test(k) && !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(k) ? k : JSON.stringify(k));

export function scaffold(form: FormName, o: ScaffoldOptions): string {
  const root = FORM_SCHEMAS[form].schema;
  const lines: string[] = [`# yaml-language-server: $schema=${o.schemaPath}`];
  const meta: Record<string, string> = { 様式: form, 事務分類: o.category, 評価実施機関: o.organisation };
  const emit = (node: SchemaNode, path: (string | number)[], indent: string, firstPrefix?: string) => {
    let first = true;
    for (const key of itemKeys(node)) {
      const child = childSchema(node, key)!;
      const prefix = first && firstPrefix !== undefined ? firstPrefix : indent;
      first = false;
      const p = [...path, key];
      const label = describe(root, p);
      const note = `  # ${label}`;
      if (path.length === 0 && key in meta) { lines.push(`${prefix}${yamlKey(key)}: ${meta[key]}`); continue; }
      if (path.length === 0 && key === '様式版') continue;
      if (path.length === 0 && key === '転記注記') continue;
      if (path.length === 1 && key === '評価書番号') { lines.push(`${prefix}${yamlKey(key)}: ${o.number}${note}`); continue; }
      const r = resolve(child)!;
      if (r.type === 'object' && r.properties && r.if) {
        lines.push(`${prefix}${yamlKey(key)}:${note}`);
        emit(r, p, indent + '  ');
      } else if (r['x-repeat'] || (r.type === 'array' && key === '変更箇所')) {
        const item = childSchema(r, 0);
        if (key === '変更箇所' || !item || !resolve(item)?.properties) { lines.push(`${prefix}${yamlKey(key)}: []${note}`); continue; }
        lines.push(`${prefix}${yamlKey(key)}:${note}`);
        emit(item, [...p, 0], indent + '    ', indent + '  - ');
      } else {
        lines.push(`${prefix}${yamlKey(key)}:${note}`);
      }
    }
  };
  emit(root, [], '');
  return lines.join('\n') + '\n';
}
