/**
 * The one CSV reader (RFC 4180), on UTF-8 bytes as they arrive in chunks: each record is handed on
 * as byte ranges of its cells, with the line it starts on, and never as strings (the row checks
 * decode only the cells they read). A line without quotes is read in place, in one pass over its
 * bytes; a record with quotes (cells spanning lines, doubled quotes) is put together in a buffer of
 * its own. Records that break the format (a quote inside an unquoted cell, text after a closing
 * quote, a quote never closed, a cell or row beyond the limits) are reported and not handed on.
 */
import { Buffer } from 'node:buffer';
import { BELOW_SPACE, EVERY_BYTE, HIGH_BITS } from './byte-words.js';

/** One record: cell i is buf[starts[i], ends[i]). Valid until the sink returns. */
export interface RecordView {
  buf: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  line: number;
}

export type MalformedKind = 'quote-inside' | 'text-after-quote' | 'unclosed-quote' | 'cell-too-long' | 'too-many-cells' | 'control-character';

export interface RecordSink {
  record(r: RecordView): void;
  /** A record that could not be read; `column` is the 1-based cell number; `code`, the control character's. */
  malformed(line: number, column: number, kind: MalformedKind, code?: number): void;
}

export const MAX_CELL_LENGTH = 100_000;
export const MAX_COLUMNS = 1_000;

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** The quote in each byte of a word (the four-byte skip of `push`). */
const QUOTES = Math.imul(QUOTE, EVERY_BYTE);

/**
 * The first control character in bytes [from, to) (C0 but tab, DEL, C1: a NUL, a terminal escape,
 * a line break inside quotes), as a code point; -1 for none. A sheet holds text only (SPEC "Input").
 */
function controlIn(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if ((c < 32 && c !== 9) || c === 0x7f) return c;
    if (c === 0xc2 && i + 1 < to && b[i + 1]! >= 0x80 && b[i + 1]! <= 0x9f) return b[i + 1]!;
  }
  return -1;
}

/** Whether UTF-8 bytes from `from` hold a C1 control character (C2 80 to C2 9F). */
function hasC1(b: Buffer, from: number): boolean {
  for (let i = b.indexOf(0xc2, from); i >= 0; i = b.indexOf(0xc2, i + 1)) {
    const next = b[i + 1];
    if (next !== undefined && next >= 0x80 && next <= 0x9f) return true;
  }
  return false;
}

