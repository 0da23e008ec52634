/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/core/sheet.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare the pipeline's problems
 * (file, line, column, severity, message) and reports with it, so that messages stay exactly as
 * they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/**
 * Reading the records of one sheet: the header decides what each column means, then every row
 * becomes a SheetRow with its place, or problems that say exactly which cell is wrong and why.
 */
import { type Column, MICRO, Spellings, clip, identityKey, editDistance, parseHeader, parseMethod, parseRole, parseScore, parseSemester, toHalfWidth } from './cells.js';
import type { Policy } from '../../src/core/policy.js';
import { type Method, type Problems, type Role, METHODS } from '../../src/core/types.js';

/** A totals, averages or notes row's label in the staff id column. */
const SUMMARY_LABEL = /^(?:合计|总计|小计|共计|累计|平均|平均分|平均值|均分|均值|总分|总平均|备注|说明|注|注意|统计|汇总|total|totals|sum|subtotal|average|avg|mean|notes?|remarks?)$/iu;

export interface ScoreCell {
  method: Method;
  micro: number;
  line: number;
  column: number;
}

export interface SheetRow {
  file: string;
  fileOrder: number;
  line: number;
  semester: string;
  staffId: string;
  name: string;
  post: string;
  rater: string;
  role: Role | null;
  scores: ScoreCell[];
  /** The 1-based columns of the name, post and role (0: none). */
  columns: { name: number; post: number; role: number };
}

/** A row refused: its semester, staff id, rater ('' when blank), name, role, and the methods whose cells held something. */
export interface RefusedRow {
  semester: string;
  staffId: string;
  rater: string;
  name: string;
  post: string;
  role: Role | null;
  given: Set<Method>;
  line: number;
  columns: { name: number; post: number; role: number };
}

export interface RowCounts {
  /** Records after the header (blank lines not counted). */
  read: number;
  used: number;
  rejected: number;
}

/** The committee as one rater, for sheets without a rater column. */
export const CONSENSUS_RATER = 'committee';

/**
 * The first spelling of each staff id, rater, name and post over all sheets (issue 12): rows carry
 * these, so that equal keys are equal strings. Staff ids and raters are met by every row as wide as
 * the header (rejected or not); names and posts by the rows taken.
 */
export interface TextSpellings {
  staff: Spellings;
  rater: Spellings;
  name: Spellings;
  post: Spellings;
}

export function newSpellings(): TextSpellings {
  return { staff: new Spellings(), rater: new Spellings(), name: new Spellings(), post: new Spellings() };
}

export class SheetReader {
  private columns: (Column | null)[] | null = null;
  /** The line of the last line skipped above the header (a title, Excel's separator line), else 0. */
  private skippedAbove = 0;
  /** The lines of the title rows skipped above the header. */
  private readonly titleLines: number[] = [];
  private index = new Map<Column, number>();
  private methodColumns: { method: Method; index: number }[] = [];
  private headerOk = false;
  /** The header names no score column, and the row under it is still to come. */
  private lacksScores = false;
  private headerLine = 1;
  private blankRowsAbove = 0;
  readonly counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  /** Whether a row taken gave a score. */
  private scored = false;

  constructor(
    private readonly file: string,
    private readonly fileOrder: number,
    private readonly semesterOption: string | null,
    private readonly policy: Policy,
    private readonly problems: Problems,
    private readonly onRow: (row: SheetRow) => void,
    /** When true, the semester option only fills blank semester cells; rows naming another are kept. */
    private readonly semesterFillsOnly = false,
    /** The cell separator, for hints only. */
    private readonly delimiter = ',',
    private readonly spellings: TextSpellings = newSpellings(),
    /** Each row whose semester disagrees with the option is its own problem; else one per semester, at its first row, with a count. */
    private readonly verbose = false,
  ) {}

  /** Per semester a row gave against the option: the first such row's place and message, and how many. */
  private readonly disagreeing = new Map<string, { at: { file: string; fileOrder: number; line: number; column: number }; head: string; rows: number }>();

  /**
   * Per kind (a blank staff id, rater or semester), the first such row's place and the words of its
   * message around the count, and how many rows.
   */
  private readonly blanks = new Map<string, { at: { file: string; fileOrder: number; line: number; column?: number }; say: (more: string, asAbove: boolean) => string; rows: number }>();

