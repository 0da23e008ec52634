/**
 * The one problem collector. Every stage (the CSV reader, the header, the row checks, the tally, the
 * whole-picture checks, the roster) records its problems here as a kind and its arguments, with the
 * place; nothing is worded until the problems are printed, in the user's language (the words are in
 * src/i18n/problems.ts). Problems are kept in typed columns, a few dozen bytes each, so that a sheet
 * of a million bad rows is reported whole without a million objects.
 */
import type { Place, Problem, Severity } from './types.js';

/**
 * What a row of more cells than the header may be (sheet-parser.ts): 0, none; 1, cells `cell` and
 * `cell + 1` (`a` and `b`) one score written with a decimal comma; 2, empty extra cells after cell
 * `cell`, `a` being the separator.
 */
export type CellCountHint = [hint: 0 | 1 | 2, cell: number, a: string, b: string];

/** Every kind of problem and the arguments it carries (numbers are small non-negative integers). */
export interface ProblemArgs {
  // The file as a whole
  'not-text-utf16': [];
  'not-text-workbook': [kind: string];
  'not-text-utf16-nobom': [];
  'not-text-nul': [];
  'cut-short': [];
  'mixed-encoding': [byte: number];
  /** A GBK sheet with lines of UTF-8 Chinese text: how many (the problem is at the first). */
  'utf8-lines-in-gbk': [lines: number];
  'not-utf8': [byte: number, readsAsGbk: number];
  'not-gbk': [];
  'neither-encoding': [];
  'cannot-read': [reason: string];
  // CSV records
  'quote-inside': [];
  'text-after-quote': [];
  'unclosed-quote': [];
  'cell-too-long': [limit: number];
  'too-many-cells': [limit: number];
  /** A control character (its code point) in a cell: a sheet holds text only. */
  'control-character': [code: number];
  // The sheet and its header
  'empty-file': [];
  'only-blank-rows': [];
  /** Lines skipped above a header (a title, Excel's separator line) and no header after them: the last one skipped. */
  'no-header': [line: number];
  'no-rows': [];
  /** Every score cell of the sheet is empty (a template never filled in): the count of missing scores. */
  'blank-sheet': [missing: number];
  'separator-skipped': [text: string];
  'title-row': [text: string];
  'titles-only': [first: number, line: number];
  'separator-line': [text: string, sep: string];
  'single-cell-header': [separator: string, delimiter: string];
  /** A header split by full-width commas or semicolons (，；). */
  'fullwidth-separator': [separator: string];
  'unnamed-column': [column: number, last: number];
  'unknown-column': [text: string, hint: string];
  'repeated-column': [text: string, previousColumn: number, previousText: string, meaning: string];
  'no-staff-column': [];
  'incomplete-long-form': [];
  'mixed-forms': [];
  'no-score-columns': [];
  /** The row under a header without score columns names some (its cells, NUL-separated). */
  'score-names-below': [headerLine: number, names: string];
  'report-as-sheet': [];
  /** A header of a roster's columns only (staff_id, name, post), given as a sheet. */
  'roster-as-sheet': [];
  'repeated-header': [headerLine: number];
  // One row
  /** The person and rater as the row's cells name them ('' where it has no such cell). */
  'cell-count': [cells: number, width: number, hint: CellCountHint[0], cell: CellCountHint[1], a: string, b: string, person: string, rater: string];
  /**
   * more: the sheet's other rows with this cell blank (said once, at the first; 0 with --verbose);
   * asAbove: 1 where they are half its rows or more, as cells merged in Excel leave them.
   */
  'blank-staff-id': [name: string, more: number, asAbove: number];
  /** A staff id cell that holds 合计, 平均, 备注... */
  'summary-row': [text: string];
  'blank-rater': [person: string, rater: string, more: number, asAbove: number];
  'unknown-role': [text: string, person: string, rater: string];
  /** dateLike: 1 where the text reads like a date (Excel's doing). */
  'bad-semester': [text: string, person: string, rater: string, dateLike: number];
  'semester-disagrees': [semester: string, option: string, person: string, rater: string, more: number];
  'no-semester': [hasColumn: number, person: string, rater: string, more: number, asAbove: number];
  'blank-method': [person: string, rater: string];
  'unknown-method': [text: string, person: string, rater: string];
  'score-negative': [text: string, method: string, person: string, rater: string];
  'score-decimal-comma': [said: string, method: string, fixed: string, person: string, rater: string];
  'score-thousands': [said: string, method: string, max: string, person: string, rater: string];
  'score-exponent': [said: string, method: string, person: string, rater: string];
  /** A number with a unit after it (18分, 18 points): the number alone. */
  'score-unit': [said: string, method: string, fixed: string, person: string, rater: string];
  'score-not-number': [said: string, method: string, person: string, rater: string];
  'score-decimals': [text: string, method: string, decimals: number, person: string, rater: string];
  'score-over-max': [text: string, method: string, max: string, person: string, rater: string];
  // Rows together
  /** A person with two names: the person, the row's name, the person's name (text numbers). */
  'two-names': [person: number, name: number, first: number];
  /** A person with two posts: the person, the row's post, the person's post, the person's name then. */
  'two-posts': [person: number, post: number, first: number, name: number];
  /** A rater with two roles: the rater, the row's role, the rater's role (role codes), the person and their name then. */
  'two-roles': [rater: number, role: number, first: number, person: number, name: number];
  /**
   * Methods of one row scored twice: the methods (a bit each, listen 1), the tally's cell, the person's
   * name then; the first place is the cell's, the same line for all of them.
   */
  'scored-twice': [methods: number, cell: number, name: number];
  // The whole picture
  'roleless-restricted': [rater: string, method: string, roles: string, who: string];
  /** `sheet`: the sheet with the method's column, where the row found is in another ('' otherwise). */
  'missing-score': [method: string, rater: string, role: string, who: string, sheet: string];
  'role-not-allowed': [rater: string, role: string, method: string, roles: string, who: string];
  /** `zeros`: the roster's id of the same digits with leading zeros, else ''. */
  'not-on-roster': [who: string, semester: string, roster: string, zeros: string];
  'roster-name': [staffId: string, name: string, rosterName: string, rosterPlace: string];
  /** `semesters`: one, or (a year's roster) every semester read, NUL-joined. */
  'not-scored': [staffId: string, name: string, semesters: string];
  // The roster file
  'roster-no-staff-column': [];
  'roster-blank-id': [];
  'roster-twice': [staffId: string, line: number];
  /** A semester's committee unlike the rules' (core/committee.ts COMMITTEE): its raters per role (ROLES order), then without a role. */
  'committee-differs': [semester: string, leader: number, headOffice: number, centerOffice: number, students: number, noRole: number];
  /** Someone scored by fewer raters than most of the semester: who, their count, the semester, most people's count, the usual raters who did not score them (', '-joined). */
  'fewer-raters': [who: string, raters: number, semester: string, most: number, missing: string];
  /** The raters' names joined by NUL (no cell holds one). */
  'raters-alike': [raters: string, semester: string];
  /** Groups of people (id and name) joined by NUL, the people of a group by U+0001; the groups not shown. */
  'zeros-dropped': [groups: string, more: number, semester: string];
  // The inputs
  /** A sheet named again (the same file): the name it had first. */
  'sheet-twice': [first: string];
  /** A file with the same bytes as another, which is read (the one not named as a copy, else the one named first). */
  'sheet-copy': [first: string];
  /** A sheet whose every row scores again what `other` scores (the same sheet saved again, not the same bytes). */
  'sheet-repeats': [other: string, rows: number];
  // Years (year, rewards)
  'other-year': [semester: string, year: number, rows: number];
  'one-semester-only': [who: string, missing: string, alike: string];
  'name-between-semesters': [staffId: string, name: string, semester: string, other: string, otherSemester: string, otherPlace: string];
}

