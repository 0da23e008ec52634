/**
 * The streaming path of `score`: rows go straight into per-staff accumulators (integer sums of
 * micro-points, bit masks of who scored what), never kept, so memory follows the number of staff
 * and not the number of rows. It handles clean sheets only: at the first sign of anything the
 * detailed path (SheetReader and Merger) would report, error or warning, it gives up (`bail`) and
 * the caller runs the detailed path, which finds and words every problem. Both paths produce the
 * same ScoredStaff, so the report cannot tell which one ran.
 */
import { type Contribution, type MethodAggregate } from './aggregate.js';
import { type Column, MICRO, parseHeader, parseMethod, parseRole, parseScore, parseSemester } from './cells.js';
import type { RosterEntry } from './merge.js';
import { type Policy, rationalOf } from './policy.js';
import { Rational, roundScaledFraction } from './rational.js';
import { type ScoredStaff, radixDescending, settle, settleScaled, sum } from './report.js';
import type { SemesterConsequence } from './rules.js';
import { CONSENSUS_RATER } from './sheet.js';
import { type Grade, type Method, type Role, METHODS, ROLES } from './types.js';

/** The streaming path keeps no per-rater detail: one frozen empty list serves every method. */
const NO_CONTRIBUTIONS = Object.freeze([]) as unknown as Contribution[];
const PRESENT = 32; // mask bit: the rater has a row for this person (perhaps with no scores)
const ROLE_INDEX: Record<Role, number> = { leader: 0, 'head-office': 1, 'center-office': 2, student: 3 };
const NO_ROLE = 4;

