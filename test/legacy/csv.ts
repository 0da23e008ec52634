/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/io/csv.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/csv.property.test.ts, test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare
 * the pipeline's records, problems (file, line, column, severity, message) and reports with it,
 * so that messages stay exactly as they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/**
 * An incremental RFC 4180 CSV parser that knows where every record starts. Text arrives in chunks
 * (so big sheets stream); each complete record is handed to the sink with the line it starts on.
 * Unquoted cells are sliced straight out of the chunk; quoted cells may span lines and chunks.
 * Records that break the format (a quote inside an unquoted cell, text after a closing quote, a
 * quote never closed, a cell or row beyond the limits) are reported and not handed on.
 *
 * Issue 12 (a change of behaviour on purpose, given to this oracle in its own code): a control
 * character in a cell (C0 but tab, DEL, C1; a line break inside a quoted cell too) makes the record
 * malformed, reported at the cell, on the line where a quoted cell opens. Of a control character and
 * a cell grown too long, the one that comes first in the cell is reported.
 */

export interface CsvSink {
  record(cells: string[], line: number): void;
  /** A record that could not be read; `column` is the 1-based cell number. */
  malformed(line: number, column: number, message: string): void;
}

export interface CsvLimits {
  maxCellLength: number;
  maxColumns: number;
}

export const DEFAULT_LIMITS: CsvLimits = { maxCellLength: 100_000, maxColumns: 1_000 };

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private cells: string[] = [];
  private field = '';
  /** 0: at the start of a cell; 1: in an unquoted cell; 2: in quotes; 3: just after a quote inside quotes; 4: after the closing quote. */
  private state = 0;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private skipLf = false;
  /** A carriage return ended the last chunk inside quotes: it ends a line unless a line feed follows. */
  private quotedCr = false;
  private bad: { column: number; message: string; line: number } | null = null;
  private readonly delim: number;
  /** Lines that held no record at all (blank lines). */
  blankLines = 0;

  /** After `end()`: the line of a quote never closed, or null. */
  unclosedQuoteLine: number | null = null;

  constructor(
    private readonly sink: CsvSink,
    delimiter = ',',
    private readonly limits: CsvLimits = DEFAULT_LIMITS,
    /** The line number of the text's first line (when reading resumes inside a file). */
    firstLine = 1,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.line = this.recordLine = this.quoteLine = firstLine;
  }

  /** The line the parser is on: after `end()`, one past the last line. */
  get currentLine(): number {
    return this.line;
  }

  push(s: string): void {
    const n = s.length;
    const delim = this.delim;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (s.charCodeAt(0) === LF) i = 1;
      this.skipLf = false;
    }
    if (this.quotedCr && n > 0) {
      if (s.charCodeAt(0) !== LF) this.line++;
      this.quotedCr = false;
    }
    while (i < n) {
      switch (this.state) {
        case 0:
        case 1: {
          // Unquoted: slice up to the next delimiter, line end or quote.
          const c0 = s.charCodeAt(i);
          if (this.state === 0 && c0 === QUOTE) {
            this.state = 2;
            this.quoteLine = this.line;
            i++;
            break;
          }
          let j = i;
          let c = c0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === delim || c === LF || c === CR || c === QUOTE) break;
            j++;
          }
          if (j > i) this.append(s, i, j);
          if (j >= n) {
            this.state = 1;
            i = j;
            break;
          }
          if (c === QUOTE) {
            this.fail(`a quote (") inside a cell that does not start with one; put the whole cell in quotes and double the inner quote ("")`);
            this.append(s, j, j + 1);
            this.state = 1;
            i = j + 1;
          } else if (c === delim) {
            this.endField();
            this.state = 0;
            i = j + 1;
          } else {
            i = this.endLine(s, j, c);
          }
          break;
        }
        case 2: {
          // Quoted: everything up to the next quote is text, line ends included.
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === QUOTE) break;
            if (c === LF) this.line++;
            else if (c === CR) {
              if (j + 1 >= n) this.quotedCr = true;
              else if (s.charCodeAt(j + 1) !== LF) this.line++;
            }
            j++;
          }
          if (j > i) this.append(s, i, j);
          if (j < n) this.state = 3;
          i = j + 1;
          break;
        }
        case 3: {
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            this.append(s, i, i + 1);
            this.state = 2;
            i++;
          } else {
            this.state = 4;
          }
          break;
        }
        case 4: {
          const c = s.charCodeAt(i);
          if (c === delim) {
            this.endField();
            this.state = 0;
            i++;
          } else if (c === LF || c === CR) {
            i = this.endLine(s, i, c);
          } else {
            this.fail(`text after the closing quote of a cell; a quote inside a quoted cell is written twice ("")`);
            this.state = 1;
          }
          break;
        }
      }
    }
  }

  end(): void {
    if (this.state === 2) {
      // The root cause, even if the cell it swallowed grew too long first.
      this.unclosedQuoteLine = this.quoteLine;
      this.bad = {
        line: this.quoteLine,
        column: this.cells.length + 1,
        message: 'a quoted cell is never closed: the quote (") opened here has no closing quote before the end of the file',
      };
    }
    if (this.state !== 0 || this.cells.length > 0 || this.field !== '') {
      this.endField();
      this.emit();
    }
    this.state = 0;
  }

  private append(s: string, from: number, to: number): void {
    const at = this.bad === null ? firstControl(s, from, to) : -1;
    // Within the cell's limit (the limit's first character past it is the cell-too-long problem).
    if (at >= 0 && this.field.length + (at - from) < this.limits.maxCellLength) {
      this.fail(controlMessage(s.charCodeAt(at)), this.state >= 2 ? this.quoteLine : this.line);
    }
    if (this.field.length + (to - from) > this.limits.maxCellLength) {
      if (this.field.length <= this.limits.maxCellLength) {
        // A quoted cell may span lines: its place is where it starts.
        this.fail(`a cell longer than ${this.limits.maxCellLength} characters`, this.state >= 2 ? this.quoteLine : this.line);
        this.field = '\0'.repeat(this.limits.maxCellLength + 1);
      }
      return;
    }
    this.field = this.field === '' ? s.slice(from, to) : this.field + s.slice(from, to);
  }

  private endField(): void {
    if (this.cells.length >= this.limits.maxColumns) {
      if (this.cells.length === this.limits.maxColumns) {
        this.fail(`more than ${this.limits.maxColumns} cells in one row`);
        this.cells.push('');
      }
    } else {
      this.cells.push(this.field);
    }
    this.field = '';
  }

  private endLine(s: string, j: number, c: number): number {
    this.endField();
    if (this.cells.length === 1 && this.cells[0] === '' && this.state === 0) {
      this.blankLines++;
      this.cells = [];
    } else {
      this.emit();
    }
    this.state = 0;
    this.line++;
    this.recordLine = this.line;
    if (c === CR) {
      if (j + 1 < s.length) return s.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
      this.skipLf = true;
    }
    return j + 1;
  }

  private fail(message: string, line = this.line): void {
    this.bad ??= { line, column: this.cells.length + 1, message };
  }

  private emit(): void {
    if (this.bad) {
      this.sink.malformed(this.bad.line, this.bad.column, this.bad.message);
      this.bad = null;
    } else {
      this.sink.record(this.cells, this.recordLine);
    }
    this.cells = [];
    this.field = '';
  }
}

