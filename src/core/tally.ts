/**
 * The tally: every checked row goes into it, in the order of the sheets, and is never kept. It holds
 * one entry per person (semester and staff id) with running sums per method, and one cell per
 * person and rater with the methods that rater scored (a bit mask), where the rater's first row was,
 * and, when a command needs them (median, weighted mean, panel, explain), the scores themselves.
 * What only rows together show is checked here, as each row arrives: a person with two names or two
 * posts, a rater with two roles, a method scored twice.
 *
 * Memory follows the people and the cells, not the rows. Cells are a dense block per person (one
 * slot per rater, the raters of a committee scoring everyone) while raters are few; raters beyond
 * that, or a panel too sparse for the block, go to a hash table of their own.
 *
 * The tally knows texts (staff ids, names, raters, posts) by number only; `TextLookup` gives them.
 */
import { MICRO, clip } from './cells.js';
import type { FileRef, ProblemContext, ProblemLog } from './problems.js';
import type { Policy } from './policy.js';
import { SCORE_EMPTY } from './score-cell.js';
import { ROLES, type Role } from './types.js';

/** The kinds of interned text. */
export const STAFF = 0;
export const RATER = 1;
export const NAME = 2;
export const POST = 3;
export type TextKind = typeof STAFF | typeof RATER | typeof NAME | typeof POST;

/** The texts the tally knows by number: the first spelling seen of each. */
export interface TextLookup {
  text(kind: TextKind, id: number): string;
  /**
   * The same text, for a pass over every text of a kind that keeps none of them (a million raters'
   * names): made each time it is asked for, not kept as `text` keeps it.
   */
  passing(kind: TextKind, id: number): string;
}

/** Role codes: ROLES' index, or NO_ROLE. */
export const NO_ROLE = 4;
export function roleCode(role: Role | null): number {
  return role === null ? NO_ROLE : ROLES.indexOf(role);
}
export function roleOf(code: number): Role | null {
  return code === NO_ROLE ? null : ROLES[code]!;
}

/**
 * A dense cell in one byte (Tally.cellState): its role code + 1 in the low three bits (0: no cell;
 * NO_ROLE + 1 where its rows gave none) and, above them, the methods it holds (bit 3 + m for method
 * m). One byte, not an array for each: a cell costs 6 bytes, not 7, while its rows are read (15
 * raters' 3M rows peak 4-5 MB lower), and every row reads and writes both in one place.
 */
const CELL_ROLE_BITS = 3;
/** A dense cell's role code + 1 (0: no cell). */
export function cellRoleOf(state: number): number {
  return state & ((1 << CELL_ROLE_BITS) - 1);
}
/** A dense cell's methods, a bit each (bit m for method m). */
export function cellMethodsOf(state: number): number {
  return state >> CELL_ROLE_BITS;
}
/** The state of a dense cell of role code + 1 `role` holding the methods of `mask`. */
function cellState(role: number, mask: number): number {
  return role | (mask << CELL_ROLE_BITS);
}

/** One row that passed the row checks, with global text numbers. Reused from row to row. */
export class CheckedRow {
  file: FileRef = { name: '', order: 0 };
  line = 0;
  semester = '';
  staff = 0;
  /** -1 where the cell is blank or the sheet has no such column. */
  name = -1;
  post = -1;
  rater = 0;
  role = NO_ROLE;
  /** Per method (METHODS order): micro-points, or SCORE_EMPTY. */
  readonly scores = new Int32Array(5).fill(SCORE_EMPTY);
  /** Per method: the score's 1-based column. */
  readonly columns = new Int32Array(5);
  /** The methods whose cells hold something, a score or not (a bit each): what a refused row gave. */
  given = 0;
  /** The 1-based columns of the name, post and role (0: the sheet has none), for the places of messages. */
  nameColumn = 0;
  postColumn = 0;
  roleColumn = 0;
}

/** What a row says of its person and rater (a CheckedRow's, or a refused row's), for the checks of names, posts and roles. */
export interface RowIdentity {
  file: FileRef;
  line: number;
  name: number;
  post: number;
  rater: number;
  role: number;
  nameColumn: number;
  postColumn: number;
  roleColumn: number;
}

/** The raters of a committee (SPEC): the dense cells' first stride. */
const COMMITTEE = 5;
/** Dense cells: at most this many slots per person. */
export const DENSE_MAX = 64;
/** A cell reference in a problem: person * DENSE_MAX + slot, or SPARSE_REF + a sparse cell. */
export const SPARSE_REF = 2 ** 30;

/** `a` with room for `need`: twice its length or more, or exactly `need` (`exact`); the new part filled with `fill`. */
export function grown<T extends Int32Array | Int16Array | Uint16Array | Uint8Array | Float64Array>(a: T, need: number, fill?: number, exact = false): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(exact ? need : Math.max(need, a.length * 2));
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

export interface TallyOptions {
  policy: Policy;
  /** Keep every score (median, weighted mean, panel, explain); otherwise running sums only. */
  keepScores: boolean;
  /**
   * How many sheets are read (their orders are below it), when known: a cell keeps the file of its
   * first row in a byte while there are fewer than 256 (3 bytes a cell less: 15 raters of 200,000
   * people take 9 MB less), else in 2 or 4.
   */
  files?: number;
  /**
   * How much of its input the reading has read, from 0 to 1 (0: not known, as for standard input).
   * The people's arrays then grow to the room the whole input is likely to need, estimated from the
   * people met so far, instead of doubling: each doubling holds the old arrays and the new at once
   * until a collection, and copies the old, and a reading in two threads then grew its arrays once
   * more, at the merge, while both threads' arrays were held (the peak of 15 raters' 3M rows).
   */
  readShare?: () => number;
}

/** The most people the estimate of readShare makes room for (more grow as before, doubling). */
const MAX_ROOM = 1 << 24;
/**
 * The most room the estimate makes, in times the people met. The first room is made at the 1,025th
 * person: from 1,024 people in 0.7% of two semesters' sheets (400,000 people), sixteen times made
 * room for 16,400, then, at 16,401 people, for 262,416, and the merge of the reader thread's part
 * grew every array once more, to 400,000 (88 ms of `year` on 2 x 1M rows, copying and first touching
 * 30 MB); thirty-two times makes room for 32,800, then for 471,262.
 */
const ROOM_FACTOR = 32;

/** Small whole numbers (a file's order, a count of scores) in the fewest bytes their bound allows. */
export type UintArray = Uint8Array | Uint16Array | Int32Array;

/** The smallest array that holds the whole numbers 0 to `max`. */
export function uintArray(max: number): new (n: number) => UintArray {
  return max <= 0xff ? Uint8Array : max <= 0xffff ? Uint16Array : Int32Array;
}

/** Per person and method: sums (mean), with lowest and highest (trimmed mean). */
const SUM = 0;
const MIN = 5;
const MAX = 10;

