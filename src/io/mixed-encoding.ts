/**
 * The mixed-encoding rule, in one place: which lines of a sheet are UTF-8 Chinese text and which are
 * not UTF-8 at all, counted from their raw bytes one byte at a time, and the verdict. A sheet whose
 * lines with other characters than ASCII are mostly UTF-8 Chinese text, but some not UTF-8, had rows
 * pasted in from a GBK sheet (read whole as GBK, its UTF-8 lines would turn into other characters
 * without a word); a GBK sheet with lines of UTF-8 Chinese text had rows pasted in from a UTF-8 one.
 * The same count serves a sheet judged whole (encoding.ts `detect`) and a GBK sheet counted as it is
 * turned into UTF-8 (gbk.ts), so that both name the same lines.
 */

/** Whether counts of lines make a sheet mixed: some lines not UTF-8, and at least as many UTF-8 Chinese ones. */
export function isMixed(valid: number, invalid: number): boolean {
  return invalid > 0 && valid >= invalid;
}

/** CJK ideographs, CJK and general punctuation, full-width forms: the characters other than ASCII of a Chinese sheet. */
function chineseCodePoint(cp: number): boolean {
  return (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef);
}

/** What a count of lines found (LineKinds' figures), as plain data: a part of a sheet read on another thread hands it over. */
export interface LineCount {
  /** Lines of UTF-8 Chinese text (with characters other than ASCII), and lines that are not UTF-8. */
  valid: number;
  invalid: number;
  /** The first line that is not UTF-8 (-1: none), and the byte where it stops being UTF-8. */
  firstInvalidLine: number;
  firstInvalidByte: number;
  /** The first line of UTF-8 Chinese text, or -1. */
  firstValidLine: number;
}

/** The count of a sheet read in two parts: the first part's, then the later part's (`later`, its lines numbered in the whole sheet; null: none). */
export function joinCounts(first: LineCount, later: LineCount | null): LineCount {
  if (!later) return first;
  const invalidFirst = first.firstInvalidLine >= 0;
  return {
    valid: first.valid + later.valid,
    invalid: first.invalid + later.invalid,
    firstInvalidLine: invalidFirst ? first.firstInvalidLine : later.firstInvalidLine,
    firstInvalidByte: invalidFirst ? first.firstInvalidByte : later.firstInvalidByte,
    firstValidLine: first.firstValidLine >= 0 ? first.firstValidLine : later.firstValidLine,
  };
}

/** A part's count with its lines numbered in the whole sheet: line 1 of the part is line `base` + 1. */
export function countFrom(c: LineCount, base: number): LineCount {
  const at = (line: number) => (line < 0 ? -1 : line + base);
  return { ...c, firstInvalidLine: at(c.firstInvalidLine), firstValidLine: at(c.firstValidLine) };
}

/**
 * Lines counted as their bytes come (`byte` for each byte but the line feed, `endLine` at it): a line
 * of ASCII only is not counted; a line that is valid UTF-8 and holds only ASCII (tab and CR the only
 * control characters) and Chinese text counts as UTF-8 Chinese; a line that is not valid UTF-8 counts
 * as not UTF-8, with the first byte of the sequence where it stops being UTF-8.
 */
export class LineKinds implements LineCount {
  valid = 0;
  invalid = 0;
  firstInvalidLine = -1;
  firstInvalidByte = 0;
  firstValidLine = -1;
  /** The line being read. */
  line: number;
  // The current line, read as UTF-8: any byte other than ASCII, still valid, still Chinese text; the
  // bytes a character still needs, its code point so far, the least it may be, and its first byte.
  ascii = true;
  utf8 = true;
  private chinese = true;
  need = 0;
  private cp = 0;
  private min = 0;
  private seqByte = 0;

  constructor(firstLine = 1) {
    this.line = firstLine;
  }

  /** Whether the lines so far make the sheet mixed. */
  get mixed(): boolean {
    return isMixed(this.valid, this.invalid);
  }

  /** The figures so far, as plain data. */
  count(): LineCount {
    const { valid, invalid, firstInvalidLine, firstInvalidByte, firstValidLine } = this;
    return { valid, invalid, firstInvalidLine, firstInvalidByte, firstValidLine };
  }

  /** One byte of the current line (not its line feed). */
  byte(b: number): void {
    if (b >= 0x80) this.ascii = false;
    else if (b < 0x20 ? b !== 9 && b !== 13 : b === 0x7f) this.chinese = false;
    if (!this.utf8) return;
    if (this.need === 0) {
      if (b < 0x80) return;
      this.seqByte = b;
      if (b >= 0xc2 && b <= 0xdf) [this.need, this.min, this.cp] = [1, 0x80, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) [this.need, this.min, this.cp] = [2, 0x800, b & 0x0f];
      else if (b >= 0xf0 && b <= 0xf4) [this.need, this.min, this.cp] = [3, 0x10000, b & 0x07];
      else this.utf8 = false;
      return;
    }
    if ((b & 0xc0) !== 0x80) {
      this.utf8 = false;
      return;
    }
    this.cp = (this.cp << 6) | (b & 0x3f);
    if (--this.need > 0) return;
    const cp = this.cp;
    if (cp < this.min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.utf8 = false;
    else if (!chineseCodePoint(cp)) this.chinese = false;
  }

  /** The end of the current line (`next`: another line follows, at a line feed; else the end of the sheet). */
  endLine(next = true): void {
    if (this.need > 0) this.utf8 = false;
    if (!this.ascii) {
      if (!this.utf8) {
        this.invalid++;
        if (this.firstInvalidLine < 0) {
          this.firstInvalidLine = this.line;
          this.firstInvalidByte = this.seqByte;
        }
      } else if (this.chinese) {
        this.valid++;
        if (this.firstValidLine < 0) this.firstValidLine = this.line;
      }
    }
    this.ascii = true;
    this.utf8 = true;
    this.chinese = true;
    this.need = 0;
    if (next) this.line++;
  }
}

/** Every line of `buf` counted, the last one too (a sheet judged whole, or its first chunk). */
export function countLines(buf: Uint8Array): LineKinds {
  const k = new LineKinds();
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    // Printable ASCII in the middle of no character changes nothing.
    if (b >= 0x20 && b < 0x7f && k.need === 0) continue;
    if (b === 10) k.endLine();
    else k.byte(b);
  }
  k.endLine(false);
  return k;
}
