// TypeScript types of the YAML data, generated from the JSON Schemas (never written by hand):
// scripts/generate-types.ts writes src/generated/schema-types.ts; a test keeps it in step.
import { compile } from 'json-schema-to-typescript';
import path from 'node:path';
import { COMMON_SCHEMA, FORM_SCHEMAS, ORGANISATION_SCHEMA, type SchemaNode } from './form-schema.ts';

const TYPES: [string, SchemaNode][] = [
  ['OrganisationData', ORGANISATION_SCHEMA],
  ['JutenReportData', FORM_SCHEMAS['重点項目評価書'].schema],
  ['ZenkomokuReportData', FORM_SCHEMAS['全項目評価書'].schema],
  ['KisoReportData', FORM_SCHEMAS['基礎項目評価書'].schema],
];

/**
 * Titles are Japanese labels: no use as identifiers (the generator would mangle them), so they go;
 * references into common.schema.json become local so each shared definition is declared once.
 */
function withoutTitles(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTitles);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'title').map(([k, v]) => [k, k === '$ref' ? String(v).replace('common.schema.json#', '#') : k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, c]) => [p, withoutTitles(c)])) : withoutTitles(v)]));
}

export async function generateTypes(): Promise<string> {
  const parts: string[] = [
    '// Generated from schemas/*.schema.json by `node scripts/generate-types.ts`. Do not edit.',
    '/* eslint-disable */',
  ];
  for (const [name, schema] of TYPES) {
    // Japanese titles give no identifiers: name the root, keep the inner types in a namespace.
    // Shared definitions get ASCII names (Shared1, Shared2 …) so that each is declared once.
    const shared = Object.fromEntries(Object.entries(COMMON_SCHEMA.definitions ?? {}).map(([k, d], i) => [k, { ...(withoutTitles(d) as object), title: `Shared${i + 1}` }]));
    const root = { ...(withoutTitles(schema) as object), definitions: shared };
    const ts = await compile(root as never, name, {
      cwd: path.resolve('schemas'), bannerComment: '', additionalProperties: false, format: false, unreachableDefinitions: false, ignoreMinAndMaxItems: true,
      $refOptions: { resolve: { external: true } },
    });
    parts.push(`export declare namespace ${name}Types {\n${ts.trim()}\n}`, `export type ${name} = ${name}Types.${name};`);
  }
  parts.push('export type ReportData = JutenReportData | ZenkomokuReportData | KisoReportData;');
  return parts.join('\n\n') + '\n';
}
