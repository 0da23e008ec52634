/**
 * HR's workbook (SPEC "xlsx"): `score` one sheet per semester, `year` one sheet, `rewards` one
 * sheet per list, each with the CSV's columns. Cells are typed: numbers are numeric cells holding
 * the values JSON holds, with number formats (totals with `precision` decimals, amounts in CNY),
 * staff ids, names and posts are text cells (`0001` stays `0001`), due dates are date cells. No cell
 * is a formula: a text that starts with `=` is written as a string, never as a formula, so it needs
 * no leading `'` as the CSV does.
 *
 * exceljs (maintained, engines node >= 8.3) is loaded here only, when a workbook is asked for: it
 * takes about 200 ms to load, which `evaluate score` on a table must not pay.
 */
import { yuan } from '../core/money.js';
import { evaluationDate } from '../core/rules.js';
import type { Worksheet } from 'exceljs';
import type { StaffResult } from '../core/report.js';
import { type RewardsOnly, type YearOutcome, REWARDS_ONLY, rewardsFilter } from '../core/year.js';
import { GRADES, METHODS } from '../core/types.js';
import { wordsOfHistory } from '../i18n/history.js';
import type { HistoryRenderInput } from './history.js';
import { words } from '../i18n/index.js';
import { xlsxWords } from '../i18n/xlsx.js';
import { wordsOfYear } from '../i18n/year.js';
import { amount, type RewardsRenderInput } from './rewards.js';
import { methodNumbers, type ScoreRenderInput } from './score.js';
import { displayWidth } from './width.js';
import { type YearRenderInput, annualBonus, gradeWords, outcomeWords, reasonWords, rectifyDates, yesNo } from './year.js';

/** How a column's cells are written: the cell type and the number format. */
export type ColumnKind = 'text' | 'integer' | 'score' | 'total' | 'amount' | 'date';

export interface Column {
  header: string;
  kind: ColumnKind;
}

/** A cell's value before typing: null is an empty cell; a date is an ISO `yyyy-mm-dd` string. */
export type Value = string | number | null;

export interface SheetSpec {
  name: string;
  columns: Column[];
  rows: Value[][];
}

/** Chinese yuan, the sign Excel itself writes for the PRC locale (LCID 804). */
export const CNY_FORMAT = '[$¥-804]#,##0';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';

export function totalFormat(precision: number): string {
  return precision === 0 ? '0' : `0.${'0'.repeat(precision)}`;
}

