/**
 * A big input read on two cores. The inputs are cut in two at a line's start a little after the
 * middle of their bytes (inside one file, or at a file's start): this thread reads the first part
 * into the tally; a reader thread (reader-thread.ts) reads the second into a tally of its own, which
 * this thread then merges (Tally.merge): the people, raters and cells it found, added as if this
 * thread had read its rows after its own. The cut is trusted only when this thread, having read up
 * to it, stands between two records in the encoding the other thread assumed, and the merge only
 * when both parts agree on every name, post and role; otherwise this thread reads the second part
 * itself, so the result never depends on the second thread.
 *
 * Only the built program does this (the bin leaves its own path on globalThis for the thread to
 * run); the sources, as the tests import them, read on one thread.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { ProblemLog, ProblemLogData, FileRef } from '../core/problems.js';
import { DENSE_MAX, SPARSE_REF, type Tally, type TallyMaps, type TallyState } from '../core/tally.js';
import type { Encoding } from './encoding.js';
import { type LineCount, countFrom } from './mixed-encoding.js';
import { SourceReading, type SourceRead } from './read-source.js';
import { RefusedRows, type RefusedRowsData } from './refused-rows.js';
import type { FileReading, SheetOptions, SheetParser } from './sheet-parser.js';
import type { Source } from './sources.js';
import type { Texts } from './texts.js';

/** Below this a second thread costs more than it saves (its start is ~30 ms). */
const PARALLEL_MIN_BYTES = 24 << 20;
/**
 * Where the cut is, as a share of the bytes: the other thread starts later (it loads the program),
 * then reads as fast as this one. On the machine of 2026-12-01 (a thread's start 60-120 ms) 0.56 was
 * the best of 0.52, 0.55, 0.56, 0.58 and 0.6 over the bench's shapes; on that of 2026-12-02 (a
 * thread begins 30-65 ms after it is made) the thread read its part 60-80 ms before this thread on
 * a 1M-row sheet and 100-180 ms before on a year's two, at 0.56; 0.52 was as fast or faster on every
 * shape and on the year (7 alternating runs each: the year 57 ms less, GBK 43, grouped 0-21), and
 * 0.50 no faster than 0.52.
 */
const CUT_SHARE = 0.52;
/** The reader thread's argument that makes the program a reader (cli.ts checks for it). */
export const WORKER_FLAG = '--evaluate-read-worker';

export interface Split {
  fileIndex: number;
  /** The first byte of the second part in that file (0: the whole file is in the second part). */
  offset: number;
}

export type ThreadOptions = SheetOptions & { encoding: Encoding | null; keepScores: boolean };

/** What the reader thread is given. */
export interface ThreadTask {
  sources: Source[];
  split: Split;
  /** The bytes of its part, from the cut to the end of the last input (the sizes the cut was found with). */
  bytes: number;
  opts: ThreadOptions;
  port: MessagePort;
  /** [0] set to 1 when the answer is on the port; [1] KB read (also a sign of life); [2] rows. */
  shared: SharedArrayBuffer;
}

/** One file's part as the reader thread read it. */
export interface ThreadFile extends FileReading {
  order: number;
  ok: boolean;
  /** The cut file: the encoding the thread read its part in, its mixed-encoding count, and whether a quote was left open. */
  startEncoding: Encoding | null;
  mixed: LineCount | null;
  unclosedQuote: boolean;
  /** Whether any row gave a score. */
  scored: boolean;
}

export interface ThreadResult {
  tally: TallyState;
  texts: { keys: Uint8Array; ends: Int32Array; shown: [number, string][] }[];
  problems: ProblemLogData;
  files: ThreadFile[];
  /** When the thread began its task and when it had read its part (`now()`), for the debug line. */
  began: number;
  read: number;
}

/** Milliseconds on one clock for every thread of the process (each thread's performance.now() starts with it). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

function binPath(): string | null {
  return (globalThis as { __evaluateBin?: string }).__evaluateBin ?? null;
}

/**
 * Where to cut the inputs, or null to read them on one thread: EVALUATE_ONE_THREAD=1 turns the
 * second thread off, and EVALUATE_PARALLEL_MIN_BYTES lowers the size (for tests of small sheets).
 */
