/**
 * Reading one source (a sheet or the roster) into the CSV reader: the encoding detected on the first
 * chunk (encoding.ts), UTF-8 checked as it comes, GBK turned into UTF-8 (gbk.ts), and what breaks the
 * encoding reported at its line. A quote never closed swallows the rest of the file into one broken
 * record: after reporting it, reading starts again on the line after the quote, so that the rows
 * below are still read, checked and counted.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { Hash } from 'node:crypto';
import type { FileRef, ProblemLog } from '../core/problems.js';
import { type Encoding, cutAtEnd, detect, firstInvalidUtf8 } from './encoding.js';
import { GbkToUtf8 } from './gbk.js';
import { type LineCount, isMixed, joinCounts } from './mixed-encoding.js';
import { RecordReader, type RecordSink } from './records.js';
import { ChunkReader, type Source } from './sources.js';
import type { Lang } from '../i18n/index.js';

export interface ReadSourceOptions {
  encoding: Encoding | null;
  delimiter: string;
  /** The language of the words of a file that cannot be opened. */
  lang?: Lang;
  /** Compute the SHA-256 of the bytes read. */
  hash?: boolean;
  /** Told after each chunk: the bytes read so far. */
  progress?: (bytes: number) => void;
}

export interface SourceRead {
  /** False where the bytes stopped being readable (the problem is logged); the rows before it were read. */
  ok: boolean;
  bytes: number;
  sha256: string | null;
  /** The encoding the sheet was read in. */
  encoding: Encoding | null;
}


/** Restarts after quotes never closed: each reads the rest again, so a bound keeps this linear. */
const MAX_RESTARTS = 100;
/** Standard input is kept for a restart up to this size. */
const KEEP_STDIN = 256 << 20;

/**
 * A source's bytes as UTF-8 for the CSV reader, chunk by chunk: the encoding from the first chunk
 * (or as given, for a reading that starts in the middle), UTF-8 checked, GBK turned into UTF-8.
 */
class Utf8Bytes {
  encoding: Encoding | null;
  ok = true;
  private gbk: GbkToUtf8 | null = null;
  /** Only ASCII so far, the encoding not yet known: UTF-8 and GBK read ASCII alike. */
  private undecided = false;
  /** Bytes held back: a character cut by a chunk's end, or the first non-ASCII bytes waiting for more to judge by. */
  private held: Uint8Array = new Uint8Array(0);
  private started: boolean;
  private whole = false;
  private nonAscii = false;
  /** A part of a file that another reading began (a second thread's): it judges nothing of the whole file. */
  private readonly part: boolean;

  constructor(
    private readonly file: FileRef,
    private readonly forced: Encoding | null,
    private readonly log: ProblemLog,
    private readonly lineOf: () => number,
    known: Encoding | null,
  ) {
    this.encoding = known;
    this.started = known !== null;
    this.part = known !== null;
    if (known === 'gb18030') this.gbk = new GbkToUtf8();
  }

