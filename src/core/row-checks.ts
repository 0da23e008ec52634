/**
 * The one set of row checks: a data row's cells, read through `RowFields`, become a CheckedRow, or
 * problems that say exactly which cell is wrong and why (a blank staff id or rater, an unknown role
 * or method, a semester that is not one or disagrees with --semester, a score that is not accepted).
 */
import { clip, isSummaryLabel, looksLikeDate, maybeSummaryLabel, parseMethod, parseRole, parseSemester, textKey } from './cells.js';
import type { SheetColumns } from './header.js';
import type { Policy } from './policy.js';
import type { FileRef, ProblemLog } from './problems.js';
import { SCORE_BAD, SCORE_EMPTY, type CellChars, readScore, scoreOf } from './score-cell.js';
import { type CheckedRow, NAME, NO_ROLE, POST, RATER, STAFF, type TextKind, grown } from './tally.js';
import { METHODS, ROLES, type Method, type Role } from './types.js';

/** The cells of one record, as the row checks read them (io reads them from bytes). */
export interface RowFields {
  /** Cells in the record. */
  readonly count: number;
  /** Cell i, trimmed. */
  text(i: number): string;
  /** Cell i as it is, for the score parser. */
  chars(i: number): CellChars;
  /** The number of cell i's text among the texts of its kind (the same text, the same number); -1 when blank. */
  id(i: number, kind: TextKind): number;
  /** Whether every cell is blank. */
  allBlank(): boolean;
}


export interface RowCheckOptions {
  policy: Policy;
  /** --semester */
  semester: string | null;
  /** --semester only fills blank semester cells; rows naming another are kept. */
  semesterFillsOnly: boolean;
  /** Each row whose semester disagrees with --semester is its own problem (else one per semester in a sheet, with a count). */
  verbose?: boolean;
}

/**
 * The rows of a sheet (or of a part read on another thread) whose semester disagrees with
 * --semester, per semester they give: the first (its place, person and rater) and how many. One
 * mistake (the wrong --semester, or a sheet of another semester) is one problem, not one a row.
 */
export interface Disagreeing {
  semester: string;
  line: number;
  column: number;
  person: string;
  rater: string;
  rows: number;
}

/** The problems of a sheet's rows whose semester disagrees with --semester: one per semester, at its first row. */
export function logDisagreeing(log: ProblemLog, file: FileRef, rows: Iterable<Disagreeing>, option: string | null): void {
  for (const d of rows) log.error(file, d.line, d.column, 'semester-disagrees', d.semester, option ?? '', d.person, d.rater, d.rows - 1);
}

/**
 * The rows of a sheet (or of a part read on another thread) whose staff id, rater or semester is
 * blank, per problem: the first (its place and words) and how many. Cells merged over a person's
 * rows in Excel, or left blank for "as above", are one mistake: one problem, not one a row.
 */
export interface BlankCells {
  kind: 'blank-staff-id' | 'blank-rater' | 'no-semester';
  line: number;
  column: number | undefined;
  /** The words of the first row's message, before the count. */
  args: (string | number)[];
  rows: number;
}

/**
 * The problems of a sheet's rows with a blank staff id, rater or semester: one per kind, at its
 * first row, with how many more; "as above" where they are half of the sheet's `rowsRead` or more
 * and not all of them (cells merged in Excel leave every row blank but a person's first).
 */
export function logBlanks(log: ProblemLog, file: FileRef, blanks: Iterable<BlankCells>, rowsRead: number): void {
  for (const b of blanks) {
    const asAbove = b.rows > 1 && b.column !== undefined && b.rows * 2 >= rowsRead && b.rows < rowsRead ? 1 : 0;
    (log.error as (...a: unknown[]) => void)(file, b.line, b.column, b.kind, ...b.args, b.rows - 1, asAbove);
  }
}

/** A cell of invisible characters only is blank, in messages as in the keys. */
const seen = (text: string): string => (text === '' || textKey(text) === '' ? '' : text);