export function splitPoint(sources: Source[], sizes: number[]): Split | null {
  const min = Number(process.env.EVALUATE_PARALLEL_MIN_BYTES) || PARALLEL_MIN_BYTES;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (binPath() === null || total < min || process.env.EVALUATE_ONE_THREAD) return null;
  if (sources.some((s) => s.path === null)) return null;
  if (process.getBuiltinModule('node:os').availableParallelism() < 2) return null;
  let at = Math.floor(total * CUT_SHARE);
  for (let i = 0; i < sources.length; i++) {
    if (at >= sizes[i]!) {
      at -= sizes[i]!;
      continue;
    }
    // A file starting near the cut is cut at its start.
    if (at < 1 << 16) return { fileIndex: i, offset: 0 };
    const start = lineStartAfter(sources[i]!.path!, at);
    if (start !== null && start < sizes[i]!) return { fileIndex: i, offset: start };
    return i + 1 < sources.length ? { fileIndex: i + 1, offset: 0 } : null;
  }
  return null;
}

/** The first byte after the first line end at or after `at`, or null if there is none soon. */
function lineStartAfter(path: string, at: number): number | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, at);
    const lf = buf.subarray(0, n).indexOf(10);
    return lf < 0 ? null : at + lf + 1;
  } finally {
    closeSync(fd);
  }
}

/** One file, or both parts of the cut file, done: what the reading says of it. */
export interface FinishedFile extends FileReading {
  file: FileRef;
  /** Its SHA-256, when it was hashed as it was read (a seal asks; never in two threads). */
  sha256: string | null;
}

/** The first part on this thread, the second on a reader thread; then the second's tally merged. */
export interface ParallelReading {
  /** The file the cut is in (files after it are the thread's). */
  fileIndex: number;
  /** Reads this thread's part of the cut file (nothing when the cut is at its start). */
  readFirstPart(file: FileRef, parser: SheetParser, log: ProblemLog, progress: (bytes: number) => void): void;
  /**
   * Waits for the thread and merges its tally; returns its files (the cut file's rest where it was
   * trusted). `rest` reads a whole file here (after the thread failed, or could not be merged).
   */
  finish(tally: Tally, texts: Texts, log: ProblemLog, rest: (file: FileRef) => { parser: SheetParser; read: SourceRead }, waiting?: () => void): FinishedFile[];
  /** The bytes and rows the thread has read so far (for the progress line); none once its answer is taken. */
  elsewhere(): { bytes: number; rows: number };
}

