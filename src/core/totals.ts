/**
 * From the tally to each person's result: each method's aggregate (aggregation.ts), the exact total,
 * rounded once (rounding.ts) and graded, with the semester rules. Means of scores on the methods'
 * own scale make the exact total one fraction of plain numbers, the usual case, computed without a
 * Rational per person; everything else goes through exact rationals.
 */
import { type MethodStats, meanDivisor, meanFraction, methodValue, trimFrom } from './aggregation.js';
import type { Policy } from './policy.js';
import { Rational } from './rational.js';
import { type MethodFractions, PersonResult, type Ranks, type ScoredEntries, type StaffResult, byId, byTotalThenId, methodsScaledOf } from './report.js';
import { type Settled, roundScaledFraction, settle, settleScaled } from './rounding.js';
import { type UintArray, NAME, POST, STAFF, type Tally, type TextLookup, cellMethodsOf, cellRoleOf, roleOf, uintArray } from './tally.js';
import { effectiveRole } from './whole-picture.js';
import type { RosterEntry } from './whole-picture.js';
import { METHODS, type Role } from './types.js';

/**
 * The order scoring makes each semester's results in, which is the order they lie in memory: the
 * ranking's (a semester's report reads them so), or the staff ids' (a year joins the two semesters
 * by staff id and writes everyone in that order: reading each person's results where the one before
 * lay took a year's join and CSV 100 ms less than reading them in rank order; ranking() then sorts).
 */
export type ResultsOrder = 'rank' | 'staff-id';

export interface SemesterScores {
  semester: string;
  /** Where the totals were plain numbers: highest total first (or by staff id, as asked); then the rest. */
  entries: ScoredColumns;
  /** Raters with a row in this semester. */
  raters: number;
}

/**
 * Every person's result, per semester (in the order the semesters were first seen). `roster` gives
 * names and posts the sheets leave blank.
 */
