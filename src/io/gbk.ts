/**
 * GBK/GB18030 sheets (what Excel saves in a Chinese locale) turned into UTF-8 bytes as they are read,
 * so that one CSV reader serves both encodings. The same pass counts the lines the mixed-encoding
 * rule needs (encoding.ts `MixedLines`): lines that are valid UTF-8 Chinese text, pasted into a GBK
 * sheet, against lines that are not UTF-8; and finds the first bytes that are not GB18030 at all.
 */

/** Two-byte codes: (lead - 0x81) * 192 + (trail - 0x40) -> UTF-16 unit; 0 where not a character. */
let table: Uint16Array | null = null;

/** The two-byte table, made once by asking the platform's decoder for every pair. */
function pairs(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(126 * 192);
  const bytes = new Uint8Array(126 * 191 * 3);
  let n = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      bytes[n++] = lead;
      bytes[n++] = trail;
      bytes[n++] = 0x0a;
    }
  }
  const parts = new TextDecoder('gb18030').decode(bytes.subarray(0, n)).split('\n');
  let k = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const s = parts[k++]!;
      if (s.length === 1 && s !== '\ufffd') t[(lead - 0x81) * 192 + (trail - 0x40)] = s.charCodeAt(0);
    }
  }
  table = t;
  return t;
}

const gb18030 = new TextDecoder('gb18030', { fatal: true });

export class GbkToUtf8 {
  /** The mixed-encoding count: non-ASCII lines that are UTF-8 Chinese text, and lines that are not UTF-8. */
  validLines = 0;
  invalidLines = 0;
  /** The first line that is not UTF-8, and the byte where it stops being UTF-8. */
  firstInvalidLine = -1;
  firstInvalidByte = 0;
  /** The first line that is UTF-8 Chinese text (in a GBK sheet: pasted from a UTF-8 one), or -1. */
  firstValidLine = -1;
  /** The first bytes that are not GB18030: their line, or -1. */
  badLine = -1;

  private line: number;
  private out = new Uint8Array(1 << 16);
  /** Bytes of a character cut by the chunk's end. */
  private held: number[] = [];
  // The current line's raw bytes read as UTF-8: any non-ASCII, still valid, still Chinese text.
  private lineAscii = true;
  private lineUtf8 = true;
  private lineChinese = true;
  private need = 0;
  private cp = 0;
  private min = 0;
  private seqByte = 0;
  private readonly t = pairs();

  constructor(firstLine = 1) {
    this.line = firstLine;
  }

  /** The UTF-8 bytes of `chunk` (valid until the next call). */
  push(chunk: Uint8Array): Uint8Array {
    if (this.out.length < chunk.length * 3 + 16) this.out = new Uint8Array(chunk.length * 3 + 16);
    const out = this.out;
    const t = this.t;
    let o = 0;
    let i = 0;
    const n = chunk.length;
    if (this.held.length > 0) {
      // Finish the character the last chunk cut (at most 4 bytes).
      while (i < n && !this.complete()) this.held.push(chunk[i++]!);
      if (!this.complete()) return out.subarray(0, 0);
      o = this.emitHeld(out, o, false);
    }
    while (i < n) {
      let b = chunk[i]!;
      if (b < 0x80) {
        // Printable ASCII in the middle of no character, or on a line already not UTF-8: nothing to
        // note for the mixed-encoding count (track would change nothing); the run copied at once.
        if (this.need === 0 || !this.lineUtf8) {
          while (b >= 0x20 && b < 0x7f) {
            out[o++] = b;
            if (++i === n) break;
            b = chunk[i]!;
          }
          if (i === n || b >= 0x80) continue;
        }
        out[o++] = b;
        if (b === 10) this.endLine();
        else this.track(b);
        i++;
        continue;
      }
      if (b === 0x80) {
        // The euro sign, as the WHATWG GBK decoder reads it.
        this.track(b);
        o = utf8(out, o, 0x20ac);
        i++;
        continue;
      }
      if (b === 0xff) {
        this.track(b);
        this.bad();
        i++;
        continue;
      }
      if (i + 1 >= n) {
        this.held = [b];
        break;
      }
      const b2 = chunk[i + 1]!;
      if (b2 >= 0x30 && b2 <= 0x39) {
        if (i + 3 >= n) {
          this.held = Array.from(chunk.subarray(i, n));
          break;
        }
        o = this.four(out, o, b, b2, chunk[i + 2]!, chunk[i + 3]!);
        i += 4;
        continue;
      }
      const u = b2 >= 0x40 && b2 !== 0x7f && b2 !== 0xff ? t[(b - 0x81) * 192 + (b2 - 0x40)]! : 0;
      this.lineAscii = false;
      if (this.lineUtf8) this.track(b);
      if (u === 0) {
        // Not a pair: the lead byte alone is bad; the next byte is read again on its own.
        this.bad();
        i++;
        continue;
      }
      if (this.lineUtf8) this.track(b2);
      o = utf8(out, o, u);
      i += 2;
    }
    return out.subarray(0, o);
  }

