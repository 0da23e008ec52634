/**
 * Writing one file per staff member into a folder (`evaluate notices --out-dir DIR`), all or
 * nothing: every file is first written beside its place under a temporary name, then each is put
 * in place (a hard link, which refuses a file that appeared meanwhile, unless --force); a failure
 * removes every file of this run, and the folder if the run created it. A signal (Ctrl-C) during
 * the writing waits for it to end (the writing is synchronous and a listener defers the signal to
 * the event loop), so that it cannot leave half of the files or a temporary one; then the run stops.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { reportWords } from '../i18n/report.js';
import { fileProblem } from '../i18n/files.js';
import { makeFolders, onStop, refuseInput } from './output.js';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A staff id as a file name: every character outside [0-9A-Za-z._-] percent-encoded (its UTF-8
 * bytes), a leading `_` for a name Windows reserves (CON, NUL, COM1, ...; checked before the first
 * dot, as Windows does) or one that starts with a dot.
 */
export function fileNameOf(staffId: string, ext: string): string {
  let name = '';
  for (const byte of Buffer.from(staffId, 'utf8')) {
    const c = String.fromCharCode(byte);
    name += /[0-9A-Za-z._-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (name.startsWith('.') || RESERVED.test(name.split('.')[0]!)) name = `_${name}`;
  return `${name}.${ext}`;
}

export interface OutDirPlan {
  dir: string;
  files: { staffId: string; path: string }[];
}

/**
 * Checks before anything is rendered: DIR is not a file, no two staff share a file name (compared
 * without case, as Windows and macOS do), no file is an input, and none exists unless --force.
 */
export function planOutDir(dir: string, staffIds: string[], ext: string, force: boolean, inputs: (string | null)[], lang: Lang): OutDirPlan {
  const e = reportWords[lang].error;
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(e.outDirNotFolder(dir));
  const byName = new Map<string, string>();
  const files = staffIds.map((staffId) => {
    const name = fileNameOf(staffId, ext);
    const other = byName.get(name.toLowerCase());
    if (other !== undefined) throw new UsageError(e.sameFileName(other, staffId, join(dir, name)));
    byName.set(name.toLowerCase(), staffId);
    return { staffId, path: join(dir, name) };
  });
  for (const f of files) refuseInput(f.path, inputs);
  if (!force) {
    const existing = files.filter((f) => existsSync(f.path)).map((f) => f.path);
    if (existing.length) throw new UsageError(e.outDirExists(existing.slice(0, 5), Math.max(0, existing.length - 5)));
  }
  return { dir, files };
}

function writeFileFully(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Puts a written temporary file in place: never over an existing file without --force. */
function commit(tmp: string, path: string, force: boolean): void {
  if (force) {
    renameSync(tmp, path);
    return;
  }
  try {
    linkSync(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    // A file system without hard links (FAT, some network shares): check, then rename.
    if (existsSync(path)) throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
    renameSync(tmp, path);
    return;
  }
  unlinkSync(tmp);
}

/** Writes every file of the plan, all or none. A failure is a usage error (exit 2) naming the file. */
export function writeOutDir(plan: OutDirPlan, contents: readonly (string | Uint8Array)[], force: boolean, lang: Lang): void {
  const e = reportWords[lang].error;
  const dir = resolve(plan.dir);
  const temps: string[] = [];
  const placed: string[] = [];
  let created: string | undefined;
  const stamp = `${process.pid}.${Date.now().toString(36)}`;
  const cleanUp = () => {
    for (const p of [...placed, ...temps]) {
      try {
        unlinkSync(p);
      } catch {
        // already gone
      }
    }
    // Remove the folders this run created, innermost first, if they are empty.
    if (created) {
      for (let d = dir; d.length >= created.length; d = dirname(d)) {
        try {
          rmdirSync(d);
        } catch {
          break;
        }
      }
    }
  };
  // A signal waits for the synchronous writing below, then ends the run (nothing to remove then).
  const released = onStop();
  let current = plan.dir;
  try {
    created = makeFolders(dir);
    plan.files.forEach((f, i) => {
      current = f.path;
      const tmp = join(dir, `.${basename(f.path).slice(0, 120)}.${stamp}.${i}.tmp`);
      temps.push(tmp);
      writeFileFully(tmp, contents[i]!);
    });
    plan.files.forEach((f, i) => {
      current = f.path;
      commit(temps[i]!, f.path, force);
      placed.push(f.path);
    });
  } catch (err) {
    cleanUp();
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EEXIST' ? e.outDirExists([current], 0) : e.cannotWrite(current, fileProblem(err, lang)));
  } finally {
    // A signal that came during the writing is delivered on the next turn of the event loop.
    released();
  }
}