export class RowChecker {
  private readonly maxMicro: number[];
  private readonly semesters = new Map<string, string | null>();
  private readonly roles = new Map<string, Role | null>();
  private readonly methods = new Map<string, Method | null>();
  // The last semester and role texts (usually the same as the row before: the same string).
  private lastSemesterText = '';
  private lastSemester: string | null = null;
  private lastRoleText = '';
  private lastRole: Role | null = null;
  // The row being checked.
  private f!: RowFields;
  private line = 0;
  private ok = true;
  /** Rows whose semester disagrees with --semester, per semester (not with `verbose`: each is logged). */
  readonly disagreeing = new Map<string, Disagreeing>();
  /** Rows with a blank staff id, rater or semester, per kind (not with `verbose`: each is logged). */
  readonly blanks = new Map<BlankCells['kind'], BlankCells>();
  /** Per staff id number met: 1 an id, 2 a totals or notes row's label (isSummaryLabel); 0 not met yet. */
  private staffKinds = new Uint8Array(64);

  constructor(
    private readonly file: FileRef,
    private readonly cols: SheetColumns,
    private readonly opts: RowCheckOptions,
    private readonly log: ProblemLog,
    /** The rater number of the committee (consensus sheets). */
    private readonly consensus: () => number,
  ) {
    this.maxMicro = METHODS.map((m) => Math.round(opts.policy.methods[m].scale * 1_000_000));
  }

  /** The person (staff id and name) and the rater ('' for none) as the messages of this row name them. */
  private who(): [person: string, rater: string] {
    return this.whoOf(this.f, Infinity);
  }

  /**
   * The same of a row of `count` cells that is not checked (one of the wrong width): a column past
   * its last cell names nobody.
   */
  whoOf(f: RowFields, count: number): [person: string, rater: string] {
    const { cols } = this;
    const text = (c: number) => (c >= 0 && c < count ? seen(f.text(c)) : '');
    const person = [text(cols.staff), text(cols.name)].filter(Boolean).map((t) => clip(t)).join(' ');
    const r = text(cols.rater);
    return [person, r ? clip(r) : ''];
  }

  private semesterOf(text: string): string | null {
    if (text === this.lastSemesterText) return this.lastSemester;
    let s = this.semesters.get(text);
    if (s === undefined) this.semesters.set(text, (s = parseSemester(text)));
    this.lastSemesterText = text;
    this.lastSemester = s;
    return s;
  }

  private roleOf(text: string): Role | null {
    if (text === this.lastRoleText) return this.lastRole;
    let r = this.roles.get(text);
    if (r === undefined) this.roles.set(text, (r = parseRole(text)));
    this.lastRoleText = text;
    this.lastRole = r;
    return r;
  }

  /** A score cell of method k in `column`: into out, or a problem. */
  private score(out: CheckedRow, k: number, column: number): void {
    const cell = this.f.chars(column);
    const micro = scoreOf(cell, this.maxMicro[k]!);
    if (micro === SCORE_EMPTY) return;
    if (micro !== SCORE_BAD) {
      out.given |= 1 << k;
      out.scores[k] = micro;
      out.columns[k] = column + 1;
      return;
    }
    const r = readScore(cell.toString(), METHODS[k]!, this.maxMicro[k]!);
    if (r.ok || r.blank) return;
    out.given |= 1 << k;
    (this.log.error as (...a: unknown[]) => void)(this.file, this.line, column + 1, r.problem.kind, ...r.problem.args, ...this.who());
    this.ok = false;
  }

  /** A blank staff id, rater or semester in this row: logged at once with `verbose`, else counted per kind (logBlanks says them). */
  private blank(kind: BlankCells['kind'], column: number | undefined, args: (string | number)[]): void {
    this.ok = false;
    if (this.opts.verbose) {
      (this.log.error as (...a: unknown[]) => void)(this.file, this.line, column, kind, ...args, 0, 0);
      return;
    }
    const seen = this.blanks.get(kind);
    if (seen) seen.rows++;
    else this.blanks.set(kind, { kind, line: this.line, column, args, rows: 1 });
  }

  /** Whether staff id number `staff` (this row's) is an id (1) or a totals or notes row's label (2): its text is read once. */
  private staffKind(staff: number): number {
    // (Called only to grow: a call a row would cost on the hot path.)
    if (staff >= this.staffKinds.length) this.staffKinds = grown(this.staffKinds, staff + 1);
    let kind = this.staffKinds[staff]!;
    if (kind === 0) {
      const column = this.cols.staff;
      kind = maybeSummaryLabel(this.f.chars(column)) && isSummaryLabel(this.f.text(column)) ? 2 : 1;
      this.staffKinds[staff] = kind;
    }
    return kind;
  }

