/**
 * Rendering the history (every semester, per staff member): table, csv, json, md. Its workbook
 * (`--format xlsx`) is `historyXlsx` in xlsx.ts, with the other workbooks.
 */
import type { History, HistoryRow } from '../core/history.js';
import { Rational } from '../core/rational.js';
import type { StaffResult } from '../core/report.js';
import { GRADES } from '../core/types.js';
import { type Lang, words } from '../i18n/index.js';
import { type HistoryWords, wordsOfHistory } from '../i18n/history.js';
import { csvString } from './csv.js';
import { mdEscape, neutralize } from './format.js';
import { type Align, type Arrangement, type Cell, fitTable, inTable, layout, listBelow, mdTable, painter, pushAll } from './table.js';
import { foldTo, roomIn } from './lines.js';

export interface HistoryRenderInput {
  history: History;
  precision: number;
  lang: Lang;
  color: boolean;
  /** Table only: the terminal's width in columns when the table goes to one (null: not a terminal). */
  width?: number | null;
}

function trendText(r: HistoryRow, precision: number, signed: boolean): string {
  if (r.trend === null) return '';
  const t = r.trend.toFixed(precision);
  return signed && r.trend.cmp(Rational.ZERO) > 0 ? `+${t}` : t;
}

const years = (ys: number[]) => ys.join(';');

