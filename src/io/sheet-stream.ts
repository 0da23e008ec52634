/**
 * Reading one sheet's bytes for the streaming path. Lines without quotes are read field by field
 * straight from the bytes (the ASCII delimiter, quote and line ends cannot occur inside a UTF-8 or
 * GBK character), repeated texts such as rater names are recognised by their bytes and not decoded
 * again, and plain scores are read as numbers without making strings. From the first quote or lone
 * carriage return on, the rest of the sheet goes through the full CSV parser instead.
 */
import { TextDecoder } from 'node:util';
import { BAD, type Columns, EMPTY, type Fields, type KeyBytes, type StreamingScorer, hashBytes, trimCell } from '../core/accumulate.js';
import { MICRO } from '../core/cells.js';
import { CsvParser, DEFAULT_LIMITS } from './csv.js';

/** Fields over an array of cells (the general reader). */
class CellFields implements Fields {
  cells: string[] = [];
  constructor(private readonly scorer: StreamingScorer) {}
  str(i: number): string {
    return trimCell(this.cells[i]!);
  }
  key(i: number, out: KeyBytes): void {
    out.setText(this.str(i));
  }
  score(i: number, m: number): number {
    const t = this.cells[i]!;
    return t === '' ? EMPTY : this.scorer.scoreOf(t, m);
  }
  allBlank(): boolean {
    return this.cells.every((c) => c.trim() === '');
  }
}

const LF = 10;
/** The ASCII characters trim() removes: tab, line feed, vertical tab, form feed, carriage return, space. */
const isBlank = (c: number) => c === 32 || (c >= 9 && c <= 13);
const CR = 13;
const QUOTE = 34;
const DOT = 46;

/**
 * Texts seen in one column, by their bytes, so that repeated values (raters, roles, semesters, a
 * person's name on each of their rows) are not decoded again. A column of mostly new values (staff
 * ids) stops being remembered after a while, except for the last value.
 */
class ColumnCache {
  /** The last value's bytes: a remembered entry's, or a copy in `scratch` (reused from value to value). */
  private last: Uint8Array = new Uint8Array(0);
  private lastLen = -1;
  private lastText = '';
  private scratch: Uint8Array = new Uint8Array(64);
  private readonly byHash = new Map<number, { bytes: Uint8Array; text: string }[]>();
  private size = 0;

  /**
   * Recently found entries by length and first and last byte: a column that cycles through a few
   * values (raters, roles) is answered without hashing every byte.
   */
  private readonly recent: ({ bytes: Uint8Array; text: string } | undefined)[] = new Array(64);

  find(buf: Uint8Array, s: number, e: number): string | null {
    const n = e - s;
    if (this.lastLen === n && same(this.last, buf, s, e)) return this.lastText;
    const slot = (n * 7 + buf[s]! * 3 + buf[e - 1]!) & 63;
    const near = this.recent[slot];
    if (near !== undefined && near.bytes.length === n && same(near.bytes, buf, s, e)) return this.found(near);
    const list = this.byHash.get(hashBytes(buf, s, e));
    if (list) {
      for (const entry of list) {
        if (entry.bytes.length === n && same(entry.bytes, buf, s, e)) {
          this.recent[slot] = entry;
          return this.found(entry);
        }
      }
    }
    return null;
  }

  private found(entry: { bytes: Uint8Array; text: string }): string {
    this.last = entry.bytes;
    this.lastLen = entry.bytes.length;
    this.lastText = entry.text;
    return entry.text;
  }

  put(buf: Uint8Array, s: number, e: number, text: string): void {
    const n = e - s;
    this.lastLen = n;
    this.lastText = text;
    if (this.size >= 4096) {
      // A column of mostly new values (staff ids): keep the last one only, without a new array each time.
      if (n > this.scratch.length) this.scratch = new Uint8Array(Math.max(n, this.scratch.length * 2));
      for (let j = 0; j < n; j++) this.scratch[j] = buf[s + j]!;
      this.last = this.scratch;
      return;
    }
    this.size++;
    const bytes = Uint8Array.prototype.slice.call(buf, s, e);
    this.last = bytes;
    const h = hashBytes(buf, s, e);
    const list = this.byHash.get(h);
    if (list) list.push({ bytes, text });
    else this.byHash.set(h, [{ bytes, text }]);
  }
}

