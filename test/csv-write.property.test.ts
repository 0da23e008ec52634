/** Our CSV writer against csv-stringify: the same text for random rows of text and numbers. */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks } from '../src/render/csv.js';

const text = fc.array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '张', "'", '=', '😀', '\t', '1', '.'), { maxLength: 8 }).map((a) => a.join(''));
const value = fc.oneof(text, fc.integer({ min: 0, max: 100000 }), fc.constantFrom(18.5, 0.25, 92, 90.5, 17.67));

describe('CSV writer', () => {
  it('writes what csv-stringify writes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (rows, bom) => {
        const ours = csvChunks(rows, bom).join('');
        // csv-stringify quotes a lone CR or LF only when told to: with CRLF records, it would
        // otherwise leave a line break inside a cell unquoted, and Excel would split the row.
        expect(ours).toBe((bom ? '\uFEFF' : '') + stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ }));
      }),
      { numRuns: 1000 },
    );
  });
});
