/** Reading the policy: `--policy FILE`, else evaluate.config.json in the working folder, else the rules. */
import { closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY, type Policy, validatePolicy } from '../core/policy.js';
import { UsageError } from '../errors.js';
import { fileProblem } from '../i18n/files.js';
import type { Lang } from '../i18n/index.js';
import { policyWords } from '../i18n/policy.js';
import { printable } from '../render/format.js';
import { scanJson } from './json-scan.js';
import { pause } from './pause.js';

export const CONFIG_NAME = 'evaluate.config.json';

/** A policy is a few lines; anything above this is the wrong file (or a device that never ends). */
export const POLICY_MAX_BYTES = 1024 * 1024;

/** How long a pipe may stay silent before we stop waiting for it. */
const PIPE_PATIENCE_MS = 2000;

export interface PolicySource {
  policy: Policy;
  /** The file it came from, or null for the built-in rules. */
  file: string | null;
}

export interface PolicyOptions {
  cwd?: string;
  lang?: Lang;
}

export function loadPolicy(explicit: string | undefined, opts: PolicyOptions = {}): PolicySource {
  const cwd = opts.cwd ?? process.cwd();
  const lang = opts.lang ?? 'en';
  const w = policyWords(lang);
  const file = explicit ?? (existsSync(join(cwd, CONFIG_NAME)) ? CONFIG_NAME : null);
  if (file === null) return { policy: structuredClone(DEFAULT_POLICY), file: null };
  const name = printable(file);
  let read: ReturnType<typeof readCapped>;
  try {
    read = readCapped(explicit ? file : join(cwd, file), POLICY_MAX_BYTES);
  } catch (e) {
    throw new UsageError(w.cannotRead(name, fileProblem(e, lang)));
  }
  if (read.tooBig) throw new UsageError(w.tooBig(name, read.size === null ? null : `${(read.size / 1024 / 1024).toFixed(1)} MB`));
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError(w.empty(name));
  const scan = scanJson(text);
  if (scan.error) {
    const { line, column, kind, found } = scan.error;
    throw new UsageError(`${name}:${line}:${column}: error: ${printable(w.notJson(w.syntax(kind, found)))}`);
  }
  if (scan.duplicates.length > 0) {
    throw new UsageError(scan.duplicates.map((d) => `${name}:${d.line}:${d.column}: error: ${printable(w.duplicate(d.path, d.firstLine, d.line))}`).join('\n'));
  }
  const json: unknown = JSON.parse(text);
  const { policy, errors } = validatePolicy(json, { lang, raw: (key) => scan.raw.get(key) });
  if (errors.length > 0) {
    throw new UsageError(errors.map((e) => `${name}: error: ${printable(e)}`).join('\n'));
  }
  return { policy, file };
}

/**
 * The file's bytes, at most `limit` of them: a regular file over the limit is refused by its size,
 * unread; a device or a pipe is read until the limit (so /dev/zero stops at once) and opened
 * without waiting for a writer (a FIFO nobody writes to reads as empty instead of hanging).
 */
function readCapped(path: string, limit: number): { tooBig: false; bytes: Buffer } | { tooBig: true; size: number | null } {
  const st = statSync(path);
  if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
  if (st.isFile() && st.size > limit) return { tooBig: true, size: st.size };
  const fd = openSync(path, st.isFile() ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    let waitedSince = 0;
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // A pipe with a writer that has not written yet: wait a little, but not for ever.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        waitedSince ||= Date.now();
        if (Date.now() - waitedSince > PIPE_PATIENCE_MS) throw e;
        pause(10);
        continue;
      }
      waitedSince = 0;
      if (got === 0) break;
      total += got;
      if (total > limit) return { tooBig: true, size: st.isFile() ? total : null };
      chunks.push(Buffer.from(buf.subarray(0, got)));
    }
    return { tooBig: false, bytes: Buffer.concat(chunks) };
  } finally {
    closeSync(fd);
  }
}
