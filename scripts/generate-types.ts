// Writes src/generated/schema-types.ts from the schemas: run after a schema change.
import fs from 'node:fs';
import { generateTypes } from '../src/lib/form/schema-types.ts';

fs.mkdirSync('src/generated', { recursive: true });
fs.writeFileSync('src/generated/schema-types.ts', await generateTypes());
console.log('src/generated/schema-types.ts を書きました。');