  /** The UTF-8 bytes of what is left at the end of the file; the last line is counted. */
  end(): Uint8Array {
    let o = 0;
    if (this.held.length > 0) o = this.emitHeld(this.out, 0, !this.complete());
    this.endLine(false);
    return this.out.subarray(0, o);
  }

  /** Bytes of a character cut by the last chunk's end, held for the next. */
  get holding(): number {
    return this.held.length;
  }

  /** Whether the file is mixed: some lines not UTF-8, but at least as many UTF-8 Chinese ones. */
  get mixed(): boolean {
    return this.invalidLines > 0 && this.validLines >= this.invalidLines;
  }

  private complete(): boolean {
    const h = this.held;
    if (h.length < 2) return false;
    return !(h[1]! >= 0x30 && h[1]! <= 0x39) || h.length === 4;
  }

  private emitHeld(out: Uint8Array, o: number, cut: boolean): number {
    const h = this.held;
    this.held = [];
    if (cut) {
      for (const b of h) this.track(b);
      this.bad();
      return o;
    }
    if (h.length === 4) return this.four(out, o, h[0]!, h[1]!, h[2]!, h[3]!);
    const u = h[1]! >= 0x40 && h[1] !== 0x7f && h[1] !== 0xff ? this.t[(h[0]! - 0x81) * 192 + (h[1]! - 0x40)]! : 0;
    this.track(h[0]!);
    // Bad bytes end the reading of the file (the caller stops at badLine): what follows them is not decoded.
    if (u === 0) {
      this.bad();
      return o;
    }
    this.track(h[1]!);
    return utf8(out, o, u);
  }

  private four(out: Uint8Array, o: number, a: number, b: number, c: number, d: number): number {
    for (const x of [a, b, c, d]) this.track(x);
    let s: string;
    try {
      s = gb18030.decode(new Uint8Array([a, b, c, d]));
    } catch {
      this.bad();
      return o;
    }
    return utf8(out, o, s.codePointAt(0)!);
  }

  private bad(): void {
    if (this.badLine < 0) this.badLine = this.line;
  }

  /** One raw byte of the current line, read as UTF-8 (for the mixed-encoding count). */
  private track(b: number): void {
    if (b >= 0x80) this.lineAscii = false;
    else if (b < 0x20 ? b !== 9 && b !== 13 : b === 0x7f) this.lineChinese = false;
    if (!this.lineUtf8) return;
    if (this.need === 0) {
      if (b < 0x80) return;
      this.seqByte = b;
      if (b >= 0xc2 && b <= 0xdf) [this.need, this.min, this.cp] = [1, 0x80, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) [this.need, this.min, this.cp] = [2, 0x800, b & 0x0f];
      else if (b >= 0xf0 && b <= 0xf4) [this.need, this.min, this.cp] = [3, 0x10000, b & 0x07];
      else this.lineUtf8 = false;
      return;
    }
    if ((b & 0xc0) !== 0x80) {
      this.lineUtf8 = false;
      return;
    }
    this.cp = (this.cp << 6) | (b & 0x3f);
    if (--this.need > 0) return;
    const cp = this.cp;
    if (cp < this.min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.lineUtf8 = false;
    else if (!chineseCodePoint(cp)) this.lineChinese = false;
  }

  private endLine(next = true): void {
    if (this.need > 0) this.lineUtf8 = false;
    if (!this.lineAscii) {
      if (!this.lineUtf8) {
        this.invalidLines++;
        if (this.firstInvalidLine < 0) {
          this.firstInvalidLine = this.line;
          this.firstInvalidByte = this.seqByte;
        }
      } else if (this.lineChinese) {
        this.validLines++;
        if (this.firstValidLine < 0) this.firstValidLine = this.line;
      }
    }
    this.lineAscii = true;
    this.lineUtf8 = true;
    this.lineChinese = true;
    this.need = 0;
    if (next) this.line++;
  }
}

/** CJK ideographs, CJK and general punctuation, full-width forms: the non-ASCII of a Chinese sheet (encoding.ts CHINESE_TEXT). */
function chineseCodePoint(cp: number): boolean {
  return (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef);
}

/** Writes code point cp as UTF-8 at out[o]; returns the new offset. */
function utf8(out: Uint8Array, o: number, cp: number): number {
  if (cp < 0x80) out[o++] = cp;
  else if (cp < 0x800) {
    out[o++] = 0xc0 | (cp >> 6);
    out[o++] = 0x80 | (cp & 0x3f);
  } else if (cp < 0x10000) {
    out[o++] = 0xe0 | (cp >> 12);
    out[o++] = 0x80 | ((cp >> 6) & 0x3f);
    out[o++] = 0x80 | (cp & 0x3f);
  } else {
    out[o++] = 0xf0 | (cp >> 18);
    out[o++] = 0x80 | ((cp >> 12) & 0x3f);
    out[o++] = 0x80 | ((cp >> 6) & 0x3f);
    out[o++] = 0x80 | (cp & 0x3f);
  }
  return o;
}
