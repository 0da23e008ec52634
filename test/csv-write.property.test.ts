/** Our CSV writer against csv-stringify: the same text for random rows of text and numbers. */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/core/rational.js';
import { CsvBytes, csvString } from '../src/render/csv.js';

// Characters of one to four UTF-8 bytes, and lone surrogates (which UTF-8 writes as U+FFFD).
const text = fc.array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '张', "'", '=', '😀', '\t', '1', '.', 'é', '\u07ff', '\uffff', '\ud800', '\udc00', '\u{10ffff}'), { maxLength: 8 }).map((a) => a.join(''));
/** A text as its UTF-8 bytes read back: a lone surrogate becomes U+FFFD, as in any UTF-8 file. */
const inUtf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
const value = fc.oneof(text, fc.integer({ min: 0, max: 100000 }), fc.constantFrom(18.5, 0.25, 92, 90.5, 17.67));

describe('CSV writer', () => {
  it('writes what csv-stringify writes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (rows, bom) => {
        const ours = csvString(rows, bom);
        // csv-stringify quotes a lone CR or LF only when told to: with CRLF records, it would
        // otherwise leave a line break inside a cell unquoted, and Excel would split the row.
        expect(ours).toBe(inUtf8((bom ? '\uFEFF' : '') + stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ })));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('CSV writer, many texts', () => {
  it('writes what csv-stringify writes for 10,000 names, each once, some quoted', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`S${i}`, `张${i}${i % 97 === 0 ? ',"伟"' : i % 89 === 0 ? '\n丽' : '娟'}`, i % 3 === 0 ? '1号楼' : `${i % 50}号楼😀`]);
    const out = new CsvBytes(false);
    for (const r of rows) out.row(r);
    expect(Buffer.concat(out.chunks()).toString('utf8')).toBe(stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ }));
  });
});

describe('CSV writer numbers', () => {
  const written = (f: (out: CsvBytes) => void) => {
    const out = new CsvBytes(false);
    f(out);
    return Buffer.concat(out.chunks()).toString('utf8');
  };

  it('writes scaled numbers as toFixed does, and trimmed as String() does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom(0, 5, 10, 100, 8995, 89950, 100000)), fc.integer({ min: 0, max: 6 }), (q, places) => {
        expect(written((o) => o.scaled(q, places, false))).toBe(Rational.of(q, 10 ** places).toFixed(places));
        expect(written((o) => o.scaled(q, places, true))).toBe(String(q / 10 ** places));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a value met before as it wrote it the first time, whatever places and trimming came between', () => {
    // One writer, as a report uses it: every value below the cached ones' bound and past it, in
    // each of the 14 ways, twice, interleaved, so that a copy from a wrong way's bytes shows.
    const out = new CsvBytes(false);
    const want: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (let q = 0; q < 16_400; q += round === 0 ? 1 : 7) {
        for (let places = 0; places <= 6; places++) {
          for (const trim of [false, true]) {
            out.scaled(q, places, trim);
            want.push(trim ? String(q / 10 ** places) : Rational.of(q, 10 ** places).toFixed(places));
          }
        }
        out.end();
        want.push('\r\n');
      }
    }
    const expected = want.join(',').replaceAll(',\r\n,', '\r\n').replace(/,\r\n$/, '\r\n');
    expect(Buffer.concat(out.chunks()).toString('utf8')).toBe(expected);
  });

  it('writes numbers as String() does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: -1 })), (v) => {
        expect(written((o) => o.number(v))).toBe(String(v));
      }),
    );
  });

  it('starts a new piece when a cell does not fit, and loses nothing', () => {
    const big = '张'.repeat(600_000); // 1.8 MB in UTF-8, more than a piece
    const rows = [['a', big, 'b'], [big, 1, 'c,d']];
    expect(csvString(rows, true)).toBe(`\uFEFF${stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ })}`);
  });
});

