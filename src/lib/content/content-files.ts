// Where content lives: content/organisations/<id>.yaml and content/reports/<org>/<anything>.yaml.
import fs from 'node:fs';
import path from 'node:path';
import type { FileKind } from './validate.ts';

export const ORGANISATIONS_DIR = 'organisations';
export const REPORTS_DIR = 'reports';

export function kindOf(file: string): FileKind {
  return file.split(/[\\/]/).includes(ORGANISATIONS_DIR) ? 'organisation' : 'report';
}

/** Every .yaml/.yml file under a directory, sorted for stable output. */
export function listYaml(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The organisation id of an organisation file: its file name without extension. */
export const organisationId = (file: string) => path.basename(file).replace(/\.ya?ml$/, '');
