// Issue 12's two text functions, table by table: printable() (every table, Markdown text and message
// shows control and invisible format characters as \u001b, \u{e0001} above U+FFFF) and textKey() (the
// key that makes two spellings of a staff id, rater, name or post one), and textKey against the test
// oracle's own identityKey (test/legacy/cells.ts) on random text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textKey } from '../src/core/cells.js';
import { printable } from '../src/render/format.js';
import { identityKey } from './legacy/cells.js';

describe('printable', () => {
  it.each([
    ['张伟', '张伟'],
    ['Ｓ００１ 𠀀 é e\u0301', 'Ｓ００１ 𠀀 é e\u0301'],
    ['a\u001b[2Jb', 'a\\u001b[2Jb'],
    ['\u0000', '\\u0000'],
    ['a\tb', 'a\\u0009b'],
    ['line\nbreak\r', 'line\\u000abreak\\u000d'],
    ['\u007f\u0080\u0085\u009f', '\\u007f\\u0080\\u0085\\u009f'],
    ['\u00a0', '\u00a0'],
    ['\u200bS001', '\\u200bS001'],
    ['S001\u2060\ufeff', 'S001\\u2060\\ufeff'],
    ['abc\u202edef', 'abc\\u202edef'],
    ['\u200e\u200f\u2066\u2069\u00ad', '\\u200e\\u200f\\u2066\\u2069\\u00ad'],
    ['tag\u{e0001}', 'tag\\u{e0001}'],
  ])('%j is shown as %j', (text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it('leaves nothing that acts: what it gives is printable again as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const p = printable(s);
        // eslint-disable-next-line no-control-regex -- control characters are what it finds
        expect(/[\u0000-\u001f\u007f-\u009f\p{Cf}]/u.test(p)).toBe(false);
        expect(printable(p)).toBe(p);
      }),
      { numRuns: 500 },
    );
  });
});

describe('textKey: two spellings, one key', () => {
  it.each([
    ['S001', 'S001'],
    ['\u200bS001', 'S001'],
    ['S001\u200b', 'S001'],
    ['\u2060S001\ufeff', 'S001'],
    ['\u200eS001\u202c', 'S001'],
    ['Ｓ００１', 'S001'],
    ['S００1', 'S001'],
    ['E\u0301001', '\u00c9001'],
    ['\u00c9001', '\u00c9001'],
    ['工０１', '工01'],
    ['张伟\u200b', '张伟'],
    ['\u200b', ''],
    ['\u2060\u200b', ''],
    ['s001', 's001'],
  ])('%j has the key %j', (text, key) => {
    expect(textKey(text)).toBe(key);
  });

  it('is the oracle\'s key on random text of letters, digits, blanks, full-width forms, accents and format characters', () => {
    const chars = fc.constantFrom('S', 's', '0', '1', ' ', '\u3000', '\u00a0', 'Ｓ', '０', 'é', 'e', '\u0301', '张', '伟', '𠀀', '\u200b', '\u2060', '\ufeff', '\u202e', '\u200e', '\u00ad', '\t');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 10 }), (parts) => {
        const text = parts.join('').trim();
        expect(textKey(text)).toBe(identityKey(text));
      }),
      { numRuns: 2000 },
    );
  });
});
