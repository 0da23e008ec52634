/**
 * Property tests: on random sheets the tool's exact arithmetic agrees with an independent rational
 * reference written here with plain bigint fractions, for every aggregation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../src/core/types.js';
import { policyOf, scoreText } from './score-text.js';

type Frac = [bigint, bigint];
const add = ([a, b]: Frac, [c, d]: Frac): Frac => [a * d + c * b, b * d];
const cmp = ([a, b]: Frac, [c, d]: Frac) => (a * d < c * b ? -1 : a * d > c * b ? 1 : 0);

/** Scores in hundredths of a point; the reference aggregates them as fractions of hundredths. */
function reference(scores: number[], weights: number[], aggregation: string, trimMin: number): Frac {
  const n = scores.length;
  if (aggregation === 'median') {
    const s = [...scores].sort((a, b) => a - b);
    return n % 2 ? [BigInt(s[(n - 1) / 2]!), 1n] : [BigInt(s[n / 2 - 1]! + s[n / 2]!), 2n];
  }
  if (aggregation === 'weighted') {
    const num = scores.reduce((acc, s, i) => acc + BigInt(s) * BigInt(weights[i]!), 0n);
    return [num, BigInt(weights.reduce((a, b) => a + b, 0))];
  }
  let kept = scores;
  if (aggregation === 'trimmed' && n >= trimMin) kept = [...scores].sort((a, b) => a - b).slice(1, -1);
  return [BigInt(kept.reduce((a, b) => a + b, 0)), BigInt(kept.length)];
}

const ROLES = ['leader', 'head-office', 'center-office', 'student'] as const;
const WEIGHTS = { leader: 3, 'head-office': 2, 'center-office': 1, student: 1 };

const staffArb = fc.array(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 7 });

describe('exact arithmetic agrees with a rational reference', () => {
  it('on random sheets, for every aggregation', () => {
    fc.assert(
      fc.property(
        fc.array(staffArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('mean', 'trimmed', 'median', 'weighted'),
        fc.integer({ min: 3, max: 6 }),
        (staff, aggregation, trimMinScores) => {
          const policy = policyOf({ aggregation, trimMinScores, roleWeights: WEIGHTS });
          const lines = ['staff_id,semester,rater,role,listen,see,check,test,ask'];
          staff.forEach((raters, i) =>
            raters.forEach((row, r) => lines.push(`S${i},2026-H1,R${r},${ROLES[r % 4]},${row.map((h) => (h / 100).toFixed(2)).join(',')}`)),
          );
          const { reports, problems } = scoreText(lines.join('\n'), policy);
          expect(problems.list).toEqual([]);
          const got = new Map(reports[0]!.staff.map((s) => [s.staffId, s]));
          staff.forEach((raters, i) => {
            let total: Frac = [0n, 1n];
            METHODS.forEach((_, m) => {
              const scores = raters.map((row) => row[m]!);
              const weights = raters.map((_, r) => WEIGHTS[ROLES[r % 4]!]);
              const [num, den] = reference(scores, weights, aggregation, trimMinScores);
              total = add(total, [num, den * 100n]);
            });
            const s = got.get(`S${i}`)!;
            expect(cmp([s.exact.n, s.exact.d], total)).toBe(0);
            // Half up at one decimal, done the school way: add half a tenth, cut.
            const [n, d] = total;
            const tenths = (n * 10n * 2n + d) / (2n * d);
            expect(s.total.toFixed(1)).toBe(`${tenths / 10n}.${tenths % 10n}`);
            const grade = tenths >= 900n ? 'excellent' : tenths >= 800n ? 'good' : tenths >= 600n ? 'qualified' : 'unqualified';
            expect(s.grade).toBe(grade);
          });
          // Ranks: 1 + the number of staff with a strictly higher rounded total.
          for (const s of reports[0]!.staff) {
            const higher = reports[0]!.staff.filter((o) => o.total.cmp(s.total) > 0).length;
            expect(s.rank).toBe(higher + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
