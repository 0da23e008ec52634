/**
 * The rules of the center as data: the grade bands and the semester consequences, each a named
 * rule evaluated in order, so that a report can say which rule fired for whom.
 */
import type { Amounts, Policy } from './policy.js';
import { Rational } from './rational.js';
import { rationalOf } from './policy.js';
import type { Grade } from './types.js';

/** The bands, highest first: the first whose minimum the rounded total reaches gives the grade. */
export function gradeBands(policy: Policy): { grade: Grade; min: number }[] {
  return [
    { grade: 'excellent', min: policy.bands.excellent },
    { grade: 'good', min: policy.bands.good },
    { grade: 'qualified', min: policy.bands.qualified },
    { grade: 'unqualified', min: -Infinity },
  ];
}

const bandCache = new WeakMap<Policy['bands'], { grade: Grade; min: Rational | null }[]>();

export function gradeOf(rounded: Rational, policy: Policy): Grade {
  let bands = bandCache.get(policy.bands);
  if (!bands) {
    bands = gradeBands(policy).map((b) => ({ grade: b.grade, min: b.min === -Infinity ? null : rationalOf(b.min) }));
    bandCache.set(policy.bands, bands);
  }
  for (const band of bands) {
    if (band.min === null || rounded.cmp(band.min) >= 0) return band.grade;
  }
  return 'unqualified';
}

export interface SemesterConsequence {
  /** Ids of the rules that fired, in order. */
  rules: string[];
  /** Eligible for a reward (the amount may still be unset). */
  rewardDue: boolean;
  reward: number | null;
  penaltyDue: boolean;
  penalty: number | null;
  rectifyBy: string | null;
}

export interface SemesterRule {
  id: string;
  grade: Grade;
  /** Which amount the rule pays or charges, if any. */
  reward?: keyof Amounts;
  penalty?: keyof Amounts;
  rectification?: boolean;
}

export const SEMESTER_RULES: readonly SemesterRule[] = [
  { id: 'excellent-reward', grade: 'excellent', reward: 'excellent' },
  { id: 'good-reward', grade: 'good', reward: 'good' },
  { id: 'qualified-no-reward', grade: 'qualified' },
  { id: 'unqualified-penalty', grade: 'unqualified', penalty: 'penalty', rectification: true },
];

/** The day the semester is evaluated: June 30 for H1, December 31 for H2. */
export function evaluationDate(semester: string): Date {
  const year = Number(semester.slice(0, 4));
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  const d = new Date(0);
  if (semester.endsWith('H1')) d.setUTCFullYear(year, 5, 30);
  else d.setUTCFullYear(year, 11, 31);
  return d;
}

export function addDays(date: Date, days: number): string {
  const d = new Date(date.getTime() + days * 86_400_000);
  // Written out rather than toISOString(), whose first call costs about a millisecond of start-up.
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

export function semesterConsequence(semester: string, grade: Grade, policy: Policy): SemesterConsequence {
  const out: SemesterConsequence = { rules: [], rewardDue: false, reward: null, penaltyDue: false, penalty: null, rectifyBy: null };
  for (const rule of SEMESTER_RULES) {
    if (rule.grade !== grade) continue;
    out.rules.push(rule.id);
    if (rule.reward) {
      out.rewardDue = true;
      out.reward = policy.amounts[rule.reward];
    }
    if (rule.penalty) {
      out.penaltyDue = true;
      out.penalty = policy.amounts[rule.penalty];
    }
    if (rule.rectification) out.rectifyBy = addDays(evaluationDate(semester), policy.rectificationDays);
  }
  return out;
}