export class Tally {
  readonly semesters: string[] = [];
  private readonly semesterIndex = new Map<string, number>();
  /** Per semester: staff text number -> person + 1. */
  private personOf: Int32Array[] = [];
  /**
   * Whether every person so far is of the first semester and numbered as their staff text (person i
   * has staff text i, as a semester's sheets read alone make them): personFor then answers without
   * reading personOf, a look at memory far away a row when rows come in any order.
   */
  private numberedAsStaff = true;

  // People, in order of first appearance.
  persons = 0;
  semesterOf = new Int32Array(1024);
  staffOf = new Int32Array(1024);
  nameOf = new Int32Array(1024);
  postOf = new Int32Array(1024);
  /** The person's first row, and the row that gave the name. */
  atFile = new Int32Array(1024);
  atLine = new Int32Array(1024);
  nameFile = new Int32Array(1024);
  nameLine = new Int32Array(1024);
  /** Per person: sums per method, then (trimmed) lowest and highest per method. */
  sums: Float64Array;
  private readonly sumSize: number;

  // Raters: the role their rows give (the first), and where.
  raterRole = new Int8Array(64).fill(-1);
  raterRoleFile = new Int32Array(64);
  raterRoleLine = new Int32Array(64);

  // Dense cells: person * stride + slot, where slot is the rater's number (while under the stride).
  // Five slots to begin with, a committee's members (SPEC); a sixth rater widens the block (see dense).
  stride = COMMITTEE;
  /** 0: no cell; else its role code + 1 (the first role the cell's rows give; NO_ROLE + 1 for none) and methods (cellRoleOf, cellMethodsOf). */
  cellState = new Uint8Array(1024 * COMMITTEE);
  cellFile: UintArray;
  /**
   * The line of a dense cell's first row (cellFirstLine): in two bytes a cell, less its person's
   * first line (atLine), while every cell's first row lies within 32,767 lines of its person's (rows
   * grouped by staff, per-rater sheets in the same order); from the first cell that does not (rows
   * in any order), the line itself in four, and no look at the person's line a row. 15 raters' 3M
   * rows keep 6 MB less.
   */
  cellLine: Int16Array | Int32Array = new Int16Array(1024 * COMMITTEE);
  /**
   * Whether cellLine holds the lines themselves, in four bytes (widenCellLines). The array's type
   * says it too (firstLineOf reads that); a new cell reads this flag instead: asking the array its
   * width at each cell cost rows in any order 60-100 ms of 1M on one thread.
   */
  private wideLines = false;
  /** Scores per cell and method, when kept. */
  cellScores: Int32Array | null;
  /** Per cell and method, where its first score was when that is not the cell's first row: file, line (-1: the cell's row). */
  methodPlace: Int32Array | null = null;
  private denseCells = 0;

  // Sparse cells: a hash table on (person, rater); per person a chain, in order of creation.
  sparseCount = 0;
  private sparseTable = new Int32Array(64);
  sparsePerson = new Int32Array(64);
  sparseRater = new Int32Array(64);
  sparseRole = new Uint8Array(64);
  sparseMask = new Uint8Array(64);
  sparseFile: UintArray;
  sparseLine = new Int32Array(64);
  sparseNext = new Int32Array(64);
  sparseScores: Int32Array | null;
  sparsePlace: Int32Array | null = null;
  /**
   * Per rater: 0 without a sparse cell, 1 with one (`sparseOnly`, not in the hash table), 2 with more
   * (every one in the hash table). One person scored by millions of raters, each once, makes no hash
   * table: searching and filling one of 64 MB, and copying it as it doubles, cost a cache miss or two
   * a row (2 s of 7 on 5M raters). Grown with the raters' other arrays (growRaters).
   */
  private sparseRaters = new Uint8Array(64);
  private sparseOnly = new Int32Array(64);
  /** Cells in the hash table (those of raters with more than one). */
  private sparseIndexed = 0;
  /** Per person: first and last sparse cell + 1. */
  sparseFirst = new Int32Array(1024);
  private sparseLast = new Int32Array(1024);

  /** Rows tallied. */
  rows = 0;
  /** The file names by order, for places in messages. */
  readonly files = new Map<number, FileRef>();
  /** Per file, per method: the column of its scores (for places); -1 where none. */
  readonly fileColumns = new Map<number, number[]>();

  constructor(
    private readonly opts: TallyOptions,
    private readonly texts: TextLookup,
    private readonly log: ProblemLog,
  ) {
    this.sumSize = opts.policy.aggregation === 'trimmed' ? 15 : 5;
    this.sums = new Float64Array(1024 * this.sumSize);
    // File orders below `files`; any order where the number of sheets is not given.
    const files = opts.files === undefined ? Int32Array : uintArray(opts.files - 1);
    this.cellFile = new files(1024 * COMMITTEE);
    this.sparseFile = new files(64);
    this.cellScores = opts.keepScores ? new Int32Array(1024 * COMMITTEE * 5) : null;
    this.sparseScores = opts.keepScores ? new Int32Array(64 * 5) : null;
  }

  get keepsScores(): boolean {
    return this.opts.keepScores;
  }

  /** Per file (its order), the column of the names (0: none), for the places of messages. */
  readonly nameColumns = new Map<number, number>();

  /** Registers a sheet: where its scores are, per method, and its names (for the places of messages). */
  sheet(file: FileRef, methodColumns: number[], nameColumn: number): void {
    this.files.set(file.order, file);
    this.fileColumns.set(file.order, methodColumns);
    this.nameColumns.set(file.order, nameColumn);
  }

  semesterNumber(semester: string): number {
    let s = this.semesterIndex.get(semester);
    if (s === undefined) {
      s = this.semesters.length;
      this.semesters.push(semester);
      this.semesterIndex.set(semester, s);
      this.personOf.push(new Int32Array(1024));
    }
    return s;
  }

  /** The person of `semester` and staff text `staff`, or -1. */
  personFor(semester: number, staff: number): number {
    if (this.numberedAsStaff) return semester === 0 && staff < this.persons ? staff : -1;
    const map = this.personOf[semester];
    return map && staff < map.length ? map[staff]! - 1 : -1;
  }

  /** The person of `semester` (a semester's text) and staff text `staff`, or -1. */
  personIn(semester: string, staff: number): number {
    const s = this.semesterIndex.get(semester);
    return s === undefined ? -1 : this.personFor(s, staff);
  }

  /** Whether a row of person and rater was tallied (their cell). */
  hasCell(person: number, rater: number): boolean {
    // A rater below the stride has a dense slot; the others are sparse (the block never grows past one).
    if (rater < this.stride) return this.cellState[person * this.stride + rater] !== 0;
    return this.sparseFind(person, rater) >= 0;
  }

  private text(kind: TextKind, id: number): string {
    return this.texts.text(kind, id);
  }

