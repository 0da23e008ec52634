/**
 * A list within a terminal's width: broken only between its items (a terminal breaks inside a word
 * or a name). enter's messages and the lists below a narrow table (score, year, history) use it.
 */
import { displayWidth } from './width.js';

/**
 * `label` and the items joined by `sep`, in lines of at most `width` columns broken only between
 * items (the terminal would break inside a word or a name), the lines after the first (and the
 * first, without a label) indented by `indent`, and `end` after the last item.
 */
export function fitLines(label: string, items: readonly string[], sep: string, end: string, width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let line = label || indent;
  let empty = true;
  items.forEach((item, k) => {
    const piece = item + (k < items.length - 1 ? sep.trimEnd() : end);
    const gap = empty ? '' : sep.length > sep.trimEnd().length ? ' ' : '';
    if (!empty && displayWidth(line + gap + piece) > width) {
      lines.push(line.trimEnd());
      line = indent;
      empty = true;
    }
    line += (empty ? '' : gap) + piece;
    empty = false;
  });
  lines.push(line.trimEnd());
  return lines;
}