/** UTF-16 units of UTF-8 bytes (what a cell's length is measured in). */
export function utf16Length(buf: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

export class RecordReader {
  /** The line the reader is on: after `end()`, one past the last line. */
  line: number;
  /** Lines that held no record at all (blank lines). */
  blankLines = 0;
  /** After `end()`: the line of a quote never closed, or null. */
  unclosedQuoteLine: number | null = null;

  private readonly delim: number;
  /** The delimiter in each byte of a word (the four-byte skip of `push`). */
  private readonly delims: number;
  /** Per byte, 1 where an unquoted cell ends or a line cannot be read in place: the delimiter, LF, CR, the quote, control characters but tab. */
  private readonly special = new Uint8Array(256);
  private readonly view: RecordView;
  // The record being put together in `rec` (slow path).
  private rec = new Uint8Array(4096);
  private recLen = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  // MAX_COLUMNS + 1 cells at most (the one past the limit is kept empty).
  private cells = 0;
  private cellStart = 0;
  /** The current cell's length in UTF-16 units, and whether it went over the limit. */
  private units = 0;
  private overflow = false;
  /** 0: start of a cell; 1: unquoted cell; 2: in quotes; 3: a quote inside quotes; 4: after the closing quote. */
  private state = 0;
  /** A record is being put together (a quote, a lone CR, a line cut by the chunk's end). */
  private open = false;
  private recordLine: number;
  private quoteLine: number;
  private skipLf = false;
  private quotedCr = false;
  private bad: { line: number; column: number; kind: MalformedKind; code: number } | null = null;

  constructor(
    private readonly sink: RecordSink,
    delimiter: number,
    firstLine = 1,
  ) {
    this.delim = delimiter;
    this.delims = Math.imul(delimiter, EVERY_BYTE);
    for (let c = 0; c < 32; c++) if (c !== 9) this.special[c] = 1;
    this.special[delimiter] = this.special[LF] = this.special[CR] = this.special[QUOTE] = 1;
    this.line = this.recordLine = this.quoteLine = firstLine;
    this.view = { buf: this.rec, starts: this.starts, ends: this.ends, count: 0, line: 0 };
  }

  /** Whether the reader stands between records (a cut there splits the file into whole records). */
  atRecordStart(): boolean {
    return !this.open && !this.skipLf && !this.quotedCr;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (chunk[0] === LF) i = 1;
      this.skipLf = false;
    }
    if (this.quotedCr && n > 0) {
      if (chunk[0] !== LF) this.line++;
      this.quotedCr = false;
    }
    // DEL or a C1 control character (U+0080-U+009F) anywhere: this chunk's lines are read the careful way.
    // (Searched through a Buffer of the same bytes: its indexOf is several times as fast as a Uint8Array's.)
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const careful = bytes.indexOf(0x7f, i) >= 0 || hasC1(bytes, i);
    if (this.open) i = this.slow(chunk, i);
    if (careful) {
      while (i < n) i = this.slow(chunk, i);
      return;
    }
    const delim = this.delim;
    const delims = this.delims;
    const words = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
    const special = this.special;
    const view = this.view;
    let starts = this.starts;
    let ends = this.ends;
    let room = Math.min(starts.length, MAX_COLUMNS);
    while (i < n) {
      // A line read in place: the cells and the line end in one pass over the bytes. Anything else
      // (a quote, a control character, a lone CR, a line the chunk cuts, too many cells or too long
      // a cell) is read from the line's start by the state machine.
      let p = i;
      let count = 0;
      let cell = i;
      let b = 0;
      let end = -1;
      for (;;) {
        // Four bytes at a time while none of them can be special: a word with no byte below 0x20 (the
        // control characters, tab among them, and the line ends), none equal to the quote and none
        // equal to the delimiter (byte-words.ts). In a word that holds one, the lowest byte flagged
        // is one: the reading goes straight to it, and the byte loop below looks at it (a tab, the
        // one control character that is not special, is passed there).
        while (p + 4 <= n) {
          const x = words.getInt32(p, true);
          const q = x ^ QUOTES;
          const d = x ^ delims;
          const m = (((x - BELOW_SPACE) & ~x) | ((q - EVERY_BYTE) & ~q) | ((d - EVERY_BYTE) & ~d)) & HIGH_BITS;
          if (m !== 0) {
            p += (31 - Math.clz32(m & -m)) >> 3;
            break;
          }
          p += 4;
        }
        // One look-up a byte: the delimiter, a line end, a quote and control characters (but tab) stop it.
        // (A table of the delimiter's special bytes: a chain of compares against the delimiter and
        // its neighbours, not constants to V8, read 1M grouped rows 10% slower: bench/layers.js split.)
        while (p < n && special[(b = chunk[p]!)] === 0) p++;
        if (p >= n || count >= room || p - cell > MAX_CELL_LENGTH) break;
        if (b === delim) {
          starts[count] = cell;
          ends[count++] = p;
          cell = ++p;
        } else {
          if (b === LF) end = p + 1;
          else if (b === CR && p + 1 < n && chunk[p + 1] === LF) end = p + 2;
          else break;
          starts[count] = cell;
          ends[count++] = p;
          break;
        }
      }
      if (end < 0) {
        i = this.slow(chunk, i);
        starts = this.starts;
        ends = this.ends;
        room = Math.min(starts.length, MAX_COLUMNS);
        continue;
      }
      const line = this.line++;
      if (count === 1 && ends[0] === starts[0]) this.blankLines++;
      else {
        view.buf = chunk;
        view.starts = starts;
        view.ends = ends;
        view.count = count;
        view.line = line;
        this.sink.record(view);
      }
      i = end;
    }
  }

  end(): void {
    if (this.state === 2) {
      // The root cause, even if the cell it swallowed grew too long first.
      this.unclosedQuoteLine = this.quoteLine;
      this.bad = { line: this.quoteLine, column: this.cells + 1, kind: 'unclosed-quote', code: 0 };
    }
    if (this.open) {
      this.endField();
      this.emit();
    }
    this.state = 0;
    this.open = false;
  }

  /** Starts a record at chunk[from] in the slow path. */
  private begin(): void {
    this.open = true;
    this.recLen = 0;
    this.cells = 0;
    this.cellStart = 0;
    this.units = 0;
    this.overflow = false;
    this.state = 0;
    this.recordLine = this.line;
    this.bad = null;
  }

  /** The state machine, from chunk[from] to the end of the record or of the chunk; returns where it stopped. */
  private slow(chunk: Uint8Array, from: number): number {
    if (!this.open) this.begin();
    const n = chunk.length;
    const delim = this.delim;
    let i = from;
    while (i < n) {
      switch (this.state) {
        case 0:
        case 1: {
          const c0 = chunk[i]!;
          if (this.state === 0 && c0 === QUOTE) {
            this.state = 2;
            this.quoteLine = this.line;
            i++;
            break;
          }
          let j = i;
          let c = c0;
          while (j < n) {
            c = chunk[j]!;
            if (c === delim || c === LF || c === CR || c === QUOTE) break;
            j++;
          }
          if (j > i) this.append(chunk, i, j);
          if (j >= n) {
            this.state = 1;
            return n;
          }
          if (c === QUOTE) {
            this.fail('quote-inside');
            this.append(chunk, j, j + 1);
            this.state = 1;
            i = j + 1;
          } else if (c === delim) {
            this.endField();
            this.state = 0;
            i = j + 1;
          } else return this.endLine(chunk, j, c);
          break;
        }
        case 2: {
          let j = i;
          while (j < n) {
            const c = chunk[j]!;
            if (c === QUOTE) break;
            if (c === LF) this.line++;
            else if (c === CR) {
              if (j + 1 >= n) this.quotedCr = true;
              else if (chunk[j + 1] !== LF) this.line++;
            }
            j++;
          }
          if (j > i) this.append(chunk, i, j);
          if (j < n) this.state = 3;
          i = j + 1;
          break;
        }
        case 3: {
          if (chunk[i] === QUOTE) {
            this.append(chunk, i, i + 1);
            this.state = 2;
            i++;
          } else this.state = 4;
          break;
        }
        case 4: {
          const c = chunk[i]!;
          if (c === delim) {
            this.endField();
            this.state = 0;
            i++;
          } else if (c === LF || c === CR) {
            return this.endLine(chunk, i, c);
          } else {
            this.fail('text-after-quote');
            this.state = 1;
          }
          break;
        }
      }
    }
    return n;
  }

  private append(chunk: Uint8Array, from: number, to: number): void {
    if (this.overflow) return;
    const len = to - from;
    if (this.bad === null) {
      let code = controlIn(chunk, from, to);
      // A C1 character cut by the chunks' edge: its C2 ended the cell's bytes so far.
      if (code < 0 && len > 0 && this.recLen > this.cellStart && this.rec[this.recLen - 1] === 0xc2 && chunk[from]! >= 0x80 && chunk[from]! <= 0x9f) code = chunk[from]!;
      if (code >= 0) this.fail('control-character', this.state >= 2 ? this.quoteLine : this.line, code);
    }

    this.units += utf16Length(chunk, from, to);
    if (this.units > MAX_CELL_LENGTH) {
      // A quoted cell may span lines: its place is where it starts.
      this.fail('cell-too-long', this.state >= 2 ? this.quoteLine : this.line);
      this.overflow = true;
      this.recLen = this.cellStart;
      return;
    }
    if (this.recLen + len > this.rec.length) {
      const bigger = new Uint8Array(Math.max(this.recLen + len, this.rec.length * 2));
      bigger.set(this.rec.subarray(0, this.recLen));
      this.rec = bigger;
    }
    this.rec.set(chunk.subarray(from, to), this.recLen);
    this.recLen += len;
  }

  private endField(): void {
    if (this.cells >= MAX_COLUMNS) {
      if (this.cells === MAX_COLUMNS) {
        this.fail('too-many-cells');
        this.pushCell(this.recLen, this.recLen);
      }
    } else this.pushCell(this.cellStart, this.recLen);
    this.cellStart = this.recLen;
    this.units = 0;
    this.overflow = false;
  }

  private pushCell(s: number, e: number): void {
    if (this.cells >= this.starts.length) {
      const n = this.starts.length * 2;
      const st = new Int32Array(n);
      st.set(this.starts);
      const en = new Int32Array(n);
      en.set(this.ends);
      this.starts = st;
      this.ends = en;
    }
    this.starts[this.cells] = s;
    this.ends[this.cells++] = e;
  }

  private endLine(chunk: Uint8Array, j: number, c: number): number {
    this.endField();
    const blank = this.cells === 1 && this.ends[0] === this.starts[0] && this.state === 0;
    if (blank) this.blankLines++;
    else this.emit();
    this.open = false;
    this.state = 0;
    this.line++;
    if (c === CR) {
      if (j + 1 < chunk.length) return chunk[j + 1] === LF ? j + 2 : j + 1;
      this.skipLf = true;
    }
    return j + 1;
  }

  private fail(kind: MalformedKind, line = this.line, code = 0): void {
    this.bad ??= { line, column: this.cells + 1, kind, code };
  }

  private emit(): void {
    if (this.bad) {
      this.sink.malformed(this.bad.line, this.bad.column, this.bad.kind, this.bad.code);
      this.bad = null;
    } else {
      const v = this.view;
      v.buf = this.rec;
      v.starts = this.starts;
      v.ends = this.ends;
      v.count = this.cells;
      v.line = this.recordLine;
      this.sink.record(v);
    }
    this.cells = 0;
    this.recLen = 0;
    this.cellStart = 0;
  }
}

