/**
 * CSV for every report the tool writes: RFC 4180, CRLF line ends (what Excel writes), a cell
 * quoted when it holds a comma, quote or line end, quotes doubled. The same bytes as csv-stringify
 * with `record_delimiter: 'windows', quoted_match: /[\r\n]/` (a property test holds it to that; without
 * quoted_match, csv-stringify leaves a lone LF inside a cell unquoted, which splits the row in
 * Excel). Our own, and written straight into UTF-8 bytes: a report of 200,000 staff took
 * csv-stringify 1.3 s, strings joined line by line about 0.5 s, and these bytes about 0.1 s. Text
 * cells are formula-neutralized by the renderers, which know which cells are text.
 */
import type { Rational } from '../core/rational.js';
import { POW10 } from '../core/rounding.js';
import { putUtf8 } from '../io/utf8.js';

/** One cell as CSV text: quoted when it holds a comma, quote or line end. */
export function csvCell(v: string | number): string {
  if (typeof v === 'number') return String(v);
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${v.replace(/"/g, '""')}"`;
  }
  return v;
}

const PIECE = 1 << 20;
/** CsvBytes.spare when there is none. */
const NO_SPARE = Buffer.alloc(0);

/**
 * The digits of a non-negative whole number `v`, padded with zeros to `width`, written at u8[at]
 * without making a string; returns the offset after them. The caller makes room (22 bytes, or
 * `width`). CSV numbers and the line and column of problem lines are written with it.
 */
export function putDigits(u8: Uint8Array, at: number, v: number, width = 0): number {
  if (v < 0x7fffffff) {
    // Small integers (nearly all): integer division, not floating point.
    let n = 1;
    for (let x = v; x >= 10; x = (x / 10) | 0) n++;
    if (n < width) n = width;
    let p = at + n - 1;
    for (let i = 0, x = v | 0; i < n; i++, x = (x / 10) | 0) u8[p--] = 48 + (x % 10);
    return at + n;
  }
  let n = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) n++;
  if (n < width) n = width;
  let p = at + n - 1;
  for (let i = 0; i < n; i++) {
    u8[p--] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return at + n;
}

/** Values below this are written once and copied after (CsvBytes.scaled): at most "16383" and a point. */
const CACHED = 1 << 14;
const CACHED_WIDTH = 8;
/**
 * Small scaled numbers as written, by places and trimming (see CsvBytes.scaled): the same bytes for
 * every writer, so one cache for all (a batch writes a thousand reports; a cache each was 150 KB
 * made and dropped a report).
 */
const scaledCache: ({ bytes: Uint8Array; lengths: Uint8Array } | undefined)[] = [];

/** q / 10^places written at u8[at] as CsvBytes.scaled describes it; returns the offset after it (the caller makes 24 bytes of room). */
function putScaled(u8: Uint8Array, at: number, q: number, places: number, trim: boolean): number {
  const scale = POW10[places]!;
  const int = Math.floor(q / scale);
  let frac = q - int * scale;
  let p = putDigits(u8, at, int);
  if (places === 0 || (trim && frac === 0)) return p;
  let width = places;
  if (trim) {
    while (frac % 10 === 0) {
      frac /= 10;
      width--;
    }
  }
  u8[p++] = 46;
  return putDigits(u8, p, frac, width);
}

/**
 * A table being written, cell by cell, into UTF-8 bytes in pieces of about 1 MB. Numbers are
 * written digit by digit (no number-to-string conversion), text character by character; a cell to
 * quote by Buffer's UTF-8 encoder.
 *
 * With `reuse`, a piece handed over (take) is written over once the writer goes on: for a caller
 * that writes each piece before it asks for the next (the commands, to a file or standard output),
 * never for one that keeps them. Without it, a report of 200,000 people left a dead 1 MB buffer a
 * piece, which V8 frees only when it collects: 14 MB more at the end of the 3M sheet's run.
 */
export class CsvBytes {
  /**
   * The piece being written: none until the first bytes (room makes it). So the fields that change
   * at each new piece have changed once before any loop that writes runs hot: V8 compiles such a
   * loop with a field that never changed taken as a constant, and threw the loop away when the
   * first piece was full (a report of 200,000 rows wrote its first 26,000 uncompiled).
   */
  private buf: Buffer<ArrayBuffer> = NO_SPARE;
  private u8 = new Uint8Array(0);
  private pos = 0;
  /** At the start of a record: the next cell needs no comma before it. */
  private fresh = true;
  /**
   * Full pieces not yet taken. Made as an array of objects from the start (an empty [] is an array
   * of small integers, whose kind, and with it what V8 compiled the writing loops for, changed when
   * the first piece was pushed).
   */
  private readonly parts: Uint8Array[] = [NO_SPARE].slice(1);
  /**
   * With reuse: the buffer of the last piece taken, free once the writer goes on (else an empty one:
   * never null, so that the field's type stays one and V8 keeps the loops that write compiled).
   */
  private spare: Buffer<ArrayBuffer> = NO_SPARE;
  /** Pieces begun so far, and where `mark` was set (piece and offset): for `sinceMark`. */
  private pieces = 0;
  private markPiece = -1;
  private markPos = 0;

  constructor(
    bom: boolean,
    private readonly reuse = false,
  ) {
    if (bom) this.raw('\uFEFF');
  }

  /** Room for `n` more bytes. */
  private room(n: number): void {
    if (this.pos + n <= this.u8.length) return;
    if (this.pos > 0) this.parts.push(this.u8.subarray(0, this.pos));
    const size = Math.max(PIECE, n);
    const spare = this.spare;
    this.spare = NO_SPARE;
    this.buf = spare.length >= size ? spare : Buffer.allocUnsafe(size);
    this.u8 = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    this.pos = 0;
    this.pieces++;
  }

  /** Any text, as it is (already CSV). */
  raw(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** The comma before a cell, unless it is the record's first. */
  private sep(): void {
    if (this.fresh) this.fresh = false;
    else {
      this.room(1);
      this.u8[this.pos++] = 44;
    }
  }

  /** An empty cell. */
  empty(): void {
    this.sep();
  }

  /**
   * A text cell, quoted if it needs to be. Encoded to UTF-8 here, as Buffer's encoder does it (a lone
   * surrogate as U+FFFD): a name is a few characters, and a call into Buffer's encoder for each of
   * 200,000 names cost more than the encoding.
   */
  text(s: string): void {
    this.sep();
    const n = s.length;
    this.room(n * 3);
    const u8 = this.u8;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c === 44 || c === 34 || c === 10 || c === 13) {
          this.raw(csvCell(s));
          return;
        }
        u8[p++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        // A surrogate pair is one code point above U+FFFF (four bytes: room enough, two units had six).
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      }
      p = putUtf8(u8, p, c);
    }
    this.pos = p;
  }

  /** A number cell, as String(v) writes it. */
  number(v: number): void {
    this.sep();
    if (Number.isSafeInteger(v) && v >= 0) this.digits(v, 0);
    else this.raw(String(v));
  }

  /** A number cell, or an empty one for null (an amount the policy leaves unset). */
  numberOrEmpty(v: number | null): void {
    if (v === null) this.empty();
    else this.number(v);
  }

  /**
   * The number q / 10^places (q a non-negative safe integer, places 0-6): with exactly `places`
   * decimals ("90.0"), or with trailing zeros dropped as String() drops them ("18.5", "19"). Small
   * values (every method's points and every total of a report) are copied from the bytes of their
   * first writing: a report of 200,000 people writes six such cells a row, few of them different.
   */
  scaled(q: number, places: number, trim: boolean): void {
    this.sep();
    this.room(24);
    if (!(q >= 0 && q < CACHED && (q | 0) === q)) {
      this.pos = putScaled(this.u8, this.pos, q, places, trim);
      return;
    }
    const c = (scaledCache[places * 2 + (trim ? 1 : 0)] ??= { bytes: new Uint8Array(CACHED * CACHED_WIDTH), lengths: new Uint8Array(CACHED) });
    const at = q * CACHED_WIDTH;
    let n = c.lengths[q]!;
    if (n === 0) c.lengths[q] = n = putScaled(c.bytes, at, q, places, trim) - at;
    const u8 = this.u8;
    const bytes = c.bytes;
    const p = this.pos;
    for (let i = 0; i < n; i++) u8[p + i] = bytes[at + i]!;
    this.pos = p + n;
  }

  /** A rational with exactly `places` decimals, as its toFixed writes it (digit by digit where it can). */
  fixed(v: Rational, places: number): void {
    const q = v.roundScaledNumber(places);
    if (q !== null && q >= 0) this.scaled(q, places, false);
    else this.text(v.toFixed(places));
  }

  /** A non-negative integer's digits, padded with zeros to `width`. */
  private digits(v: number, width: number): void {
    this.room(24);
    this.pos = putDigits(this.u8, this.pos, v, width);
  }

  /** The end of a record. */
  end(): void {
    this.room(2);
    this.u8[this.pos++] = 13;
    this.u8[this.pos++] = 10;
    this.fresh = true;
  }

  /** Remembers where the writer is, for `sinceMark`. */
  mark(): void {
    this.markPiece = this.pieces;
    this.markPos = this.pos;
  }

  /**
   * A copy of the bytes written since `mark`, or null where they began a new piece (rare: a cell
   * that did not fit in the last one). For a run of cells that repeats from record to record
   * (`endWith`).
   */
  sinceMark(): Uint8Array | null {
    return this.markPiece === this.pieces ? this.u8.slice(this.markPos, this.pos) : null;
  }

  /**
   * A record's last cells and its end, as `sinceMark` copied them from an earlier record where they
   * were written after `mark` (the comma before them included): the same bytes, copied.
   */
  endWith(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const u8 = this.u8;
    const p = this.pos;
    for (let i = 0; i < n; i++) u8[p + i] = bytes[i]!;
    this.pos = p + n;
    this.fresh = true;
  }

  /** A whole record of text and number cells. */
  row(cells: readonly (string | number)[]): void {
    for (const c of cells) {
      if (typeof c === 'number') this.number(c);
      else this.text(c);
    }
    this.end();
  }

  /** Whether a piece is full: a writer that streams hands it over (take) at the end of the record. */
  get full(): boolean {
    return this.parts.length > 0;
  }

  /** The full pieces, handed over. */
  take(): Uint8Array[] {
    const parts = this.parts.splice(0);
    // A piece's buffer is its own (1 MB or more is never a slice of Node's small pool; room checks the length).
    if (this.reuse && parts.length > 0) this.spare = Buffer.from(parts[parts.length - 1]!.buffer as ArrayBuffer);
    return parts;
  }

  /** The bytes written, in pieces. */
  chunks(): Uint8Array[] {
    if (this.pos > 0) this.parts.push(this.u8.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(0);
    this.u8 = new Uint8Array(0);
    this.pos = 0;
    return this.parts;
  }
}

/**
 * Rows 0 to count - 1, each written by `row`, handed over a piece at a time as the pieces fill. The
 * loop runs in a plain function, not in this generator: V8 compiled a loop in a generator late and
 * threw it away often (a score CSV of 200,000 people wrote about a third of its rows uncompiled).
 */
export function* csvRows(out: CsvBytes, count: number, row: (at: number) => void): Generator<Uint8Array> {
  for (let at = 0; at < count; ) {
    at = rowsUntilFull(out, at, count, row);
    yield* out.take();
  }
}

/** Rows from `from` on until a piece is full or the rows end; returns the row after the last written. */
function rowsUntilFull(out: CsvBytes, from: number, count: number, row: (at: number) => void): number {
  let at = from;
  while (at < count) {
    row(at++);
    if (out.full) break;
  }
  return at;
}

/**
 * The last cells of rows (and the rows' end) where they follow from one key alone, shared by many
 * rows (a settled total, a year's decision): written by `write` for the first row of a key, copied
 * for the others. Their branches (a reward, a penalty, a date, first met far down a list) then stay
 * out of the loop that writes the rows, which V8 compiled again at each. At most `limit` keys kept;
 * past them every row's cells are written.
 */
export class RowEnds<K> {
  private readonly ends = new Map<K, Uint8Array>();

  constructor(
    private readonly out: CsvBytes,
    private readonly write: (key: K) => void,
    private readonly limit = 4096,
  ) {}

  /** The row's last cells for `key`, after the comma that ends the cell before them, and the row's end. */
  put(key: K): void {
    const out = this.out;
    const bytes = this.ends.get(key);
    if (bytes !== undefined) {
      out.endWith(bytes);
      return;
    }
    out.mark();
    this.write(key);
    const made = this.ends.size < this.limit ? out.sinceMark() : null;
    if (made !== null) this.ends.set(key, made);
  }
}

/** The whole table as text (made whole: no piece is handed over before the end, so none is taken). */
export function csvString(rows: Iterable<readonly (string | number)[]>, bom: boolean): string {
  const out = new CsvBytes(bom);
  for (const r of rows) out.row(r);
  return Buffer.concat(out.chunks()).toString('utf8');
}
