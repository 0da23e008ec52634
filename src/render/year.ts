/** Rendering the year report (both semesters side by side): table, csv, json, md; and the words both year and rewards use. */
import { CsvBytes, RowEnds, csvRows } from './csv.js';
import type { StaffResult } from '../core/report.js';
import { type GradedHalf, type Half, type YearCategory, type YearDecision, type YearOutcome, HALVES, YEAR_CATEGORIES, sumAmounts, yearCategory } from '../core/year.js';
import type { Grade } from '../core/types.js';
import { type Lang, words } from '../i18n/index.js';
import { type YearWords, wordsOfYear } from '../i18n/year.js';
import { mdEscape, neutralize } from './format.js';
import { type SealBase, reportJson } from './json.js';
import { type Align, type Arrangement, type Cell, fitTable, inTable, listBelow, mdTable, painter, sectionedLayout, pushAll } from './table.js';
import { foldTo, roomIn } from './lines.js';

export interface YearRenderInput {
  year: number;
  outcomes: YearOutcome[];
  precision: number;
  lang: Lang;
  color: boolean;
  /** JSON only: the seal to write (SPEC "Seal, verify, diff"). */
  seal?: SealBase;
  /** Table only: the terminal's width in columns when the table goes to one (null: not a terminal). */
  width?: number | null;
}

export function semesterOf(o: YearOutcome, half: Half): StaffResult | null {
  return half === 'h1' ? o.h1 : o.h2;
}

/** A semester's grade in words, or "not scored" (the year's and HR's lists, their workbooks). */
export function gradeWords(s: GradedHalf | null, grade: Record<Grade, string>, w: YearWords): string {
  return s ? grade[s.grade] : w.notScored;
}

export function missingHalves(o: YearDecision): Half[] {
  return HALVES.filter((h) => o.graded[h] === null);
}

/** The year outcome in a few words: what the year rules decided. */
export function outcomeWords(o: YearDecision, w: YearWords): string {
  const parts: string[] = [];
  if (o.awardCandidate) parts.push(w.outcome.award);
  if (o.nonRenewal) parts.push(w.outcome.nonRenewal);
  if (o.rectification) parts.push(w.outcome.rectification(HALVES.filter((h) => o.graded[h]?.grade === 'unqualified')));
  if (o.status === 'incomplete') parts.push(w.outcome.incomplete(missingHalves(o)));
  return parts.join(w.join);
}

/** Why someone is on HR's list: the year decision, then each semester's reward or penalty. */
export function reasonWords(o: YearDecision, w: YearWords): string {
  const parts: string[] = [];
  if (o.awardCandidate) parts.push(w.reason.award);
  if (o.nonRenewal) parts.push(w.reason.nonRenewal);
  for (const half of HALVES) {
    const s = o.graded[half];
    if (!s) continue;
    if (s.consequence.rewardDue) parts.push(w.reason.reward(half, s.grade));
    if (s.consequence.penaltyDue) {
      parts.push(w.reason.penalty(half, o.rectifyBy[half]));
    }
  }
  if (o.status === 'incomplete') parts.push(w.reason.incomplete(missingHalves(o)));
  return parts.join(w.join);
}

/** The annual bonus as a number: 0 when none is due, null when unset (the year's CSV and HR's lists). */
export function annualBonus(o: YearDecision): number | null {
  return o.annualBonusDue ? o.annualBonus : 0;
}

export function rectifyDates(o: YearDecision): string {
  // (No array a person: the year's CSV writes this for 200,000 people.)
  const { h1, h2 } = o.rectifyBy;
  return h1 === null ? (h2 ?? '') : h2 === null ? h1 : `${h1} ${h2}`;
}

/** yes / no / undecided (null), in the report's language. */
export function yesNo(v: boolean | null, w: YearWords): string {
  return v === null ? w.undecided : v ? w.yes : w.no;
}

/** An amount for people: blank when nothing is due, "(unset)" where the policy has no amount. */
export function moneyText(due: boolean, value: number | null, w: YearWords): string {
  if (!due) return '';
  return value === null ? w.unset : w.currency(value);
}

/** A total for people: blank when zero. */
export function totalText(value: number | null, w: YearWords): string {
  if (value === null) return w.unset;
  return value === 0 ? '' : w.currency(value);
}

/** Adds up a column of totals; those left null by an unset amount are counted apart, and none set is "unset". */
export function sumText(values: Iterable<number | null>, w: YearWords): string {
  const { sum, unset } = sumAmounts(values);
  if (sum === null) return w.totalUnset;
  return `${w.currency(sum)}${unset ? w.someUnset(unset) : ''}`;
}

