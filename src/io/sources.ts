/**
 * The inputs a command names: files, `-` for standard input, folders standing for their *.csv files;
 * and reading one of them in chunks, once, from its start (or from a byte on, for a thread that
 * reads a big sheet's second half).
 */
import { type Stats, accessSync, closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from '../errors.js';
import { fileProblem, sheetWords } from '../i18n/files.js';
import type { Lang } from '../i18n/index.js';

export const STDIN_NAME = '<stdin>';

export interface Source {
  /** As the user named it, for messages. */
  name: string;
  /** The file system path, or null for standard input. */
  path: string | null;
  /** A file named before (the same file by device and inode, under any name): that name. Read once. */
  sameAs?: string;
  /** A file named before with the same bytes (a sheet saved again under another name): that name. Read once. */
  copyOf?: string;
}

/**
 * Expands the sheet arguments: `-` is standard input, a folder stands for its *.csv files. A name
 * that cannot be read, or a folder's *.csv entry that is not a file to read (a folder, a link to
 * nothing, a pipe: a pipe would block the reading), is a usage error naming it and saying why.
 * `roster`, the --roster file, is not one of a folder's sheets: it is often kept beside them. A
 * file named again (a folder and a file in it, a glob and a name) comes again with `sameAs`, the
 * name it had first, and a copy of a file named before (the same bytes under another name: a sheet
 * saved twice) with `copyOf`: the reading reads it once and says so.
 */
export function expandSources(args: string[], lang: Lang = 'en', roster: string | null = null): Source[] {
  const w = sheetWords(lang);
  let rosterFile: Stats | null = null;
  try {
    if (roster !== null) rosterFile = statSync(roster);
  } catch {
    // A roster that cannot be read is said where it is read; no sheet is it.
  }
  const out: Source[] = [];
  const named = new Map<string, string>();
  /** Regular files by size: those of one size are compared byte for byte. */
  const bySize = new Map<number, string[]>();
  const add = (name: string, st: Stats) => {
    const key = `${st.dev}:${st.ino}`;
    const first = named.get(key);
    if (first !== undefined) {
      out.push({ name, path: name, sameAs: first });
      return;
    }
    named.set(key, name);
    // (Only a regular file with bytes: a pipe read here would be lost to the reading.)
    const comparable = st.isFile() && st.size > 0;
    const same = comparable ? (bySize.get(st.size) ?? []) : [];
    const copyOf = same.find((other) => sameBytes(other, name));
    if (copyOf !== undefined && namedAsCopy(copyOf) && !namedAsCopy(name)) {
      // The one named before is the copy (学生乙 - 副本.csv sorts before 学生乙.csv): this one is read.
      for (const s of out) if (s.name === copyOf || s.copyOf === copyOf) Object.assign(s, { copyOf: name });
      bySize.set(st.size, same.map((x) => (x === copyOf ? name : x)));
      out.push({ name, path: name });
      return;
    }
    if (comparable && copyOf === undefined) bySize.set(st.size, [...same, name]);
    out.push(copyOf === undefined ? { name, path: name } : { name, path: name, copyOf });
  };
  let stdin = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdin) throw new UsageError(w.stdinTwice);
      stdin = true;
      out.push({ name: STDIN_NAME, path: null });
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      throw new UsageError(w.cannotRead(arg, fileProblem(e, lang)));
    }
    if (!st.isDirectory()) {
      add(arg, st);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(arg);
    } catch (e) {
      throw new UsageError(w.cannotRead(arg, fileProblem(e, lang)));
    }
    const files = names.filter((f) => f.toLowerCase().endsWith('.csv')).sort();
    if (files.length === 0) throw new UsageError(w.noCsv(arg));
    const bad: string[] = [];
    for (const f of files) {
      const path = join(arg, f);
      try {
        const entry = statSync(path);
        if (entry.isDirectory()) bad.push(w.inFolder(path, w.isFolder));
        else if (!entry.isFile()) bad.push(w.inFolder(path, w.notFile));
        else if (rosterFile === null || entry.dev !== rosterFile.dev || entry.ino !== rosterFile.ino) {
          accessSync(path, constants.R_OK);
          add(path, entry);
        }
      } catch (e) {
        bad.push(w.inFolder(path, fileProblem(e, lang)));
      }
    }
    if (bad.length > 0) throw new UsageError([w.notSheets(arg), ...bad].join('\n'));
  }
  return out;
}