  /** `S001 张伟`: a person's staff id and (current) name, as messages name them. */
  who(person: number, name = this.nameOf[person]!): string {
    const id = clip(this.text(STAFF, this.staffOf[person]!));
    return name >= 0 ? `${id} ${clip(this.text(NAME, name))}` : id;
  }

  private newPerson(semester: number, row: CheckedRow): number {
    const i = this.persons++;
    if (semester !== 0 || row.staff !== i) this.numberedAsStaff = false;
    this.growPeople(i + 1);
    if (this.sumSize === 15) this.sums.fill(Infinity, i * 15 + MIN, i * 15 + MAX).fill(-Infinity, i * 15 + MAX, i * 15 + 15);
    this.semesterOf[i] = semester;
    this.staffOf[i] = row.staff;
    this.nameOf[i] = row.name;
    this.postOf[i] = row.post;
    this.atFile[i] = row.file.order;
    this.atLine[i] = row.line;
    this.nameFile[i] = row.name >= 0 ? row.file.order : -1;
    this.nameLine[i] = row.name >= 0 ? row.line : 0;
    this.sparseFirst[i] = 0;
    this.sparseLast[i] = 0;
    let map = this.personOf[semester]!;
    if (row.staff >= map.length) {
      map = grown(map, row.staff + 1);
      this.personOf[semester] = map;
    }
    map[row.staff] = i + 1;
    return i;
  }

  /**
   * Room for `persons` people: as they come one by one, the room roomFor estimates, or exactly
   * (`exact`, when a merge knows how many it adds: 400,000 people of a year then take 400,000 places).
   */
  private growPeople(persons: number, exact = false): void {
    // (Asked once a new person: nothing is grown while the room suffices.)
    if (persons <= this.semesterOf.length && persons * this.sumSize <= this.sums.length && persons * this.stride <= this.cellState.length) return;
    const room = exact ? persons : this.roomFor(persons);
    if (persons > this.semesterOf.length) {
      for (const k of ['semesterOf', 'staffOf', 'nameOf', 'postOf', 'atFile', 'atLine', 'nameFile', 'nameLine', 'sparseFirst', 'sparseLast'] as const) this[k] = grown(this[k], room, undefined, exact);
    }
    if (persons * this.sumSize > this.sums.length) this.sums = grown(this.sums, room * this.sumSize, undefined, exact);
    const need = persons * this.stride;
    if (need > this.cellState.length) {
      const cells = room * this.stride;
      this.cellState = grown(this.cellState, cells, undefined, exact);
      this.cellFile = grown(this.cellFile, cells, undefined, exact);
      this.cellLine = grown(this.cellLine, cells, undefined, exact);
      if (this.cellScores) this.cellScores = grown(this.cellScores, cells * 5, undefined, exact);
    }
    // The cells' method places (filled with -1, every page of them touched) grow with the cells in
    // use, not with the room (placeMethod).
  }

  /**
   * The room to make for `persons` people: where the reading says how much of its input it has read
   * (readShare), the people met so far in proportion to the whole input (a sheet grouped by staff:
   * about everyone at once; rows in any order meet their people early, and the room they leave is
   * never written, so it takes no memory), at most ROOM_FACTOR times the people (an estimate from the
   * first rows of a huge file reserves no more than that); else just them (grown then doubles).
   */
  private roomFor(persons: number): number {
    const share = this.opts.readShare?.() ?? 0;
    if (!(share > 0 && share < 1)) return persons;
    return Math.max(persons, Math.min(MAX_ROOM, persons * ROOM_FACTOR, Math.ceil((persons / share) * 1.25)));
  }

  /**
   * Whether rater number r gets a dense slot: the block grows to take new raters while it is at
   * least half full (a committee scoring everyone); else they are sparse.
   */
  private dense(r: number): boolean {
    if (r < this.stride) return true;
    // Once a rater is sparse the block never grows again: every cell of a rater stays where it is.
    if (r >= DENSE_MAX || this.sparseCount > 0 || this.denseCells * 2 < this.persons * this.stride) return false;
    let stride = this.stride;
    // Half as wide again, in whole committees (5, 10, 15, 25, 40, 60, 64): 15 raters take 15 slots, not 20.
    while (stride <= r) stride = Math.min(DENSE_MAX, Math.ceil((stride * 3) / 10) * COMMITTEE);
    const old = this.stride;
    const n = Math.max(this.persons, 1);
    const relayout = <T extends Int32Array | Int16Array | Uint16Array | Uint8Array>(a: T, per: number, fill = 0): T => {
      // (The method places are as long as the cells in use: not always whole people.)
      const b = new (a.constructor as new (n: number) => T)(Math.max(Math.ceil(a.length / (old * per)), n) * stride * per);
      if (fill !== 0) b.fill(fill);
      for (let p = 0; p < this.persons; p++) b.set(a.subarray(p * old * per, (p + 1) * old * per), p * stride * per);
      return b;
    };
    this.cellState = relayout(this.cellState, 1);
    this.cellFile = relayout(this.cellFile, 1);
    this.cellLine = relayout(this.cellLine, 1);
    if (this.cellScores) this.cellScores = relayout(this.cellScores, 5);
    if (this.methodPlace) this.methodPlace = relayout(this.methodPlace, 10, -1);
    this.stride = stride;
    return true;
  }

  /** The sparse cell of (person, rater), or -1. */
  private sparseFind(person: number, rater: number): number {
    const state = rater < this.sparseRaters.length ? this.sparseRaters[rater]! : 0;
    if (state === 0) return -1;
    if (state === 1) {
      const only = this.sparseOnly[rater]!;
      return this.sparsePerson[only] === person ? only : -1;
    }
    const t = this.sparseTable;
    const mask = t.length - 1;
    for (let slot = hash2(person, rater) & mask; ; slot = (slot + 1) & mask) {
      const c = t[slot]! - 1;
      if (c < 0) return -1;
      if (this.sparsePerson[c] === person && this.sparseRater[c] === rater) return c;
    }
  }

  private sparseAdd(person: number, rater: number, role: number, file: number, line: number): number {
    const c = this.sparseCount++;
    if (c >= this.sparsePerson.length) this.growSparse(this.sparsePerson.length * 2, false);
    this.sparsePerson[c] = person;
    this.sparseRater[c] = rater;
    this.sparseRole[c] = role + 1;
    this.sparseMask[c] = 0;
    this.sparseFile[c] = file;
    this.sparseLine[c] = line;
    this.sparseNext[c] = 0;
    if (this.sparseLast[person] === 0) this.sparseFirst[person] = c + 1;
    else this.sparseNext[this.sparseLast[person]! - 1] = c + 1;
    this.sparseLast[person] = c + 1;
    // (Room for the rater: growRaters, before every cellFor.)
    const state = this.sparseRaters[rater]!;
    if (state === 0) {
      // The rater's first: kept aside, found without the table.
      this.sparseRaters[rater] = 1;
      this.sparseOnly[rater] = c;
    } else if (state === 1) {
      // The second: both go into the table, as every later one will.
      this.sparseRaters[rater] = 2;
      this.indexSparse(this.sparseOnly[rater]!, c);
    } else this.indexSparse(c, -1);
    return c;
  }