/** How a section's outcome cell is colored: green award, red non-renewal, yellow rectification. */
export function categoryPaint(cat: YearCategory): Partial<Cell> {
  switch (cat) {
    case 'award':
      return { grade: 'excellent' };
    case 'non-renewal':
      return { grade: 'unqualified' };
    case 'rectification':
      return { grade: 'qualified' };
    case 'incomplete':
      return { dim: true };
    case 'other':
      return {};
  }
}

/** The people of each section, most notable first; empty sections left out. */
export function sectionsOf(outcomes: YearOutcome[]): { category: YearCategory; outcomes: YearOutcome[] }[] {
  return YEAR_CATEGORIES.map((category) => ({ category, outcomes: outcomes.filter((o) => yearCategory(o) === category) })).filter(
    (s) => s.outcomes.length > 0,
  );
}

/** Sections of one table: a title over each, the same column widths in all of them. */
export { sectionedLayout };

export { mdEscape };

export { mdTable };

export function yearJson(input: YearRenderInput): Uint8Array[] {
  const half = (s: StaffResult | null) => (s ? { total: s.total.toNumber(input.precision), grade: s.grade } : null);
  const doc = {
    year: input.year,
    staff: input.outcomes.map((o) => ({
      staffId: o.staffId,
      name: o.name,
      post: o.post,
      h1: half(o.h1),
      h2: half(o.h2),
      status: o.status,
      awardCandidate: o.awardCandidate,
      nonRenewal: o.nonRenewal,
      rectification: o.rectification,
      rewardTotal: o.rewardTotal,
      penaltyTotal: o.penaltyTotal,
    })),
  };
  return reportJson(doc, input.seal);
}

/** The CSV, a piece at a time as it is written; `reusePieces` as for scoreCsv. */
export function* yearCsv(input: YearRenderInput, bom: boolean, reusePieces = false): Generator<Uint8Array> {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = w.yearCol;
  const header = [
    c.staffId, c.name, c.post, c.h1Total, c.h1Grade, c.h2Total, c.h2Grade, c.status, c.awardCandidate, c.nonRenewal,
    c.rectification, c.annualBonus, c.rewardTotal, c.penaltyTotal, c.rectifyBy, c.outcome,
  ];
  // Cell by cell into bytes, totals digit by digit: a year of 200,000 people is never held as rows,
  // as one string or as bytes.
  const out = new CsvBytes(bom, reusePieces);
  out.row(header);
  const p = input.precision;
  const total = (s: StaffResult | null): void => (s ? out.fixed(s.total, p) : out.empty());
  // A row's cells from the status on follow from the year's decision alone, which everyone with the
  // same two semester consequences shares (a few dozen).
  const ends = new RowEnds<YearDecision>(out, (d) => {
    out.text(w.status[d.status]);
    out.text(yesNo(d.awardCandidate, w));
    out.text(yesNo(d.nonRenewal, w));
    out.text(yesNo(d.rectification, w));
    out.numberOrEmpty(annualBonus(d));
    out.numberOrEmpty(d.rewardTotal);
    out.numberOrEmpty(d.penaltyTotal);
    out.text(rectifyDates(d));
    out.text(outcomeWords(d, w));
    out.end();
  });
  const outcomes = input.outcomes;
  yield* csvRows(out, outcomes.length, (at) => {
    const o = outcomes[at]!;
    // Each semester's result is made when asked (YearOutcome): asked once a row.
    const h1 = o.h1;
    const h2 = o.h2;
    out.text(neutralize(o.staffId));
    out.text(neutralize(o.name));
    out.text(neutralize(o.post));
    total(h1);
    out.text(gradeWords(h1, g, w));
    total(h2);
    out.text(gradeWords(h2, g, w));
    ends.put(o.decision);
  });
  yield* out.chunks();
}

function yearHeader(w: YearWords): { header: string[]; aligns: Align[] } {
  const h = w.head;
  return {
    header: [h.staffId, h.name, h.post, h.h1Total, h.h1Grade, h.h2Total, h.h2Grade, h.rewards, h.penalties, h.rectifyBy, h.outcome],
    aligns: ['left', 'left', 'left', 'right', 'left', 'right', 'left', 'right', 'right', 'left', 'left'],
  };
}

/** A semester's total and grade in the year's table (its result read once: YearOutcome makes it at each read). */
function semesterCells(s: StaffResult | null, precision: number, grade: Record<Grade, string>, w: YearWords): [Cell, Cell] {
  if (!s) return [{ text: '—', bold: false, dim: true }, { text: w.notScored, dim: true }];
  return [{ text: s.total.toFixed(precision), bold: true, dim: false }, { text: grade[s.grade], grade: s.grade }];
}