/** FNV-1a over bytes. */
export function hashBytes(buf: Uint8Array, s: number, e: number, seed = 0x811c9dc5): number {
  let h = seed;
  for (let j = s; j < e; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
  return h;
}

/** A typed array twice as long, holding a's elements. */
function doubled<T extends Float64Array | Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

const utf8Encoder = new TextEncoder();
let keyScratch = new Uint8Array(256);

/** A staff id as the person table keys it: the trimmed text's UTF-8 bytes, in buf[s, e). */
export class KeyBytes {
  buf: Uint8Array = keyScratch;
  s = 0;
  e = 0;

  /** Points at the UTF-8 bytes of `text` (in a scratch buffer, valid until the next call). */
  setText(text: string): void {
    if (keyScratch.length < text.length * 3) keyScratch = new Uint8Array(text.length * 3);
    this.buf = keyScratch;
    this.s = 0;
    this.e = utf8Encoder.encodeInto(text, keyScratch).written;
  }
}

/**
 * Everyone being accumulated, as columns rather than an object per person: a batch of 200,000
 * staff is then a handful of arrays, not a million small objects for the garbage collector to walk.
 * A person is an index into the columns. Staff ids are kept as UTF-8 bytes, one after another,
 * with a hash table over them: reading makes no string per id (they are decoded once, at the end).
 */
class People {
  count = 0;
  readonly semester: string[] = [];
  readonly name: string[] = [];
  readonly post: string[] = [];
  /** Staff ids: person i's bytes are idBytes[idEnd[i - 1] (or 0), idEnd[i]). */
  private idBuffer = Buffer.allocUnsafe(1 << 16);
  private idBytes = new Uint8Array(this.idBuffer.buffer, this.idBuffer.byteOffset, this.idBuffer.length);
  private idLength = 0;
  private idEnd = new Int32Array(1024);
  /** Each person's key hash (id bytes and semester), and the open-addressing table (person + 1). */
  private hashes = new Int32Array(1024);
  private table = new Int32Array(2048);
  /**
   * Sums of micro-points, `size` per person. mean: [method]; trimmed: [method], then min and max
   * per method; weighted: [role bucket * 5 + method]. Integers well inside 2^53.
   */
  data: Float64Array;
  /** Per person and rater id (`stride` per person): bits 0-4 the methods scored, PRESENT once any row was seen. */
  masks: Uint8Array;
  stride = 8;
  /** median only: every score, per person and method. */
  readonly values: number[][][] | null;

  constructor(
    private readonly size: number,
    private readonly trimmed: boolean,
    median: boolean,
  ) {
    this.data = new Float64Array(1024 * size);
    this.masks = new Uint8Array(1024 * this.stride);
    this.values = median ? [] : null;
  }

  private idStart(i: number): number {
    return i === 0 ? 0 : this.idEnd[i - 1]!;
  }

  /** Whether person i's id is buf[s, e). */
  sameId(i: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.idStart(i);
    if (this.idEnd[i]! - a !== e - s) return false;
    const ids = this.idBytes;
    for (let j = 0; j < e - s; j++) if (ids[a + j] !== buf[s + j]) return false;
    return true;
  }

  /** Whether some id has a byte that is not ASCII; otherwise all ids are read as one string. */
  private nonAscii = false;
  private idString = '';

  /** Person i's staff id as text. */
  idText(i: number): string {
    if (this.nonAscii) return this.idBuffer.toString('utf8', this.idStart(i), this.idEnd[i]);
    // All ASCII, a few: char codes straight from the bytes (Buffer's decoding costs a first call).
    const n = this.idEnd[i]! - this.idStart(i);
    if (this.count < 1024 && n <= 64) return String.fromCharCode(...this.idBytes.subarray(this.idStart(i), this.idEnd[i]));
    // All ASCII, many: one string for every id, and a short slice of it per person (a copy, made
    // where and when it is asked for: in report order, at the end).
    if (this.idString.length !== this.idLength) this.idString = this.idBuffer.toString('latin1', 0, this.idLength);
    return this.idString.slice(this.idStart(i), this.idEnd[i]);
  }

  /** The person of `semester` whose id is buf[s, e) (h: its key hash), or -1. */
  find(semester: string, h: number, buf: Uint8Array, s: number, e: number): number {
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const j = this.table[slot]! - 1;
      if (j < 0) return -1;
      if (this.hashes[j] === h && this.semester[j] === semester && this.sameId(j, buf, s, e)) return j;
    }
  }

  add(semester: string, h: number, buf: Uint8Array, s: number, e: number): number {
    const i = this.count++;
    if (i * this.size >= this.data.length) {
      this.data = doubled(this.data);
      this.masks = doubled(this.masks);
    }
    if (i >= this.idEnd.length) {
      this.idEnd = doubled(this.idEnd);
      this.hashes = doubled(this.hashes);
    }
    if (this.idLength + (e - s) > this.idBytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.idBytes.length * 2, this.idLength + (e - s)));
      bigger.set(this.idBytes.subarray(0, this.idLength));
      this.idBuffer = bigger;
      this.idBytes = new Uint8Array(bigger.buffer, bigger.byteOffset, bigger.length);
    }
    const ids = this.idBytes;
    for (let j = s, at = this.idLength; j < e; j++, at++) {
      const c = buf[j]!;
      ids[at] = c;
      if (c >= 0x80) this.nonAscii = true;
    }
    this.idLength += e - s;
    this.idEnd[i] = this.idLength;
    this.hashes[i] = h;
    if (this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(i);
    this.semester.push(semester);
    this.name.push('');
    this.post.push('');
    if (this.trimmed) this.data.fill(Infinity, i * this.size + 5, i * this.size + 10).fill(-Infinity, i * this.size + 10, i * this.size + 15);
    this.values?.push([[], [], [], [], []]);
    return i;
  }

  private place(i: number): void {
    const mask = this.table.length - 1;
    let slot = this.hashes[i]! & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = i + 1;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    for (let j = 0; j < this.count; j++) this.place(j);
  }

  /** The staff ids' bytes and ends, copied (to be sent to another thread). */
  exportIds(): { idBytes: Uint8Array; idEnd: Int32Array } {
    return { idBytes: this.idBytes.slice(0, this.idLength), idEnd: this.idEnd.slice(0, this.count) };
  }

  /** Makes room for rater id `r` in every person's masks. */
  rater(r: number): void {
    if (r < this.stride) return;
    let stride = this.stride;
    while (stride <= r) stride *= 2;
    const masks = new Uint8Array((this.masks.length / this.stride) * stride);
    for (let i = 0; i < this.count; i++) masks.set(this.masks.subarray(i * this.stride, (i + 1) * this.stride), i * stride);
    this.masks = masks;
    this.stride = stride;
  }
}

/** Where each column is, by meaning (-1: absent). */
export interface Columns {
  width: number;
  staff: number;
  name: number;
  post: number;
  semester: number;
  rater: number;
  role: number;
  method: number;
  score: number;
  methods: { m: number; i: number }[];
}

