/**
 * The semester report: each person's result (the method values, the exact and the rounded total, the
 * grade and the semester's consequences), ranked (1, 2, 2, 4; ties by staff id), the grades counted.
 */
import { digitsWithoutZeros } from './cells.js';
import { SHORT_LIST, radixSort } from './counting-sort.js';
import { roundScaledFraction, type Settled } from './rounding.js';
import { Rational } from './rational.js';
import type { SemesterConsequence } from './rules.js';
import { type Grade, GRADES } from './types.js';

export interface StaffResult {
  semester: string;
  staffId: string;
  name: string;
  post: string;
  /** The exact total before rounding. */
  readonly exact: Rational;
  /** The total rounded half up to the policy's precision. */
  total: Rational;
  grade: Grade;
  rank: number;
  /** How many staff the rank is among (the semester, or the post with --group-by post). */
  rankOf: number;
  raters: number;
  consequence: SemesterConsequence;
  /** Method k's aggregate (METHODS order), exact, in points. */
  methodValue(k: number): Rational;
  /**
   * The five method values (METHODS order) as the reports show them: rounded half up to `places`
   * decimals and scaled by 10^places, so integers; into `out` when given (a report of 200,000
   * people reuses one array).
   */
  methodsScaled(places: number, out?: number[]): number[];
}

export interface SemesterReport {
  semester: string;
  /** Everyone in report order, as objects (made when first read: a CSV of 200,000 people reads `rows`). */
  readonly staff: StaffResult[];
  /** The same people by their place in the report, read without an object each. */
  readonly rows: ReportRows;
  raters: number;
  gradeCounts: Record<Grade, number>;
  groupBy: 'post' | null;
}

/**
 * A report's people by place p (0 is the first row): the entry of `entries` there and its rank. What
 * `staff[p]` holds, read from the entries as they are (scoring's columns): a report written row by
 * row makes no object a person.
 */
export interface ReportRows {
  readonly length: number;
  readonly entries: ScoredEntries;
  entry(p: number): number;
  rank(p: number): number;
  /**
   * Entry e's result as an object, with its rank: what `staff` holds at e's place, made anew at each
   * call (a year of 200,000 people reads each person's two semesters through it and keeps none).
   */
  personOf(e: number): StaffResult;
}

export type ScoredStaff = Omit<StaffResult, 'rank' | 'rankOf'> & { rank?: number; rankOf?: number };

/**
 * A semester's scored people, by entry (the order scoring made them in): what a report shows of each,
 * and the person as an object (`person`). Scoring keeps them as columns (core/totals.ts); a list of
 * objects is read through `ScoredList`.
 */
export interface ScoredEntries {
  readonly length: number;
  staffId(e: number): string;
  name(e: number): string;
  post(e: number): string;
  raters(e: number): number;
  /** The rounded total, its grade and consequence, and the semester. */
  settled(e: number): Settled;
  /** As StaffResult.methodsScaled. */
  methodsScaled(e: number, places: number, out: number[]): number[];
  /** Entry e as a result, its rank and how many it is among read from `ranks` (when asked, for PersonResult). */
  person(e: number, ranks: Ranks): StaffResult;
}

/**
 * A report's ranks by entry, for its people's results. rankReport ranks the semester when a rank is
 * first read: a year's CSV, JSON or table reads each semester's totals and grades and no rank, and
 * ranking two semesters of 200,000 people took about 100 ms of its run.
 */
export interface Ranks {
  rank(e: number): number;
  rankOf(e: number): number;
}

/** A list of scored objects as entries. */
export class ScoredList implements ScoredEntries {
  constructor(private readonly list: readonly ScoredStaff[]) {}

  get length(): number {
    return this.list.length;
  }

  staffId(e: number): string {
    return this.list[e]!.staffId;
  }

  name(e: number): string {
    return this.list[e]!.name;
  }

  post(e: number): string {
    return this.list[e]!.post;
  }

  raters(e: number): number {
    return this.list[e]!.raters;
  }

  settled(e: number): Settled {
    return this.list[e]!;
  }

