/**
 * Rendering HR's lists: one row per staff member with a reward, the annual bonus, a penalty, award
 * candidacy or non-renewal. Amounts are numbers: 0 where nothing is due, empty (JSON null) where the
 * policy leaves the amount unset, so that a sum in Excel is right and a blank means "to be set".
 */
import type { Grade } from '../core/types.js';
import { type GradedHalf, type Half, type RewardsOnly, type YearCategory, type YearDecision, type YearOutcome, HALVES } from '../core/year.js';
import { type Lang, words } from '../i18n/index.js';
import { type YearWords, wordsOfYear } from '../i18n/year.js';
import { CsvBytes, RowEnds, csvRows } from './csv.js';
import { neutralize, printable } from './format.js';
import { type SealBase, reportJson } from './json.js';
import { fitLines, foldTo, roomIn } from './lines.js';
import { type Align, type Arrangement, type Cell, besides, fitTable, inTable, movedCells, paintGrade, painter, pushAll } from './table.js';
import { displayWidth } from './width.js';
import {
  annualBonus,
  categoryPaint,
  gradeWords,
  mdEscape,
  mdTable,
  moneyText,
  reasonWords,
  rectifyDates,
  sectionedLayout,
  sectionsOf,
  semesterOf,
  sumText,
  totalText,
  yesNo,
} from './year.js';

export interface RewardsRenderInput {
  year: number;
  only: RewardsOnly | null;
  /** The rows of the list, already narrowed by --only, ordered by staff id. */
  outcomes: YearOutcome[];
  precision: number;
  lang: Lang;
  color: boolean;
  /** JSON only: the seal to write (SPEC "Seal, verify, diff"). */
  seal?: SealBase;
  /** Table only: the terminal's width in columns when the table goes to one (null: not a terminal). */
  width?: number | null;
}

/** A semester's reward or penalty as a number: 0 when none is due (or the semester is missing), null when unset. */
export function amount(s: GradedHalf | null, kind: 'reward' | 'penalty'): number | null {
  if (!s) return 0;
  const due = kind === 'reward' ? s.consequence.rewardDue : s.consequence.penaltyDue;
  return due ? s.consequence[kind] : 0;
}

export function rewardsJson(input: RewardsRenderInput): Uint8Array[] {
  const w = wordsOfYear(input.lang);
  const half = (o: YearOutcome, h: Half) => {
    const s = semesterOf(o, h);
    return s
      ? {
          total: s.total.toNumber(input.precision),
          grade: s.grade,
          reward: amount(s, 'reward'),
          penalty: amount(s, 'penalty'),
          rectifyBy: o.rectifyBy[h],
        }
      : null;
  };
  const doc = {
    year: input.year,
    only: input.only,
    staff: input.outcomes.map((o) => ({
      staffId: o.staffId,
      name: o.name,
      post: o.post,
      h1: half(o, 'h1'),
      h2: half(o, 'h2'),
      status: o.status,
      awardCandidate: o.awardCandidate,
      nonRenewal: o.nonRenewal,
      rectification: o.rectification,
      annualBonus: annualBonus(o),
      rewardTotal: o.rewardTotal,
      penaltyTotal: o.penaltyTotal,
      rectifyBy: HALVES.map((h) => o.rectifyBy[h]).find((d) => d !== null) ?? null,
      reason: reasonWords(o, w),
      rules: o.rules,
      unset: o.unset,
    })),
  };
  return reportJson(doc, input.seal);
}

