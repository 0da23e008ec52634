import { describe, expect, it } from 'vitest';
import { GbkToUtf8 } from '../src/io/gbk.js';

/** The UTF-8 text of `bytes` pushed in pieces of `size` bytes, and the mixed-encoding counts. */
function convert(bytes: Uint8Array, size: number): { text: string; valid: number; invalid: number; firstInvalidLine: number } {
  const g = new GbkToUtf8();
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Buffer.from(g.push(bytes.subarray(i, i + size))));
  parts.push(Buffer.from(g.end()));
  return { text: Buffer.concat(parts).toString('utf8'), valid: g.lines.valid, invalid: g.lines.invalid, firstInvalidLine: g.lines.firstInvalidLine };
}

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));

describe('GBK turned into UTF-8 as it is read (gbk.ts)', () => {
  // 工号,姓名 / S001,张伟,1号楼,15.5 in GBK, CRLF, and a control character inside a line.
  const sheet = Buffer.concat([hex('b9a4 bac5 2c d0d5 c3fb 0d0a'), Buffer.from('S001,'), hex('d5c5 ceb0'), Buffer.from(',1'), hex('bac5 c2a5'), Buffer.from(',15.5\t,x\x7fy\r\n')]);

  it('gives what the platform decoder gives, pushed whole or in pieces of any size', () => {
    const expected = new TextDecoder('gb18030').decode(sheet);
    expect(expected).toContain('张伟');
    for (let size = 1; size <= sheet.length; size++) expect(convert(sheet, size).text, `pieces of ${size}`).toBe(expected);
  });

  it('counts a GBK line as not UTF-8 (the mixed-encoding rule), in pieces of any size', () => {
    for (let size = 1; size <= sheet.length; size++) {
      const c = convert(sheet, size);
      expect([c.valid, c.invalid, c.firstInvalidLine], `pieces of ${size}`).toEqual([0, 2, 1]);
    }
  });

  it('counts a pasted UTF-8 Chinese line, ASCII around it, as UTF-8', () => {
    const line = Buffer.from('S001,学生甲,1号楼\n', 'utf8');
    for (let size = 1; size <= line.length; size++) expect(convert(line, size).valid, `pieces of ${size}`).toBe(1);
  });

  it('ASCII inside what began as a UTF-8 character ends the line being UTF-8, though the bytes after it would complete the character', () => {
    // E4 B8 is the start of a three-byte UTF-8 character (and a GBK pair); "A" breaks it; B8 41 is a
    // GBK pair whose first byte would complete the UTF-8 character were "A" skipped.
    const line = hex('e4b8 41 b841 0a');
    for (let size = 1; size <= line.length; size++) {
      const c = convert(line, size);
      expect([c.valid, c.invalid], `pieces of ${size}`).toEqual([0, 1]);
    }
  });
});
