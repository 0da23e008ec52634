/**
 * Where 89.95 becomes 90.0: the exact total is rounded once, half up, to the policy's precision, and
 * the rounded total is graded and given the semester's consequences. Nothing else is ever rounded
 * (method values are rounded for display only).
 */
import type { Policy } from './policy.js';
import { Rational } from './rational.js';
import { type SemesterConsequence, gradeOf, semesterConsequence } from './rules.js';
import type { Grade } from './types.js';

const safe = Number.isSafeInteger;

/** 10^places for the places a total or a method value is written with (0-6): a look-up, not Math.pow, once a person. */
export const POW10: readonly number[] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * n/d (safe integers, d > 0) rounded half up (away from zero for negatives) to `places` decimals,
 * as a scaled integer; null where the arithmetic would leave the safe integers. For callers that
 * keep fractions as plain numbers and need no Rational object.
 */
export function roundScaledFraction(n: number, d: number, places: number): number | null {
  const scale = places < POW10.length ? POW10[places]! : 10 ** places;
  const a = Math.abs(n);
  const top = 2 * a * scale + d;
  const bottom = 2 * d;
  if (!safe(top + bottom)) return null;
  const q = Math.floor(top / bottom);
  // Floating division of safe integers can land one off at the boundary: check by multiplying back.
  const fixed = q * bottom > top ? q - 1 : (q + 1) * bottom <= top ? q + 1 : q;
  return n < 0 ? -fixed : fixed;
}

export interface Settled {
  semester: string;
  total: Rational;
  grade: Grade;
  consequence: SemesterConsequence;
}

const consequences = new WeakMap<Policy, Map<string, Map<Grade, SemesterConsequence>>>();

/** Everyone with the same grade in a semester has the same consequence: one object serves them all. */
function sharedConsequence(semester: string, grade: Grade, policy: Policy): SemesterConsequence {
  let bySemester = consequences.get(policy);
  if (!bySemester) consequences.set(policy, (bySemester = new Map()));
  let byGrade = bySemester.get(semester);
  if (!byGrade) bySemester.set(semester, (byGrade = new Map()));
  let c = byGrade.get(grade);
  if (!c) byGrade.set(grade, (c = Object.freeze(semesterConsequence(semester, grade, policy)) as SemesterConsequence));
  return c;
}

/**
 * What an exact total comes to: rounded half up, once, to the policy's precision; the grade of the
 * rounded total; the semester rules that follow from it.
 */
export function settle(semester: string, exact: Rational, policy: Policy): Settled {
  const p = policy.precision;
  const q = exact.roundScaledNumber(p);
  return q !== null ? settleScaled(semester, q, policy) : settleTotal(semester, Rational.of(exact.roundScaled(p), 10n ** BigInt(p)), policy);
}

/** settle() for a total already rounded: `q` is the total times 10^precision. */
export function settleScaled(semester: string, q: number, policy: Policy): Settled {
  return settleTotal(semester, Rational.of(q, 10 ** policy.precision), policy);
}

function settleTotal(semester: string, total: Rational, policy: Policy): Settled {
  const grade = gradeOf(total, policy);
  return { semester, total, grade, consequence: sharedConsequence(semester, grade, policy) };
}