/** HR's lists as CSV, a piece at a time as it is written; `reusePieces` as for scoreCsv. */
export function* rewardsCsv(input: RewardsRenderInput, bom: boolean, reusePieces = false): Generator<Uint8Array> {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = w.rewardsCol;
  const header = [
    c.staffId, c.name, c.post, c.h1Grade, c.h2Grade, c.h1Reward, c.h2Reward, c.annualBonus, c.rewardTotal,
    c.h1Penalty, c.h2Penalty, c.penaltyTotal, c.awardCandidate, c.nonRenewal, c.rectifyBy, c.reason,
  ];
  // Cell by cell into bytes, a piece at a time as written (as the year's CSV): a year of 200,000
  // people is never held as rows, as one string or as bytes, nor made into an array a row.
  const out = new CsvBytes(bom, reusePieces);
  out.row(header);
  // A row's cells after the person follow from the year's decision alone (as yearCsv's from the status on).
  const ends = new RowEnds<YearDecision>(out, (d) => {
    const { h1, h2 } = d.graded;
    out.text(gradeWords(h1, g, w));
    out.text(gradeWords(h2, g, w));
    out.numberOrEmpty(amount(h1, 'reward'));
    out.numberOrEmpty(amount(h2, 'reward'));
    out.numberOrEmpty(annualBonus(d));
    out.numberOrEmpty(d.rewardTotal);
    out.numberOrEmpty(amount(h1, 'penalty'));
    out.numberOrEmpty(amount(h2, 'penalty'));
    out.numberOrEmpty(d.penaltyTotal);
    out.text(yesNo(d.awardCandidate, w));
    out.text(yesNo(d.nonRenewal, w));
    out.text(rectifyDates(d));
    out.text(neutralize(reasonWords(d, w)));
    out.end();
  });
  const outcomes = input.outcomes;
  yield* csvRows(out, outcomes.length, (at) => {
    const o = outcomes[at]!;
    out.text(neutralize(o.staffId));
    out.text(neutralize(o.name));
    out.text(neutralize(o.post));
    ends.put(o.decision);
  });
  yield* out.chunks();
}

function rewardsHeader(w: YearWords): { header: string[]; aligns: Align[] } {
  const h = w.head;
  return {
    header: [h.staffId, h.name, h.post, h.h1Grade, h.h2Grade, h.h1Reward, h.h2Reward, h.annualBonus, h.rewards, h.h1Penalty, h.h2Penalty, h.penalties, h.rectifyBy, h.reason],
    aligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
  };
}

function semesterMoney(o: YearOutcome, half: Half, kind: 'reward' | 'penalty', w: YearWords): string {
  const s = o.graded[half];
  if (!s) return '';
  return kind === 'reward'
    ? moneyText(s.consequence.rewardDue, s.consequence.reward, w)
    : moneyText(s.consequence.penaltyDue, s.consequence.penalty, w);
}

function sectionName(cat: YearCategory, w: YearWords): string {
  return cat === 'other' ? w.rewardsOther : w.section[cat];
}

function title(input: RewardsRenderInput, w: YearWords): string {
  return w.rewardsTitle(input.year, input.outcomes.length, input.only ? (w.only[input.only] ?? input.only) : null);
}

function footer(input: RewardsRenderInput, w: YearWords): string {
  return w.money(sumText(input.outcomes.flatMap((o) => o.rewardAmounts), w), sumText(input.outcomes.flatMap((o) => o.penaltyAmounts), w));
}

/** A semester as the table shows it: the grade and the money it brings, a penalty with a minus. */
function semesterCell(o: YearOutcome, half: Half, w: YearWords, g: Record<Grade, string>): Cell {
  const s = o.graded[half];
  if (!s) return { text: w.notScored, dim: true };
  const reward = semesterMoney(o, half, 'reward', w);
  const penalty = semesterMoney(o, half, 'penalty', w);
  const money = reward || (penalty && (s.consequence.penalty === null ? penalty : `\u2212${penalty}`));
  return { text: money ? besides(g[s.grade], money) : g[s.grade], grade: s.grade };
}

/** The table's width in a file or a wide terminal: 120 columns, the reason on lines of its own under each person. */
const TABLE_WIDTH = 120;

/**
 * What a terminal too narrow for HR's table gives up first: the gaps between columns, then the due
 * dates, the annual bonus, then the reward and penalty totals, each said on a line of the person's
 * own under the row, before the reason; the person and both semesters always stay.
 */
const REWARDS_FITS: Arrangement[] = [[], [8], [5, 8], [5, 6, 7, 8]].flatMap((below) => [
  { below, gap: 2 },
  { below, gap: 1 },
]);

/**
 * HR's lists for a terminal or a printout, 120 columns wide (a narrower terminal's width where it
 * goes to one): one row a person with each semester's grade and money, the bonus, the totals and
 * the due dates; the reason on a line under the row.
 */
