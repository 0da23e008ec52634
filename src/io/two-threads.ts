/**
 * A big input read on two cores. The inputs are cut in two at a line's start (inside one file, or at
 * a file's start): this thread reads the first part into the tally; a reader thread
 * (reader-thread.ts) reads the second into a tally of its own, which this thread then merges
 * (Tally.merge): the people, raters and cells it found, added as if this thread had read its rows
 * after its own. The cut is trusted only when this thread, having read up to it, stands between two
 * records in the encoding the other thread assumed, and the merge only when both parts agree on every
 * name, post and role; otherwise this thread reads the second part itself, so the result never
 * depends on the second thread.
 *
 * Where the cut falls is decided when the thread has started, not before: this thread begins at
 * once and claims the bytes it is about to read, a chunk at a time; the thread, once running, cuts
 * what is left about in half (cutFor), after the bytes claimed. A thread's start takes 30-150 ms, by
 * the machine's moment: a cut fixed before the reading left one thread waiting for the other for
 * as long, either way. A thread that starts too late to help (little left) takes no part.
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
import { pause } from './pause.js';
import type { SourceReading, SourceRead } from './read-source.js';
import { RefusedRows, type RefusedRowsData } from './refused-rows.js';
import type { FileReading, SheetOptions, SheetParser } from './sheet-parser.js';
import { CHUNK, type Source } from './sources.js';
import type { Texts } from './texts.js';

/** Below this a second thread costs more than it saves (its start is ~30 ms). */
const PARALLEL_MIN_BYTES = 24 << 20;
/**
 * This thread's share of the bytes left when the thread cuts: both read on from there, this one with
 * its code already warm (the thread's own copy of it warms up as it reads).
 */
const REST_SHARE = 0.54;
/** Left to read when the thread starts, below which it takes no part (its tally's merge would cost more than it saves). */
const REST_MIN_SHARE = 1 / 4;
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
  /** The inputs' sizes when the reading began (the cut is found with them). */
  sizes: number[];
  opts: ThreadOptions;
  port: MessagePort;
  /** The words both threads read and write (ANSWERED, KB, ROWS, CLAIM, CUT_FILE), then the cut's offset. */
  shared: SharedArrayBuffer;
}

/** The shared words: set to 1 when the answer is on the port; the KB the thread has read (also a sign of life); its rows. */
export const ANSWERED = 0;
export const KB = 1;
export const ROWS = 2;
/**
 * What this thread has claimed: at least 0, the first KB of the inputs (all files one after the other)
 * that it may read, the thread not having cut yet; then CUT (CUT_FILE and the offset after the words
 * say where), or NO_CUT (this thread reads everything: the thread started too late, or this thread
 * has read all).
 */
const CLAIM = 3;
const CUT_FILE = 4;
const CUT = -1;
const NO_CUT = -2;
/** The byte where the cut's offset (a number of up to 2^53) is kept. */
const CUT_OFFSET_AT = 24;

/**
 * The reader thread's side of the cut: where it cuts the inputs, after what this thread has claimed
 * (claimed again and cut again if this thread claimed more meanwhile); null when it takes no part.
 */