/** The cells of one row, as the row logic reads them. */
export interface Fields {
  /** The cell's text, trimmed. */
  str(i: number): string;
  /** The cell's text, trimmed, as UTF-8 bytes, into `out` (a staff id: the person table's key). */
  key(i: number, out: KeyBytes): void;
  /** The score in the cell for method `m`: micro-points, EMPTY or BAD. */
  score(i: number, m: number): number;
  allBlank(): boolean;
}

export const EMPTY = -2;
export const BAD = -1;

export interface Bail {
  reason: string;
}

export function trimCell(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  return a <= 32 || b <= 32 || a >= 0x80 || b >= 0x80 ? s.trim() : s;
}

/**
 * A scored person from the streaming path: the five method values and the rounded total, and
 * little else, since a batch holds hundreds of thousands of them. The per-method view (`methods`)
 * and the exact total are made when asked for.
 */
class StreamedStaff implements ScoredStaff {
  readonly semester: string;
  readonly staffId: string;
  readonly name: string;
  readonly post: string;
  readonly raters: number;
  readonly total: Rational;
  readonly grade: Grade;
  readonly consequence: SemesterConsequence;
  /** Given by rank(); declared so that every person keeps one shape. */
  rank = 0;
  rankOf = 0;
  /**
   * The method values as numerator, denominator pairs when they are numbers: 10 numbers from `at`
   * in an array shared by everyone of the semester (no array per person for the collector).
   */
  private readonly parts: Float64Array | null;
  private readonly at: number;
  private readonly values: Rational[] | null;

  constructor(
    semester: string,
    staffId: string,
    name: string,
    post: string,
    raters: number,
    parts: Float64Array | null,
    at: number,
    values: Rational[] | null,
    settled: { total: Rational; grade: Grade; consequence: SemesterConsequence },
  ) {
    this.semester = semester;
    this.staffId = staffId;
    this.name = name;
    this.post = post;
    this.raters = raters;
    this.total = settled.total;
    this.grade = settled.grade;
    this.consequence = settled.consequence;
    this.parts = parts;
    this.at = at;
    this.values = parts ? null : values;
  }

  private value(k: number): Rational {
    return this.parts ? Rational.of(this.parts[this.at + 2 * k]!, this.parts[this.at + 2 * k + 1]!) : this.values![k]!;
  }

  methodsScaled(places: number): number[] {
    const out = [0, 0, 0, 0, 0];
    const parts = this.parts;
    for (let k = 0; k < 5; k++) {
      const q = parts ? roundScaledFraction(parts[this.at + 2 * k]!, parts[this.at + 2 * k + 1]!, places) : null;
      out[k] = q !== null ? q : Number(this.value(k).roundScaled(places));
    }
    return out;
  }

  get exact(): Rational {
    return sum(METHODS.map((_, k) => this.value(k)));
  }

  get methods(): Record<Method, MethodAggregate> {
    const methods = {} as Record<Method, MethodAggregate>;
    METHODS.forEach((m, k) => (methods[m] = { method: m, value: this.value(k), contributions: NO_CONTRIBUTIONS }));
    return methods;
  }
}

/** A scorer's gathered sums, as a worker thread sends them (see exportState and merge). */
export interface ScorerState {
  /** Why it gave up, or null. */
  reason: string | null;
  rows: number;
  /** Rater names and roles, by rater id. */
  raters: string[];
  roles: (Role | null)[];
  count: number;
  /** The staff ids' UTF-8 bytes, one after another; person i's end at idEnd[i]. */
  idBytes: Uint8Array;
  idEnd: Int32Array;
  /** JSON of the distinct semesters, names and posts; `texts` holds each person's (all semesters, then names, then posts). */
  values: string;
  texts: Int32Array;
  data: Float64Array;
  masks: Uint8Array;
  stride: number;
}

/** Columns of repeated texts as numbers into one list of their distinct values. */
function distinct(columns: string[][]): { values: string; texts: Int32Array } {
  const index = new Map<string, number>();
  const texts = new Int32Array(columns.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const column of columns) {
    for (const v of column) {
      let k = index.get(v);
      if (k === undefined) index.set(v, (k = index.size));
      texts[at++] = k;
    }
  }
  return { values: JSON.stringify([...index.keys()]), texts };
}