/** Whether a's first e - s bytes are buf[s, e). */
function same(a: Uint8Array, buf: Uint8Array, s: number, e: number): boolean {
  for (let j = 0; j < e - s; j++) if (a[j] !== buf[s + j]) return false;
  return true;
}

/** Fields read straight from the bytes of one line: ASCII delimiters are safe in UTF-8 and GBK. */
class ByteFields implements Fields {
  buf: Uint8Array = new Uint8Array(0);
  starts: Int32Array;
  ends: Int32Array;
  private readonly caches: ColumnCache[];

  constructor(
    private readonly scorer: StreamingScorer,
    private readonly decoder: TextDecoder,
    width: number,
  ) {
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.caches = Array.from({ length: width }, () => new ColumnCache());
  }

  private text(i: number): string {
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e) return '';
    // The detailed path refuses a cell this long: give up, so that it says so.
    if (e - s > DEFAULT_LIMITS.maxCellLength) {
      this.scorer.fail('a cell over the length limit');
      return '';
    }
    const cache = this.caches[i]!;
    const hit = cache.find(this.buf, s, e);
    if (hit !== null) return hit;
    // Throws on bytes that are not in the encoding: the caller gives up then.
    const t = trimCell(this.decoder.decode(this.buf.subarray(s, e)));
    cache.put(this.buf, s, e, t);
    return t;
  }

  str(i: number): string {
    return this.text(i);
  }

  key(i: number, out: KeyBytes): void {
    const b = this.buf;
    let s = this.starts[i]!;
    let e = this.ends[i]!;
    // ASCII blanks trimmed here, as trim() would; anything else (a byte of a multi-byte
    // character, GBK, a cell over the length limit) goes through the decoded, checked text.
    while (s < e && isBlank(b[s]!)) s++;
    while (e > s && isBlank(b[e - 1]!)) e--;
    let ascii = e - s <= DEFAULT_LIMITS.maxCellLength;
    for (let j = s; j < e && ascii; j++) if (b[j]! >= 0x80) ascii = false;
    if (ascii) {
      out.buf = b;
      out.s = s;
      out.e = e;
    } else out.setText(this.text(i));
  }

  score(i: number, m: number): number {
    const b = this.buf;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e) return EMPTY;
    // Plain digits with an optional point: the common case, read without making a string.
    if (e - s <= 16) {
      let int = 0;
      let j = s;
      let c = b[j]!;
      if (c !== DOT) {
        for (; j < e; j++) {
          c = b[j]!;
          if (c === DOT || c < 48 || c > 57) break;
          int = int * 10 + (c - 48);
        }
        if (j === e) return int * MICRO <= this.max(m) ? int * MICRO : BAD;
        if (c === DOT && j + 1 < e && e - j - 1 <= 6) {
          let frac = 0;
          let scale = 100_000;
          let k = j + 1;
          for (; k < e; k++) {
            c = b[k]!;
            if (c < 48 || c > 57) break;
            frac += (c - 48) * scale;
            scale /= 10;
          }
          if (k === e) {
            const micro = int * MICRO + frac;
            return micro <= this.max(m) ? micro : BAD;
          }
        }
      }
    }
    return this.scorer.scoreOf(this.text(i), m);
  }

  private max(m: number): number {
    return this.scorer.maxOf(m);
  }

  allBlank(): boolean {
    const b = this.buf;
    for (let i = 0; i < this.starts.length; i++) {
      for (let j = this.starts[i]!; j < this.ends[i]!; j++) if (b[j] !== 32 && b[j] !== 9) return false;
    }
    return true;
  }
}

/**
 * One sheet's bytes. Lines without quotes are read field by field from the bytes; from the first
 * quote (or lone carriage return) on, the rest of the sheet goes through the full CSV parser.
 */