  /** The sheet's rows whose semester disagrees with the option: one problem per semester (called whether or not the sheet was read to its end). */
  sayDisagreeing(): void {
    for (const d of this.disagreeing.values()) {
      this.problems.error(d.at, `${d.head}${d.rows > 1 ? `, and so do ${d.rows - 1} more ${d.rows === 2 ? 'row' : 'rows'} of this sheet; give --verbose to list each of them` : ''}`);
    }
    // Blank staff ids, raters, semesters: one problem per kind; "as above" when half the rows read or
    // more have it blank, but not all (what cells merged over a person's rows leave).
    for (const b of this.blanks.values()) {
      const more = b.rows > 1 ? `${b.rows - 1} more ${b.rows === 2 ? 'row' : 'rows'} of this sheet` : '';
      const asAbove = b.rows > 1 && b.at.column !== undefined && b.rows * 2 >= this.counts.read && b.rows < this.counts.read;
      this.problems.error(b.at, b.say(more, asAbove));
    }
  }

  /** A row with a blank staff id, rater or semester: said now with --verbose, else once per kind at sayDisagreeing. */
  private blank(kind: string, at: { file: string; fileOrder: number; line: number; column?: number }, say: (more: string, asAbove: boolean) => string): void {
    if (this.verbose) this.problems.error(at, say('', false));
    else {
      const seen = this.blanks.get(kind);
      if (seen) seen.rows++;
      else this.blanks.set(kind, { at, say, rows: 1 });
    }
  }

  private at(line: number, column?: number) {
    return column === undefined
      ? { file: this.file, fileOrder: this.fileOrder, line }
      : { file: this.file, fileOrder: this.fileOrder, line, column };
  }

  malformed(line: number, column: number, message: string): void {
    if (this.columns) {
      this.counts.read++;
      this.counts.rejected++;
    } else {
      // A header that cannot be read leaves nothing in this sheet readable.
      this.columns = [];
    }
    this.problems.error(this.at(line, column), message);
  }

  record(cells: string[], line: number): void {
    const blank = cells.every((c) => c.trim() === '');
    if (!this.columns) {
      // Rows of empty cells above the header, as a sheet saved from Excel may have, are skipped.
      if (blank) this.blankRowsAbove++;
      else if (cells.length <= 2 && /^sep=.?$/i.test(cells.join(this.delimiter).trim())) this.separatorHint(cells.join(this.delimiter).trim(), line);
      else this.header(cells, line);
      if (!this.columns && !blank) this.skippedAbove = line;
      return;
    }
    if (blank) return; // a row of empty cells, as Excel leaves them
    this.counts.read++;
    if (!this.headerOk) {
      // The row under a header that names no score column, when it names some: a header of two rows.
      if (this.lacksScores) {
        this.lacksScores = false;
        const named = cells.filter((c) => ['listen', 'see', 'check', 'test', 'ask', 'method', 'score'].includes(parseHeader(c) ?? ''));
        if (named.length > 0) {
          this.problems.warning(
            this.at(line),
            `this row names score columns (${named.map((c) => clip(c.trim())).join(', ')}) below the header of line ${this.headerLine}: is the header two rows, as under a merged cell? Make it one row, each column's name in the column's own cell`,
          );
        }
      }
      this.counts.rejected++;
      return;
    }
    if (this.repeatsHeader(cells, line) || !this.rowValues(cells, line)) this.counts.rejected++;
    else this.counts.used++;
  }

  /**
   * A sheet with rows taken, none refused, and not one score (a template sent back untouched): its
   * header line and the methods it has columns for; null for any other sheet.
   */
  blankSheet(): { line: number; methods: Set<Method> } | null {
    if (!this.headerOk || this.counts.used === 0 || this.counts.rejected > 0 || this.scored) return null;
    const methods = this.index.has('method') ? new Set<Method>(METHODS) : new Set(this.methodColumns.map((c) => c.method));
    return { line: this.headerLine, methods };
  }

  /** The methods this sheet has columns for (every one in long form); none without a usable header. */
  /** Per method, the column of its own (1-based) in a sheet of method columns; none in a long sheet. */
  methodColumnsHeld(): Map<Method, number> {
    if (!this.headerOk || this.index.has('method')) return new Map();
    return new Map(this.methodColumns.map((c) => [c.method, c.index + 1]));
  }

