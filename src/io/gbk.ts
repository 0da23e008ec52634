/**
 * GBK/GB18030 sheets (what Excel saves in a Chinese locale) turned into UTF-8 bytes as they are read,
 * so that one CSV reader serves both encodings. The same pass feeds the raw bytes to the count the
 * mixed-encoding rule needs (mixed-encoding.ts `LineKinds`): lines that are valid UTF-8 Chinese text,
 * pasted into a GBK sheet, against lines that are not UTF-8; and finds the first bytes that are not
 * GB18030 at all.
 */
import { BELOW_SPACE, EVERY_BYTE, HIGH_BITS } from './byte-words.js';
import { LineKinds } from './mixed-encoding.js';
import { putUtf8 } from './utf8.js';

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

/** The platform's strict decoder, for four-byte codes: made at the first one (opening it costs about a millisecond of every start). */
let gb18030: InstanceType<typeof TextDecoder> | null = null;

export class GbkToUtf8 {
  /** The mixed-encoding count of the lines read, and the line being read. */
  readonly lines: LineKinds;
  /** The first bytes that are not GB18030: their line, or -1. */
  badLine = -1;

  private out = new Uint8Array(1 << 16);
  /** `out` read as 32-bit words (the copy of printable ASCII four bytes at a time). */
  private outWords = new DataView(this.out.buffer);
  /** Bytes of a character cut by the chunk's end. */
  private held: number[] = [];
  private readonly t = pairs();

  constructor(firstLine = 1) {
    this.lines = new LineKinds(firstLine);
  }

  /** The UTF-8 bytes of `chunk` (valid until the next call). */
  push(chunk: Uint8Array): Uint8Array {
    if (this.out.length < chunk.length * 3 + 16) {
      this.out = new Uint8Array(chunk.length * 3 + 16);
      this.outWords = new DataView(this.out.buffer);
    }
    const out = this.out;
    const words = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
    const t = this.t;
    const k = this.lines;
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
        // note for the mixed-encoding count (LineKinds.byte would change nothing); the run copied at once.
        if (k.need === 0 || !k.utf8) {
          // Four bytes at a time while none is below 0x20 and none 0x7f or above (byte-words.ts),
          // then byte by byte.
          while (i + 4 <= n) {
            const x = words.getInt32(i, true);
            if ((((x - BELOW_SPACE) & ~x) | (x + EVERY_BYTE) | x) & HIGH_BITS) break;
            this.outWords.setInt32(o, x, true);
            i += 4;
            o += 4;
          }
          if (i === n) continue;
          b = chunk[i]!;
          while (b >= 0x20 && b < 0x7f) {
            out[o++] = b;
            if (++i === n) break;
            b = chunk[i]!;
          }
          if (i === n || b >= 0x80) continue;
        }
        out[o++] = b;
        if (b === 10) k.endLine();
        else k.byte(b);
        i++;
        continue;
      }
      if (b === 0x80) {
        // The euro sign, as the WHATWG GBK decoder reads it.
        k.byte(b);
        o = putUtf8(out, o, 0x20ac);
        i++;
        continue;
      }
      if (b === 0xff) {
        k.byte(b);
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
      k.ascii = false;
      if (k.utf8) k.byte(b);
      if (u === 0) {
        // Not a pair: the lead byte alone is bad; the next byte is read again on its own.
        this.bad();
        i++;
        continue;
      }
      if (k.utf8) k.byte(b2);
      o = putUtf8(out, o, u);
      i += 2;
    }
    return out.subarray(0, o);
  }

  /** The UTF-8 bytes of what is left at the end of the file; the last line is counted. */
  end(): Uint8Array {
    let o = 0;
    if (this.held.length > 0) o = this.emitHeld(this.out, 0, !this.complete());
    this.lines.endLine(false);
    return this.out.subarray(0, o);
  }

  /** Bytes of a character cut by the last chunk's end, held for the next. */
  get holding(): number {
    return this.held.length;
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
      for (const b of h) this.lines.byte(b);
      this.bad();
      return o;
    }
    if (h.length === 4) return this.four(out, o, h[0]!, h[1]!, h[2]!, h[3]!);
    const u = h[1]! >= 0x40 && h[1] !== 0x7f && h[1] !== 0xff ? this.t[(h[0]! - 0x81) * 192 + (h[1]! - 0x40)]! : 0;
    this.lines.byte(h[0]!);
    // Bad bytes end the reading of the file (the caller stops at badLine): what follows them is not decoded.
    if (u === 0) {
      this.bad();
      return o;
    }
    this.lines.byte(h[1]!);
    return putUtf8(out, o, u);
  }

  private four(out: Uint8Array, o: number, a: number, b: number, c: number, d: number): number {
    for (const x of [a, b, c, d]) this.lines.byte(x);
    let s: string;
    try {
      s = (gb18030 ??= new TextDecoder('gb18030', { fatal: true })).decode(new Uint8Array([a, b, c, d]));
    } catch {
      this.bad();
      return o;
    }
    return putUtf8(out, o, s.codePointAt(0)!);
  }

  private bad(): void {
    if (this.badLine < 0) this.badLine = this.lines.line;
  }
}