export type ProblemKind = keyof ProblemArgs;

/** What a message needs to know that the problem itself keeps as a number (a tally cell's place, a person's name). */
export interface ProblemContext {
  /** A person's staff id, clipped. */
  personId(person: number): string;
  /** A name, post or rater by its number, clipped. */
  nameText(name: number): string;
  postText(post: number): string;
  raterText(rater: number): string;
  /** `S001 张伟`: a person's staff id and a name (-1 for none). */
  personWho(person: number, name: number): string;
  /** `FILE:LINE` of the row that gave a person their name, and of the row that gave a rater their role. */
  namePlace(person: number): string;
  rolePlace(rater: number): string;
  /** `FILE:LINE:COLUMN` of the first score of `method` in a tally cell. */
  cellPlace(cell: number, method: number): string;
  /** The staff id and the name (by its id; -1 for none) of a tally cell's person, as `S001 张伟`. */
  cellWho(cell: number, name: number): string;
  /** The rater of a tally cell. */
  cellRater(cell: number): string;
}

export type Formatter = { [K in ProblemKind]: (args: ProblemArgs[K], ctx: ProblemContext) => string };

const KINDS: ProblemKind[] = [];
const KIND_ID = new Map<ProblemKind, number>();
/** The kind looked up last and its number: a sheet's problems are mostly one kind after another of the same. */
let lastKind: ProblemKind | null = null;
let lastKindId = -1;
function kindId(kind: ProblemKind): number {
  if (kind === lastKind) return lastKindId;
  let id = KIND_ID.get(kind);
  if (id === undefined) {
    id = KINDS.length;
    KINDS.push(kind);
    KIND_ID.set(kind, id);
  }
  lastKind = kind;
  lastKindId = id;
  return id;
}

