// Writes schemas/compiled/validators.js: the form and organisation validators as code (ajv's
// standalone code), so that validation does not compile the schemas in every run and every thread
// (about a second of each on this machine). Run after a schema change (`npm run validators`); until
// then the validator sees that the file was made for other schemas and compiles them itself.
import fs from 'node:fs';
import path from 'node:path';
import { COMPILED_VALIDATORS, validatorsCode } from '../src/lib/content/validate.ts';

fs.mkdirSync(path.dirname(COMPILED_VALIDATORS), { recursive: true });
fs.writeFileSync(COMPILED_VALIDATORS, validatorsCode());
console.log(`${COMPILED_VALIDATORS} に検証のコードを書きました。`);
