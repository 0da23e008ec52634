/** The year rules, table-driven: every pair of grades, a missing semester, amounts set or unset, due dates. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../src/core/policy.js';
import { type StaffResult, byStaffId, byStaffIdAt, entriesById, rankReport } from '../src/core/report.js';
import type { Grade } from '../src/core/types.js';
import { YEAR_RULES, type YearOutcome, onRewardsList, rewardsFilter, yearCategory, yearOutcome, yearOutcomeAt } from '../src/core/year.js';
import { resultOf } from './score-text.js';

const AMOUNTS: Policy = { ...structuredClone(DEFAULT_POLICY), amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 } };
const UNSET: Policy = structuredClone(DEFAULT_POLICY);

/** Five methods at this score each: 95 excellent, 85 good, 70 qualified, 50 unqualified. */
const PER_METHOD: Record<Grade, number> = { excellent: 19, good: 17, qualified: 14, unqualified: 10 };

/** A real StaffResult for one semester, scored by a consensus rater. */
function result(semester: string, grade: Grade | null, policy: Policy, staffId = 'S001', post = '1号楼'): StaffResult | null {
  if (grade === null) return null;
  const r = resultOf({ semester, staffId, name: '张伟', post }, [0, 1, 2, 3, 4].map(() => PER_METHOD[grade]), policy);
  expect(r.grade).toBe(grade);
  return r;
}

function outcome(h1: Grade | null, h2: Grade | null, policy: Policy, year = 2026) {
  return yearOutcome(result(`${year}-H1`, h1, policy), result(`${year}-H2`, h2, policy), policy);
}

const E = 'excellent';
const G = 'good';
const Q = 'qualified';
const U = 'unqualified';
const H1_DUE = '2026-07-30';
const H2_DUE = '2027-01-30';

// Complete years. Amounts 800 / 300 / bonus 2000 / penalty 200. `unset`: what the built-in policy lacks.
const COMPLETE: [Grade, Grade, { award: boolean; nonRenewal: boolean; rect: boolean; bonus: number | null; reward: number; penalty: number; h1By: string | null; h2By: string | null; year: string[]; unset: string[] }][] = [
  [E, E, { award: true, nonRenewal: false, rect: false, bonus: 2000, reward: 3600, penalty: 0, h1By: null, h2By: null, year: ['year-award-candidate'], unset: ['excellent', 'annualBonus'] }],
  [E, G, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 1100, penalty: 0, h1By: null, h2By: null, year: [], unset: ['excellent', 'good'] }],
  [E, Q, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 800, penalty: 0, h1By: null, h2By: null, year: [], unset: ['excellent'] }],
  [E, U, { award: false, nonRenewal: false, rect: true, bonus: null, reward: 800, penalty: 200, h1By: null, h2By: H2_DUE, year: ['year-rectification'], unset: ['excellent', 'penalty'] }],
  [G, E, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 1100, penalty: 0, h1By: null, h2By: null, year: [], unset: ['excellent', 'good'] }],
  [G, G, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 600, penalty: 0, h1By: null, h2By: null, year: [], unset: ['good'] }],
  [G, Q, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 300, penalty: 0, h1By: null, h2By: null, year: [], unset: ['good'] }],
  [G, U, { award: false, nonRenewal: false, rect: true, bonus: null, reward: 300, penalty: 200, h1By: null, h2By: H2_DUE, year: ['year-rectification'], unset: ['good', 'penalty'] }],
  [Q, E, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 800, penalty: 0, h1By: null, h2By: null, year: [], unset: ['excellent'] }],
  [Q, G, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 300, penalty: 0, h1By: null, h2By: null, year: [], unset: ['good'] }],
  [Q, Q, { award: false, nonRenewal: false, rect: false, bonus: null, reward: 0, penalty: 0, h1By: null, h2By: null, year: [], unset: [] }],
  [Q, U, { award: false, nonRenewal: false, rect: true, bonus: null, reward: 0, penalty: 200, h1By: null, h2By: H2_DUE, year: ['year-rectification'], unset: ['penalty'] }],
  [U, E, { award: false, nonRenewal: false, rect: true, bonus: null, reward: 800, penalty: 200, h1By: H1_DUE, h2By: null, year: ['year-rectification'], unset: ['excellent', 'penalty'] }],
  [U, G, { award: false, nonRenewal: false, rect: true, bonus: null, reward: 300, penalty: 200, h1By: H1_DUE, h2By: null, year: ['year-rectification'], unset: ['good', 'penalty'] }],
  [U, Q, { award: false, nonRenewal: false, rect: true, bonus: null, reward: 0, penalty: 200, h1By: H1_DUE, h2By: null, year: ['year-rectification'], unset: ['penalty'] }],
  // Both unqualified: not renewed, both penalties, and no rectification (it replaces H2's).
  [U, U, { award: false, nonRenewal: true, rect: false, bonus: null, reward: 0, penalty: 400, h1By: null, h2By: null, year: ['year-non-renewal'], unset: ['penalty'] }],
];

