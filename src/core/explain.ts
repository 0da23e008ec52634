/**
 * How one total came about, as data: each rater's scores, each method's aggregation with the scores it
 * dropped or weighted, the exact total before rounding, the rounding, the grade band, the rank and
 * every semester and year rule that fired. Renderers turn it into words; nothing here prints.
 */
import { MICRO } from './cells.js';
import { contributions } from './aggregation.js';
import { type Aggregation, type Policy, rationalOf } from './policy.js';
import { Rational } from './rational.js';
import type { StaffResult } from './report.js';
import { SEMESTER_RULES, evaluationDate, gradeBands } from './rules.js';
import type { Grade, Method, Role } from './types.js';
import { METHODS } from './types.js';
import type { YearOutcome } from './year.js';

/** An exact value as people read it: `89.95`, or `1040.3/12 ≈ 86.691667` where the decimal does not end. */
export interface ExactValue {
  value: Rational;
  /** The decimal or the fraction, without approximation: `89.95`, `1040.3/12`. */
  exact: string;
  /** Rounded to 6 decimals (more where 6 would round otherwise than the value), where `exact` is a fraction; else null. */
  approx: string | null;
  /** `exact`, with ` ≈ approx` where there is one. */
  text: string;
}

export const APPROX_PLACES = 6;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** The part of a denominator that makes a decimal never end (its factors other than 2 and 5). */
function nonDecimalPart(d: bigint): bigint {
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d;
}

/**
 * Writes a value exactly. Where its decimal does not end, as a decimal over a whole number: over
 * `natural` (the count of scores, the sum of weights) when that gives a decimal numerator, else over
 * the smallest whole number that does.
 */
export function exactValue(value: Rational, natural?: bigint): ExactValue {
  const decimal = value.toExactDecimal();
  if (decimal !== null) return { value, exact: decimal, approx: null, text: decimal };
  const minimal = nonDecimalPart(value.d);
  const d = natural !== undefined && natural > 0n && natural % minimal === 0n ? natural : minimal;
  const numerator = value.mul(Rational.of(d)).toExactDecimal()!;
  const exact = `${numerator}/${d}`;
  const approx = value.toFixed(placesFor(value));
  return { value, exact, approx, text: `${exact} ≈ ${approx}` };
}

/**
 * How many decimals show a value whose decimal does not end: 6, or more where 6 would round
 * otherwise than the value (89.9499996... is 89.950000 to 6 decimals, which rounds half up to 90.0,
 * while the value rounds to 89.9): the digits up to where the approximation rounds as the value does
 * at every precision below 6, so that "≈ 89.95 → 89.9" is never shown.
 */
function placesFor(value: Rational): number {
  for (let places = APPROX_PLACES; places < 40; places++) {
    const shown = Rational.of(value.roundScaled(places), 10n ** BigInt(places));
    let alike = true;
    for (let p = 0; p < APPROX_PLACES && alike; p++) alike = shown.roundScaled(p) === value.roundScaled(p);
    if (alike) return places;
  }
  return 40;
}

export interface RaterRow {
  rater: string;
  role: Role | null;
  /** Scores as entered on the sheet (on the method's scale); null where the rater gives none. */
  scores: Record<Method, Rational | null>;
  /** The sum of the rater's scores in points (scaled to each method's max). */
  total: Rational;
}

export interface ScoreUse {
  rater: string;
  role: Role | null;
  score: Rational;
  weight: Rational;
  dropped: 'highest' | 'lowest' | null;
}

export interface MethodExplanation {
  method: Method;
  aggregation: Aggregation;
  scores: ScoreUse[];
  /** trimmed: whether the highest and lowest were dropped (enough scores); null for other aggregations. */
  trimmed: boolean | null;
  /** mean, trimmed, weighted: Σ weight·score of the scores kept, and the divisor (count or Σ weights). */
  sum: Rational | null;
  divisor: Rational | null;
  /** median: the scores sorted. */
  sorted: Rational[] | null;
  /** The aggregate on the raters' scale, before scaling to the method's max. */
  onScale: ExactValue;
  max: number;
  scale: number;
  /** The method's points in the total. */
  value: ExactValue;
}

export interface RuleApplied {
  id: string;
  grade: Grade;
  rewardDue: boolean;
  reward: number | null;
  penaltyDue: boolean;
  penalty: number | null;
  rectifyBy: string | null;
  /** The evaluation date the rectification period counts from. */
  from: string | null;
  days: number | null;
}

export interface YearExplanation {
  year: number;
  outcome: YearOutcome;
}

export interface Explanation {
  semester: string;
  staffId: string;
  name: string;
  post: string;
  aggregation: Aggregation;
  trimMinScores: number;
  /** The role weights of a weighted aggregation. */
  weights: Record<Role, number>;
  precision: number;
  raters: RaterRow[];
  methods: Record<Method, MethodExplanation>;
  exactTotal: ExactValue;
  total: Rational;
  grade: Grade;
  /** The band the rounded total falls in: min inclusive, below (the next band's min) exclusive. */
  band: { min: number | null; below: number | null };
  rank: number;
  rankOf: number;
  /** Others with the same rank. */
  tiedWith: string[];
  semesterRules: RuleApplied[];
  /** null when the sheets do not hold both semesters of the year. */
  year: YearExplanation | null;
  /** The year's semesters the sheets lack (for the note when `year` is null). */
  missingSemesters: string[];
}

