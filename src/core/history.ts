/**
 * Every semester found, per staff member: each semester's result, the count of each grade, the
 * years of award candidacy and of non-renewal (the year rules of year.ts, applied to each year),
 * the longest run of consecutive unqualified semesters (across year boundaries) and the trend.
 */
import type { Policy } from './policy.js';
import type { Rational } from './rational.js';
import { type SemesterReport, type StaffResult, byCodePoint, byStaffId } from './report.js';
import { type Grade, GRADES } from './types.js';
import { yearOutcome } from './year.js';

export interface HistoryRow {
  staffId: string;
  /** Name and post of the latest semester scored. */
  name: string;
  post: string;
  /** One entry per semester of the history, in order; null where the person was not scored. */
  results: (StaffResult | null)[];
  counts: Record<Grade, number>;
  /** Years in which the year rules made the person an award candidate, ascending. */
  awardYears: number[];
  /** Years in which the year rules did not renew the person, ascending. */
  nonRenewalYears: number[];
  /** The most consecutive semesters scored and unqualified; a semester not scored ends a run. */
  longestUnqualifiedRun: number;
  /** The last rounded total minus the first, exact; null with fewer than two semesters scored. */
  trend: Rational | null;
}

export interface History {
  /** Every semester found, in order (`2025-H1`, `2025-H2`, `2026-H1`). */
  semesters: string[];
  /** Everyone scored in any of them, ordered by staff id. */
  staff: HistoryRow[];
}

/** The id of a year's semester: `semesterId(2026, 'H1')` is `2026-H1`. */
export function semesterId(year: number, half: 'H1' | 'H2'): string {
  return `${String(year).padStart(4, '0')}-${half}`;
}

/** The semester after `s`: H1 -> H2 of the same year, H2 -> H1 of the next. */
export function nextSemester(s: string): string {
  const year = Number(s.slice(0, 4));
  return s.endsWith('-H1') ? semesterId(year, 'H2') : semesterId(year + 1, 'H1');
}

/** The years of which both semesters are among `semesters`, ascending. */
export function completeYears(semesters: readonly string[]): number[] {
  const have = new Set(semesters);
  return [...new Set(semesters.map((s) => Number(s.slice(0, 4))))].filter((y) => have.has(semesterId(y, 'H1')) && have.has(semesterId(y, 'H2'))).sort((a, b) => a - b);
}

/**
 * The longest run of consecutive semesters in which the person was scored and unqualified.
 * Consecutive means one semester after the other in the calendar (H2, then the next year's H1): a
 * semester the person was not scored in ends a run, and so does one that no sheet holds at all.
 */
export function longestUnqualifiedRun(semesters: readonly string[], results: readonly (StaffResult | null)[]): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < semesters.length; i++) {
    const r = results[i];
    if (!r || r.grade !== 'unqualified') {
      run = 0;
      continue;
    }
    const follows = i > 0 && nextSemester(semesters[i - 1]!) === semesters[i] && results[i - 1]?.grade === 'unqualified';
    run = follows ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** The history of everyone in the reports (one report per semester, any order). */
export function buildHistory(reports: readonly SemesterReport[], policy: Policy): History {
  const ordered = [...reports].sort((a, b) => byCodePoint(a.semester, b.semester));
  const semesters = ordered.map((r) => r.semester);
  const at = new Map(semesters.map((s, i) => [s, i]));
  const years = completeYears(semesters);
  const staff = byStaffId(ordered.map((r) => r.staff), (row): HistoryRow => {
    const results = [...row];
    const scored = results.filter((r): r is StaffResult => r !== null);
    const latest = scored[scored.length - 1]!;
    const id = latest.staffId;
    const counts = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
    for (const r of scored) counts[r.grade]++;
    const awardYears: number[] = [];
    const nonRenewalYears: number[] = [];
    for (const year of years) {
      const h1 = results[at.get(semesterId(year, 'H1'))!] ?? null;
      const h2 = results[at.get(semesterId(year, 'H2'))!] ?? null;
      if (!h1 && !h2) continue;
      const o = yearOutcome(h1, h2, policy);
      if (o.awardCandidate === true) awardYears.push(year);
      if (o.nonRenewal === true) nonRenewalYears.push(year);
    }
    return {
      staffId: id,
      name: latest.name,
      post: latest.post,
      results,
      counts,
      awardYears,
      nonRenewalYears,
      longestUnqualifiedRun: longestUnqualifiedRun(semesters, results),
      trend: scored.length >= 2 ? latest.total.sub(scored[0]!.total) : null,
    };
  });
  return { semesters, staff };
}
