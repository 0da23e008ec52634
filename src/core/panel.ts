/**
 * Rater consistency for one semester: how each rater compares with the others on the same staff,
 * single scores far from the others', staff on whom the raters disagree, and inter-rater reliability.
 *
 * The statistics are plain JS numbers (they describe the panel, they decide nothing), but every sum
 * of squares is computed exactly from the scores' decimal values, so that "no variance" is exactly
 * zero and gives `null`, never a ratio of rounding noise.
 */
import { MICRO } from './cells.js';
import { type Tally, type TextLookup, NAME, RATER, STAFF, grown, roleOf } from './tally.js';
import { effectiveRole } from './whole-picture.js';
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

/** Beyond this, a sum of integers moves to a BigInt (two numbers of at most 2^52 add exactly). */
const SMALL = 2 ** 52;
/** Integers below this multiply exactly (the product stays under 2^52). */
const FACTOR = 2 ** 26;

/**
 * An exact sum of integers: a plain number while it is small, which is nearly always, and a BigInt
 * for what goes beyond, so that sums of squares of scores stay exact without a BigInt per score.
 */
export class ExactSum {
  private low = 0;
  private high = 0n;

  reset(): void {
    this.low = 0;
    this.high = 0n;
  }

  /** Adds a safe integer. */
  add(x: number): void {
    if (x > SMALL || x < -SMALL) {
      this.high += BigInt(x);
      return;
    }
    const s = this.low + x;
    if (s > SMALL || s < -SMALL) {
      this.high += BigInt(s);
      this.low = 0;
    } else this.low = s;
  }

  /** Adds a·b (safe integers). */
  addProduct(a: number, b: number): void {
    if (a < FACTOR && a > -FACTOR && b < FACTOR && b > -FACTOR) this.add(a * b);
    else this.high += BigInt(a) * BigInt(b);
  }

  addBig(x: bigint): void {
    this.high += x;
  }

  value(): bigint {
    return this.high + BigInt(this.low);
  }

  /** The sum as a number when it never left the small range, else null. */
  small(): number | null {
    return this.high === 0n ? this.low : null;
  }
}

/**
 * The sums of a two-way layout (rows: staff, columns: raters) gathered row by row, in integer units,
 * exactly: ICC(2,1) and ICC(2,k) from its mean squares.
 */
export class IccSums {
  n = 0;
  private readonly grand = new ExactSum();
  private readonly squares = new ExactSum();
  private readonly rowSquares = new ExactSum();
  private readonly cols: ExactSum[];

  constructor(readonly k: number) {
    this.cols = Array.from({ length: k }, () => new ExactSum());
  }

  private readonly rowSum = new ExactSum();

  /** One complete row, values in units (safe integers). */
  row(values: readonly number[]): void {
    const row = this.rowSum;
    row.reset();
    for (let j = 0; j < this.k; j++) {
      const x = values[j]!;
      row.add(x);
      this.squares.addProduct(x, x);
      this.cols[j]!.add(x);
    }
    const small = row.small();
    if (small !== null) {
      this.grand.add(small);
      this.rowSquares.addProduct(small, small);
    } else {
      const sum = row.value();
      this.grand.addBig(sum);
      this.rowSquares.addBig(sum * sum);
    }
    this.n++;
  }