function points(micro: number): Rational {
  return Rational.of(micro, MICRO);
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** One rater's scores of the person explained (micro-points, METHODS order; null where none). */
export interface ExplainScores {
  rater: string;
  role: Role | null;
  micro: (number | null)[];
}

export interface ExplainInput {
  result: StaffResult;
  /** Each rater's scores of the person, in the order the raters first scored them. */
  scores: ExplainScores[];
  /** The semester report's staff, for ties. */
  ranked: StaffResult[];
  policy: Policy;
  year: YearOutcome | null;
  missingSemesters: string[];
}

export function explain({ result, scores: given, ranked, policy, year, missingSemesters }: ExplainInput): Explanation {
  const raters: RaterRow[] = given.map((r) => {
    const scores = {} as Record<Method, Rational | null>;
    let total = Rational.ZERO;
    METHODS.forEach((m, k) => {
      const micro = r.micro[k] ?? null;
      scores[m] = micro === null ? null : points(micro);
      if (micro !== null) {
        const mp = policy.methods[m];
        const p = points(micro);
        total = total.add(mp.scale === mp.max ? p : p.mul(rationalOf(mp.max)).div(rationalOf(mp.scale)));
      }
    });
    return { rater: r.rater, role: r.role, scores, total };
  });

  const methods = {} as Record<Method, MethodExplanation>;
  let totalDenominator = 1n;
  METHODS.forEach((m, k) => {
    const value = result.methodValue(k);
    const mp = policy.methods[m];
    const scored = given.flatMap((r) => (r.micro[k] === null || r.micro[k] === undefined ? [] : [{ rater: r.rater, role: r.role, micro: r.micro[k]! }]));
    const uses: ScoreUse[] = contributions(scored, policy).map((c) => ({
      rater: c.rater,
      role: c.role,
      score: points(c.micro),
      weight: c.weight,
      dropped: c.dropped,
    }));
    const kept = uses.filter((u) => u.dropped === null);
    let sum: Rational | null = null;
    let divisor: Rational | null = null;
    let sorted: Rational[] | null = null;
    if (policy.aggregation === 'median') {
      sorted = uses.map((u) => u.score).sort((a, b) => a.cmp(b));
    } else {
      sum = kept.reduce((acc, u) => acc.add(u.weight.mul(u.score)), Rational.ZERO);
      divisor = kept.reduce((acc, u) => acc.add(u.weight), Rational.ZERO);
    }
    const onScaleValue = mp.scale === mp.max ? value : value.mul(rationalOf(mp.scale)).div(rationalOf(mp.max));
    const natural = divisor && divisor.d === 1n ? divisor.n : undefined;
    const onScale = exactValue(onScaleValue, natural);
    const shown = mp.scale === mp.max ? onScale : exactValue(value);
    const denominator = shown.approx === null ? 1n : BigInt(shown.exact.slice(shown.exact.lastIndexOf('/') + 1));
    totalDenominator = lcm(totalDenominator, denominator);
    methods[m] = {
      method: m,
      aggregation: policy.aggregation,
      scores: uses,
      trimmed: policy.aggregation === 'trimmed' ? uses.some((u) => u.dropped !== null) : null,
      sum,
      divisor,
      sorted,
      onScale,
      max: mp.max,
      scale: mp.scale,
      value: shown,
    };
  });

  const bands = gradeBands(policy);
  const i = bands.findIndex((b) => b.grade === result.grade);
  const band = {
    min: bands[i]!.min === -Infinity ? null : bands[i]!.min,
    below: i > 0 ? bands[i - 1]!.min : null,
  };

  const c = result.consequence;
  const semesterRules: RuleApplied[] = c.rules.map((id) => {
    const rule = SEMESTER_RULES.find((r) => r.id === id)!;
    return {
      id,
      grade: rule.grade,
      rewardDue: Boolean(rule.reward),
      reward: rule.reward ? c.reward : null,
      penaltyDue: Boolean(rule.penalty),
      penalty: rule.penalty ? c.penalty : null,
      rectifyBy: rule.rectification ? c.rectifyBy : null,
      from: rule.rectification ? evaluationDate(result.semester).toISOString().slice(0, 10) : null,
      days: rule.rectification ? policy.rectificationDays : null,
    };
  });

  return {
    semester: result.semester,
    staffId: result.staffId,
    name: result.name,
    post: result.post,
    aggregation: policy.aggregation,
    trimMinScores: policy.trimMinScores,
    weights: { ...policy.roleWeights },
    precision: policy.precision,
    raters,
    methods,
    exactTotal: exactValue(result.exact, totalDenominator),
    total: result.total,
    grade: result.grade,
    band,
    rank: result.rank,
    rankOf: result.rankOf,
    tiedWith: ranked.filter((s) => s.rank === result.rank && s.staffId !== result.staffId).map((s) => s.staffId),
    semesterRules,
    year: year ? { year: Number(result.semester.slice(0, 4)), outcome: year } : null,
    missingSemesters,
  };
}