  /** Room for `n` sparse cells (exactly, or at least). */
  private growSparse(n: number, exact: boolean): void {
    this.sparsePerson = grown(this.sparsePerson, n, undefined, exact);
    this.sparseRater = grown(this.sparseRater, n, undefined, exact);
    this.sparseRole = grown(this.sparseRole, n, undefined, exact);
    this.sparseMask = grown(this.sparseMask, n, undefined, exact);
    this.sparseFile = grown(this.sparseFile, n, undefined, exact);
    this.sparseLine = grown(this.sparseLine, n, undefined, exact);
    this.sparseNext = grown(this.sparseNext, n, undefined, exact);
    if (this.sparseScores) this.sparseScores = grown(this.sparseScores, n * 5, undefined, exact);
    if (this.sparsePlace) this.sparsePlace = grown(this.sparsePlace, n * 10, -1, exact);
  }

  /** Puts sparse cells a and b (-1: none) into the hash table, which doubles (filled again from its raters' cells) when half full. */
  private indexSparse(a: number, b: number): void {
    this.sparseIndexed += b < 0 ? 1 : 2;
    if (this.sparseIndexed * 2 <= this.sparseTable.length) {
      this.placeSparse(a);
      if (b >= 0) this.placeSparse(b);
      return;
    }
    let size = this.sparseTable.length * 2;
    while (this.sparseIndexed * 2 > size) size *= 2;
    this.sparseTable = new Int32Array(size);
    // Every cell of a rater with more than one, a and b among them (their raters are marked already).
    for (let i = 0; i < this.sparseCount; i++) if (this.sparseRaters[this.sparseRater[i]!] === 2) this.placeSparse(i);
  }

  private placeSparse(c: number): void {
    const t = this.sparseTable;
    const mask = t.length - 1;
    let slot = hash2(this.sparsePerson[c]!, this.sparseRater[c]!) & mask;
    while (t[slot] !== 0) slot = (slot + 1) & mask;
    t[slot] = c + 1;
  }

  private lastFile = -1;
  private lastSemesterText = '';
  private lastSemester = -1;

  /** One row. Returns nothing: what is wrong is logged. */
  row(row: CheckedRow): void {
    this.rows++;
    if (row.file.order !== this.lastFile) {
      this.lastFile = row.file.order;
      if (!this.files.has(row.file.order)) this.files.set(row.file.order, row.file);
    }
    // Usually the semester of the row before (the same string).
    let semester = this.lastSemester;
    if (row.semester !== this.lastSemesterText || semester < 0) {
      semester = this.semesterNumber(row.semester);
      this.lastSemesterText = row.semester;
      this.lastSemester = semester;
    }
    let person = this.personFor(semester, row.staff);
    const file = row.file;
    if (person < 0) person = this.newPerson(semester, row);
    else this.agreePerson(person, row, true);
    const r = row.rater;
    this.growRaters(r);
    this.agreeRole(person, row, true);
    // The cell of this person and rater.
    const c = this.cellFor(person, r, row.role, file.order, row.line);
    const { sparse, cell, ref, firstRow } = c;
    let mask = sparse ? this.sparseMask[cell]! : cellMethodsOf(this.cellState[cell]!);
    const scores = row.scores;
    const o = person * this.sumSize;
    const sums = this.sums;
    let twice = 0;
    for (let m = 0; m < 5; m++) {
      const micro = scores[m]!;
      if (micro === SCORE_EMPTY) continue;
      if (mask & (1 << m)) {
        twice |= 1 << m;
        continue;
      }
      mask |= 1 << m;
      sums[o + SUM + m] = sums[o + SUM + m]! + micro;
      if (this.sumSize === 15) {
        if (micro < sums[o + MIN + m]!) sums[o + MIN + m] = micro;
        if (micro > sums[o + MAX + m]!) sums[o + MAX + m] = micro;
      }
      if (sparse) {
        if (this.sparseScores) this.sparseScores[cell * 5 + m] = micro;
        if (!firstRow) this.placeMethod(true, cell, m, file.order, row.line);
      } else {
        if (this.cellScores) this.cellScores[cell * 5 + m] = micro;
        if (!firstRow) this.placeMethod(false, cell, m, file.order, row.line);
      }
    }
    if (sparse) this.sparseMask[cell] = mask;
    else this.cellState[cell] = cellState(cellRoleOf(this.cellState[cell]!), mask);
    if (twice !== 0) {
      this.hereAt.fill(file.order, 0, 10);
      for (let m = 0; m < 5; m++) this.hereAt[2 * m + 1] = row.line;
      this.scoredTwice(this.hereAt, (m) => row.columns[m]!, twice, sparse, cell, ref, this.nameOf[person]!);
    }
  }

  /**
   * A row's name and post against its person's: a problem at the row's cell where they differ.
   * `learn`: a name or post the person has none of yet is taken from the row (a row tallied; a
   * refused row's are only compared).
   */
  private agreePerson(person: number, row: RowIdentity, learn: boolean): void {
    const file = row.file;
    const name = this.nameOf[person]!;
    if (row.name >= 0 && name >= 0 && row.name !== name) {
      this.log.error(file, row.line, row.nameColumn || undefined, 'two-names', person, row.name, name);
    } else if (learn && row.name >= 0 && name < 0) {
      this.nameOf[person] = row.name;
      this.nameFile[person] = file.order;
      this.nameLine[person] = row.line;
    }
    const post = this.postOf[person]!;
    if (row.post >= 0 && post >= 0 && row.post !== post) {
      this.log.error(file, row.line, row.postColumn || undefined, 'two-posts', person, row.post, post, this.nameOf[person]!);
    } else if (learn && row.post >= 0 && post < 0) this.postOf[person] = row.post;
  }

  /** A row's role against its rater's (the first their rows gave), as agreePerson. */
  private agreeRole(person: number, row: RowIdentity, learn: boolean): void {
    if (row.role === NO_ROLE) return;
    const r = row.rater;
    const known = r < this.raterRole.length ? this.raterRole[r]! : -1;
    if (learn && known < 0) {
      this.raterRole[r] = row.role;
      this.raterRoleFile[r] = row.file.order;
      this.raterRoleLine[r] = row.line;
    } else if (known >= 0 && known !== row.role) {
      this.log.error(row.file, row.line, row.roleColumn || undefined, 'two-roles', r, row.role, known, person, this.nameOf[person]!);
    }
  }

