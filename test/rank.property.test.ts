/**
 * Property test: ranking orders people by rounded total, highest first, and people with equal totals
 * by staff id in code-point order (SPEC), whatever the ids and however many people: short ASCII ids,
 * which a long list ranks by radix sorts on the ids as numbers, as well as long, non-ASCII, astral
 * and private-use ids, which it compares as strings. The reference sorts by comparing, here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/core/rational.js';
import { ranking } from '../src/core/report.js';

/** Code-point order of two strings, the obvious way. */
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** People in the order ranking() puts them, each with its rank. */
function rank<T extends { staffId: string; total: Rational }>(people: readonly T[]): (T & { rank: number })[] {
  const r = ranking(
    people.length,
    (e) => people[e]!.total,
    (e) => people[e]!.staffId,
  );
  return people.map((_, p) => ({ ...people[r.order ? r.order[p]! : p]!, rank: r.ranks[p]! }));
}

const asciiId = fc.string({ unit: fc.constantFrom(...'0123456789ABSZaz-_ ~'.split('')), minLength: 1, maxLength: 7 });
const otherId = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789S'.split('')), minLength: 8, maxLength: 10 }),
  fc.string({ unit: fc.constantFrom('S', '0', '1', '张', '\u00e9', '\ue000', '\u{1f600}', '\u007f'), minLength: 1, maxLength: 7 }),
);

describe('ranking: totals, then staff id in code-point order', () => {
  it('agrees with a comparison sort, for lists short and long (where short ASCII ids are radix-sorted)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9000 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        fc.constantFrom('as drawn', 'by id', 'by id, one pair swapped'),
        (n, ascii, distinctTotals, seed, given) => {
          // Ids drawn from the generators with a seeded sampler (fast-check's own for a few, a
          // counter for the thousands), unique as a semester's are; totals from a few values, so that
          // most people tie with others.
          const ids = new Set<string>(fc.sample(ascii ? asciiId : fc.oneof(asciiId, otherId), { numRuns: Math.min(n, 200), seed }));
          for (let i = 0; ids.size < n; i++) ids.add(ascii ? (i * 7919 + seed).toString(36).slice(-7) : `${i % 3 === 0 ? '张' : 'S'}${i * 7919 + seed}`);
          const people = [...ids].slice(0, n).map((staffId, i) => ({ staffId, total: Rational.of(((i * 2654435761) >>> 0) % distinctTotals, 10), i }));
          // People met in the order of their ids (which the id sort keeps as it is), or all but two.
          if (given !== 'as drawn') people.sort((a, b) => byCodePoint(a.staffId, b.staffId));
          if (given === 'by id, one pair swapped' && n > 1) {
            const k = Math.abs(seed) % (n - 1);
            [people[k], people[k + 1]] = [people[k + 1]!, people[k]!];
          }
          const got = rank([...people]).map((p) => [p.staffId, p.rank]);
          const want = [...people].sort((a, b) => b.total.cmp(a.total) || byCodePoint(a.staffId, b.staffId));
          let r = 0;
          const expected = want.map((p, i) => {
            if (i === 0 || want[i - 1]!.total.cmp(p.total) !== 0) r = i + 1;
            return [p.staffId, r];
          });
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 90 },
    );
  });

  it('a long list met in id order but for one pair: the pair put right, whether their ids differ in the first characters or the last', () => {
    // 5,000 ids S000000-S004999, one total: the order is the ids'; the radix keys split an id after its third character.
    for (const [first, second] of [
      [100, 101],
      [999, 1000],
      [4998, 4999],
    ] as const) {
      const people = Array.from({ length: 5000 }, (_, i) => ({ staffId: `S${String(i).padStart(6, '0')}`, total: Rational.of(905, 10) }));
      [people[first], people[second]] = [people[second]!, people[first]!];
      const got = rank(people).map((p) => p.staffId);
      expect(got).toEqual(Array.from({ length: 5000 }, (_, i) => `S${String(i).padStart(6, '0')}`));
    }
    // Out of order only where two ids end alike and differ in their first characters (the rest in id order).
    const mixed = ['AAA0001', 'AAB0002', 'AAA0002', 'AAC0003'];
    const people = Array.from({ length: 5000 }, (_, i) => ({ staffId: i < 4 ? mixed[i]! : `Z${String(i).padStart(6, '0')}`, total: Rational.of(1, 1) }));
    expect(rank(people).slice(0, 4).map((p) => p.staffId)).toEqual(['AAA0001', 'AAA0002', 'AAB0002', 'AAC0003']);
  });
});