  /** The 1-based columns of the name, post and role (0: none). */
  private identityColumns(): { name: number; post: number; role: number } {
    const col = (c: Column) => (this.index.has(c) ? this.index.get(c)! + 1 : 0);
    return { name: col('name'), post: col('post'), role: col('role') };
  }

  /** Each row refused where its semester and staff id could be read. */
  readonly refused: RefusedRow[] = [];

  methodsHeld(): Set<Method> {
    if (!this.headerOk) return new Set();
    return this.index.has('method') ? new Set<Method>(METHODS) : new Set(this.methodColumns.map((c) => c.method));
  }

  /** After the last record: a sheet needs a header and at least one row. */
  finish(): void {
    if (!this.columns && this.skippedAbove > 0) {
      this.problems.error(this.at(this.skippedAbove), `there is no header row below line ${this.skippedAbove}: a sheet needs a header row and at least one row of scores`);
    } else if (!this.columns) {
      this.problems.error(
        this.at(1),
        this.blankRowsAbove > 0
          ? 'the file holds only blank rows: a sheet needs a header row and at least one row of scores'
          : 'the file is empty: a sheet needs a header row and at least one row of scores',
      );
    } else if (this.headerOk && this.counts.read === 0) {
      this.problems.error(this.at(this.headerLine), 'the sheet has a header but no rows of scores');
    }
  }

  /** Excel's `sep=;` first line names the separator; this reader takes it from --delimiter instead. */
  private separatorHint(text: string, line: number): void {
    const sep = text.slice(4);
    if (sep === this.delimiter) {
      this.problems.warning(this.at(line, 1), `"${text}" is Excel's separator line: skipped, the header is on the next line`);
      return;
    }
    this.problems.error(
      this.at(line, 1),
      `"${text}" is Excel's separator line, not a header: delete this line${sep ? ` and give --delimiter "${sep}"` : ''}`,
    );
    this.columns = [];
  }

  /** The header again, as when two sheets were joined into one file: one error, not one per cell. */
  private repeatsHeader(cells: string[], line: number): boolean {
    if (cells.length !== this.columns!.length) return false;
    if (!cells.every((c, i) => this.columns![i] === null || parseHeader(c) === this.columns![i])) return false;
    if (!cells.some((c, i) => this.columns![i] !== null && c.trim() !== '')) return false;
    this.problems.error(
      this.at(line),
      `this row repeats the header of line ${this.headerLine} (were two sheets joined into one file?); delete it`,
    );
    return true;
  }

