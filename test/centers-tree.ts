/**
 * A small tree of centers and years for the history and batch tests, written into a temporary
 * folder, with everything the tests expect computed here from the plain numbers (never by the tool).
 *
 * Sheets are consensus sheets (no rater column): one score per method per person, so a total is
 * the sum of the five cells. Totals are given in hundredths, multiples of 5, and written as five
 * equal cells (8995 -> 17.99 x 5 = 89.95, which rounds half up to 90.0).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEMESTERS = ['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1'] as const;

/** staffId -> name, post, total in hundredths per semester (null: not scored). */
export interface Person {
  id: string;
  name: string;
  post: string;
  totals: (number | null)[];
}

// Center 饮食中心, its own policy with amounts.
export const DINING: Person[] = [
  // Excellent in 2024 and 2025 (89.95 rounds to 90.0): award years 2024 and 2025; falls to 80.05 (80.1).
  { id: 'A01', name: '张伟', post: '1号楼', totals: [9500, 9200, 9100, 8995, 8005] },
  // Unqualified both 2024 semesters (non-renewal 2024, run 2); then H2 2025 and H1 2026 (run 2 across the year boundary).
  { id: 'A02', name: '刘洋', post: '1号楼', totals: [5500, 5800, 7000, 5900, 5000] },
  // Joins in 2025.
  { id: 'A03', name: '陈静', post: '2号楼', totals: [null, null, 8000, 8500, 9000] },
  // Leaves after 2024.
  { id: 'A04', name: '杨帆', post: '2号楼', totals: [6500, 7000, null, null, null] },
  // Not scored in 2025-H1: the gap ends a run, so two runs of 2 (4 if the gap were passed over); non-renewal 2024 only.
  { id: 'A05', name: '黄丽娟', post: '3号楼', totals: [5900, 5900, null, 5900, 5900] },
  // Scored once: no trend.
  { id: 'A06', name: '周敏', post: '3号楼', totals: [null, null, null, null, 7500] },
  // Unqualified in 2024-H2 and 2025-H1 only: a run of 2 across the year boundary, no non-renewal year.
  { id: 'A07', name: '吴强', post: '3号楼', totals: [8500, 5500, 5000, 8500, 8500] },
];

// Center 物业中心, ROOT's policy (rectificationDays 15, no amounts): 2024 only.
export const PROPERTY: Person[] = [
  { id: 'B01', name: '徐芳', post: '食堂', totals: [9300, 8100, null, null, null] },
  { id: 'B02', name: '孙建国', post: '食堂', totals: [5000, 6100, null, null, null] },
  { id: 'B03', name: '马晓燕', post: '食堂', totals: [7000, 7200, null, null, null] },
];

export const DINING_AMOUNTS = { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 };

const cell = (hundredths: number) => {
  const v = hundredths / 5;
  return `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
};

/** One consensus sheet of a semester. */
export function sheet(people: Person[], semesterIndex: number, extraRow = ''): string {
  let text = 'staff_id,name,post,semester,listen,see,check,test,ask\n';
  for (const p of people) {
    const t = p.totals[semesterIndex];
    if (t === null || t === undefined) continue;
    const c = cell(t);
    text += `${p.id},${p.name},${p.post},${SEMESTERS[semesterIndex]},${c},${c},${c},${c},${c}\n`;
  }
  return text + extraRow;
}

/** Writes a center's sheets as CENTER/<year>/<semester>.csv (subfolders, as batch and history read them). */
export function writeCenter(root: string, center: string, people: Person[], policy: object | null): string {
  const dir = join(root, center);
  mkdirSync(dir, { recursive: true });
  if (policy) writeFileSync(join(dir, 'evaluate.config.json'), JSON.stringify(policy));
  SEMESTERS.forEach((s, i) => {
    if (people.every((p) => p.totals[i] === null)) return;
    mkdirSync(join(dir, s.slice(0, 4)), { recursive: true });
    writeFileSync(join(dir, s.slice(0, 4), `${s}.csv`), sheet(people, i));
  });
  return dir;
}

// What the tests expect, computed from the table alone.

/** The total as the tool rounds it (half up to 1 decimal), in tenths. */
export const tenths = (hundredths: number) => Math.floor((hundredths + 5) / 10);

export type G = 'excellent' | 'good' | 'qualified' | 'unqualified';
export const grade = (hundredths: number): G => {
  const t = tenths(hundredths);
  return t >= 900 ? 'excellent' : t >= 800 ? 'good' : t >= 600 ? 'qualified' : 'unqualified';
};

export function expectedHistory(p: Person) {
  const scored = p.totals.map((t, i) => ({ t, i })).filter((x): x is { t: number; i: number } => x.t !== null);
  const counts = { excellent: 0, good: 0, qualified: 0, unqualified: 0 };
  for (const { t } of scored) counts[grade(t)]++;
  const years = (g: G) =>
    [2024, 2025].filter((y) => {
      const h1 = p.totals[SEMESTERS.indexOf(`${y}-H1` as (typeof SEMESTERS)[number])];
      const h2 = p.totals[SEMESTERS.indexOf(`${y}-H2` as (typeof SEMESTERS)[number])];
      return h1 != null && h2 != null && grade(h1) === g && grade(h2) === g;
    });
  // The semesters are consecutive in the calendar here, so a run is unqualified cells side by side.
  let best = 0;
  let run = 0;
  for (const t of p.totals) {
    run = t !== null && grade(t) === 'unqualified' ? run + 1 : 0;
    best = Math.max(best, run);
  }
  const trend = scored.length >= 2 ? (tenths(scored[scored.length - 1]!.t) - tenths(scored[0]!.t)) / 10 : null;
  return {
    staffId: p.id,
    name: p.name,
    post: p.post,
    results: Object.fromEntries(SEMESTERS.map((s, i) => [s, p.totals[i] == null ? null : { total: tenths(p.totals[i]!) / 10, grade: grade(p.totals[i]!) }])),
    counts,
    awardYears: years('excellent'),
    nonRenewalYears: years('unqualified'),
    longestUnqualifiedRun: best,
    trend,
  };
}

/** The summary row of a center and semester, from the table and the amounts (null: unset). */
export function expectedSummary(center: string, people: Person[], i: number, amounts: typeof DINING_AMOUNTS | null) {
  const s = SEMESTERS[i]!;
  const here = people.filter((p) => p.totals[i] !== null);
  const g = { excellent: 0, good: 0, qualified: 0, unqualified: 0 };
  for (const p of here) g[grade(p.totals[i]!)]++;
  const isH2 = s.endsWith('H2');
  const year = isH2 ? people.map((p) => expectedHistory(p)) : [];
  const y = Number(s.slice(0, 4));
  const award = year.filter((h) => h.awardYears.includes(y)).length;
  const nonRenewal = year.filter((h) => h.nonRenewalYears.includes(y)).length;
  const rewardDue = g.excellent + g.good + award > 0;
  return {
    center,
    semester: s,
    staff: here.length,
    ...g,
    rewards: amounts ? g.excellent * amounts.excellent + g.good * amounts.good + award * amounts.annualBonus : rewardDue ? null : 0,
    penalties: amounts ? g.unqualified * amounts.penalty : g.unqualified > 0 ? null : 0,
    award_candidates: isH2 ? award : null,
    non_renewals: isH2 ? nonRenewal : null,
    status: 'ok',
  };
}