function numFmt(kind: ColumnKind, precision: number): string {
  switch (kind) {
    case 'text':
      return TEXT_FORMAT;
    case 'integer':
      return '0';
    case 'score':
      return '0.00';
    case 'total':
      return totalFormat(precision);
    case 'amount':
      return CNY_FORMAT;
    case 'date':
      return DATE_FORMAT;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The text a cell shows, for the column's width. */
function shown(v: Value, kind: ColumnKind, precision: number): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (kind === 'amount') return yuan(v);
  if (kind === 'score') return v.toFixed(2);
  if (kind === 'total') return v.toFixed(precision);
  return String(v);
}

// XML 1.0 cannot hold these characters; OOXML writes them as _xHHHH_ (ECMA-376 ST_Xstring), and a
// literal `_xHHHH_` in the data has its underscore escaped the same way, so that it reads back as written.
// eslint-disable-next-line no-control-regex -- the control characters are what it matches
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * Fills one worksheet: header bold and frozen, typed cells, widths that fit the text (Chinese counts
 * double). The workbook is written as it is filled (exceljs's streaming writer): the widths, which
 * come before the rows in the file, are measured over every row first, then each row is written and
 * let go, so that a workbook of 200,000 people is never held as cell objects.
 */
function fill(ws: Worksheet, spec: SheetSpec, precision: number): void {
  // The header has the filter's drop-down button beside its text: room for two more characters.
  const widths = spec.columns.map((c) => displayWidth(c.header) + 2);
  for (const values of spec.rows) {
    spec.columns.forEach((col, i) => {
      widths[i] = Math.max(widths[i]!, displayWidth(shown(values[i] ?? null, col.kind, precision)));
    });
  }
  spec.columns.forEach((_, i) => {
    ws.getColumn(i + 1).width = Math.min(80, widths[i]! + 2.5);
  });
  if (spec.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
  const header = ws.addRow(spec.columns.map((c) => xmlSafe(c.header)));
  header.font = { bold: true };
  header.commit();
  for (const values of spec.rows) {
    const row = ws.addRow([]);
    spec.columns.forEach((col, i) => {
      const v = values[i] ?? null;
      if (v === null || v === '') return;
      const cell = row.getCell(i + 1);
      const date = col.kind === 'date' && typeof v === 'string' ? ISO_DATE.exec(v) : null;
      if (date) {
        // Midnight UTC: exceljs turns a Date into Excel's day number by its UTC time.
        cell.value = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
        cell.numFmt = DATE_FORMAT;
      } else if (typeof v === 'number') {
        cell.value = v;
        cell.numFmt = numFmt(col.kind, precision);
      } else {
        // A string is a text cell whatever it starts with; `@` keeps it text when someone edits it.
        cell.value = xmlSafe(v);
        cell.numFmt = TEXT_FORMAT;
      }
    });
    row.commit();
  }
  ws.commit();
}

type ExcelJSModule = typeof import('exceljs');

/**
 * exceljs, imported on demand. Under bin/evaluate.cjs the bundle runs from V8's code cache, where an
 * import() written in it has no loader: the bin leaves one on globalThis (as for inquirer). Tests,
 * which import the sources directly, take the plain import().
 */
export async function loadExcelJS(): Promise<ExcelJSModule> {
  const viaBin = (globalThis as { __evaluateImport?: (specifier: string) => Promise<unknown> }).__evaluateImport;
  const mod = (viaBin ? await viaBin('exceljs') : await import('exceljs')) as { default?: ExcelJSModule } & ExcelJSModule;
  // A CommonJS package seen from an ES import: its exports are the default.
  return mod.default ?? mod;
}

/**
 * The workbook of the given sheets, as the bytes of an .xlsx file: the same bytes for the same
 * report, run after run (a script compares checksums). `dated` is the day the workbook says it was
 * made (the evaluation day of its last semester): exceljs would write the clock's time into
 * docProps/core.xml and into every zip entry.
 */
export async function workbook(sheets: SheetSpec[], precision: number, dated: Date): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJS();
  // The file's bytes gathered as the writer makes them (--out then writes them whole, atomically).
  const chunks: Uint8Array[] = [];
  const { Writable } = process.getBuiltinModule('node:stream');
  const sink = new Writable({
    write(chunk: Uint8Array, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = 'evaluate';
  wb.created = dated;
  wb.modified = dated;
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
    fill(ws, spec, precision);
  }
  await wb.commit();
  await finished;
  return zipDated(Buffer.concat(chunks), dated);
}

/**
 * The zip's entries all dated `day` (midnight, as MS-DOS dates go: local header and central
 * directory alike); archiver dates each with the clock. Only the date fields change: no checksum
 * covers them.
 */
function zipDated(zip: Buffer, day: Date): Buffer {
  const dosDate = ((Math.max(day.getUTCFullYear(), 1980) - 1980) << 9) | ((day.getUTCMonth() + 1) << 5) | day.getUTCDate();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('the workbook has no zip directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('the workbook\'s zip directory is not as expected');
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(dosDate, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('the workbook\'s zip entry is not as expected');
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

/** The evaluation day of the latest of these semesters (the date a workbook of them carries). */
function lastEvaluationDay(semesters: readonly string[]): Date {
  const last = [...semesters].sort().at(-1);
  return last === undefined ? new Date(Date.UTC(1980, 0, 1)) : evaluationDate(last);
}

/** `score`: one sheet per semester, the CSV's columns. */
export function scoreSheets(input: ScoreRenderInput): SheetSpec[] {
  const w = words(input.lang);
  const x = xlsxWords(input.lang);
  const columns: Column[] = [
    { header: w.col.rank, kind: 'integer' },
    { header: w.col.staffId, kind: 'text' },
    { header: w.col.name, kind: 'text' },
    { header: w.col.post, kind: 'text' },
    { header: w.col.semester, kind: 'text' },
    ...METHODS.map((m): Column => ({ header: input.lang === 'zh' ? w.method[m] : m, kind: 'score' })),
    { header: w.col.total, kind: 'total' },
    { header: w.col.grade, kind: 'text' },
    { header: w.col.reward, kind: 'amount' },
    { header: w.col.penalty, kind: 'amount' },
    { header: w.col.rectifyBy, kind: 'date' },
  ];
  return input.reports.map((r) => ({
    name: x.semesterSheet(r.semester),
    columns,
    rows: r.staff.map((s): Value[] => {
      const m = methodNumbers(s);
      return [
        s.rank,
        s.staffId,
        s.name,
        s.post,
        s.semester,
        ...METHODS.map((k) => m[k] ?? null),
        s.total.toNumber(input.precision),
        w.grade[s.grade],
        s.consequence.reward,
        s.consequence.penalty,
        s.consequence.rectifyBy,
      ];
    }),
  }));
}

/** A semester's total as JSON holds it, for the year and rewards sheets. */
function totalOf(s: StaffResult | null, precision: number): number | null {
  return s ? s.total.toNumber(precision) : null;
}

/** `year`: one sheet, the CSV's columns. */
export function yearSheets(input: YearRenderInput): SheetSpec[] {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = w.yearCol;
  const columns: Column[] = [
    { header: c.staffId, kind: 'text' },
    { header: c.name, kind: 'text' },
    { header: c.post, kind: 'text' },
    { header: c.h1Total, kind: 'total' },
    { header: c.h1Grade, kind: 'text' },
    { header: c.h2Total, kind: 'total' },
    { header: c.h2Grade, kind: 'text' },
    { header: c.status, kind: 'text' },
    { header: c.awardCandidate, kind: 'text' },
    { header: c.nonRenewal, kind: 'text' },
    { header: c.rectification, kind: 'text' },
    { header: c.annualBonus, kind: 'amount' },
    { header: c.rewardTotal, kind: 'amount' },
    { header: c.penaltyTotal, kind: 'amount' },
    { header: c.rectifyBy, kind: 'date' },
    { header: c.outcome, kind: 'text' },
  ];
  const rows = input.outcomes.map((o): Value[] => [
    o.staffId,
    o.name,
    o.post,
    totalOf(o.h1, input.precision),
    gradeWords(o.graded.h1, g, w),
    totalOf(o.h2, input.precision),
    gradeWords(o.graded.h2, g, w),
    w.status[o.status],
    yesNo(o.awardCandidate, w),
    yesNo(o.nonRenewal, w),
    yesNo(o.rectification, w),
    annualBonus(o),
    o.rewardTotal,
    o.penaltyTotal,
    rectifyDates(o) || null,
    outcomeWords(o, w),
  ]);
  return [{ name: xlsxWords(input.lang).yearSheet(input.year), columns, rows }];
}

/** `rewards`: one sheet per list (only the one asked for with --only), each present even when empty. */
export function rewardsSheets(input: RewardsRenderInput): SheetSpec[] {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = w.rewardsCol;
  const columns: Column[] = [
    { header: c.staffId, kind: 'text' },
    { header: c.name, kind: 'text' },
    { header: c.post, kind: 'text' },
    { header: c.h1Grade, kind: 'text' },
    { header: c.h2Grade, kind: 'text' },
    { header: c.h1Reward, kind: 'amount' },
    { header: c.h2Reward, kind: 'amount' },
    { header: c.annualBonus, kind: 'amount' },
    { header: c.rewardTotal, kind: 'amount' },
    { header: c.h1Penalty, kind: 'amount' },
    { header: c.h2Penalty, kind: 'amount' },
    { header: c.penaltyTotal, kind: 'amount' },
    { header: c.awardCandidate, kind: 'text' },
    { header: c.nonRenewal, kind: 'text' },
    { header: c.rectifyBy, kind: 'date' },
    { header: c.reason, kind: 'text' },
  ];
  const row = (o: YearOutcome): Value[] => [
    o.staffId,
    o.name,
    o.post,
    gradeWords(o.graded.h1, g, w),
    gradeWords(o.graded.h2, g, w),
    amount(o.graded.h1, 'reward'),
    amount(o.graded.h2, 'reward'),
    annualBonus(o),
    o.rewardTotal,
    amount(o.graded.h1, 'penalty'),
    amount(o.graded.h2, 'penalty'),
    o.penaltyTotal,
    yesNo(o.awardCandidate, w),
    yesNo(o.nonRenewal, w),
    rectifyDates(o) || null,
    reasonWords(o, w),
  ];
  const lists: readonly RewardsOnly[] = input.only ? [input.only] : REWARDS_ONLY;
  return lists.map((list) => ({
    name: xlsxWords(input.lang).listSheet[list],
    columns,
    rows: input.outcomes.filter(rewardsFilter(list)).map(row),
  }));
}

/**
 * `history`: one sheet with the CSV's columns (SPEC "History"): each semester's total a number
 * (empty where the person was not scored), the grade counts and the longest run whole numbers, the
 * years as the CSV writes them (`2025;2026`), the trend a number with `precision` decimals.
 */
export function historySheets(input: HistoryRenderInput): SheetSpec[] {
  const c = wordsOfHistory(input.lang).col;
  const { history: h, precision } = input;
  const columns: Column[] = [
    { header: c.staffId, kind: 'text' },
    { header: c.name, kind: 'text' },
    { header: c.post, kind: 'text' },
    ...h.semesters.map((s): Column => ({ header: s, kind: 'total' })),
    { header: c.excellent, kind: 'integer' },
    { header: c.good, kind: 'integer' },
    { header: c.qualified, kind: 'integer' },
    { header: c.unqualified, kind: 'integer' },
    { header: c.awardYears, kind: 'text' },
    { header: c.nonRenewalYears, kind: 'text' },
    { header: c.longestRun, kind: 'integer' },
    { header: c.trend, kind: 'total' },
  ];
  const rows = h.staff.map((r): Value[] => [
    r.staffId,
    r.name,
    r.post,
    ...r.results.map((s) => (s ? s.total.toNumber(precision) : null)),
    ...GRADES.map((g) => r.counts[g]),
    r.awardYears.join(';') || null,
    r.nonRenewalYears.join(';') || null,
    r.longestUnqualifiedRun,
    r.trend === null ? null : r.trend.toNumber(precision),
  ]);
  return [{ name: xlsxWords(input.lang).historySheet, columns, rows }];
}

export async function historyXlsx(input: HistoryRenderInput): Promise<Uint8Array> {
  return workbook(historySheets(input), input.precision, lastEvaluationDay(input.history.semesters));
}

export async function scoreXlsx(input: ScoreRenderInput): Promise<Uint8Array> {
  return workbook(scoreSheets(input), input.precision, lastEvaluationDay(input.reports.map((r) => r.semester)));
}

export async function yearXlsx(input: YearRenderInput): Promise<Uint8Array> {
  return workbook(yearSheets(input), input.precision, evaluationDate(`${input.year}-H2`));
}

export async function rewardsXlsx(input: RewardsRenderInput): Promise<Uint8Array> {
  return workbook(rewardsSheets(input), input.precision, evaluationDate(`${input.year}-H2`));
}