/** A record that could not be read, as parseCsvText reports it: the kind and its number (the limit, or the control character). */
export interface MalformedRecord {
  line: number;
  column: number;
  kind: MalformedKind;
  arg: number;
}

/** Reads a whole CSV text at once, cells as strings (for small files such as the sheet `enter` keeps). */
export function parseCsvText(text: string, delimiter = ','): { records: { cells: string[]; line: number }[]; malformed: MalformedRecord[] } {
  const records: { cells: string[]; line: number }[] = [];
  const malformed: MalformedRecord[] = [];
  const decoder = new TextDecoder('utf-8');
  const reader = new RecordReader(
    {
      record: (r) => {
        const cells: string[] = [];
        for (let i = 0; i < r.count; i++) cells.push(decoder.decode(r.buf.subarray(r.starts[i]!, r.ends[i]!)));
        records.push({ cells, line: r.line });
      },
      malformed: (line, column, kind, code = 0) => {
        const limit = kind === 'cell-too-long' ? MAX_CELL_LENGTH : kind === 'too-many-cells' ? MAX_COLUMNS : code;
        malformed.push({ line, column, kind, arg: limit });
      },
    },
    delimiter.charCodeAt(0),
  );
  reader.push(new TextEncoder().encode(text));
  reader.end();
  return { records, malformed };
}
