/** core/diff.ts as data: which fields of whom changed between two reports, and when two reports cannot be compared. */
import { describe, expect, it } from 'vitest';
import { decimalsOf, diffEntries, diffReports, entriesOf, otherPartsThatDiffer, reportKind, sealedPolicy, totalDecimals } from '../src/core/diff.js';

const person = (staffId: string, over: Record<string, unknown> = {}) => ({
  rank: 1,
  staffId,
  name: `N${staffId}`,
  post: '1号楼',
  methods: { listen: 18, see: 18, check: 18, test: 18, ask: 18 },
  total: 90,
  grade: 'excellent',
  raters: 5,
  reward: 800,
  penalty: null,
  rectifyBy: null,
  ...over,
});
const score = (...semesters: [string, ReturnType<typeof person>[]][]) => ({
  semesters: semesters.map(([semester, staff]) => ({ semester, staff })),
  warnings: [],
});
const half = (total: number, grade: string) => ({ total, grade });
const yearPerson = (staffId: string, over: Record<string, unknown> = {}) => ({
  staffId,
  name: `N${staffId}`,
  post: '1号楼',
  h1: half(92, 'excellent'),
  h2: half(91, 'excellent'),
  status: 'complete',
  awardCandidate: true,
  nonRenewal: false,
  rectification: false,
  rewardTotal: 3600,
  penaltyTotal: 0,
  ...over,
});

describe('reportKind', () => {
  it.each([
    [score(), 'score'],
    [{ year: 2026, staff: [] }, 'year'],
    [{ year: 2026, only: null, staff: [] }, 'rewards'],
    [{ semester: '2026-H1', raters: [], staff: [], outliers: [] }, 'panel'],
    [{ year: 2026, staff: [], seal: { command: ['rewards'] } }, 'rewards'],
    [{ staff: [] }, null],
    [[1, 2], null],
    ['text', null],
  ])('%j is %s', (doc, kind) => {
    expect(reportKind(doc)).toBe(kind);
  });
});

describe('diffReports', () => {
  it('lists each changed field of each person once, in field order, and the people added and removed', () => {
    const before = score(['2026-H1', [person('S001'), person('S002', { rank: 2, total: 79.9, grade: 'qualified', reward: null }), person('S003')]]);
    const after = score(['2026-H1', [person('S002', { rank: 1, total: 80, grade: 'good', reward: 300, methods: { listen: 1 } }), person('S001', { rank: 2 }), person('S025')]]);
    expect(diffReports(before, after)).toEqual({
      kind: 'score',
      changes: [
        { semester: '2026-H1', staffId: 'S001', name: 'NS001', field: 'rank', before: 1, after: 2 },
        { semester: '2026-H1', staffId: 'S002', name: 'NS002', field: 'rank', before: 2, after: 1 },
        { semester: '2026-H1', staffId: 'S002', name: 'NS002', field: 'total', before: 79.9, after: 80 },
        { semester: '2026-H1', staffId: 'S002', name: 'NS002', field: 'grade', before: 'qualified', after: 'good' },
        { semester: '2026-H1', staffId: 'S002', name: 'NS002', field: 'reward', before: null, after: 300 },
      ],
      added: [{ semester: '2026-H1', staffId: 'S025', name: 'NS025' }],
      removed: [{ semester: '2026-H1', staffId: 'S003', name: 'NS003' }],
    });
  });

  it('keys people by semester: the same id in another semester is another entry', () => {
    const d = diffReports(score(['2026-H1', [person('S001')]]), score(['2026-H1', [person('S001')]], ['2026-H2', [person('S001')]]));
    expect(d).toMatchObject({ changes: [], added: [{ semester: '2026-H2', staffId: 'S001' }], removed: [] });
  });

  it('year reports: h1 and h2 as a whole, the year decisions and totals', () => {
    const d = diffReports(
      { year: 2026, staff: [yearPerson('S001'), yearPerson('S002')] },
      { year: 2026, staff: [yearPerson('S001', { h2: half(89.9, 'good'), awardCandidate: false, rewardTotal: 1100 }), yearPerson('S002', { name: 'renamed' })] },
    );
    expect(d).toEqual({
      kind: 'year',
      changes: [
        { semester: 2026, staffId: 'S001', name: 'NS001', field: 'h2', before: half(91, 'excellent'), after: half(89.9, 'good') },
        { semester: 2026, staffId: 'S001', name: 'NS001', field: 'awardCandidate', before: true, after: false },
        { semester: 2026, staffId: 'S001', name: 'NS001', field: 'rewardTotal', before: 3600, after: 1100 },
      ],
      added: [],
      removed: [],
    });
  });

  it('two reports of different commands, or of a command diff does not compare, or not reports at all', () => {
    expect(diffReports(score(), { year: 2026, staff: [] })).toEqual({ problem: 'different-commands', before: 'score', after: 'year' });
    expect(diffReports({ year: 2026, only: null, staff: [] }, { year: 2026, only: null, staff: [] })).toEqual({ problem: 'not-diffable', kind: 'rewards' });
    expect(diffReports({ hello: 1 }, score())).toEqual({ problem: 'not-a-report', which: 'before' });
    expect(diffReports(score(), { semesters: [{ semester: '2026-H1', staff: [{ name: 'no id' }] }] })).toEqual({ problem: 'not-a-report', which: 'after' });
  });
});