  private header(cells: string[], line: number): void {
    this.headerLine = line;
    const fullWidth = cells.length === 1 ? (['，', '；'] as const).find((sep) => cells[0]!.split(sep).filter((p) => parseHeader(p) !== null).length >= 2) : undefined;
    if (fullWidth) {
      this.problems.error(
        this.at(line, 1),
        `the header is a single cell: the sheet is separated by full-width ${fullWidth === '，' ? 'commas' : 'semicolons'} "${fullWidth}", which no --delimiter reads; replace them with "," (Find and Replace in an editor) and read it again`,
      );
      this.columns = [];
      return;
    }
    const other = cells.length === 1 ? otherSeparator(cells[0]!) : null;
    if (other) {
      this.problems.error(
        this.at(line, 1),
        `the header is a single cell: the sheet seems to be separated by ${other.name}, not "${this.delimiter}"; give --delimiter ${other.option}`,
      );
      this.columns = [];
      return;
    }
    const filled = cells.filter((c) => c.trim() !== '');
    if (filled.length === 1 && parseHeader(filled[0]!) === null && this.titleLines.length >= 3) {
      this.problems.error(
        this.at(line),
        `lines ${this.titleLines[0]} to ${line} each hold one text and no column names: is this a scoring sheet? Its header row names the columns (staff_id, name, semester, rater, role, listen, see, check, test, ask)`,
      );
      this.columns = [];
      return;
    }
    if (filled.length === 1 && parseHeader(filled[0]!) === null) {
      this.titleLines.push(line);
      this.problems.warning(
        this.at(line, cells.findIndex((c) => c.trim() !== '') + 1),
        `"${clip(filled[0]!.trim())}" looks like the sheet's title, not its header: skipped, the header is read from the lines below`,
      );
      this.columns = null;
      return;
    }
    this.columns = cells.map((c) => parseHeader(c));
    const seen = new Map<Column, number>();
    let ok = true;
    cells.forEach((raw, i) => {
      const col = this.columns![i]!;
      if (col === null) {
        if (raw.trim() === '') {
          // A run of unnamed columns: one warning, at its first.
          if (i > 0 && cells[i - 1]!.trim() === '') return;
          let last = i + 1;
          while (last < cells.length && cells[last]!.trim() === '') last++;
          this.problems.warning(
            this.at(line, i + 1),
            last > i + 1 ? `columns ${i + 1} to ${last} have no header name; their cells are ignored` : `column ${i + 1} has no header name; its cells are ignored`,
          );
        } else {
          const hint = guessHeader(raw);
          this.problems.warning(
            this.at(line, i + 1),
            `unknown column "${clip(raw.trim())}" is ignored${hint ? ` (did you mean "${hint}"?)` : ''}`,
          );
        }
        return;
      }
      const prev = seen.get(col);
      if (prev !== undefined) {
        this.problems.error(this.at(line, i + 1), `column "${clip(raw.trim())}" repeats column ${prev + 1} ("${clip(cells[prev]!.trim())}"): both mean ${col}`);
        ok = false;
        return;
      }
      seen.set(col, i);
    });
    this.index = seen;
    this.methodColumns = METHODS.filter((m) => seen.has(m)).map((m) => ({ method: m, index: seen.get(m)! }));
    const long = seen.has('method') || seen.has('score');
    if (!seen.has('staff_id')) {
      this.problems.error(this.at(line), 'the header has no staff_id column (工号); it is needed to know whose scores a row holds');
      ok = false;
    }
    if (long && !(seen.has('method') && seen.has('score'))) {
      this.problems.error(this.at(line), 'a long sheet needs both a method column (方法) and a score column (分数)');
      ok = false;
    } else if (long && this.methodColumns.length > 0) {
      this.problems.error(this.at(line), 'the header has both method columns and method/score columns; use one form per sheet');
      ok = false;
    } else if (!long && this.methodColumns.length === 0) {
      this.problems.error(
        this.at(line),
        'the header has no score columns: name them listen, see, check, test, ask (听 看 查 测 问), or use method and score columns',
      );
      ok = false;
      this.lacksScores = true;
    }
    this.headerOk = ok;
  }

