/**
 * The figures the report's summary and the notices show beside the results: the center's mean of
 * each method and of the total, each post's mean, the highest and lowest total, and the counts of
 * totals in 5-point bins. Exact arithmetic (means of the values `score` shows), read at 2 decimals.
 */
import type { Policy } from '../../core/policy.js';
import { Rational } from '../../core/rational.js';
import type { SemesterReport } from '../../core/report.js';
import { byPost } from '../../core/report.js';
import { type Method, METHODS } from '../../core/types.js';

export interface SemesterStats {
  semester: string;
  staff: number;
  /** The mean, over the staff, of each method's value (the aggregate `score` shows). */
  methodMeans: Record<Method, Rational>;
  /** The mean of the rounded totals. */
  totalMean: Rational;
  highest: Rational | null;
  lowest: Rational | null;
  /** Each post's mean of the rounded totals, posts in code-point order. */
  posts: { post: string; staff: number; mean: Rational }[];
}

function mean(values: Rational[]): Rational {
  if (values.length === 0) return Rational.ZERO;
  let sum = Rational.ZERO;
  for (const v of values) sum = sum.add(v);
  return sum.div(Rational.of(values.length));
}

export function semesterStats(r: SemesterReport): SemesterStats {
  const methodMeans = {} as Record<Method, Rational>;
  METHODS.forEach((m, k) => (methodMeans[m] = mean(r.staff.map((s) => s.methodValue(k)))));
  const totals = r.staff.map((s) => s.total);
  const perPost = new Map<string, Rational[]>();
  for (const s of r.staff) {
    const list = perPost.get(s.post) ?? [];
    list.push(s.total);
    perPost.set(s.post, list);
  }
  const sorted = [...totals].sort((a, b) => a.cmp(b));
  return {
    semester: r.semester,
    staff: r.staff.length,
    methodMeans,
    totalMean: mean(totals),
    highest: sorted[sorted.length - 1] ?? null,
    lowest: sorted[0] ?? null,
    posts: [...perPost.keys()].sort(byPost).map((post) => ({ post, staff: perPost.get(post)!.length, mean: mean(perPost.get(post)!) })),
  };
}

export const BIN = 5;

/**
 * The bins of the distribution chart: 5 points wide, from the lower of (the lowest total, 10 below
 * the qualified band) rounded down to a multiple of 5, up to 100; the last bin holds 100 itself.
 */
export function binEdges(reports: SemesterReport[], policy: Policy): number[] {
  let low = policy.bands.qualified - 10;
  for (const r of reports) for (const s of r.staff) low = Math.min(low, s.total.toNumber(6));
  low = Math.max(0, Math.floor(low / BIN) * BIN);
  const edges: number[] = [];
  for (let e = low; e < 100; e += BIN) edges.push(e);
  return edges;
}

/** How many rounded totals fall in each bin [edge, edge + 5) (the last bin also takes 100). */
export function binCounts(r: SemesterReport, edges: number[]): number[] {
  const counts = edges.map(() => 0);
  for (const s of r.staff) {
    const t = s.total.toNumber(6);
    let i = edges.findIndex((e) => t >= e && t < e + BIN);
    if (i < 0) i = t < edges[0]! ? 0 : edges.length - 1;
    counts[i]!++;
  }
  return counts;
}
