/**
 * The semester report: each person's result (the method values, the exact and the rounded total, the
 * grade and the semester's consequences), ranked (1, 2, 2, 4; ties by staff id), the grades counted.
 */
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
  staff: StaffResult[];
  raters: number;
  gradeCounts: Record<Grade, number>;
  groupBy: 'post' | null;
}

export type ScoredStaff = Omit<StaffResult, 'rank' | 'rankOf'> & { rank?: number; rankOf?: number };

/**
 * One person's result, kept small (a batch holds hundreds of thousands): the method values as
 * numerator, denominator pairs in an array shared by everyone of the semester where they are plain
 * numbers, else as rationals; the exact total is made when asked for.
 */
export class PersonResult implements StaffResult {
  readonly semester: string;
  readonly staffId: string;
  name: string;
  post: string;
  readonly raters: number;
  readonly total: Rational;
  readonly grade: Grade;
  readonly consequence: SemesterConsequence;
  /** Given by rank(); declared so that every person keeps one shape. */
  rank = 0;
  rankOf = 0;
  private readonly parts: Float64Array | null;
  private readonly at: number;
  private readonly values: Rational[] | null;

  constructor(semester: string, staffId: string, name: string, post: string, raters: number, parts: Float64Array | null, at: number, values: Rational[] | null, settled: Settled) {
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

  methodValue(k: number): Rational {
    return this.parts ? Rational.of(this.parts[this.at + 2 * k]!, this.parts[this.at + 2 * k + 1]!) : this.values![k]!;
  }

  methodsScaled(places: number, out = [0, 0, 0, 0, 0]): number[] {
    const parts = this.parts;
    for (let k = 0; k < 5; k++) {
      const q = parts ? roundScaledFraction(parts[this.at + 2 * k]!, parts[this.at + 2 * k + 1]!, places) : null;
      out[k] = q !== null ? q : Number(this.methodValue(k).roundScaled(places));
    }
    return out;
  }

  get exact(): Rational {
    let total = Rational.ZERO;
    for (let k = 0; k < 5; k++) total = total.add(this.methodValue(k));
    return total;
  }
}

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
 * Ranks highest total first; equal rounded totals share a rank and the next rank skips. Totals are
 * rounded to at most 6 decimals, so their 6-decimal values order them exactly. The objects are
 * given their rank in place (they are fresh from scoring).
 */
export function rank<T extends { total: Rational; staffId: string }>(list: T[]): (T & { rank: number; rankOf: number })[] {
  const keys = new Float64Array(list.length);
  let small = true;
  list.forEach((s, i) => {
    // Totals have at most 6 decimals: times 10^6 they are integers, and order exactly.
    const k = s.total.roundScaledNumber(6);
    if (k === null || k < 0 || k >= 2 ** 30) small = false;
    keys[i] = k ?? s.total.toNumber(6);
  });
  const ids = list.map((s) => s.staffId);
  // The streaming path hands the list over in order already: then there is nothing to sort (the
  // check compares ids by code point, which is right for any id).
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = keys[i - 1]! > keys[i]! || (keys[i - 1] === keys[i] && byCodePoint(ids[i - 1]!, ids[i]!) < 0);
  let order: ArrayLike<number> = Array.from(list.keys());
  if (!sorted) {
    // Plain UTF-16 comparison is code-point order unless an id holds a surrogate or a unit from U+E000 up.
    const plain = ids.every(utf16IsCodePointOrder);
    const byId = plain ? (a: number, b: number) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0) : (a: number, b: number) => byCodePoint(ids[a]!, ids[b]!);
    if (small) {
      // Highest total first (a stable radix sort of the integer keys), then by id among equal totals.
      const ordered = Array.from(radixDescending(order, Int32Array.from(keys)));
      for (let a = 0; a < ordered.length; ) {
        let b = a + 1;
        while (b < ordered.length && keys[ordered[b]!] === keys[ordered[a]!]) b++;
        if (b - a > 1) {
          const run = ordered.slice(a, b).sort(byId);
          for (let j = 0; j < run.length; j++) ordered[a + j] = run[j]!;
        }
        a = b;
      }
      order = ordered;
    } else order = Array.from(order).sort((a, b) => keys[b]! - keys[a]! || byId(a, b));
  }
  const out = new Array<T & { rank: number; rankOf: number }>(list.length);
  let prevKey = NaN;
  let prevRank = 0;
  for (let i = 0; i < order.length; i++) {
    const idx = order[i]!;
    const r = keys[idx] === prevKey ? prevRank : i + 1;
    prevKey = keys[idx]!;
    prevRank = r;
    const s = list[idx] as T & { rank: number; rankOf: number };
    s.rank = r;
    s.rankOf = list.length;
    out[i] = s;
  }
  return out;
}

