/** Rational in its number form against plain bigint fractions, across the 2^53 boundary. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/core/rational.js';

type F = [bigint, bigint];
const norm = ([n, d]: F): F => {
  if (d < 0n) [n, d] = [-n, -d];
  let a = n < 0n ? -n : n;
  let b = d;
  while (b) [a, b] = [b, a % b];
  return a > 1n ? [n / a, d / a] : [n, d];
};
const ops: Record<string, (x: F, y: F) => F> = {
  add: ([a, b], [c, d]) => [a * d + c * b, b * d],
  sub: ([a, b], [c, d]) => [a * d - c * b, b * d],
  mul: ([a, b], [c, d]) => [a * c, b * d],
  div: ([a, b], [c, d]) => [a * d, b * c],
};

// Integers from small to beyond 2^53, so that both forms and the switch between them are exercised.
const int = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }));
const frac = fc.tuple(int, int.filter((d) => BigInt(d) !== 0n)).map(([n, d]) => [BigInt(n), BigInt(d)] as F);

describe('Rational', () => {
  it('add, sub, mul, div and cmp agree with bigint fractions', () => {
    fc.assert(
      fc.property(frac, frac, fc.constantFrom('add', 'sub', 'mul', 'div'), (x, y, op) => {
        if (op === 'div' && y[0] === 0n) return;
        const rx = Rational.of(x[0], x[1]);
        const ry = Rational.of(y[0], y[1]);
        const got = (rx[op as 'add'] as (o: Rational) => Rational).call(rx, ry);
        const want = norm(ops[op]!(x, y));
        expect([got.n, got.d]).toEqual(want);
        const c = x[0] * y[1] * (x[1] * y[1] > 0n ? 1n : -1n) - y[0] * x[1] * (x[1] * y[1] > 0n ? 1n : -1n);
        expect(rx.cmp(ry)).toBe(c < 0n ? -1 : c > 0n ? 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds half up (away from zero) at any precision as bigint arithmetic does', () => {
    fc.assert(
      fc.property(frac, fc.integer({ min: 0, max: 6 }), ([n, d], places) => {
        const r = Rational.of(n, d);
        const [rn, rd] = norm([n, d]);
        const scale = 10n ** BigInt(places);
        const a = rn < 0n ? -rn : rn;
        const q = (2n * a * scale + rd) / (2n * rd);
        expect(r.roundScaled(places)).toBe(rn < 0n ? -q : q);
      }),
      { numRuns: 3000 },
    );
  });
});
