/**
 * The mixed-encoding rule's one count (src/io/mixed-encoding.ts), held to the oracle kept in
 * test/legacy/decode.ts (`MixedLines`: each line's bytes checked whole, by Node's UTF-8 check and a
 * regular expression of the Chinese ranges), on sheets of lines of every kind: ASCII, UTF-8 Chinese,
 * GBK, other UTF-8, control characters, byte order marks, characters cut short and random bytes. A
 * sheet judged whole (countLines) and a GBK sheet turned into UTF-8 in pieces of any size (GbkToUtf8)
 * must count the same lines, name the same first line and the same byte.
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GbkToUtf8 } from '../src/io/gbk.js';
import { countLines, isMixed, type LineKinds } from '../src/io/mixed-encoding.js';
import { MixedLines } from './legacy/decode.js';

const hex = (s: string) => Buffer.from(s.replace(/ /g, ''), 'hex');

/** Pieces a line is made of. */
const pieces: Buffer[] = [
  Buffer.from('S001'),
  Buffer.from(','),
  Buffer.from('18.5'),
  Buffer.from(' \t'),
  Buffer.from('\r'),
  Buffer.from('\x01'),
  Buffer.from('\x7f'),
  Buffer.from('张伟', 'utf8'),
  Buffer.from('１号楼，', 'utf8'),
  Buffer.from('—“”', 'utf8'),
  Buffer.from('é', 'utf8'),
  Buffer.from('😀', 'utf8'),
  Buffer.from('\ufeff', 'utf8'),
  hex('d5c5 ceb0'), // 张伟 in GBK
  hex('b9a4 bac5'), // 工号 in GBK
  hex('c2a5'), // 楼 in GBK, and ¥ in UTF-8
  hex('8139 ef30'), // a four-byte GB18030 character
  hex('80'), // the euro sign in GBK; alone, not UTF-8
  hex('e4b8'), // a UTF-8 character cut short
  hex('e080 80'), // an overlong UTF-8 sequence
];

const line = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.uint8Array({ minLength: 1, maxLength: 4 }).map((a) => Buffer.from(a.map((b) => (b === 10 ? 32 : b))))), { maxLength: 8 });
const sheet = fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean()).map(([lines, lastLf]) => {
  const parts: Buffer[] = [];
  lines.forEach((l, i) => {
    parts.push(...l);
    if (i < lines.length - 1 || lastLf) parts.push(Buffer.from('\n'));
  });
  return new Uint8Array(Buffer.concat(parts));
});

function lineAt(buf: Uint8Array, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 10) n++;
  return n;
}

/** What the oracle says: the counts, the first line of each kind, the byte where the first bad line stops being UTF-8. */
function oracle(buf: Uint8Array): { valid: number; mixed: boolean; firstValid: number; mixedLine: number; mixedByte: number } {
  const m = new MixedLines();
  m.push(buf);
  const first = m.end();
  return { valid: m.utf8Lines, mixed: first >= 0, firstValid: m.firstUtf8 < 0 ? -1 : lineAt(buf, m.firstUtf8), mixedLine: first < 0 ? -1 : lineAt(buf, first), mixedByte: first < 0 ? 0 : buf[first]! };
}

function said(k: LineKinds): ReturnType<typeof oracle> {
  return { valid: k.valid, mixed: k.mixed, firstValid: k.firstValidLine, mixedLine: k.mixed ? k.firstInvalidLine : -1, mixedByte: k.mixed ? k.firstInvalidByte : 0 };
}

describe('the mixed-encoding count (mixed-encoding.ts)', () => {
  it('a sheet judged whole counts as the oracle does', () => {
    fc.assert(
      fc.property(sheet, (buf) => {
        expect(said(countLines(buf))).toEqual(oracle(buf));
      }),
      { numRuns: 2000 },
    );
  });

  it('a GBK sheet turned into UTF-8 in pieces of any size counts the same lines as the sheet judged whole', () => {
    fc.assert(
      fc.property(sheet, fc.integer({ min: 1, max: 64 }), (buf, size) => {
        const g = new GbkToUtf8();
        for (let i = 0; i < buf.length && g.badLine < 0; i += size) g.push(buf.subarray(i, i + size));
        // Bytes that are not GB18030 end a GBK reading (neither encoding): no count is asked of it.
        if (g.badLine < 0) g.end();
        fc.pre(g.badLine < 0);
        expect(said(g.lines)).toEqual(said(countLines(buf)));
        expect([g.lines.invalid, g.lines.firstInvalidLine]).toEqual([countLines(buf).invalid, countLines(buf).firstInvalidLine]);
      }),
      { numRuns: 2000 },
    );
  });

  it('the verdict: some lines not UTF-8 and at least as many UTF-8 Chinese ones', () => {
    expect([isMixed(0, 0), isMixed(1, 0), isMixed(0, 1), isMixed(1, 1), isMixed(2, 1), isMixed(1, 2)]).toEqual([false, false, false, true, true, false]);
    // Two UTF-8 Chinese lines and a GBK one: mixed, at line 3, where the GBK bytes start.
    const k = countLines(new Uint8Array(Buffer.concat([Buffer.from('S001,张伟\nS002,李娜\nS003,', 'utf8'), hex('d5c5 ceb0'), Buffer.from('\n')])));
    expect([k.valid, k.invalid, k.mixed, k.firstInvalidLine, k.firstInvalidByte, k.firstValidLine]).toEqual([2, 1, true, 3, 0xd5, 1]);
  });
});
