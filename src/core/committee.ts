/**
 * What the sheets hold, for `evaluate check`: counts of staff, raters and scores, and the committee
 * of each semester against the rules (one leader, one head office, one center office, two students).
 */
import { CONSENSUS_RATER } from './row-checks.js';
import { NO_ROLE, RATER, type Tally, type TextLookup } from './tally.js';
import { type Method, type Role, METHODS, ROLES } from './types.js';
import { effectiveRole } from './whole-picture.js';

/** Made when first needed: loading the Chinese collation costs about 8 ms, which a run that lists no names should not pay. */
let names: Intl.Collator | null = null;

/** Characters that count in a name (学生甲, 乙, 丙 …; 评委一, 二, 三 …), in their order. */
const COUNTERS = ['甲乙丙丁戊己庚辛壬癸', '一二三四五六七八九十'];

/** A name as it sorts: a last counting character becomes its number (学生丙 as 学生2), which sorts before the Han characters. */
function sortKey(name: string): string {
  if (name.length < 2) return name;
  const last = name.slice(-1);
  for (const counters of COUNTERS) {
    const i = counters.indexOf(last);
    if (i >= 0) return `${name.slice(0, -1)}${i}`;
  }
  return name;
}

/**
 * Names as a Chinese office lists them: by pinyin, digits as numbers, and a last counting character
 * in its order (学生甲, 学生乙, 学生丙, not by the pinyin of 丙).
 */
export function byName(a: string, b: string): number {
  names ??= new Intl.Collator('zh-Hans-CN', { numeric: true });
  return names.compare(sortKey(a), sortKey(b)) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The committee (考评小组) the rules ask for: a different panel is a warning, not an error. */
export const COMMITTEE: Readonly<Record<Role, number>> = Object.freeze({ leader: 1, 'head-office': 1, 'center-office': 1, student: 2 });

export interface Composition {
  /** Raters by role, each role's by name (byName); `none` for raters without a role. */
  members: Record<Role | 'none', string[]>;
  /** Roles whose count differs from the rules (raters without a role listed as `none`, expected 0). */
  differences: { role: Role | 'none'; expected: number; found: number }[];
  /** The sheets are a consensus sheet (one rater, the committee): no composition to check. */
  consensus: boolean;
  ok: boolean;
}

export interface SemesterSummary {
  semester: string;
  staff: number;
  raters: number;
  scores: Record<Method, number>;
  committee: Composition;
  /** Raters who scored only some of the semester's staff. */
  partial: { rater: string; scored: number }[];
}

export interface SheetsSummary {
  staff: number;
  raters: number;
  scores: Record<Method, number>;
  semesters: SemesterSummary[];
}

const zeroScores = () => Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>;

/** A semester's raters in order of first appearance, with their role (as the scores count it) and how many staff they scored. */
function ratersOf(tally: Tally, people: ArrayLike<number> & Iterable<number>): { rater: number; role: number; scored: number }[] {
  const found = new Map<number, { rater: number; role: number; scored: number }>();
  for (const person of people) {
    tally.cellsOf(person, (rater, cellRole) => {
      const seen = found.get(rater);
      if (seen) seen.scored++;
      else found.set(rater, { rater, role: effectiveRole(tally, rater, cellRole), scored: 1 });
    });
  }
  return [...found.values()];
}

export function composition(tally: Tally, texts: TextLookup, people: ArrayLike<number> & Iterable<number>): Composition {
  const members: Record<Role | 'none', string[]> = { leader: [], 'head-office': [], 'center-office': [], student: [], none: [] };
  const raters = ratersOf(tally, people);
  for (const r of raters) members[r.role === NO_ROLE ? 'none' : ROLES[r.role]!].push(texts.text(RATER, r.rater));
  // The committee's order (leader, head office, center office, students), then by name.
  for (const list of Object.values(members)) list.sort(byName);
  const consensus = raters.length === 1 && members.none.length === 1 && members.none[0] === CONSENSUS_RATER;
  const differences: Composition['differences'] = [];
  if (!consensus) {
    for (const role of ROLES) {
      if (members[role].length !== COMMITTEE[role]) differences.push({ role, expected: COMMITTEE[role], found: members[role].length });
    }
    if (members.none.length > 0) differences.push({ role: 'none', expected: 0, found: members.none.length });
  }
  return { members, differences, consensus, ok: differences.length === 0 };
}

export function summarize(tally: Tally, texts: TextLookup): SheetsSummary {
  const staffIds = new Set<number>();
  const raters = new Set<number>();
  const scores = zeroScores();
  const semesters: SemesterSummary[] = [];
  const people = tally.peopleBySemester();
  const order = tally.semesters.map((s, i) => [s, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [semester, s] of order) {
    const list = people[s]!;
    const semScores = zeroScores();
    for (const person of list) {
      staffIds.add(tally.staffOf[person]!);
      tally.cellsOf(person, (rater, _role, mask) => {
        raters.add(rater);
        METHODS.forEach((m, k) => {
          if (mask & (1 << k)) {
            semScores[m]++;
            scores[m]++;
          }
        });
      });
    }
    const semRaters = ratersOf(tally, list);
    semesters.push({
      semester,
      staff: list.length,
      raters: semRaters.length,
      scores: semScores,
      committee: composition(tally, texts, list),
      partial: semRaters.filter((r) => r.scored < list.length).map((r) => ({ rater: texts.text(RATER, r.rater), scored: r.scored })),
    });
  }
  return { staff: staffIds.size, raters: raters.size, scores, semesters };
}
