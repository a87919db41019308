// Whether a version of a report in git history was in force: the one rule the 変更箇所 walk, the
// 新旧対照 and the version history read. Pure.
import { isMarker } from '../form/answer-kinds.ts';

/** 公開状態 of a version under public comment: the report it shows is a draft (案), whatever its cover says. */
const UNDER_COMMENT = new Set(['意見募集中', '意見募集終了・確定待ち']);

/**
 * A version that was not in force: its cover states no 公表日 (a draft, or a scaffold being filled
 * in), or it declares a public-comment state (a draft put to comment with the old 公表日 left on
 * its cover). A 公表日 that is not known (原文欠落) or a cover marked as a whole is taken as published.
 */
export function notInForce(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  const state = d['公開状態'] && typeof d['公開状態'] === 'object' ? (d['公開状態'] as Record<string, unknown>)['状態'] : undefined;
  if (typeof state === 'string' && UNDER_COMMENT.has(state)) return true;
  const cover = d['表紙'];
  if (isMarker(cover)) return false;
  const date = cover && typeof cover === 'object' ? (cover as Record<string, unknown>)['公表日'] : undefined;
  return date === undefined || date === null || (typeof date === 'string' && !date.trim());
}