  /**
   * A row the row checks refused, once every row is tallied: its name, post and role against its
   * person's and rater's, so that its other faults are said in the same run as its error.
   */
  refusedRow(row: RowIdentity & { semester: string; staff: number }): void {
    const person = this.personIn(row.semester, row.staff);
    if (person < 0) return;
    this.agreePerson(person, row, false);
    this.agreeRole(person, row, false);
  }

  /** Per method, the file and line of a score given again (scoredTwice's `here`). */
  private readonly hereAt = new Int32Array(10);

  /**
   * The methods `twice` that a cell held already, given again at `here` (per method, its file and
   * line: one row's, or the other thread's places of a cell's): one problem for the methods given
   * again on one line whose first scores were on one line too (a row given twice is one mistake,
   * said once), at the column of the first of them.
   */
  private scoredTwice(here: Int32Array, columnOf: (m: number) => number, twice: number, sparse: boolean, cell: number, ref: number, name: number): void {
    while (twice !== 0) {
      const first = 31 - Math.clz32(twice & -twice);
      const { file: atFile, line: atLine } = this.methodAt(sparse, cell, first);
      let same = 0;
      for (let m = first; m < 5; m++) {
        if (!(twice & (1 << m)) || here[2 * m] !== here[2 * first] || here[2 * m + 1] !== here[2 * first + 1]) continue;
        const other = this.methodAt(sparse, cell, m);
        if (other.file === atFile && other.line === atLine) same |= 1 << m;
      }
      this.log.error(this.files.get(here[2 * first]!)!, here[2 * first + 1]!, columnOf(first), 'scored-twice', same, ref, name);
      twice &= ~same;
    }
  }

  private readonly place = { file: 0, line: 0 };

  /** The file and line of a cell's first score of method m (the answer object is reused). */
  private methodAt(sparse: boolean, cell: number, m: number): { file: number; line: number } {
    const out = this.place;
    const places = sparse ? this.sparsePlace : this.methodPlace;
    if (places && places[cell * 10 + 2 * m]! >= 0) {
      out.file = places[cell * 10 + 2 * m]!;
      out.line = places[cell * 10 + 2 * m + 1]!;
    } else {
      out.file = sparse ? this.sparseFile[cell]! : this.cellFile[cell]!;
      out.line = sparse ? this.sparseLine[cell]! : this.denseLine(cell);
    }
    return out;
  }

  /** The line of dense cell `cell`'s first row. */
  private denseLine(cell: number): number {
    return firstLineOf(this.cellLine, this.atLine, Math.floor(cell / this.stride), cell);
  }

  /** The line of the first row of `person`'s dense cell `cell`. */
  cellFirstLine(person: number, cell: number): number {
    return firstLineOf(this.cellLine, this.atLine, person, cell);
  }

  /** cellLine in four bytes a cell, each the line itself: once one cell's first row lies too far from its person's. */
  private widenCellLines(): void {
    const narrow = this.cellLine;
    const wide = new Int32Array(narrow.length);
    const stride = this.stride;
    for (let p = 0; p < this.persons; p++) {
      const at = this.atLine[p]!;
      for (let c = p * stride; c < (p + 1) * stride; c++) if (this.cellState[c] !== 0) wide[c] = at + narrow[c]!;
    }
    this.cellLine = wide;
    this.wideLines = true;
  }

  private readonly found = { sparse: false, cell: 0, ref: 0, firstRow: false };

  /**
   * The cell of (person, rater), made if new with its first row's role and place; a role its rows
   * did not give yet is learnt. The answer object is reused.
   */
  private cellFor(person: number, r: number, role: number, file: number, line: number): { sparse: boolean; cell: number; ref: number; firstRow: boolean } {
    const out = this.found;
    if (this.dense(r)) {
      const cell = person * this.stride + r;
      const state = this.cellState[cell]!;
      const known = cellRoleOf(state);
      out.sparse = false;
      out.cell = cell;
      out.ref = person * DENSE_MAX + r;
      out.firstRow = known === 0;
      if (known === 0) {
        this.denseCells++;
        this.cellState[cell] = cellState(role + 1, 0);
        this.cellFile[cell] = file;
        let kept = line;
        if (!this.wideLines) {
          kept = line - this.atLine[person]!;
          if ((kept << 16) >> 16 !== kept) {
            this.widenCellLines();
            kept = line;
          }
        }
        this.cellLine[cell] = kept;
      } else if (known === NO_ROLE + 1 && role !== NO_ROLE) this.cellState[cell] = cellState(role + 1, cellMethodsOf(state));
      return out;
    }
    let cell = this.sparseFind(person, r);
    out.firstRow = cell < 0;
    if (cell < 0) cell = this.sparseAdd(person, r, role, file, line);
    else if (this.sparseRole[cell] === NO_ROLE + 1 && role !== NO_ROLE) this.sparseRole[cell] = role + 1;
    out.sparse = true;
    out.cell = cell;
    out.ref = SPARSE_REF + cell;
    return out;
  }

  /**
   * Everything this tally holds, as plain data (for another thread's tally to merge): views of its
   * own arrays, not copies, so that the reader thread moves them whole and never holds its tally
   * twice (the tally is not used after).
   */
  exportState(): TallyState {
    const n = this.persons;
    const cells = n * this.stride;
    const sc = this.sparseCount;
    const raters = this.raterRole.length;
    return {
      semesters: [...this.semesters],
      persons: n,
      semesterOf: this.semesterOf.subarray(0, n),
      staffOf: this.staffOf.subarray(0, n),
      nameOf: this.nameOf.subarray(0, n),
      postOf: this.postOf.subarray(0, n),
      atFile: this.atFile.subarray(0, n),
      atLine: this.atLine.subarray(0, n),
      nameFile: this.nameFile.subarray(0, n),
      nameLine: this.nameLine.subarray(0, n),
      sums: this.sums.subarray(0, n * this.sumSize),
      raterRole: this.raterRole.subarray(0, raters),
      raterRoleFile: this.raterRoleFile.subarray(0, raters),
      raterRoleLine: this.raterRoleLine.subarray(0, raters),
      stride: this.stride,
      cellState: this.cellState.subarray(0, cells),
      cellFile: this.cellFile.subarray(0, cells),
      cellLine: this.cellLine.subarray(0, cells),
      cellScores: this.cellScores ? this.cellScores.subarray(0, cells * 5) : null,
      methodPlace: this.methodPlace ? this.methodPlace.subarray(0, cells * 10) : null,
      sparseCount: sc,
      sparsePerson: this.sparsePerson.subarray(0, sc),
      sparseRater: this.sparseRater.subarray(0, sc),
      sparseRole: this.sparseRole.subarray(0, sc),
      sparseMask: this.sparseMask.subarray(0, sc),
      sparseFile: this.sparseFile.subarray(0, sc),
      sparseLine: this.sparseLine.subarray(0, sc),
      sparseNext: this.sparseNext.subarray(0, sc),
      sparseFirst: this.sparseFirst.subarray(0, n),
      sparseScores: this.sparseScores ? this.sparseScores.subarray(0, sc * 5) : null,
      sparsePlace: this.sparsePlace ? this.sparsePlace.subarray(0, sc * 10) : null,
      rows: this.rows,
      files: [...this.files].map(([order, f]) => [order, f.name]),
      fileColumns: [...this.fileColumns],
    };
  }

