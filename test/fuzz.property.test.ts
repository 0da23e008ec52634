/**
 * Fuzzing in `npm test`, a few hundred cases (`npm run fuzz` runs over 100,000): random valid sheets
 * in every shape are scored by the reading pipeline exactly as an independent rational reference
 * says; spoilt ones (random bytes, cut lines, swapped columns, duplicated rows, odd cells) never
 * throw, give well-formed problems and add up their rows. Every case, valid or spoilt, gives the
 * problems, row counts and reports of the previous implementation (test/legacy/), word for word.
 * A few go through the real binary: exit 0, 1 or 2, never a stack trace.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMutated, checkValid, mutate, removeCaseDirs, seedArb, validCase } from './fuzz-sheets.js';
import { binaryCase } from './fuzz-binary.js';

describe('fuzz (short)', () => {
  afterAll(removeCaseDirs);

  it('valid sheets: the pipeline agrees with the reference and the previous implementation', () => {
    const forms = new Map<string, number>();
    fc.assert(
      fc.property(seedArb, (seed) => {
        const c = validCase(seed);
        forms.set(c.form, (forms.get(c.form) ?? 0) + 1);
        checkValid(c);
      }),
      { numRuns: 300 },
    );
    // Every form came up.
    expect([...forms.keys()].sort()).toEqual(['consensus', 'long', 'methods-split', 'rows-split', 'wide']);
  });

  it('spoilt sheets: no exception, problems with places, rows add up, as the previous implementation had them', () => {
    const seen = { errors: 0, warnings: 0, clean: 0 };
    fc.assert(
      fc.property(seedArb, seedArb, (a, b) => {
        const c = validCase(a);
        seen[checkMutated(c, mutate(c, b))]++;
      }),
      { numRuns: 400 },
    );
    expect(seen.errors).toBeGreaterThan(100);
    expect(seen.clean).toBeGreaterThan(0);
  });

  it('the real binary, on a few of each', () => {
    fc.assert(
      fc.property(seedArb, seedArb, fc.boolean(), (a, b, spoil) => {
        binaryCase(a, spoil ? b : null);
      }),
      { numRuns: 8 },
    );
  });
});