/** Columns of integers in blocks, so that a log of millions grows without copying itself. */
class IntColumn {
  private static readonly BITS = 16;
  private readonly blocks: Int32Array[] = [];

  get(i: number): number {
    return this.blocks[i >>> IntColumn.BITS]![i & 0xffff]!;
  }

  set(i: number, v: number): void {
    const b = i >>> IntColumn.BITS;
    while (this.blocks.length <= b) this.blocks.push(new Int32Array(1 << IntColumn.BITS));
    this.blocks[b]![i & 0xffff] = v;
  }

  /** The blocks holding the first n values, not copied (value i is blocks[i >>> 16][i & 0xffff]). */
  take(n: number): Int32Array[] {
    return this.blocks.slice(0, (n + 0xffff) >>> IntColumn.BITS);
  }
}

/** Value i of a column as `IntColumn.take` hands it over. */
function at(blocks: Int32Array[], i: number): number {
  return blocks[i >>> 16]![i & 0xffff]!;
}

/** One file's order among the inputs, and its name as the user gave it. */
export interface FileRef {
  name: string;
  order: number;
}

export class ProblemLog {
  // Per problem: file order, line, column (0: none), kind and severity (kind * 2 + 1 for an error), where its arguments start.
  private readonly fileOf = new IntColumn();
  private readonly lineOf = new IntColumn();
  private readonly columnOf = new IntColumn();
  private readonly kindOf = new IntColumn();
  private readonly argStart = new IntColumn();
  private readonly args = new IntColumn();
  private argCount = 0;
  /** Text arguments; an argument -(i + 2) is strings[i] (numbers are -1 or more). */
  private readonly strings: string[] = [];
  private readonly fileNames = new Map<number, string>();
  private lastFile = -1;
  count = 0;
  errors = 0;

  constructor() {
    this.argStart.set(0, 0);
  }

  add<K extends ProblemKind>(severity: Severity, file: FileRef, line: number, column: number | undefined, kind: K, ...args: ProblemArgs[K]): void {
    this.record(severity === 'error', file, line, column, kind, args);
  }

  error<K extends ProblemKind>(file: FileRef, line: number, column: number | undefined, kind: K, ...args: ProblemArgs[K]): void {
    this.record(true, file, line, column, kind, args);
  }

  warning<K extends ProblemKind>(file: FileRef, line: number, column: number | undefined, kind: K, ...args: ProblemArgs[K]): void {
    this.record(false, file, line, column, kind, args);
  }

  private record(error: boolean, file: FileRef, line: number, column: number | undefined, kind: ProblemKind, args: readonly (string | number)[]): void {
    this.recordAs(error ? 1 : 0, file, line, column ?? 0, kindId(kind), args);
  }

