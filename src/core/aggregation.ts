/**
 * Aggregating the raters' scores of one person for one method: the mean (default), the trimmed mean
 * (the highest and the lowest score dropped once there are `trimMinScores` scores), the median, or
 * the weighted mean (by role). Scores are integer micro-points; the result is exact, in points,
 * scaled to the method's maximum where the policy has raters score on another scale.
 *
 * Each aggregation is one function here. The tally feeds the mean and the trimmed mean from running
 * sums (count, sum, lowest, highest), the median and the weighted mean from every score; `explain`
 * feeds the same functions from one person's scores and asks `contributions` which were dropped.
 */
import { MICRO } from './cells.js';
import { type Policy, rationalOf } from './policy.js';
import { Rational } from './rational.js';
import type { Method, Role } from './types.js';

/** One method's scores of one person, as running sums (micro-points). */
export interface MethodStats {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface RaterScore {
  rater: string;
  role: Role | null;
  micro: number;
}

export interface Contribution extends RaterScore {
  weight: Rational;
  /** Why the aggregation left this score out, if it did. */
  dropped: 'highest' | 'lowest' | null;
}

const MICRO_R = Rational.of(MICRO);

/** Whether the trimmed mean drops the highest and the lowest of `count` scores. */
export function trims(count: number, policy: Policy): boolean {
  return count >= trimFrom(policy);
}

/** The fewest scores from which the trimmed mean trims (Infinity: the policy does not trim). */
export function trimFrom(policy: Policy): number {
  return policy.aggregation === 'trimmed' ? policy.trimMinScores : Infinity;
}

/**
 * The mean or trimmed mean of running sums (count, sum, lowest, highest: micro-points) as a fraction
 * of plain numbers, numerator and divisor in micro-points (exact while the sums are safe integers,
 * which scores keep them), written to out[at] and out[at + 1] (no array per person and method: a
 * batch scores hundreds of thousands). `trim` is trimFrom(policy).
 */
export function meanFraction(count: number, sum: number, min: number, max: number, trim: number, out: Float64Array, at: number): void {
  out[at] = count === 0 ? 0 : count >= trim ? sum - min - max : sum;
  out[at + 1] = meanDivisor(count, trim);
}

/** The divisor of meanFraction's fraction for `count` scores (micro-points; 1 for none). */
export function meanDivisor(count: number, trim: number): number {
  return count === 0 ? 1 : count >= trim ? (count - 2) * MICRO : count * MICRO;
}

/** The weight of a score from a rater of `role` (1 unless the aggregation is weighted and the role known). */
export function weightOf(role: Role | null, policy: Policy): Rational {
  return policy.aggregation === 'weighted' && role ? rationalOf(policy.roleWeights[role]) : Rational.of(1);
}

/** The median of scores (micro-points), sorted in place. */
function median(values: number[]): Rational {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? Rational.of(values[mid]!) : Rational.of(values[mid - 1]! + values[mid]!, 2);
}

/** The weighted mean of scores (micro-points). */
function weightedMean(scores: readonly { micro: number; role: Role | null }[], policy: Policy): Rational {
  let num = Rational.ZERO;
  let den = Rational.ZERO;
  for (const s of scores) {
    const w = weightOf(s.role, policy);
    num = num.add(w.mul(Rational.of(s.micro)));
    den = den.add(w);
  }
  return num.div(den);
}

/** Points on the raters' scale as points on the method's maximum. */
export function onMaximum(points: Rational, method: Method, policy: Policy): Rational {
  const mp = policy.methods[method];
  return mp.scale === mp.max ? points : points.mul(rationalOf(mp.max)).div(rationalOf(mp.scale));
}

/**
 * The aggregate of one method, in points. The mean and trimmed mean need only the running sums; the
 * median and the weighted mean need every score.
 */
export function methodValue(method: Method, stats: MethodStats, scores: readonly { micro: number; role: Role | null }[] | null, policy: Policy): Rational {
  if (stats.count === 0) return Rational.ZERO;
  let points: Rational;
  if (policy.aggregation === 'median') points = median(scores!.map((s) => s.micro)).div(MICRO_R);
  else if (policy.aggregation === 'weighted') points = weightedMean(scores!, policy).div(MICRO_R);
  else {
    const f = new Float64Array(2);
    meanFraction(stats.count, stats.sum, stats.min, stats.max, trimFrom(policy), f, 0);
    points = Rational.of(f[0]!, f[1]!);
  }
  return onMaximum(points, method, policy);
}

/** Running sums of a list of scores. */
export function statsOf(scores: readonly { micro: number }[]): MethodStats {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    sum += s.micro;
    if (s.micro < min) min = s.micro;
    if (s.micro > max) max = s.micro;
  }
  return { count: scores.length, sum, min, max };
}

/**
 * Each score with its weight and whether the aggregation dropped it (for `explain`): the trimmed
 * mean drops one highest and one lowest; among equal scores, the last listed for the highest and the
 * first for the lowest (which changes nothing in the value).
 */
export function contributions(scores: readonly RaterScore[], policy: Policy): Contribution[] {
  const out: Contribution[] = scores.map((s) => ({ ...s, weight: weightOf(s.role, policy), dropped: null }));
  if (trims(out.length, policy)) {
    let hi = 0;
    let lo = 0;
    out.forEach((c, i) => {
      if (c.micro >= out[hi]!.micro) hi = i;
      if (c.micro < out[lo]!.micro) lo = i;
    });
    if (hi === lo) lo = hi === 0 ? 1 : 0;
    out[hi]!.dropped = 'highest';
    out[lo]!.dropped = 'lowest';
  }
  return out;
}
