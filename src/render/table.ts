/** Plain-text tables aligned for Chinese double-width characters, colored by grade. */
import type { ChalkInstance } from 'chalk';
import { painter } from './paint.js';
import { printable } from './format.js';
import { fitLines } from './lines.js';
import { displayWidth } from './width.js';
import type { Grade } from '../core/types.js';

export type Align = 'left' | 'right';

export interface Cell {
  text: string;
  grade?: Grade;
  dim?: boolean;
  bold?: boolean;
}

export { painter };

export function paintGrade(c: ChalkInstance, grade: Grade, text: string): string {
  switch (grade) {
    case 'excellent':
      return c.green.bold(text);
    case 'good':
      return c.cyan(text);
    case 'qualified':
      return c.yellow(text);
    case 'unqualified':
      return c.red.bold(text);
  }
}

function pad(text: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** The display width of each column `layout` makes of these cells. */
function columnWidths(header: string[], rows: Cell[][]): number[] {
  const widths = header.map((h) => displayWidth(h));
  for (const r of rows) r.forEach((x, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(printable(x.text)))));
  return widths;
}

/** The display width of the table `layout` makes of these cells with columns `gap` apart. */
export function tableWidth(header: string[], rows: Cell[][], gap = 2): number {
  const widths = columnWidths(header, rows);
  return widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
}

/** One way to show a table: the columns listed below it instead (by index), and the gap between the others. */
export interface Arrangement {
  below: readonly number[];
  gap: number;
}

const WHOLE: Arrangement = { below: [], gap: 2 };

/**
 * How a table fits a terminal: the first of `tries` (the caller's order of what to give up first)
 * whose table is at most `room` columns wide, else the last; the whole table, two spaces apart,
 * where there is no room to fit (null: a file, a pipe, --out).
 */
export function fitTable(header: string[], rows: Cell[][], room: number | null | undefined, tries: readonly Arrangement[]): Arrangement {
  if (room === null || room === undefined || tries.length === 0) return WHOLE;
  // The widths once: a table of 200,000 rows is measured once, not once a try.
  const widths = columnWidths(header, rows);
  for (const t of tries) {
    const kept = widths.filter((_, i) => !t.below.includes(i));
    if (kept.reduce((a, b) => a + b, 0) + t.gap * (kept.length - 1) <= room) return t;
  }
  return tries[tries.length - 1]!;
}

/** The cells of a row (or the header, the aligns) that stay in the table. */
export function inTable<T>(cells: readonly T[], a: Arrangement): T[] {
  return a.below.length === 0 ? [...cells] : cells.filter((_, i) => !a.below.includes(i));
}

/**
 * A row's cells that a narrow terminal moved out of the table (`a.below`), each under its column's
 * heading ("Penalty (unset)"); empty cells left out. A text opening with a full-width bracket
 * ("（金额未设）") brings its own space.
 */
export function movedCells(header: readonly string[], row: readonly Cell[], a: Arrangement): string[] {
  return a.below.filter((i) => row[i] && row[i].text !== '').map((i) => besides(header[i]!, row[i]!.text));
}

/** `text` after `label` with a space between, unless it opens with a full-width bracket, which brings its own (不合格（金额未设）). */
export function besides(label: string, text: string): string {
  return `${label}${/^[（【《「]/.test(text) ? '' : ' '}${text}`;
}

/**
 * The columns a narrow terminal moved below the table, one person a line: `who`, then each
 * non-empty cell under its column's heading ("S020 谢涛: Penalty (unset), Rectify by 2026-07-30",
 * as `personList` joins them); a person with none has no line. With a `room`, a line longer than it
 * is broken where an item begins (never inside one), the lines after it indented by four.
 */
export function listBelow(
  header: readonly string[],
  rows: readonly Cell[][],
  a: Arrangement,
  who: (row: number) => string,
  w: { personList: (who: string, parts: string[]) => string; listSep: string },
  room: number | null = null,
): string[] {
  const out: string[] = [];
  rows.forEach((r, k) => {
    const parts = movedCells(header, r, a);
    if (parts.length === 0) return;
    if (room === null) out.push(printable(`  ${w.personList(who(k), parts)}`));
    else for (const l of fitLines(printable(`  ${w.personList(who(k), [])}`), parts.map(printable), w.listSep, '', room, '    ')) out.push(l);
  });
  return out;
}

/** Lays out rows of cells under a header; widths count display columns, not characters. */
export function layout(header: string[], rows: Cell[][], aligns: Align[], c: ChalkInstance, gap = 2): string[] {
  const between = ' '.repeat(gap);
  // Control characters from a sheet are shown, never sent to the terminal.
  const texts = rows.map((r) => r.map((x) => printable(x.text)));
  const widths = header.map((h) => displayWidth(h));
  for (const r of texts) r.forEach((t, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(t))));
  const line = (cells: string[], paint?: (i: number, s: string) => string) =>
    cells
      .map((t, i) => {
        const s = pad(t, widths[i]!, aligns[i] ?? 'left');
        return paint ? paint(i, s) : s;
      })
      .join(between)
      .replace(/\s+$/, '');
  const out = [c.bold(line(header)), c.dim(widths.map((w) => '─'.repeat(w)).join(between))];
  rows.forEach((r, k) => {
    out.push(
      line(texts[k]!, (i, s) => {
        const cell = r[i]!;
        if (cell.grade) return paintGrade(c, cell.grade, s);
        if (cell.bold) return c.bold(s);
        if (cell.dim) return c.dim(s);
        return s;
      }),
    );
  });
  return out;
}

/** Sections of one table, each under its title, in one set of column widths. */
export function sectionedLayout(header: string[], sections: { title: string; rows: Cell[][] }[], aligns: Align[], c: ChalkInstance, gap = 2): string[] {
  const lines = layout(header, sections.flatMap((s) => s.rows), aligns, c, gap);
  const [head, rule] = [lines[0]!, lines[1]!];
  const out: string[] = [];
  let at = 2;
  for (const sec of sections) {
    out.push(c.bold(sec.title), head, rule);
    pushAll(out, lines.slice(at, at + sec.rows.length));
    out.push('');
    at += sec.rows.length;
  }
  return out;
}

/** A Markdown table; cells are already escaped. */
export function mdTable(header: string[], aligns: Align[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (aligns[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** Appends every item: `out.push(...items)` overflows the call stack for a report of 200,000 rows. */
export function pushAll<T>(out: T[], items: readonly T[]): void {
  for (const x of items) out.push(x);
}