  /** Records a problem by its kind's number; `error` 1 for an error, 0 for a warning; `column` 0 for none. */
  private recordAs(error: number, file: FileRef, line: number, column: number, kind: number, args: readonly (string | number)[]): void {
    const i = this.count++;
    if (file.order !== this.lastFile) {
      this.fileNames.set(file.order, file.name);
      this.lastFile = file.order;
    }
    this.fileOf.set(i, file.order);
    this.lineOf.set(i, line);
    this.columnOf.set(i, column);
    this.kindOf.set(i, kind * 2 + error);
    this.errors += error;
    for (let j = 0; j < args.length; j++) {
      const a = args[j]!;
      if (typeof a === 'number') this.args.set(this.argCount++, a);
      else {
        this.strings.push(a);
        this.args.set(this.argCount++, -this.strings.length - 1);
      }
    }
    this.argStart.set(i + 1, this.argCount);
  }

  /**
   * The problems as plain data, to be sent to another thread: the columns' own blocks, not copies
   * (moved to the other thread, they leave this log unusable).
   */
  export(): ProblemLogData {
    const n = this.count;
    return {
      count: n,
      kinds: [...KINDS],
      fileOf: this.fileOf.take(n),
      lineOf: this.lineOf.take(n),
      columnOf: this.columnOf.take(n),
      kindOf: this.kindOf.take(n),
      argStart: this.argStart.take(n + 1),
      args: this.args.take(this.argCount),
      strings: this.strings,
      fileNames: [...this.fileNames],
    };
  }

  /**
   * Appends another thread's problems; `line` maps their lines to this reading's (a part read from a
   * file's middle), or to -1 to leave a problem out (a part read again here).
   */
  append(d: ProblemLogData, line: (file: number, line: number) => number, remap?: (kind: ProblemKind, args: (string | number)[]) => void): void {
    const names = new Map(d.fileNames);
    // The other log's kind numbers as this log's, each looked up once (its problems are millions of
    // a few kinds); one arguments array, refilled for each problem, for remap to rewrite.
    const kinds = d.kinds.map((k) => kindId(k as ProblemKind));
    const args: (string | number)[] = [];
    let file = -1;
    let ref: FileRef | null = null;
    for (let i = 0; i < d.count; i++) {
      const f = at(d.fileOf, i);
      const where = line(f, at(d.lineOf, i));
      if (where < 0) continue;
      if (f !== file) ref = { order: (file = f), name: names.get(f)! };
      const k = at(d.kindOf, i);
      const from = at(d.argStart, i);
      const n = at(d.argStart, i + 1) - from;
      if (args.length !== n) args.length = n;
      for (let j = 0; j < n; j++) {
        const a = at(d.args, from + j);
        args[j] = a <= -2 ? d.strings[-a - 2]! : a;
      }
      remap?.(d.kinds[k >> 1] as ProblemKind, args);
      this.recordAs(k & 1, ref!, where, at(d.columnOf, i), kinds[k >> 1]!, args);
    }
  }

  get warnings(): number {
    return this.count - this.errors;
  }

  /** Argument j of problem i, a number (a text argument is not asked for this way). */
  numberArg(i: number, j: number): number {
    return this.args.get(this.argStart.get(i) + j);
  }

  kind(i: number): ProblemKind {
    return KINDS[this.kindOf.get(i) >> 1]!;
  }

  isError(i: number): boolean {
    return (this.kindOf.get(i) & 1) === 1;
  }

  fileName(i: number): string {
    return this.fileNames.get(this.fileOf.get(i))!;
  }

  /** The order of problem i's file (FileRef.order): the same number, the same file. */
  fileOrder(i: number): number {
    return this.fileOf.get(i);
  }

  line(i: number): number {
    return this.lineOf.get(i);
  }

  /** The column, or 0 for none. */
  column(i: number): number {
    return this.columnOf.get(i);
  }

  private argsOf(i: number): (string | number)[] {
    const out: (string | number)[] = [];
    for (let j = this.argStart.get(i); j < this.argStart.get(i + 1); j++) {
      const a = this.args.get(j);
      out.push(a <= -2 ? this.strings[-a - 2]! : a);
    }
    return out;
  }

  /** Problem i's message, in words. */
  message(i: number, words: Formatter, ctx: ProblemContext): string {
    return (words[this.kind(i)] as (a: unknown, c: ProblemContext) => string)(this.argsOf(i), ctx);
  }