describe('CSV writer, pieces reused (CsvBytes reuse: for a caller that writes each piece before it asks for the next)', () => {
  // 360,000 rows (about 11 MB: a dozen pieces), a cell larger than a piece in the middle, a record
  // that fills two pieces at once, and rows after them.
  const big = '张'.repeat(600_000);
  const rows: (string | number)[][] = Array.from({ length: 360_000 }, (_, i) => [i, `S${i}`, i % 7 === 0 ? `张${i},"伟"` : `name ${i}`, 17.5]);
  rows.splice(180_000, 0, ['a', big, 'b'], [big, big]);
  /** Written as a command writes them: each piece copied out (written) before the next is asked for. */
  const write = (reuse: boolean) => {
    const out = new CsvBytes(false, reuse);
    const written: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    let pieces = 0;
    const take = (parts: Uint8Array[]) => {
      for (const part of parts) {
        written.push(Buffer.from(part));
        buffers.add(part.buffer);
        pieces++;
      }
    };
    for (const r of rows) {
      out.row(r);
      if (out.full) take(out.take());
    }
    take(out.chunks());
    return { text: Buffer.concat(written).toString('utf8'), buffers: buffers.size, pieces };
  };

  it('writes the same bytes as fresh pieces, in a few buffers written over and over', () => {
    const expected = stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
    const fresh = write(false);
    const reused = write(true);
    expect(fresh.text).toBe(expected);
    expect(reused.text).toBe(expected);
    expect(fresh.pieces).toBeGreaterThan(14);
    // Fresh: a buffer a piece. Reused: the two a piece at a time needs, and the five the big cells
    // made (each larger than the spare piece).
    expect(fresh.buffers).toBe(fresh.pieces);
    expect(reused.buffers).toBeLessThanOrEqual(7);
    expect(reused.pieces).toBeGreaterThan(14);
  });

  it('without reuse, pieces kept are never written over', () => {
    const out = new CsvBytes(false);
    const kept: Uint8Array[] = [];
    for (const r of rows) {
      out.row(r);
      if (out.full) kept.push(...out.take());
    }
    kept.push(...out.chunks());
    expect(Buffer.concat(kept).toString('utf8')).toBe(write(false).text);
  });
});

describe('CSV writer, a run of cells copied (mark, sinceMark, endWith: the score CSV copies a total\'s row end)', () => {
  it('copies a record\'s last cells as they were first written, comma before them and line end included', () => {
    const out = new CsvBytes(false);
    out.text('a');
    out.mark();
    out.text('x,y');
    out.number(12);
    out.empty();
    out.end();
    const tail = out.sinceMark();
    expect(Buffer.from(tail!).toString('utf8')).toBe(',"x,y",12,\r\n');
    out.number(7);
    out.endWith(tail!);
    // The record after the copied end starts without a comma.
    out.text('next');
    out.end();
    expect(Buffer.concat(out.chunks()).toString('utf8')).toBe('a,"x,y",12,\r\n7,"x,y",12,\r\nnext\r\n');
  });

  it('gives nothing for a run that began a new piece, and copies into a new piece whole', () => {
    const out = new CsvBytes(false);
    out.text('a');
    out.mark();
    out.text('张'.repeat(600_000));
    expect(out.sinceMark()).toBeNull();
    out.end();
    const small = new CsvBytes(false);
    small.text('b');
    small.mark();
    small.text('尾');
    small.end();
    const tail = small.sinceMark()!;
    // Rows until a piece is full, then the copied end across the boundary: nothing lost.
    const rows = 120_000;
    for (let i = 0; i < rows; i++) {
      out.number(i);
      out.endWith(tail);
    }
    const text = Buffer.concat(out.chunks()).toString('utf8');
    expect(text.split('\r\n')).toHaveLength(rows + 2);
    expect(text.endsWith(`${rows - 1},尾\r\n`)).toBe(true);
  });
});
