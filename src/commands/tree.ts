/**
 * Folders with their subfolders, for `history` and `batch`: every `*.csv` below a folder, in one
 * sorted order, and the ones that cannot be read (a folder named x.csv, a dangling link, a file
 * without read permission, a FIFO) named apart, so that batch can make them a center's problems.
 */
import { type Dirent, accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { byCodePoint } from '../core/report.js';

/** Why a `*.csv` below a folder cannot be read: an errno code, or `folder` / `not-a-file`. */
export interface Unreadable {
  file: string;
  reason: string;
}

export interface Tree {
  /** Readable `*.csv` files, as `join(folder, relative path)`, sorted by that path. */
  files: string[];
  unreadable: Unreadable[];
}

const isCsv = (name: string) => name.toLowerCase().endsWith('.csv');

/**
 * The `*.csv` files under `folder`, with subfolders. Names starting with `.` are left out (a
 * `.git`, an editor's or a sync tool's hidden copies), and so are the folders in `skip` (real
 * paths: batch's --out-dir inside ROOT). A folder reached twice through links is read once.
 */
export function csvTree(folder: string, skip: ReadonlySet<string> = new Set()): Tree {
  const files: string[] = [];
  const unreadable: Unreadable[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real) || skip.has(real)) return;
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ file: dir, reason: (e as NodeJS.ErrnoException).code ?? 'EIO' });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let st;
      try {
        st = statSync(path);
      } catch (e) {
        // A dangling link (or one that loops): a problem when it claims to be a sheet.
        if (isCsv(entry.name)) unreadable.push({ file: path, reason: (e as NodeJS.ErrnoException).code ?? 'ENOENT' });
        continue;
      }
      if (st.isDirectory()) {
        if (isCsv(entry.name)) unreadable.push({ file: path, reason: 'folder' });
        else walk(path);
        continue;
      }
      if (!isCsv(entry.name)) continue;
      if (!st.isFile()) {
        unreadable.push({ file: path, reason: 'not-a-file' });
        continue;
      }
      try {
        accessSync(path, constants.R_OK);
      } catch (e) {
        unreadable.push({ file: path, reason: (e as NodeJS.ErrnoException).code ?? 'EACCES' });
        continue;
      }
      files.push(path);
    }
  };
  walk(folder);
  files.sort(byCodePoint);
  unreadable.sort((a, b) => byCodePoint(a.file, b.file));
  return { files, unreadable };
}

/** The immediate subfolders of `root` (names, sorted; hidden ones and `skip` left out). */
export function subfolders(root: string, skip: ReadonlySet<string> = new Set()): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .filter((e) => {
      try {
        return statSync(join(root, e.name)).isDirectory() && !skip.has(realpathSync(join(root, e.name)));
      } catch {
        return false;
      }
    })
    .map((e) => e.name)
    .sort(byCodePoint);
}

/** Why a sheet cannot be read, in the words of the language. */
export function unreadableText(reason: string, w: { unreadable: Record<string, string>; unreadableOther: (code: string) => string }): string {
  return Object.hasOwn(w.unreadable, reason) ? w.unreadable[reason]! : w.unreadableOther(reason);
}
