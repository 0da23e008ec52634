/**
 * Rendering HR's lists: one row per staff member with a reward, the annual bonus, a penalty, award
 * candidacy or non-renewal. Amounts are numbers: 0 where nothing is due, empty (JSON null) where the
 * policy leaves the amount unset, so that a sum in Excel is right and a blank means "to be set".
 */
import type { StaffResult } from '../core/report.js';
import { type Half, type RewardsOnly, type YearCategory, type YearOutcome, HALVES } from '../core/year.js';
import { type Lang, words } from '../i18n/index.js';
import { type YearWords, wordsOfYear } from '../i18n/year.js';
import { csvString } from './csv.js';
import { neutralize } from './format.js';
import { type SealBase, reportJson } from './json.js';
import { type Align, type Cell, painter, pushAll } from './table.js';
import {
  categoryPaint,
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
}

/** A semester's reward or penalty as a number: 0 when none is due (or the semester is missing), null when unset. */
export function amount(s: StaffResult | null, kind: 'reward' | 'penalty'): number | null {
  if (!s) return 0;
  const due = kind === 'reward' ? s.consequence.rewardDue : s.consequence.penaltyDue;
  return due ? s.consequence[kind] : 0;
}

export function annualBonus(o: YearOutcome): number | null {
  return o.annualBonusDue ? o.annualBonus : 0;
}

export function rewardsJson(input: RewardsRenderInput): string {
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

export function rewardsCsv(input: RewardsRenderInput, bom: boolean): string {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = w.rewardsCol;
  const header = [
    c.staffId, c.name, c.post, c.h1Grade, c.h2Grade, c.h1Reward, c.h2Reward, c.annualBonus, c.rewardTotal,
    c.h1Penalty, c.h2Penalty, c.penaltyTotal, c.awardCandidate, c.nonRenewal, c.rectifyBy, c.reason,
  ];
  const grade = (s: StaffResult | null) => (s ? g[s.grade] : w.notScored);
  const num = (v: number | null) => v ?? '';
  const rows = input.outcomes.map((o) => [
    neutralize(o.staffId),
    neutralize(o.name),
    neutralize(o.post),
    grade(o.h1),
    grade(o.h2),
    num(amount(o.h1, 'reward')),
    num(amount(o.h2, 'reward')),
    num(annualBonus(o)),
    num(o.rewardTotal),
    num(amount(o.h1, 'penalty')),
    num(amount(o.h2, 'penalty')),
    num(o.penaltyTotal),
    yesNo(o.awardCandidate, w),
    yesNo(o.nonRenewal, w),
    rectifyDates(o),
    neutralize(reasonWords(o, w)),
  ]);
  return csvString([header, ...rows], bom);
}

function rewardsHeader(w: YearWords): { header: string[]; aligns: Align[] } {
  const h = w.head;
  return {
    header: [h.staffId, h.name, h.post, h.h1Grade, h.h2Grade, h.h1Reward, h.h2Reward, h.annualBonus, h.rewards, h.h1Penalty, h.h2Penalty, h.penalties, h.rectifyBy, h.reason],
    aligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
  };
}

function semesterMoney(o: YearOutcome, half: Half, kind: 'reward' | 'penalty', w: YearWords): string {
  const s = semesterOf(o, half);
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
  return w.money(sumText(input.outcomes.map((o) => o.rewardTotal), w), sumText(input.outcomes.map((o) => o.penaltyTotal), w));
}

export function rewardsTable(input: RewardsRenderInput): string {
  const w = wordsOfYear(input.lang);
  const g = words(input.lang).grade;
  const c = painter(input.color);
  const { header, aligns } = rewardsHeader(w);
  const out: string[] = [c.bold(title(input, w)), ''];
  if (input.outcomes.length === 0) return `${[...out, w.nobody].join('\n')}\n`;
  const sections = sectionsOf(input.outcomes).map((sec) => ({
    title: w.sectionTitle(sectionName(sec.category, w), sec.outcomes.length),
    rows: sec.outcomes.map((o): Cell[] => [
      { text: o.staffId },
      { text: o.name },
      { text: o.post },
      o.h1 ? { text: g[o.h1.grade], grade: o.h1.grade } : { text: w.notScored, dim: true },
      o.h2 ? { text: g[o.h2.grade], grade: o.h2.grade } : { text: w.notScored, dim: true },
      { text: semesterMoney(o, 'h1', 'reward', w) },
      { text: semesterMoney(o, 'h2', 'reward', w) },
      { text: moneyText(o.annualBonusDue, o.annualBonus, w) },
      { text: totalText(o.rewardTotal, w), bold: true },
      { text: semesterMoney(o, 'h1', 'penalty', w) },
      { text: semesterMoney(o, 'h2', 'penalty', w) },
      { text: totalText(o.penaltyTotal, w), bold: true },
      { text: rectifyDates(o) },
      { text: reasonWords(o, w), ...categoryPaint(sec.category) },
    ]),
  }));
  pushAll(out, sectionedLayout(header, sections, aligns, c));
  out.push(footer(input, w));
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
      o.h1 ? g[o.h1.grade] : w.notScored,
      o.h2 ? g[o.h2.grade] : w.notScored,
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