  methodsScaled(e: number, places: number, out: number[]): number[] {
    return this.list[e]!.methodsScaled(places, out);
  }

  person(e: number, ranks: Ranks): StaffResult {
    // The list's own object, given its rank in place (as ranking always did); a PersonResult reads it when asked.
    const s = this.list[e]!;
    return s instanceof PersonResult ? s.rankedBy(ranks, e) : Object.assign(s, { rank: ranks.rank(e), rankOf: ranks.rankOf(e) });
  }
}

/**
 * Where a semester's plain method values come from: the numerator and denominator of method k of
 * entry `at` are written to out[0], out[1] (scoring keeps each person's counts and reads the tally's
 * sums, rather than two numbers per method and person).
 */
export interface MethodFractions {
  fraction(at: number, k: number, out: Float64Array): void;
}

/** Where `fraction` writes (a Float64Array, as scoring's own: one kind of array for meanFraction to write to). */
const pair = new Float64Array(2);

/**
 * One person's result, kept small (a batch holds hundreds of thousands: 9 fields): the method values
 * as fractions of plain numbers read from the semester's `MethodFractions`, else as rationals; the
 * rounded total, grade, consequence and semester in a `Settled` that everyone with that total shares;
 * the exact total made when asked for.
 */
export class PersonResult implements StaffResult {
  readonly staffId: string;
  name: string;
  post: string;
  readonly raters: number;
  /** The report's ranks and this person's entry there (given by rankReport through `person`); none: rank 0. */
  private ranks: Ranks | null = null;
  private entry = 0;
  private readonly settled: Settled;
  private readonly values: MethodFractions | readonly Rational[];
  private readonly at: number;

  constructor(staffId: string, name: string, post: string, raters: number, settled: Settled, values: MethodFractions | readonly Rational[], at = 0) {
    this.staffId = staffId;
    this.name = name;
    this.post = post;
    this.raters = raters;
    this.settled = settled;
    this.values = values;
    this.at = at;
  }

  /** Where this person's rank is read from (rankReport, through ScoredEntries.person). */
  rankedBy(ranks: Ranks, e: number): this {
    this.ranks = ranks;
    this.entry = e;
    return this;
  }

  get rank(): number {
    return this.ranks ? this.ranks.rank(this.entry) : 0;
  }

  get rankOf(): number {
    return this.ranks ? this.ranks.rankOf(this.entry) : 0;
  }

  get semester(): string {
    return this.settled.semester;
  }

  get total(): Rational {
    return this.settled.total;
  }

  get grade(): Grade {
    return this.settled.grade;
  }

  get consequence(): SemesterConsequence {
    return this.settled.consequence;
  }

  methodValue(k: number): Rational {
    return methodValueOf(this.values, this.at, k);
  }

  methodsScaled(places: number, out = [0, 0, 0, 0, 0]): number[] {
    return methodsScaledOf(this.values, this.at, places, out);
  }

  get exact(): Rational {
    let total = Rational.ZERO;
    for (let k = 0; k < 5; k++) total = total.add(this.methodValue(k));
    return total;
  }
}

/** Method k's value of entry `at` of `values` (a semester's fractions), or of a person's own rationals. */
function methodValueOf(values: MethodFractions | readonly Rational[], at: number, k: number): Rational {
  if (isRationals(values)) return values[k]!;
  values.fraction(at, k, pair);
  return Rational.of(pair[0]!, pair[1]!);
}

/** The five method values as StaffResult.methodsScaled gives them, from `values` as methodValueOf reads them. */
export function methodsScaledOf(values: MethodFractions | readonly Rational[], at: number, places: number, out: number[]): number[] {
  for (let k = 0; k < 5; k++) {
    let q: number | null = null;
    if (!isRationals(values)) {
      values.fraction(at, k, pair);
      q = roundScaledFraction(pair[0]!, pair[1]!, places);
    }
    out[k] = q !== null ? q : Number(methodValueOf(values, at, k).roundScaled(places));
  }
  return out;
}