/** Whether a file's name says it is a copy (王主任 - 副本.csv, 王主任(1).csv, Copy of x.csv, x - Copy.csv). */
function namedAsCopy(path: string): boolean {
  const name = basename(path).replace(/\.[^.]*$/, '');
  return /副本|复制|拷贝|\bcopy\b|[(（]\d+[)）]$/iu.test(name);
}

/**
 * Whether two files of one size hold the same bytes, read side by side until they differ (most
 * differ in their first block; a file that cannot be read is said to differ: its reading says why).
 */
function sameBytes(a: string, b: string): boolean {
  let fa = -1;
  let fb = -1;
  try {
    fa = openSync(a, 'r');
    fb = openSync(b, 'r');
    const x = Buffer.allocUnsafe(1 << 16);
    const y = Buffer.allocUnsafe(1 << 16);
    for (let at = 0; ; ) {
      const n = readSync(fa, x, 0, x.length, at);
      const m = readSync(fb, y, 0, y.length, at);
      if (n !== m || x.compare(y, 0, m, 0, n) !== 0) return false;
      if (n === 0) return true;
      at += n;
    }
  } catch {
    return false;
  } finally {
    if (fa >= 0) closeSync(fa);
    if (fb >= 0) closeSync(fb);
  }
}

/** The size of a source in bytes (0 for standard input or what cannot be stated). */
export function sizeOf(src: Source): number {
  if (src.path === null) return 0;
  try {
    return statSync(src.path).size;
  } catch {
    return 0;
  }
}

export const CHUNK = 1 << 20;

/** An open source, read in chunks into one buffer (each chunk valid until the next read). */
export class ChunkReader {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  /** A regular file is read at offsets; standard input, a pipe or a device as it comes. */
  readonly seekable: boolean;
  /** Bytes read so far (from `from`). */
  offset: number;
  /** Whether the end was reached. */
  done = false;

  constructor(
    readonly src: Source,
    from = 0,
    private readonly to = Infinity,
    private readonly lang: Lang = 'en',
  ) {
    try {
      this.fd = src.path === null ? 0 : openSync(src.path, 'r');
    } catch (e) {
      throw new UsageError(sheetWords(lang).cannotRead(src.name, fileProblem(e, lang)));
    }
    this.seekable = src.path !== null && fstatSync(this.fd).isFile();
    this.offset = from;
    // `evaluate score -` typed at a terminal waits for the keyboard: say so, and how to end.
    if (src.path === null && from === 0 && process.getBuiltinModule('node:tty').isatty(0)) process.stderr.write(`${sheetWords(lang).fromKeyboard}\n`);
  }

  /** The next chunk: full (CHUNK bytes) unless the end (or byte `to`) comes first; empty at the end. */
  next(to = this.to): Uint8Array {
    let n = 0;
    const limit = Math.max(0, Math.min(CHUNK, to - this.offset));
    while (n < limit) {
      let got: number;
      try {
        got = readSync(this.fd, this.buf, n, limit - n, this.seekable ? this.offset + n : null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EOF') got = 0;
        else throw new UsageError(sheetWords(this.lang).cannotRead(this.src.name, fileProblem(e, this.lang)));
      }
      if (got === 0) {
        this.done = true;
        break;
      }
      n += got;
    }
    this.offset += n;
    if (this.offset >= this.to) this.done = true;
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, n);
  }

  close(): void {
    if (this.src.path !== null) closeSync(this.fd);
  }
}