export function historyJson(input: HistoryRenderInput): string {
  const { history: h, precision } = input;
  const result = (s: StaffResult | null) => (s ? { total: s.total.toNumber(precision), grade: s.grade } : null);
  const doc = {
    semesters: h.semesters,
    staff: h.staff.map((r) => ({
      staffId: r.staffId,
      name: r.name,
      post: r.post,
      results: Object.fromEntries(h.semesters.map((s, i) => [s, result(r.results[i] ?? null)])),
      counts: r.counts,
      awardYears: r.awardYears,
      nonRenewalYears: r.nonRenewalYears,
      longestUnqualifiedRun: r.longestUnqualifiedRun,
      trend: r.trend === null ? null : r.trend.toNumber(precision),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function historyCsv(input: HistoryRenderInput, bom: boolean): string {
  const w = wordsOfHistory(input.lang);
  const c = w.col;
  const { history: h, precision } = input;
  const header = [c.staffId, c.name, c.post, ...h.semesters, c.excellent, c.good, c.qualified, c.unqualified, c.awardYears, c.nonRenewalYears, c.longestRun, c.trend];
  const rows = h.staff.map((r) => [
    neutralize(r.staffId),
    neutralize(r.name),
    neutralize(r.post),
    ...r.results.map((s) => (s ? s.total.toFixed(precision) : '')),
    ...GRADES.map((g) => r.counts[g]),
    years(r.awardYears),
    years(r.nonRenewalYears),
    r.longestUnqualifiedRun,
    trendText(r, precision, false),
  ]);
  return csvString([header, ...rows], bom);
}

function header(h: History, w: HistoryWords): { header: string[]; aligns: Align[] } {
  const x = w.head;
  return {
    header: [x.staffId, x.name, x.post, ...h.semesters.map(w.semester), x.excellent, x.good, x.qualified, x.unqualified, x.awardYears, x.nonRenewalYears, x.longestRun, x.trend],
    aligns: ['left', 'left', 'left', ...h.semesters.map((): Align => 'right'), 'right', 'right', 'right', 'right', 'left', 'left', 'right', 'right'],
  };
}

/** A semester in the table: the total and the grade's mark ("91.0 E"), a dash where not scored. */
function semesterText(s: StaffResult | null, precision: number, w: HistoryWords): string {
  return s ? `${s.total.toFixed(precision)} ${w.gradeMark[s.grade]}` : w.notScored;
}

function footer(h: History, w: HistoryWords): string[] {
  const award = h.staff.filter((r) => r.awardYears.length > 0).length;
  const nonRenewal = h.staff.filter((r) => r.nonRenewalYears.length > 0).length;
  const twice = h.staff.filter((r) => r.longestUnqualifiedRun >= 2).length;
  return [w.totals(award, nonRenewal, twice), w.legend];
}

/**
 * What a terminal too narrow for the history gives up first: the gaps between columns, then (listed
 * below the table) the grade counts, the longest run, the award and non-renewal years, the trend,
 * the post: each can be read off the semesters, which stay with the person, always.
 */
function historyFits(semesters: number): Arrangement[] {
  const s = 3 + semesters;
  const steps = [[], [s, s + 1, s + 2, s + 3], [s + 6], [s + 4, s + 5], [s + 7], [2]];
  const below: number[] = [];
  return steps.flatMap((step) => {
    below.push(...step);
    const sorted = [...below].sort((a, b) => a - b);
    return [
      { below: sorted, gap: 2 },
      { below: sorted, gap: 1 },
    ];
  });
}

export function historyTable(input: HistoryRenderInput): string {
  const w = wordsOfHistory(input.lang);
  const c = painter(input.color);
  const { history: h, precision } = input;
  const { header: head, aligns } = header(h, w);
  const room = roomIn(input.width);
  const fold = (l: string) => foldTo(l, room);
  const rows = h.staff.map((r): Cell[] => [
    { text: r.staffId },
    { text: r.name },
    { text: r.post },
    ...r.results.map((s): Cell => (s ? { text: semesterText(s, precision, w), grade: s.grade } : { text: w.notScored, dim: true })),
    ...GRADES.map((g): Cell => ({ text: String(r.counts[g]) })),
    { text: years(r.awardYears) },
    { text: years(r.nonRenewalYears), ...(r.nonRenewalYears.length ? { grade: 'unqualified' as const } : {}) },
    { text: String(r.longestUnqualifiedRun), ...(r.longestUnqualifiedRun >= 2 ? { grade: 'unqualified' as const } : {}) },
    { text: trendText(r, precision, true), bold: true },
  ]);
  const fit = fitTable(head, rows, room, historyFits(h.semesters.length));
  const out: string[] = [...fold(w.title(h.staff.length, h.semesters)).map((l) => c.bold(l)), ''];
  pushAll(out, layout(inTable(head, fit), rows.map((r) => inTable(r, fit)), inTable(aligns, fit), c, fit.gap));
  out.push('');
  const cw = words(input.lang);
  const below = listBelow(head, rows, fit, (k) => `${h.staff[k]!.staffId} ${h.staff[k]!.name}`, cw, room);
  if (below.length > 0) {
    // Headed by the columns it holds ("Exc, Good, Qual, Unq:"), in the words of the table's heading.
    pushAll(out, fold(cw.personList(cw.list(fit.below.map((i) => head[i]!)), []).trimEnd()).map((l) => c.bold(l)));
    pushAll(out, below);
    out.push('');
  }
  pushAll(out, footer(h, w).flatMap((l, i) => fold(l).map((f) => (i === 1 ? c.dim(f) : f))));
  return `${out.join('\n')}\n`;
}

export function historyMd(input: HistoryRenderInput): string {
  const w = wordsOfHistory(input.lang);
  const { history: h, precision } = input;
  const { header: head, aligns } = header(h, w);
  const rows = h.staff.map((r) => [
    mdEscape(r.staffId),
    mdEscape(r.name),
    mdEscape(r.post),
    ...r.results.map((s) => semesterText(s, precision, w)),
    ...GRADES.map((g) => String(r.counts[g])),
    years(r.awardYears),
    years(r.nonRenewalYears),
    String(r.longestUnqualifiedRun),
    trendText(r, precision, true),
  ]);
  const out: string[] = [`## ${mdEscape(w.title(h.staff.length, h.semesters))}`, ''];
  pushAll(out, mdTable(head, aligns, rows));
  out.push('');
  pushAll(out, footer(h, w).flatMap((l) => [l, '']));
  return out.join('\n');
}
