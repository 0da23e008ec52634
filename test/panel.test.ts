import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MICRO } from '../src/core/cells.js';
import { type PanelSource, type PanelStaff, icc2, mean, panelReport, pearson, readingOf, sampleSd, tallySource } from '../src/core/panel.js';
import { DEFAULT_POLICY, type Policy } from '../src/core/policy.js';
import { METHODS, type Role } from '../src/core/types.js';
import { problemsOf, readFiles } from './score-text.js';

type Spec = Record<string, Record<string, number[]>>;

/**
 * Staff with raters' five scores each: { S1: { A: [18, 18, 18, 18, 18], ... } }, as the panel reads
 * a semester (a negative score: the rater gave none for that method).
 */
function panel(spec: Spec, roles: Record<string, Role> = {}): PanelSource {
  const raters: string[] = [];
  const number = (rater: string) => {
    let r = raters.indexOf(rater);
    if (r < 0) r = raters.push(rater) - 1;
    return r;
  };
  const staff: PanelStaff[] = Object.entries(spec).map(([staffId, scores]) => {
    const s: PanelStaff = { staffId, name: staffId, raters: [], roles: [], micro: [] };
    for (const [rater, five] of Object.entries(scores)) {
      s.raters.push(number(rater));
      s.roles.push(roles[rater] ?? null);
      for (let k = 0; k < METHODS.length; k++) s.micro.push(five[k]! >= 0 ? Math.round(five[k]! * MICRO) : null);
    }
    return s;
  });
  return {
    raters,
    eachStaff(visit) {
      for (const s of staff) visit(s);
    },
  };
}

/** Each staff member's raters' totals, in points. */
function totalsOf(spec: Spec): number[][] {
  return Object.values(spec).map((raters) => Object.values(raters).map((five) => five.reduce((a, x) => a + Math.round(x * MICRO) / MICRO, 0)));
}

const five = (x: number) => [x, x, x, x, x];