export function takeCut(task: ThreadTask): Split | null {
  const words = new Int32Array(task.shared, 0, CUT_OFFSET_AT / 4);
  for (;;) {
    const claimed = Atomics.load(words, CLAIM);
    if (claimed < 0) return null;
    const cut = cutFor(task.sources, task.sizes, claimed * 1024);
    if (cut !== null) {
      // Written before the claim word changes, which the other thread reads first.
      Atomics.store(words, CUT_FILE, cut.fileIndex);
      new Float64Array(task.shared, CUT_OFFSET_AT, 1)[0] = cut.offset;
    }
    if (Atomics.compareExchange(words, CLAIM, claimed, cut === null ? NO_CUT : CUT) === claimed) {
      Atomics.notify(words, CLAIM);
      return cut;
    }
  }
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

/** The size from which the inputs are read on two threads (EVALUATE_PARALLEL_MIN_BYTES lowers it, for tests of small sheets). */
function minBytes(): number {
  return Number(process.env.EVALUATE_PARALLEL_MIN_BYTES) || PARALLEL_MIN_BYTES;
}

/** Whether to read the inputs on two threads: big enough, all files, two cores; EVALUATE_ONE_THREAD=1 says no. */
export function twoThreads(sources: Source[], sizes: number[]): boolean {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (binPath() === null || total < minBytes() || process.env.EVALUATE_ONE_THREAD) return false;
  if (sources.some((s) => s.path === null)) return false;
  return process.getBuiltinModule('node:os').availableParallelism() >= 2;
}

/**
 * Where the thread cuts the inputs when this thread has claimed their first `claimed` bytes (all files
 * one after the other): REST_SHARE of what is left after them, at the next line's start, or at a
 * file's start near that; null when too little is left, or no line starts soon after that point.
 */
export function cutFor(sources: Source[], sizes: number[], claimed: number): Split | null {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total - claimed < Math.min(minBytes(), PARALLEL_MIN_BYTES) * REST_MIN_SHARE || claimed >= total) return null;
  let at = claimed + Math.floor((total - claimed) * REST_SHARE);
  let start = 0;
  for (let i = 0; i < sources.length; i++) {
    if (at >= sizes[i]!) {
      at -= sizes[i]!;
      start += sizes[i]!;
      continue;
    }
    // A file starting near the cut, and not yet begun here, is cut at its start.
    if (at < 1 << 16 && start >= claimed) return { fileIndex: i, offset: 0 };
    const line = lineStartAfter(sources[i]!.path!, at);
    if (line !== null && line < sizes[i]!) return { fileIndex: i, offset: line };
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
  /**
   * How far this thread may read file `i` from byte `offset` on: the next chunk's bytes claimed,
   * or, the thread having cut, up to the cut (0: the file is the thread's from its start; Infinity:
   * to its end).
   */
  until(i: number, offset: number): number;
  /** Whether the cut is inside file `i`: this thread has read up to it, and the thread reads on from there. */
  cutInside(i: number): boolean;
  /** The cut file's first part, read here up to the cut: its end is judged in finish(), with the thread's part. */
  keepFirstPart(file: FileRef, reading: SourceReading, parser: SheetParser): void;
  /**
   * Waits for the thread and merges its tally; returns its files (the cut file's rest where it was
   * trusted). `rest` reads a whole file here (after the thread failed, or could not be merged).
   * Nothing when this thread read everything (the thread took no part).
   */
  finish(tally: Tally, texts: Texts, log: ProblemLog, rest: (file: FileRef) => { parser: SheetParser; read: SourceRead }, waiting?: () => void): FinishedFile[];
  /** The bytes and rows the thread has read so far (for the progress line); none once its answer is taken. */
  elsewhere(): { bytes: number; rows: number };
}

/**
 * Starts the reader thread, which cuts the inputs when it has started (takeCut); null if it cannot
 * start. For tests: with EVALUATE_TEST_FIXED_CUT=1 this thread waits for the cut before reading, which
 * is then where cutFor puts it with nothing claimed (tests place what they test on either side of
 * it); EVALUATE_TEST_SLOW_CLAIMS=MS makes this thread pause after each claim (the thread then cuts
 * part of the way through).
 */
export function readInParallel(sources: Source[], sizes: number[], opts: ThreadOptions): ParallelReading | null {
  const bin = binPath();
  if (bin === null) return null;
  // Loaded here only: worker_threads costs ~2 ms of every start otherwise.
  const threads = process.getBuiltinModule('node:worker_threads');
  const { port1, port2 } = new threads.MessageChannel();
  const shared = new SharedArrayBuffer(CUT_OFFSET_AT + 8);
  const flags = new Int32Array(shared, 0, CUT_OFFSET_AT / 4);
  // Where each file's bytes begin, all files one after the other (the claims count in those).
  const starts: number[] = [];
  let sum = 0;
  for (const size of sizes) {
    starts.push(sum);
    sum += size;
  }
  let worker;
  try {
    const task: ThreadTask = { sources, sizes, opts, port: port2, shared };
    // A small young generation: the thread keeps its rows in typed arrays, and the memory of the
    // whole process (both threads) is what a batch user sees (about 25 MB less on 1M rows).
    worker = new threads.Worker(bin, { argv: [WORKER_FLAG], workerData: task, transferList: [port2], stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  } catch {
    return null;
  }
  const made = now();
  let fixedWait = process.env.EVALUATE_TEST_FIXED_CUT === '1' ? 100 : 0;
  const slowClaims = Number(process.env.EVALUATE_TEST_SLOW_CLAIMS) || 0;
  let decided: Split | null = null;
  /** The cut, once the thread has made it. */
  const cutMade = (): Split | null => {
    if (decided === null && Atomics.load(flags, CLAIM) === CUT) decided = { fileIndex: Atomics.load(flags, CUT_FILE), offset: new Float64Array(shared, CUT_OFFSET_AT, 1)[0]! };
    return decided;
  };
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
    while (Atomics.load(flags, ANSWERED) === 0 && still < 100) {
      Atomics.wait(flags, ANSWERED, 0, 100);
      waiting?.();
      const now = Atomics.load(flags, KB);
      still = now === last ? still + 1 : 0;
      last = now;
    }
    const got = Atomics.load(flags, ANSWERED) === 1 ? threads.receiveMessageOnPort(port1) : undefined;
    answered = true;
    stop();
    return (got?.message as ThreadResult | null | undefined) ?? null;
  };

  return {
    until(i, offset) {
      const from = starts[i]! + offset;
      // In KB, rounded up: the next chunk's bytes at least.
      const want = Math.ceil((from + CHUNK) / 1024);
      for (;;) {
        const claimed = Atomics.load(flags, CLAIM);
        if (claimed === NO_CUT) return Infinity;
        if (claimed === CUT) {
          const c = cutMade()!;
          return c.fileIndex === i ? c.offset : c.fileIndex > i ? Infinity : 0;
        }
        if (fixedWait > 0) {
          // A test's fixed cut: nothing read here before the thread has cut (10 s at most).
          fixedWait--;
          Atomics.wait(flags, CLAIM, claimed, 100);
          continue;
        }
        if (claimed >= want) return offset + (claimed * 1024 - from);
        if (Atomics.compareExchange(flags, CLAIM, claimed, want) === claimed) {
          // A test's slow reading, so that the thread cuts while this one is part of the way through.
          if (slowClaims > 0) pause(slowClaims);
          return offset + (want * 1024 - from);
        }
      }
    },
    cutInside(i) {
      const c = cutMade();
      return c !== null && c.fileIndex === i && c.offset > 0;
    },
    keepFirstPart(file, reading, parser) {
      first = { reading, parser, file };
    },
    elsewhere() {
      return answered ? { bytes: 0, rows: 0 } : { bytes: Atomics.load(flags, KB) * 1024, rows: Atomics.load(flags, ROWS) };
    },
    finish(tally, texts, log, rest, waiting) {
      // This thread read up to the cut, or everything: then no cut is made after this.
      for (let claimed = Atomics.load(flags, CLAIM); claimed >= 0; claimed = Atomics.load(flags, CLAIM)) {
        if (Atomics.compareExchange(flags, CLAIM, claimed, NO_CUT) === claimed) break;
      }
      const split = cutMade();
      if (split === null) {
        debug('everything read here: the thread started too late to take a part');
        answered = true;
        stop();
        return [];
      }
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
          const ignored = bothParts([...cut.parser.ignored.values()], f.ignored, base, (d) => d.semester);
          const disagreeing = bothParts(cut.parser.disagreeing(), f.disagreeing, base, (d) => d.semester);
          const blanks = bothParts(cut.parser.blanks(), f.blanks, base, (b) => b.kind);
          const blank = cut.parser.blank && !f.scored ? cut.parser.columns!.line : null;
          out.push({ file: cut.file, sha256: null, counts, ignored, disagreeing, blanks, refused: refusedHere(f.refused, cut.parser.refused.export()), methodColumns: f.methodColumns, nameColumn: f.nameColumn, bytes: r.bytes + f.bytes, blankAt: blank });
          continue;
        }
        out.push({ file: { name: sources[f.order]!.name, order: f.order }, sha256: null, counts: f.counts, ignored: f.ignored, disagreeing: f.disagreeing, blanks: f.blanks, refused: refusedHere(f.refused), methodColumns: f.methodColumns, nameColumn: f.nameColumn, bytes: f.bytes, blankAt: f.blankAt });
      }
      return out;
    },
  };
}

