/**
 * Writing a report: to standard output, or to `--out`. A regular file is written to a temporary
 * file in its folder, flushed, then linked to its name, which fails when a file of that name exists
 * (also one that appeared while this run was writing: a check at the start alone would miss it),
 * or with --force renamed over it: the name holds the whole old file or the whole new one, never a
 * part. A device or a pipe (/dev/stdout, /dev/null, a FIFO) is written directly, never replaced.
 * A signal (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) during the write removes the temporary file before the process
 * ends of that signal. Every failure is a UsageError (exit 2) with the reason in words.
 */
import {
  type Stats,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { fileProblem, outWords } from '../i18n/files.js';
import { type Lang, defaultLang } from '../i18n/index.js';
import { printable } from '../render/format.js';

/**
 * What a command writes: text, bytes, or pieces of either. The pieces may be made as they are
 * written (a generator: a CSV of 200,000 people is written a megabyte at a time, never held whole);
 * they are read once.
 */
export type OutData = string | Uint8Array | Iterable<string | Uint8Array>;

/** Names of standard output itself: written to the stream, never opened or replaced. */
const STDOUT_NAMES = new Set(['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/** Where --out goes: standard output, a device or pipe written as it is, or a regular file (its real path). */
type Target = { kind: 'stdout' } | { kind: 'direct'; path: string } | { kind: 'file'; path: string; exists: boolean };

const missing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

/** Paths of the system's own files: written directly if at all, never replaced by a rename. */
function systemPath(path: string): boolean {
  return /^\/(dev|proc|sys)\//.test(resolve(path));
}

function targetOf(out: string, lang: Lang): Target {
  const w = outWords(lang);
  const name = printable(out);
  if (STDOUT_NAMES.has(out)) return { kind: 'stdout' };
  let link: Stats | null = null;
  try {
    link = lstatSync(out);
  } catch (e) {
    if (!missing(e)) throw new UsageError(w.cannot(name, fileProblem(e, lang)));
  }
  if (link === null) {
    let folder: Stats | null = null;
    try {
      folder = statSync(dirname(resolve(out)));
    } catch {
      folder = null;
    }
    if (folder && !folder.isDirectory()) throw new UsageError(w.cannot(name, fileProblem({ code: 'ENOTDIR' }, lang)));
    if (!folder) throw new UsageError(w.noFolder(name, printable(dirname(out))));
    if (systemPath(out)) throw new UsageError(w.cannot(name, fileProblem({ code: 'ENOENT' }, lang)));
    return { kind: 'file', path: out, exists: false };
  }
  let st: Stats;
  try {
    st = statSync(out);
  } catch (e) {
    // A link to nothing: writing through it would create a file elsewhere, renaming would replace the link.
    if (link.isSymbolicLink() && missing(e)) throw new UsageError(w.dangling(name, printable(readlinkSync(out))));
    throw new UsageError(w.cannot(name, fileProblem(e, lang)));
  }
  if (st.isDirectory()) throw new UsageError(w.isFolder(name));
  if (st.isFIFO() || st.isCharacterDevice() || (st.isFile() && systemPath(out))) return { kind: 'direct', path: out };
  if (!st.isFile()) throw new UsageError(w.notWritable(name));
  // Through a symbolic link, the file it points to is written and the link stays.
  return { kind: 'file', path: realpathSync(out), exists: true };
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not there yet: resolve the folder, which must exist.
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** A file's identity, whatever its path: its device and inode. */
const idOf = (s: Stats): string => `${s.dev}:${s.ino}`;

function fileId(path: string): string | null {
  try {
    return idOf(statSync(path));
  } catch {
    return null;
  }
}

/** The file standard input reads, as fileId names it (null for a pipe, a terminal, or none). */
function stdinId(): string | null {
  try {
    const s = fstatSync(0);
    return s.isFile() ? idOf(s) : null;
  } catch {
    return null;
  }
}

/**
 * Refuses to write over one of the inputs, however its path is spelt (./, .., a symlink, a hard
 * link), and over the file standard input reads when an input is `-` (`score - --out x.csv < x.csv`).
 * Exit 2.
 */
export function refuseInput(out: string, inputs: (string | null | undefined)[], lang: Lang = 'en'): void {
  if (STDOUT_NAMES.has(out)) return;
  const target = canonical(out);
  const id = fileId(out);
  for (const input of inputs) {
    const same = input === '-' ? id !== null && stdinId() === id : input && (canonical(input) === target || (id !== null && fileId(input) === id));
    if (same) {
      throw new UsageError(outWords(lang).inputFile(printable(out)));
    }
  }
}

/** Refuses an --out that would overwrite an input or an existing file (without --force), before any work. Exit 2. */
export function checkOut(out: string, force: boolean, inputs: (string | null)[], lang: Lang = 'en'): void {
  refuseInput(out, inputs, lang);
  const t = targetOf(out, lang);
  if (t.kind === 'file' && t.exists && !force) throw new UsageError(outWords(lang).exists(printable(out)));
}

/**
 * `mkdir -p`: the folders of `dir` that are missing, from the first that exists down; returns the
 * first one made (undefined: none), as mkdirSync's recursive form does. Node 20's recursive form
 * loops forever under /proc (mkdir says ENOENT there and stat says it exists, over and over, deaf
 * to SIGTERM): this one stops at the first failure, and removes what it made before it.
 */
export function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); ) {
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  const made: string[] = [];
  try {
    for (let i = missing.length - 1; i >= 0; i--) {
      mkdirSync(missing[i]!);
      made.push(missing[i]!);
    }
  } catch (e) {
    for (const m of made.reverse()) rmSync(m, { recursive: true, force: true });
    throw e;
  }
  return made[0];
}

/** Makes a folder (and the folders above it) for `out`; a failure is a usage error in words. */
export function makeFolder(folder: string, out: string, lang: Lang = 'en'): void {
  try {
    makeFolders(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // mkdir says EEXIST when a file stands where a folder is needed.
    throw new UsageError(outWords(lang).cannot(printable(out), fileProblem(code === 'EEXIST' ? { code: 'ENOTDIR' } : e, lang)));
  }
}

// ---- Signals: the temporary files being written, removed if the process is stopped meanwhile.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
type StopSignal = (typeof SIGNALS)[number];
const live = new Set<string>();
/** What else a stop removes first (onStop: batch's half-written center folders). */
const cleanups = new Set<() => void>();
let guarded = false;
const handlers = Object.fromEntries(SIGNALS.map((s) => [s, () => stopBySignal(s)])) as Record<StopSignal, () => void>;

function stopBySignal(signal: StopSignal): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
  unguard();
  // End as the signal would have ended us (the shell then shows 130 for Ctrl-C); if some other
  // part of the program listens to it too, exit with the conventional code instead.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  process.exit(128 + (process.getBuiltinModule('node:os').constants.signals[signal] ?? 0));
}

function guard(path: string): void {
  live.add(path);
  install();
}

function install(): void {
  if (guarded) return;
  guarded = true;
  for (const s of SIGNALS) process.on(s, handlers[s]);
}

function unguard(): void {
  if (!guarded) return;
  guarded = false;
  for (const s of SIGNALS) process.off(s, handlers[s]);
}

/**
 * A signal that arrives during a synchronous write is handled once the write returns: the
 * handlers stay one turn of the event loop longer, so that Ctrl-C pressed meanwhile still stops.
 */
function release(path: string): void {
  live.delete(path);
  releaseLater();
}

function releaseLater(): void {
  setImmediate(() => {
    if (live.size === 0 && cleanups.size === 0) unguard();
  });
}

/**
 * Until the returned function is called, a stop signal (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) runs
 * `cleanup` (and removes the temporary files being written) before the process ends as the signal
 * would. Synchronous work under it is let finish first: a listener defers the signal to the event
 * loop (out-dir.ts writes a folder's files so, all or none).
 */
export function onStop(cleanup: () => void = () => {}): () => void {
  cleanups.add(cleanup);
  install();
  return () => {
    cleanups.delete(cleanup);
    releaseLater();
  };
}

// ---- The temporary file and its commit.

const CHUNK = 1 << 20;

function* chunks(data: OutData): Generator<Uint8Array> {
  for (const part of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
    const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    for (let off = 0; off < buf.length; off += CHUNK) yield buf.subarray(off, Math.min(buf.length, off + CHUNK));
  }
}

function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * writeAll, but stopping where a pipe another process made non-blocking is full (EAGAIN): how many
 * bytes were written (standard output then writes the rest through its stream, as the reader reads).
 */
function writeUntilFull(fd: number, buf: Uint8Array): number {
  let off = 0;
  try {
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
  }
  return off;
}

class AppearedError extends Error {}

class TempFile {
  readonly tmp: string;
  private fd: number | null = null;

  constructor(readonly final: string) {
    this.tmp = join(dirname(final), `.${basename(final)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
    guard(this.tmp);
    try {
      this.fd = openSync(this.tmp, 'wx', 0o644);
    } catch (e) {
      release(this.tmp);
      throw e;
    }
  }

  write(buf: Uint8Array): void {
    writeAll(this.fd!, buf);
  }

  /** Flushed and closed, then given its name: linked (refusing an existing file) or renamed over it. */
  commit(replace: boolean): void {
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
    if (replace) {
      renameSync(this.tmp, this.final);
    } else {
      try {
        linkSync(this.tmp, this.final);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new AppearedError();
        // A file system without hard links (some network and FAT disks): an exclusive copy.
        if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS'].includes(code ?? '')) throw e;
        try {
          copyFileSync(this.tmp, this.final, constants.COPYFILE_EXCL);
        } catch (c) {
          if ((c as NodeJS.ErrnoException).code === 'EEXIST') throw new AppearedError();
          throw c;
        }
      }
      unlinkSync(this.tmp);
    }
    release(this.tmp);
  }

  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // closing is all we can do
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      // never made, or already gone
    }
    release(this.tmp);
  }
}

/**
 * What to throw when writing `out` failed: the file system's refusal in words; anything else (the
 * pieces are made while they are written: a fault in making them) as it is.
 */
function failure(e: unknown, out: string, lang: Lang): unknown {
  if (e instanceof UsageError) return e;
  if (!(e instanceof AppearedError) && typeof (e as NodeJS.ErrnoException | null)?.code !== 'string') return e;
  const w = outWords(lang);
  // The system's error stays the cause: a caller writing into a folder of its own words it again (batch).
  return new UsageError(e instanceof AppearedError ? w.appeared(printable(out)) : w.failed(printable(out), fileProblem(e, lang)), { cause: e });
}

function writeDirect(path: string, data: OutData): void {
  // No O_CREAT, no O_TRUNC: a device or pipe is written, not made or emptied.
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND);
  try {
    for (const buf of chunks(data)) writeAll(fd, buf);
  } finally {
    closeSync(fd);
  }
}

export interface WriteOptions {
  /** Replace an existing file (--force, or a file the command owns); otherwise a file there is refused. */
  replace: boolean;
  lang?: Lang;
}

/** Writes `out` whole or not at all (synchronously): for sheets and policies the commands write themselves. */
export function writeAtomic(out: string, data: OutData, opts: WriteOptions = { replace: true }): 'stdout' | 'direct' | 'file' {
  const lang = opts.lang ?? 'en';
  const t = targetOf(out, lang);
  let file: TempFile | null = null;
  try {
    if (t.kind === 'stdout') {
      for (const buf of chunks(data)) writeAll(1, buf);
    } else if (t.kind === 'direct') {
      writeDirect(t.path, data);
    } else {
      file = new TempFile(t.path);
      for (const buf of chunks(data)) file.write(buf);
      file.commit(opts.replace);
    }
    return t.kind;
  } catch (e) {
    file?.abort();
    throw failure(e, out, lang);
  }
}

/**
 * Writes a report to `--out` (asynchronously, a megabyte at a time, so that a signal is handled
 * while writing). `EVALUATE_DEBUG_WRITE_PAUSE_MS` pauses after the first chunk: tests use it to
 * act while the temporary file exists.
 */
export async function writeOut(out: string, data: OutData, opts: WriteOptions): Promise<'stdout' | 'direct' | 'file'> {
  const lang = opts.lang ?? 'en';
  const t = targetOf(out, lang);
  if (t.kind === 'stdout') {
    await writeStdout(data);
    return t.kind;
  }
  if (t.kind === 'direct') return writeAtomic(out, data, opts);
  const pause = Number(process.env.EVALUATE_DEBUG_WRITE_PAUSE_MS) || 0;
  let file: TempFile | null = null;
  try {
    file = new TempFile(t.path);
    let first = true;
    for (const buf of chunks(data)) {
      file.write(buf);
      await new Promise<void>((done) => setTimeout(done, first ? pause : 0));
      first = false;
    }
    file.commit(opts.replace);
    return t.kind;
  } catch (e) {
    file?.abort();
    throw failure(e, out, lang);
  }
}

/**
 * Makes writes to standard error wait for the reader when it is a pipe. Node queues writes to a
 * pipe in memory; five million problem lines piped to `less` or `grep` would take gigabytes of it.
 * (Files and terminals are written synchronously already.)
 */
export function blockingStderr(): void {
  const handle = (process.stderr as unknown as { _handle?: { setBlocking?: (on: boolean) => unknown } })._handle;
  if (typeof handle?.setBlocking === 'function') handle.setBlocking(true);
}

/**
 * What standard output is, known from fstat without making `process.stdout`: Node's stream modules,
 * which that first use loads, cost about 3 ms of a 70 ms start. A file, a pipe or /dev/null is
 * written straight to descriptor 1 (`direct`); a terminal, a socket or another device goes through
 * the stream.
 */
let stdoutKind: 'terminal' | 'direct' | 'stream' | null = null;
/** Whether `process.stdout` was made (then every write goes through it, in order). */
let stdoutMade = false;

function kindOfStdout(): 'terminal' | 'direct' | 'stream' {
  if (stdoutKind) return stdoutKind;
  try {
    const st = fstatSync(1);
    if (st.isFile() || st.isFIFO()) return (stdoutKind = 'direct');
    // `> /dev/null` (a script that wants only the exit code and the problems): a device, not a terminal.
    if (st.isCharacterDevice() && st.rdev === statSync('/dev/null').rdev) return (stdoutKind = 'direct');
  } catch {
    // No descriptor 1 to look at, or no /dev/null (Windows): the stream says what there is.
  }
  return (stdoutKind = process.stdout.isTTY === true ? 'terminal' : 'stream');
}

/** Whether standard output is a terminal. */
export function stdoutIsTerminal(): boolean {
  return kindOfStdout() === 'terminal';
}

/**
 * The width of the terminal standard output is, in columns; null for a file, a pipe or a device. A
 * terminal that does not say its width (0 columns: `script`, a serial console, some editors' shells)
 * is as wide as COLUMNS says, else of no known width: the output is whole, as for a file.
 */
export function terminalColumns(): number | null {
  if (!stdoutIsTerminal()) return null;
  const columns = process.stdout.columns;
  if (columns > 0) return columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : null;
}

/** Writes the report to standard output, piece by piece; a closed pipe (`| head`) ends the run quietly. */
export async function writeStdout(text: OutData): Promise<void> {
  for (const part of typeof text === 'string' || text instanceof Uint8Array ? [text] : text) {
    let rest = part;
    if (!stdoutMade && kindOfStdout() === 'direct') {
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      try {
        rest = bytes.subarray(writeUntilFull(1, bytes));
      } catch (e) {
        stdoutFailed(e as NodeJS.ErrnoException);
      }
      if (rest.length === 0) continue;
    }
    await new Promise<void>((done) => process.stdout.write(rest, () => done()));
  }
}

/**
 * A reader that stops reading (`evaluate score big.csv | head -1`) is not an error: exit 0, say
 * nothing. Any other failure to write standard output is (exit 2, as for --out).
 */
function stdoutFailed(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(0);
  // A full disk or a failing device behind a redirection: say so in one line, not a stack trace.
  const i = process.argv.indexOf('--lang');
  const lang = process.argv.includes('--lang=zh') || (i >= 0 && process.argv[i + 1] === 'zh') ? 'zh' : defaultLang();
  process.stderr.write(`${outWords(lang).stdoutFailed(fileProblem(e, lang))}\n`);
  process.exit(2);
}

/**
 * Failures of the stream `process.stdout` are handled as `stdoutFailed` says, from when anything
 * (a report, commander's help) first makes it: the getter is wrapped, not called, so that a run
 * that never writes through the stream never loads it.
 */
export function quietOnClosedPipe(): void {
  const made = (out: NodeJS.WriteStream): NodeJS.WriteStream => {
    if (!stdoutMade) {
      stdoutMade = true;
      out.on('error', stdoutFailed);
    }
    return out;
  };
  const d = Object.getOwnPropertyDescriptor(process, 'stdout');
  const get = d?.get;
  if (!get || !d.configurable) {
    made(process.stdout);
    return;
  }
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: d.enumerable, get: () => made(get.call(process) as NodeJS.WriteStream) });
}
