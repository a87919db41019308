// axe-core (the npm package, injected from node_modules) run inside a real Chromium page.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
/** WCAG 2.0–2.2, levels A and AA (JIS X 8341-3:2016 conformance level AA, plus the 2.1/2.2 additions). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string; impact: string | null; help: string; helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/** Runs axe on the page as it is now and returns the violations (an empty list when there is none). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/** Violations as readable lines: rule, impact, what it means, and up to five offending elements. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  return violations.map((v) => [
    `${where}: [${v.id}] (${v.impact}) ${v.help} — ${v.helpUrl}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)}  ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
    v.nodes.length > 5 ? `    … and ${v.nodes.length - 5} more` : '',
  ].filter(Boolean).join('\n')).join('\n');
}