function isRationals(values: MethodFractions | readonly Rational[]): values is readonly Rational[] {
  return Array.isArray(values);
}

/**
 * Posts in the order a center numbers them: 1号楼, 2号楼, ..., 10号楼 (a run of ASCII digits is
 * compared as a number), then in code-point order; the same order on every machine, in every language.
 */
export function byPost(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    if (DIGITS.test(x) && DIGITS.test(y)) {
      const [u, v] = [digitsWithoutZeros(x)!, digitsWithoutZeros(y)!];
      if (u.length !== v.length) return u.length - v.length;
      if (u !== v) return u < v ? -1 : 1;
      continue;
    }
    return byCodePoint(x, y);
  }
  return ra.length - rb.length || byCodePoint(a, b);
}

const DIGITS = /^\d/;

/**
 * Code-point order, as SPEC asks: not locale order. UTF-16 unit order agrees with it except where a
 * surrogate (a code point above U+FFFF) meets a unit from U+E000 up, which it must follow.
 */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function utf16IsCodePointOrder(id: string): boolean {
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) >= 0xd800) return false;
  return true;
}

/**
 * Ranks `count` entries highest total first; equal rounded totals share a rank and the next rank
 * skips. Totals are rounded to at most 6 decimals, so their 6-decimal values order them exactly.
 * Returns the ranking order (entry indices; null where the entries are in it already, as scoring
 * makes them) and the rank at each place of it.
 */
export function ranking(count: number, totalOf: (e: number) => Rational, idOf: (e: number) => string): { order: Int32Array | null; ranks: Int32Array } {
  const keys = new Float64Array(count);
  let small = true;
  let last: Rational | null = null;
  let lastKey = 0;
  for (let i = 0; i < count; i++) {
    // People of one total share its Rational (scoring settles each total once): its key is made once a run.
    const total = totalOf(i);
    if (total !== last) {
      // Totals have at most 6 decimals: times 10^6 they are integers, and order exactly.
      const k = total.roundScaledNumber(6);
      if (k === null || k < 0 || k >= 2 ** 30) small = false;
      last = total;
      lastKey = k ?? total.toNumber(6);
    }
    keys[i] = lastKey;
  }
  // Scoring hands the entries over in order already: then there is nothing to sort (the check compares
  // ids by code point, which is right for any id, with no look at every id first).
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = keys[i - 1]! > keys[i]! || (keys[i - 1] === keys[i] && byCodePoint(idOf(i - 1), idOf(i)) < 0);
  let order: Int32Array | null = null;
  if (!sorted) {
    const ids = new Array<string>(count).fill('');
    for (let i = 0; i < count; i++) ids[i] = idOf(i);
    // Typed arrays made straight (Array.from over 200,000 keys and an iterator took 20 ms a semester).
    const index = new Int32Array(count);
    for (let i = 0; i < count; i++) index[i] = i;
    if (small) {
      order = byTotalThenId(index, new Int32Array(keys), ids);
    } else {
      const compareIds = idOrder(ids);
      order = Int32Array.from(Array.from(index).sort((a, b) => keys[b]! - keys[a]! || compareIds(a, b)));
    }
  }
  const ranks = new Int32Array(count);
  let prevKey = NaN;
  let prevRank = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[order ? order[i]! : i]!;
    const r = key === prevKey ? prevRank : i + 1;
    prevKey = key;
    prevRank = r;
    ranks[i] = r;
  }
  return { order, ranks };
}

/** Entries a and b by their ids (ids[a], ids[b]) in code-point order. */
function idOrder(ids: readonly string[]): (a: number, b: number) => number {
  // Plain UTF-16 comparison is code-point order unless an id holds a surrogate or a unit from U+E000 up.
  return ids.every(utf16IsCodePointOrder) ? (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0) : (a, b) => byCodePoint(ids[a]!, ids[b]!);
}