export function scoreSemesters(tally: Tally, policy: Policy, texts: TextLookup, roster: Map<number, RosterEntry> | null, order: ResultsOrder = 'rank'): SemesterScores[] {
  const plain = (policy.aggregation === 'mean' || policy.aggregation === 'trimmed') && METHODS.every((m) => policy.methods[m].scale === policy.methods[m].max);
  const kept = policy.aggregation === 'median' || policy.aggregation === 'weighted';
  const precision = policy.precision;
  const trim = trimFrom(policy);
  const out: SemesterScores[] = [];
  const people = tally.peopleBySemester();
  const stats: MethodStats[] = METHODS.map(() => ({ count: 0, sum: 0, min: 0, max: 0 }));
  const lists: { micro: number; role: Role | null }[][] = METHODS.map(() => []);
  tally.semesters.forEach((semester, s) => {
    const list = people[s]!;
    const seen = new Uint8Array(Math.max(tally.raterRole.length, tally.stride));
    const n = list.length;
    // Each person's count of scores per method, in list order (then kept in rank order, below): at
    // most one a rater, so a byte each while there are fewer than 256 raters (a year of 400,000
    // people keeps 2 MB of counts, not 8).
    const counts = new (uintArray(tally.raterRole.length))(n * 5);
    const fractions = new Float64Array(10);
    const totals = new Int32Array(n);
    // People whose total is a plain fraction (most): their places in `list`, the first `fastCount` of `fast`.
    const fast = new Int32Array(n);
    let fastCount = 0;
    // Their five numerators (micro-points; a trimmed mean's less the highest and lowest score), in
    // list order, while the tally's sums are at hand: a report reads them in rank order from a
    // compact copy (below), not from the tally, where each person's sums lie far apart. 32 bits a
    // number while they fit (five raters' sums of 20-point scores are 10^8), else 64.
    let numerators: Int32Array | Float64Array = new Int32Array(n * 5);
    let wide = false;
    const raterCounts = new Int32Array(n);
    const others: PersonResult[] = [];
    const stride = tally.stride;
    const cellStates = tally.cellState;
    for (let j = 0; j < n; j++) {
      const person = list[j]!;
      const c = j * 5;
      if (kept) for (const l of lists) l.length = 0;
      let raters = 0;
      // Dense cells straight from the arrays; sparse ones through their chain.
      const base = person * stride;
      for (let r = 0; r < stride; r++) {
        const state = cellStates[base + r]!;
        if (state === 0) continue;
        const role = cellRoleOf(state);
        raters++;
        seen[r] = 1;
        const mask = cellMethodsOf(state);
        for (let k = 0; k < 5; k++) {
          if (!(mask & (1 << k))) continue;
          counts[c + k]!++;
          if (kept) lists[k]!.push({ micro: tally.scoreOf(base + r, false, k), role: roleOf(effectiveRole(tally, r, role - 1)) });
        }
      }
      if (tally.sparseFirst[person]! > 0) {
        tally.cellsOf(person, (rater, cellRole, mask, cell, sparse) => {
          if (!sparse) return;
          raters++;
          if (rater < seen.length) seen[rater] = 1;
          for (let k = 0; k < 5; k++) {
            if (!(mask & (1 << k))) continue;
            counts[c + k]!++;
            if (kept) lists[k]!.push({ micro: tally.scoreOf(cell, sparse, k), role: roleOf(effectiveRole(tally, rater, cellRole)) });
          }
        });
      }
      raterCounts[j] = raters;
      // The usual case: every method a fraction of numbers over one same divisor.
      let q: number | null = null;
      if (plain) {
        let num = 0;
        let den = 0;
        let same = true;
        for (let k = 0; k < 5; k++) {
          meanFraction(counts[c + k]!, tally.sumOf(person, k), tally.minOf(person, k), tally.maxOf(person, k), trim, fractions, 2 * k);
          const a = fractions[2 * k]!;
          const b = fractions[2 * k + 1]!;
          if (a === 0) continue;
          if (den !== 0 && b !== den) same = false;
          num += a;
          den = b;
        }
        if (same && Number.isSafeInteger(num)) q = den === 0 ? 0 : roundScaledFraction(num, den, precision);
      }
      if (q !== null && q < 2 ** 30) {
        fast[fastCount++] = j;
        totals[j] = q;
        for (let k = 0; k < 5; k++) {
          const a = fractions[2 * k]!;
          if (!wide && (a | 0) !== a) {
            numerators = Float64Array.from(numerators);
            wide = true;
          }
          numerators[c + k] = a;
        }
        continue;
      }
      for (let k = 0; k < 5; k++) {
        const st = stats[k]!;
        st.count = counts[c + k]!;
        st.sum = tally.sumOf(person, k);
        st.min = tally.minOf(person, k);
        st.max = tally.maxOf(person, k);
      }
      const values = METHODS.map((m, k) => methodValue(m, stats[k]!, kept ? lists[k]! : null, policy));
      let exact = Rational.ZERO;
      for (const v of values) exact = exact.add(v);
      const staffId = texts.text(STAFF, tally.staffOf[person]!);
      others.push(new PersonResult(staffId, shownName(tally, texts, person, roster), shownPost(tally, texts, person, roster), raters, settle(semester, exact, policy), values));
    }
    // The people are made in ranking order (highest total first, equal totals by staff id), so that
    // ranking() finds them in order and every report walks memory in order: their counts and numbers
    // are kept in that order too (a report of 200,000 people in list order would miss the cache
    // three times a person). A year asks for them by staff id instead (ResultsOrder).
    // Arrays filled by index, not grown by push (pushing 200,000 entries costs several times as much).
    const ids = new Array<string>(n).fill('');
    for (let j = 0; j < n; j++) ids[j] = texts.text(STAFF, tally.staffOf[list[j]!]!);
    const made = order === 'rank' ? byTotalThenId(fast.subarray(0, fastCount), totals, ids) : byId(fast.subarray(0, fastCount), ids);
    // Each plain person's place in that order (-1: not plain), then everything put at its place
    // walking the people in list order: what is read (the counts, the numerators, the tally's names
    // where the people lie) is read in the order it lies in memory, and only the writes land all over
    // (a write does not wait for its cache line to arrive; a read does). Read in ranking order, as
    // they were, scoring 200,000 people took 226 ms on one thread, against 172.
    const placeOf = new Int32Array(n).fill(-1);
    for (let i = 0; i < made.length; i++) placeOf[made[i]!] = i;
    const countsInOrder = new (uintArray(tally.raterRole.length))(made.length * 5);
    const numeratorsInOrder = wide ? new Float64Array(made.length * 5) : new Int32Array(made.length * 5);
    // Columns, not an object a person: 200,000 objects and their copying by the young generation's
    // collections took half of scoring's and ranking's time; a report written row by row reads these.
    const count = made.length + others.length;
    const staffIds = new Array<string>(count).fill('');
    const names = new Array<string>(count).fill('');
    const posts = new Array<string>(count).fill('');
    const raterCountsInOrder = new Int32Array(count);
    const settledOf = new Array<Settled>(count);
    const settled = new Map<number, Settled>();
    for (let j = 0; j < n; j++) {
      const i = placeOf[j]!;
      if (i < 0) continue;
      for (let k = 0; k < 5; k++) {
        countsInOrder[i * 5 + k] = counts[j * 5 + k]!;
        numeratorsInOrder[i * 5 + k] = numerators[j * 5 + k]!;
      }
      const q = totals[j]!;
      let done = settled.get(q);
      if (!done) settled.set(q, (done = settleScaled(semester, q, policy)));
      const person = list[j]!;
      staffIds[i] = ids[j]!;
      names[i] = shownName(tally, texts, person, roster);
      posts[i] = shownPost(tally, texts, person, roster);
      raterCountsInOrder[i] = raterCounts[j]!;
      settledOf[i] = done;
    }
    const means = new PlainMeans(numeratorsInOrder, countsInOrder, trim);
    for (let i = 0; i < others.length; i++) {
      const o = others[i]!;
      const at = made.length + i;
      staffIds[at] = o.staffId;
      names[at] = o.name;
      posts[at] = o.post;
      raterCountsInOrder[at] = o.raters;
      // A person's result is its own settled total.
      settledOf[at] = o;
    }
    const entries = new ScoredColumns(staffIds, names, posts, raterCountsInOrder, settledOf, means, others);
    let raters = 0;
    for (const x of seen) raters += x;
    out.push({ semester, entries, raters });
  });
  return out;
}

