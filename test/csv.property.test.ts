/** Differential tests: our CSV parser and csv-parse read the same records from random CSV. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsvText } from '../src/io/csv.js';

const cellChars = fc.constantFrom('a', 'Z', '1', '.', ' ', ',', '"', '\n', '\r\n', '张', '伟', '楼', '＝', '😀', '\t', "'");
const cell = fc.array(cellChars, { maxLength: 8 }).map((a) => a.join(''));
const record = fc.array(cell, { minLength: 1, maxLength: 6 }).filter((r) => !(r.length === 1 && r[0] === ''));

function quote(c: string, always: boolean): string {
  return always || /[",\r\n]/.test(c) || c.startsWith(' ') ? `"${c.replace(/"/g, '""')}"` : c;
}

describe('CSV parser against csv-parse', () => {
  it('reads identical records from random CSV with quotes, commas, newlines and CJK text', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), fc.boolean(), (records, crlf, quoteAll, finalNewline) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = records.map((r) => r.map((c) => quote(c, quoteAll)).join(',')).join(eol) + (finalNewline ? eol : '');
        const ours = parseCsvText(text);
        expect(ours.malformed).toEqual([]);
        const theirs = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
        expect(ours.records.map((r) => r.cells)).toEqual(theirs);
        // Each record starts on the line after the lines of the records before it.
        let line = 1;
        ours.records.forEach((r, i) => {
          expect(r.line).toBe(line);
          line += text.length === 0 ? 0 : records[i]!.join(',').split(/\r\n|\n/).length;
        });
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same records however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }), (records, cuts) => {
        const text = `${records.map((r) => r.map((c) => quote(c, false)).join(',')).join('\r\n')}\r\n`;
        const whole = parseCsvText(text);
        const got: { cells: string[]; line: number }[] = [];
        const p = new CsvParser({ record: (cells, line) => got.push({ cells, line }), malformed: () => expect.fail('malformed') });
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const size = cuts[i % cuts.length]!;
          p.push(text.slice(at, at + size));
          at += size;
        }
        p.end();
        expect(got).toEqual(whole.records);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a,b"c,d\n', 1, 2, 'a quote (") inside a cell that does not start with one'],
    ['a,"b"c,d\n', 1, 2, 'text after the closing quote of a cell'],
    ['a,b\n"c,d\ne,f\n', 2, 1, 'a quoted cell is never closed'],
  ])('reports a broken record %j at line %i, cell %i', (text, line, column, words) => {
    const r = parseCsvText(text);
    expect(r.malformed).toHaveLength(1);
    expect(r.malformed[0]).toMatchObject({ line, column });
    expect(r.malformed[0]!.message).toContain(words);
  });

  it('skips blank lines, keeps counting them, and reads CR, LF and CRLF line ends', () => {
    const r = parseCsvText('a,b\r\n\r\nc,d\n\ne,f\rg,h');
    expect(r.records).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['c', 'd'], line: 3 },
      { cells: ['e', 'f'], line: 5 },
      { cells: ['g', 'h'], line: 6 },
    ]);
  });
});
