// Which units of the global pages (build/global-units.ts: an organisation's page, a 事務's comparison
// pages) Astro renders: in an incremental build, those whose key differs from the previous site's
// (scripts/build.ts takes the others from it). The build passes the units' salt and the previous keys
// in the file BUILD_GLOBAL_UNITS; without it (astro dev, a first or full build) every unit is rendered.
// Reads that file and waits for the summaries (I/O).
import fs from 'node:fs';
import { siteSummaries } from './summary-files.ts';
import { summaryKey } from '../build/page-keys.ts';
import { unitKeys } from '../build/global-units.ts';

/** What BUILD_GLOBAL_UNITS holds. */
export interface UnitPlan { salt: string; previous: Record<string, string> }

let decided: Promise<(unit: string) => boolean> | undefined;
export function unitsToRender(): Promise<(unit: string) => boolean> {
  return (decided ??= (async () => {
    const file = process.env.BUILD_GLOBAL_UNITS;
    if (!file) return () => true;
    const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as UnitPlan;
    const keys = unitKeys(plan.salt, await siteSummaries(), summaryKey, Object.keys(plan.previous));
    return (unit: string) => plan.previous[unit] === undefined || keys.get(unit) !== plan.previous[unit];
  })());
}