  /**
   * Whether another tally (of rows read after this one's) can be merged as if this tally had read
   * its rows: no person with another name or post there, no rater with another role. Where one
   * does, only reading those rows here words every instance the way one reading would.
   */
  canMerge(s: TallyState, maps: TallyMaps): boolean {
    for (let p = 0; p < s.persons; p++) {
      const q = this.personFor(this.semesterIndex.get(s.semesters[s.semesterOf[p]!]!) ?? -1, maps.staff[s.staffOf[p]!]!);
      if (q < 0) continue;
      const wn = s.nameOf[p]!;
      const wp = s.postOf[p]!;
      if (wn >= 0 && this.nameOf[q]! >= 0 && maps.name[wn] !== this.nameOf[q]) return false;
      if (wp >= 0 && this.postOf[q]! >= 0 && maps.post[wp] !== this.postOf[q]) return false;
    }
    for (let r = 0; r < s.raterRole.length; r++) {
      const role = s.raterRole[r]!;
      if (role < 0) continue;
      const g = maps.rater[r]!;
      const known = g < this.raterRole.length ? this.raterRole[g]! : -1;
      if (known >= 0 && known !== role) return false;
    }
    return true;
  }

  /**
   * Adds another tally's people, raters and cells (rows read after this tally's, see canMerge),
   * with the problems only both together show (a method scored on both sides); returns each of its
   * people's number here, and its cells' references here (for its problems).
   */
  merge(s: TallyState, maps: TallyMaps): { persons: Int32Array; cellRef: (ref: number) => number; nameBefore: Int32Array } {
    this.rows += s.rows;
    for (const [order, name] of s.files) if (!this.files.has(order)) this.files.set(order, { name, order });
    for (const [order, cols] of s.fileColumns) if (!this.fileColumns.has(order)) this.fileColumns.set(order, cols);
    const fileRef = (order: number) => this.files.get(order)!;
    const persons = new Int32Array(s.persons);
    const nameBefore = new Int32Array(s.persons);
    const size = this.sumSize;
    const row = new CheckedRow();
    // Its semesters by their number here, looked up once each, not once a person (those new here
    // numbered in the order the other tally met them, as its people are); then each of its people's
    // number here (-1: new here), and room for the new ones, exactly.
    const semesters = s.semesters.map((t) => this.semesterNumber(t));
    let added = 0;
    for (let p = 0; p < s.persons; p++) {
      const q = this.personFor(semesters[s.semesterOf[p]!]!, maps.staff[s.staffOf[p]!]!);
      persons[p] = q;
      if (q < 0) added++;
    }
    this.growPeople(this.persons + added, true);
    // Room for its sparse cells at once (most stay sparse here), not by doubling as they come.
    if (this.sparseCount + s.sparseCount > this.sparsePerson.length) this.growSparse(this.sparseCount + s.sparseCount, true);
    for (let p = 0; p < s.persons; p++) {
      const semester = semesters[s.semesterOf[p]!]!;
      const staff = maps.staff[s.staffOf[p]!]!;
      const wn = s.nameOf[p]! >= 0 ? maps.name[s.nameOf[p]!]! : -1;
      const wp = s.postOf[p]! >= 0 ? maps.post[s.postOf[p]!]! : -1;
      let q = persons[p]!;
      if (q < 0) {
        row.file = fileRef(s.atFile[p]!);
        row.line = maps.line(s.atFile[p]!, s.atLine[p]!);
        row.staff = staff;
        row.name = -1;
        row.post = wp;
        q = this.newPerson(semester, row);
      }
      nameBefore[p] = this.nameOf[q]!;
      if (wn >= 0 && this.nameOf[q]! < 0) {
        this.nameOf[q] = wn;
        this.nameFile[q] = s.nameFile[p]!;
        this.nameLine[q] = maps.line(s.nameFile[p]!, s.nameLine[p]!);
      }
      if (wp >= 0 && this.postOf[q]! < 0) this.postOf[q] = wp;
      const o = q * size;
      const w = p * size;
      for (let k = 0; k < 5; k++) this.sums[o + SUM + k] = this.sums[o + SUM + k]! + s.sums[w + SUM + k]!;
      if (size === 15) {
        for (let k = 0; k < 5; k++) {
          this.sums[o + MIN + k] = Math.min(this.sums[o + MIN + k]!, s.sums[w + MIN + k]!);
          this.sums[o + MAX + k] = Math.max(this.sums[o + MAX + k]!, s.sums[w + MAX + k]!);
        }
      }
      persons[p] = q;
    }
    for (let r = 0; r < s.raterRole.length; r++) {
      const role = s.raterRole[r]!;
      if (role < 0) continue;
      const g = maps.rater[r]!;
      this.growRaters(g);
      if (this.raterRole[g]! < 0) {
        this.raterRole[g] = role;
        this.raterRoleFile[g] = s.raterRoleFile[r]!;
        this.raterRoleLine[g] = maps.line(s.raterRoleFile[r]!, s.raterRoleLine[r]!);
      }
    }
    // Cells, person by person.
    const threadAt = new Int32Array(10);
    const oneCell = (p: number, r: number, role: number, mask: number, file: number, line: number, scores: Int32Array | null, places: Int32Array | null, at: number) => {
      const q = persons[p]!;
      const g = maps.rater[r]!;
      this.growRaters(g);
      const c = this.cellFor(q, g, role, file, maps.line(file, line));
      const { sparse, cell, ref, firstRow } = c;
      const ours = sparse ? this.sparseMask[cell]! : cellMethodsOf(this.cellState[cell]!);
      // Where the thread's first score of each method was.
      for (let k = 0; k < 5; k++) {
        const kept = places !== null && places[at * 10 + 2 * k]! >= 0;
        threadAt[2 * k] = kept ? places[at * 10 + 2 * k]! : file;
        threadAt[2 * k + 1] = kept ? places[at * 10 + 2 * k + 1]! : line;
      }
      for (let k = 0; k < 5; k++) {
        if (!(mask & (1 << k)) || ours & (1 << k)) continue;
        const f = threadAt[2 * k]!;
        const l = threadAt[2 * k + 1]!;
        if (scores) (sparse ? this.sparseScores : this.cellScores)![cell * 5 + k] = scores[at * 5 + k]!;
        if (!firstRow || f !== file || l !== line) this.placeMethod(sparse, cell, k, f, maps.line(f, l));
      }
      if (sparse) this.sparseMask[cell] = ours | mask;
      else this.cellState[cell] = cellState(cellRoleOf(this.cellState[cell]!), ours | mask);
      // Methods both held: at the thread's places, as this thread numbers their lines.
      const twice = mask & ours;
      if (twice !== 0) {
        for (let k = 0; k < 5; k++) threadAt[2 * k + 1] = maps.line(threadAt[2 * k]!, threadAt[2 * k + 1]!);
        this.scoredTwice(threadAt, (k) => this.fileColumns.get(threadAt[2 * k]!)![k]!, twice, sparse, cell, ref, nameBefore[p]! >= 0 ? nameBefore[p]! : this.nameOf[q]!);
      }
    };
    for (let p = 0; p < s.persons; p++) {
      const base = p * s.stride;
      for (let r = 0; r < s.stride; r++) {
        const state = s.cellState[base + r]!;
        if (state !== 0) oneCell(p, r, cellRoleOf(state) - 1, cellMethodsOf(state), s.cellFile[base + r]!, firstLineOf(s.cellLine, s.atLine, p, base + r), s.cellScores, s.methodPlace, base + r);
      }
      for (let c = s.sparseFirst[p]! - 1; c >= 0; c = s.sparseNext[c]! - 1) {
        oneCell(p, s.sparseRater[c]!, s.sparseRole[c]! - 1, s.sparseMask[c]!, s.sparseFile[c]!, s.sparseLine[c]!, s.sparseScores, s.sparsePlace, c);
      }
    }
    // A cell of the other tally, by its reference there, as referred to here (for its problems).
    const cellRef = (ref: number): number => {
      const sparse = ref >= SPARSE_REF;
      const p = sparse ? s.sparsePerson[ref - SPARSE_REF]! : Math.floor(ref / DENSE_MAX);
      const r = sparse ? s.sparseRater[ref - SPARSE_REF]! : ref % DENSE_MAX;
      const q = persons[p]!;
      const g = maps.rater[r]!;
      if (g < this.stride) return q * DENSE_MAX + g;
      return SPARSE_REF + this.sparseFind(q, g);
    };
    return { persons, cellRef, nameBefore };
  }