const SEMESTER_RULE: Record<Grade, string> = {
  excellent: 'excellent-reward',
  good: 'good-reward',
  qualified: 'qualified-no-reward',
  unqualified: 'unqualified-penalty',
};

describe('year rules: every pair of grades (4 x 4)', () => {
  it('covers all sixteen pairs', () => {
    expect(new Set(COMPLETE.map(([a, b]) => `${a}/${b}`)).size).toBe(16);
  });

  it.each(COMPLETE)('H1 %s, H2 %s, amounts set', (h1, h2, x) => {
    const o = outcome(h1, h2, AMOUNTS);
    expect(o).toMatchObject({
      staffId: 'S001',
      name: '张伟',
      post: '1号楼',
      status: 'complete',
      awardCandidate: x.award,
      nonRenewal: x.nonRenewal,
      rectification: x.rect,
      annualBonusDue: x.award,
      annualBonus: x.bonus,
      rewardTotal: x.reward,
      penaltyTotal: x.penalty,
      rectifyBy: { h1: x.h1By, h2: x.h2By },
      unset: [],
      yearRules: x.year,
    });
    expect(o.rules).toEqual([SEMESTER_RULE[h1], SEMESTER_RULE[h2], ...x.year]);
    expect(o.h1?.grade).toBe(h1);
    expect(o.h2?.grade).toBe(h2);
  });

  it.each(COMPLETE)('H1 %s, H2 %s, amounts unset', (h1, h2, x) => {
    const o = outcome(h1, h2, UNSET);
    // The decisions do not depend on the amounts; a total that needs an unset amount is null.
    expect(o).toMatchObject({
      awardCandidate: x.award,
      nonRenewal: x.nonRenewal,
      rectification: x.rect,
      annualBonusDue: x.award,
      annualBonus: null,
      rewardTotal: x.reward === 0 ? 0 : null,
      penaltyTotal: x.penalty === 0 ? 0 : null,
      rectifyBy: { h1: x.h1By, h2: x.h2By },
      unset: x.unset,
      yearRules: x.year,
    });
  });
});

// One semester missing: the year is undecided, the present semester's consequences stand.
const INCOMPLETE: [Grade | null, Grade | null, { rect: boolean; reward: number; penalty: number; h1By: string | null; h2By: string | null }][] = [
  [null, E, { rect: false, reward: 800, penalty: 0, h1By: null, h2By: null }],
  [null, G, { rect: false, reward: 300, penalty: 0, h1By: null, h2By: null }],
  [null, Q, { rect: false, reward: 0, penalty: 0, h1By: null, h2By: null }],
  [null, U, { rect: true, reward: 0, penalty: 200, h1By: null, h2By: H2_DUE }],
  [E, null, { rect: false, reward: 800, penalty: 0, h1By: null, h2By: null }],
  [G, null, { rect: false, reward: 300, penalty: 0, h1By: null, h2By: null }],
  [Q, null, { rect: false, reward: 0, penalty: 0, h1By: null, h2By: null }],
  [U, null, { rect: true, reward: 0, penalty: 200, h1By: H1_DUE, h2By: null }],
];

