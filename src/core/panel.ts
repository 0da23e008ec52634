/**
 * Rater consistency for one semester: how each rater compares with the others on the same staff,
 * single scores far from the others', staff on whom the raters disagree, and inter-rater reliability.
 *
 * The statistics are plain JS numbers (they describe the panel, they decide nothing), but every sum
 * of squares is computed exactly from the scores' decimal values, so that "no variance" is exactly
 * zero and gives `null`, never a ratio of rounding noise.
 */
import { MICRO } from './cells.js';
import type { StaffSemester } from './merge.js';
import { type PanelThresholds, type Policy, rationalOf } from './policy.js';
import { Rational } from './rational.js';
import { type Method, type Role, METHODS } from './types.js';

// ---------------------------------------------------------------------------------------------
// Statistics on plain numbers

function toNumber(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

/** Σx and Σ(x - mean)² of a list, exactly. */
function moments(xs: readonly number[]): { n: number; sum: Rational; ss: Rational } {
  let sum = Rational.ZERO;
  let sq = Rational.ZERO;
  for (const x of xs) {
    const r = rationalOf(x);
    sum = sum.add(r);
    sq = sq.add(r.mul(r));
  }
  const n = xs.length;
  const ss = n === 0 ? Rational.ZERO : sq.sub(sum.mul(sum).div(Rational.of(n)));
  return { n, sum, ss };
}

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  return toNumber(moments(xs).sum.div(Rational.of(xs.length)));
}

/** The sample standard deviation (n - 1); null for fewer than two values. */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const { ss } = moments(xs);
  return Math.sqrt(toNumber(ss.div(Rational.of(xs.length - 1))));
}

/** Pearson's correlation; null for fewer than two pairs or when either side has no variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const a = moments(xs.slice(0, n));
  const b = moments(ys.slice(0, n));
  if (a.ss.n === 0n || b.ss.n === 0n) return null;
  let sxy = Rational.ZERO;
  for (let i = 0; i < n; i++) sxy = sxy.add(rationalOf(xs[i]!).mul(rationalOf(ys[i]!)));
  sxy = sxy.sub(a.sum.mul(b.sum).div(Rational.of(n)));
  const r = toNumber(sxy) / Math.sqrt(toNumber(a.ss) * toNumber(b.ss));
  return Math.max(-1, Math.min(1, r));
}

export interface Icc {
  /** ICC(2,k): two-way random effects, absolute agreement, the mean of the k raters. */
  icc: number | null;
  /** ICC(2,1): the same for a single rater. */
  iccSingle: number | null;
  /** Targets (staff) and raters in the complete matrix. */
  n: number;
  k: number;
  /** The two-way ANOVA mean squares: rows (staff), columns (raters), error. */
  msr: number | null;
  msc: number | null;
  mse: number | null;
}

/**
 * ICC(2,1) and ICC(2,k) of a complete n×k matrix (rows: staff, columns: raters), from the mean
 * squares of the two-way ANOVA (Shrout & Fleiss 1979, case 2; McGraw & Wong 1996, ICC(A,1) and
 * ICC(A,k)):
 *   ICC(2,1) = (MSR - MSE) / (MSR + (k-1)·MSE + k·(MSC - MSE)/n)
 *   ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE)/n)
 * null where undefined: fewer than 2 staff or 2 raters, or a zero (no-variance) denominator.
 */
