// Writes schemas/editor/*.schema.json (the schemas VS Code's YAML extension reads: Japanese messages with
// official item numbers, choices without 「null」) from the form schemas: run after a schema change.
import fs from 'node:fs';
import path from 'node:path';
import { EDITOR_SCHEMA_DIR, editorSchemas, editorSchemaText } from '../src/lib/content/editor-schema.ts';

fs.mkdirSync(EDITOR_SCHEMA_DIR, { recursive: true });
for (const [file, schema] of Object.entries(editorSchemas())) fs.writeFileSync(path.join(EDITOR_SCHEMA_DIR, file), editorSchemaText(schema));
console.log(`${EDITOR_SCHEMA_DIR}/ に編集ソフト用のスキーマを書きました。`);