describe('what tells the precision of a report\'s totals (a JSON report does not write it)', () => {
  it.each([
    [89, 0],
    [88.5, 1],
    [88.25, 2],
    [0, 0],
    [1e-7, 7],
    [1.5e-7, 8],
    [1e21, 0],
  ])('%d is written with %d decimals', (n, places) => expect(decimalsOf(n)).toBe(places));

  it('the most decimals of any total: score totals, year h1 and h2 totals (not ranks or amounts)', () => {
    expect(totalDecimals(score(['2026-H1', [person('S001', { total: 89 }), person('S002', { total: 88.25, reward: 0.125 })]]))).toBe(2);
    expect(totalDecimals(score(['2026-H1', [person('S001', { total: 89, reward: 12.5 })]]))).toBe(0);
    expect(totalDecimals({ year: 2026, staff: [yearPerson('S001', { h1: null, h2: half(90.5, 'excellent'), rewardTotal: 0.25 })] })).toBe(1);
    expect(totalDecimals({ year: 2026, only: null, staff: [yearPerson('S001', { h1: half(90.25, 'excellent') })] })).toBe(0);
    expect(totalDecimals('text')).toBe(0);
  });

  it('the policy a seal names, with its hash', () => {
    expect(sealedPolicy({ ...score(), seal: { command: ['score'], policy: { source: 'p.json', sha256: 'ab' } } })).toEqual({ source: 'p.json', sha256: 'ab' });
    expect(sealedPolicy(score())).toBeNull();
    expect(sealedPolicy({ ...score(), seal: { policy: { source: 'p.json' } } })).toBeNull();
  });
});

describe('every field, for verify', () => {
  it('compares nested objects field by field and names the other parts that differ', () => {
    const a = score(['2026-H1', [person('S001')]]);
    const b = { ...score(['2026-H1', [person('S001', { methods: { listen: 18, see: 18.5, check: 18, test: 18, ask: 18 } })]]), warnings: [{ file: 'x', line: 1, message: 'm' }] };
    const d = diffEntries('score', entriesOf('score', a)!, entriesOf('score', b)!);
    expect(d.changes).toEqual([{ semester: '2026-H1', staffId: 'S001', name: 'NS001', field: 'methods.see', before: 18, after: 18.5 }]);
    expect(otherPartsThatDiffer('score', a, b)).toEqual(['warnings']);
  });

  it('keys a panel report\'s raters and outliers as well as its staff', () => {
    const panel = (mean: number) => ({
      semester: '2026-H1',
      raters: [{ rater: '学生乙', mean }],
      staff: [{ staffId: 'S001', name: '张伟', spread: 3 }],
      outliers: [{ staffId: 'S001', name: '张伟', rater: '学生乙', method: 'ask', score: 20 }],
      reliability: {},
    });
    const d = diffEntries('panel', entriesOf('panel', panel(80))!, entriesOf('panel', panel(81))!);
    expect(d.changes).toEqual([{ semester: '2026-H1', staffId: 'rater 学生乙', name: '学生乙', field: 'mean', before: 80, after: 81 }]);
    expect(entriesOf('panel', panel(80))!.map((e) => e.staffId)).toEqual(['rater 学生乙', 'S001', 'outlier S001 学生乙 ask']);
  });
});