describe('year rules: one semester missing', () => {
  it.each(INCOMPLETE)('H1 %s, H2 %s', (h1, h2, x) => {
    const o = outcome(h1, h2, AMOUNTS);
    expect(o).toMatchObject({
      status: 'incomplete',
      awardCandidate: null,
      nonRenewal: null,
      rectification: x.rect,
      annualBonusDue: false,
      annualBonus: null,
      rewardTotal: x.reward,
      penaltyTotal: x.penalty,
      rectifyBy: { h1: x.h1By, h2: x.h2By },
    });
    const present = (h1 ?? h2)!;
    expect(o.rules).toEqual([SEMESTER_RULE[present], 'year-incomplete', ...(x.rect ? ['year-incomplete-rectification'] : [])]);
    expect(h1 === null ? o.h1 : o.h2).toBeNull();
  });

  it.each(INCOMPLETE)('H1 %s, H2 %s, amounts unset', (h1, h2, x) => {
    const o = outcome(h1, h2, UNSET);
    expect(o.rewardTotal).toBe(x.reward === 0 ? 0 : null);
    expect(o.penaltyTotal).toBe(x.penalty === 0 ? 0 : null);
    expect(o.unset).toEqual(x.reward ? [h1 === E || h2 === E ? 'excellent' : 'good'] : x.penalty ? ['penalty'] : []);
  });

  it('a roster entry with neither semester scored is incomplete, with nothing due', () => {
    const o = yearOutcome(null, null, AMOUNTS, { staffId: 'S099', name: '新人', post: '5号楼' });
    expect(o).toMatchObject({
      staffId: 'S099',
      name: '新人',
      post: '5号楼',
      status: 'incomplete',
      awardCandidate: null,
      nonRenewal: null,
      rectification: false,
      rewardTotal: 0,
      penaltyTotal: 0,
      rules: ['year-incomplete'],
    });
    expect(() => yearOutcome(null, null, AMOUNTS)).toThrow();
  });

  it('names the person by the latest semester (a post may change)', () => {
    const h1 = result('2026-H1', G, AMOUNTS, 'S001', '2号楼');
    const o = yearOutcome(h1, result('2026-H2', G, AMOUNTS), AMOUNTS);
    expect(o.post).toBe('1号楼');
  });

  it('refuses semesters in the wrong slot or of two people', () => {
    expect(() => yearOutcome(result('2026-H2', G, AMOUNTS), null, AMOUNTS)).toThrow();
    expect(() => yearOutcome(result('2026-H1', G, AMOUNTS), result('2026-H2', G, AMOUNTS, 'S002'), AMOUNTS)).toThrow();
  });
});

describe('rectification due dates: evaluation date (June 30 / December 31) plus rectificationDays', () => {
  const DUE: [number, number, Grade | null, Grade | null, string | null, string | null][] = [
    [2026, 30, U, Q, '2026-07-30', null],
    [2026, 30, Q, U, null, '2027-01-30'],
    [2026, 0, U, G, '2026-06-30', null],
    [2026, 0, G, U, null, '2026-12-31'],
    [2026, 45, U, E, '2026-08-14', null],
    [2027, 60, null, U, null, '2028-02-29'], // into a leap February
    [2026, 60, U, U, null, null], // non-renewal: no rectification at all
  ];
  it.each(DUE)('%i, %i days, H1 %s, H2 %s', (year, days, h1, h2, h1By, h2By) => {
    const policy = { ...AMOUNTS, rectificationDays: days };
    expect(outcome(h1, h2, policy, year).rectifyBy).toEqual({ h1: h1By, h2: h2By });
  });
});

describe('the rules as data', () => {
  it('is a short ordered list of named rules', () => {
    expect(YEAR_RULES.map((r) => r.id)).toEqual([
      'year-award-candidate',
      'year-non-renewal',
      'year-rectification',
      'year-incomplete',
      'year-incomplete-rectification',
    ]);
    for (const r of YEAR_RULES) expect(r.says.length).toBeGreaterThan(10);
  });
});

describe("HR's lists and the sections", () => {
  const LISTED: [Grade | null, Grade | null, boolean, string, string[]][] = [
    [E, E, true, 'award', ['rewards', 'award-candidates']],
    [U, U, true, 'non-renewal', ['penalties', 'non-renewal']],
    [G, U, true, 'rectification', ['rewards', 'penalties']],
    [Q, U, true, 'rectification', ['penalties']],
    [G, Q, true, 'other', ['rewards']],
    [Q, Q, false, 'other', []],
    [null, Q, false, 'incomplete', []],
    [E, null, true, 'incomplete', ['rewards']],
    [null, U, true, 'rectification', ['penalties']],
  ];
  it.each(LISTED)('H1 %s, H2 %s: listed %s, section %s, --only %j', (h1, h2, listed, section, only) => {
    for (const policy of [AMOUNTS, UNSET]) {
      const o = outcome(h1, h2, policy);
      expect(onRewardsList(o)).toBe(listed);
      expect(rewardsFilter(null)(o)).toBe(listed);
      expect(yearCategory(o)).toBe(section);
      const kept = (['rewards', 'penalties', 'award-candidates', 'non-renewal'] as const).filter((k) => rewardsFilter(k)(o));
      expect(kept).toEqual(only);
    }
  });
});

