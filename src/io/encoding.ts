/**
 * The one encoding detection: UTF-8 (with or without BOM) or GBK/GB18030, from a sheet's first
 * chunk of bytes (the whole sheet when it is small), or as `--encoding` says. Anything else (UTF-16,
 * a workbook, binary, a forced encoding that does not fit, rows pasted in from a sheet of the other
 * encoding) is a problem with the line it starts on, never a page of replacement characters.
 */
import { isUtf8 } from 'node:buffer';
import type { ProblemArgs } from '../core/problems.js';
import { GbkToUtf8 } from './gbk.js';
import { countLines } from './mixed-encoding.js';

export type Encoding = 'utf8' | 'gb18030';

export function parseEncoding(name: string): Encoding | null {
  const n = name.trim().toLowerCase().replace(/[-_]/g, '');
  if (n === 'utf8') return 'utf8';
  if (n === 'gbk' || n === 'gb18030' || n === 'gb2312' || n === 'cp936') return 'gb18030';
  return null;
}

/** A problem that makes a sheet unreadable as a whole: its kind, arguments and line. */
export type EncodingProblem = {
  [K in EncodingKind]: { line: number; kind: K; args: ProblemArgs[K] };
}[EncodingKind];
type EncodingKind = 'not-text-utf16' | 'not-text-workbook' | 'not-text-utf16-nobom' | 'not-text-nul' | 'cut-short' | 'mixed-encoding' | 'not-utf8' | 'not-gbk' | 'neither-encoding';

export type Decoded = { ok: true; text: string; encoding: Encoding } | ({ ok: false } & EncodingProblem);

function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 10) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  // The usual answer (valid) from Node's native check; the loop below only finds where it fails.
  if (isUtf8(buf)) return -1;
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** NUL bytes in a sheet's first 64 KiB that make it a binary file (fewer, apart: a cell's fault, said at its column). */
const BINARY_NULS = 8;

/**
 * Where a binary file's first NUL byte is, or -1: two NULs side by side, or BINARY_NULS of them, in
 * the first 64 KiB (a PNG's header, a workbook's records). A stray NUL in a text sheet is no reason
 * to call it binary: SPEC makes it an error at its cell (FILE:LINE:COLUMN), as the reader says it.
 */
function looksBinary(buf: Uint8Array): number {
  const end = Math.min(buf.length, 65536);
  // indexOf is native: a JS loop runs interpreted on the small sheets where start-up counts.
  const first = buf.indexOf(0);
  if (first < 0 || first >= end) return -1;
  let n = 0;
  for (let at = first; at >= 0 && at < end; at = buf.indexOf(0, at + 1)) {
    if ((at + 1 < end && buf[at + 1] === 0) || ++n >= BINARY_NULS) return first;
  }
  return -1;
}

/**
 * What makes a file unreadable as CSV text, judged from its first bytes: UTF-16, an Excel workbook,
 * NUL bytes. The detailed reader words it; the streaming reader gives up on the same files.
 */
export function unreadable(buf: Uint8Array): EncodingProblem | null {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return { line: 1, kind: 'not-text-utf16', args: [] };
  }
  const workbook = workbookKind(buf);
  if (workbook) return { line: 1, kind: 'not-text-workbook', args: [workbook] };
  if (looksUtf16(buf)) return { line: 1, kind: 'not-text-utf16-nobom', args: [] };
  const nul = looksBinary(buf);
  if (nul >= 0) return { line: lineAt(buf, nul), kind: 'not-text-nul', args: [] };
  return null;
}

/** How a sheet's bytes are to be read, or why they cannot be. */
export type Detected = { ok: true; encoding: Encoding; bom: number } | ({ ok: false } & EncodingProblem);

/**
 * The encoding of a sheet from its first bytes: `whole` when they are the whole sheet (then every
 * check is made on all of it), else the first chunk of a longer one (a character cut at the chunk's
 * end is no reason to doubt UTF-8; what comes later is checked as it is read).
 */
