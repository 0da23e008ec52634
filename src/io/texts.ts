/**
 * The texts a reading meets (staff ids, raters, names, posts), each kept once and known by a number:
 * the same text in any row of any sheet is the same number, so the tally compares numbers, never
 * strings. A text is found by its key's UTF-8 bytes in a hash table of its own (a staff id read from
 * a row makes no string); the key is the trimmed text, normalised (core/cells.ts `textKey`), and the
 * text shown is the first spelling seen.
 */
import { Buffer } from 'node:buffer';
import { textKey } from '../core/cells.js';
import type { TextKind, TextLookup } from '../core/tally.js';

/** FNV-1a over bytes. */
export function hashBytes(buf: Uint8Array, s: number, e: number, seed = 0x811c9dc5): number {
  let h = seed;
  for (let j = s; j < e; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
  return h;
}

/** Numbers a slot of a TextTable's hash table: the text's number + 1, and its key as two numbers (TextTable.pack). */
const SLOT = 3;
/** Keys of up to this many bytes (a staff id such as S000123, a two-character name) are kept in their slot. */
const SHORT_KEY = 7;

/** hashBytes of a short key as TextTable.pack keeps it (its length in k1's top byte): the same number, from the two numbers alone. */
function hashPacked(k0: number, k1: number): number {
  const n = k1 >>> 24;
  let h = 0x811c9dc5;
  for (let j = 0; j < n; j++) h = Math.imul(h ^ (j < 4 ? (k0 >>> (8 * j)) & 0xff : (k1 >>> (8 * (j - 4))) & 0xff), 0x01000193);
  return h;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/**
 * A table's try of the text after the last one (TextTable.after): judged every GUESS_WINDOW misses;
 * where it found fewer than a quarter as many, it is not tried for the next GUESS_PAUSE lookups.
 */
const GUESS_WINDOW = 1024;
const GUESS_PAUSE = 1 << 16;

/** One kind of text. */
export class TextTable {
  count = 0;
  /** Keys' bytes, one after another: text i is keys[ends[i - 1] (or 0), ends[i]). */
  private keyBuffer = Buffer.allocUnsafe(1 << 14);
  private keys = new Uint8Array(this.keyBuffer.buffer, this.keyBuffer.byteOffset, this.keyBuffer.length);
  private keyLength = 0;
  private ends = new Int32Array(256);
  /**
   * Open addressing, SLOT numbers a slot, side by side: the text's number + 1 (0: empty), then its key
   * as two numbers (see pack): a short key's bytes themselves, so that finding it reads nothing else;
   * a longer key's hash, its bytes then compared in `keys`.
   */
  private table = new Int32Array(512 * SLOT);
  /** The number of slots less one (a power of two less one). */
  private mask = 511;
  /** A key as pack() put it. */
  private key0 = 0;
  private key1 = 0;
  /** The text shown, where it is not the key's bytes as they are (a first spelling with other characters). */
  private readonly shown = new Map<number, string>();
  /** Whether some key has a byte that is not ASCII; otherwise every key is read as one Latin-1 string. */
  private nonAscii = false;
  private all = '';

  private start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]!;
  }

  // The text found or added last; the tries of the one after it that found and missed, lately; and
  // lookups left before it is tried again (see `after`).
  private last = -1;
  private guessHits = 0;
  private guessMisses = 0;
  private guessPause = 0;

  /**
   * The text after the one found or added last, if its key is buf[s, e); else -1. Tried before the
   * hash: a sheet that lists people in the order another sheet did (a folder of one sheet per rater,
   * each staff id and each name's spelling met once a sheet) finds every one there, next in memory.
   * Where that rarely finds it (texts in any order), it is left alone for a while: a try that misses
   * costs a look at memory far away.
   */
  private after(buf: Uint8Array, s: number, e: number): number {
    if (this.guessPause > 0) {
      this.guessPause--;
      return -1;
    }
    const next = this.last + 1;
    if (next <= 0 || next >= this.count) return -1;
    if (this.is(next, buf, s, e)) {
      this.guessHits++;
      return next;
    }
    if (++this.guessMisses === GUESS_WINDOW) {
      if (this.guessHits * 4 < GUESS_WINDOW) this.guessPause = GUESS_PAUSE;
      this.guessHits = this.guessMisses = 0;
    }
    return -1;
  }

  /** Whether text i's key is buf[s, e) (i one of this table's numbers). */
  private is(i: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.start(i);
    if (this.ends[i]! - a !== e - s) return false;
    const keys = this.keys;
    for (let k = 0; k < e - s; k++) if (keys[a + k] !== buf[s + k]) return false;
    return true;
  }

  /**
   * The two numbers a key buf[s, e) with hash h is kept as in its slot (key0, key1): a key of at most
   * SHORT_KEY bytes as its bytes (0-3, then 4-6) with its length in the top byte; a longer one as its
   * hash and 0 (no short key has length 0: a blank text is never numbered).
   */
  private pack(buf: Uint8Array, s: number, e: number, h: number): void {
    const n = e - s;
    if (n > SHORT_KEY) {
      this.key0 = h;
      this.key1 = 0;
      return;
    }
    let k0 = 0;
    let k1 = n << 24;
    for (let k = 0; k < n; k++) {
      const b = buf[s + k]!;
      if (k < 4) k0 |= b << (8 * k);
      else k1 |= b << (8 * (k - 4));
    }
    this.key0 = k0;
    this.key1 = k1;
  }

  /** The number of the text with key buf[s, e), added (shown as `shown`, else as the key) if new. */
  intern(buf: Uint8Array, s: number, e: number, shown: string | null = null): number {
    const guessed = this.after(buf, s, e);
    if (guessed >= 0) return (this.last = guessed);
    const h = hashBytes(buf, s, e);
    this.pack(buf, s, e, h);
    const k0 = this.key0;
    const k1 = this.key1;
    // A short key's two numbers are its bytes (its length in the top byte, never 0): equal numbers, the same key.
    const short = k1 !== 0;
    const table = this.table;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const j = table[at]! - 1;
      if (j < 0) break;
      if (table[at + 1] === k0 && table[at + 2] === k1 && (short || this.is(j, buf, s, e))) return (this.last = j);
    }
    const i = this.count++;
    this.last = i;
    if (i >= this.ends.length) this.ends = grow(this.ends);
    const n = e - s;
    if (this.keyLength + n > this.keys.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.keys.length * 2, this.keyLength + n));
      bigger.set(this.keys.subarray(0, this.keyLength));
      this.keyBuffer = bigger;
      this.keys = new Uint8Array(bigger.buffer, bigger.byteOffset, bigger.length);
    }
    const keys = this.keys;
    for (let k = 0, at = this.keyLength; k < n; k++, at++) {
      const c = buf[s + k]!;
      keys[at] = c;
      if (c >= 0x80) this.nonAscii = true;
    }
    this.keyLength += n;
    this.ends[i] = this.keyLength;
    if (shown !== null) this.shown.set(i, shown);
    if (this.count * 2 > this.mask + 1) this.room(this.count);
    this.place(i, h, k0, k1);
    return i;
  }

  /**
   * Slots for `count` texts at most half full: twice as many (or more), every text placed again by its
   * hash, walking the old slots in order (a text's new slot is its old one's place in one half of the
   * new table, or near it: the writes go along the new table in order, not all over it): a longer
   * key's slot holds its hash; a short key's is made again from its bytes there (hashPacked), not
   * read from the keys.
   */
  private room(count: number): void {
    let slots = (this.mask + 1) * 2;
    while (count * 2 > slots) slots *= 2;
    const old = this.table;
    this.table = new Int32Array(slots * SLOT);
    this.mask = slots - 1;
    for (let at = 0; at < old.length; at += SLOT) {
      const i = old[at]! - 1;
      if (i < 0) continue;
      const k0 = old[at + 1]!;
      const k1 = old[at + 2]!;
      this.place(i, k1 === 0 ? k0 : hashPacked(k0, k1), k0, k1);
    }
  }

  /** Spellings met in cells (their raw bytes) -> the number of their text: a cell spelt as before is not decoded again. */
  private spellings: TextTable | null = null;
  private spellingId = new Int32Array(64);

  /**
   * The number of the text a cell's raw bytes buf[s, e) spell (-1: blank), `cells` giving the
   * trimmed text when these bytes were not met before. (An object, not a closure: a closure over s
   * and e would make the caller allocate its variables at every call, hit or not.)
   */
  internSpelling(buf: Uint8Array, s: number, e: number, cells: { trimmedText(s: number, e: number): string }): number {
    const spellings = (this.spellings ??= new TextTable());
    const known = spellings.count;
    const at = spellings.intern(buf, s, e);
    if (at < known) return this.spellingId[at]!;
    const t = cells.trimmedText(s, e);
    const id = t === '' ? -1 : this.internText(t);
    if (at >= this.spellingId.length) this.spellingId = grow(this.spellingId);
    this.spellingId[at] = id;
    return id;
  }

  /** The number of a text given as a string (trimmed), added if new (-1: nothing left of it, only invisible characters). */
  internText(text: string): number {
    const key = textKey(text);
    if (key === '') return -1;
    if (scratch.length < key.length * 3) scratch = new Uint8Array(key.length * 3);
    const n = encoder.encodeInto(key, scratch).written;
    return this.intern(scratch, 0, n, key === text ? null : text);
  }

  private place(i: number, h: number, k0: number, k1: number): void {
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    while (table[slot * SLOT] !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT;
    table[at] = i + 1;
    table[at + 1] = k0;
    table[at + 2] = k1;
  }

  /**
   * Texts made so far, by number: each is made once, however many people bear the name or however
   * many semesters score the staff id (a year's two results of a person share one id string). Kept
   * packed (filled up to the count before a text is put at its place), never a sparse array.
   */
  private readonly decoded: (string | undefined)[] = [];

  /** Text i as shown. */
  text(i: number): string {
    const decoded = this.decoded;
    const done = i < decoded.length ? decoded[i] : undefined;
    if (done !== undefined) return done;
    const t = this.passing(i);
    while (decoded.length < this.count) decoded.push(undefined);
    decoded[i] = t;
    return t;
  }

  /** Text i as shown, made and not kept unless it was already (see TextLookup.passing). */
  passing(i: number): string {
    const done = i < this.decoded.length ? this.decoded[i] : undefined;
    if (done !== undefined) return done;
    const shown = this.shown.get(i);
    if (shown !== undefined) return shown;
    const a = this.start(i);
    const e = this.ends[i]!;
    if (this.nonAscii) return this.keyBuffer.toString('utf8', a, e);
    // All ASCII: one string for every key, and a slice of it per text.
    if (this.all.length !== this.keyLength) this.all = this.keyBuffer.toString('latin1', 0, this.keyLength);
    return this.all.slice(a, e);
  }

  /** Text i's key bytes (valid until the next intern). */
  key(i: number): Uint8Array {
    return this.keys.subarray(this.start(i), this.ends[i]);
  }

  /** Texts from `from` on, for another table to take in (a reader thread's new texts). */
  export(from: number): { keys: Uint8Array; ends: Int32Array; shown: [number, string][] } {
    const base = this.start(from);
    const ends = this.ends.slice(from, this.count);
    for (let i = 0; i < ends.length; i++) ends[i] = ends[i]! - base;
    const shown: [number, string][] = [];
    for (const [i, s] of this.shown) if (i >= from) shown.push([i - from, s]);
    return { keys: this.keys.slice(base, this.keyLength), ends, shown };
  }

  /**
   * Takes in another table's texts (see export): their numbers here, in order. The table grows as
   * texts new here come, not for all of them at once: a reader thread's part of rows in any order,
   * or of a year's other semester, holds mostly the staff ids this table has already, and making room
   * for twice as many placed every id again into a table twice as large (26 ms of a 1M shuffled
   * sheet's merge, 14 ms of a year's).
   */
  take(t: { keys: Uint8Array; ends: Int32Array; shown: [number, string][] }): Int32Array {
    const shown = new Map(t.shown);
    const out = new Int32Array(t.ends.length);
    for (let i = 0; i < t.ends.length; i++) {
      const s = i === 0 ? 0 : t.ends[i - 1]!;
      out[i] = this.intern(t.keys, s, t.ends[i]!, shown.get(i) ?? null);
    }
    return out;
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The four kinds of text of one reading. */
export class Texts implements TextLookup {
  readonly tables: TextTable[] = [new TextTable(), new TextTable(), new TextTable(), new TextTable()];

  text(kind: TextKind, id: number): string {
    return this.tables[kind]!.text(id);
  }

  passing(kind: TextKind, id: number): string {
    return this.tables[kind]!.passing(id);
  }
}