  /**
   * Problem i's message as `finish` makes it (printable text, with whether it is an error), remembered
   * for the problems with the same kind, severity and arguments that came just before: repeated
   * problems are worded once.
   */
  messageCache<T>(words: Formatter, ctx: ProblemContext, finish: (message: string, error: boolean) => T): (i: number) => T {
    const recent: { kind: number; args: number[]; text: T }[] = [];
    let next = 0;
    // Where the last problem's words were: repeated problems come round in turn (a row repeated
    // gives the same few problems in the same order), so the search starts at the one after it.
    let last = 0;
    return (i) => {
      const kind = this.kindOf.get(i);
      const from = this.argStart.get(i);
      const n = this.argStart.get(i + 1) - from;
      const m = recent.length;
      for (let t = 1; t <= m; t++) {
        const at = (last + t) % m;
        const r = recent[at]!;
        if (r.kind !== kind || r.args.length !== n) continue;
        let same = true;
        for (let j = 0; j < n && same; j++) same = r.args[j] === this.args.get(from + j);
        if (same) {
          last = at;
          return r.text;
        }
      }
      const args: number[] = [];
      for (let j = 0; j < n; j++) args.push(this.args.get(from + j));
      const text = finish(this.message(i, words, ctx), (kind & 1) === 1);
      recent[next] = { kind, args, text };
      last = next;
      next = (next + 1) % 8;
      return text;
    };
  }

  /** The problem as people read it. */
  render(i: number, words: Formatter, ctx: ProblemContext): Problem {
    const file = this.fileOf.get(i);
    const p: Problem = { file: this.fileNames.get(file)!, fileOrder: file, line: this.lineOf.get(i), severity: this.isError(i) ? 'error' : 'warning', message: this.message(i, words, ctx) };
    const column = this.columnOf.get(i);
    if (column > 0) p.column = column;
    return p;
  }

  /**
   * The problems' indices by file (argument order), line and column (none first), then message.
   * Problems mostly arrive in order already (a sheet is read from top to bottom): a natural merge
   * sort makes that cost one pass.
   */
  order(message: (i: number) => string): Int32Array {
    const n = this.count;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const { fileOf, lineOf, columnOf } = this;
    const place = (a: number, b: number): number => fileOf.get(a) - fileOf.get(b) || lineOf.get(a) - lineOf.get(b) || columnOf.get(a) - columnOf.get(b);
    const cmp = (a: number, b: number): number => place(a, b) || compareText(message(a), message(b)) || a - b;
    // In order by place, the messages (worded on demand) are compared only where two places are equal.
    let sorted = true;
    for (let i = 1; i < n; i++) {
      const d = place(i - 1, i);
      if (d > 0 || (d === 0 && cmp(i - 1, i) > 0)) {
        sorted = false;
        break;
      }
    }
    if (sorted) return idx;
    // Array.prototype.sort is a merge sort that finds runs already in order.
    return Int32Array.from(Array.from(idx).sort(cmp));
  }

  /** Every problem, worded and sorted (those at one place by their wording in `keyWords`, by default the same words). */
  sorted(words: Formatter, ctx: ProblemContext, keyWords: Formatter = words): Problem[] {
    const cache = new Map<number, string>();
    const message = (i: number) => {
      let m = cache.get(i);
      if (m === undefined) cache.set(i, (m = this.render(i, keyWords, ctx).message));
      return m;
    };
    return Array.from(this.order(message), (i) => this.render(i, words, ctx));
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A problem log as plain data (ProblemLog.export). */
export interface ProblemLogData {
  count: number;
  kinds: string[];
  /** Each column in blocks of 65,536 values (value i is blocks[i >>> 16][i & 0xffff]). */
  fileOf: Int32Array[];
  lineOf: Int32Array[];
  columnOf: Int32Array[];
  /** kind number * 2, + 1 for an error. */
  kindOf: Int32Array[];
  argStart: Int32Array[];
  args: Int32Array[];
  strings: string[];
  fileNames: [number, string][];
}

/** A place as messages write it: `FILE:LINE` or `FILE:LINE:COLUMN`. */
export function placeText(p: Place): string {
  return `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}`;
}