/**
 * The ranking order: `order`'s entries by totals[i] (integers in [0, 2^30)), highest first, and
 * equal totals by ids[i] in code-point order (SPEC). Scoring puts its people in this order before it
 * makes their results, so that ranking() finds them in order and every report reads them in the
 * order they lie in memory; ranking() uses it for lists that come otherwise.
 */
export function byTotalThenId(order: ArrayLike<number>, totals: Int32Array, ids: readonly string[]): Int32Array {
  const short = byShortId(order, ids);
  // Stable radix sorts by id and then by total order equal totals by id without comparing strings.
  if (short) return radixDescending(short, totals);
  // Highest total first (a stable radix sort), then by id among equal totals.
  const ordered = radixDescending(order, totals);
  const compareIds = idOrder(ids);
  for (let a = 0; a < ordered.length; ) {
    let b = a + 1;
    while (b < ordered.length && totals[ordered[b]!] === totals[ordered[a]!]) b++;
    if (b - a > 1) {
      const run = Array.from(ordered.subarray(a, b)).sort(compareIds);
      for (let j = 0; j < run.length; j++) ordered[a + j] = run[j]!;
    }
    a = b;
  }
  return ordered;
}

/** `order`'s entries by ids[i] in code-point order (stable). */
export function byId(order: ArrayLike<number>, ids: readonly string[]): Int32Array {
  return byShortId(order, ids) ?? Int32Array.from(Array.from(order).sort(idOrder(ids)));
}

/**
 * Where every id of `order`'s entries has at most 7 ASCII characters (the usual S000123), and the
 * list is long: its entries sorted by id with radix sorts on the ids as numbers. Else null (a short
 * list is sorted by comparing: the radix sorts' counting arrays would cost more).
 */
function byShortId(order: ArrayLike<number>, ids: readonly string[]): Int32Array | null {
  const keys = order.length >= SHORT_LIST ? shortIdKeys(order, ids) : null;
  if (!keys) return null;
  // People are often met in the order of their ids (a sheet sorted by staff id): then it stays.
  const { high, low } = keys;
  let sorted = true;
  for (let k = 1; k < order.length && sorted; k++) {
    const a = order[k - 1]!;
    const b = order[k]!;
    sorted = high[a]! < high[b]! || (high[a] === high[b] && low[a]! <= low[b]!);
  }
  return sorted ? Int32Array.from(order) : radixSort(radixSort(order, low, 28, false), high, 21, false);
}

/** `order` stably sorted by keys[i] (integers in [0, 2^30)), highest first: two radix passes of 15 bits, or a sort for a short list. */
function radixDescending(order: ArrayLike<number>, keys: Int32Array): Int32Array {
  // A short list: the counting arrays would cost more than a comparison sort (stable too).
  if (order.length < SHORT_LIST) return Int32Array.from(Array.from(order).sort((a, b) => keys[b]! - keys[a]!));
  return radixSort(order, keys, 30, true);
}

/**
 * The ids of `order`'s entries, each of at most 7 ASCII characters, as whole numbers that order as
 * the ids do by code point (indexed like `ids`): 7 bits a character, the first characters high, a
 * shorter id padded with zeros (so `A` comes before `A0`); the high 21 bits (characters 1-3) and the
 * low 28 (4-7) apart. Null if any id is longer or holds another character (a NUL too, which the
 * padding could not tell from the end).
 */
function shortIdKeys(order: ArrayLike<number>, ids: readonly string[]): { high: Int32Array; low: Int32Array } | null {
  const high = new Int32Array(ids.length);
  const low = new Int32Array(ids.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const id = ids[i]!;
    if (id.length > 7) return null;
    let h = 0;
    let l = 0;
    for (let j = 0; j < 7; j++) {
      const c = j < id.length ? id.charCodeAt(j) : 0;
      if (j < id.length && (c === 0 || c >= 0x80)) return null;
      if (j < 3) h = (h << 7) | c;
      else l = (l << 7) | c;
    }
    high[i] = h;
    low[i] = l;
  }
  return { high, low };
}

