import { describe, expect, it } from 'vitest';
import { MICRO } from '../src/core/cells.js';
import { type ExplainScores, exactValue, explain } from '../src/core/explain.js';
import { DEFAULT_POLICY, type Policy } from '../src/core/policy.js';
import { Rational } from '../src/core/rational.js';
import type { SemesterReport } from '../src/core/report.js';
import type { Role } from '../src/core/types.js';
import { yearOutcome } from '../src/core/year.js';
import { scoreText } from './score-text.js';
import { explainWords } from '../src/i18n/explain.js';

/** One person of a semester and their raters' five scores each (a role of null: the sheet leaves it blank). */
interface Person {
  semester: string;
  staffId: string;
  raters: [string, Role | null, number[]][];
}

function person(semester: string, staffId: string, raters: [string, Role | null, number[]][]): Person {
  return { semester, staffId, raters };
}

/** The people's rows as one sheet, scored through the reading pipeline as `evaluate explain` reads it. */
function scored(staff: Person[], policy: Policy): SemesterReport {
  const rows = staff.flatMap((s) => s.raters.map(([rater, role, scores]) => [s.staffId, `name ${s.staffId}`, '1号楼', s.semester, rater, role ?? '', ...scores].join(',')));
  const { reports, problems } = scoreText(['staff_id,name,post,semester,rater,role,listen,see,check,test,ask', ...rows].join('\n'), policy);
  expect(problems.list).toEqual([]);
  expect(reports).toHaveLength(1);
  return reports[0]!;
}

/** Each rater's scores of one person, in micro-points, as the reading hands them to explain(). */
function scoresOf(p: Person): ExplainScores[] {
  return p.raters.map(([rater, role, scores]) => ({ rater, role, micro: scores.map((x) => Math.round(x * MICRO)) }));
}

const PANEL: [string, Role, number[]][] = [
  ['王主任', 'leader', [19, 20, 18, 17.5, 17.5]],
  ['李科长', 'head-office', [17.5, 19.5, 17.5, 19, 17.5]],
  ['赵老师', 'center-office', [19.5, 20, 19, 18.5, 18]],
  ['学生甲', 'student', [17.5, 19, 19, 19, 18]],
  ['学生乙', 'student', [20, 20, 18.5, 19, 19]],
];

const TRIMMED: Policy = {
  ...DEFAULT_POLICY,
  aggregation: 'trimmed',
  amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 },
};

function explainOne(staff: Person[], id: string, policy: Policy, year = null as ReturnType<typeof yearOutcome> | null) {
  const report = scored(staff, policy);
  const result = report.staff.find((s) => s.staffId === id)!;
  return explain({ result, scores: scoresOf(staff.find((s) => s.staffId === id)!), ranked: report.staff, policy, year, missingSemesters: year ? [] : ['2026-H2'] });
}

describe('exactValue', () => {
  it.each([
    [Rational.of(8995, 100), undefined, '89.95', null],
    [Rational.of(10403, 120), 12n, '1040.3/12', '86.691667'], // SPEC's example
    [Rational.of(10403, 120), undefined, '260.075/3', '86.691667'],
    [Rational.of(10403, 120), 7n, '260.075/3', '86.691667'], // 7 does not make the numerator a decimal
    [Rational.of(56, 3), 3n, '56/3', '18.666667'],
    [Rational.of(2, 3), undefined, '2/3', '0.666667'],
  ])('%s over %s is %s ≈ %s', (value, natural, exact, approx) => {
    const v = exactValue(value, natural);
    expect(v.exact).toBe(exact);
    expect(v.approx).toBe(approx);
    expect(v.text).toBe(approx ? `${exact} ≈ ${approx}` : exact);
  });
});

