// Finds the official item a free-text 項目 names (「Ⅱ 特定個人情報ファイルの概要 1. … (1)住民基本台帳ファイル
// 3. … ⑦使用の主体 使用部署」, 「V 開示請求、問合せ 2. … ①連絡先」): by its numbers and the labels after
// the last number, since published reports word section titles freely.
import { itemPath } from '../changes/change-rows.ts';
import type { Node } from './report-tree.ts';

const ROMAN: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', VI: 'Ⅵ' };
const TOKEN = /[ⅠⅡⅢⅣⅤⅥ]|\(\d+\)|\d+\.|[①-⑳]|リスク\d+|(?:システム|委託事項|提供先|移転先)\d+/g;

/** The official item a 項目 text names, as a comparable key. */
export function itemKey(text: string): string {
  const t = text.trim().replace(/^(VI|IV|V|III|II|I)(?![A-Za-z])/, (m) => ROMAN[m]).replace(/（/g, '(').replace(/）/g, ')');
  const tokens = t.match(TOKEN) ?? [];
  if (!tokens.length) return '|' + t.replace(/[\s―\-ー:：()「」]/g, '');
  const last = tokens[tokens.length - 1];
  const tail = t.slice(t.lastIndexOf(last) + last.length);
  return tokens.join('-') + '|' + tail.replace(/[\s―\-ー:：()「」]/g, '');
}

/** Anchors of every item of a report tree, by the key of its official path. */
export function anchorsByItemKey(tree: Node[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (nodes: Node[], ancestors: Node[]) => {
    for (const n of nodes) {
      const key = itemKey(itemPath(ancestors, n));
      if (!out.has(key)) out.set(key, n.anchor);
      visit(n.children, [...ancestors, n]);
    }
  };
  visit(tree, []);
  return out;
}