/**
 * Ranks scored staff (within each post when grouped) and counts the grades. The ranking is made
 * when a rank or the report's order is first read (Ranks); the report's objects (`staff`) when first
 * read, in the entries' order in memory (a year reads them by staff id), each reading its rank from
 * the report; a list of objects gets its ranks in place.
 */
export function rankReport(semester: string, scored: ScoredEntries | readonly ScoredStaff[], raters: number, groupBy: 'post' | null): SemesterReport {
  const entries: ScoredEntries = isList(scored) ? new ScoredList(scored) : scored;
  const n = entries.length;
  const gradeCounts = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (let e = 0; e < n; e++) gradeCounts[entries.settled(e).grade]++;
  // Ranked when a rank or the report's order is first asked for (Ranks).
  let ranked: Ranked | null = null;
  const rankedNow = (): Ranked => (ranked ??= rankEntries(entries, groupBy));
  const ranks: Ranks = {
    rank: (e) => {
      const r = rankedNow();
      return r.ranks[r.place(e)]!;
    },
    rankOf: (e) => {
      const r = rankedNow();
      return r.among ? r.among[r.place(e)]! : n;
    },
  };
  const personOf = (e: number): StaffResult => entries.person(e, ranks);
  let staff: StaffResult[] | null = null;
  return {
    semester,
    raters,
    gradeCounts,
    groupBy,
    get staff(): StaffResult[] {
      if (staff) return staff;
      // Made in entry order (the order in memory the entries chose), each put at its place.
      const { place } = rankedNow();
      const list = new Array<StaffResult>(n);
      for (let e = 0; e < n; e++) list[place(e)] = personOf(e);
      return (staff = list);
    },
    rows: { length: n, entries, entry: (p) => rankedNow().entry(p), rank: (p) => rankedNow().ranks[p]!, personOf },
  };
}

/** A semester ranked: the entry at each place, each entry's place, the rank at each place, and how many it is among (null: everyone). */
interface Ranked {
  entry(p: number): number;
  place(e: number): number;
  ranks: Int32Array;
  among: Int32Array | null;
}

/** Ranks the entries (within each post when grouped): see rankReport. */
function rankEntries(entries: ScoredEntries, groupBy: 'post' | null): Ranked {
  const n = entries.length;
  const totalOf = (e: number) => entries.settled(e).total;
  let order: Int32Array | null;
  let ranks: Int32Array;
  // How many people each place's rank is among: everyone, or the post's people.
  let among: Int32Array | null = null;
  if (groupBy === 'post') {
    const posts = new Map<string, number[]>();
    for (let e = 0; e < n; e++) {
      const post = entries.post(e);
      const list = posts.get(post);
      if (list) list.push(e);
      else posts.set(post, [e]);
    }
    order = new Int32Array(n);
    ranks = new Int32Array(n);
    among = new Int32Array(n);
    let at = 0;
    for (const post of [...posts.keys()].sort(byPost)) {
      const group = posts.get(post)!;
      const r = ranking(
        group.length,
        (i) => totalOf(group[i]!),
        (i) => entries.staffId(group[i]!),
      );
      for (let i = 0; i < group.length; i++, at++) {
        order[at] = group[r.order ? r.order[i]! : i]!;
        ranks[at] = r.ranks[i]!;
        among[at] = group.length;
      }
    }
  } else {
    ({ order, ranks } = ranking(n, totalOf, (e) => entries.staffId(e)));
  }
  // Each entry's place (made when first asked for).
  let placeOf: Int32Array | null = null;
  const place = (e: number): number => {
    if (!order) return e;
    if (!placeOf) {
      placeOf = new Int32Array(n);
      for (let p = 0; p < n; p++) placeOf[order[p]!] = p;
    }
    return placeOf[e]!;
  };
  return { entry: order ? (p) => order[p]! : (p) => p, place, ranks, among };
}

function isList(scored: ScoredEntries | readonly ScoredStaff[]): scored is readonly ScoredStaff[] {
  return Array.isArray(scored);
}

/** A list to join by staff id (byStaffIdAt): how long it is, and the staff id of its entry k. */
export interface IdList {
  readonly length: number;
  staffId(k: number): string;
}