  /**
   * ICC(2,1) and ICC(2,k) from the mean squares of the two-way ANOVA (Shrout & Fleiss 1979, case 2;
   * McGraw & Wong 1996, ICC(A,1) and ICC(A,k)), values in units of 1/`unit`:
   *   ICC(2,1) = (MSR - MSE) / (MSR + (k-1)·MSE + k·(MSC - MSE)/n)
   *   ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE)/n)
   * null where undefined: fewer than 2 staff or 2 raters, or a zero (no-variance) denominator.
   */
  result(unit: number): Icc {
    const { n, k } = this;
    if (n < 2 || k < 2) return { icc: null, iccSingle: null, n, k, msr: null, msc: null, mse: null };
    const R = (x: number | bigint) => Rational.of(x);
    const u2 = R(BigInt(unit) * BigInt(unit));
    const grand = this.grand.value();
    const correction = Rational.of(grand * grand, BigInt(n * k));
    let colSquares = 0n;
    for (const c of this.cols) colSquares += c.value() * c.value();
    const sst = R(this.squares.value()).sub(correction);
    const ssr = Rational.of(this.rowSquares.value(), BigInt(k)).sub(correction);
    const ssc = Rational.of(colSquares, BigInt(n)).sub(correction);
    const sse = sst.sub(ssr).sub(ssc);
    const msr = ssr.div(R(n - 1)).div(u2);
    const msc = ssc.div(R(k - 1)).div(u2);
    const mse = sse.div(R((n - 1) * (k - 1))).div(u2);
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
}

/** ICC(2,1) and ICC(2,k) of a complete n×k matrix of decimal numbers (at most 6 decimals). */
export function icc2(matrix: readonly (readonly number[])[]): Icc {
  const n = matrix.length;
  const k = n === 0 ? 0 : matrix[0]!.length;
  if (n < 2 || k < 2 || matrix.some((row) => row.length !== k)) return { icc: null, iccSingle: null, n, k, msr: null, msc: null, mse: null };
  const sums = new IccSums(k);
  for (const row of matrix) sums.row(row.map((x) => Math.round(x * MICRO)));
  return sums.result(MICRO);
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
  /** Over this rater's totals (the sum of the methods the rater scores, 0 to outOf). */
  mean: number | null;
  /** The highest total this rater can give: 100, less the methods the policy leaves to other roles. */
  outOf: number;
  sd: number | null;
  /**
   * The mean, over the staff this rater scored, of (this rater's total minus the other raters'
   * median total on the same staff, over this rater's methods): positive is lenient, negative severe.
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

/** One staff member as the panel sees them: each rater's scores (micro-points, METHODS order; null where none). */
export interface PanelStaff {
  staffId: string;
  name: string;
  /** Rater numbers (into PanelSource.raters), their roles, their scores: 5 per rater. */
  raters: number[];
  roles: (Role | null)[];
  micro: (number | null)[];
}

/** The staff of a semester, visited one by one (twice), and the raters' names by number. */
export interface PanelSource {
  raters: readonly string[];
  /** The largest divisor of 10^6 that divides every score (micro-points); found by a first visit when absent. */
  grain?: () => number;
  eachStaff(visit: (s: PanelStaff) => void): void;
}

/** The staff of a semester in a tally (needs the scores kept), in order of first appearance. */
export function tallySource(tally: Tally, texts: TextLookup, people: ArrayLike<number> & Iterable<number>): PanelSource {
  const raters: string[] = [];
  // Tally rater number -> panel rater number + 1 (0: not met yet).
  let numbers = new Int32Array(64);
  // One staff object, filled again for each person (the visitor keeps none of it).
  const s: PanelStaff = { staffId: '', name: '', raters: [], roles: [], micro: [] };
  return {
    raters,
    grain: () => tally.scoreGrain(),
    eachStaff(visit) {
      const fill = (rater: number, cellRole: number, mask: number, cell: number, sparse: boolean): void => {
        if (rater >= numbers.length) numbers = grown(numbers, rater + 1);
        let r = numbers[rater]! - 1;
        if (r < 0) {
          r = raters.length;
          raters.push(texts.text(RATER, rater));
          numbers[rater] = r + 1;
        }
        s.raters.push(r);
        s.roles.push(roleOf(effectiveRole(tally, rater, cellRole)));
        for (let k = 0; k < 5; k++) s.micro.push(mask & (1 << k) ? tally.scoreOf(cell, sparse, k) : null);
      };
      for (const person of people) {
        s.staffId = texts.text(STAFF, tally.staffOf[person]!);
        s.name = tally.nameOf[person]! >= 0 ? texts.text(NAME, tally.nameOf[person]!) : '';
        s.raters.length = 0;
        s.roles.length = 0;
        s.micro.length = 0;
        tally.cellsOf(person, fill);
        visit(s);
      }
    },
  };
}

/**
 * Scores in exact integer units: a score of method k is (micro / grain) × factor[k] units of 1/unit
 * points (factor 1 when every method is scored on its maximum, the usual case; grain the largest
 * divisor of 10^6 that divides every score, so that half points count as 1 and 20 points as 40).
 */
function unitsOf(policy: Policy, grain: number): { factor: number[]; unit: number } {
  const ratios = METHODS.map((m) => rationalOf(policy.methods[m].max).div(rationalOf(policy.methods[m].scale)));
  let lcm = 1n;
  for (const r of ratios) lcm = (lcm / gcd(lcm, r.d)) * r.d;
  const factor = ratios.map((r) => Number((r.n * lcm) / r.d));
  const unit = (Number(lcm) * MICRO) / grain;
  const biggest = Math.max(...METHODS.map((m, k) => ((policy.methods[m].scale * MICRO) / grain) * factor[k]!)) * 100;
  if (!Number.isSafeInteger(Math.ceil(biggest)) || !Number.isSafeInteger(unit)) throw new RangeError('the policy\'s method scales are too fine for the panel statistics');
  return { factor, unit };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function gcdNumber(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a < 0 ? -a : a;
}

/** The grain of a source that does not know it: the largest divisor of 10^6 that divides every score. */
function grainOf(source: PanelSource): number {
  if (source.grain) return source.grain();
  let g = MICRO;
  source.eachStaff((s) => {
    for (const m of s.micro) if (m !== null && m % g !== 0) g = gcdNumber(g, m);
  });
  return g;
}

/** The median of the sorted values without the one at index `skip`, times 2 (so an integer). */
function twiceMedianWithout(sorted: readonly number[], skip: number): number {
  const n = sorted.length - 1;
  const at = (j: number) => sorted[j < skip ? j : j + 1]!;
  const mid = n >> 1;
  return n % 2 === 1 ? 2 * at(mid) : at(mid - 1) + at(mid);
}

/** Exact moments of integers: count, Σx, Σx². */
class Moments {
  n = 0;
  private readonly sums = new ExactSum();
  private readonly squares = new ExactSum();
  add(x: number): void {
    this.n++;
    this.sums.add(x);
    this.squares.addProduct(x, x);
  }
  get sum(): bigint {
    return this.sums.value();
  }
  /** Σ(x - mean)², exactly, in units². */
  ss(): Rational {
    const sum = this.sum;
    return this.n === 0 ? Rational.ZERO : Rational.of(this.squares.value()).sub(Rational.of(sum * sum, BigInt(this.n)));
  }
}

/**
 * The pooled within-person sum of squares of one method, exactly: Σ over people of Σx² - (Σx)²/n,
 * gathered as Σx² overall and, per number of scores n, Σ(Σx)², so that no fraction is made per person.
 */
class Pooled {
  private readonly squares = new ExactSum();
  private readonly bySize = new Map<number, ExactSum>();
  /** Degrees of freedom: Σ(n - 1). */
  df = 0;

  /** One person's scores of the method (at least two), in units. */
  add(xs: readonly number[]): void {
    const n = xs.length;
    let sum = 0;
    let small = true;
    for (const x of xs) {
      this.squares.addProduct(x, x);
      sum += x;
      if (sum > SMALL || sum < -SMALL) small = false;
    }
    let by = this.bySize.get(n);
    if (!by) this.bySize.set(n, (by = new ExactSum()));
    if (small) by.addProduct(sum, sum);
    else {
      let big = 0n;
      for (const x of xs) big += BigInt(x);
      by.addBig(big * big);
    }
    this.df += n - 1;
  }

  /** Σ(x - the person's mean)², in units². */
  ss(): Rational {
    let ss = Rational.of(this.squares.value());
    for (const [n, sums] of this.bySize) ss = ss.sub(Rational.of(sums.value(), BigInt(n)));
    return ss;
  }
}

/** The most frequent key's count (0 for none). */
function mostOf(counts: Map<unknown, number>): number {
  let most = 0;
  for (const c of counts.values()) if (c > most) most = c;
  return most;
}

/**
 * A rater's sets of five scores, to find how many staff got the most frequent one: a set as one
 * number (patternOf) is kept in a growing array, sorted once at the end and counted in runs; a set
 * kept as text (scores past what a number holds) in a map. A map of every set (nearly every person's
 * is a set of its own) took 0.5 s of `panel` on 1M rows, and more memory than the scores.
 */
class Patterns {
  private keys = new Float64Array(16);
  private count = 0;
  private texts: Map<string, number> | null = null;

  add(key: number | string): void {
    if (typeof key === 'string') {
      const texts = (this.texts ??= new Map());
      texts.set(key, (texts.get(key) ?? 0) + 1);
      return;
    }
    if (this.count === this.keys.length) this.keys = grown(this.keys, this.count + 1);
    this.keys[this.count++] = key;
  }

  /** The most staff given one same set (0 for none). */
  most(): number {
    const keys = this.keys.subarray(0, this.count).sort();
    let most = 0;
    for (let i = 0; i < keys.length; ) {
      let j = i + 1;
      while (j < keys.length && keys[j] === keys[i]) j++;
      if (j - i > most) most = j - i;
      i = j;
    }
    return this.texts ? Math.max(most, mostOf(this.texts)) : most;
  }
}

interface RaterAccumulator {
  role: Role | null;
  roleKnown: boolean;
  scored: number;
  /** The methods this rater gave a score of (bits, METHODS order). */
  methods: number;
  totals: Moments;
  /** How many staff got each set of five scores (a number key where the scores allow one, else text). */
  patterns: Patterns;
  totalCounts: Map<number, number>;
  /** Leniency: the differences as floats, summed in staff order. */
  diffSum: number;
  diffs: number;
  /** Pearson of own totals (units) against the others' medians (half units). */
  xs: Moments;
  ys: Moments;
  xy: ExactSum;
}

/** Sorts a short list of numbers in place (insertion sort: a person has a handful of raters). */
function sortNumbers(xs: number[]): void {
  if (xs.length > 32) {
    xs.sort((a, b) => a - b);
    return;
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

export function panelReport(semester: string, source: PanelSource, policy: Policy): PanelReport {
  const t = policy.panel;
  const grain = grainOf(source);
  const { factor, unit } = unitsOf(policy, grain);
  const toF = (x: number, d: number) => x / d;
  const acc: RaterAccumulator[] = [];
  const rater = (r: number): RaterAccumulator =>
    (acc[r] ??= { role: null, roleKnown: false, scored: 0, methods: 0, totals: new Moments(), patterns: new Patterns(), totalCounts: new Map(), diffSum: 0, diffs: 0, xs: new Moments(), ys: new Moments(), xy: new ExactSum() });
  // Which methods a role scores, and whether it scores them all (null: no role, every method).
  const ownOf = new Map<Role | null, boolean[]>();
  // The role asked last and its methods: a person's raters come in the same roles person after person.
  let lastRole: Role | null | undefined;
  let lastOwn: boolean[] = [];
  const own = (role: Role | null): boolean[] => {
    if (role === lastRole) return lastOwn;
    let o = ownOf.get(role);
    if (!o) ownOf.set(role, (o = METHODS.map((m) => role === null || policy.methods[m].roles.includes(role))));
    lastRole = role;
    lastOwn = o;
    return o;
  };
  const full = (role: Role | null) => own(role).every(Boolean);
  // A set of five scores as one number: each score (in grains) + 1, 0 for none, in base `base`,
  // while base^5 stays exact; text otherwise.
  const base = Math.max(...METHODS.map((m) => Math.floor((policy.methods[m].scale * MICRO) / grain))) + 2;
  const numberKeys = base ** 5 < Number.MAX_SAFE_INTEGER;
  // Per method: the pooled within-person sum of squares (units²).
  const pooled = METHODS.map(() => new Pooled());
  let staffCount = 0;
  // The person being visited: score k of their rater i in units at i * 5 + k (NaN: none), worked out
  // once a visit (`take`), not at each of the several times each pass asks for it.
  let unitScores = new Float64Array(64);
  const take = (s: PanelStaff): void => {
    const n = s.micro.length;
    if (unitScores.length < n) unitScores = new Float64Array(Math.max(n, unitScores.length * 2));
    for (let j = 0; j < n; j++) {
      const micro = s.micro[j];
      unitScores[j] = micro === null || micro === undefined ? NaN : (micro / grain) * factor[j % 5]!;
    }
  };
  /** Score k of rater i of the person taken last (`take`) in units, or null. */
  const units = (i: number, k: number): number | null => {
    const u = unitScores[i * 5 + k]!;
    return u === u ? u : null;
  };
  /** A rater's total over their own methods (units), or null when one is missing. */
  const totalOf = (s: PanelStaff, i: number): number | null => {
    const mine = own(s.roles[i] ?? null);
    let total = 0;
    for (let k = 0; k < 5; k++) {
      if (!mine[k]) continue;
      const u = units(i, k);
      if (u === null) return null;
      total += u;
    }
    return total;
  };
  const patternOf = (s: PanelStaff, i: number): number | string => {
    if (numberKeys) {
      let key = 0;
      let fits = true;
      for (let k = 4; k >= 0; k--) {
        const micro = s.micro[i * 5 + k];
        const d = micro === null || micro === undefined ? 0 : micro / grain + 1;
        if (d >= base || d < 0) fits = false;
        key = key * base + d;
      }
      if (fits) return key;
    }
    return METHODS.map((_, k) => s.micro[i * 5 + k] ?? '').join('|');
  };
  // Each method's scores of the person being visited, sorted (reused from person to person).
  const sorted: number[][] = METHODS.map(() => []);
  const sortScores = (s: PanelStaff): void => {
    for (let k = 0; k < 5; k++) {
      const xs = sorted[k]!;
      xs.length = 0;
      for (let i = 0; i < s.raters.length; i++) {
        const u = units(i, k);
        if (u !== null) xs.push(u);
      }
      sortNumbers(xs);
    }
  };

  // Each rater's methods of the person being visited that someone else scored too, as bits (after
  // sortScores; reused from person to person), and
  // per set of methods, the sorted totals over them of every rater who scored them all.
  const masks: number[] = [];
  // Per set of methods (5 bits), its list, made for the person of visit number `maskVisit[mask]`.
  const byMask: number[][] = Array.from({ length: 32 }, () => []);
  const maskVisit = new Int32Array(32);
  let maskVisits = 0;
  const maskRaters = (s: PanelStaff): void => {
    masks.length = 0;
    maskVisits++;
    for (let i = 0; i < s.raters.length; i++) {
      let mask = 0;
      for (let k = 0; k < 5; k++) if (units(i, k) !== null && sorted[k]!.length >= 2) mask |= 1 << k;
      masks.push(mask);
    }
  };
  const restricted = (i: number, mask: number): number => {
    let total = 0;
    for (let k = 0; k < 5; k++) if (mask & (1 << k)) total += units(i, k)!;
    return total;
  };
  const totalsOver = (mask: number): number[] => {
    const list = byMask[mask]!;
    if (maskVisit[mask] === maskVisits) return list;
    list.length = 0;
    for (let j = 0; j < masks.length; j++) if ((masks[j]! & mask) === mask) list.push(restricted(j, mask));
    sortNumbers(list);
    maskVisit[mask] = maskVisits;
    return list;
  };

  // First pass: the raters (mean, sd, leniency, correlation, identical scores) and the pooled SDs.
  source.eachStaff((s) => {
    staffCount++;
    const n = s.raters.length;
    take(s);
    sortScores(s);
    maskRaters(s);
    for (let i = 0; i < n; i++) {
      const a = rater(s.raters[i]!);
      if (!a.roleKnown || (a.role === null && s.roles[i])) {
        a.role = s.roles[i] ?? null;
        a.roleKnown = true;
      }
      a.scored++;
      for (let k = 0; k < 5; k++) if (units(i, k) !== null) a.methods |= 1 << k;
      const total = totalOf(s, i);
      if (total === null) continue;
      a.totals.add(total);
      a.totalCounts.set(total, (a.totalCounts.get(total) ?? 0) + 1);
      const key = patternOf(s, i);
      a.patterns.add(key);
      // The others' median total (SPEC "JSON of panel"): a median, so that one extreme rater does not
      // make everyone else look lenient or severe. Each total is over this rater's methods, of the
      // others who scored every one of them (the same methods for all, unless the policy gives
      // roles different methods).
      const mask = masks[i]!;
      if (mask === 0) continue;
      const list = totalsOver(mask);
      if (list.length < 2) continue;
      const mine = 2 * restricted(i, mask);
      const theirs = twiceMedianWithout(list, list.indexOf(mine / 2));
      a.diffSum += toF(mine, 2 * unit) - toF(theirs, 2 * unit);
      a.diffs++;
      a.xs.add(mine);
      a.ys.add(theirs);
      a.xy.addProduct(mine, theirs);
    }
    for (let k = 0; k < 5; k++) if (sorted[k]!.length >= 2) pooled[k]!.add(sorted[k]!);
  });

  const u2 = Rational.of(BigInt(unit) * BigInt(unit));
  const raters: RaterStats[] = acc.map((a, r) => {
    const n = a.totals.n;
    const identicalShare = n === 0 ? null : Math.max(a.patterns.most(), mostOf(a.totalCounts)) / n;
    const leniency = a.diffs === 0 ? null : a.diffSum / a.diffs;
    const flags: RaterFlag[] = [];
    if (identicalShare !== null && n >= IDENTICAL_MIN_STAFF && identicalShare >= t.identicalShare) flags.push('identical-scores');
    if (leniency !== null && leniency > t.leniency) flags.push('lenient');
    if (leniency !== null && leniency < -t.leniency) flags.push('severe');
    return {
      rater: source.raters[r]!,
      role: a.role,
      scored: a.scored,
      mean: n === 0 ? null : toNumber(Rational.of(a.totals.sum, BigInt(n) * BigInt(unit))),
      outOf: METHODS.reduce((sum, m, k) => sum + (own(a.role)[k] ? policy.methods[m].max : 0), 0),
      sd: n < 2 ? null : Math.sqrt(toNumber(a.totals.ss().div(Rational.of(n - 1)).div(u2))),
      leniency,
      correlation: correlation(a, unit),
      identicalShare,
      flags,
    };
  });

  const methodSd = {} as Record<Method, number | null>;
  METHODS.forEach((m, k) => {
    const p = pooled[k]!;
    methodSd[m] = p.df === 0 ? null : Math.sqrt(toNumber(p.ss().div(Rational.of(p.df)).div(u2)));
  });

  // Second pass: outliers, the spread of each person, the reliability sums.
  const totalCols = acc.map((a, r) => (full(a.role) ? r : -1)).filter((r) => r >= 0);
  const methodCols = METHODS.map((_, k) => acc.map((a, r) => (a.methods & (1 << k) ? r : -1)).filter((r) => r >= 0));
  const icc = [new IccSums(totalCols.length), ...methodCols.map((c) => new IccSums(c.length))];
  const outliers: Outlier[] = [];
  const staff: StaffSpread[] = [];
  // Where each rater stands in the person being visited: at[r] - 1 while stamp[r] is the person's.
  const at = new Int32Array(acc.length);
  const stamp = new Int32Array(acc.length);
  let visit = 0;
  const values: number[] = [];
  source.eachStaff((s) => {
    const n = s.raters.length;
    visit++;
    take(s);
    for (let i = 0; i < n; i++) {
      at[s.raters[i]!] = i;
      stamp[s.raters[i]!] = visit;
    }
    sortScores(s);
    for (let k = 0; k < 5; k++) {
      const m = METHODS[k]!;
      const sd = methodSd[m];
      const list = sorted[k]!;
      if (list.length < OUTLIER_MIN_OTHERS + 1 || sd === null || sd === 0) continue;
      for (let i = 0; i < n; i++) {
        const x = units(i, k);
        if (x === null) continue;
        const twice = twiceMedianWithout(list, list.indexOf(x));
        const difference = toF(2 * x - twice, 2 * unit);
        const far = Math.abs(difference);
        if (far > t.outlierPoints && far > t.outlierSd * sd) {
          outliers.push({
            staffId: s.staffId,
            name: s.name,
            rater: source.raters[s.raters[i]!]!,
            role: s.roles[i] ?? null,
            method: m,
            score: toF(x, unit),
            othersMedian: toF(twice, 2 * unit),
            difference,
            sds: far / sd,
          });
        }
      }
    }
    // The spread of the totals of the raters who score every method.
    let hi = -1;
    let lo = -1;
    let hiTotal = 0;
    let loTotal = 0;
    let fullRaters = 0;
    for (let i = 0; i < n; i++) {
      if (!full(s.roles[i] ?? null)) continue;
      const total = totalOf(s, i);
      if (total === null) continue;
      fullRaters++;
      if (hi < 0 || total > hiTotal) [hi, hiTotal] = [i, total];
      if (lo < 0 || total < loTotal) [lo, loTotal] = [i, total];
    }
    const two = fullRaters >= 2;
    const spread = two ? toF(hiTotal - loTotal, unit) : null;
    staff.push({
      staffId: s.staffId,
      name: s.name,
      raters: fullRaters,
      spread,
      highest: two ? { rater: source.raters[s.raters[hi]!]!, total: toF(hiTotal, unit) } : null,
      lowest: two ? { rater: source.raters[s.raters[lo]!]!, total: toF(loTotal, unit) } : null,
      flags: spread !== null && spread > t.spread ? ['high-spread'] : [],
    });
    // Reliability over the complete block: the staff scored by every rater of it.
    const row = (cols: number[], value: (i: number) => number | null): number[] | null => {
      if (cols.length === 0) return null;
      values.length = 0;
      for (const r of cols) {
        const v = stamp[r] === visit ? value(at[r]!) : null;
        if (v === null) return null;
        values.push(v);
      }
      return values;
    };
    const totals = row(totalCols, (i) => totalOf(s, i));
    if (totals) icc[0]!.row(totals);
    for (let k = 0; k < 5; k++) {
      const v = row(methodCols[k]!, (i) => units(i, k));
      if (v) icc[k + 1]!.row(v);
    }
  });

  const reliability = {} as Record<ReliabilityKey, Reliability>;
  RELIABILITY_KEYS.forEach((key, j) => {
    const r = icc[j]!.result(unit);
    reliability[key] = { ...r, reading: readingOf(r.icc) };
  });
  return { semester, staffCount, raters, staff, outliers, reliability, methodSd, thresholds: { ...t } };
}

/** Pearson's correlation of a rater's totals with the others' medians, exactly; null without variance. */
function correlation(a: RaterAccumulator, unit: number): number | null {
  const n = a.xs.n;
  if (n < 2) return null;
  // Both in units of 1/(2 unit) points; the sums of squares as points², as people would compute them.
  const scale = Rational.of(4n * BigInt(unit) * BigInt(unit));
  const ssx = a.xs.ss().div(scale);
  const ssy = a.ys.ss().div(scale);
  if (ssx.n === 0n || ssy.n === 0n) return null;
  const sxy = Rational.of(a.xy.value()).sub(Rational.of(a.xs.sum * a.ys.sum, BigInt(n))).div(scale);
  const r = toNumber(sxy) / Math.sqrt(toNumber(ssx) * toNumber(ssy));
  return Math.max(-1, Math.min(1, r));
}

/** A statistic rounded for display (null stays null; never -0). */
function round(x: number | null, places: number): number | null {
  if (x === null) return null;
  const f = 10 ** places;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export { round as roundStat };