  /** Room for rater number g's role. */
  private growRaters(g: number): void {
    if (g < this.raterRole.length) return;
    const n = Math.max(g + 1, this.raterRole.length * 2);
    const roles = new Int8Array(n).fill(-1);
    roles.set(this.raterRole);
    this.raterRole = roles;
    this.raterRoleFile = grown(this.raterRoleFile, n);
    this.raterRoleLine = grown(this.raterRoleLine, n);
    this.sparseRaters = grown(this.sparseRaters, n);
    this.sparseOnly = grown(this.sparseOnly, n);
  }

  /** Where a method's first score was, when that is not the cell's first row. */
  private placeMethod(sparse: boolean, cell: number, m: number, file: number, line: number): void {
    if (sparse) {
      if (!this.sparsePlace) this.sparsePlace = new Int32Array(this.sparsePerson.length * 10).fill(-1);
      this.sparsePlace[cell * 10 + 2 * m] = file;
      this.sparsePlace[cell * 10 + 2 * m + 1] = line;
    } else {
      // As long as the cells in use, not as the room for cells (growPeople).
      const need = (cell + 1) * 10;
      if (!this.methodPlace) this.methodPlace = new Int32Array(Math.max(need, this.persons * this.stride * 10)).fill(-1);
      else if (need > this.methodPlace.length) this.methodPlace = grown(this.methodPlace, need, -1);
      this.methodPlace[cell * 10 + 2 * m] = file;
      this.methodPlace[cell * 10 + 2 * m + 1] = line;
    }
  }

  /** Resolves a problem's cell reference: sparse or not, and the cell's index now. */
  private resolve(ref: number): { sparse: boolean; cell: number; person: number; rater: number } {
    if (ref >= SPARSE_REF) {
      const cell = ref - SPARSE_REF;
      return { sparse: true, cell, person: this.sparsePerson[cell]!, rater: this.sparseRater[cell]! };
    }
    const person = Math.floor(ref / DENSE_MAX);
    const rater = ref % DENSE_MAX;
    return { sparse: false, cell: person * this.stride + rater, person, rater };
  }

  /** The order of the file of a cell's first score of method m. */
  fileOf(ref: number, m: number): number {
    this.placesKept();
    const { sparse, cell } = this.resolve(ref);
    return this.methodAt(sparse, cell, m).file;
  }

  /** `FILE:LINE:COLUMN` of a cell's first score of method m. */
  placeOf(ref: number, m: number): string {
    this.placesKept();
    const { sparse, cell } = this.resolve(ref);
    const { file, line } = this.methodAt(sparse, cell, m);
    return `${this.files.get(file)!.name}:${line}:${this.fileColumns.get(file)![m]}`;
  }

  /** The message context of this tally's problems (the last cell's words kept: problems of one cell come together). */
  context(): ProblemContext {
    let whoKey = -1;
    let whoName = -2;
    let who = '';
    let raterKey = -1;
    let rater = '';
    const places = new Map<number, string>();
    let placesOf = -1;
    const place = (file: number, line: number) => `${this.files.get(file)!.name}:${line}`;
    return {
      personId: (person) => clip(this.text(STAFF, this.staffOf[person]!)),
      nameText: (name) => clip(this.text(NAME, name)),
      postText: (post) => clip(this.text(POST, post)),
      raterText: (r) => clip(this.text(RATER, r)),
      personWho: (person, name) => this.who(person, name),
      namePlace: (person) => place(this.nameFile[person]!, this.nameLine[person]!),
      rolePlace: (r) => place(this.raterRoleFile[r]!, this.raterRoleLine[r]!),
      cellPlace: (ref, m) => {
        if (ref !== placesOf) {
          places.clear();
          placesOf = ref;
        }
        let p = places.get(m);
        if (p === undefined) places.set(m, (p = this.placeOf(ref, m)));
        return p;
      },
      cellWho: (ref, name) => {
        if (ref !== whoKey || name !== whoName) {
          who = this.who(this.resolve(ref).person, name);
          whoKey = ref;
          whoName = name;
        }
        return who;
      },
      cellRater: (ref) => {
        if (ref !== raterKey) {
          rater = clip(this.text(RATER, this.resolve(ref).rater));
          raterKey = ref;
        }
        return rater;
      },
    };
  }

  /**
   * Every cell of a person, in order (dense slots by rater number, then sparse cells as created):
   * calls `each` with the rater, the cell's own role code (NO_ROLE when its rows gave none), the
   * method mask, and the cell's index and kind for scores and places.
   */
  cellsOf(person: number, each: (rater: number, role: number, mask: number, cell: number, sparse: boolean) => void): void {
    const base = person * this.stride;
    for (let r = 0; r < this.stride; r++) {
      const state = this.cellState[base + r]!;
      if (state !== 0) each(r, cellRoleOf(state) - 1, cellMethodsOf(state), base + r, false);
    }
    for (let c = this.sparseFirst[person]! - 1; c >= 0; c = this.sparseNext[c]! - 1) each(this.sparseRater[c]!, this.sparseRole[c]! - 1, this.sparseMask[c]!, c, true);
  }