/**
 * Rows counted per semester or kind in both parts of the cut file (the rows year leaves out, the
 * rows that disagree with --semester, the rows with a blank staff id, rater or semester): this
 * thread's, then the thread's added, its first row's line made the file's (`base`, the lines
 * before the cut) where this part had none of that `key`.
 */
function bothParts<T extends { line: number; rows: number }>(mine: T[], theirs: readonly T[], base: number, key: (x: T) => string): T[] {
  for (const t of theirs) {
    const same = mine.find((x) => key(x) === key(t));
    if (same) same.rows += t.rows;
    else mine.push({ ...t, line: t.line + base });
  }
  return mine;
}

/**
 * How the two threads shared the reading, for the debug line: how long the thread took to start (a
 * worker's start, slower while this thread reads), and which part was read first and by how much
 * (the cut, made when the thread starts, shares what is left by REST_SHARE).
 */
function balance(start: number, later: number): string {
  const ms = (x: number) => Math.round(Math.abs(x));
  return `the thread began ${ms(start)} ms after it was made and read its part ${ms(later)} ms ${later > 0 ? 'after' : 'before'} this thread read its own`;
}

/** With EVALUATE_DEBUG set: a phase of the two-thread reading, on standard error. */
export function debug(what: string): void {
  if (process.env.EVALUATE_DEBUG) process.stderr.write(`evaluate: ${what}: ${Math.round(performance.now())} ms\n`);
}