/** A list of objects with staff ids as an IdList. */
export function idListOf(list: readonly { staffId: string }[]): IdList {
  return { length: list.length, staffId: (k) => list[k]!.staffId };
}

/**
 * A report's entries as an IdList (entry e's staff id): a year joins its semesters' people by entry,
 * without an object a person (see ReportRows.personOf).
 */
export function entriesById(report: SemesterReport): IdList {
  const entries = report.rows.entries;
  return { length: entries.length, staffId: (e) => entries.staffId(e) };
}

/**
 * Everyone of several lists (the semesters of a year or of a history, a roster) by staff id, in
 * code-point order: `make` is given, for each staff id, a row with every list's entry of that id,
 * null where a list has none (in a list with the id twice, the later entry). The row is one array
 * reused for every id (a year joins 200,000 people): `make` copies what it keeps.
 */
export function byStaffId<L extends readonly (readonly { staffId: string }[])[], U>(lists: readonly [...L], make: (row: { readonly [K in keyof L]: L[K][number] | null }) => U): U[] {
  type Row = { [K in keyof L]: L[K][number] | null };
  const row: ({ staffId: string } | null)[] = new Array(lists.length).fill(null);
  return byStaffIdAt(lists.map(idListOf), (at) => {
    for (let j = 0; j < lists.length; j++) row[j] = at[j]! < 0 ? null : lists[j]![at[j]!]!;
    // Entry j is list j's: the type the lists give.
    return make(row as unknown as Row);
  });
}

/**
 * The join of byStaffId, by index: `make` is given, for each staff id, where each list has it (-1
 * where it has none; in a list with the id twice, the later entry), in an array reused for every id.
 */
export function byStaffIdAt<U>(lists: readonly IdList[], make: (at: Int32Array) => U): U[] {
  const width = lists.length;
  // Code-point order is plain UTF-16 comparison unless an id holds a surrogate or a unit from U+E000 up.
  let plain = true;
  for (const list of lists) for (let k = 0; plain && k < list.length; k++) plain = utf16IsCodePointOrder(list.staffId(k));
  const compare = plain ? (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) : byCodePoint;
  // Each list's entries in id order (stably: a list's own equal ids in its order): null where the list
  // is in that order already (a year's semesters, made by staff id), else sorted. Then the lists are
  // merged, the lowest id first: no map of ids, and no sort of 400,000 ids made by staff id already.
  const orders = lists.map((list) => (isById(list, compare) ? null : sortedById(list)));
  let total = 0;
  for (const list of lists) total += list.length;
  const next = new Int32Array(width);
  const at = new Int32Array(width);
  // Filled by index (at most one row an entry), then cut to the rows made.
  const out = new Array<U>(total);
  let rows = 0;
  for (;;) {
    let id: string | null = null;
    for (let j = 0; j < width; j++) {
      const list = lists[j]!;
      const k = next[j]!;
      if (k >= list.length) continue;
      const order = orders[j];
      const its = list.staffId(order ? order[k]! : k);
      if (id === null || compare(its, id) < 0) id = its;
    }
    if (id === null) break;
    for (let j = 0; j < width; j++) {
      const list = lists[j]!;
      const order = orders[j];
      let entry = -1;
      let k = next[j]!;
      for (; k < list.length; k++) {
        const x = order ? order[k]! : k;
        if (list.staffId(x) !== id) break;
        entry = x;
      }
      next[j] = k;
      at[j] = entry;
    }
    out[rows++] = make(at);
  }
  out.length = rows;
  return out;
}

/** Whether a list's ids never go down. */
function isById(list: IdList, compare: (a: string, b: string) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list.staffId(i - 1), list.staffId(i)) > 0) return false;
  return true;
}

/** A list's entries (their indices) by id, stably. */
function sortedById(list: IdList): Int32Array {
  const ids = new Array<string>(list.length).fill('');
  const index = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    ids[i] = list.staffId(i);
    index[i] = i;
  }
  return byId(index, ids);
}

export { byCodePoint };