export function icc2(matrix: readonly (readonly number[])[]): Icc {
  const n = matrix.length;
  const k = n === 0 ? 0 : matrix[0]!.length;
  const none: Icc = { icc: null, iccSingle: null, n, k, msr: null, msc: null, mse: null };
  if (n < 2 || k < 2 || matrix.some((row) => row.length !== k)) return none;
  const cells = matrix.map((row) => row.map((x) => rationalOf(x)));
  let grand = Rational.ZERO;
  let squares = Rational.ZERO;
  const rows = cells.map(() => Rational.ZERO);
  const cols = cells[0]!.map(() => Rational.ZERO);
  cells.forEach((row, i) =>
    row.forEach((x, j) => {
      grand = grand.add(x);
      squares = squares.add(x.mul(x));
      rows[i] = rows[i]!.add(x);
      cols[j] = cols[j]!.add(x);
    }),
  );
  const R = (x: number) => Rational.of(x);
  const correction = grand.mul(grand).div(R(n * k));
  const sumSq = (xs: Rational[], per: number) => xs.reduce((acc, x) => acc.add(x.mul(x)), Rational.ZERO).div(R(per));
  const sst = squares.sub(correction);
  const ssr = sumSq(rows, k).sub(correction);
  const ssc = sumSq(cols, n).sub(correction);
  const sse = sst.sub(ssr).sub(ssc);
  const msr = ssr.div(R(n - 1));
  const msc = ssc.div(R(k - 1));
  const mse = sse.div(R((n - 1) * (k - 1)));
  const num = msr.sub(mse);
  const denSingle = msr.add(R(k - 1).mul(mse)).add(R(k).mul(msc.sub(mse)).div(R(n)));
  const denAverage = msr.add(msc.sub(mse).div(R(n)));
  return {
    icc: denAverage.n > 0n ? toNumber(num.div(denAverage)) : null,
    iccSingle: denSingle.n > 0n ? toNumber(num.div(denSingle)) : null,
    n,
    k,
    msr: toNumber(msr),
    msc: toNumber(msc),
    mse: toNumber(mse),
  };
}

export type Reading = 'poor' | 'moderate' | 'good' | 'excellent';

/** Koo & Li 2016: poor < 0.5 <= moderate < 0.75 <= good < 0.9 <= excellent. */
export function readingOf(icc: number | null): Reading | null {
  if (icc === null) return null;
  if (icc < 0.5) return 'poor';
  if (icc < 0.75) return 'moderate';
  if (icc < 0.9) return 'good';
  return 'excellent';
}

// ---------------------------------------------------------------------------------------------
// The panel report

export type RaterFlag = 'identical-scores' | 'lenient' | 'severe';
export type StaffFlag = 'high-spread';

export interface RaterStats {
  rater: string;
  role: Role | null;
  /** Staff this rater scored. */
  scored: number;
  /** Over this rater's totals (the sum of the methods the rater scores, 0-100). */
  mean: number | null;
  sd: number | null;
  /**
   * The mean, over the staff this rater scored, of (this rater's total minus the other raters'
   * median on the same staff, method by method): positive is lenient, negative severe.
   */
  leniency: number | null;
  /** Pearson correlation of this rater's totals with the other raters' medians on the same staff. */
  correlation: number | null;
  /** The largest share of staff given one same set of scores, or one same total. */
  identicalShare: number | null;
  flags: RaterFlag[];
}

export interface StaffSpread {
  staffId: string;
  name: string;
  /** Raters whose totals the spread compares (those who scored every method). */
  raters: number;
  /** The highest rater total minus the lowest; null with fewer than two raters to compare. */
  spread: number | null;
  highest: { rater: string; total: number } | null;
  lowest: { rater: string; total: number } | null;
  flags: StaffFlag[];
}

export interface Outlier {
  staffId: string;
  name: string;
  rater: string;
  role: Role | null;
  method: Method;
  score: number;
  /** The other raters' median for this person and method. */
  othersMedian: number;
  /** score - othersMedian, in points. */
  difference: number;
  /** |difference| in units of the method's pooled within-person standard deviation. */
  sds: number;
}

export interface Reliability extends Icc {
  reading: Reading | null;
}

export type ReliabilityKey = 'total' | Method;
export const RELIABILITY_KEYS: readonly ReliabilityKey[] = ['total', ...METHODS];

export interface PanelReport {
  semester: string;
  staffCount: number;
  raters: RaterStats[];
  /** Every staff member, in the order of the sheets. */
  staff: StaffSpread[];
  outliers: Outlier[];
  reliability: Record<ReliabilityKey, Reliability>;
  /** Per method, the pooled within-person standard deviation the outlier rule measures by. */
  methodSd: Record<Method, number | null>;
  thresholds: PanelThresholds;
}

/** A rater's scores need at least this many staff before "identical for nearly everyone" means anything. */
export const IDENTICAL_MIN_STAFF = 3;
/** An outlier needs at least this many other raters on the same person and method to stand out from. */
export const OUTLIER_MIN_OTHERS = 2;

/** The median of exact values (the mean of the middle two for an even count). */
function median(xs: Rational[]): Rational {
  const sorted = [...xs].sort((a, b) => a.cmp(b));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.add(sorted[mid]!).div(Rational.of(2));
}

