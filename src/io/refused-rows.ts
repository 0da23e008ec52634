/**
 * What the rows the row checks refused still tell, kept as the sheets are read (on either thread)
 * and put together in reading order: per semester, the people they name (they have rows there,
 * though none may be tallied: not "no scores"), and, where a row's staff id, rater and semester
 * could be read, the methods it gave (a score or not): a method it gave is not missing, and a score
 * it lacks is missing all the same (core/whole-picture.ts checkScoresPerRole).
 */
import { type CheckedRow, NO_ROLE } from '../core/tally.js';
import type { RefusedCell } from '../core/whole-picture.js';

/**
 * Per refused row kept: semester index, staff, rater, name, role code, methods given, file order,
 * line, post, and the columns of the name, post and role.
 */
const INTS = 12;

/** RefusedRows as they travel between threads. */
export interface RefusedRowsData {
  /** Per semester, one bit per staff number. */
  staff: [semester: string, bits: Uint8Array][];
  /** The semesters of `rows`, by index. */
  semesters: string[];
  /** INTS numbers per row, in reading order. */
  rows: Int32Array;
  /** Per semester ('': not read), the raters of its refused rows and their roles (pairs). */
  raters: [semester: string, pairs: Int32Array][];
}

/** Another thread's numbers (staff, rater, name texts) and lines as this thread's. */
export interface ThreadNumbers {
  staff: ArrayLike<number>;
  rater: ArrayLike<number>;
  name: ArrayLike<number>;
  post: ArrayLike<number>;
  line(file: number, line: number): number;
}

export class RefusedRows implements Iterable<RefusedCell> {
  private readonly bits = new Map<string, Uint8Array>();
  private lastSemester = '';
  private last: Uint8Array | null = null;
  private readonly semesters: string[] = [];
  private rows = new Int32Array(0);
  private count = 0;
  /** The semester index of the last row kept. */
  private lastRow = 0;
  /** Per semester ('': not read), the rater of each refused row whose rater was read, and the first role given (NO_ROLE: none yet). */
  private readonly raters = new Map<string, Map<number, number>>();

  /** A person with a row refused in `semester`. */
  add(semester: string, staff: number): void {
    let b = semester === this.lastSemester ? this.last : (this.bits.get(semester) ?? null);
    if (b === null || b.length <= staff >> 3) {
      const more = new Uint8Array(Math.max((staff >> 3) + 1, (b?.length ?? 0) * 2, 64));
      if (b) more.set(b);
      this.bits.set(semester, (b = more));
    }
    this.lastSemester = semester;
    this.last = b;
    b[staff >> 3]! |= 1 << (staff & 7);
  }

  has(semester: string, staff: number): boolean {
    const b = this.bits.get(semester);
    return b !== undefined && staff >> 3 < b.length && (b[staff >> 3]! & (1 << (staff & 7))) !== 0;
  }

  /**
   * The rater of a refused row whose rater was read, its staff id read or not (a staff id blank
   * under a merged cell): a rater of the semester's committee all the same. Semester '': the row's
   * semester could not be read (blank, not a semester, or not --semester's).
   */
  addRater(semester: string, rater: number, role: number): void {
    let m = this.raters.get(semester);
    if (!m) this.raters.set(semester, (m = new Map()));
    const had = m.get(rater);
    if (had === undefined || had === NO_ROLE) m.set(rater, role);
  }

  /** The raters of the semester's refused rows, with their roles (core/committee.ts warnComposition counts them). */
  ratersOf(semester: string): ReadonlyMap<number, number> | undefined {
    return this.raters.get(semester);
  }

  /** A refused row whose staff id, rater and semester were read (RowChecker.check fills them in). */
  addRow(row: CheckedRow, file: number, line: number): void {
    this.push(row.semester, row.staff, row.rater, row.name, row.role, row.given, file, line, row.post, row.nameColumn, row.postColumn, row.roleColumn);
  }

  private push(semester: string, staff: number, rater: number, name: number, role: number, given: number, file: number, line: number, post: number, nameColumn: number, postColumn: number, roleColumn: number): void {
    let s = semester === this.semesters[this.lastRow] ? this.lastRow : this.semesters.indexOf(semester);
    if (s < 0) s = this.semesters.push(semester) - 1;
    this.lastRow = s;
    if ((this.count + 1) * INTS > this.rows.length) {
      const more = new Int32Array(Math.max(64 * INTS, this.rows.length * 2));
      more.set(this.rows);
      this.rows = more;
    }
    const r = this.rows;
    const o = this.count++ * INTS;
    r[o] = s;
    r[o + 1] = staff;
    r[o + 2] = rater;
    r[o + 3] = name;
    r[o + 4] = role;
    r[o + 5] = given;
    r[o + 6] = file;
    r[o + 7] = line;
    r[o + 8] = post;
    r[o + 9] = nameColumn;
    r[o + 10] = postColumn;
    r[o + 11] = roleColumn;
  }

  /** Adds another's, after these; `map` turns another thread's numbers and lines into these. */
  addAll(data: RefusedRowsData, map?: ThreadNumbers): void {
    for (const [semester, pairs] of data.raters) {
      for (let i = 0; i < pairs.length; i += 2) this.addRater(semester, map ? map.rater[pairs[i]!]! : pairs[i]!, pairs[i + 1]!);
    }
    for (const [semester, b] of data.staff) {
      for (let i = 0; i < b.length; i++) {
        for (let k = 0; b[i]! >> k !== 0; k++) if (b[i]! & (1 << k)) this.add(semester, map ? map.staff[i * 8 + k]! : i * 8 + k);
      }
    }
    const r = data.rows;
    for (let o = 0; o < r.length; o += INTS) {
      const semester = data.semesters[r[o]!]!;
      const [staff, rater, name, file, line, post] = [r[o + 1]!, r[o + 2]!, r[o + 3]!, r[o + 6]!, r[o + 7]!, r[o + 8]!];
      const columns = [r[o + 9]!, r[o + 10]!, r[o + 11]!] as const;
      if (!map) this.push(semester, staff, rater, name, r[o + 4]!, r[o + 5]!, file, line, post, ...columns);
      else this.push(semester, map.staff[staff]!, map.rater[rater]!, name >= 0 ? map.name[name]! : -1, r[o + 4]!, r[o + 5]!, file, map.line(file, line), post >= 0 ? map.post[post]! : -1, ...columns);
    }
  }

  export(): RefusedRowsData {
    const raters: [string, Int32Array][] = [...this.raters].map(([semester, m]) => [semester, Int32Array.from([...m].flat())]);
    return { staff: [...this.bits], semesters: [...this.semesters], rows: this.rows.slice(0, this.count * INTS), raters };
  }

  /** The rows kept, in reading order. */
  [Symbol.iterator](): Iterator<RefusedCell> {
    return this.cells();
  }

  private *cells(): Generator<RefusedCell> {
    const r = this.rows;
    for (let o = 0; o < this.count * INTS; o += INTS) {
      yield {
        semester: this.semesters[r[o]!]!,
        staff: r[o + 1]!,
        rater: r[o + 2]!,
        name: r[o + 3]!,
        role: r[o + 4]!,
        given: r[o + 5]!,
        file: r[o + 6]!,
        line: r[o + 7]!,
        post: r[o + 8]!,
        nameColumn: r[o + 9]!,
        postColumn: r[o + 10]!,
        roleColumn: r[o + 11]!,
      };
    }
  }
}
