/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). The scoring half of the old
 * "detailed" path (src/core/report.ts's scoreStaff and semesterReport before the one pipeline of
 * issue 11): every merged person's methods aggregated by the old aggregate.ts, into a StaffResult
 * as the renderers take it. Rounding, grading and ranking are src's own (core/rounding.ts settle,
 * core/report.ts rankReport): there is one implementation of each and this oracle is about reading,
 * checking, merging and aggregating. Do not import it from src/.
 */
import type { Policy } from '../../src/core/policy.js';
import { Rational } from '../../src/core/rational.js';
import { type ScoredStaff, type SemesterReport, rankReport } from '../../src/core/report.js';
import { settle } from '../../src/core/rounding.js';
import { type Method, METHODS } from '../../src/core/types.js';
import { type MethodAggregate, aggregate } from './aggregate.js';
import { type LoadOptions, loadSheets } from './load.js';
import type { StaffSemester } from './merge.js';

export type LegacyScored = ScoredStaff & { methods: Record<Method, MethodAggregate> };

/** One person's result: each method aggregated over the raters' scores, the exact total settled once. */
export function scoreStaff(s: StaffSemester, policy: Policy): LegacyScored {
  const methods = {} as Record<Method, MethodAggregate>;
  for (const m of METHODS) {
    const scores = [];
    for (const r of s.raters.values()) {
      const e = r.scores[m];
      if (e) scores.push({ rater: r.rater, role: r.role, micro: e.micro });
    }
    methods[m] = aggregate(m, scores, policy);
  }
  let exact = Rational.ZERO;
  for (const m of METHODS) exact = exact.add(methods[m].value);
  return {
    staffId: s.staffId,
    name: s.name,
    post: s.post,
    raters: s.raters.size,
    methods,
    exact,
    ...settle(s.semester, exact, policy),
    methodValue: (k: number) => methods[METHODS[k]!].value,
    methodsScaled: (places: number, out = [0, 0, 0, 0, 0]) => {
      METHODS.forEach((m, k) => (out[k] = Number(methods[m].value.roundScaled(places))));
      return out;
    },
  };
}

/** A semester's people scored and ranked; raters are those with a row in the semester. */
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

/** The old path of `evaluate score` over files: every problem (sorted as it printed them), the reports, the row counts. */
export function legacyScore(paths: string[], opts: LoadOptions) {
  const loaded = loadSheets(paths, opts);
  const semesters = [...loaded.bySemester.keys()].sort();
  return {
    loaded,
    problems: loaded.problems.sorted(),
    counts: loaded.counts,
    reports: semesters.map((k) => semesterReport(k, loaded.bySemester.get(k)!, opts.policy, null)),
  };
}
