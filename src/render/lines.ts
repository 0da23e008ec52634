/**
 * Lines within a terminal's width: a list broken only between its items (a terminal breaks inside a
 * word or a name), for enter's messages and the lists below a narrow table (score, year, history);
 * and text wrapped where a reader expects it, for the help and the narrow tables' titles.
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

// Chinese characters and full-width punctuation: a line may break between two of them.
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
// Punctuation that stays with the character before it, or (opening) with the one after it.
const CLOSE = new Set('，。、；：？！）」』》”’');
const OPEN = new Set('（「『《“‘');

/**
 * A line cut where it may break: at spaces (a space goes with the word after it, as in commander),
 * between two Chinese characters (not before closing punctuation nor after opening), and after
 * Chinese punctuation (`、`, `：`: a list of ids can wrap). Never between a Chinese character and a
 * Latin one, nor inside a path: `ROOT/<中心>/evaluate.config.json` stays whole.
 */
function chunks(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let prev = '';
  let inPath = false;
  for (const c of line) {
    const space = /\s/.test(c);
    const prevSpace = /\s/.test(prev);
    let breakHere = false;
    if (cur !== '') {
      if (space) breakHere = !prevSpace;
      else if (!prevSpace && !CLOSE.has(c) && !OPEN.has(prev)) {
        breakHere = (!inPath && CJK.test(prev) && CJK.test(c)) || CLOSE.has(prev);
      }
    }
    if (breakHere) {
      out.push(cur);
      cur = '';
    }
    if (space || CLOSE.has(c)) inPath = false;
    else if (c === '/' || c === '<') inPath = true;
    cur += c;
    prev = c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Wraps text to `width` columns at spaces and between Chinese characters, keeping line breaks. */
export function wrapText(str: string, width: number): string {
  return str
    .split(/\r\n|\n/)
    .map((line) => {
      const parts = chunks(line);
      if (parts.length === 0) return '';
      const lines: string[] = [];
      let current = parts.shift()!;
      let w = displayWidth(current);
      for (const part of parts) {
        const pw = displayWidth(part);
        if (w + pw <= width) {
          current += part;
          w += pw;
          continue;
        }
        lines.push(current.trimEnd());
        current = part.trimStart();
        w = displayWidth(current);
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/**
 * The columns a table and its lines may take in a terminal `width` wide: a column fewer, since a
 * line as wide as the terminal wraps in some. Null where the output goes to no terminal.
 */
export function roomIn(width: number | null | undefined): number | null {
  return width === undefined || width === null ? null : width - 1;
}

/** A line of text as lines within `room` columns (wrapText); whole where there is no room to keep to. */
export function foldTo(line: string, room: number | null): string[] {
  return room === null ? [line] : wrapText(line, room).split('\n');
}