/** Starts the reader thread on the second part; null if it cannot start. */
export function readInParallel(sources: Source[], sizes: number[], split: Split, opts: ThreadOptions): ParallelReading | null {
  const bin = binPath();
  if (bin === null) return null;
  // Loaded here only: worker_threads costs ~2 ms of every start otherwise.
  const threads = process.getBuiltinModule('node:worker_threads');
  const { port1, port2 } = new threads.MessageChannel();
  const shared = new SharedArrayBuffer(12);
  const flags = new Int32Array(shared);
  let worker;
  try {
    let bytes = -split.offset;
    for (let i = split.fileIndex; i < sizes.length; i++) bytes += sizes[i]!;
    const task: ThreadTask = { sources, split, bytes, opts, port: port2, shared };
    // A small young generation: the thread keeps its rows in typed arrays, and the memory of the
    // whole process (both threads) is what a batch user sees (about 25 MB less on 1M rows).
    worker = new threads.Worker(bin, { argv: [WORKER_FLAG], workerData: task, transferList: [port2], stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  } catch {
    return null;
  }
  const made = now();
  worker.unref();
  // A thread that fails is seen by its silence (its 'error' event cannot reach a waiting thread).
  worker.on('error', () => {});
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  let first: { reading: SourceReading; parser: SheetParser; file: FileRef } | null = null;

  let answered = false;
  const wait = (waiting?: () => void): ThreadResult | null => {
    // The thread always answers, unless it never started or died (out of memory): then it stops
    // making progress, and after 10 s of that this thread reads the rest itself.
    let last = -1;
    let still = 0;
    while (Atomics.load(flags, 0) === 0 && still < 100) {
      Atomics.wait(flags, 0, 0, 100);
      waiting?.();
      const now = Atomics.load(flags, 1);
      still = now === last ? still + 1 : 0;
      last = now;
    }
    const got = Atomics.load(flags, 0) === 1 ? threads.receiveMessageOnPort(port1) : undefined;
    answered = true;
    stop();
    return (got?.message as ThreadResult | null | undefined) ?? null;
  };

  return {
    fileIndex: split.fileIndex,
    readFirstPart(file, parser, log, progress) {
      if (split.offset === 0) return;
      const src = sources[split.fileIndex]!;
      const reading = new SourceReading(src, file, { encoding: opts.encoding, delimiter: opts.delimiter, progress }, parser, log);
      reading.read(split.offset);
      first = { reading, parser, file };
    },
    elsewhere() {
      return answered ? { bytes: 0, rows: 0 } : { bytes: Atomics.load(flags, 1) * 1024, rows: Atomics.load(flags, 2) };
    },
    finish(tally, texts, log, rest, waiting) {
      debug(`first part read (${split.offset} bytes of file ${split.fileIndex + 1})`);
      const firstRead = now();
      const result = wait(waiting);
      debug(result ? `second part received (${result.tally.rows} rows; ${result.tally.stride} slots a person, ${result.tally.sparseCount} cells outside them; ${balance(result.began - made, result.read - firstRead)})` : 'second part failed: read here');
      const cut = first as { reading: SourceReading; parser: SheetParser; file: FileRef } | null;
      const cutFile = result?.files.find((f) => f.order === split.fileIndex) ?? null;
      const base = cut ? cut.reading.reader.line - 1 : 0;
      const maps = (r: ThreadResult): TallyMaps => {
        const [staff, rater, name, post] = r.texts.map((t, k) => texts.tables[k]!.take(t)) as [Int32Array, Int32Array, Int32Array, Int32Array];
        return { staff, rater, name, post, line: (file, line) => (cut && file === split.fileIndex ? line + base : line) };
      };
      // The thread's part counts only if this thread stopped between records, in the encoding the
      // thread read in, the thread left no quote open, and both parts agree on names, posts, roles.
      const trustedCut =
        cut === null || (cut.reading.atBoundary && cutFile !== null && cutFile.ok && !cutFile.unclosedQuote && cutFile.startEncoding === cut.reading.encoding);
      const m = result && trustedCut ? maps(result) : null;
      const merge = result !== null && m !== null && tally.canMerge(result.tally, m);
      const out: FinishedFile[] = [];
      if (!result || !merge) {
        debug('second part read again here');
        // Read the second part here: the rest of the cut file, then the files after it.
        if (cut) {
          cut.reading.read();
          const r = cut.reading.end();
          if (r.ok) cut.parser.finish();
          out.push({ file: cut.file, sha256: null, ...cut.parser.reading(r.bytes) });
        }
        for (let i = cut ? split.fileIndex + 1 : split.fileIndex; i < sources.length; i++) {
          const file = { name: sources[i]!.name, order: i };
          const done = rest(file);
          out.push({ file, sha256: done.read.sha256, ...done.parser.reading(done.read.bytes) });
        }
        return out;
      }
      const merged = tally.merge(result.tally, m!);
      debug('second part merged');
      const s = result.tally;
      const personOf = (ref: number) => (ref >= SPARSE_REF ? s.sparsePerson[ref - SPARSE_REF]! : Math.floor(ref / DENSE_MAX));
      const nameThen = (p: number, name: number) => (name >= 0 ? m!.name[name]! : merged.nameBefore[p]!);
      // What a file's refused rows tell, by this thread's numbers (after those of its first part, read here).
      const refusedHere = (data: RefusedRowsData, mine?: RefusedRowsData) => {
        const r = new RefusedRows();
        if (mine) r.addAll(mine);
        r.addAll(data, m!);
        return r.export();
      };
      // The thread's numbers in its problems' arguments as this thread's (each read before any is rewritten).
      log.append(result.problems, m!.line, (kind, a) => {
        const n = a as number[];
        if (kind === 'scored-twice') {
          const cell = n[1]!;
          n[1] = merged.cellRef(cell);
          n[2] = nameThen(personOf(cell), n[2]!);
        } else if (kind === 'two-names') {
          n[0] = merged.persons[n[0]!]!;
          n[1] = m!.name[n[1]!]!;
          n[2] = m!.name[n[2]!]!;
        } else if (kind === 'two-posts') {
          const person = n[0]!;
          n[0] = merged.persons[person]!;
          n[1] = m!.post[n[1]!]!;
          n[2] = m!.post[n[2]!]!;
          n[3] = nameThen(person, n[3]!);
        } else if (kind === 'two-roles') {
          const person = n[3]!;
          n[0] = m!.rater[n[0]!]!;
          n[3] = merged.persons[person]!;
          n[4] = nameThen(person, n[4]!);
        }
      });
      for (const f of result.files) {
        if (f.order === split.fileIndex && cut) {
          // The cut file: both parts' counts; the file's end judged on both parts.
          const r = cut.reading.end(f.mixed ? countFrom(f.mixed, base) : null);
          const counts = cut.parser.counts;
          counts.read += f.counts.read;
          counts.used += f.counts.used;
          counts.rejected += f.counts.rejected;
          if (r.ok) cut.parser.finish();
          const ignored = bothParts([...cut.parser.ignored.values()], f.ignored, base);
          const disagreeing = bothParts(cut.parser.disagreeing(), f.disagreeing, base);
          const blank = cut.parser.blank && !f.scored ? cut.parser.columns!.line : null;
          out.push({ file: cut.file, sha256: null, counts, ignored, disagreeing, refused: refusedHere(f.refused, cut.parser.refused.export()), methodColumns: f.methodColumns, nameColumn: f.nameColumn, bytes: r.bytes + f.bytes, blankAt: blank });
          continue;
        }
        out.push({ file: { name: sources[f.order]!.name, order: f.order }, sha256: null, counts: f.counts, ignored: f.ignored, disagreeing: f.disagreeing, refused: refusedHere(f.refused), methodColumns: f.methodColumns, nameColumn: f.nameColumn, bytes: f.bytes, blankAt: f.blankAt });
      }
      return out;
    },
  };
}

/**
 * Rows counted per semester in both parts of the cut file (the rows year leaves out, the rows that
 * disagree with --semester): this thread's, then the thread's added, its first row's line made the
 * file's (`base`, the lines before the cut) where this part had none of that semester.
 */
function bothParts<T extends { semester: string; line: number; rows: number }>(mine: T[], theirs: readonly T[], base: number): T[] {
  for (const t of theirs) {
    const same = mine.find((x) => x.semester === t.semester);
    if (same) same.rows += t.rows;
    else mine.push({ ...t, line: t.line + base });
  }
  return mine;
}

/**
 * How the two threads shared the reading, for the debug line: how long the thread took to start (a
 * worker's start, slower while this thread reads), and which part was read first and by how much
 * (the cut, CUT_SHARE, is fixed before either is read).
 */
function balance(start: number, later: number): string {
  const ms = (x: number) => Math.round(Math.abs(x));
  return `the thread began ${ms(start)} ms after it was made and read its part ${ms(later)} ms ${later > 0 ? 'after' : 'before'} this thread read its own`;
}

/** With EVALUATE_DEBUG set: a phase of the two-thread reading, on standard error. */
export function debug(what: string): void {
  if (process.env.EVALUATE_DEBUG) process.stderr.write(`evaluate: ${what}: ${Math.round(performance.now())} ms\n`);
}