export class StreamingScorer {
  /** Why the streaming path gave up, or null. */
  bail: Bail | null = null;
  rows = 0;
  /** The semesters seen, in order, with the seed of their people's key hashes. */
  private readonly semesters = new Map<string, number>();
  private readonly key = new KeyBytes();
  private readonly people: People;
  private readonly raterIds = new Map<string, number>();
  private readonly raterRoles: (Role | null)[] = [];
  private readonly raterRolelessUse: boolean[] = [];
  private readonly semesterCache = new Map<string, string | null>();
  private lastSemesterText = '';
  private lastSemester: string | null | undefined = undefined;
  private readonly roleCache = new Map<string, Role | null>();
  /** The person of the last row (an index into `people`), or -1. */
  private last = -1;
  private readonly maxMicro: number[];
  /** Means or trimmed means, every method on its own scale: the totals can be made in plain numbers (meanParts). */
  private readonly meansInPlainNumbers: boolean;
  /** The fewest scores a trimmed mean trims (trimMinScores), or -1 for no trimming. */
  private readonly trimFrom: number;
  private readonly dataSize: number;

  constructor(
    private readonly policy: Policy,
    private readonly semesterOption: string | null,
  ) {
    this.maxMicro = METHODS.map((m) => Math.round(policy.methods[m].scale * MICRO));
    this.meansInPlainNumbers = (policy.aggregation === 'mean' || policy.aggregation === 'trimmed') && METHODS.every((m) => policy.methods[m].scale === policy.methods[m].max);
    this.trimFrom = policy.aggregation === 'trimmed' ? policy.trimMinScores : -1;
    const agg = policy.aggregation;
    this.dataSize = agg === 'trimmed' ? 15 : agg === 'weighted' ? 25 : 5;
    this.people = new People(this.dataSize, agg === 'trimmed', agg === 'median');
  }

  private stop(reason: string): void {
    this.bail ??= { reason };
  }


  /** @internal The columns of a sheet, from its header; bails on anything the detailed path warns about. */
  columnsOf(cells: string[]): Columns | null {
    const columns = cells.map((c) => parseHeader(c));
    const seen = new Set<Column>();
    for (const c of columns) {
      if (c === null) return this.stop('a column the detailed path warns about'), null;
      if (seen.has(c)) return this.stop('a repeated column'), null;
      seen.add(c);
    }
    const cols: Columns = {
      width: cells.length,
      staff: columns.indexOf('staff_id'),
      name: columns.indexOf('name'),
      post: columns.indexOf('post'),
      semester: columns.indexOf('semester'),
      rater: columns.indexOf('rater'),
      role: columns.indexOf('role'),
      method: columns.indexOf('method'),
      score: columns.indexOf('score'),
      methods: METHODS.map((m, k) => ({ m: k, i: columns.indexOf(m) })).filter((x) => x.i >= 0),
    };
    const long = cols.method >= 0 || cols.score >= 0;
    if (cols.staff < 0) this.stop('no staff_id column');
    else if (long && (cols.method < 0 || cols.score < 0 || cols.methods.length > 0)) this.stop('an incomplete long form');
    else if (!long && cols.methods.length === 0) this.stop('no score columns');
    return this.bail ? null : cols;
  }

