/** Rendering `evaluate diff`: table, csv, json (SPEC "Seal, verify, diff"), md. */
import type { Change, Person, ReportDiff } from '../core/diff.js';
import { TOTAL_FIELDS, changedCount, decimalsOf } from '../core/diff.js';
import { GRADES, type Grade } from '../core/types.js';
import { type AuditWords, auditWords } from '../i18n/audit.js';
import { type Lang, words } from '../i18n/index.js';
import { semesterZh } from '../i18n/zh.js';
import { csvString } from './csv.js';
import { mdEscape, neutralize } from './format.js';
import { type Align, type Cell, layout, mdTable, painter, pushAll } from './table.js';

/** The decimals each report's totals are shown with: its policy's `precision`. */
export interface DiffPrecision {
  before: number;
  after: number;
}

export interface DiffRenderInput {
  diff: ReportDiff;
  /** The two files as named on the command line. */
  before: string;
  after: string;
  /** Null: totals as the reports write them (JSON). */
  precision: DiffPrecision | null;
  lang: Lang;
  color: boolean;
}

const AMOUNT_FIELDS = new Set(['reward', 'penalty', 'rewardTotal', 'penaltyTotal']);
const isGrade = (v: unknown): v is Grade => typeof v === 'string' && (GRADES as readonly string[]).includes(v);

/** A total with exactly `places` decimals (`89.0`); one written with more (a report edited by hand) keeps them all. */
function totalText(n: number, places: number | null): string {
  return places === null || decimalsOf(n) > places ? String(n) : n.toFixed(places);
}

/**
 * A value for people: grade words and yes/no in the language, amounts in yuan, totals with `places`
 * decimals (null: as written); `null` for a missing one.
 */
function valueText(field: string, v: unknown, lang: Lang, w: AuditWords, forCsv: boolean, places: number | null): string | number | null {
  if (v === null || v === undefined) return null;
  const g = words(lang).grade;
  if (typeof v === 'boolean') return v ? w.diff.yes : w.diff.no;
  if (typeof v === 'number') {
    if (TOTAL_FIELDS.has(field)) return places === null ? v : totalText(v, places);
    return forCsv || !AMOUNT_FIELDS.has(field) ? v : w.diff.currency(v);
  }
  if (isGrade(v)) return g[v];
  if (typeof v === 'string') return v;
  // A year report's semester: { total, grade }.
  const o = v as { total?: unknown; grade?: unknown };
  if (typeof o.total === 'number' && isGrade(o.grade)) return `${totalText(o.total, places)} ${g[o.grade]}`;
  return JSON.stringify(v);
}

/** Where a change is, as people read it: the semester in the language's words (`2026年上半年`), or the year. */
export function placeText(semester: string | number, lang: Lang): string {
  return typeof semester === 'string' && lang === 'zh' ? semesterZh(semester) : String(semester);
}

/**
 * One change as verify lists it: the field in words, the value before and after as the table shows
 * them (totals with `places` decimals; null: as written).
 */
export function changeText(field: string, before: unknown, after: unknown, lang: Lang, places: number | null = null): string {
  const w = auditWords(lang);
  const shown = (v: unknown) => {
    const t = valueText(field, v, lang, w, false, places);
    return t === null ? w.diff.none : String(t);
  };
  return `${w.diff.field[field] ?? field} ${shown(before)} → ${shown(after)}`;
}

function placeHeader(input: DiffRenderInput, w: AuditWords, kind: 'head' | 'col'): string {
  const y = input.diff.kind === 'year';
  return kind === 'head' ? (y ? w.diff.head.year : w.diff.head.semester) : y ? w.diff.col.year : w.diff.col.semester;
}