  /** The UTF-8 of the next chunk (`last`: no more chunks follow), handed to `out`; false once unreadable. */
  push(bytes: Uint8Array, last: boolean, out: (utf8: Uint8Array) => void): boolean {
    if (!this.ok) return false;
    if (!this.started) {
      this.started = true;
      this.whole = last;
      const det = detect(bytes, this.forced, last);
      if (!det.ok) return this.fail(det.line, det.kind, det.args);
      this.encoding = det.encoding;
      if (det.encoding === 'gb18030') this.gbk = new GbkToUtf8();
      bytes = bytes.subarray(det.bom);
      // A second byte order mark goes too, as TextDecoder drops it (two sheets saved by Excel, joined).
      if (det.encoding === 'utf8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      // A first chunk of plain ASCII tells nothing, nor do a few non-ASCII bytes at its end (a GBK 学 is
      // also a valid UTF-8 character): the first 4 KiB of non-ASCII bytes decide (a GBK sheet whose Chinese comes late).
      if (det.encoding === 'utf8' && this.forced === null && !last && fewNonAscii(bytes)) this.undecided = true;
    }
    if (this.held.length > 0) {
      const joined = new Uint8Array(this.held.length + bytes.length);
      joined.set(this.held);
      joined.set(bytes, this.held.length);
      bytes = joined;
      this.held = new Uint8Array(0);
    }
    if (this.gbk) return this.fromGbk(bytes, out);
    if (this.undecided) {
      if (isAscii(bytes)) {
        out(bytes);
        return true;
      }
      let first = 0;
      while (bytes[first]! < 0x80) first++;
      const rest = bytes.subarray(first);
      // Judge by enough bytes (or by what is left at the end).
      if (rest.length < 4096 && !last) {
        out(bytes.subarray(0, first));
        this.held = rest.slice();
        return true;
      }
      this.undecided = false;
      const bad = firstInvalidUtf8(rest);
      if (bad >= 0 && !(bad >= rest.length - 3 && !last && cutAtEnd(rest, bad))) {
        out(bytes.subarray(0, first));
        this.gbk = new GbkToUtf8(this.lineOf());
        this.encoding = 'gb18030';
        return this.fromGbk(rest, out);
      }
    }
    const bad = invalidAt(bytes);
    if (bad < 0) {
      if (!this.nonAscii && !isAscii(bytes)) this.nonAscii = true;
      // A character cut by the chunk's end waits for the rest of it (at the file's end: cut short).
      const cut = cutEnd(bytes);
      out(bytes.subarray(0, cut));
      if (cut < bytes.length) this.held = bytes.slice(cut);
      return true;
    }
    out(bytes.subarray(0, bad));
    if (this.forced === 'utf8') return this.fail(this.lineOf(), 'not-utf8', [bytes[bad]!, 0]);
    return this.fail(this.lineOf(), 'mixed-encoding', [bytes[bad]!]);
  }

  private fromGbk(bytes: Uint8Array, out: (utf8: Uint8Array) => void): boolean {
    const g = this.gbk!;
    const utf8 = g.push(bytes);
    if (g.badLine >= 0) return this.fail(g.badLine, this.forced === 'gb18030' ? 'not-gbk' : 'neither-encoding', []);
    out(utf8);
    return true;
  }

  /** At a cut inside the file: whether what was read ends on a character's end. */
  get atCharacterEnd(): boolean {
    return this.held.length === 0 && (this.gbk === null || this.gbk.holding === 0);
  }

  /** The mixed-encoding count so far (GBK sheets), for a reading split in two. */
  get mixed(): LineCount | null {
    return this.gbk ? this.gbk.lines.count() : null;
  }

  /** The end of the file: what is left, and the checks only the whole file allows. */
  end(out: (utf8: Uint8Array) => void, elsewhere: LineCount | null): boolean {
    if (!this.ok) return false;
    if (this.held.length > 0 && this.undecided) {
      // The file ends soon after its first non-ASCII bytes: judge by them.
      const rest = this.held;
      this.held = new Uint8Array(0);
      this.undecided = false;
      if (firstInvalidUtf8(rest) >= 0) {
        this.gbk = new GbkToUtf8(this.lineOf());
        this.encoding = 'gb18030';
        if (!this.fromGbk(rest, out)) return false;
      } else {
        this.nonAscii = true;
        out(rest);
      }
    }
    const g = this.gbk;
    if (g) {
      const rest = g.end();
      if (g.badLine >= 0) return this.fail(g.badLine, this.forced === 'gb18030' ? 'not-gbk' : 'neither-encoding', []);
      out(rest);
      // Judged by the reading that has the whole file's count: not by a second thread's part, whose
      // count the reading of the first part joins to its own (a part alone may look mixed where the
      // file is not).
      if (this.forced === null && !this.part) {
        const c = joinCounts(g.lines, elsewhere);
        // A small sheet was judged whole by detect(); a big one is judged here, all its lines counted.
        if (!this.whole && isMixed(c.valid, c.invalid)) return this.fail(c.firstInvalidLine, 'mixed-encoding', [c.firstInvalidByte]);
        // The other way round: a GBK sheet with lines of UTF-8 Chinese text (two sheets joined, a line
        // pasted), which GBK turns into other characters. A GBK line is hardly ever UTF-8 Chinese text
        // by chance, so this is said, as a warning (--encoding gbk reads the file as GBK without it).
        if (c.valid > 0) this.log.warning(this.file, c.firstValidLine, undefined, 'utf8-lines-in-gbk', c.valid);
      }
    } else if (this.held.length > 0) {
      return this.fail(this.lineOf(), this.nonAscii ? 'cut-short' : 'neither-encoding', []);
    }
    return true;
  }

  private fail(line: number, kind: string, args: unknown[]): false {
    (this.log.error as (...a: unknown[]) => void)(this.file, line, undefined, kind, ...args);
    this.ok = false;
    return false;
  }
}

/**
 * No non-ASCII byte, or fewer than 4 KiB from the first one to the chunk's end: too few to judge the
 * encoding by. (All before the last 4095 bytes is ASCII, checked natively.)
 */
function fewNonAscii(bytes: Uint8Array): boolean {
  return isAscii(bytes.subarray(0, Math.max(0, bytes.length - 4095)));
}

/** Where the last whole character of UTF-8 bytes ends (before a character cut by the end). */
function cutEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && n - back >= 0; back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < len) return n - back;
    }
    break;
  }
  return n;
}

