/**
 * The year's CSV and HR's lists write each row's cells after the person's once per year decision
 * (everyone with the same two semester consequences shares one) and copy them after: they must say of
 * every person what the person's own outcome says, cell by cell as csv-stringify writes them, in both
 * languages, with amounts set and unset, a semester missing, and more people than one piece holds.
 */
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { MICRO } from '../src/core/cells.js';
import type { Policy } from '../src/core/policy.js';
import { Rational } from '../src/core/rational.js';
import { PersonResult, type StaffResult } from '../src/core/report.js';
import { settle } from '../src/core/rounding.js';
import { type YearOutcome, rewardsFilter, yearOutcome } from '../src/core/year.js';
import { words } from '../src/i18n/index.js';
import { wordsOfYear } from '../src/i18n/year.js';
import { neutralize } from '../src/render/format.js';
import { amount, rewardsCsv } from '../src/render/rewards.js';
import { annualBonus, gradeWords, outcomeWords, reasonWords, rectifyDates, yearCsv, yesNo } from '../src/render/year.js';
import { policyOf } from './score-text.js';

const fractions = {
  fraction(_at: number, _k: number, out: Float64Array) {
    out[0] = 18 * MICRO;
    out[1] = MICRO;
  },
};

/** 30,000 people (about 2 MB of CSV: several pieces), every pair of grades, some a semester short. */
function outcomesOf(policy: Policy): YearOutcome[] {
  // In hundredths: 89.95 rounds up to an excellent 90.0.
  const totals = [9500, 8995, 8500, 7000, 5990];
  const settled = (semester: string) => totals.map((t) => settle(semester, Rational.of(t, 100), policy));
  const s1 = settled('2026-H1');
  const s2 = settled('2026-H2');
  const id = (i: number) => `S${String(i).padStart(6, '0')}`;
  const out: YearOutcome[] = [];
  for (let i = 0; i < 30_000; i++) {
    const h1 = i % 11 === 3 ? null : new PersonResult(id(i), `张${i % 97}`, i % 13 === 0 ? '=1号楼' : '1号楼', 1, s1[i % 5]!, fractions, i);
    const h2 = i % 17 === 5 ? null : new PersonResult(id(i), `张${i % 97}`, i % 13 === 0 ? '=1号楼' : '1号楼', 1, s2[Math.floor(i / 5) % 5]!, fractions, i);
    if (h1 || h2) out.push(yearOutcome(h1, h2, policy));
  }
  return out;
}

/** The CSV as csv-stringify writes it from each person's own outcome. */
function reference(outcomes: readonly YearOutcome[], lang: 'en' | 'zh', precision: number): string {
  const w = wordsOfYear(lang);
  const g = words(lang).grade;
  const c = w.yearCol;
  const total = (s: StaffResult | null) => (s ? s.total.toFixed(precision) : '');
  const rows: (string | number)[][] = [
    [c.staffId, c.name, c.post, c.h1Total, c.h1Grade, c.h2Total, c.h2Grade, c.status, c.awardCandidate, c.nonRenewal, c.rectification, c.annualBonus, c.rewardTotal, c.penaltyTotal, c.rectifyBy, c.outcome],
  ];
  for (const o of outcomes) {
    rows.push([
      neutralize(o.staffId),
      neutralize(o.name),
      neutralize(o.post),
      total(o.h1),
      gradeWords(o.h1, g, w),
      total(o.h2),
      gradeWords(o.h2, g, w),
      w.status[o.status],
      yesNo(o.awardCandidate, w),
      yesNo(o.nonRenewal, w),
      yesNo(o.rectification, w),
      o.annualBonusDue ? (o.annualBonus ?? '') : 0,
      o.rewardTotal ?? '',
      o.penaltyTotal ?? '',
      rectifyDates(o),
      outcomeWords(o, w),
    ]);
  }
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** HR's lists as csv-stringify writes them from each listed person's own outcome. */
function rewardsReference(outcomes: readonly YearOutcome[], lang: 'en' | 'zh'): string {
  const w = wordsOfYear(lang);
  const g = words(lang).grade;
  const c = w.rewardsCol;
  const rows: (string | number)[][] = [
    [c.staffId, c.name, c.post, c.h1Grade, c.h2Grade, c.h1Reward, c.h2Reward, c.annualBonus, c.rewardTotal, c.h1Penalty, c.h2Penalty, c.penaltyTotal, c.awardCandidate, c.nonRenewal, c.rectifyBy, c.reason],
  ];
  const cell = (v: number | null) => v ?? '';
  for (const o of outcomes) {
    const { h1, h2 } = o.graded;
    rows.push([
      neutralize(o.staffId),
      neutralize(o.name),
      neutralize(o.post),
      gradeWords(h1, g, w),
      gradeWords(h2, g, w),
      cell(amount(h1, 'reward')),
      cell(amount(h2, 'reward')),
      cell(annualBonus(o)),
      cell(o.rewardTotal),
      cell(amount(h1, 'penalty')),
      cell(amount(h2, 'penalty')),
      cell(o.penaltyTotal),
      yesNo(o.awardCandidate, w),
      yesNo(o.nonRenewal, w),
      rectifyDates(o),
      neutralize(reasonWords(o, w)),
    ]);
  }
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** The pieces a CSV generator yields, each copied as it comes (as a command writes it before asking for the next). */
function written(pieces: Iterable<Uint8Array>): string {
  const copies: Buffer[] = [];
  for (const p of pieces) copies.push(Buffer.from(p));
  expect(copies.length).toBeGreaterThan(1);
  return Buffer.concat(copies).toString('utf8');
}

describe('the year CSV and HR\'s lists, each row\'s decided cells copied from the first row of its decision', () => {
  for (const [what, policy] of [
    ['amounts unset', policyOf({})],
    ['amounts and a time to rectify set', policyOf({ amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 }, rectificationDays: 30 })],
  ] as const) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${what}, in ${lang}: every person's cells as their own outcome says`, () => {
        const outcomes = outcomesOf(policy);
        // Every kind of decision is there to be copied: complete and incomplete, candidates and the non-renewed.
        expect(new Set(outcomes.map((o) => o.decision)).size).toBeGreaterThan(20);
        expect(outcomes.some((o) => o.status === 'incomplete')).toBe(true);
        expect(outcomes.some((o) => o.awardCandidate === true)).toBe(true);
        expect(outcomes.some((o) => o.nonRenewal === true)).toBe(true);
        const csv = written(yearCsv({ year: 2026, precision: policy.precision, lang, color: false, outcomes }, false, true));
        expect(csv).toBe(reference(outcomes, lang, policy.precision));
        const listed = outcomes.filter(rewardsFilter(null));
        expect(listed.length).toBeGreaterThan(10_000);
        expect(written(rewardsCsv({ year: 2026, only: null, precision: policy.precision, lang, color: false, outcomes: listed }, false, true))).toBe(rewardsReference(listed, lang));
      });
    }
  }
});