describe('byStaffId: everyone of several lists, by staff id', () => {
  const who = (staffId: string, tag: string) => ({ staffId, tag });
  /** The reference: each id's row of tags (a list's later entry of an id given twice), by a map, ids in UTF-16 order ('|' between tags). */
  const joinedByMap = (lists: { staffId: string; tag: string }[][]): string[] => {
    const byMap = new Map<string, (string | null)[]>();
    lists.forEach((list, j) => {
      for (const x of list) {
        const row = byMap.get(x.staffId) ?? lists.map(() => null);
        row[j] = x.tag;
        byMap.set(x.staffId, row);
      }
    });
    return [...byMap.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((id) => byMap.get(id)!.join('|'));
  };

  it('one row per staff id in code-point order, null where a list has none', () => {
    const rows = byStaffId([[who('S3', 'h1'), who('S1', 'h1')], [who('S2', 'h2'), who('S3', 'h2')], [who('S1', 'roster')]], (row) => [...row]);
    expect(rows.map((r) => r.map((x) => (x ? `${x.staffId}:${x.tag}` : null)))).toEqual([
      ['S1:h1', null, 'S1:roster'],
      [null, 'S2:h2', null],
      ['S3:h1', 'S3:h2', null],
    ]);
  });

  it('orders by code point, not UTF-16 units: an id above U+FFFF after one from U+E000', () => {
    const astral = '\u{1F600}';
    const rows = byStaffId([[who(astral, 'a'), who('\uE000', 'b'), who('A', 'c')]], (row) => [...row]);
    expect(rows.map((r) => r[0]!.tag)).toEqual(['c', 'b', 'a']);
  });

  it('a list with an id twice: the later entry', () => {
    expect(byStaffId([[who('S1', 'first'), who('S1', 'second')]], (row) => row[0]!.tag)).toEqual(['second']);
  });

  it('no lists, or empty ones: no rows', () => {
    expect(byStaffId([], (row) => row)).toEqual([]);
    expect(byStaffId([[], []], (row) => row)).toEqual([]);
  });

  it('long lists (the radix sort of short ids): the same rows as a join by map, the later entry of an id twice', () => {
    // 3 lists of 5,000 entries from 6,000 ids of 1 to 7 characters, many in two or three lists, some twice in one.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pool = Array.from({ length: 6000 }, (_, i) => (i % 7 === 0 ? 'A'.repeat(1 + (i % 6)) : `S${i.toString(36)}`.slice(0, 1 + (i % 7))));
    const lists = [0, 1, 2].map((j) => Array.from({ length: 5000 }, (_, k) => who(pool[Math.floor(next() * pool.length)]!, `${j}.${k}`)));
    const rows = byStaffId(lists as [typeof lists[0], typeof lists[0], typeof lists[0]], (row) => row.map((x) => x?.tag ?? null).join('|'));
    expect(rows).toEqual(joinedByMap(lists));
    // The case is what it says: many ids, some in all three lists, some in one only, some twice in a list.
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.filter((r) => r.split('|').every((t) => t !== '')).length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.split('|').filter((t) => t === '').length === 2).length).toBeGreaterThan(100);
    expect(lists[0]!.length - new Set(lists[0]!.map((x) => x.staffId)).size).toBeGreaterThan(100);
  });

  it("lists in id order already (a year's semesters) are merged: the same rows as a join by map, the later entry of an id twice", () => {
    // The same shape of case as above, each list stably sorted by id but one, which stays as it came.
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pool = Array.from({ length: 6000 }, (_, i) => (i % 5 === 0 ? `A${i}`.slice(0, 1 + (i % 4)) : `S${(i * 7919).toString(36)}`));
    const unit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const lists = [0, 1, 2].map((j) => {
      const list = Array.from({ length: 5000 }, (_, k) => who(pool[Math.floor(next() * pool.length)]!, `${j}.${k}`));
      return j === 2 ? list : list.sort((a, b) => unit(a.staffId, b.staffId));
    });
    const rows = byStaffId(lists as [typeof lists[0], typeof lists[0], typeof lists[0]], (row) => row.map((x) => x?.tag ?? null).join('|'));
    expect(rows).toEqual(joinedByMap(lists));
    expect(lists[0]!.length - new Set(lists[0]!.map((x) => x.staffId)).size).toBeGreaterThan(100);
    expect(rows.filter((r) => r.split('|').every((t) => t !== '')).length).toBeGreaterThan(100);
  });

  it('a list in code-point order that UTF-16 order would call unsorted is merged in code-point order', () => {
    const astral = '\u{1F600}';
    // In code-point order already: A < U+E000 < U+1F600 (UTF-16 units put the astral id before U+E000).
    const rows = byStaffId([[who('A', 'a'), who('\uE000', 'b'), who(astral, 'c')], [who(astral, 'd'), who('B', 'e')]], (row) => row.map((x) => x?.tag ?? '-').join(''));
    expect(rows).toEqual(['a-', '-e', 'b-', 'cd']);
  });

  it('gives make one row at a time: what make keeps is a copy, what it leaves is reused', () => {
    const kept = byStaffId([[who('S2', 'a'), who('S1', 'a')], [who('S1', 'b')]], (row) => ({ copy: [...row], same: row }));
    expect(kept.map((k) => k.copy.map((x) => x?.tag ?? null))).toEqual([
      ['a', 'b'],
      ['a', null],
    ]);
    expect(kept[0]!.same).toBe(kept[1]!.same);
  });
});

