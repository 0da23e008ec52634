/** Rendering the semester report: table, csv, json, md. */
import type { Problem } from '../core/types.js';
import type { SemesterReport, StaffResult } from '../core/report.js';
import type { Settled } from '../core/rounding.js';
import type { RowCounts } from '../core/types.js';
import { GRADES, METHODS } from '../core/types.js';
import { type Lang, words } from '../i18n/index.js';
import { CsvBytes, RowEnds, csvRows } from './csv.js';
import { type SealBase, reportJson } from './json.js';
import { mdEscape, neutralize, printable } from './format.js';
import { type Align, type Cell, fitTable, inTable, layout, listBelow, mdTable, painter, sectionedLayout, pushAll } from './table.js';

export interface ScoreRenderInput {
  reports: SemesterReport[];
  warnings: Problem[];
  counts: RowCounts;
  precision: number;
  lang: Lang;
  color: boolean;
  /** JSON only: the seal to write (SPEC "Seal, verify, diff"). */
  seal?: SealBase;
  /** Table only: the terminal's width in columns when the table goes to one (null: not a terminal). */
  width?: number | null;
}

/** The columns after the grade (reward, penalty, rectify by): moved below the table where the terminal is too narrow. */
const MONEY_COLUMNS = 3;

/** The five method values for display (2 decimals). */
export function methodNumbers(s: StaffResult): Record<string, number> {
  const v = s.methodsScaled(2);
  return { listen: v[0]! / 100, see: v[1]! / 100, check: v[2]! / 100, test: v[3]! / 100, ask: v[4]! / 100 };
}

function methodTexts(s: StaffResult): string[] {
  return METHODS.map((_, k) => s.methodValue(k).toFixed(2));
}

export function scoreJson(input: ScoreRenderInput): Uint8Array[] {
  const doc = {
    semesters: input.reports.map((r) => ({
      semester: r.semester,
      staff: r.staff.map((s) => ({
        rank: s.rank,
        staffId: s.staffId,
        name: s.name,
        post: s.post,
        methods: methodNumbers(s),
        total: s.total.toNumber(input.precision),
        grade: s.grade,
        raters: s.raters,
        reward: s.consequence.reward,
        penalty: s.consequence.penalty,
        rectifyBy: s.consequence.rectifyBy,
      })),
    })),
    warnings: input.warnings.map((w) => ({
      file: w.file,
      line: w.line,
      ...(w.column !== undefined ? { column: w.column } : {}),
      message: w.message,
    })),
  };
  return reportJson(doc, input.seal);
}

/**
 * The CSV, a piece at a time as it is written (a report of 200,000 people is never held whole).
 * With `reusePieces` each piece is written over once the next is asked for (CsvBytes `reuse`).
 */
export function* scoreCsv(input: ScoreRenderInput, bom: boolean, reusePieces = false): Generator<Uint8Array> {
  const w = words(input.lang);
  const header = [
    w.col.rank,
    w.col.staffId,
    w.col.name,
    w.col.post,
    w.col.semester,
    ...METHODS.map((m) => (input.lang === 'zh' ? w.method[m] : m)),
    w.col.total,
    w.col.grade,
    w.col.reward,
    w.col.penalty,
    w.col.rectifyBy,
  ];
  const grade = w.grade;
  const out = new CsvBytes(bom, reusePieces);
  out.row(header);
  const methods = [0, 0, 0, 0, 0];
  // A row's cells from the total on follow from its settled total alone, which everyone with that
  // total shares (a report of 200,000 people has a few hundred totals; a median's people each settle
  // apart, and past 4,096 are written).
  const ends = new RowEnds<Settled>(out, (s) => {
    out.fixed(s.total, input.precision);
    out.text(grade[s.grade]);
    const c = s.consequence;
    out.numberOrEmpty(c.reward);
    out.numberOrEmpty(c.penalty);
    if (c.rectifyBy === null) out.empty();
    else out.text(c.rectifyBy);
    out.end();
  });
  // The report's rows, not its objects (a CSV of 200,000 people makes none), by index (an iterator
  // over 200,000 people costs a call a step).
  for (const report of input.reports) {
    const rows = report.rows;
    const entries = rows.entries;
    yield* csvRows(out, rows.length, (at) => {
      const e = rows.entry(at);
      const s = entries.settled(e);
      out.number(rows.rank(at));
      out.text(neutralize(entries.staffId(e)));
      out.text(neutralize(entries.name(e)));
      out.text(neutralize(entries.post(e)));
      out.text(s.semester);
      entries.methodsScaled(e, 2, methods);
      for (let k = 0; k < 5; k++) out.scaled(methods[k]!, 2, true);
      ends.put(s);
    });
  }
  yield* out.chunks();
}

function money(s: StaffResult, lang: Lang): { reward: string; penalty: string } {
  const w = words(lang);
  const c = s.consequence;
  const amount = (due: boolean, v: number | null) => (!due ? '' : v === null ? w.unsetCell : w.currency(v));
  return { reward: amount(c.rewardDue, c.reward), penalty: amount(c.penaltyDue, c.penalty) };
}

