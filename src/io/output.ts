/**
 * Writing a report: to standard output, or to `--out` atomically (a temporary file in the same
 * folder, flushed, then renamed), never over an existing file without --force, never over an input.
 */
import { closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

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

/** Refuses to write over one of the inputs, however its path is spelt (./, .., a symlink). Exit 2. */
export function refuseInput(out: string, inputs: (string | null | undefined)[]): void {
  const target = canonical(out);
  for (const input of inputs) {
    if (input && canonical(input) === target) {
      throw new UsageError(`refusing to write --out ${out}: it is one of the input files`);
    }
  }
}

/** Refuses an --out that would overwrite an input or an existing file (without --force). Exit 2. */
export function checkOut(out: string, force: boolean, inputs: (string | null)[]): void {
  refuseInput(out, inputs);
  if (!existsSync(dirname(resolve(out)))) {
    throw new UsageError(`cannot write --out ${out}: the folder ${dirname(out)} does not exist`);
  }
  let st;
  try {
    st = statSync(out);
  } catch {
    st = null;
  }
  // Renaming over a device (/dev/null, /dev/stdout) or a folder would replace it, not write into it.
  if (st && !st.isFile()) {
    throw new UsageError(`cannot write --out ${out}: it is not a regular file; leave out --out to write to standard output`);
  }
  if (st && !force) {
    throw new UsageError(`--out ${out} already exists; add --force to replace it`);
  }
}

export function writeAtomic(out: string, data: string | Uint8Array | readonly (string | Uint8Array)[]): void {
  const dir = dirname(resolve(out));
  const tmp = join(dir, `.${basename(out)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    for (const part of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
      const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, out);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw new UsageError(`cannot write --out ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes the report to standard output, piece by piece; a closed pipe (`| head`) ends the run quietly. */
export async function writeStdout(text: string | Uint8Array | readonly (string | Uint8Array)[]): Promise<void> {
  for (const part of typeof text === 'string' || text instanceof Uint8Array ? [text] : text) {
    await new Promise<void>((done) => process.stdout.write(part, () => done()));
  }
}

/**
 * A reader that stops reading (`evaluate score big.csv | head -1`) is not an error: exit 0, say
 * nothing. Any other failure to write standard output is (exit 2, as for --out).
 */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    // A full disk or a failing device behind a redirection: say so in one line, not a stack trace.
    process.stderr.write(`evaluate: error: cannot write the report to standard output: ${e.code ?? e.message}\n`);
    process.exit(2);
  });
}