  /**
   * Checks one row (its width matches the header); fills `out` and returns true when it is good. A
   * row refused still sets `out.semester`, `out.staff` and `out.rater` where they could be read (''
   * and -1 if not), its name, post and role and their columns, and `out.given`: its other faults
   * (a score it lacks, another name) are said in the same run.
   */
  check(f: RowFields, line: number, out: CheckedRow): boolean {
    const cols = this.cols;
    const file = this.file;
    const log = this.log;
    this.f = f;
    this.line = line;
    this.ok = true;
    const staff = f.id(cols.staff, STAFF);
    // The rater cell is read before a totals or notes row is refused, as the staff id is: SPEC prints
    // a rater as first spelt in the sheets, and such a row's rater cell is one of the spellings met.
    const hasRater = cols.rater >= 0;
    const raterCell = hasRater ? f.id(cols.rater, RATER) : -1;
    if (staff >= 0 && this.staffKind(staff) === 2) {
      // A row of totals, averages or notes is no staff member's: its other cells are not checked.
      log.error(file, line, cols.staff + 1, 'summary-row', clip(f.text(cols.staff)));
      out.semester = '';
      out.staff = -1;
      out.rater = -1;
      out.given = 0;
      return false;
    }
    const rater = hasRater ? raterCell : this.consensus();
    if (staff < 0) {
      const name = cols.name >= 0 ? seen(f.text(cols.name)) : '';
      this.blank('blank-staff-id', cols.staff + 1, [name ? clip(name) : '']);
    }
    if (hasRater && rater < 0) this.blank('blank-rater', cols.rater + 1, this.who());
    let role: Role | null = null;
    if (cols.role >= 0) {
      const text = f.text(cols.role);
      if (text !== '') {
        role = this.roleOf(text);
        if (role === null) {
          log.error(file, line, cols.role + 1, 'unknown-role', clip(text), ...this.who());
          this.ok = false;
        }
      }
    }
    let semester: string | null = null;
    const option = this.opts.semester;
    const semText = cols.semester >= 0 ? f.text(cols.semester) : '';
    if (semText !== '') {
      semester = this.semesterOf(semText);
      if (semester === null) {
        log.error(file, line, cols.semester + 1, 'bad-semester', clip(semText), ...this.who(), looksLikeDate(semText) ? 1 : 0);
        this.ok = false;
      } else if (option && semester !== option && !this.opts.semesterFillsOnly) {
        const seen = this.disagreeing.get(semester);
        if (this.opts.verbose) log.error(file, line, cols.semester + 1, 'semester-disagrees', semester, option, ...this.who(), 0);
        else if (seen) seen.rows++;
        else {
          const [person, rater] = this.who();
          this.disagreeing.set(semester, { semester, line, column: cols.semester + 1, person, rater, rows: 1 });
        }
        this.ok = false;
      }
    } else if (option) {
      semester = option;
    } else {
      this.blank('no-semester', cols.semester >= 0 ? cols.semester + 1 : undefined, [cols.semester >= 0 ? 1 : 0, ...this.who()]);
    }

    // (Five stores, not fill(): a call into the runtime a row, 20-30 ms of 1M rows.)
    const scores = out.scores;
    scores[0] = scores[1] = scores[2] = scores[3] = scores[4] = SCORE_EMPTY;
    out.given = 0;
    if (cols.method >= 0) {
      const text = f.text(cols.method);
      let method = this.methods.get(text);
      if (method === undefined) this.methods.set(text, (method = parseMethod(text)));
      if (method === null) {
        if (text === '') log.error(file, line, cols.method + 1, 'blank-method', ...this.who());
        else log.error(file, line, cols.method + 1, 'unknown-method', clip(text), ...this.who());
        this.ok = false;
      } else this.score(out, METHODS.indexOf(method), cols.score);
    } else {
      const mc = cols.methodColumn;
      for (let k = 0; k < 5; k++) if (mc[k]! >= 0) this.score(out, k, mc[k]!);
    }
    out.semester = semester ?? '';
    out.staff = staff;
    out.rater = rater;
    out.name = cols.name >= 0 ? f.id(cols.name, NAME) : -1;
    out.post = cols.post >= 0 ? f.id(cols.post, POST) : -1;
    out.role = role === null ? NO_ROLE : ROLES.indexOf(role);
    out.nameColumn = cols.name + 1;
    out.postColumn = cols.post + 1;
    out.roleColumn = cols.role + 1;
    if (!this.ok) return false;
    out.file = file;
    out.line = line;
    return true;
  }
}
