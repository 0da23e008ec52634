/** Plain-text tables aligned for Chinese double-width characters, colored by grade. */
import type { ChalkInstance } from 'chalk';
import { painter } from './paint.js';
import { printable } from './format.js';
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

/** The display width of the table `layout` makes of these cells with columns `gap` apart. */
export function tableWidth(header: string[], rows: Cell[][], gap = 2): number {
  const widths = header.map((h) => displayWidth(h));
  for (const r of rows) r.forEach((x, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(printable(x.text)))));
  return widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
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
