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

export type ScoredStaff = Omit<StaffResult, 'rank' | 'rankOf'>;

export function scoreStaff(s: StaffSemester, policy: Policy): ScoredStaff {
  const methods = {} as Record<Method, MethodAggregate>;
  for (const m of METHODS) {
    const scores = [];
    for (const r of s.raters.values()) {
      const e = r.scores[m];
      if (e) scores.push({ rater: r.rater, role: r.role, micro: e.micro });
    }
    methods[m] = aggregate(m, scores, policy);
  }
  return staffResult(s, s.raters.size, methods, policy);
}

/** The exact total of the method aggregates, rounded once, graded, with the semester rules applied. */
export function staffResult(
  who: { semester: string; staffId: string; name: string; post: string },
  raters: number,
  methods: Record<Method, MethodAggregate>,
  policy: Policy,
): ScoredStaff {
  let exact = Rational.ZERO;
  for (const m of METHODS) exact = exact.add(methods[m].value);
  const scale = 10n ** BigInt(policy.precision);
  const total = Rational.of(exact.roundScaled(policy.precision), scale);
  const grade = gradeOf(total, policy);
  return {
    semester: who.semester,
    staffId: who.staffId,
    name: who.name,
    post: who.post,
    methods,
    exact,
    total,
    grade,
    raters,
    consequence: semesterConsequence(who.semester, grade, policy),
  };
}

/**
 * Code-point order, as SPEC asks: not locale order. UTF-16 unit order agrees with it except where a
 * surrogate (a code point above U+FFFF) meets a unit from U+E000 up, which it must follow.
 */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
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
  const raters = new Set<string>();
  for (const s of staff) for (const r of s.raters.keys()) raters.add(r);
  return rankReport(
    semester,
    staff.map((s) => scoreStaff(s, policy)),
    raters.size,
    groupBy,
  );
}

/** Ranks scored staff (within each post when grouped) and counts the grades. */
export function rankReport(semester: string, scored: ScoredStaff[], raters: number, groupBy: 'post' | null): SemesterReport {
  let ranked: StaffResult[];
  if (groupBy === 'post') {
    const posts = new Map<string, ScoredStaff[]>();
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
  return { semester, staff: ranked, raters, gradeCounts, groupBy };
}

export { byCodePoint };