export function diffJson({ diff }: DiffRenderInput): string {
  const person = (p: Person) => ({ semester: p.semester, staffId: p.staffId, name: p.name });
  const doc = {
    changes: diff.changes.map((c) => ({ semester: c.semester, staffId: c.staffId, field: c.field, before: c.before ?? null, after: c.after ?? null })),
    added: diff.added.map(person),
    removed: diff.removed.map(person),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function diffCsv(input: DiffRenderInput, bom: boolean): string {
  const w = auditWords(input.lang);
  const c = w.diff.col;
  const text = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? v : neutralize(v));
  const rows: (string | number)[][] = [[placeHeader(input, w, 'col'), c.staffId, c.name, c.change, c.field, c.before, c.after]];
  for (const x of input.diff.changes) {
    rows.push([
      x.semester,
      neutralize(x.staffId),
      neutralize(x.name),
      w.diff.change.changed,
      w.diff.field[x.field] ?? x.field,
      text(valueText(x.field, x.before, input.lang, w, true, input.precision?.before ?? null)),
      text(valueText(x.field, x.after, input.lang, w, true, input.precision?.after ?? null)),
    ]);
  }
  for (const [list, word] of [
    [input.diff.added, w.diff.change.added],
    [input.diff.removed, w.diff.change.removed],
  ] as const) {
    for (const p of list) rows.push([p.semester, neutralize(p.staffId), neutralize(p.name), word, '', '', '']);
  }
  return csvString(rows, bom);
}

function title(input: DiffRenderInput, w: AuditWords): string {
  const d = input.diff;
  return w.diff.title(d.kind, input.before, input.after, changedCount(d), d.added.length, d.removed.length);
}

const CHANGE_ALIGNS: Align[] = ['left', 'left', 'left', 'left', 'left', 'left'];

function changeRow(x: Change, input: DiffRenderInput, w: AuditWords): string[] {
  const shown = (v: unknown, places: number | null) => {
    const t = valueText(x.field, v, input.lang, w, false, places);
    return t === null ? w.diff.none : String(t);
  };
  const p = input.precision;
  return [placeText(x.semester, input.lang), x.staffId, x.name, w.diff.field[x.field] ?? x.field, shown(x.before, p?.before ?? null), shown(x.after, p?.after ?? null)];
}

const personRow = (p: Person, lang: Lang) => [placeText(p.semester, lang), p.staffId, p.name];

export function diffTable(input: DiffRenderInput): string {
  const w = auditWords(input.lang);
  const c = painter(input.color);
  const h = w.diff.head;
  const d = input.diff;
  const out: string[] = [c.bold(title(input, w)), ''];
  if (d.changes.length === 0 && d.added.length === 0 && d.removed.length === 0) return `${[...out, w.diff.nothing].join('\n')}\n`;
  if (d.changes.length > 0) {
    const rows = d.changes.map((x) => {
      const cells: Cell[] = changeRow(x, input, w).map((text) => ({ text }));
      if (x.field === 'grade') {
        if (isGrade(x.before)) cells[4]!.grade = x.before;
        if (isGrade(x.after)) cells[5]!.grade = x.after;
      }
      return cells;
    });
    pushAll(out, layout([placeHeader(input, w, 'head'), h.staffId, h.name, h.field, h.before, h.after], rows, CHANGE_ALIGNS, c));
    out.push('');
  }
  for (const [list, head] of [
    [d.added, w.diff.added(d.added.length)],
    [d.removed, w.diff.removed(d.removed.length)],
  ] as const) {
    if (list.length === 0) continue;
    out.push(c.bold(head));
    pushAll(out, layout([placeHeader(input, w, 'head'), h.staffId, h.name], list.map((p) => personRow(p, input.lang).map((text) => ({ text }))), ['left', 'left', 'left'], c));
    out.push('');
  }
  return `${out.join('\n')}`;
}

export function diffMd(input: DiffRenderInput): string {
  const w = auditWords(input.lang);
  const h = w.diff.head;
  const d = input.diff;
  const out: string[] = [`## ${mdEscape(title(input, w))}`, ''];
  if (d.changes.length === 0 && d.added.length === 0 && d.removed.length === 0) return `${[...out, w.diff.nothing, ''].join('\n')}`;
  if (d.changes.length > 0) {
    const rows = d.changes.map((x) => changeRow(x, input, w).map(mdEscape));
    pushAll(out, mdTable([placeHeader(input, w, 'head'), h.staffId, h.name, h.field, h.before, h.after], CHANGE_ALIGNS, rows));
    out.push('');
  }
  for (const [list, head] of [
    [d.added, w.diff.added(d.added.length)],
    [d.removed, w.diff.removed(d.removed.length)],
  ] as const) {
    if (list.length === 0) continue;
    out.push(`### ${head}`, '');
    pushAll(out, mdTable([placeHeader(input, w, 'head'), h.staffId, h.name], ['left', 'left', 'left'], list.map((p) => personRow(p, input.lang).map(mdEscape))));
    out.push('');
  }
  return out.join('\n');
}