  /**
   * @internal One row, its cells read through `f`: the same checks, in effect, as SheetReader and
   * Merger. Returns false after bailing.
   */
  row(cols: Columns, f: Fields): boolean {
    const key = this.key;
    f.key(cols.staff, key);
    if (this.bail) return false;
    if (key.s === key.e) {
      if (f.allBlank()) return true; // a row of empty cells, as Excel leaves them
      return this.stop('a blank staff_id'), false;
    }
    this.rows++;
    // Semester
    let semester = this.semesterOption;
    if (cols.semester >= 0) {
      const text = f.str(cols.semester);
      if (text !== '') {
        // Usually the same text (the same string object) as the row before.
        let s = text === this.lastSemesterText ? this.lastSemester : this.semesterCache.get(text);
        if (s === undefined) this.semesterCache.set(text, (s = parseSemester(text)));
        this.lastSemesterText = text;
        this.lastSemester = s;
        if (s === null || (this.semesterOption !== null && s !== this.semesterOption)) return this.stop('a semester problem'), false;
        semester = s;
      }
    }
    if (semester === null) return this.stop('a row without semester'), false;
    // Rater and role
    const rater = cols.rater >= 0 ? f.str(cols.rater) : CONSENSUS_RATER;
    if (rater === '') return this.stop('a blank rater'), false;
    let role: Role | null = null;
    if (cols.role >= 0) {
      const text = f.str(cols.role);
      if (text !== '') {
        role = this.roleCache.get(text) ?? null;
        if (role === null) {
          role = parseRole(text);
          if (role === null) return this.stop('an unknown role'), false;
          this.roleCache.set(text, role);
        }
      }
    }
    const rid = this.raterId(rater, role);
    if (rid < 0) return false;
    const effRole = this.raterRoles[rid]!;
    if (effRole === null) this.raterRolelessUse[rid] = true;
    // The person: rows of one person usually come together, so the last one is checked first.
    const people = this.people;
    let i = this.last;
    if (i < 0 || people.semester[i] !== semester || !people.sameId(i, key.buf, key.s, key.e)) {
      const h = hashBytes(key.buf, key.s, key.e, this.semesterSeed(semester));
      i = people.find(semester, h, key.buf, key.s, key.e);
      if (i < 0) i = people.add(semester, h, key.buf, key.s, key.e);
      this.last = i;
    }
    const name = cols.name >= 0 ? f.str(cols.name) : '';
    if (name !== '' && name !== people.name[i]) {
      if (people.name[i] !== '') return this.stop('a person with two names'), false;
      people.name[i] = name;
    }
    const post = cols.post >= 0 ? f.str(cols.post) : '';
    if (post !== '' && post !== people.post[i]) {
      if (people.post[i] !== '') return this.stop('a person with two posts'), false;
      people.post[i] = post;
    }
    if (rid >= people.stride) people.rater(rid);
    const at = i * people.stride + rid;
    let mask = people.masks[at]! | PRESENT;
    // Scores
    const bucket = effRole === null ? NO_ROLE : ROLE_INDEX[effRole];
    if (cols.method >= 0) {
      const method = parseMethod(f.str(cols.method));
      if (method === null) return this.stop('an unknown method'), false;
      const k = METHODS.indexOf(method);
      const micro = f.score(cols.score, k);
      if (micro === BAD) return this.stop('a score that is not accepted'), false;
      if (micro !== EMPTY) mask = this.add(i, mask, k, micro, bucket);
    } else {
      for (let j = 0; j < cols.methods.length; j++) {
        const { m, i: column } = cols.methods[j]!;
        const micro = f.score(column, m);
        if (micro === EMPTY) continue;
        if (micro === BAD) return this.stop('a score that is not accepted'), false;
        mask = this.add(i, mask, m, micro, bucket);
      }
    }
    if (mask < 0) return false;
    people.masks[at] = mask;
    return true;
  }

  /**
   * The id of rater `name`, whose row says `role` (null: none), learning the role; -1 after giving
   * up on a second role, or (weighted) on a role told only after rows without one.
   */
  private raterId(name: string, role: Role | null): number {
    let id = this.raterIds.get(name);
    if (id === undefined) {
      id = this.raterRoles.length;
      this.raterIds.set(name, id);
      this.raterRoles.push(role);
      this.raterRolelessUse.push(false);
    } else if (role !== null) {
      const known = this.raterRoles[id];
      if (known === null) {
        if (this.raterRolelessUse[id] && this.policy.aggregation === 'weighted') return this.stop('a role learnt late'), -1;
        this.raterRoles[id] = role;
      } else if (known !== role) return this.stop('a rater with two roles'), -1;
    }
    return id;
  }

  /** The seed of the key hashes of a semester's people. */
  private semesterSeed(semester: string): number {
    let seed = this.semesters.get(semester);
    if (seed === undefined) {
      const bytes = utf8Encoder.encode(semester);
      this.semesters.set(semester, (seed = hashBytes(bytes, 0, bytes.length)));
    }
    return seed;
  }

  /** @internal A score cell's text as micro-points, EMPTY or BAD. */
  scoreOf(text: string, m: number): number {
    if (text.trim() === '') return EMPTY;
    const r = parseScore(text, METHODS[m]!, this.maxMicro[m]!);
    return r.ok ? r.micro : BAD;
  }

  /** @internal The largest score a method takes, in micro-points. */
  maxOf(m: number): number {
    return this.maxMicro[m]!;
  }

  /** @internal */
  fail(reason: string): void {
    this.stop(reason);
  }

