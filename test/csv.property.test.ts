/**
 * Differential tests of the one CSV reader (src/io/records.ts): it reads the same records as
 * csv-parse from random CSV, however its bytes are cut into chunks (through lines, quoted cells and
 * multi-byte characters); and on broken CSV it reports the same records and problems (line, cell,
 * words) as the previous reader, kept in test/legacy/csv.ts.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_LENGTH, type MalformedKind, RecordReader, parseCsvText } from '../src/io/records.js';
import { parseCsvText as legacyParseCsvText } from './legacy/csv.js';

const cellChars = fc.constantFrom('a', 'Z', '1', '.', ' ', ',', '"', '\n', '\r\n', '张', '伟', '楼', '＝', '😀', '\t', "'");
const cell = fc.array(cellChars, { maxLength: 8 }).map((a) => a.join(''));
const record = fc.array(cell, { minLength: 1, maxLength: 6 }).filter((r) => !(r.length === 1 && r[0] === ''));

function quote(c: string, always: boolean): string {
  return always || /[",\r\n]/.test(c) || c.startsWith(' ') ? `"${c.replace(/"/g, '""')}"` : c;
}

interface Read {
  records: { cells: string[]; line: number }[];
  malformed: { line: number; column: number; kind: MalformedKind }[];
  blankLines: number;
  unclosedQuoteLine: number | null;
}

/** The reader fed `bytes` in chunks of the given sizes (in turn), cells decoded as the sink gets them. */
function readChunked(bytes: Uint8Array, sizes: readonly number[], delimiter = ','): Read {
  const out: Read = { records: [], malformed: [], blankLines: 0, unclosedQuoteLine: null };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = new RecordReader(
    {
      record: (r) => {
        const cells: string[] = [];
        for (let i = 0; i < r.count; i++) cells.push(decoder.decode(r.buf.subarray(r.starts[i]!, r.ends[i]!)));
        out.records.push({ cells, line: r.line });
      },
      malformed: (line, column, kind) => out.malformed.push({ line, column, kind }),
    },
    delimiter.charCodeAt(0),
  );
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    // A copy: a chunk's bytes are not the reader's to keep after push (the file reader reuses its buffer).
    const chunk = bytes.slice(at, at + size);
    reader.push(chunk);
    chunk.fill(0xff);
    at += size;
  }
  reader.end();
  out.blankLines = reader.blankLines;
  out.unclosedQuoteLine = reader.unclosedQuoteLine;
  return out;
}

const enc = new TextEncoder();
const chunkSizes = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 });

describe('CSV reader against csv-parse', () => {
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

  it('gives the same records however the bytes are cut into chunks (through lines and characters)', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), chunkSizes, fc.constantFrom('\n', '\r\n', '\r'), (records, sizes, eol) => {
        const text = `${records.map((r) => r.map((c) => quote(c, false)).join(',')).join(eol)}${eol}`;
        const whole = parseCsvText(text);
        const got = readChunked(enc.encode(text), sizes);
        expect(got.malformed).toEqual([]);
        expect(got.records).toEqual(whole.records);
        if (eol !== '\r') expect(got.records.map((r) => r.cells)).toEqual(parse(text, { relax_column_count: true }) as string[][]);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a semicolon or a tab as the delimiter, in chunks', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), chunkSizes, fc.constantFrom(';', '\t'), (records, sizes, d) => {
        const q = (c: string) => (c.includes(d) || /[",\r\n]/.test(c) || c.startsWith(' ') ? `"${c.replace(/"/g, '""')}"` : c);
        const text = `${records.map((r) => r.map(q).join(d)).join('\n')}\n`;
        const got = readChunked(enc.encode(text), sizes, d);
        expect(got.malformed).toEqual([]);
        expect(got.records.map((r) => r.cells)).toEqual(parse(text, { delimiter: d, relax_column_count: true, relax_quotes: false }) as string[][]);
      }),
      { numRuns: 200 },
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

/** Text with every way of breaking CSV: stray and unbalanced quotes, text after a closing quote, blank lines, odd line ends. */
const brokenText = fc
  .array(fc.constantFrom('a', '1', ',', ',', '"', '"', '""', '\n', '\r\n', '\r', '\n\n', ' ', '张', '😀', 'x"y', '"q"z'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('CSV reader against the previous reader, on broken CSV', () => {
  it('the same records, problems (line, cell, words), blank lines and unclosed quote, whole or in chunks', () => {
    fc.assert(
      fc.property(brokenText, chunkSizes, (text, sizes) => {
        const old = legacyParseCsvText(text);
        const now = parseCsvText(text);
        expect(now).toEqual(old);
        const chunked = readChunked(enc.encode(text), sizes);
        expect(chunked.records).toEqual(old.records);
        expect(chunked.malformed.map((m) => [m.line, m.column])).toEqual(old.malformed.map((m) => [m.line, m.column]));
      }),
      { numRuns: 2000 },
    );
  });

  it('the limits: a cell too long (counted in UTF-16 units, also when quoted over lines) and too many cells', () => {
    const long = (ch: string, n: number) => ch.repeat(n);
    const cases = [
      `a,${long('x', MAX_CELL_LENGTH)}\nb,c\n`,
      `a,${long('x', MAX_CELL_LENGTH + 1)}\nb,c\n`,
      `a,${long('张', MAX_CELL_LENGTH + 1)}\nb,c\n`,
      `a,${long('😀', MAX_CELL_LENGTH / 2)}\nb,c\n`,
      `a,${long('😀', MAX_CELL_LENGTH / 2 + 1)}\nb,c\n`,
      `a,"${long('x', MAX_CELL_LENGTH / 2)}\n${long('y', MAX_CELL_LENGTH / 2)}"\nb,c\n`,
      `h\n${',1'.repeat(999)}\n${',1'.repeat(1000)}\nlast\n`,
      `h\n"${',1'.repeat(1000)}\n`,
    ];
    for (const text of cases) {
      const old = legacyParseCsvText(text);
      expect(parseCsvText(text)).toEqual(old);
      const chunked = readChunked(enc.encode(text), [4093, 5, 65536]);
      expect(chunked.records).toEqual(old.records);
      expect(chunked.malformed.map((m) => [m.line, m.column])).toEqual(old.malformed.map((m) => [m.line, m.column]));
    }
  });
});
