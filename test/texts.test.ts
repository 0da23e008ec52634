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

describe('keys kept in their slot (texts.ts TextTable: keys of 7 bytes or fewer in the hash table itself)', () => {
  it('one number for the same bytes and another for any other bytes: short and long keys, prefixes, bytes 0 and above 0x7f, through growth', () => {
    // Keys from a few bytes, so that many share their first bytes or are prefixes of each other
    // (12 and 1212, A and A followed by byte 0); lengths 1-10 on both sides of the 7 kept in a slot;
    // thousands of them, so that the table grows from 512 slots several times (every key placed again
    // from its slot: a short key's hash made again from its bytes there).
    const byte = fc.constantFrom(0x00, 0x31, 0x32, 0x41, 0x7f, 0x80, 0xe5, 0xff);
    const key = fc.array(byte, { minLength: 1, maxLength: 10 }).map((b) => Uint8Array.from(b));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4000, size: 'max' }), (keys) => {
        const table = new TextTable();
        const want = new Map<string, number>();
        const buf = new Uint8Array(keys.reduce((n, k) => n + k.length + 2, 24));
        let at = 0;
        for (const k of [...keys, ...keys.slice().reverse()]) {
          // Each key between other bytes in one buffer, as cells lie in a sheet's chunk.
          buf[at] = 0x2c;
          buf.set(k, at + 1);
          const got = table.intern(buf, at + 1, at + 1 + k.length);
          const hex = Buffer.from(k).toString('hex');
          if (!want.has(hex)) want.set(hex, want.size);
          expect(got).toBe(want.get(hex));
          at = (at + k.length + 2) % (buf.length - 12);
        }
        expect(table.count).toBe(want.size);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('finds every staff id of 7 bytes again after the table has grown to hold 200,000', () => {
    const table = new TextTable();
    const n = 200_000;
    const ids = new Uint8Array(Buffer.from(Array.from({ length: n }, (_, i) => `S${String(i).padStart(6, '0')}`).join(''), 'latin1'));
    for (let i = 0; i < n; i++) expect(table.intern(ids, i * 7, i * 7 + 7)).toBe(i);
    // In an order the table's try of the next text never finds: every id through the hash table.
    for (let k = 0; k < n; k++) {
      const i = (k * 7919) % n;
      if (table.intern(ids, i * 7, i * 7 + 7) !== i) expect.fail(`S${String(i).padStart(6, '0')} got another number`);
    }
    expect(table.count).toBe(n);
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