/**
 * The offset of the first byte of `bytes` that is not UTF-8, or -1; a character cut by the end
 * (which the next chunk completes) is not counted as bad.
 */
function invalidAt(bytes: Uint8Array): number {
  const end = cutEnd(bytes);
  const whole = end === bytes.length ? bytes : bytes.subarray(0, end);
  return isUtf8(whole) ? -1 : firstInvalidUtf8(whole);
}

/** The line numbers of a stream of UTF-8 chunks as the CSV reader counts them outside quotes (LF, CR, CR LF). */
class LineSkipper {
  line = 1;
  private cr = false;

  /** The offset in chunk where `target` starts, or -1 when it is not in this chunk. */
  skip(chunk: Uint8Array, target: number): number {
    let i = 0;
    if (this.cr) {
      if (chunk[0] === 10) i = 1;
      this.cr = false;
    }
    while (i < chunk.length) {
      if (this.line >= target) return i;
      const c = chunk[i++]!;
      if (c === 10) this.line++;
      else if (c === 13) {
        this.line++;
        if (i >= chunk.length) {
          this.cr = true;
          return -1;
        }
        if (chunk[i] === 10) i++;
      }
    }
    return this.line >= target ? i : -1;
  }
}

/** Where a reading starts when it does not start at the file's start (a second thread). */
export interface StartInside {
  from: number;
  encoding: Encoding;
}

/**
 * Reading one source, possibly in parts: `read(to)` reads on up to byte `to`; `end()` reads nothing
 * more and makes the checks of the file's end.
 */
export class SourceReading {
  reader: RecordReader;
  private readonly bytes: Utf8Bytes;
  private readonly chunks: ChunkReader;
  private readonly hash: Hash | null;
  private kept: Uint8Array[] | null;
  private keptBytes = 0;
  total = 0;
  private readonly delim: number;

  constructor(
    private readonly src: Source,
    private readonly file: FileRef,
    private readonly opts: ReadSourceOptions,
    private readonly sink: RecordSink,
    private readonly log: ProblemLog,
    private readonly start: StartInside | null = null,
  ) {
    this.delim = opts.delimiter.charCodeAt(0);
    this.reader = new RecordReader(sink, this.delim);
    // node:crypto is looked up only when a seal needs the hash: a few ms of every other start.
    this.hash = opts.hash ? process.getBuiltinModule('node:crypto').createHash('sha256') : null;
    this.kept = src.path === null ? [] : null;
    this.bytes = new Utf8Bytes(file, opts.encoding, log, () => this.reader.line, start?.encoding ?? null);
    this.chunks = new ChunkReader(src, start?.from ?? 0, Infinity, opts.lang ?? 'en');
  }

  get encoding(): Encoding | null {
    return this.bytes.encoding;
  }

  get ok(): boolean {
    return this.bytes.ok;
  }