  private rowValues(cells: string[], line: number): boolean {
    const width = this.columns!.length;
    if (cells.length !== width) {
      // Whose row it is, from the cells it has: a staff id and a name, then the rater, each only
      // where the row reaches its column and it holds more than blanks and invisible characters.
      const own = (c: Column) => {
        const i = this.index.get(c);
        const text = i === undefined || i >= cells.length ? '' : cells[i]!.trim();
        return identityKey(text) === '' ? '' : clip(text);
      };
      const person = [own('staff_id'), own('name')].filter(Boolean).join(' ');
      const rater = own('rater');
      this.problems.error(
        this.at(line, Math.min(cells.length, width) + 1),
        `the row has ${cells.length} cells but the header has ${width}${person ? ` (${person}${rater ? `, rater ${rater}` : ''})` : ''}${cells.length > width ? extraCellsHint(cells, width, this.delimiter) : ''}`,
      );
      return false;
    }
    const cell = (c: Column) => {
      const i = this.index.get(c);
      return i === undefined ? '' : cells[i]!.trim();
    };
    const col = (c: Column) => this.index.get(c)! + 1;
    const staffId = cell('staff_id');
    const name = cell('name');
    const hasRater = this.index.has('rater');
    const rater = hasRater ? cell('rater') : CONSENSUS_RATER;
    // Compared by their keys, shown as first spelt; messages about this row quote its own cells,
    // an id or rater of invisible characters only as blank.
    const staffSpelling = this.spellings.staff.of(staffId);
    const raterSpelling = this.spellings.rater.of(rater);
    const shownName = identityKey(name) === '' ? '' : name;
    const who = () =>
      `(${[staffSpelling && staffId, shownName].filter(Boolean).map(clip).join(' ')}${hasRater && raterSpelling ? `, rater ${clip(rater)}` : ''})`;
    let ok = true;
    const merged = 'were the cells merged over several rows in Excel, or left blank to mean "as above"? A merged cell keeps its text in its first row only';
    const andMore = (more: string, asAbove: boolean) =>
      more ? `, and on ${more}${asAbove ? `: ${merged}; unmerge the cells and fill in every row` : ''}; give --verbose to list each of them` : '';
    if (staffSpelling === '') {
      const head = `staff_id is blank${shownName ? ` (name ${clip(shownName)})` : ''}`;
      this.blank('staff', this.at(line, col('staff_id')), (more, asAbove) => `${head}${andMore(more, asAbove)}`);
      ok = false;
    } else if (SUMMARY_LABEL.test(identityKey(staffId).replace(/[:：].*$/su, '').replace(/\s/gu, ''))) {
      // No staff member's row: nothing else of it is checked.
      this.problems.error(this.at(line, col('staff_id')), `"${clip(staffId)}" is not a staff id: this looks like a row of totals, averages or notes, not a staff member's scores; delete the row`);
      return false;
    }
    if (hasRater && raterSpelling === '') {
      const head = `rater is blank ${who()}`;
      this.blank('rater', this.at(line, col('rater')), (more, asAbove) => `${head}${andMore(more, asAbove)}`);
      ok = false;
    }
    let role: Role | null = null;
    const roleText = cell('role');
    if (roleText !== '') {
      role = parseRole(roleText);
      if (!role) {
        this.problems.error(
          this.at(line, col('role')),
          `unknown role "${clip(roleText)}" ${who()}; roles are leader 组长, head-office 总公司办公室, center-office 中心办公室, student 学生代表`,
        );
        ok = false;
      }
    }
    let semester: string | null = null;
    const semText = cell('semester');
    if (semText !== '') {
      semester = parseSemester(semText);
      if (!semester) {
        this.problems.error(
          this.at(line, col('semester')),
          dateLike(semText)
            ? `semester "${clip(semText)}" is not a semester ${who()}: it reads like a date; did Excel turn the cell into one? Format the column as text and write 2026-H1 or 2026上半年`
            : `semester "${clip(semText)}" is not a semester ${who()}; write it as 2026-H1, 2026H1, 2026-1, 2026上半年 or 2026下半年`,
        );
        ok = false;
      } else if (this.semesterOption && semester !== this.semesterOption && !this.semesterFillsOnly) {
        const head = `semester ${semester} disagrees with --semester ${this.semesterOption} ${who()}`;
        const seen = this.disagreeing.get(semester);
        if (this.verbose) this.problems.error(this.at(line, col('semester')), head);
        else if (seen) seen.rows++;
        else this.disagreeing.set(semester, { at: { file: this.file, fileOrder: this.fileOrder, line, column: col('semester') }, head, rows: 1 });
        ok = false;
      }
    } else if (this.semesterOption) {
      semester = this.semesterOption;
    } else {
      const head = `no semester for this row ${who()}`;
      const hasColumn = this.index.has('semester');
      this.blank(
        'semester',
        this.at(line, hasColumn ? col('semester') : undefined),
        (more, asAbove) =>
          `${head}${more ? `, nor for ${more}` : ''}: ${hasColumn ? `the semester cell is blank${asAbove ? ` (${merged})` : ''}` : 'the sheet has no semester column'}; give --semester${
            asAbove ? ', or unmerge the cells and fill in every row' : ''
          }${more ? '; give --verbose to list each of them' : ''}`,
      );
      ok = false;
    }

    const scores: ScoreCell[] = [];
    const given = new Set<Method>();
    const addScore = (method: Method, text: string, column: number) => {
      const max = this.policy.methods[method].scale;
      const r = parseScore(text, method, Math.round(max * MICRO));
      given.add(method);
      if (r.ok) scores.push({ method, micro: r.micro, line, column });
      else {
        this.problems.error(this.at(line, column), `${r.message} ${who()}`);
        ok = false;
      }
    };
    if (this.index.has('method')) {
      const mText = cell('method');
      const sText = cell('score');
      const method = parseMethod(mText);
      if (!method) {
        this.problems.error(
          this.at(line, col('method')),
          mText === '' ? `method is blank ${who()}` : `unknown method "${clip(mText)}" ${who()}; methods are listen 听, see 看, check 查, test 测, ask 问`,
        );
        ok = false;
      } else if (sText !== '') addScore(method, sText, col('score'));
    } else {
      for (const { method, index } of this.methodColumns) {
        const text = cells[index]!;
        if (text.trim() !== '' && toHalfWidth(text).trim() !== '') addScore(method, text, index + 1);
      }
    }
    if (!ok) {
      const [nameSpelling, postSpelling] = [this.spellings.name.of(name), this.spellings.post.of(cell('post'))];
      if (staffSpelling !== '' && semester) this.refused.push({ semester, staffId: staffSpelling, rater: raterSpelling, name: nameSpelling, post: postSpelling, role, given, line, columns: this.identityColumns() });
      return false;
    }
    if (scores.length > 0) this.scored = true;
    this.onRow({
      file: this.file,
      fileOrder: this.fileOrder,
      line,
      semester: semester!,
      staffId: staffSpelling,
      name: this.spellings.name.of(name),
      post: this.spellings.post.of(cell('post')),
      rater: raterSpelling,
      role,
      scores,
      columns: this.identityColumns(),
    });
    return true;
  }
}

