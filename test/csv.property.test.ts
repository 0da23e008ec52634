/**
 * Differential tests of the one CSV reader (src/io/records.ts): it reads the same records as
 * csv-parse from random CSV, however its bytes are cut into chunks (through lines, quoted cells and
 * multi-byte characters); and on broken CSV it reports the same records and problems (line, cell,
 * words) as the previous reader, kept in test/legacy/csv.ts.
 *
 * A record with a control character in a cell (C0 but tab, DEL, C1; a line break inside a quoted
 * cell too, issue 12) is malformed: the random CSV holds such records on purpose, and the reader
 * must report each at its first such cell, and agree with csv-parse on all the others.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemsEn } from '../src/i18n/problems.js';
import { MAX_CELL_LENGTH, MAX_COLUMNS, type MalformedKind, RecordReader, parseCsvText } from '../src/io/records.js';
import { parseCsvText as legacyParseCsvText } from './legacy/csv.js';

// Line breaks inside a cell (quoted) and other control characters make a record malformed; a
// zero-width space, a bidi override, U+00A0 (next to C1) and U+0100 (C4 80, the bytes of C1 but one) do not.
const cellChars = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '1', '.', ' ', ',', '"', '张', '伟', '楼', '＝', '😀', '\t', "'", '\u200b', '\u202e', '\u00a0', '\u0100') },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\u0000', '\u0001', '\u001b', '\u007f', '\u0080', '\u0085', '\u009f') },
);
const cell = fc.array(cellChars, { maxLength: 8 }).map((a) => a.join(''));
const record = fc.array(cell, { minLength: 1, maxLength: 6 }).filter((r) => !(r.length === 1 && r[0] === ''));

/** A control character as the reader sees one: C0 but tab, DEL, C1. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/** What the reader must make of records written one after another: each record, or its first control character's cell. */
function expected(records: string[][], parsed: string[][]): { records: string[][]; malformed: { line: number; column: number }[] } {
  const out = { records: [] as string[][], malformed: [] as { line: number; column: number }[] };
  let line = 1;
  records.forEach((r, i) => {
    const bad = r.findIndex((c) => CONTROL.test(c));
    if (bad >= 0) out.malformed.push({ line, column: bad + 1 });
    else out.records.push(parsed[i]!);
    line += r.join(',').split(/\r\n|\n/).length;
  });
  return out;
}

