/**
 * Reading sheets in chunks for the streaming path: bytes are decoded as they come (UTF-8, or GBK
 * when the first chunk is not UTF-8) and parsed incrementally, so a sheet of any size is never
 * held whole. Standard input is kept (as bytes) in case the detailed path has to read it again.
 * On a terminal, inputs over a few MB show a progress line on standard error.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StreamingScorer } from '../core/accumulate.js';
import type { RosterEntry } from '../core/merge.js';
import type { ScoredStaff } from '../core/report.js';
import { Problems } from '../core/types.js';
import { type Encoding, MixedLines, firstInvalidUtf8, unreadable } from './decode.js';
import { type LoadOptions, type Source, loadRoster } from './load.js';
import { type HalfReader, lineStartAfter, parallelWorthwhile, readRange, startHalfReader } from './parallel.js';
import { SheetStream } from './sheet-stream.js';

const CHUNK = 1 << 20;
const PROGRESS_MIN_BYTES = 4 << 20;

export interface StreamResult {
  /** False when the bytes could not be decoded here; the detailed path will say why. */
  ok: boolean;
  /** What standard input held, for a second reading. */
  stdin: Uint8Array | null;
}

class Progress {
  private last = 0;
  private readonly start = Date.now();
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  update(name: string, bytes: number, rows: () => number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const secs = Math.max((now - this.start) / 1000, 0.001);
    const r = rows();
    const pct = this.total > 0 ? Math.min(100, Math.floor((bytes / this.total) * 100)) : 0;
    process.stderr.write(`\r\x1b[K${name}: ${pct}% of ${(this.total / 1e6).toFixed(0)} MB, ${r.toLocaleString('en')} rows, ${Math.round(r / secs).toLocaleString('en')} rows/s`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}

function sizeOf(src: Source): number {
  if (src.path === null) return 0;
  try {
    return statSync(src.path).size;
  } catch {
    return 0;
  }
}

export function totalSize(sources: Source[]): number {
  return sources.reduce((a, s) => a + sizeOf(s), 0);
}

/** What takes a sheet's bytes once its encoding is known. */
export interface ByteSink {
  push(bytes: Uint8Array): void;
  end(): void;
}

/** How one source is read. */
interface Reading {
  forced: Encoding | null;
  makeSink: (encoding: Encoding) => ByteSink;
  progress: { total: number; done: number; rows: () => number; elsewhere: () => number } | null;
  /**
   * Asked once, after the first chunk: where to stop, the rest being read elsewhere (the sink is
   * then not ended), or null to read to the end.
   */
  cut?: (sink: ByteSink, encoding: Encoding, read: number) => number | null;
}

/**
 * Streams one source's bytes into the sink made for its encoding (a UTF-8 BOM removed). Returns
 * ok=false (without a message: the detailed path words it) for UTF-16 or NUL bytes.
 */
export function streamSource(src: Source, how: Reading): StreamResult & { sink: ByteSink | null; cutAt: number | null } {
  const { forced, makeSink, progress } = how;
  const fd = src.path === null ? 0 : openSync(src.path, 'r');
  const keep: Buffer[] | null = src.path === null ? [] : null;
  const bar = progress ? new Progress(progress.total, process.stderr.isTTY === true && progress.total >= PROGRESS_MIN_BYTES) : null;
  let sink: ByteSink | null = null;
  let mixed: MixedLines | null = null;
  let read = 0;
  let ok = true;
  let cutAt: number | null = null;
  try {
    // One buffer for the whole file: the sink copies what it keeps (a cut line), so that reading
    // 72 MB does not churn through 72 MB of fresh buffers (and the garbage collections they cause).
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, cutAt === null ? CHUNK : Math.min(CHUNK, cutAt - read), null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      read += n;
      let bytes = buf.subarray(0, n);
      if (keep) keep.push(Buffer.from(bytes));
      if (!ok) continue;
      if (sink === null) {
        if (unreadable(bytes)) {
          ok = false;
          continue;
        }
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (bom) bytes = bytes.subarray(3);
        let enc = forced;
        if (enc === null) {
          // A sequence cut at the chunk's end is not a reason to doubt UTF-8.
          const bad = firstInvalidUtf8(bytes);
          enc = bom || bad < 0 || bad >= bytes.length - 3 ? 'utf8' : 'gb18030';
          // Read as GBK, UTF-8 lines pasted in would become other characters: the detailed path
          // refuses such a file, so this one counts its lines too.
          if (enc === 'gb18030') mixed = new MixedLines();
        }
        sink = makeSink(enc);
        mixed?.push(bytes);
        sink.push(bytes);
        if (how.cut) cutAt = how.cut(sink, enc, read);
      } else {
        mixed?.push(bytes);
        sink.push(bytes);
      }
      bar?.update(src.name, progress!.done + read + progress!.elsewhere(), progress!.rows);
      if (cutAt !== null && read >= cutAt) break;
    }
    if (ok && mixed && mixed.end() >= 0) ok = false;
    if (ok && cutAt === null) (sink ?? makeSink('utf8')).end();
  } finally {
    if (src.path !== null) closeSync(fd);
    bar?.done();
    if (progress) progress.done += read;
  }
  return { ok, stdin: keep ? Buffer.concat(keep) : null, sink, cutAt };
}

/** With EVALUATE_DEBUG set: the time and heap at a phase of `score`, on standard error. */
export function debugPhase(what: string): void {
  if (process.env.EVALUATE_DEBUG) process.stderr.write(`evaluate: ${what}: ${Math.round(performance.now())} ms, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB\n`);
}

/** Reads path from byte `from` to its end into a sink that has had the bytes before, and ends it. */
function streamRest(path: string, from: number, sink: ByteSink): void {
  readRange(path, from, Infinity, (bytes) => {
    sink.push(bytes);
    return true;
  });
  sink.end();
}

export interface Streamed {
  /** Null when the detailed path must run: the data has something to report. */
  semesters: Map<string, { staff: ScoredStaff[]; raters: number }> | null;
  rows: number;
  stdin: Uint8Array | null;
  /** Why the streaming path gave up, for tests and EVALUATE_DEBUG. */
  reason: string | null;
}

/** The streaming path of `score`: all sheets through one StreamingScorer, then the roster. */
export function streamScores(sources: Source[], opts: LoadOptions): Streamed {
  const scorer = new StreamingScorer(opts.policy, opts.semester);
  let half: HalfReader | null = null;
  const progress = {
    total: totalSize(sources),
    done: 0,
    rows: () => scorer.rows + (half?.progress().rows ?? 0),
    elsewhere: () => half?.progress().bytes ?? 0,
  };
  let stdin: Uint8Array | null = null;
  for (const src of sources) {
    const size = sizeOf(src);
    // A big sheet: its second half is read by a worker thread, from the first line end after the middle.
    const cut =
      src.path !== null && scorer.mergeable && parallelWorthwhile(size)
        ? (sink: ByteSink, enc: Encoding, read: number): number | null => {
            const sheet = sink as SheetStream;
            if (enc !== 'utf8' || !sheet.plain || sheet.headerCells === null || scorer.bail) return null;
            // A little past the middle: the worker starts later (it loads the program) and merging waits for it.
            const from = lineStartAfter(src.path!, Math.floor(size * 0.55));
            // The cut must lie past what the first chunk already gave this thread.
            if (from === null || from <= read) return null;
            half = startHalfReader({ path: src.path!, from, to: size, header: sheet.headerCells, delimiter: opts.delimiter, policy: opts.policy, semester: opts.semester });
            return half ? from : null;
          }
        : undefined;
    half = null;
    const r = streamSource(src, { forced: opts.encoding, makeSink: (enc) => new SheetStream(scorer, enc, opts.delimiter), progress, cut });
    if (r.stdin) stdin = r.stdin;
    if (!r.ok) {
      (half as HalfReader | null)?.cancel();
      return { semesters: null, rows: scorer.rows, stdin, reason: 'bytes to decode in detail' };
    }
    const reader = half as HalfReader | null;
    if (r.cutAt !== null && reader && r.sink) {
      const sheet = r.sink as SheetStream;
      debugPhase(`first half read (${r.cutAt} bytes)`);
      if (sheet.plain && !scorer.bail) {
        // The first half had no quote: the cut was a record's end, and the worker's sums count.
        sheet.end();
        const state = reader.result();
        debugPhase('second half received');
        if (state) scorer.merge(state);
        else streamRest(src.path!, r.cutAt, sheet);
        debugPhase('merged');
      } else {
        reader.cancel();
        if (!scorer.bail) streamRest(src.path!, r.cutAt, sheet);
      }
      progress.done = progress.done + (size - r.cutAt);
    }
    if (scorer.bail && !sources.some((s) => s.path === null)) break;
  }
  let roster: RosterEntry[] | null = null;
  if (!scorer.bail && opts.roster !== null) {
    const problems = new Problems();
    roster = loadRoster(opts.roster, sources.length, opts, problems);
    if (problems.list.length > 0) return { semesters: null, rows: scorer.rows, stdin, reason: 'roster problems' };
  }
  const semesters = scorer.finish(roster);
  return { semesters, rows: scorer.rows, stdin, reason: semesters ? null : (scorer.bail?.reason ?? 'a whole-picture check') };
}
