// A text cell of a CSV or TSV file that a spreadsheet opens as text, never as a formula: a cell that
// begins with = + - @, a tab or a carriage return gets a leading single quote, and every such cell
// is quoted. A lone 「-」 (what many reports print in a blank cell) is no formula and is kept as written:
// a quote there would be a value the report does not have (OWASP's guidance on CSV injection). Used by comparison.csv and `npm run changes -- --format
// tsv` (pasted into the official Excel sheet). Pure.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell's text with a formula start neutralised (not yet quoted). */
export const neutralised = (text: string) => (text !== '-' && FORMULA_START.test(text) ? `'${text}` : text);

/** A CSV field: always quoted, quotes doubled, a formula start neutralised. */
export const csvField = (text: string) => `"${neutralised(text).replace(/"/g, '""')}"`;

/** A TSV field: quoted when it holds a tab, quote or line break, or was neutralised. */
export function tsvField(text: string): string {
  const safe = neutralised(text);
  return safe !== text || /[\t"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