function quote(c: string, always: boolean): string {
  return always || /[",\r\n]/.test(c) || c.startsWith(' ') ? `"${c.replace(/"/g, '""')}"` : c;
}

interface Read {
  records: { cells: string[]; line: number }[];
  malformed: { line: number; column: number; kind: MalformedKind; code: number }[];
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
      malformed: (line, column, kind, code = 0) => out.malformed.push({ line, column, kind, code }),
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

/** The reader's problems in the words `evaluate` prints (src/i18n/problems.ts), as the previous reader words them. */
function worded(text: string): { records: Read['records']; malformed: { line: number; column: number; message: string }[] } {
  const r = readChunked(enc.encode(text), [Number.MAX_SAFE_INTEGER]);
  const args = (m: Read['malformed'][number]) =>
    m.kind === 'cell-too-long' ? [MAX_CELL_LENGTH] : m.kind === 'too-many-cells' ? [MAX_COLUMNS] : m.kind === 'control-character' ? [m.code] : [];
  return {
    records: r.records,
    malformed: r.malformed.map((m) => ({ line: m.line, column: m.column, message: (problemsEn[m.kind] as (a: unknown[]) => string)(args(m)) })),
  };
}

const chunkSizes = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 });

describe('CSV reader against csv-parse', () => {
  it('reads identical records from random CSV with quotes, commas and CJK text, and reports those with a control character or a line break in a cell', () => {
    const seen = { malformed: 0, records: 0 };
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), fc.boolean(), (records, crlf, quoteAll, finalNewline) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = records.map((r) => r.map((c) => quote(c, quoteAll)).join(',')).join(eol) + (finalNewline ? eol : '');
        const ours = parseCsvText(text);
        const theirs = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
        expect(theirs).toHaveLength(records.length);
        const want = expected(records, theirs);
        seen.malformed += want.malformed.length;
        seen.records += want.records.length;
        expect(ours.malformed.map(({ line, column }) => ({ line, column }))).toEqual(want.malformed);
        for (const m of ours.malformed) expect(m.kind).toBe('control-character');
        expect(ours.records.map((r) => r.cells)).toEqual(want.records);
        // Each record starts on the line after the lines of the records before it.
        let line = 1;
        const lines: number[] = [];
        for (const r of records) {
          if (!r.some((c) => CONTROL.test(c))) lines.push(line);
          line += r.join(',').split(/\r\n|\n/).length;
        }
        expect(ours.records.map((r) => r.line)).toEqual(lines);
      }),
      { numRuns: 500 },
    );
    // Both kinds came up, many times.
    expect(seen.malformed).toBeGreaterThan(200);
    expect(seen.records).toBeGreaterThan(500);
  });

  it('gives the same records however the bytes are cut into chunks (through lines and characters)', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), chunkSizes, fc.constantFrom('\n', '\r\n', '\r'), (records, sizes, eol) => {
        const text = `${records.map((r) => r.map((c) => quote(c, false)).join(',')).join(eol)}${eol}`;
        const whole = parseCsvText(text);
        const got = readChunked(enc.encode(text), sizes);
        expect(got.malformed.map(({ line, column }) => ({ line, column }))).toEqual(whole.malformed.map(({ line, column }) => ({ line, column })));
        expect(got.malformed.every((m) => m.kind === 'control-character')).toBe(true);
        expect(got.records).toEqual(whole.records);
        if (eol !== '\r') expect(got.records.map((r) => r.cells)).toEqual(expected(records, parse(text, { relax_column_count: true }) as string[][]).records);
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
        const want = expected(records, parse(text, { delimiter: d, relax_column_count: true, relax_quotes: false }) as string[][]);
        expect(got.malformed.map(({ line, column }) => ({ line, column }))).toEqual(want.malformed);
        expect(got.records.map((r) => r.cells)).toEqual(want.records);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a,b"c,d\n', 1, 2, 'quote-inside'],
    ['a,"b"c,d\n', 1, 2, 'text-after-quote'],
    ['a,b\n"c,d\ne,f\n', 2, 1, 'unclosed-quote'],
  ])('reports a broken record %j at line %i, cell %i: %s', (text, line, column, kind) => {
    const r = parseCsvText(text);
    expect(r.malformed).toHaveLength(1);
    expect(r.malformed[0]).toMatchObject({ line, column, kind });
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
  .array(fc.constantFrom('a', '1', ',', ',', '"', '"', '""', '\n', '\r\n', '\r', '\n\n', ' ', '张', '😀', 'x"y', '"q"z', '\u0000', '\u001b', '\u007f', '\u0085', '\t', '\u200b'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('CSV reader against the previous reader, on broken CSV', () => {
  it('the same records, problems (line, cell, words), blank lines and unclosed quote, whole or in chunks', () => {
    fc.assert(
      fc.property(brokenText, chunkSizes, (text, sizes) => {
        const old = legacyParseCsvText(text);
        expect(worded(text)).toEqual(old);
        const now = parseCsvText(text);
        expect(now.records).toEqual(old.records);
        expect(now.malformed.map((m) => [m.line, m.column])).toEqual(old.malformed.map((m) => [m.line, m.column]));
        const chunked = readChunked(enc.encode(text), sizes);
        expect(chunked.records).toEqual(old.records);
        expect(chunked.malformed.map((m) => [m.line, m.column])).toEqual(old.malformed.map((m) => [m.line, m.column]));
      }),
      { numRuns: 2000 },
    );
  });

  it('the limits: a cell too long (counted in UTF-16 units, quoted or not) and too many cells; a control character within the limit comes first', () => {
    const long = (ch: string, n: number) => ch.repeat(n);
    const cases = [
      `a,${long('x', MAX_CELL_LENGTH)}\nb,c\n`,
      `a,${long('x', MAX_CELL_LENGTH + 1)}\nb,c\n`,
      `a,${long('张', MAX_CELL_LENGTH + 1)}\nb,c\n`,
      `a,${long('😀', MAX_CELL_LENGTH / 2)}\nb,c\n`,
      `a,${long('😀', MAX_CELL_LENGTH / 2 + 1)}\nb,c\n`,
      `a,"${long('x', MAX_CELL_LENGTH / 2)}\n${long('y', MAX_CELL_LENGTH / 2)}"\nb,c\n`,
      `a,"${long('x', MAX_CELL_LENGTH / 2)},${long('y', MAX_CELL_LENGTH / 2)}"\nb,c\n`,
      `a,"${long('x', MAX_CELL_LENGTH / 2)}""${long('y', MAX_CELL_LENGTH / 2)}"\nb,c\n`,
      `a,${long('x', MAX_CELL_LENGTH - 1)}\u001b${long('y', 10)}\nb,c\n`,
      `h\n${',1'.repeat(999)}\n${',1'.repeat(1000)}\nlast\n`,
      `h\n"${',1'.repeat(1000)}\n`,
    ];
    for (const text of cases) {
      const old = legacyParseCsvText(text);
      expect(worded(text)).toEqual(old);
      expect(parseCsvText(text).records).toEqual(old.records);
      const chunked = readChunked(enc.encode(text), [4093, 5, 65536]);
      expect(chunked.records).toEqual(old.records);
      expect(chunked.malformed.map((m) => [m.line, m.column])).toEqual(old.malformed.map((m) => [m.line, m.column]));
    }
  });
});