describe('ICC(2,1) and ICC(2,k)', () => {
  it('reproduces Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges', () => {
    // Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
    // reliability. Psychological Bulletin, 86(2), 420-428. Table 2 gives the ratings; Table 3 the
    // mean squares BMS 11.24, JMS 32.49, EMS 1.02 and ICC(2,1) = .29, ICC(2,4) = .62.
    const table2 = [
      [9, 2, 5, 8],
      [6, 1, 3, 2],
      [8, 4, 6, 8],
      [7, 1, 2, 6],
      [10, 5, 6, 9],
      [6, 2, 4, 7],
    ];
    const r = icc2(table2);
    expect(r.msr).toBeCloseTo(11.24, 2);
    expect(r.msc).toBeCloseTo(32.49, 2);
    expect(r.mse).toBeCloseTo(1.02, 2);
    expect(r.iccSingle).toBeCloseTo(0.29, 2);
    expect(r.icc).toBeCloseTo(0.62, 2);
    // Exactly, from the same mean squares (1349/120, 2339/72, 367/360): 184/635 and 736/1187.
    expect(r.iccSingle).toBeCloseTo(184 / 635, 12);
    expect(r.icc).toBeCloseTo(736 / 1187, 12);
    expect(readingOf(r.icc)).toBe('moderate');
  });

  it('penalizes a constant offset between raters (absolute agreement), by hand', () => {
    // Rater B always one point above A. Grand mean 3.5, staff means 1.5, 3.5, 5.5, rater means 3, 4:
    // SSR = 2·(4 + 0 + 4) = 16, MSR = 8; SSC = 3·(0.25 + 0.25) = 1.5, MSC = 1.5; SSE = 17.5 - 16 - 1.5 = 0.
    // ICC(2,1) = 8 / (8 + 0 + 2·1.5/3) = 8/9; ICC(2,2) = 8 / (8 + 1.5/3) = 16/17.
    const r = icc2([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(r).toMatchObject({ n: 3, k: 2, msr: 8, msc: 1.5, mse: 0 });
    expect(r.iccSingle).toBeCloseTo(8 / 9, 12);
    expect(r.icc).toBeCloseTo(16 / 17, 12);
  });

  it('handles a rater who gives everyone full marks, by hand', () => {
    // Raters A (10, 14, 18), B (12, 15, 17), C (20, 20, 20). MSR = 127/9, MSC = 292/9, MSE = 37/9:
    // ICC(2,1) = (90/9) / (127/9 + 2·37/9 + 3·(255/9)/3) = 90/456 = 15/76; ICC(2,3) = 90/212 = 45/106.
    const r = icc2([
      [10, 12, 20],
      [14, 15, 20],
      [18, 17, 20],
    ]);
    expect(r.msr).toBeCloseTo(127 / 9, 12);
    expect(r.msc).toBeCloseTo(292 / 9, 12);
    expect(r.mse).toBeCloseTo(37 / 9, 12);
    expect(r.iccSingle).toBeCloseTo(15 / 76, 12);
    expect(r.icc).toBeCloseTo(45 / 106, 12);
    expect(readingOf(r.icc)).toBe('poor');
  });

  it.each([
    ['no variance at all', [[17.3, 17.3], [17.3, 17.3], [17.3, 17.3]]],
    ['one staff member', [[18, 19, 20]]],
    ['one rater', [[18], [19], [20]]],
    ['no staff', []],
  ])('is null, never NaN, with %s', (_, matrix) => {
    const r = icc2(matrix as number[][]);
    expect(r.icc).toBeNull();
    expect(r.iccSingle).toBeNull();
    expect(readingOf(r.icc)).toBeNull();
  });

  it('reads the ICC after Koo & Li 2016 at the band edges', () => {
    expect([0.49999, 0.5, 0.74999, 0.75, 0.89999, 0.9, -0.2].map(readingOf)).toEqual([
      'poor',
      'moderate',
      'moderate',
      'good',
      'good',
      'excellent',
      'poor',
    ]);
  });
});

describe('descriptive statistics', () => {
  it('mean, sample sd and correlation by hand; null where undefined', () => {
    expect(mean([80, 90, 100])).toBe(90);
    expect(sampleSd([80, 90, 100])).toBe(10);
    expect(sampleSd([87.3, 87.3, 87.3, 87.3])).toBe(0); // exactly zero: no rounding noise
    expect(sampleSd([87.3])).toBeNull();
    expect(mean([])).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(pearson([100, 100, 100], [70, 80, 90])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
  });
});

describe('panelReport', () => {
  // Four staff, four raters. D gives everyone 20 in every method (100 in total).
  const spec: Spec = {
    S1: { A: five(12), B: five(13), C: five(12.5), D: five(20) },
    S2: { A: five(16), B: five(16.5), C: five(15.5), D: five(20) },
    S3: { A: five(18), B: five(17.5), C: five(18.5), D: five(20) },
    S4: { A: five(14), B: five(13.5), C: five(14.5), D: five(20) },
  };
  const staff = panel(spec);
  const r = panelReport('2026-H1', staff, DEFAULT_POLICY);
  const byName = Object.fromEntries(r.raters.map((x) => [x.rater, x]));

  it('gives each rater scored, mean, sd, leniency against the others and correlation', () => {
    // A's totals 60, 80, 90, 70: mean 75, sd sqrt(500/3).
    expect(byName.A).toMatchObject({ scored: 4, mean: 75 });
    expect(byName.A!.sd).toBeCloseTo(Math.sqrt(500 / 3), 12);
    // D: 100 for all. Others' median totals 62.5, 80, 90, 70 → leniency mean(37.5, 20, 10, 30) = 24.375.
    expect(byName.D).toMatchObject({ scored: 4, mean: 100, sd: 0, correlation: null, identicalShare: 1 });
    expect(byName.D!.leniency).toBeCloseTo(24.375, 12);
    expect(byName.D!.flags).toEqual(['identical-scores', 'lenient']);
    // A against the median of B, C and D: 65, 82.5, 92.5, 72.5 (D's 100 does not pull it up), so
    // A's leniency is mean(-5, -2.5, -2.5, -2.5) = -3.125, not severe. Against the others' mean,
    // (65 + 62.5 + 100)/3 and so on, A would be -8.96: "severe" only because D is lenient.
    expect(byName.A!.leniency).toBeCloseTo(-3.125, 12);
    expect(byName.A!.flags).toEqual([]);
    expect(byName.B!.flags).toEqual([]);
    expect(byName.C!.flags).toEqual([]);
  });

  it('measures leniency against the median of the other raters\' totals, not the sum of per-method medians', () => {
    // B, C and D split their strength over different methods: their totals are 84, 82 and 80, so
    // the median total A is compared with is 82 and A's leniency is 90 - 82 = 8 (lenient). The
    // medians method by method (20, 16, 16, 16, 16) add up to 84, which would give 6.
    const spread = panel({
      S1: {
        A: [18, 18, 18, 18, 18],
        B: [20, 20, 12, 16, 16],
        C: [20, 12, 20, 14, 16],
        D: [12, 16, 16, 20, 16],
      },
    });
    const byRater = Object.fromEntries(panelReport('2026-H1', spread, DEFAULT_POLICY).raters.map((x) => [x.rater, x]));
    expect(byRater.A!.leniency).toBe(8);
    // B's others: A 90, C 82, D 80: median 82, so 84 - 82 = 2.
    expect(byRater.B!.leniency).toBe(2);
    expect(byRater.D!.leniency).toBe(80 - 84);
  });

  it('flags the full-marks scores that stand out as outliers, with the rule applied', () => {
    // Every outlier is D's, and only where D is more than 4 points from the others.
    expect(r.outliers.length).toBeGreaterThan(0);
    expect(new Set(r.outliers.map((o) => o.rater))).toEqual(new Set(['D']));
    for (const o of r.outliers) {
      expect(o.score).toBe(20);
      expect(Math.abs(o.difference)).toBeGreaterThan(4);
      expect(o.sds).toBeGreaterThan(2.5);
    }
    // S3: the others' median is 18, 2 points below 20: never an outlier.
    expect(r.outliers.filter((o) => o.staffId === 'S3')).toEqual([]);
    const s1 = r.outliers.find((o) => o.staffId === 'S1' && o.method === 'listen')!;
    expect(s1.othersMedian).toBe(12.5);
    expect(s1.difference).toBe(7.5);
  });

  it('gives the spread of rater totals per staff member', () => {
    expect(r.staff.map((s) => [s.staffId, s.spread, s.flags])).toEqual([
      ['S1', 40, ['high-spread']],
      ['S2', 22.5, ['high-spread']],
      ['S3', 12.5, []],
      ['S4', 32.5, ['high-spread']],
    ]);
    expect(r.staff[0]!.highest).toEqual({ rater: 'D', total: 100 });
    expect(r.staff[0]!.lowest).toEqual({ rater: 'A', total: 60 });
  });

  it('computes the reliability of the total and of each method over the complete block', () => {
    expect(r.reliability.total).toMatchObject({ n: 4, k: 4 });
    const totals = totalsOf(spec);
    expect(r.reliability.total.icc).toBeCloseTo(icc2(totals).icc!, 12);
    expect(r.reliability.listen.icc).toBeCloseTo(icc2(totals.map((row) => row.map((x) => x / 5))).icc!, 12);
    expect(r.reliability.total.reading).toBe(readingOf(r.reliability.total.icc));
  });

  it('gives null, not NaN, for one staff member and for a panel without variance', () => {
    const one = panelReport('2026-H1', panel({ S1: { A: five(18), B: five(19) } }), DEFAULT_POLICY);
    expect(one.reliability.total).toMatchObject({ icc: null, iccSingle: null, reading: null, n: 1, k: 2 });
    expect(one.raters[0]).toMatchObject({ scored: 1, mean: 90, sd: null, correlation: null, leniency: -5, flags: [] });
    expect(one.staff[0]).toMatchObject({ spread: 5 });

    const flat = panelReport('2026-H1', panel({ S1: { A: five(15), B: five(15) }, S2: { A: five(15), B: five(15) } }), DEFAULT_POLICY);
    for (const k of ['total', ...METHODS] as const) expect(flat.reliability[k].icc).toBeNull();
    expect(flat.raters[0]).toMatchObject({ sd: 0, leniency: 0, correlation: null });
    expect(flat.outliers).toEqual([]);
    expect(JSON.stringify(flat)).not.toMatch(/NaN|Infinity/);

    const consensus = panelReport('2026-H1', panel({ S1: { committee: five(18) }, S2: { committee: five(16) } }), DEFAULT_POLICY);
    expect(consensus.raters[0]).toMatchObject({ leniency: null, correlation: null, flags: [] });
    expect(consensus.reliability.total).toMatchObject({ icc: null, k: 1 });
    expect(consensus.staff[0]!.spread).toBeNull();
  });

  it('takes its thresholds from the policy', () => {
    const strict: Policy = { ...DEFAULT_POLICY, panel: { ...DEFAULT_POLICY.panel, leniency: 30, spread: 39, identicalShare: 1 } };
    const s = panelReport('2026-H1', staff, strict);
    expect(s.raters.find((x) => x.rater === 'D')!.flags).toEqual(['identical-scores']);
    expect(s.staff.filter((x) => x.flags.length).map((x) => x.staffId)).toEqual(['S1']);
  });

  it('does not call identical scores on fewer than three staff', () => {
    const two = panelReport('2026-H1', panel({ S1: { A: five(18), B: five(19) }, S2: { A: five(18), B: five(16) } }), DEFAULT_POLICY);
    expect(two.raters[0]!.identicalShare).toBe(1);
    expect(two.raters[0]!.flags).not.toContain('identical-scores');
  });
});

describe('the panel of a sheet read through the pipeline', () => {
  it('is the panel of the same scores given directly (tallySource keeps every score, rater and role)', () => {
    const spec: Spec = {
      S1: { A: [12, 13, 11.5, 12, 12], B: five(13), C: five(12.5), D: five(20) },
      S2: { A: five(16), B: [16.5, 16, 17, 15.25, 16], C: five(15.5), D: five(20) },
      S3: { B: five(17.5), C: five(18.5), D: five(20) },
    };
    const roles: Record<string, Role> = { A: 'leader', B: 'head-office', C: 'student', D: 'student' };
    const rows = Object.entries(spec).flatMap(([id, raters]) => Object.entries(raters).map(([rater, s]) => [id, id, '2026-H1', rater, roles[rater], ...s].join(',')));
    const dir = mkdtempSync(join(tmpdir(), 'evaluate-panel-'));
    try {
      const path = join(dir, 'sheet.csv');
      writeFileSync(path, ['staff_id,name,semester,rater,role,listen,see,check,test,ask', ...rows].join('\n'));
      const reading = readFiles([path], { keepScores: true });
      expect(problemsOf(reading)).toEqual([]);
      const people = reading.tally.peopleBySemester()[0]!;
      const read = panelReport('2026-H1', tallySource(reading.tally, reading.texts, people), DEFAULT_POLICY);
      expect(read).toEqual(panelReport('2026-H1', panel(spec, roles), DEFAULT_POLICY));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
