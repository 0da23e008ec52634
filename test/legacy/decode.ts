/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/io/decode.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare the pipeline's problems
 * (file, line, column, severity, message) and reports with it, so that messages stay exactly as
 * they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/**
 * Turning a sheet's bytes into text: UTF-8 (with or without BOM) or GBK/GB18030, detected, or as
 * `--encoding` says. Anything else (UTF-16, binary, a forced encoding that does not fit) is a
 * problem with the line it starts on, never a page of replacement characters.
 */
import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf8' | 'gb18030';

export function parseEncoding(name: string): Encoding | null {
  const n = name.trim().toLowerCase().replace(/[-_]/g, '');
  if (n === 'utf8') return 'utf8';
  if (n === 'gbk' || n === 'gb18030' || n === 'gb2312' || n === 'cp936') return 'gb18030';
  return null;
}

export type Decoded = { ok: true; text: string; encoding: Encoding; warning?: { line: number; message: string } } | { ok: false; line: number; message: string };

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

/** The first NUL of a binary file: in the first 64 KiB, two NULs in a row or eight in all (a stray NUL is a cell's error). */
function looksBinary(buf: Uint8Array): number {
  const head = buf.subarray(0, 65536);
  const nuls: number[] = [];
  head.forEach((b, i) => {
    if (b === 0) nuls.push(i);
  });
  const binary = nuls.length >= 8 || nuls.some((at, k) => nuls[k + 1] === at + 1);
  return binary ? nuls[0]! : -1;
}

/**
 * What makes a file unreadable as CSV text, judged from its first bytes: UTF-16, an Excel workbook,
 * NUL bytes. The detailed reader words it; the streaming reader gives up on the same files.
 */
export function unreadable(buf: Uint8Array): { line: number; message: string } | null {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return { line: 1, message: 'the file is UTF-16 text (as some Excel versions save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead' };
  }
  const workbook = workbookKind(buf);
  if (workbook) {
    return { line: 1, message: `the file is an Excel workbook (${workbook}), not CSV: in Excel choose Save As, "CSV UTF-8 (comma delimited)"` };
  }
  if (looksUtf16(buf)) {
    return {
      line: 1,
      message: 'the file is UTF-16 text without a byte order mark (as some programs save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead',
    };
  }
  const nul = looksBinary(buf);
  if (nul >= 0) {
    return { line: lineAt(buf, nul), message: 'the file is not text (it holds NUL bytes); is it an .xlsx or another binary file? Save the sheet as CSV' };
  }
  return null;
}

export function decode(buf: Uint8Array, forced: Encoding | null): Decoded {
  const problem = unreadable(buf);
  if (problem) return { ok: false, ...problem };
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const tryUtf8 = forced === 'utf8' || (forced === null);
  if (tryUtf8) {
    const bad = firstInvalidUtf8(body);
    if (bad < 0) return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: 'utf8' };
    if (forced === null && cutShort(body, bad)) {
      return {
        ok: false,
        line: lineAt(body, bad),
        message: 'the file ends in the middle of a character: was it cut short while copying or saving? Save it again',
      };
    }
    const mixed = forced === null && !bom ? mixedLine(body) : -1;
    if (mixed >= 0) {
      return {
        ok: false,
        line: lineAt(body, mixed),
        message: `this line is not UTF-8 (byte 0x${body[mixed]!.toString(16).padStart(2, '0')}), but most of the file is: was it pasted from a GBK sheet? Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the file is GBK`,
      };
    }
    if (forced === 'utf8' || bom) {
      const gbkOk = !bom && gbkDecodes(body);
      return {
        ok: false,
        line: lineAt(body, bad),
        message: `the file is not valid UTF-8 here (byte 0x${body[bad]!.toString(16).padStart(2, '0')})${gbkOk ? '; it reads as GBK: leave out --encoding or give --encoding gbk' : ''}`,
      };
    }
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    // Lines of UTF-8 Chinese text in a GBK sheet (pasted from a UTF-8 one) come out as other characters.
    if (forced === null) {
      const m = new MixedLines();
      m.push(body);
      m.end();
      if (m.utf8Lines > 0) {
        const lines = m.utf8Lines;
        const message = `this line is UTF-8 Chinese text (${lines === 1 ? 'the only such line' : `the first of ${lines} such lines`}), but the rest of the file is GBK, and it was read as GBK: if it was pasted from a UTF-8 sheet, its Chinese comes out as other characters. Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the line is right as it is`;
        return { ok: true, text, encoding: 'gb18030', warning: { line: lineAt(body, m.firstUtf8), message } };
      }
    }
    return { ok: true, text, encoding: 'gb18030' };
  } catch {
    return {
      ok: false,
      line: firstLineNotGbk(body),
      message: forced === 'gb18030'
        ? 'the file is not valid GBK/GB18030 text; leave out --encoding to detect UTF-8'
        : 'the file is neither UTF-8 nor GBK text; save the sheet as "CSV UTF-8"',
    };
  }
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

