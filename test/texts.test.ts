/**
 * The texts of a reading (src/io/texts.ts): a cell's spelling (its raw bytes, blanks and all), or a
 * staff id's bytes, give the number of its text, whatever order they come in: the order of a sheet
 * before (a folder of one sheet per rater, where the table tries the text after the last one first),
 * any other order, or the one order after a long run of others (when that try has been left alone
 * for a while).
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextTable } from '../src/io/texts.js';

/** Every spelling looked up in turn: the number internSpelling gives, against internText of its trimmed text (-1: blank). */
function lookUp(table: TextTable, spellings: string[]): { got: number[]; want: number[] } {
  const got: number[] = [];
  const want: number[] = [];
  for (const spelling of spellings) {
    const buf = new Uint8Array(Buffer.from(`,${spelling},`, 'utf8'));
    const cells = { trimmedText: (s: number, e: number) => Buffer.from(buf.subarray(s, e)).toString('utf8').trim() };
    got.push(table.internSpelling(buf, 1, buf.length - 1, cells));
    const t = spelling.trim();
    want.push(t === '' ? -1 : table.internText(t));
  }
  return { got, want };
}

const names = Array.from({ length: 3000 }, (_, i) => `${'王李张刘陈'[i % 5]}${'伟芳娜敏静'[Math.floor(i / 5) % 5]}${String.fromCharCode(0x4e00 + i)}`);

describe('the texts of a reading (texts.ts TextTable: intern, internSpelling)', () => {
  it('gives a spelling its text, spellings in the order met before, in another, and in that order again after a long run of others', () => {
    const table = new TextTable();
    const shuffled = [...names].sort((a, b) => a.charCodeAt(2) * 7919 % 3001 - b.charCodeAt(2) * 7919 % 3001);
    for (const order of [names, names, shuffled, [...names].reverse(), names, names]) {
      const { got, want } = lookUp(table, order);
      expect(got).toEqual(want);
    }
    expect(table.count).toBe(names.length);
  });

  it('one text however it is spelt: blanks around it, a full-width space, nothing but blanks', () => {
    const table = new TextTable();
    const { got, want } = lookUp(table, ['张伟', ' 张伟', '张伟\u3000', '张伟', '  ', '李娜', '张伟', '李娜 ', '']);
    expect(got).toEqual(want);
    expect(got).toEqual([0, 0, 0, 0, -1, 1, 0, 1, -1]);
  });

  it('agrees with internText on any list of spellings, in any order', () => {
    const spelling = fc.tuple(fc.constantFrom('', ' ', '\u3000'), fc.constantFrom(...names.slice(0, 40), '张伟', 'A1'), fc.constantFrom('', ' ', '\t'));
    fc.assert(
      fc.property(fc.array(spelling.map(([a, b, c]) => a + b + c), { maxLength: 3000 }), (list) => {
        const { got, want } = lookUp(new TextTable(), list);
        expect(got).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });

  it('gives a staff id its number by its bytes, ids in the order met, in another, and in that order again', () => {
    const table = new TextTable();
    const ids = Array.from({ length: 5000 }, (_, i) => `S${String(i + 1).padStart(6, '0')}`);
    const scrambled = [...ids].sort((a, b) => (Number(a.slice(1)) * 7919) % 5003 - (Number(b.slice(1)) * 7919) % 5003);
    const want = new Map(ids.map((id, i) => [id, i]));
    for (const order of [ids, ids, scrambled, ids, [...ids].reverse(), ids]) {
      const buf = new Uint8Array(Buffer.from(order.join(''), 'latin1'));
      const got = order.map((_, k) => table.intern(buf, k * 7, k * 7 + 7));
      expect(got).toEqual(order.map((id) => want.get(id)));
    }
    expect(table.count).toBe(ids.length);
  });
});

describe('another table taken in (texts.ts TextTable: export, take)', () => {
  it('gives each text taken its number here: the one it had for a text met here, the next ones for new texts, in order', () => {
    fc.assert(
      // Sizes up to the thousands (not fast-check's small arrays): the table grows from 512 slots as texts come.
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 3000, size: 'max' }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 6000, size: 'max' }), (here, there) => {
        const id = (k: number) => `S${String(k).padStart(5, '0')}${k % 7 === 0 ? '张' : ''}`;
        const table = new TextTable();
        for (const k of here) table.internText(id(k));
        const other = new TextTable();
        for (const k of there) other.internText(id(k));
        const got = table.take(other.export(0));
        // The reference: a text's number is the order it was first met in, here's texts, then the other's.
        const numbers = new Map<string, number>();
        for (const k of [...here, ...there]) if (!numbers.has(id(k))) numbers.set(id(k), numbers.size);
        const theirs = [...new Set(there.map(id))];
        expect([...got]).toEqual(theirs.map((t) => numbers.get(t)));
        expect(table.count).toBe(numbers.size);
        for (const [t, i] of numbers) expect(table.text(i)).toBe(t);
        // Each is found again by its bytes after the taking (the table grew as they came).
        for (const [t, i] of numbers) expect(table.internText(t)).toBe(i);
        expect(table.count).toBe(numbers.size);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});