/** `order` stably sorted by keys[i] (integers in [0, 2^30)), highest first: two radix passes of 15 bits, or a sort for a short list. */
export function radixDescending(order: ArrayLike<number>, keys: Int32Array): Int32Array {
  // A short list: the counting arrays would cost more than a comparison sort (stable too).
  if (order.length < 4096) return Int32Array.from(Array.from(order).sort((a, b) => keys[b]! - keys[a]!));
  let from = Int32Array.from(order);
  let to = new Int32Array(from.length);
  const counts = new Int32Array(1 << 15);
  for (const shift of [0, 15]) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[0x7fff - ((keys[from[i]!]! >> shift) & 0x7fff)]!++;
    let at = 0;
    for (let b = 0; b < counts.length; b++) {
      const c = counts[b]!;
      counts[b] = at;
      at += c;
    }
    for (let i = 0; i < from.length; i++) to[counts[0x7fff - ((keys[from[i]!]! >> shift) & 0x7fff)]!++] = from[i]!;
    [from, to] = [to, from];
  }
  return from;
}

/** Ranks scored staff (within each post when grouped) and counts the grades. */
export function rankReport(semester: string, scored: ScoredStaff[], raters: number, groupBy: 'post' | null): SemesterReport {
  let ranked: StaffResult[];
  if (groupBy === 'post') {
    const posts = new Map<string, ScoredStaff[]>();
    for (const s of scored) {
      const list = posts.get(s.post) ?? [];
      list.push(s);
      posts.set(s.post, list);
    }
    ranked = [...posts.keys()].sort(byCodePoint).flatMap((p) => rank(posts.get(p)!));
  } else {
    ranked = rank(scored);
  }
  const gradeCounts = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const s of ranked) gradeCounts[s.grade]++;
  return { semester, staff: ranked, raters, gradeCounts, groupBy };
}

/**
 * Everyone of several lists (the semesters of a year or of a history, a roster) by staff id, in
 * code-point order: each row holds every list's entry of one staff id, null where a list has none
 * (in a list with the id twice, the later entry).
 */
export function byStaffId<L extends readonly (readonly { staffId: string }[])[]>(lists: readonly [...L]): { [K in keyof L]: L[K][number] | null }[] {
  type Row = { [K in keyof L]: L[K][number] | null };
  const at = new Map<string, number>();
  const ids: string[] = [];
  const rows: ({ staffId: string } | null)[][] = [];
  lists.forEach((list, j) => {
    for (const s of list) {
      let i = at.get(s.staffId);
      if (i === undefined) {
        i = ids.length;
        at.set(s.staffId, i);
        ids.push(s.staffId);
        rows.push(new Array<{ staffId: string } | null>(lists.length).fill(null));
      }
      rows[i]![j] = s;
    }
  });
  // Plain UTF-16 comparison where it is code-point order (see rank).
  const plain = ids.every(utf16IsCodePointOrder);
  const order = Array.from(ids.keys()).sort(plain ? (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0) : (a, b) => byCodePoint(ids[a]!, ids[b]!));
  // Row j holds list j's entries: the type the lists give.
  return order.map((i) => rows[i] as unknown as Row);
}

export { byCodePoint };