  /**
   * The coarsest grain of the scores kept: the largest number of micro-points that divides every
   * score and 10^6 (500,000 when every score is a whole or half point), so that statistics can count
   * in units that small integers hold exactly.
   */
  scoreGrain(): number {
    let g = MICRO;
    for (const scores of [this.cellScores, this.sparseScores]) {
      if (!scores) continue;
      for (let i = 0; i < scores.length; i++) {
        const v = scores[i]!;
        if (v % g !== 0) g = gcdInt(g, Math.abs(v));
      }
    }
    return g;
  }

  /** A cell's score of method m (micro-points), when scores are kept. */
  scoreOf(cell: number, sparse: boolean, m: number): number {
    return (sparse ? this.sparseScores : this.cellScores)![cell * 5 + m]!;
  }

  /** A cell's first row, or the place of its first score of method m (with the column). */
  cellPlace(cell: number, sparse: boolean, m?: number): { file: FileRef; line: number; column?: number } {
    this.placesKept();
    if (m === undefined) return { file: this.files.get(sparse ? this.sparseFile[cell]! : this.cellFile[cell]!)!, line: sparse ? this.sparseLine[cell]! : this.denseLine(cell) };
    const { file, line } = this.methodAt(sparse, cell, m);
    return { file: this.files.get(file)!, line, column: this.fileColumns.get(file)![m]! };
  }

  private placesForgotten = false;

  /**
   * Lets go of where each person, cell, score and rater role was first met (file and line): the
   * messages of reading and of the checks after it need them, once all are worded nothing does
   * (scoring, ranking, the reports). A year of 400,000 people keeps about 20 MB less while its
   * report is written. Asking for a place afterwards is a bug, said as one.
   */
  forgetPlaces(): void {
    this.placesForgotten = true;
    const none = new Int32Array(0);
    this.atFile = this.atLine = this.nameFile = this.nameLine = none;
    this.cellFile = this.cellLine = this.sparseFile = this.sparseLine = none;
    this.raterRoleFile = this.raterRoleLine = none;
    this.methodPlace = this.sparsePlace = null;
  }

  private placesKept(): void {
    if (this.placesForgotten) throw new Error('Tally: a place asked for after forgetPlaces()');
  }

  /** Running sums of a person's method m. */
  sumOf(person: number, m: number): number {
    return this.sums[person * this.sumSize + SUM + m]!;
  }

  /**
   * The lowest and highest score of a person's method m, kept for the trimmed mean only (0 for the
   * other aggregations: never read past the person's sums, which would read past the last person's
   * and make V8 drop the optimized code of whatever calls this).
   */
  minOf(person: number, m: number): number {
    return this.sumSize === 15 ? this.sums[person * 15 + MIN + m]! : 0;
  }

  maxOf(person: number, m: number): number {
    return this.sumSize === 15 ? this.sums[person * 15 + MAX + m]! : 0;
  }

  private bySemester: { persons: number; lists: Int32Array[] } | null = null;

  /**
   * Per semester (in tally order), its people in order of first appearance. Made once for the
   * people tallied so far (scoring, the results and the year all ask; 4 bytes a person).
   */
  peopleBySemester(): readonly Int32Array[] {
    if (this.bySemester?.persons === this.persons && this.bySemester.lists.length === this.semesters.length) return this.bySemester.lists;
    const sizes = new Int32Array(this.semesters.length);
    for (let i = 0; i < this.persons; i++) sizes[this.semesterOf[i]!]!++;
    const lists = Array.from(sizes, (n) => new Int32Array(n));
    sizes.fill(0);
    for (let i = 0; i < this.persons; i++) {
      const s = this.semesterOf[i]!;
      lists[s]![sizes[s]!++] = i;
    }
    this.bySemester = { persons: this.persons, lists };
    return lists;
  }
}

function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A tally as plain data (typed arrays), to be sent from a reader thread and merged (Tally.merge). */
export interface TallyState {
  semesters: string[];
  persons: number;
  semesterOf: Int32Array;
  staffOf: Int32Array;
  nameOf: Int32Array;
  postOf: Int32Array;
  atFile: Int32Array;
  atLine: Int32Array;
  nameFile: Int32Array;
  nameLine: Int32Array;
  sums: Float64Array;
  raterRole: Int8Array;
  raterRoleFile: Int32Array;
  raterRoleLine: Int32Array;
  stride: number;
  cellState: Uint8Array;
  cellFile: UintArray;
  /** As Tally.cellLine: read with firstLineOf. */
  cellLine: Int16Array | Int32Array;
  cellScores: Int32Array | null;
  methodPlace: Int32Array | null;
  sparseCount: number;
  sparsePerson: Int32Array;
  sparseRater: Int32Array;
  sparseRole: Uint8Array;
  sparseMask: Uint8Array;
  sparseFile: UintArray;
  sparseLine: Int32Array;
  sparseNext: Int32Array;
  sparseFirst: Int32Array;
  sparseScores: Int32Array | null;
  sparsePlace: Int32Array | null;
  rows: number;
  files: [number, string][];
  fileColumns: [number, number[]][];
}

/** How another tally's numbers become this one's: texts by kind, and lines of the file read from its middle. */
export interface TallyMaps {
  staff: Int32Array;
  rater: Int32Array;
  name: Int32Array;
  post: Int32Array;
  line(file: number, line: number): number;
}

/**
 * The line of the first row of `person`'s dense cell `cell` (Tally.cellLine): in two bytes, its
 * distance from the person's first line; in four, the line itself.
 */
export function firstLineOf(cellLine: Int16Array | Int32Array, atLine: Int32Array, person: number, cell: number): number {
  return cellLine.BYTES_PER_ELEMENT === 2 ? atLine[person]! + cellLine[cell]! : cellLine[cell]!;
}

/** The arrays' buffers of a state, to be transferred rather than copied. */
export function stateBuffers(s: TallyState): ArrayBuffer[] {
  const arrays = [s.semesterOf, s.staffOf, s.nameOf, s.postOf, s.atFile, s.atLine, s.nameFile, s.nameLine, s.sums, s.raterRole, s.raterRoleFile, s.raterRoleLine, s.cellState, s.cellFile, s.cellLine, s.cellScores, s.methodPlace, s.sparsePerson, s.sparseRater, s.sparseRole, s.sparseMask, s.sparseFile, s.sparseLine, s.sparseNext, s.sparseFirst, s.sparseScores, s.sparsePlace];
  return arrays.filter((a): a is NonNullable<typeof a> => a !== null).map((a) => a.buffer as ArrayBuffer);
}

function gcdInt(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
