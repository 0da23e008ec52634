/** The history core, table-driven: consecutive semesters, runs across year boundaries, year rules per year, exact trends. */
import { describe, expect, it } from 'vitest';
import { MICRO } from '../src/core/cells.js';
import { buildHistory, completeYears, longestUnqualifiedRun, nextSemester } from '../src/core/history.js';
import { DEFAULT_POLICY, type Policy } from '../src/core/policy.js';
import { type SemesterReport, rankReport } from '../src/core/report.js';
import { resultOf } from './score-text.js';

const POLICY: Policy = structuredClone(DEFAULT_POLICY);

/** A semester's report from (staff id, total in hundredths) pairs: five equal consensus scores each. */
function report(semester: string, people: [string, number][], name = '张伟', post = '1号楼'): SemesterReport {
  const staff = people.map(([staffId, hundredths]) => resultOf({ semester, staffId, name, post }, [0, 1, 2, 3, 4].map(() => (hundredths * (MICRO / 500)) / MICRO), POLICY));
  return rankReport(semester, staff, 1, null);
}

describe('nextSemester and completeYears', () => {
  it.each([
    ['2025-H1', '2025-H2'],
    ['2025-H2', '2026-H1'],
    ['1999-H2', '2000-H1'],
  ])('%s is followed by %s', (s, next) => expect(nextSemester(s)).toBe(next));

  it('finds the years with both semesters only', () => {
    expect(completeYears(['2024-H1', '2024-H2', '2025-H2', '2026-H1', '2026-H2'])).toEqual([2024, 2026]);
    expect(completeYears(['2025-H1'])).toEqual([]);
  });
});

describe('longestUnqualifiedRun', () => {
  const U = 5000;
  const Q = 7000;
  const semesters = ['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1'];
  /** The run for one person's totals over `semesters` (null: not scored). */
  const runOf = (list: string[], totals: (number | null)[]) => {
    const reports = list.map((s, i) => report(s, totals[i] === null ? [] : [['S1', totals[i]!]]));
    const results = reports.map((r) => r.staff[0] ?? null);
    return longestUnqualifiedRun(list, results);
  };
  it.each<[string, (number | null)[], number]>([
    ['never unqualified', [Q, Q, Q, Q, Q], 0],
    ['one semester', [Q, U, Q, Q, Q], 1],
    ['H2 then the next H1: across the year boundary', [Q, U, U, Q, Q], 2],
    ['a whole year and the next H1', [U, U, U, Q, Q], 3],
    ['a semester not scored ends a run', [U, U, null, U, U], 2],
    ['the longest of several', [U, Q, U, U, U], 3],
  ])('%s', (_what, totals, expected) => expect(runOf(semesters, totals)).toBe(expected));

  it('does not join semesters that are not consecutive in the calendar (a year with no sheets at all)', () => {
    // 2024-H2 and 2026-H1 are side by side in the list, a year apart in time.
    expect(runOf(['2024-H1', '2024-H2', '2026-H1', '2026-H2'], [U, U, U, U])).toBe(2);
  });
});

describe('buildHistory', () => {
  it('counts grades, finds award and non-renewal years with the year rules, and leaves absent semesters null', () => {
    const h = buildHistory(
      [
        // Given out of order: the history puts the semesters in order.
        report('2025-H1', [['S2', 5000], ['S1', 9500]]),
        report('2024-H1', [['S1', 9500], ['S2', 5500], ['S3', 7000]]),
        report('2024-H2', [['S1', 9000], ['S2', 5900], ['S3', 7500]]),
        report('2025-H2', [['S1', 9000], ['S2', 5000], ['S4', 8000]]),
      ],
      POLICY,
    );
    expect(h.semesters).toEqual(['2024-H1', '2024-H2', '2025-H1', '2025-H2']);
    expect(h.staff.map((r) => r.staffId)).toEqual(['S1', 'S2', 'S3', 'S4']);
    const [s1, s2, s3, s4] = h.staff;
    expect(s1!.counts).toEqual({ excellent: 4, good: 0, qualified: 0, unqualified: 0 });
    expect(s1!.awardYears).toEqual([2024, 2025]);
    expect(s2!.nonRenewalYears).toEqual([2024, 2025]);
    expect(s2!.longestUnqualifiedRun).toBe(4);
    // S3 leaves after 2024, S4 joins in 2025-H2: their other semesters are null, never a zero.
    expect(s3!.results.map((r) => r?.total.toFixed(1) ?? null)).toEqual(['70.0', '75.0', null, null]);
    expect(s4!.results.map((r) => r?.total.toFixed(1) ?? null)).toEqual([null, null, null, '80.0']);
    expect(s4!.awardYears).toEqual([]);
    expect(s4!.trend).toBeNull();
  });

  it('takes the trend from the rounded totals, exactly (no binary floating point)', () => {
    // 80.1 and 80.3: as floats 80.3 - 80.1 = 0.19999999999999574.
    const h = buildHistory([report('2024-H1', [['S1', 8010]]), report('2024-H2', [['S1', 8030]])], POLICY);
    expect(h.staff[0]!.trend!.toString()).toBe('1/5');
    expect(h.staff[0]!.trend!.toNumber(1)).toBe(0.2);
    // The rounded totals, not the exact ones: 80.05 rounds to 80.1, so 90.0 - 80.1 = 9.9 (the exact 9.95 would give 10.0).
    const g = buildHistory([report('2024-H1', [['S1', 8005]]), report('2025-H1', [['S1', 9000]])], POLICY);
    expect(g.staff[0]!.trend!.toFixed(1)).toBe('9.9');
    // 89.95 rounds half up to 90.0: excellent.
    const e = buildHistory([report('2024-H1', [['S1', 8995]])], POLICY);
    expect(e.staff[0]!.results[0]!.grade).toBe('excellent');
  });

  it('names each person as the latest semester does', () => {
    const h = buildHistory([report('2024-H1', [['S1', 8000]], '张伟', '1号楼'), report('2024-H2', [['S1', 8000]], '张伟', '3号楼')], POLICY);
    expect(h.staff[0]).toMatchObject({ name: '张伟', post: '3号楼' });
  });
});