/** Where s[from, to) has its first control character (C0 but tab, DEL, C1), or -1. */
function firstControl(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 : c >= 0x7f && c <= 0x9f) return i;
  }
  return -1;
}

const CONTROL_NAMES = new Map<number, string>([
  [0x00, 'NUL'],
  [0x0a, 'a line break'],
  [0x0d, 'a carriage return'],
  [0x1b, 'ESC, a terminal escape'],
  [0x7f, 'DEL'],
]);

/** The message of a control character in a cell: its code written as \u001b, and its name when it has a common one. */
export function controlMessage(code: number): string {
  const name = CONTROL_NAMES.get(code);
  return `a control character (\\u${('000' + code.toString(16)).slice(-4)}${name === undefined ? '' : `, ${name}`}) in this cell: a sheet holds text only; delete it`;
}

/** Parses a whole text at once; for tests and small inputs. */
export function parseCsvText(text: string, delimiter = ','): { records: { cells: string[]; line: number }[]; malformed: { line: number; column: number; message: string }[] } {
  const records: { cells: string[]; line: number }[] = [];
  const malformed: { line: number; column: number; message: string }[] = [];
  const p = new CsvParser(
    {
      record: (cells, line) => records.push({ cells, line }),
      malformed: (line, column, message) => malformed.push({ line, column, message }),
    },
    delimiter,
  );
  p.push(text);
  p.end();
  return { records, malformed };
}
