// Editions of the forms: what a report's 様式版 (the edition printed on its cover, e.g. 「平成26年4月
// 様式4」) changes in what the form prints. The knowledge is in the schemas (x-edition-labels, each
// with its source); this module only matches a report's edition against it. Pure.
import type { EditionLabel, SchemaNode } from './schema-node.ts';

/** An edition as written on covers, in one form: full-width digits and spaces made half-width. */
export const normaliseEdition = (edition: string): string => edition.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** The entry of x-edition-labels that applies to a report of this edition, if any (the first that matches). */
export function editionEntry(node: SchemaNode | undefined, edition: string | undefined): EditionLabel | undefined {
  if (!node?.['x-edition-labels'] || !edition) return undefined;
  const e = normaliseEdition(edition);
  return node['x-edition-labels'].find((x) => new RegExp(x.edition).test(e));
}

/** The label the report's edition prints for an item (its title in today's form otherwise). */
export const editionLabel = (node: SchemaNode, edition: string | undefined): string | undefined => editionEntry(node, edition)?.label;