/**
 * A near miss of a known header (one letter off), so that `lisen` is not silently ignored; also a
 * known name with a note after it in brackets, as in `听(20分)`.
 */
function guessHeader(raw: string): string | null {
  const t = raw.trim().toLowerCase();
  const names = ['staff_id', 'name', 'post', 'semester', 'rater', 'role', 'method', 'score', ...METHODS];
  // The distance is at least the difference in length: a long cell is not compared letter by letter.
  for (const n of names) if (Math.abs(t.length - n.length) <= 2 && editDistance(t, n) <= (n.length > 5 ? 2 : 1)) return n;
  const bare = /^(.+?)\s*[(（[【].*$/.exec(t)?.[1];
  if (bare && parseHeader(bare)) return bare;
  return null;
}

/** A header that splits into known column names at a separator other than the one in use. */
function otherSeparator(cell: string): { name: string; option: string } | null {
  for (const [sep, name, option] of [
    [';', '";"', '";"'],
    ['\t', 'tabs', 'tab'],
    ['|', '"|"', '"|"'],
    [',', '","', '","'],
  ] as const) {
    const parts = cell.split(sep);
    if (parts.length > 1 && parts.filter((p) => parseHeader(p) !== null).length >= 2) return { name, option };
  }
  return null;
}

/**
 * Why a row may have more cells than the header: a decimal comma that split a score in two
 * (`18,5` in a comma-separated sheet), or separators left at the end of the row.
 */
function extraCellsHint(cells: string[], width: number, delimiter: string): string {
  // A half point after a comma (`18,5`): two whole numbers side by side, the second one digit. It
  // shifts the cells after it, so it comes first even when the last cells are empty.
  for (let i = 0; delimiter === ',' && i + 1 < cells.length; i++) {
    const [a, b] = [cells[i]!.trim(), cells[i + 1]!.trim()];
    if (/^\d{1,2}$/.test(a) && /^\d$/.test(b)) {
      return `; cells ${i + 1} and ${i + 2} ("${a}" and "${b}") may be one score written with a decimal comma: write ${a}.${b}, or put the cell in quotes`;
    }
  }
  if (cells.slice(width).every((c) => c.trim() === '')) {
    return `; the extra cells at the end are empty: delete the separators (${delimiter}) after cell ${width}`;
  }
  return '';
}

/** A cell Excel made a date of: year-first or year-last numbers, a month's name, 年月日, or a serial day number. */
function dateLike(raw: string): boolean {
  const t = toHalfWidth(raw).trim();
  const patterns = [
    /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}( .*)?$/,
    /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( .*)?$/,
    /^[A-Za-z]{3,9}[- ]\d{2,4}$/,
    /^\d{1,2}[- ][A-Za-z]{3,9}$/,
    /^\d{4}年\d{1,2}月(\d{1,2}日)?$/,
    /^\d{1,2}月\d{1,2}日$/,
  ];
  if (patterns.some((p) => p.test(t))) return true;
  const serial = /^\d{5}$/.test(t) ? Number(t) : NaN;
  return serial >= 30000 && serial <= 60000;
}
