/**
 * Reading one big sheet on two cores. The main thread reads the first half; a worker thread reads
 * from the first line end after the middle to the end, into a scorer of its own, and sends its sums
 * back to be merged (StreamingScorer.merge). The cut is only trusted when the first half was read
 * line by line without a quote: then that line end was a record's end. Otherwise the worker's work
 * is dropped and the main thread reads on from the cut itself, so the result never depends on it.
 *
 * Only the built program does this (the bin leaves its own path on globalThis for the worker to
 * run); the sources, as the tests import them, read on one thread.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { MessagePort, Worker } from 'node:worker_threads';
import { type ScorerState, StreamingScorer } from '../core/accumulate.js';
import type { Policy } from '../core/policy.js';
import { SheetStream } from './sheet-stream.js';

/** Below this a second thread costs more than it saves (its start is ~30 ms). */
const PARALLEL_MIN_BYTES = 24 << 20;
const CHUNK = 1 << 20;
/** The worker's argument that makes the program a reader (cli.ts checks for it). */
const WORKER_FLAG = '--evaluate-read-worker';

/** What the worker is given. */
interface Task {
  path: string;
  from: number;
  to: number;
  header: string[];
  delimiter: string;
  policy: Policy;
  semester: string | null;
  port: MessagePort;
  /** [0] set to 1 when the answer is on the port; [1] KB read (also a sign of life); [2] rows. */
  shared: SharedArrayBuffer;
}

/** The worker reading the second half, as the main thread sees it. */
export interface HalfReader {
  /** Waits for the worker's sums (null if it failed); afterwards the worker is gone. */
  result(): ScorerState | null;
  /** Bytes and rows the worker has read so far, for the progress line. */
  progress(): { bytes: number; rows: number };
  /** Drops the worker's work. */
  cancel(): void;
}

function binPath(): string | null {
  return (globalThis as { __evaluateBin?: string }).__evaluateBin ?? null;
}

/**
 * Whether a sheet of `size` bytes is worth a second thread here. EVALUATE_ONE_THREAD=1 turns the
 * second thread off, and EVALUATE_PARALLEL_MIN_BYTES lowers the size (for tests of small sheets).
 */
export function parallelWorthwhile(size: number): boolean {
  const min = Number(process.env.EVALUATE_PARALLEL_MIN_BYTES) || PARALLEL_MIN_BYTES;
  return binPath() !== null && size >= min && !process.env.EVALUATE_ONE_THREAD && process.getBuiltinModule('node:os').availableParallelism() >= 2;
}

/**
 * Reads path[from, to) in 1 MB chunks (one buffer, reused: `each` copies what it keeps), while
 * `each` returns true; `each` gets the chunk and the offset after it.
 */
export function readRange(path: string, from: number, to: number, each: (bytes: Uint8Array, at: number) => boolean): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let at = from; at < to; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, to - at), at);
      if (n === 0) break;
      at += n;
      if (!each(buf.subarray(0, n), at)) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** The first byte after the first line end at or after `at`, or null if there is none soon. */
export function lineStartAfter(path: string, at: number): number | null {
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

/** Starts a worker reading path[from, to) as data lines under `header`. */
export function startHalfReader(task: Omit<Task, 'port' | 'shared'>): HalfReader | null {
  const bin = binPath();
  if (bin === null) return null;
  // Loaded here only: worker_threads costs ~2 ms of every start otherwise.
  const threads = process.getBuiltinModule('node:worker_threads');
  const { port1, port2 } = new threads.MessageChannel();
  const shared = new SharedArrayBuffer(12);
  const flags = new Int32Array(shared);
  let worker: Worker;
  try {
    worker = new threads.Worker(bin, { argv: [WORKER_FLAG], workerData: { ...task, port: port2, shared }, transferList: [port2], stdout: false, stderr: false });
  } catch {
    return null;
  }
  worker.unref();
  // A worker that fails is seen by its silence below (its 'error' event could not reach a waiting thread).
  worker.on('error', () => {});
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    result() {
      // The worker always answers (see runHalfReader), unless it never started or died (out of
      // memory): then it stops making progress, and after 10 s of that the main thread reads the
      // rest itself.
      let last = -1;
      let still = 0;
      while (Atomics.load(flags, 0) === 0 && still < 100) {
        Atomics.wait(flags, 0, 0, 100);
        const now = Atomics.load(flags, 1);
        still = now === last ? still + 1 : 0;
        last = now;
      }
      const got = Atomics.load(flags, 0) === 1 ? threads.receiveMessageOnPort(port1) : undefined;
      stop();
      return (got?.message as ScorerState | null | undefined) ?? null;
    },
    progress() {
      return { bytes: Atomics.load(flags, 1) * 1024, rows: Atomics.load(flags, 2) };
    },
    cancel: stop,
  };
}

/** The worker's side: read the range, send the sums, always answer. */
export function runHalfReader(task: Task): void {
  const flags = new Int32Array(task.shared);
  let state: ScorerState | null = null;
  try {
    const scorer = new StreamingScorer(task.policy, task.semester);
    const sheet = new SheetStream(scorer, 'utf8', task.delimiter);
    sheet.header(task.header);
    readRange(task.path, task.from, task.to, (bytes, at) => {
      sheet.push(bytes);
      Atomics.store(flags, 1, Math.floor((at - task.from) / 1024));
      Atomics.store(flags, 2, scorer.rows);
      return !scorer.bail;
    });
    sheet.end();
    // For the test of a worker that fails: the main thread must read the rest itself.
    if (process.env.EVALUATE_TEST_READER_FAILS) throw new Error('told to fail');
    state = scorer.exportState();
  } catch (e) {
    state = null;
    if (process.env.EVALUATE_DEBUG) process.stderr.write(`evaluate: reader thread: ${(e as Error).stack}\n`);
  }
  task.port.postMessage(state, state ? [state.data, state.masks, state.texts, state.idBytes, state.idEnd].map((a) => a.buffer as ArrayBuffer) : []);
  task.port.close();
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
}