// A byte order mark is kept (not dropped as at a text's start): a line that holds one is not Chinese text,
// as GbkToUtf8's count has it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** ASCII, CJK ideographs, CJK and general punctuation, full-width forms: what a Chinese sheet holds. */
const CHINESE_TEXT = /^[ -~\t\r\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*$/;

/**
 * A file whose lines are mostly UTF-8 Chinese text (counting lines with non-ASCII text) but some
 * are not: rows pasted from a GBK sheet into a UTF-8 one. Read whole as GBK, its UTF-8 lines would
 * turn into other characters without a word, so this is an error: the offset of the first bad
 * byte, or -1. Exported so that a reader deciding the encoding from the bytes (the streaming path)
 * can agree.
 */
export function mixedLine(buf: Uint8Array): number {
  const m = new MixedLines();
  m.push(buf);
  return m.end();
}

/**
 * mixedLine over a file that arrives in chunks (the streaming path): lines cut by a chunk are
 * joined before they are counted, so the verdict is the one the whole file would get.
 */
export class MixedLines {
  private valid = 0;
  private invalid = 0;
  private first = -1;
  /** The offset of the first line that is UTF-8 Chinese text, or -1. */
  firstUtf8 = -1;

  /** Lines that are UTF-8 Chinese text. */
  get utf8Lines(): number {
    return this.valid;
  }
  private offset = 0;
  private carry: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    let buf = chunk;
    let base = this.offset;
    if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      base -= this.carry.length;
    }
    this.offset += chunk.length;
    let start = 0;
    for (;;) {
      const end = buf.indexOf(10, start);
      if (end < 0) break;
      this.line(buf, start, end, base);
      start = end + 1;
    }
    this.carry = buf.slice(start);
  }

  /** The offset of the first byte of the first non-UTF-8 line where the file is mixed, or -1. */
  end(): number {
    if (this.carry.length > 0) this.line(this.carry, 0, this.carry.length, this.offset - this.carry.length);
    this.carry = new Uint8Array(0);
    return this.invalid > 0 && this.valid >= this.invalid ? this.first : -1;
  }

  private line(buf: Uint8Array, start: number, end: number, base: number): void {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return;
    const line = buf.subarray(start, end);
    const bad = firstInvalidUtf8(line);
    if (bad < 0) {
      // GBK bytes can happen to be valid UTF-8 (楼 is C2 A5, "¥"), but hardly ever Chinese text.
      if (CHINESE_TEXT.test(utf8.decode(line))) {
        this.valid++;
        if (this.firstUtf8 < 0) this.firstUtf8 = base + start;
      }
    } else {
      this.invalid++;
      if (this.first < 0) this.first = base + start + bad;
    }
  }
}

function gbkDecodes(buf: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** The number of the first line whose bytes, read alone, are not GBK (no GBK character holds a line feed). */
function firstLineNotGbk(body: Uint8Array): number {
  const gbk = new TextDecoder('gb18030', { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const nl = body.indexOf(10, start);
    const end = nl < 0 ? body.length : nl;
    try {
      gbk.decode(body.subarray(start, end));
    } catch {
      return line;
    }
    if (nl < 0) return line;
    start = nl + 1;
  }
}