describe('yearOutcomeAt: a year joined by its reports entries', () => {
  it('gives for every pair of grades, and a missing semester, what yearOutcome gives for the same results, with their ranks', () => {
    const grades: (Grade | null)[] = [E, G, Q, U, null];
    const h1: StaffResult[] = [];
    const h2: StaffResult[] = [];
    let n = 0;
    for (const a of grades) {
      for (const b of grades) {
        if (a === null && b === null) continue;
        // Ids written in an order that is not theirs (S24 first): the join sorts what is not in id order.
        const id = `S${String(24 - n++).padStart(2, '0')}`;
        if (a !== null) h1.push(result('2026-H1', a, AMOUNTS, id)!);
        if (b !== null) h2.push(result('2026-H2', b, AMOUNTS, id, '2号楼')!);
      }
    }
    const r1 = rankReport('2026-H1', h1, 1, null);
    const r2 = rankReport('2026-H2', h2, 1, null);
    const seen = (o: YearOutcome) => ({
      who: [o.staffId, o.name, o.post],
      h1: o.h1 && [o.h1.staffId, o.h1.total.toFixed(1), o.h1.grade, o.h1.rank, o.h1.rankOf],
      h2: o.h2 && [o.h2.staffId, o.h2.total.toFixed(1), o.h2.grade, o.h2.rank, o.h2.rankOf],
      decided: [o.status, o.awardCandidate, o.nonRenewal, o.rectification, o.annualBonus, o.rewardTotal, o.penaltyTotal, o.rectifyBy, o.rules],
    });
    const outcomes = [
      byStaffIdAt([entriesById(r1), entriesById(r2)], (at) => yearOutcomeAt(r1.rows, at[0]!, r2.rows, at[1]!, AMOUNTS)),
      byStaffId([r1.staff, r2.staff], (row) => yearOutcome(row[0], row[1], AMOUNTS)),
    ];
    // Each semester's grade and consequence as `graded` gives them (what the lists read, no result
    // made) are the result's: the same grade, the same shared consequence, null where not scored.
    for (const o of outcomes.flat()) {
      for (const half of ['h1', 'h2'] as const) {
        const s = o[half];
        expect(o.graded[half]?.grade ?? null).toBe(s?.grade ?? null);
        expect(o.graded[half]?.consequence ?? null).toBe(s?.consequence ?? null);
      }
    }
    expect(outcomes.flat().filter((o) => o.graded.h1 === null || o.graded.h2 === null)).toHaveLength(16);
    const [byEntries, byResults] = outcomes.map((list) => list.map(seen)) as [ReturnType<typeof seen>[], ReturnType<typeof seen>[]];
    expect(byEntries).toHaveLength(24);
    expect(byEntries).toEqual(byResults);
    // In staff-id order, each with the ranks of their semesters (the excellent first in both).
    expect(byEntries.map((o) => o.who[0])).toEqual([...Array(24)].map((_, i) => `S${String(i + 1).padStart(2, '0')}`));
    expect(byEntries.find((o) => o.h1?.[2] === E && o.h2?.[2] === E)).toMatchObject({ who: ['S24', '张伟', '2号楼'], h1: ['S24', '95.0', E, 1, 20], h2: ['S24', '95.0', E, 1, 20] });
    // Five people of each grade a semester: the unqualified share rank 16 of 20.
    expect(byEntries.find((o) => o.h1?.[2] === U && o.h2?.[2] === U)).toMatchObject({ h1: [expect.any(String), '50.0', U, 16, 20], h2: [expect.any(String), '50.0', U, 16, 20], decided: ['complete', false, true, false, null, 0, 400, { h1: null, h2: null }, expect.any(Array)] });
  });
});
