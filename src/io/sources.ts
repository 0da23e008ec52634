/**
 * The inputs a command names: files, `-` for standard input, folders standing for their *.csv files;
 * and reading one of them in chunks, once, from its start (or from a byte on, for a thread that
 * reads a big sheet's second half).
 */
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const STDIN_NAME = '<stdin>';

export interface Source {
  /** As the user named it, for messages. */
  name: string;
  /** The file system path, or null for standard input. */
  path: string | null;
}

/** Expands the sheet arguments: `-` is standard input, a folder stands for its *.csv files. */
export function expandSources(args: string[]): Source[] {
  const out: Source[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdin) throw new UsageError('standard input (-) is named twice');
      stdin = true;
      out.push({ name: STDIN_NAME, path: null });
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch {
      throw new UsageError(`cannot read sheet "${arg}": no such file or folder`);
    }
    if (st.isDirectory()) {
      const files = readdirSync(arg)
        .filter((f) => f.toLowerCase().endsWith('.csv'))
        .sort();
      if (files.length === 0) throw new UsageError(`the folder "${arg}" has no .csv files`);
      for (const f of files) out.push({ name: join(arg, f), path: join(arg, f) });
    } else {
      out.push({ name: arg, path: arg });
    }
  }
  return out;
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
  private readonly seekable: boolean;
  /** Bytes read so far (from `from`). */
  offset: number;
  /** Whether the end was reached. */
  done = false;

  constructor(
    readonly src: Source,
    from = 0,
    private readonly to = Infinity,
  ) {
    try {
      this.fd = src.path === null ? 0 : openSync(src.path, 'r');
    } catch (e) {
      throw new UsageError(`cannot read "${src.name}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    this.seekable = src.path !== null && fstatSync(this.fd).isFile();
    this.offset = from;
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
        else throw new UsageError(`cannot read "${this.src.name}": ${code ?? (e as Error).message}`);
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
