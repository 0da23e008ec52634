/** Rendering batch's summary for the head office (summary.csv, summary.json) and its lines on the terminal. */
import type { CenterOutcome, SummaryRow } from '../commands/batch-center.js';
import { SUMMARY_COLUMNS } from '../commands/batch-center.js';
import type { Lang } from '../i18n/index.js';
import { wordsOfHistory } from '../i18n/history.js';
import { csvString } from './csv.js';
import { neutralize } from './format.js';
import { type Cell, layout, painter, pushAll } from './table.js';

/** SPEC's columns, snake_case in every language; empty cells where the JSON has null. */
export function summaryCsv(rows: readonly SummaryRow[], bom: boolean): string {
  const body = rows.map((r) =>
    SUMMARY_COLUMNS.map((k) => {
      const v = r[k];
      if (v === null) return '';
      return typeof v === 'number' ? v : neutralize(v);
    }),
  );
  return csvString([[...SUMMARY_COLUMNS], ...body], bom);
}

/** An array of the rows as objects with the CSV's keys, in its order: numbers as numbers, null where empty. */
export function summaryJson(rows: readonly SummaryRow[]): string {
  const objects = rows.map((r) => Object.fromEntries(SUMMARY_COLUMNS.map((k) => [k, r[k]])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

export function batchTable(outcomes: readonly CenterOutcome[], outDir: string, lang: Lang, color: boolean): string {
  const w = wordsOfHistory(lang);
  const c = painter(color);
  const h = w.batchHead;
  const rows = outcomes.map((o): Cell[] => [
    { text: o.center },
    { text: String(o.semesters) },
    { text: o.status === 'ok' ? String(o.years) : '' },
    { text: o.status === 'ok' ? String(o.staff) : '' },
    o.status === 'ok' ? { text: w.status.ok, grade: 'excellent' } : { text: w.status.failed, grade: 'unqualified' },
    { text: o.status === 'ok' ? w.filesWritten(o.files.length) : w.problemsIn(o.errors) },
  ]);
  const out = [c.bold(w.batchTitle(outcomes.length, outDir)), ''];
  pushAll(out, layout([h.center, h.semesters, h.years, h.staff, h.status, h.where], rows, ['left', 'right', 'right', 'right', 'left', 'left'], c));
  out.push('');
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  out.push(w.batchDone(outcomes.length - failed, failed));
  return `${out.join('\n')}\n`;
}