  /** Adds one score; returns the new mask, or -1 after bailing. */
  private add(i: number, mask: number, m: number, micro: number, bucket: number): number {
    if (mask < 0) return mask;
    if (mask & (1 << m)) {
      this.stop('a method scored twice');
      return -1;
    }
    const d = this.people.data;
    const o = i * this.dataSize;
    if (this.dataSize === 25) d[o + (bucket === NO_ROLE ? 20 + m : bucket * 5 + m)]! += micro;
    else {
      d[o + m]! += micro;
      if (this.dataSize === 15) {
        if (micro < d[o + 5 + m]!) d[o + 5 + m] = micro;
        if (micro > d[o + 10 + m]!) d[o + 10 + m] = micro;
      }
    }
    this.people.values?.[i]![m]!.push(micro);
    return mask | (1 << m);
  }

  /**
   * Whether two scorers' work can be added together (merge): sums, minima and maxima can, but the
   * median keeps every score and the weighted mean buckets scores by a role that may be learnt later.
   */
  get mergeable(): boolean {
    return this.dataSize !== 25 && this.people.values === null;
  }

  /** What this scorer has gathered, for another scorer to merge (sent from a worker thread). */
  exportState(): ScorerState {
    const p = this.people;
    return {
      reason: this.bail?.reason ?? null,
      rows: this.rows,
      raters: [...this.raterIds.keys()],
      roles: [...this.raterRoles],
      count: p.count,
      // Staff ids as their bytes; semesters, names and posts, which repeat, as numbers into a
      // list of the distinct values (far quicker to send than 100,000 strings one by one).
      ...p.exportIds(),
      ...distinct([p.semester, p.name, p.post]),
      data: p.data.slice(0, p.count * this.dataSize),
      masks: p.masks.slice(0, p.count * p.stride),
      stride: p.stride,
    };
  }

  /**
   * Adds the rows another scorer read after this one's (the second half of a sheet), as if this
   * scorer had read them itself: the same checks on names, posts, roles and scores given twice.
   */
  merge(s: ScorerState): void {
    if (this.bail) return;
    if (s.reason !== null) return this.stop(s.reason);
    if (!this.mergeable) return this.stop('an aggregation that cannot be merged');
    this.rows += s.rows;
    const rid = s.raters.map((name, r) => this.raterId(name, s.roles[r]!));
    if (this.bail) return;
    const people = this.people;
    if (rid.length > 0) people.rater(Math.max(...rid));
    const values = JSON.parse(s.values) as string[];
    const texts = s.texts;
    const count = s.count;
    const size = this.dataSize;
    for (let i = 0; i < count; i++) {
      const semester = values[texts[i]!]!;
      const from = i === 0 ? 0 : s.idEnd[i - 1]!;
      const to = s.idEnd[i]!;
      const h = hashBytes(s.idBytes, from, to, this.semesterSeed(semester));
      let j = people.find(semester, h, s.idBytes, from, to);
      if (j < 0) j = people.add(semester, h, s.idBytes, from, to);
      const name = values[texts[count + i]!]!;
      if (name !== '' && name !== people.name[j]) {
        if (people.name[j] !== '') return this.stop('a person with two names');
        people.name[j] = name;
      }
      const post = values[texts[2 * count + i]!]!;
      if (post !== '' && post !== people.post[j]) {
        if (people.post[j] !== '') return this.stop('a person with two posts');
        people.post[j] = post;
      }
      for (let r = 0; r < s.raters.length; r++) {
        const theirs = s.masks[i * s.stride + r]!;
        if (theirs === 0) continue;
        const at = j * people.stride + rid[r]!;
        const ours = people.masks[at]!;
        if (ours & theirs & 31) return this.stop('a method scored twice');
        people.masks[at] = ours | theirs;
      }
      const d = people.data;
      for (let k = 0; k < 5; k++) d[j * size + k]! += s.data[i * size + k]!;
      if (size === 15) {
        for (let k = 5; k < 10; k++) d[j * size + k] = Math.min(d[j * size + k]!, s.data[i * size + k]!);
        for (let k = 10; k < 15; k++) d[j * size + k] = Math.max(d[j * size + k]!, s.data[i * size + k]!);
      }
    }
    this.last = -1;
  }