  /** Whether everything read so far ends between two records and on a character's end. */
  get atBoundary(): boolean {
    return this.bytes.ok && this.reader.atRecordStart() && this.bytes.atCharacterEnd;
  }

  get mixed(): LineCount | null {
    return this.bytes.mixed;
  }

  /**
   * Reads on up to byte `to` of the file (its end by default); `to` may be asked again before each
   * chunk, given the offset reached (a reading on two threads, where this thread claims its bytes as
   * it goes: two-threads.ts).
   */
  read(to: number | ((offset: number) => number) = Infinity): boolean {
    const reader = this.reader;
    const push = (b: Uint8Array) => reader.push(b);
    while (!this.chunks.done && this.bytes.ok) {
      const end = typeof to === 'number' ? to : to(this.chunks.offset);
      if (this.chunks.offset >= end) break;
      const chunk = this.chunks.next(end);
      this.raw(chunk);
      if (!this.bytes.push(chunk, this.chunks.done, push)) break;
    }
    return this.bytes.ok;
  }

  private raw(bytes: Uint8Array): void {
    this.total += bytes.length;
    this.hash?.update(bytes);
    if (this.kept) {
      this.keptBytes += bytes.length;
      if (this.keptBytes > KEEP_STDIN) this.kept = null;
      else this.kept.push(Uint8Array.prototype.slice.call(bytes));
    }
    this.opts.progress?.(this.total);
  }

  /** The end of the file: its last checks, the last record, restarts after quotes never closed. */
  end(elsewhere: LineCount | null = null): SourceRead {
    try {
      // Whatever was not read (after an encoding problem) still counts for the hash; only of a file
      // (an endless device, /dev/zero, read as a sheet stops at its first chunk).
      while (!this.chunks.done && this.hash && this.chunks.seekable) this.raw(this.chunks.next());
    } finally {
      this.chunks.close();
    }
    const done = (ok: boolean): SourceRead => ({ ok, bytes: this.total, sha256: this.hash?.digest('hex') ?? null, encoding: this.bytes.encoding });
    if (!this.bytes.end((b) => this.reader.push(b), elsewhere)) return done(false);
    this.reader.end();
    if (this.start === null) this.restarts();
    return done(true);
  }

  private restarts(): void {
    let reader = this.reader;
    for (let restarts = 0; reader.unclosedQuoteLine !== null && restarts < MAX_RESTARTS; restarts++) {
      const target = reader.unclosedQuoteLine + 1;
      const again = this.src.path === null ? (this.kept ? new KeptChunks(this.kept) : null) : new ChunkReader(this.src);
      if (again === null) break;
      const skipper = new LineSkipper();
      let next: RecordReader | null = null;
      const bytes = new Utf8Bytes(this.file, this.opts.encoding, new SilentLog() as unknown as ProblemLog, () => skipper.line, null);
      const push = (b: Uint8Array) => {
        if (next) return next.push(b);
        const at = skipper.skip(b, target);
        if (at < 0) return;
        next = new RecordReader(this.sink, this.delim, target);
        next.push(b.subarray(at));
      };
      try {
        while (!again.done) {
          const chunk = again.next();
          if (!bytes.push(chunk, again.done, push)) break;
        }
        bytes.end(push, null);
      } finally {
        again.close();
      }
      if (!next) break;
      (next as RecordReader).end();
      reader = next;
    }
  }
}

/** Reads a source whole into `sink`. */
export function readSource(src: Source, file: FileRef, opts: ReadSourceOptions, sink: RecordSink, log: ProblemLog): SourceRead {
  const r = new SourceReading(src, file, opts, sink, log);
  r.read();
  return r.end();
}

/** Standard input as kept, read again for a restart. */
class KeptChunks {
  done = false;
  private i = 0;
  constructor(private readonly chunks: Uint8Array[]) {
    this.done = chunks.length === 0;
  }
  next(): Uint8Array {
    const c = this.chunks[this.i++] ?? new Uint8Array(0);
    this.done = this.i >= this.chunks.length;
    return c;
  }
  close(): void {}
}

/** A problem log for a second reading, whose problems were logged by the first. */
class SilentLog {
  error(): void {}
  warning(): void {}
  add(): void {}
}