describe('explain', () => {
  it('names each dropped score and why, and the exact total before rounding', () => {
    const ex = explainOne([person('2026-H1', 'S001', PANEL)], 'S001', TRIMMED);
    const listen = ex.methods.listen;
    expect(listen.trimmed).toBe(true);
    expect(listen.scores.filter((s) => s.dropped).map((s) => [s.rater, s.score.toString(), s.dropped])).toEqual([
      ['李科长', '35/2', 'lowest'],
      ['学生乙', '20', 'highest'],
    ]);
    // 19 + 19.5 + 17.5 = 56 over the 3 scores kept.
    expect(listen.sum!.toString()).toBe('56');
    expect(listen.divisor!.toString()).toBe('3');
    expect(listen.value.text).toBe('56/3 ≈ 18.666667');
    expect(ex.methods.check.value.text).toBe('18.5');
    // 56/3 + 59.5/3 + 18.5 + 56.5/3 + 53.5/3 = 281/3.
    expect(ex.exactTotal.text).toBe('281/3 ≈ 93.666667');
    expect(ex.total.toFixed(1)).toBe('93.7');
    expect(ex.grade).toBe('excellent');
    expect(ex.band).toEqual({ min: 90, below: null });
    expect(ex.rank).toBe(1);
    expect(ex.rankOf).toBe(1);
    expect(ex.semesterRules).toEqual([
      { id: 'excellent-reward', grade: 'excellent', rewardDue: true, reward: 800, penaltyDue: false, penalty: null, rectifyBy: null, from: null, days: null },
    ]);
    expect(ex.raters.map((r) => r.total.toString())).toEqual(['92', '91', '95', '185/2', '193/2']);
  });

  it('says when there are too few scores to trim', () => {
    const ex = explainOne([person('2026-H1', 'S001', PANEL.slice(0, 4))], 'S001', TRIMMED);
    expect(ex.methods.listen.trimmed).toBe(false);
    expect(ex.methods.listen.scores.every((s) => s.dropped === null)).toBe(true);
    expect(ex.methods.listen.value.text).toBe('18.375');
  });

  it('shows a total of exactly 89.95 before it rounds up to an excellent 90.0', () => {
    const ex = explainOne([person('2026-H1', 'S009', [['committee', null, [18, 18, 18, 18, 17.95]]])], 'S009', DEFAULT_POLICY);
    expect(ex.exactTotal.text).toBe('89.95');
    expect(ex.total.toFixed(1)).toBe('90.0');
    expect(ex.grade).toBe('excellent');
  });

  it('gives weighted scores their weights and a fraction over the sum of weights', () => {
    const weighted: Policy = { ...DEFAULT_POLICY, aggregation: 'weighted', roleWeights: { leader: 2, 'head-office': 1, 'center-office': 1, student: 1 } };
    const ex = explainOne([person('2026-H1', 'S001', PANEL)], 'S001', weighted);
    // (2×19 + 17.5 + 19.5 + 17.5 + 20)/6 = 112.5/6 = 18.75
    expect(ex.methods.listen.sum!.toExactDecimal()).toBe('112.5');
    expect(ex.methods.listen.divisor!.toString()).toBe('6');
    expect(ex.methods.listen.value.text).toBe('18.75');
    // (2×17.5 + 19 + 18.5 + 19 + 19)/6 = 110.5/6
    expect(ex.methods.test.value.text).toBe('110.5/6 ≈ 18.416667');
    expect(ex.methods.listen.scores[0]!.weight.toString()).toBe('2');
  });

  it('ranks among everyone, naming a tie, and applies the penalty with its rectification date', () => {
    const staff = [
      person('2026-H1', 'S001', [['A', null, [12, 12, 12, 12, 11]]]),
      person('2026-H1', 'S002', [['A', null, [12, 12, 12, 12, 11]]]),
      person('2026-H1', 'S003', [['A', null, [18, 18, 18, 18, 18]]]),
    ];
    const ex = explainOne(staff, 'S002', TRIMMED);
    expect(ex).toMatchObject({ rank: 2, rankOf: 3, tiedWith: ['S001'], grade: 'unqualified', band: { min: null, below: 60 } });
    expect(ex.semesterRules[0]).toMatchObject({ id: 'unqualified-penalty', penalty: 200, rectifyBy: '2026-07-30', from: '2026-06-30', days: 30 });
  });

  it('carries the year outcome when both semesters are known', () => {
    const h1 = scored([person('2026-H1', 'S001', PANEL)], TRIMMED).staff[0]!;
    const h2 = scored([person('2026-H2', 'S001', PANEL)], TRIMMED).staff[0]!;
    const outcome = yearOutcome(h1, h2, TRIMMED);
    const ex = explainOne([person('2026-H2', 'S001', PANEL)], 'S001', TRIMMED, outcome);
    expect(ex.year!.year).toBe(2026);
    expect(ex.year!.outcome.yearRules).toEqual(['year-award-candidate']);
    expect(ex.year!.outcome.rewardTotal).toBe(3600);
    expect(ex.missingSemesters).toEqual([]);
  });
});

describe('the rank line of explain', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  it('names everyone who shares the rank, up to ten', () => {
    expect(explainWords.en.rank(2, 24, ids(3))).toBe('2 of 24, shared with S001, S002, S003');
    expect(explainWords.zh.rank(2, 24, ids(10))).toBe('第 2 名，共 24 人（与 S001、S002、S003、S004、S005、S006、S007、S008、S009、S010 并列）');
    expect(explainWords.en.rank(1, 24, [])).toBe('1 of 24');
  });
  it('past ten, names ten and says how many (a semester of 200,000 has hundreds on one total; JSON lists them all)', () => {
    expect(explainWords.en.rank(7, 200000, ids(382))).toBe('7 of 200000, shared with S001, S002, S003, S004, S005, S006, S007, S008, S009, S010 and 372 more');
    expect(explainWords.zh.rank(7, 200000, ids(11))).toBe('第 7 名，共 200000 人（与 S001、S002、S003、S004、S005、S006、S007、S008、S009、S010 等 11 人并列）');
  });
});