/** One score in points (scaled to the method's max where the policy scores on another scale). */
function pointsOf(micro: number, method: Method, policy: Policy): Rational {
  const mp = policy.methods[method];
  const p = Rational.of(micro, MICRO);
  return mp.scale === mp.max ? p : p.mul(rationalOf(mp.max)).div(rationalOf(mp.scale));
}

/** The methods a rater of this role scores under the policy (every method without a role). */
function methodsOf(role: Role | null, policy: Policy): Method[] {
  return METHODS.filter((m) => role === null || policy.methods[m].roles.includes(role));
}

interface Cell {
  staff: StaffSemester;
  rater: string;
  role: Role | null;
  /** Points per scored method, exact and as a number. */
  points: Partial<Record<Method, Rational>>;
  /** The sum of the rater's methods, when the rater scored all of them. */
  total: number | null;
}

function round(x: number | null, places: number): number | null {
  if (x === null) return null;
  const f = 10 ** places;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export function panelReport(semester: string, staff: StaffSemester[], policy: Policy): PanelReport {
  const t = policy.panel;
  // Raters in order of first appearance, with their role.
  const raterRole = new Map<string, Role | null>();
  const cellsByStaff = new Map<StaffSemester, Cell[]>();
  for (const s of staff) {
    const cells: Cell[] = [];
    for (const r of s.raters.values()) {
      if (!raterRole.has(r.rater) || (raterRole.get(r.rater) === null && r.role)) raterRole.set(r.rater, r.role);
      const points: Partial<Record<Method, Rational>> = {};
      for (const m of METHODS) {
        const e = r.scores[m];
        if (e) points[m] = pointsOf(e.micro, m, policy);
      }
      const own = methodsOf(r.role, policy);
      const complete = own.every((m) => points[m] !== undefined);
      const total = complete ? toNumber(own.reduce((acc, m) => acc.add(points[m]!), Rational.ZERO)) : null;
      cells.push({ staff: s, rater: r.rater, role: r.role, points, total });
    }
    cellsByStaff.set(s, cells);
  }
  const raterNames = [...raterRole.keys()];

  // Per rater: own totals and the other raters' median on the same methods of the same staff.
  const raters: RaterStats[] = raterNames.map((name) => {
    const role = raterRole.get(name) ?? null;
    const own: number[] = [];
    const pairsOwn: number[] = [];
    const pairsOthers: number[] = [];
    const patterns = new Map<string, number>();
    const totals = new Map<number, number>();
    let scored = 0;
    for (const s of staff) {
      const cells = cellsByStaff.get(s)!;
      const me = cells.find((c) => c.rater === name);
      if (!me) continue;
      scored++;
      if (me.total === null) continue;
      own.push(me.total);
      totals.set(me.total, (totals.get(me.total) ?? 0) + 1);
      const key = METHODS.map((m) => me.points[m]?.toString() ?? '').join('|');
      patterns.set(key, (patterns.get(key) ?? 0) + 1);
      // The others' median, method by method over the methods this rater scored: a median, so that
      // one extreme rater does not make everyone else look lenient or severe.
      let mine = Rational.ZERO;
      let theirs = Rational.ZERO;
      let compared = false;
      for (const m of METHODS) {
        const x = me.points[m];
        if (!x) continue;
        const others = cells.filter((c) => c !== me && c.points[m]).map((c) => c.points[m]!);
        if (others.length === 0) continue;
        compared = true;
        mine = mine.add(x);
        theirs = theirs.add(median(others));
      }
      if (compared) {
        pairsOwn.push(toNumber(mine));
        pairsOthers.push(toNumber(theirs));
      }
    }
    const diffs = pairsOwn.map((x, i) => x - pairsOthers[i]!);
    const leniency = diffs.length === 0 ? null : diffs.reduce((a, b) => a + b, 0) / diffs.length;
    const most = Math.max(0, ...patterns.values(), ...totals.values());
    const identicalShare = own.length === 0 ? null : most / own.length;
    const flags: RaterFlag[] = [];
    if (identicalShare !== null && own.length >= IDENTICAL_MIN_STAFF && identicalShare >= t.identicalShare) flags.push('identical-scores');
    if (leniency !== null && leniency > t.leniency) flags.push('lenient');
    if (leniency !== null && leniency < -t.leniency) flags.push('severe');
    return {
      rater: name,
      role,
      scored,
      mean: mean(own),
      sd: sampleSd(own),
      leniency,
      correlation: pearson(pairsOwn, pairsOthers),
      identicalShare,
      flags,
    };
  });

  // Per method: the pooled within-person standard deviation, then the outliers it measures.
  const methodSd = {} as Record<Method, number | null>;
  for (const m of METHODS) {
    let ss = Rational.ZERO;
    let df = 0;
    for (const s of staff) {
      const xs = cellsByStaff.get(s)!.flatMap((c) => (c.points[m] ? [toNumber(c.points[m])] : []));
      if (xs.length < 2) continue;
      ss = ss.add(moments(xs).ss);
      df += xs.length - 1;
    }
    methodSd[m] = df === 0 ? null : Math.sqrt(toNumber(ss.div(Rational.of(df))));
  }
  const outliers: Outlier[] = [];
  for (const s of staff) {
    const cells = cellsByStaff.get(s)!;
    for (const m of METHODS) {
      const sd = methodSd[m];
      const scoring = cells.filter((c) => c.points[m]);
      if (scoring.length < OUTLIER_MIN_OTHERS + 1 || sd === null || sd === 0) continue;
      for (const c of scoring) {
        const others = scoring.filter((o) => o !== c).map((o) => o.points[m]!);
        const othersMedian = median(others);
        const difference = toNumber(c.points[m]!.sub(othersMedian));
        const far = Math.abs(difference);
        if (far > t.outlierPoints && far > t.outlierSd * sd) {
          outliers.push({
            staffId: s.staffId,
            name: s.name,
            rater: c.rater,
            role: c.role,
            method: m,
            score: toNumber(c.points[m]!),
            othersMedian: toNumber(othersMedian),
            difference,
            sds: far / sd,
          });
        }
      }
    }
  }

  // Per staff member: the spread of the totals of the raters who score every method.
  const staffSpread: StaffSpread[] = staff.map((s) => {
    const full = cellsByStaff
      .get(s)!
      .filter((c) => c.total !== null && methodsOf(c.role, policy).length === METHODS.length);
    let hi: Cell | null = null;
    let lo: Cell | null = null;
    for (const c of full) {
      if (!hi || c.total! > hi.total!) hi = c;
      if (!lo || c.total! < lo.total!) lo = c;
    }
    const spread = full.length >= 2 && hi && lo ? toNumber(rationalOf(hi.total!).sub(rationalOf(lo.total!))) : null;
    return {
      staffId: s.staffId,
      name: s.name,
      raters: full.length,
      spread,
      highest: full.length >= 2 && hi ? { rater: hi.rater, total: hi.total! } : null,
      lowest: full.length >= 2 && lo ? { rater: lo.rater, total: lo.total! } : null,
      flags: spread !== null && spread > t.spread ? ['high-spread'] : [],
    };
  });

  // Reliability over the complete block: the staff scored by every rater of the method.
  const reliability = {} as Record<ReliabilityKey, Reliability>;
  for (const key of RELIABILITY_KEYS) {
    const cols =
      key === 'total'
        ? raterNames.filter((r) => methodsOf(raterRole.get(r) ?? null, policy).length === METHODS.length)
        : raterNames.filter((r) => staff.some((s) => cellsByStaff.get(s)!.some((c) => c.rater === r && c.points[key])));
    const matrix: number[][] = [];
    for (const s of staff) {
      const cells = cellsByStaff.get(s)!;
      const row: number[] = [];
      for (const r of cols) {
        const c = cells.find((x) => x.rater === r);
        const v = !c ? null : key === 'total' ? c.total : c.points[key] ? toNumber(c.points[key]) : null;
        if (v === null) break;
        row.push(v);
      }
      if (row.length === cols.length && cols.length > 0) matrix.push(row);
    }
    const r = icc2(matrix);
    reliability[key] = { ...r, n: matrix.length, k: cols.length, reading: readingOf(r.icc) };
  }

  return {
    semester,
    staffCount: staff.length,
    raters,
    staff: staffSpread,
    outliers,
    reliability,
    methodSd,
    thresholds: { ...t },
  };
}

export { round as roundStat };