/**
 * The two lines under a year's lists, which the year table and the report's year section print
 * alike: the counts (the incomplete listed under rectification said, so that the sections add up to
 * everyone) and the rewards and penalties in total.
 */
export function yearFooter(outcomes: readonly YearOutcome[], w: YearWords): [counts: string, money: string] {
  const count = (f: (o: YearOutcome) => boolean) => outcomes.filter(f).length;
  return [
    w.yearCounts(
      count((o) => yearCategory(o) === 'award'),
      count((o) => yearCategory(o) === 'non-renewal'),
      count((o) => o.rectification),
      count((o) => o.status === 'incomplete'),
      count((o) => o.status === 'incomplete' && o.rectification),
    ),
    w.money(sumText(outcomes.flatMap((o) => o.rewardAmounts), w), sumText(outcomes.flatMap((o) => o.penaltyAmounts), w)),
  ];
}

/**
 * What a terminal too narrow for the year table gives up first: the gaps between columns, then the
 * rewards, penalties and due dates, then the year outcome (its section says most of it), each
 * listed below the table; the person, both totals and both grades always stay.
 */
const YEAR_MONEY = [7, 8, 9];
const YEAR_FITS: Arrangement[] = [[], YEAR_MONEY, [...YEAR_MONEY, 10]].flatMap((below) => [
  { below, gap: 2 },
  { below, gap: 1 },
]);

export function yearTable(input: YearRenderInput): string {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = painter(input.color);
  const { header, aligns } = yearHeader(w);
  const room = roomIn(input.width);
  const fold = (l: string) => foldTo(l, room);
  const out: string[] = [...fold(w.yearTitle(input.year, input.outcomes.length)).map((l) => c.bold(l)), ''];
  const sorted = sectionsOf(input.outcomes);
  const sections = sorted.map((sec) => ({
    title: w.sectionTitle(w.section[sec.category], sec.outcomes.length),
    rows: sec.outcomes.map((o): Cell[] => [
      { text: o.staffId },
      { text: o.name },
      { text: o.post },
      ...semesterCells(o.h1, input.precision, g, w),
      ...semesterCells(o.h2, input.precision, g, w),
      { text: totalText(o.rewardTotal, w) },
      { text: totalText(o.penaltyTotal, w) },
      { text: rectifyDates(o) },
      { text: outcomeWords(o, w), ...categoryPaint(sec.category) },
    ]),
  }));
  const all = sections.flatMap((sec) => sec.rows);
  const fit = fitTable(header, all, room, YEAR_FITS);
  const shown = sections.map((sec) => ({ title: sec.title, rows: sec.rows.map((row) => inTable(row, fit)) }));
  pushAll(out, sectionedLayout(inTable(header, fit), shown, inTable(aligns, fit), c, fit.gap));
  const people = sorted.flatMap((sec) => sec.outcomes);
  const below = listBelow(header, all, fit, (k) => `${people[k]!.staffId} ${people[k]!.name}`, words(input.lang), room);
  if (below.length > 0) {
    pushAll(out, fold(words(input.lang).moneyBelow).map((l) => c.bold(l)));
    pushAll(out, below);
    out.push('');
  }
  pushAll(out, yearFooter(input.outcomes, w).flatMap(fold));
  return `${out.join('\n')}\n`;
}

export function yearMd(input: YearRenderInput): string {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const { header, aligns } = yearHeader(w);
  const out: string[] = [`## ${w.yearTitle(input.year, input.outcomes.length)}`, ''];
  for (const sec of sectionsOf(input.outcomes)) {
    out.push(`### ${w.sectionTitle(w.section[sec.category], sec.outcomes.length)}`, '');
    const semester = (s: StaffResult | null) => [s ? `**${s.total.toFixed(input.precision)}**` : '—', gradeWords(s, g, w)];
    const rows = sec.outcomes.map((o) => [
      mdEscape(o.staffId),
      mdEscape(o.name),
      mdEscape(o.post),
      ...semester(o.h1),
      ...semester(o.h2),
      totalText(o.rewardTotal, w),
      totalText(o.penaltyTotal, w),
      rectifyDates(o),
      mdEscape(outcomeWords(o, w)),
    ]);
    pushAll(out, mdTable(header, aligns, rows));
    out.push('');
  }
  pushAll(out, yearFooter(input.outcomes, w).flatMap((l) => [l, '']));
  return out.join('\n');
}