  /**
   * After the last sheet: the whole-picture checks (every rater scored what their role is given, the
   * roster both ways) and the scores. Null when the detailed path must run.
   */
  finish(roster: RosterEntry[] | null): Map<string, { staff: ScoredStaff[]; raters: number }> | null {
    if (this.bail) return null;
    const policy = this.policy;
    const expected: number[] = []; // per role bucket: the methods it must score
    const allowed: number[] = [];
    for (let b = 0; b <= NO_ROLE; b++) {
      let e = 0;
      let a = 0;
      METHODS.forEach((m, k) => {
        const roles = policy.methods[m].roles;
        const restricted = roles.length < ROLES.length;
        if (b === NO_ROLE) {
          if (!restricted) {
            e |= 1 << k;
            a |= 1 << k;
          }
        } else if (roles.includes(ROLES[b]!)) {
          e |= 1 << k;
          a |= 1 << k;
        }
      });
      expected.push(e);
      allowed.push(a);
    }
    const bucketOf = this.raterRoles.map((r) => (r === null ? NO_ROLE : ROLE_INDEX[r]));
    const weights = [...ROLES.map((r) => (policy.aggregation === 'weighted' ? rationalOf(policy.roleWeights[r]) : Rational.of(1))), Rational.of(1)];
    const byId = roster ? new Map(roster.map((e) => [e.staffId, e])) : null;
    const out = new Map<string, { staff: ScoredStaff[]; raters: number }>();
    const people = this.people;
    const bySemester = new Map<string, number[]>([...this.semesters.keys()].map((k) => [k, []]));
    for (let i = 0; i < people.count; i++) bySemester.get(people.semester[i]!)!.push(i);
    for (const [semester, staff] of bySemester) {
      const seen = new Uint8Array(people.stride);
      const ids = byId ? new Set<string>() : null;
      // First in the order read: the checks, and each total in plain numbers where it can be.
      const n = staff.length;
      const first = new Float64Array(n * 10);
      const totals = new Int32Array(n);
      const fast: number[] = [];
      const index = new Int32Array(n);
      const raterCounts = new Int32Array(n);
      const names: string[] = [];
      const posts: string[] = [];
      const others: StreamedStaff[] = [];
      let j = 0;
      const counts = [0, 0, 0, 0, 0];
      for (const i of staff) {
        counts.fill(0);
        const roleCounts = policy.aggregation === 'weighted' ? new Array<number>(25).fill(0) : null;
        let present = 0;
        for (let r = 0; r < people.stride; r++) {
          const mask = people.masks[i * people.stride + r]!;
          if (!(mask & PRESENT)) continue;
          present++;
          seen[r] = 1;
          const b = bucketOf[r]!;
          const scored = mask & 31;
          if (scored !== expected[b] || (scored & ~allowed[b]!) !== 0) return null;
          for (let k = 0; k < 5; k++) {
            if (scored & (1 << k)) {
              counts[k]!++;
              if (roleCounts) roleCounts[b * 5 + k]!++;
            }
          }
        }
        let name = people.name[i]!;
        let post = people.post[i]!;
        if (byId) {
          const staffId = people.idText(i);
          ids!.add(staffId);
          const e = byId.get(staffId);
          if (!e || (name !== '' && e.name !== '' && name !== e.name)) return null;
          if (name === '') name = e.name;
          if (post === '') post = e.post;
        }
        const q = this.fastTotal(i, counts, first, j * 10);
        if (q !== null && q < 2 ** 30) {
          fast.push(j);
          totals[j] = q;
          index[j] = i;
          raterCounts[j] = present;
          names[j] = name;
          posts[j] = post;
        } else {
          others.push(this.slowScored(i, semester, people.idText(i), name, post, present, counts, roleCounts, weights));
        }
        j++;
      }
      // Then the people are made highest total first, so that ranking and writing the report walk
      // memory in order instead of jumping about 200,000 objects (and their cache misses).
      const order = radixDescending(fast, totals);
      const parts = new Float64Array(order.length * 10);
      const list: ScoredStaff[] = [];
      // Totals repeat (a thousand values at one decimal): each is settled once.
      const settled = new Map<number, ReturnType<typeof settleScaled>>();
      for (const k of order) {
        const at = list.length * 10;
        for (let x = 0; x < 10; x++) parts[at + x] = first[k * 10 + x]!;
        const q = totals[k]!;
        let done = settled.get(q);
        if (!done) settled.set(q, (done = settleScaled(semester, q, policy)));
        // The ids are made here, in report order: the report then reads them in the order they lie in memory.
        list.push(new StreamedStaff(semester, people.idText(index[k]!), names[k]!, posts[k]!, raterCounts[k]!, parts, at, null, done));
      }
      for (const o of others) list.push(o);
      if (byId) {
        if (ids!.size !== byId.size) return null;
        for (const id of byId.keys()) if (!ids!.has(id)) return null;
      }
      out.set(semester, { staff: list, raters: seen.reduce((a, b) => a + b, 0) });
    }
    return out;
  }

