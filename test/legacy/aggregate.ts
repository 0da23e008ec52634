/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/core/aggregate.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare the pipeline's problems
 * (file, line, column, severity, message) and reports with it, so that messages stay exactly as
 * they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/**
 * Aggregating the raters' scores for one method: mean, trimmed mean, median or weighted mean.
 * Inputs are integer micro-points; the result is an exact rational number of points, scaled to the
 * method's maximum where the policy sets another scale.
 */
import { MICRO } from './cells.js';
import { type Policy, rationalOf } from '../../src/core/policy.js';
import { Rational } from '../../src/core/rational.js';
import type { Method, Role } from '../../src/core/types.js';

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

export interface MethodAggregate {
  method: Method;
  value: Rational;
  contributions: Contribution[];
}

const MICRO_R = Rational.of(MICRO);

export function weightOf(role: Role | null, policy: Policy): Rational {
  return policy.aggregation === 'weighted' && role ? rationalOf(policy.roleWeights[role]) : Rational.of(1);
}

export function aggregate(method: Method, scores: RaterScore[], policy: Policy): MethodAggregate {
  const contributions: Contribution[] = scores.map((s) => ({ ...s, weight: weightOf(s.role, policy), dropped: null }));
  const n = contributions.length;
  let value: Rational;
  if (n === 0) {
    value = Rational.ZERO;
  } else if (policy.aggregation === 'median') {
    const sorted = [...contributions].sort((a, b) => a.micro - b.micro);
    const mid = n >> 1;
    value =
      n % 2 === 1
        ? Rational.of(sorted[mid]!.micro)
        : Rational.of(sorted[mid - 1]!.micro + sorted[mid]!.micro, 2);
  } else if (policy.aggregation === 'weighted') {
    let den = Rational.ZERO;
    let acc = Rational.ZERO;
    for (const c of contributions) {
      acc = acc.add(c.weight.mul(Rational.of(c.micro)));
      den = den.add(c.weight);
    }
    value = acc.div(den);
  } else {
    let kept = contributions;
    if (policy.aggregation === 'trimmed' && n >= policy.trimMinScores) {
      // Drop one highest and one lowest; among equal scores, the last listed is dropped for the
      // highest and the first for the lowest, which changes nothing in the value.
      let hi = 0;
      let lo = 0;
      contributions.forEach((c, i) => {
        if (c.micro >= contributions[hi]!.micro) hi = i;
        if (c.micro < contributions[lo]!.micro) lo = i;
      });
      if (hi === lo) lo = hi === 0 ? 1 : 0;
      contributions[hi]!.dropped = 'highest';
      contributions[lo]!.dropped = 'lowest';
      kept = contributions.filter((c) => c.dropped === null);
    }
    let sum = 0;
    for (const c of kept) sum += c.micro;
    value = Rational.of(sum, kept.length);
  }
  const mp = policy.methods[method];
  let points = value.div(MICRO_R);
  if (mp.scale !== mp.max) points = points.mul(rationalOf(mp.max)).div(rationalOf(mp.scale));
  return { method, value: points, contributions };
}