/**
 * A semester's scored people as columns, in the order scoring made them: the plain ones first (their
 * method values read from `means` at their entry), then `others`, whose values are their own rationals.
 */
export class ScoredColumns implements ScoredEntries {
  /** Entries from `plain` on are `others`. */
  private readonly plain: number;

  constructor(
    private readonly ids: readonly string[],
    private readonly names: readonly string[],
    private readonly posts: readonly string[],
    private readonly raterCounts: Int32Array,
    private readonly settledOf: readonly Settled[],
    private readonly means: MethodFractions,
    private readonly others: readonly PersonResult[],
  ) {
    this.plain = ids.length - others.length;
  }

  get length(): number {
    return this.ids.length;
  }

  staffId(e: number): string {
    return this.ids[e]!;
  }

  name(e: number): string {
    return this.names[e]!;
  }

  post(e: number): string {
    return this.posts[e]!;
  }

  raters(e: number): number {
    return this.raterCounts[e]!;
  }

  settled(e: number): Settled {
    return this.settledOf[e]!;
  }

  methodsScaled(e: number, places: number, out: number[]): number[] {
    return e < this.plain ? methodsScaledOf(this.means, e, places, out) : this.others[e - this.plain]!.methodsScaled(places, out);
  }

  person(e: number, ranks: Ranks): StaffResult {
    const s = e >= this.plain ? this.others[e - this.plain]! : new PersonResult(this.ids[e]!, this.names[e]!, this.posts[e]!, this.raterCounts[e]!, this.settledOf[e]!, this.means, e);
    return s.rankedBy(ranks, e);
  }
}

/**
 * A semester's mean method values, entry by entry in the order scoring made them: each person's five
 * numerators and counts of scores (the divisor follows from the count: aggregation.ts `meanDivisor`).
 */
class PlainMeans implements MethodFractions {
  constructor(
    private readonly numerators: Int32Array | Float64Array,
    private readonly counts: UintArray,
    private readonly trim: number,
  ) {}

  fraction(at: number, k: number, out: Float64Array): void {
    out[0] = this.numerators[at * 5 + k]!;
    out[1] = meanDivisor(this.counts[at * 5 + k]!, this.trim);
  }
}

/** A person's name as reported: the sheets', else the roster's (looked up only then), else empty. */
function shownName(tally: Tally, texts: TextLookup, person: number, roster: Map<number, RosterEntry> | null): string {
  const n = tally.nameOf[person]!;
  return n >= 0 ? texts.text(NAME, n) : (roster?.get(person)?.name ?? '');
}

/** A person's post as reported, as shownName. */
function shownPost(tally: Tally, texts: TextLookup, person: number, roster: Map<number, RosterEntry> | null): string {
  const p = tally.postOf[person]!;
  return p >= 0 ? texts.text(POST, p) : (roster?.get(person)?.post ?? '');
}