export class SheetStream {
  private cols: Columns | null = null;
  private pending = new Uint8Array(4096);
  private pendingLen = 0;
  private general: { decoder: TextDecoder; parser: CsvParser } | null = null;
  private bytes: ByteFields | null = null;
  private readonly cells: CellFields;
  private readonly decoder: TextDecoder;
  private readonly delim: number;
  private dataRows = 0;
  private sawHeader = false;
  /** The header's cells, once read. */
  headerCells: string[] | null = null;

  constructor(
    private readonly scorer: StreamingScorer,
    private readonly encoding: 'utf8' | 'gb18030',
    private readonly delimiter: string,
  ) {
    this.cells = new CellFields(scorer);
    this.decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'gb18030', { fatal: true, ignoreBOM: true });
    this.delim = delimiter.charCodeAt(0) < 128 ? delimiter.charCodeAt(0) : -1;
  }

  /**
   * True while every line so far was read from its bytes: no quote, no lone carriage return. Only
   * then is every line end seen a record's end, so that a sheet can be cut there and the rest read
   * by another stream.
   */
  get plain(): boolean {
    return this.general === null && this.bytes !== null;
  }

  /**
   * The sheet's header, from its first line read by bytes, or given to a stream that reads a sheet
   * from a line in its middle (as another stream read the header).
   */
  header(cells: string[]): void {
    this.record(cells);
    if (this.cols) this.bytes = new ByteFields(this.scorer, this.decoder, this.cols.width);
  }

  /** The next chunk of the sheet's bytes (a UTF-8 BOM already removed). */
  push(bytes: Uint8Array): void {
    if (this.scorer.bail) return;
    // A plain Uint8Array view: element access on Buffer (a subclass) is slower in the hot loops.
    const chunk = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    try {
      if (this.general) {
        this.general.parser.push(this.general.decoder.decode(chunk, { stream: true }));
        return;
      }
      let from = 0;
      if (this.pendingLen > 0) {
        // Finish the line the last chunk cut, in the carry buffer.
        const lf = chunk.indexOf(LF);
        if (lf < 0) {
          this.carry(chunk, 0, chunk.length);
          return;
        }
        this.carry(chunk, 0, lf + 1);
        const joined = this.pending.subarray(0, this.pendingLen);
        this.pendingLen = 0;
        this.lines(joined, 0, joined.length);
        from = lf + 1;
      }
      if (this.scorer.bail) return;
      const general = this.general as { decoder: TextDecoder; parser: CsvParser } | null;
      if (general) {
        general.parser.push(general.decoder.decode(chunk.subarray(from), { stream: true }));
        return;
      }
      const lastLf = chunk.lastIndexOf(LF);
      if (lastLf < from) {
        this.carry(chunk, from, chunk.length);
        return;
      }
      this.lines(chunk, from, lastLf + 1);
      if (lastLf + 1 < chunk.length) {
        const g = this.general as { decoder: TextDecoder; parser: CsvParser } | null;
        if (g) g.parser.push(g.decoder.decode(chunk.subarray(lastLf + 1), { stream: true }));
        else this.carry(chunk, lastLf + 1, chunk.length);
      }
    } catch {
      this.scorer.fail('bytes that are not in the encoding');
    }
  }

  /** Keeps the bytes of a cut line (the caller reuses its chunk buffer). */
  private carry(chunk: Uint8Array, s: number, e: number): void {
    const need = this.pendingLen + (e - s);
    if (need > this.pending.length) {
      const bigger = new Uint8Array(Math.max(need, this.pending.length * 2));
      bigger.set(this.pending.subarray(0, this.pendingLen));
      this.pending = bigger;
    }
    this.pending.set(chunk.subarray(s, e), this.pendingLen);
    this.pendingLen = need;
  }

  end(): void {
    if (this.scorer.bail) return;
    try {
      if (!this.general && this.pendingLen > 0) {
        const rest = this.pending.subarray(0, this.pendingLen);
        this.pendingLen = 0;
        this.lines(rest, 0, rest.length);
      }
      if (this.general) {
        const tail = this.general.decoder.decode();
        if (tail) this.general.parser.push(tail);
        this.general.parser.end();
      }
    } catch {
      this.scorer.fail('bytes that are not in the encoding');
    }
    if (!this.sawHeader) this.scorer.fail('an empty file');
    else if (this.dataRows === 0) this.scorer.fail('a sheet without rows');
  }

  /** Complete lines in buf[from, to); switches to the general parser where a line needs it. */
  private lines(buf: Uint8Array, from: number, to: number): void {
    // The first quote or lone CR in this stretch: lines before it are read here, the rest in general.
    let stop = to;
    const q = buf.indexOf(QUOTE, from);
    if (q >= 0 && q < stop) stop = q;
    for (let cr = buf.indexOf(CR, from); cr >= 0 && cr < stop; cr = buf.indexOf(CR, cr + 1)) {
      if (cr + 1 >= buf.length || buf[cr + 1] !== LF) {
        // A CR at the very end may be the first half of a CRLF split by the chunk: the general parser knows.
        stop = cr;
        break;
      }
    }
    if (this.delim < 0) stop = from;
    const delim = this.delim;
    let pos = from;
    while (pos < to) {
      const f = this.bytes;
      const width = f === null ? 0 : f.starts.length;
      let lf: number;
      let fields = 0;
      if (f !== null) {
        // The cells and the line end in one pass over the bytes: cells are short, and a call to
        // indexOf per line or per cell costs more than the loop.
        let p = pos;
        let c = pos;
        for (;;) {
          let b = 0;
          while (c < to && (b = buf[c]!) !== delim && b !== LF) c++;
          if (fields < width) {
            f.starts[fields] = p;
            f.ends[fields] = c;
          }
          fields++;
          if (c >= to || b === LF) break;
          p = ++c;
        }
        lf = c;
      } else {
        lf = buf.indexOf(LF, pos);
        if (lf < 0 || lf >= to) lf = to;
      }
      if (lf >= stop && stop < to) break;
      const e = lf > pos && buf[lf - 1] === CR ? lf - 1 : lf;
      if (f !== null && fields === width && e > pos) {
        f.ends[width - 1] = Math.min(f.ends[width - 1]!, e);
        this.fieldsRow(buf, f);
      } else this.line(buf, pos, e);
      if (this.scorer.bail || this.general) return;
      pos = lf + 1;
    }
    if (pos < to) this.toGeneral().parser.push(this.general!.decoder.decode(buf.subarray(pos, to), { stream: true }));
  }

  private toGeneral(): { decoder: TextDecoder; parser: CsvParser } {
    const parser = new CsvParser(
      {
        record: (cells) => this.record(cells),
        malformed: () => this.scorer.fail('a record that is not valid CSV'),
      },
      this.delimiter,
    );
    this.general = { decoder: new TextDecoder(this.encoding === 'utf8' ? 'utf-8' : 'gb18030', { fatal: true, ignoreBOM: true }), parser };
    return this.general;
  }

  /** A record from the general parser. */
  private record(cells: string[]): void {
    if (this.scorer.bail) return;
    if (!this.sawHeader) {
      this.sawHeader = true;
      this.headerCells = cells;
      this.cols = this.scorer.columnsOf(cells);
      return;
    }
    const cols = this.cols!;
    if (cells.length !== cols.width) {
      if (!cells.every((c) => c.trim() === '')) this.scorer.fail('a row with the wrong number of cells');
      return;
    }
    this.cells.cells = cells;
    const before = this.scorer.rows;
    this.scorer.row(cols, this.cells);
    if (this.scorer.rows > before) this.dataRows++;
  }

  /** One line without quotes, from its bytes: the header, a blank line, or a line of the wrong width. */
  private line(buf: Uint8Array, s: number, e: number): void {
    if (s === e) return; // a blank line
    if (!this.sawHeader) {
      this.header(this.decoder.decode(buf.subarray(s, e)).split(this.delimiter));
      return;
    }
    // A line whose cells do not fit the header (lines() splits the others): the record logic says what it is.
    this.record(this.decoder.decode(buf.subarray(s, e)).split(this.delimiter));
  }

  /** A data line whose cells lines() has found in `buf`. */
  private fieldsRow(buf: Uint8Array, f: ByteFields): void {
    f.buf = buf;
    const before = this.scorer.rows;
    this.scorer.row(this.cols!, f);
    if (this.scorer.rows > before) this.dataRows++;
  }
}