  /**
   * The usual case in plain numbers: means (or trimmed means) of micro-points over the same number
   * of scores, on methods scored on their own scale, make the exact total one fraction. Writes the
   * method fractions to parts[at..at+10) and returns the rounded total times 10^precision; null
   * when the general case (slowScored) must do it.
   */
  private fastTotal(i: number, counts: number[], parts: Float64Array, at: number): number | null {
    if (!this.meanParts(i, counts, parts, at)) return null;
    let n = 0;
    let d = 0;
    for (let k = at; k < at + 10; k += 2) {
      if (parts[k] === 0) continue;
      if (d !== 0 && parts[k + 1] !== d) return null;
      n += parts[k]!;
      d = parts[k + 1]!;
    }
    return d === 0 ? 0 : Number.isSafeInteger(n) ? roundScaledFraction(n, d, this.policy.precision) : null;
  }

  /** One person's method values, exact total, grade and consequence, in exact rationals. */
  private slowScored(
    i: number,
    semester: string,
    staffId: string,
    name: string,
    post: string,
    raters: number,
    counts: number[],
    roleCounts: number[] | null,
    weights: Rational[],
  ): StreamedStaff {
    const values = METHODS.map((_, k) => this.methodValue(i, k, counts[k]!, roleCounts, weights));
    const parts = new Float64Array(10);
    let numbers = true;
    values.forEach((v, k) => {
      parts[2 * k] = v.smallNumerator;
      parts[2 * k + 1] = v.smallDenominator;
      if (Number.isNaN(v.smallNumerator)) numbers = false;
    });
    return new StreamedStaff(semester, staffId, name, post, raters, numbers ? parts : null, 0, values, settle(semester, sum(values), this.policy));
  }

  /**
   * The method values as numerator, denominator pairs of micro-points, for means and trimmed means
   * of methods scored on their own scale; null otherwise (methodValue does the general case).
   */
  private meanParts(i: number, counts: number[], parts: Float64Array, at: number): boolean {
    if (!this.meansInPlainNumbers) return false;
    for (let k = 0; k < 5; k++) {
      const count = counts[k]!;
      if (count === 0) {
        parts[at + 2 * k] = 0;
        parts[at + 2 * k + 1] = 1;
      } else this.meanPart(i, k, count, parts, at + 2 * k);
    }
    return true;
  }

  /** A mean or trimmed mean of one person's scores for method k, in points: numerator and denominator into out[at], out[at + 1]. */
  private meanPart(i: number, k: number, count: number, out: Float64Array | number[], at: number): void {
    const d = this.people.data;
    const o = i * this.dataSize;
    const trim = this.trimFrom >= 0 && count >= this.trimFrom;
    out[at] = trim ? d[o + k]! - d[o + 5 + k]! - d[o + 10 + k]! : d[o + k]!;
    out[at + 1] = (trim ? count - 2 : count) * MICRO;
  }

  private methodValue(i: number, k: number, count: number, roleCounts: number[] | null, weights: Rational[]): Rational {
    const p = this.policy;
    const d = this.people.data;
    const o = i * this.dataSize;
    let value: Rational;
    if (count === 0) value = Rational.ZERO;
    else if (p.aggregation === 'median') {
      const v = this.people.values![i]![k]!.sort((a, b) => a - b);
      const mid = v.length >> 1;
      value = v.length % 2 ? Rational.of(v[mid]!) : Rational.of(v[mid - 1]! + v[mid]!, 2);
    } else if (p.aggregation === 'weighted') {
      let num = Rational.ZERO;
      let den = Rational.ZERO;
      for (let b = 0; b <= NO_ROLE; b++) {
        const c = roleCounts![b * 5 + k]!;
        if (c === 0) continue;
        num = num.add(weights[b]!.mul(Rational.of(d[o + b * 5 + k]!)));
        den = den.add(weights[b]!.mul(Rational.of(c)));
      }
      value = num.div(den);
    } else {
      const part = [0, 0];
      this.meanPart(i, k, count, part, 0);
      value = Rational.of(part[0]!, part[1]!);
    }
    let points = p.aggregation === 'median' || p.aggregation === 'weighted' ? value.div(Rational.of(MICRO)) : value;
    const mp = p.methods[METHODS[k]!];
    if (mp.scale !== mp.max) points = points.mul(rationalOf(mp.max)).div(rationalOf(mp.scale));
    return points;
  }
}