export function rewardsTable(input: RewardsRenderInput): string {
  const w = wordsOfYear(input.lang);
  const common = words(input.lang);
  const g = common.grade;
  const c = painter(input.color);
  const h = w.head;
  const room = roomIn(input.width);
  const header = [h.staffId, h.name, h.post, w.half.h1, w.half.h2, h.annualBonus, h.rewards, h.penalties, h.rectifyBy];
  const aligns: Align[] = ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'];
  const out: string[] = [...foldTo(title(input, w), room).map((l) => c.bold(l)), ''];
  if (input.outcomes.length === 0) return `${[...out, w.nobody].join('\n')}\n`;
  const sections = sectionsOf(input.outcomes).map((sec) => ({
    ...sec,
    rows: sec.outcomes.map((o): Cell[] => [
      { text: o.staffId },
      { text: o.name },
      { text: o.post },
      semesterCell(o, 'h1', w, g),
      semesterCell(o, 'h2', w, g),
      { text: moneyText(o.annualBonusDue, o.annualBonus, w) },
      { text: totalText(o.rewardTotal, w), bold: true },
      { text: totalText(o.penaltyTotal, w), bold: true },
      { text: rectifyDates(o) },
    ]),
  }));
  const fit = fitTable(header, sections.flatMap((sec) => sec.rows), room, REWARDS_FITS);
  const table = sectionedLayout(
    inTable(header, fit),
    sections.map((sec) => ({ title: w.sectionTitle(sectionName(sec.category, w), sec.outcomes.length), rows: sec.rows.map((row) => inTable(row, fit)) })),
    inTable(aligns, fit),
    c,
    fit.gap,
  );
  // Under each person's row, indented to the name: the columns the terminal had no room for, then
  // the reason. sectionedLayout gives per section its title, header, rule, one line a person and a blank line.
  // (A loop, not a spread into Math.max: the list of a year of 200,000 people overflowed the call stack.)
  let idWidth = displayWidth(h.staffId);
  for (const o of input.outcomes) idWidth = Math.max(idWidth, displayWidth(printable(o.staffId)));
  const indent = idWidth + fit.gap;
  const width = Math.min(room ?? TABLE_WIDTH, TABLE_WIDTH) - indent;
  const pad = ' '.repeat(indent);
  let at = 0;
  for (const sec of sections) {
    pushAll(out, table.slice(at, at + 3));
    at += 3;
    sec.outcomes.forEach((o, k) => {
      out.push(table[at++]!);
      const row = sec.rows[k]!;
      const moved = movedCells(header, row, fit).map(printable);
      if (moved.length > 0) for (const l of fitLines('', moved, common.listSep, '', width, '')) out.push(`${pad}${l}`);
      const paint = categoryPaint(sec.category);
      const tint = (s: string) => (paint.grade ? paintGrade(c, paint.grade, s) : c.dim(s));
      for (const l of fitLines('', printable(reasonWords(o, w)).split(w.join), w.join, '', width, '')) out.push(`${pad}${tint(l)}`);
    });
    out.push(table[at++]!);
  }
  pushAll(out, foldTo(footer(input, w), room));
  return `${out.join('\n')}\n`;
}

export function rewardsMd(input: RewardsRenderInput): string {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const { header, aligns } = rewardsHeader(w);
  const out: string[] = [`## ${mdEscape(title(input, w))}`, ''];
  if (input.outcomes.length === 0) return `${[...out, w.nobody, ''].join('\n')}`;
  for (const sec of sectionsOf(input.outcomes)) {
    out.push(`### ${w.sectionTitle(sectionName(sec.category, w), sec.outcomes.length)}`, '');
    const rows = sec.outcomes.map((o) => [
      mdEscape(o.staffId),
      mdEscape(o.name),
      mdEscape(o.post),
      gradeWords(o.graded.h1, g, w),
      gradeWords(o.graded.h2, g, w),
      semesterMoney(o, 'h1', 'reward', w),
      semesterMoney(o, 'h2', 'reward', w),
      moneyText(o.annualBonusDue, o.annualBonus, w),
      totalText(o.rewardTotal, w),
      semesterMoney(o, 'h1', 'penalty', w),
      semesterMoney(o, 'h2', 'penalty', w),
      totalText(o.penaltyTotal, w),
      rectifyDates(o),
      mdEscape(reasonWords(o, w)),
    ]);
    pushAll(out, mdTable(header, aligns, rows));
    out.push('');
  }
  out.push(footer(input, w), '');
  return out.join('\n');
}