function gradeSummary(r: SemesterReport, lang: Lang): string {
  const w = words(lang);
  return w.footer(GRADES.map((g) => `${w.grade[g]} ${r.gradeCounts[g]}`));
}

/** Staff in report order, split by post when the report is grouped. */
function sections(r: SemesterReport): { post: string | null; staff: StaffResult[] }[] {
  if (r.groupBy !== 'post') return [{ post: null, staff: r.staff }];
  const out: { post: string; staff: StaffResult[] }[] = [];
  for (const s of r.staff) {
    const last = out[out.length - 1];
    if (last && last.post === s.post) last.staff.push(s);
    else out.push({ post: s.post, staff: [s] });
  }
  return out;
}

/** The columns a person reads, in the table and in Markdown: rank, person, five methods, total, grade, money. */
function readerColumns(w: ReturnType<typeof words>): { header: string[]; aligns: Align[] } {
  return {
    header: [w.head.rank, w.head.staffId, w.head.name, w.head.post, ...METHODS.map((m) => w.method[m]), w.head.total, w.head.grade, w.head.reward, w.head.penalty, w.head.rectifyBy],
    aligns: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'left'],
  };
}

export function scoreTable(input: ScoreRenderInput): string {
  const w = words(input.lang);
  const c = painter(input.color);
  const { header, aligns } = readerColumns(w);
  const out: string[] = [];
  for (const r of input.reports) {
    if (out.length) out.push('');
    out.push(c.bold(w.title(r.semester, r.staff.length, r.raters)), '');
    const secs = sections(r).map((sec) => ({
      title: sec.post === null ? '' : printable(w.postTitle(sec.post)),
      rows: sec.staff.map((s): Cell[] => {
        const m = money(s, input.lang);
        return [
          { text: String(s.rank) },
          { text: s.staffId },
          { text: s.name },
          { text: s.post },
          ...methodTexts(s).map((text) => ({ text })),
          { text: s.total.toFixed(input.precision), bold: true },
          { text: w.grade[s.grade], grade: s.grade },
          { text: m.reward },
          { text: m.penalty },
          { text: s.consequence.rectifyBy ?? '' },
        ];
      }),
    }));
    // A terminal narrower than the table: the rewards, penalties and due dates go in a list below
    // it (nothing is left out), and the columns stand one space apart if two do not fit.
    const all = secs.flatMap((sec) => sec.rows);
    const moneyColumns = header.map((_, i) => i).slice(-MONEY_COLUMNS);
    // Last, a post too long for the terminal (1号楼（女生公寓东区）) goes below with them.
    const post = header.indexOf(w.head.post);
    const fit = fitTable(header, all, input.width, [
      { below: [], gap: 2 },
      { below: moneyColumns, gap: 2 },
      { below: moneyColumns, gap: 1 },
      { below: [post, ...moneyColumns], gap: 1 },
    ]);
    const head = inTable(header, fit);
    const cols = inTable(aligns, fit);
    const shown = secs.map((sec) => ({ title: sec.title, rows: sec.rows.map((row) => inTable(row, fit)) }));
    // Grouped by post: one table in sections, the columns aligned across the posts.
    if (r.groupBy === 'post') pushAll(out, sectionedLayout(head, shown, cols, c, fit.gap));
    else {
      pushAll(out, layout(head, shown[0]!.rows, cols, c, fit.gap));
      out.push('');
    }
    // The ranks right-aligned, as in the table.
    const rankWidth = String(r.staff.reduce((m, s) => Math.max(m, s.rank), 0)).length;
    const below = listBelow(header, all, fit, (k) => `${String(r.staff[k]!.rank).padStart(rankWidth)} ${r.staff[k]!.staffId} ${r.staff[k]!.name}`, w);
    if (below.length > 0) {
      out.push(c.bold(fit.below.includes(post) ? w.postMoneyBelow : w.moneyBelow));
      pushAll(out, below);
      out.push('');
    }
    out.push(gradeSummary(r, input.lang));
  }
  out.push(c.dim(w.rows(input.counts.read, input.counts.used, input.counts.rejected)));
  return `${out.join('\n')}\n`;
}

export function scoreMd(input: ScoreRenderInput): string {
  const w = words(input.lang);
  const { header, aligns } = readerColumns(w);
  const out: string[] = [];
  for (const r of input.reports) {
    out.push(`## ${w.title(r.semester, r.staff.length, r.raters)}`, '');
    for (const sec of sections(r)) {
      if (sec.post !== null) out.push(`### ${mdEscape(w.postTitle(sec.post))}`, '');
      const rows = sec.staff.map((s) => {
        const m = money(s, input.lang);
        return [
          String(s.rank),
          mdEscape(s.staffId),
          mdEscape(s.name),
          mdEscape(s.post),
          ...methodTexts(s),
          `**${s.total.toFixed(input.precision)}**`,
          w.grade[s.grade],
          m.reward,
          m.penalty,
          s.consequence.rectifyBy ?? '',
        ];
      });
      pushAll(out, mdTable(header, aligns, rows));
      out.push('');
    }
    out.push(gradeSummary(r, input.lang), '');
  }
  return `${out.join('\n')}`;
}