export function detect(buf: Uint8Array, forced: Encoding | null, whole: boolean): Detected {
  const problem = unreadable(buf);
  if (problem) return { ok: false, ...problem };
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = bom ? buf.subarray(3) : buf;
  if (forced === 'utf8' || forced === null) {
    const bad = firstInvalidUtf8(body);
    if (bad < 0 || (!whole && bad >= body.length - 3 && cutAtEnd(body, bad))) return { ok: true, encoding: 'utf8', bom };
    if (forced === null && whole && cutShort(body, bad)) return { ok: false, line: lineAt(body, bad), kind: 'cut-short', args: [] };
    if (forced === null && !bom) {
      // Mostly UTF-8 Chinese text, some lines not UTF-8: rows pasted in from a GBK sheet.
      const lines = countLines(body);
      if (lines.mixed) return { ok: false, line: lines.firstInvalidLine, kind: 'mixed-encoding', args: [lines.firstInvalidByte] };
    }
    if (forced === 'utf8' || bom) {
      const gbkOk = !bom && gbkDecodes(body, whole);
      return { ok: false, line: lineAt(body, bad), kind: 'not-utf8', args: [body[bad]!, gbkOk ? 1 : 0] };
    }
  }
  if (gbkDecodes(body, whole)) return { ok: true, encoding: 'gb18030', bom };
  return { ok: false, line: notGbkLine(body, whole), kind: forced === 'gb18030' ? 'not-gbk' : 'neither-encoding', args: [] };
}

/**
 * The line of the first bytes that are not GBK (GB18030), read as the reading of a GBK sheet reads
 * them (io/gbk.ts), so that a sheet read whole and one read in chunks name the same line. A sheet
 * neither UTF-8 nor GBK is most often a GBK one with a line from elsewhere (a UTF-8 sheet's rows
 * pasted in, where most lines being UTF-8 is said as mixed encoding first): that line, not the first
 * GBK line, is the one to look at; with --encoding gbk, the line that is not GBK.
 */
function notGbkLine(body: Uint8Array, whole: boolean): number {
  const g = new GbkToUtf8(1);
  g.push(body);
  if (whole && g.badLine < 0) g.end();
  return g.badLine >= 0 ? g.badLine : lineAt(body, body.length);
}

/** A whole sheet's bytes as text, or why they cannot be read (for small files read at once). */
export function decode(buf: Uint8Array, forced: Encoding | null): Decoded {
  const d = detect(buf, forced, true);
  if (!d.ok) return d;
  const body = buf.subarray(d.bom);
  return { ok: true, text: new TextDecoder(d.encoding === 'utf8' ? 'utf-8' : 'gb18030', { ignoreBOM: true }).decode(body), encoding: d.encoding };
}

/** The bytes from `bad` to the end are the start of one UTF-8 character (a chunk cut in the middle of it). */
export function cutAtEnd(buf: Uint8Array, bad: number): boolean {
  const b = buf[bad]!;
  const need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xc2 && b <= 0xdf ? 1 : 0;
  if (need === 0 || bad + need < buf.length) return false;
  for (let i = bad + 1; i < buf.length; i++) if ((buf[i]! & 0xc0) !== 0x80) return false;
  return true;
}

/** The only bad UTF-8 is the start of a character at the very end, after lines of UTF-8 text. */
function cutShort(buf: Uint8Array, bad: number): boolean {
  const b = buf[bad]!;
  const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 ? 1 : 0;
  if (need === 0 || bad + need < buf.length) return false;
  for (let i = bad + 1; i < buf.length; i++) if ((buf[i]! & 0xc0) !== 0x80) return false;
  // Some UTF-8 text before it, or a GBK file could end the same way.
  return buf.subarray(0, bad).some((c) => c >= 0x80);
}

/** `.xlsx` (a zip file) or `.xls` (an OLE compound file), by their first bytes. */
function workbookKind(buf: Uint8Array): string | null {
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return '.xlsx';
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) return '.xls';
  return null;
}

/**
 * UTF-16 without a byte order mark: a CSV is mostly ASCII (digits, separators), which UTF-16 writes
 * as a character and a NUL byte, so NULs fill one of the two byte positions and not the other.
 */
function looksUtf16(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4 || buf.subarray(0, n).indexOf(0) < 0) return false;
  const nuls = [0, 0];
  for (let i = 0; i < n; i++) if (buf[i] === 0) nuls[i & 1]!++;
  const pairs = n / 2;
  const [many, few] = nuls[0]! > nuls[1]! ? [nuls[0]!, nuls[1]!] : [nuls[1]!, nuls[0]!];
  return many >= pairs * 0.3 && few <= pairs * 0.02;
}

/** Whether the bytes are GB18030 text (a first chunk may end in the middle of a character). */
function gbkDecodes(buf: Uint8Array, whole = true): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(buf, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}
