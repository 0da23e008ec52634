/**
 * From merged scores to the semester report: aggregate each method, add up the exact total,
 * round it once, grade, rank (1, 2, 2, 4; ties by staff id) and apply the semester rules.
 */
import { type MethodAggregate, aggregate } from './aggregate.js';
import type { StaffSemester } from './merge.js';
import type { Policy } from './policy.js';
import { Rational } from './rational.js';
import { type SemesterConsequence, gradeOf, semesterConsequence } from './rules.js';
import { type Grade, type Method, GRADES, METHODS } from './types.js';

export interface StaffResult {
  semester: string;
  staffId: string;
  name: string;
  post: string;
  methods: Record<Method, MethodAggregate>;
  /** The exact total before rounding. */
  exact: Rational;
  /** The total rounded half up to the policy's precision. */
  total: Rational;
  grade: Grade;
  rank: number;
  /** How many staff the rank is among (the semester, or the post with --group-by post). */
  rankOf: number;
  raters: number;
  consequence: SemesterConsequence;
}

export interface SemesterReport {
  semester: string;
  staff: StaffResult[];
  raters: number;
  gradeCounts: Record<Grade, number>;
  groupBy: 'post' | null;
}

export function scoreStaff(s: StaffSemester, policy: Policy): Omit<StaffResult, 'rank' | 'rankOf'> {
  const methods = {} as Record<Method, MethodAggregate>;
  let exact = Rational.ZERO;
  for (const m of METHODS) {
    const scores = [];
    for (const r of s.raters.values()) {
      const e = r.scores[m];
      if (e) scores.push({ rater: r.rater, role: r.role, micro: e.micro });
    }
    methods[m] = aggregate(m, scores, policy);
    exact = exact.add(methods[m].value);
  }
  const scale = 10n ** BigInt(policy.precision);
  const total = Rational.of(exact.roundScaled(policy.precision), scale);
  const grade = gradeOf(total, policy);
  return {
    semester: s.semester,
    staffId: s.staffId,
    name: s.name,
    post: s.post,
    methods,
    exact,
    total,
    grade,
    raters: s.raters.size,
    consequence: semesterConsequence(s.semester, grade, policy),
  };
}

function byCodePoint(a: string, b: string): number {
  // Code-point order, as SPEC asks: not locale order, and not UTF-16 unit order.
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!.codePointAt(0)!;
    const y = cb[i]!.codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

/** Ranks highest total first; equal rounded totals share a rank and the next rank skips. */
export function rank<T extends { total: Rational; staffId: string }>(list: T[]): (T & { rank: number; rankOf: number })[] {
  const sorted = [...list].sort((a, b) => b.total.cmp(a.total) || byCodePoint(a.staffId, b.staffId));
  let prev: Rational | null = null;
  let prevRank = 0;
  return sorted.map((s, i) => {
    const r = prev !== null && s.total.cmp(prev) === 0 ? prevRank : i + 1;
    prev = s.total;
    prevRank = r;
    return { ...s, rank: r, rankOf: sorted.length };
  });
}

export function semesterReport(semester: string, staff: StaffSemester[], policy: Policy, groupBy: 'post' | null): SemesterReport {
  const scored = staff.map((s) => scoreStaff(s, policy));
  let ranked: StaffResult[];
  if (groupBy === 'post') {
    const posts = new Map<string, typeof scored>();
    for (const s of scored) {
      const list = posts.get(s.post) ?? [];
      list.push(s);
      posts.set(s.post, list);
    }
    ranked = [...posts.keys()].sort(byCodePoint).flatMap((p) => rank(posts.get(p)!));
  } else {
    ranked = rank(scored);
  }
  const gradeCounts = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const s of ranked) gradeCounts[s.grade]++;
  const raters = new Set<string>();
  for (const s of staff) for (const r of s.raters.keys()) raters.add(r);
  return { semester, staff: ranked, raters: raters.size, gradeCounts, groupBy };
}

export { byCodePoint };
