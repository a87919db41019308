// The item a line of a YAML file sits in, read from the lines themselves (indentation, 「key:」 and
// 「- 」): for a file the YAML parser cannot read, so that a syntax message can still name the official
// item (「Ⅲ 2. リスク1 リスクの内容」) as every other message does. Pure.

/** One step of the path: a key, or a list entry (its index among its siblings). */
interface Step { indent: number; seg: string | number; dash: boolean; /** a key with nothing after its 「:」: its list may start at its own indentation (「key:\n- a」) */ open?: boolean }

const BLOCK_SIGN = /:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$/;
const DASH_BLOCK = /^-[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$/;
/** 「key: …」 or 「key:」: the key, which a form's headings write without 「: 」 or 「#」. */
const KEY = /^([^\s#"'\-[{][^:#]*?):(?:[ \t]|$)/;

/**
 * The data path of the key or list entry written on line `line` (1-based); for a line of a value (a
 * line of a 「|」 text, or the next line of a value that runs on), the path of the key it belongs to;
 * undefined for a blank line or a comment. Lines of a 「|」 text are text, never keys. Only as
 * reliable as the indentation: a caller checks that the path is one the form has.
 */
export function pathAtLine(text: string, line: number): (string | number)[] | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  const stack: Step[] = [];
  /** Lines indented deeper than this belong to a 「|」 text. */
  let blockAbove: number | undefined;
  for (let n = 1; n <= Math.min(line, lines.length); n++) {
    const raw = lines[n - 1];
    const body = raw.trimStart();
    const indent = raw.length - body.length;
    if (blockAbove !== undefined) {
      if (!body || indent > blockAbove) { if (n === line) return body ? owner(stack, indent) : undefined; continue; }
      blockAbove = undefined;
    }
    if (!body || body.startsWith('#')) { if (n === line) return undefined; continue; }
    let at = indent;
    let rest = body;
    let keyed = false;
    // 「- 」, possibly several on one line (「- - a」), each an entry of a list
    while (/^-(?:[ \t]|$)/.test(rest)) {
      while (stack.length && (stack.at(-1)!.indent > at || (stack.at(-1)!.indent === at && !stack.at(-1)!.dash && !stack.at(-1)!.open))) stack.pop();
      const top = stack.at(-1);
      if (top && top.dash && top.indent === at) stack[stack.length - 1] = { ...top, seg: (top.seg as number) + 1 };
      else stack.push({ indent: at, seg: 0, dash: true });
      keyed = true;
      const after = rest.slice(1);
      const gap = after.length - after.trimStart().length;
      if (DASH_BLOCK.test(rest)) { blockAbove = at; break; }
      at += 1 + gap;
      rest = after.trimStart();
    }
    const key = KEY.exec(rest)?.[1];
    if (key !== undefined && blockAbove === undefined) {
      while (stack.length && stack.at(-1)!.indent >= at) stack.pop();
      stack.push({ indent: at, seg: key.trim(), dash: false, open: /^[^:]*:[ \t]*(?:#.*)?$/.test(rest) });
      keyed = true;
      // (the text of 「- 名称: |」 is indented deeper than 名称, not only than the 「- 」)
      if (BLOCK_SIGN.test(rest)) blockAbove = at;
    }
    if (n === line) return keyed ? stack.map((s) => s.seg) : owner(stack, indent);
  }
  return undefined;
}

/** The key a line of text indented `indent` belongs to: the innermost one left of it. */
function owner(stack: Step[], indent: number): (string | number)[] | undefined {
  const within = stack.filter((s) => s.indent < indent);
  return within.length ? within.map((s) => s.seg) : undefined;
}
