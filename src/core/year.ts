/**
 * The year rules as data: the two semesters of one calendar year together decide award candidacy
 * (with the annual bonus), non-renewal and rectification. Each rule is named and evaluated in
 * order, after the semester rules, so that a report can say which rule fired for whom.
 */
import type { Amounts, Policy } from './policy.js';
import type { ReportRows, StaffResult } from './report.js';
import { type SemesterConsequence, SEMESTER_RULES } from './rules.js';
import type { Grade } from './types.js';

export type Half = 'h1' | 'h2';
export const HALVES: readonly Half[] = ['h1', 'h2'];

export interface YearRule {
  id: string;
  /** `complete`: both semesters scored; `incomplete`: one of them is missing. */
  status: 'complete' | 'incomplete';
  /** The grade the rule counts among the scored semesters; absent: the rule needs no grade. */
  grade?: Grade;
  /** How many scored semesters must have `grade`, exactly. */
  count?: 1 | 2;
  awardCandidate?: true;
  /** The amount paid on top of the semester rewards. */
  bonus?: keyof Amounts;
  nonRenewal?: true;
  rectification?: true;
  /** The year decisions (award candidacy, non-renewal) stay open. */
  undecided?: true;
  /** What the rule says, for people (explain, help). */
  says: string;
}

export const YEAR_RULES: readonly YearRule[] = [
  {
    id: 'year-award-candidate',
    status: 'complete',
    grade: 'excellent',
    count: 2,
    awardCandidate: true,
    bonus: 'annualBonus',
    says: 'excellent in both semesters: award candidate, and the annual bonus on top of both semester rewards',
  },
  {
    id: 'year-non-renewal',
    status: 'complete',
    grade: 'unqualified',
    count: 2,
    nonRenewal: true,
    says: 'unqualified in both semesters: not renewed, and no rectification (non-renewal replaces H2\'s rectification)',
  },
  {
    id: 'year-rectification',
    status: 'complete',
    grade: 'unqualified',
    count: 1,
    rectification: true,
    says: 'unqualified in exactly one semester: rectification, with that semester\'s penalty',
  },
  {
    id: 'year-incomplete',
    status: 'incomplete',
    undecided: true,
    says: 'one semester not scored: its semester consequences stand, the year decisions are not made',
  },
  {
    id: 'year-incomplete-rectification',
    status: 'incomplete',
    grade: 'unqualified',
    count: 1,
    rectification: true,
    says: 'one semester not scored and the other unqualified: rectification, with that semester\'s penalty',
  },
];

/** A scored semester as the year's lists read it: its grade and consequence (one object for everyone whose two semesters have the same consequences). */
export interface GradedHalf {
  readonly grade: Grade;
  readonly consequence: SemesterConsequence;
}

export interface YearOutcome {
  staffId: string;
  name: string;
  post: string;
  /** Each semester's result (its total, methods and grade), null where it is not scored. */
  h1: StaffResult | null;
  h2: StaffResult | null;
  /**
   * Each semester's grade and consequence, null where it is not scored: all that the lists, their
   * words and the year rules read, without a semester's result (made at each read of h1 and h2).
   */
  graded: Readonly<Record<Half, GradedHalf | null>>;
  status: 'complete' | 'incomplete';
  /** null while the year is incomplete (undecided). */
  awardCandidate: boolean | null;
  nonRenewal: boolean | null;
  rectification: boolean;
  /** Whether the annual bonus is due (the amount may still be unset). */
  annualBonusDue: boolean;
  /** The annual bonus when due and set; null if unset or not due. */
  annualBonus: number | null;
  /** Semester rewards plus the annual bonus; null where an amount it needs is unset. */
  rewardTotal: number | null;
  /** Penalties of the unqualified semesters; null where the penalty is unset. */
  penaltyTotal: number | null;
  /** Each reward due (semester rewards, then the annual bonus), null where the policy leaves it unset. */
  rewardAmounts: readonly (number | null)[];
  /** Each penalty due, null where unset. */
  penaltyAmounts: readonly (number | null)[];
  /** Per semester, the rectification still to do after the year rules (non-renewal clears it: the year's lists). */
  rectifyBy: Record<Half, string | null>;
  /** The amounts this outcome needs that the policy leaves unset, each once, in policy order. */
  unset: (keyof Amounts)[];
  /** Ids of the semester rules (H1's, then H2's) and the year rules that fired, in order. */
  rules: string[];
  /** Ids of the year rules alone. */
  yearRules: string[];
  /**
   * What every field above from `graded` on is read from: one object shared by everyone with the
   * same two semester consequences (the year's CSV writes those cells once for all who share it).
   */
  readonly decision: YearDecision;
}

/** A year outcome less the person: what the year rules decided for two semesters' consequences. */
export type YearDecision = Omit<YearOutcome, 'staffId' | 'name' | 'post' | 'h1' | 'h2' | 'decision'>;

const AMOUNT_ORDER: readonly (keyof Amounts)[] = ['excellent', 'good', 'annualBonus', 'penalty'];

function matches(rule: YearRule, status: 'complete' | 'incomplete', grades: Grade[]): boolean {
  if (rule.status !== status) return false;
  if (rule.grade === undefined) return true;
  return grades.filter((g) => g === rule.grade).length === (rule.count ?? 1);
}

/** The amounts the semester rules pay or charge for a grade. */
function semesterAmounts(grade: Grade, kind: 'reward' | 'penalty'): (keyof Amounts)[] {
  return SEMESTER_RULES.flatMap((r) => (r.grade === grade && r[kind] ? [r[kind]] : []));
}

/** Sums amounts where each may be unset: null as soon as one is. */
function sum(amounts: (number | null)[]): number | null {
  let total = 0;
  for (const a of amounts) {
    if (a === null) return null;
    total += a;
  }
  return total;
}

/**
 * What a list of amounts comes to: the sum of those set, and how many are unset (a total of a list
 * of people counts every amount due, not only those of people whose amounts are all set). The sum
 * is null where amounts are due and none is set: not ¥0, which a committee would sign as a total.
 */
export function sumAmounts(amounts: Iterable<number | null>): { sum: number | null; unset: number } {
  let total = 0;
  let unset = 0;
  let set = 0;
  for (const a of amounts) {
    if (a === null) unset++;
    else {
      total += a;
      set++;
    }
  }
  return { sum: set === 0 && unset > 0 ? null : total, unset };
}

/**
 * Decisions by policy and the two semesters' consequences (shared objects, one per semester and
 * grade): everyone with the same two grades shares one decision, its lists frozen.
 */
const decisions = new WeakMap<Policy, Map<SemesterConsequence | null, Map<SemesterConsequence | null, YearDecision>>>();

/**
 * Applies the year rules to one staff member's two semesters (either may be missing). `who` names
 * someone with neither semester scored (a roster entry); otherwise the latest semester names them.
 */
export function yearOutcome(
  h1: StaffResult | null,
  h2: StaffResult | null,
  policy: Policy,
  who?: { staffId: string; name: string; post: string },
): YearOutcome {
  const latest = h2 ?? h1 ?? who;
  if (!latest) throw new Error('yearOutcome: neither semester nor a name');
  return new PersonYear(latest.staffId, latest.name, latest.post, h1, h2, null, -1, null, -1, decision(h1, h2, h1?.staffId, h2?.staffId, policy));
}

/**
 * yearOutcome of two semesters given as entries of their reports (entry `e1` of `h1`, `e2` of `h2`;
 * -1 where the semester is missing): the same outcome, whose semesters' results are made each
 * time they are read (ReportRows.personOf), never kept. A year of 200,000 people kept 400,000 of
 * them, and copying them from V8's young generation to its old one took 150 ms of the year's 2.3 s.
 */
export function yearOutcomeAt(
  h1: ReportRows | null,
  e1: number,
  h2: ReportRows | null,
  e2: number,
  policy: Policy,
  who?: { staffId: string; name: string; post: string },
): YearOutcome {
  const r1 = h1 !== null && e1 >= 0 ? h1 : null;
  const r2 = h2 !== null && e2 >= 0 ? h2 : null;
  const latest = r2 ?? r1;
  const at = latest === r2 ? e2 : e1;
  const d = decision(r1 && r1.entries.settled(e1), r2 && r2.entries.settled(e2), r1?.entries.staffId(e1), r2?.entries.staffId(e2), policy);
  if (latest) return new PersonYear(latest.entries.staffId(at), latest.entries.name(at), latest.entries.post(at), null, null, r1, e1, r2, e2, d);
  if (!who) throw new Error('yearOutcome: neither semester nor a name');
  return new PersonYear(who.staffId, who.name, who.post, null, null, null, -1, null, -1, d);
}

/** A semester's result as the year rules read it: its semester, grade and consequence. */
type Graded = { semester: string; grade: Grade; consequence: SemesterConsequence };

/** The decision for two semesters (either may be missing) of the staff ids given: shared by everyone with the same two consequences. */
function decision(h1: Graded | null, h2: Graded | null, id1: string | undefined, id2: string | undefined, policy: Policy): YearDecision {
  if (h1 && !h1.semester.endsWith('-H1')) throw new Error(`yearOutcome: h1 is ${h1.semester}`);
  if (h2 && !h2.semester.endsWith('-H2')) throw new Error(`yearOutcome: h2 is ${h2.semester}`);
  if (h1 && h2 && id1 !== id2) throw new Error(`yearOutcome: ${id1} and ${id2} are two people`);
  let byH1 = decisions.get(policy);
  if (!byH1) decisions.set(policy, (byH1 = new Map()));
  const c1 = h1?.consequence ?? null;
  const c2 = h2?.consequence ?? null;
  let byH2 = byH1.get(c1);
  if (!byH2) byH1.set(c1, (byH2 = new Map()));
  let d = byH2.get(c2);
  if (!d) byH2.set(c2, (d = decide(h1, h2, policy)));
  return d;
}

/**
 * One person's year: who, the two semesters (results, or entries of their reports made into results
 * when read), and the decision they share with everyone of the same two consequences (read through,
 * not copied: a year of 200,000 people keeps 200,000 small objects).
 */
class PersonYear implements YearOutcome {
  constructor(
    readonly staffId: string,
    readonly name: string,
    readonly post: string,
    private readonly own1: StaffResult | null,
    private readonly own2: StaffResult | null,
    private readonly rows1: ReportRows | null,
    private readonly e1: number,
    private readonly rows2: ReportRows | null,
    private readonly e2: number,
    private readonly d: YearDecision,
  ) {}

  get h1(): StaffResult | null {
    return this.rows1 ? this.rows1.personOf(this.e1) : this.own1;
  }
  get h2(): StaffResult | null {
    return this.rows2 ? this.rows2.personOf(this.e2) : this.own2;
  }
  get decision(): YearDecision {
    return this.d;
  }
  get graded(): Readonly<Record<Half, GradedHalf | null>> {
    return this.d.graded;
  }
  get status(): 'complete' | 'incomplete' {
    return this.d.status;
  }
  get awardCandidate(): boolean | null {
    return this.d.awardCandidate;
  }
  get nonRenewal(): boolean | null {
    return this.d.nonRenewal;
  }
  get rectification(): boolean {
    return this.d.rectification;
  }
  get annualBonusDue(): boolean {
    return this.d.annualBonusDue;
  }
  get annualBonus(): number | null {
    return this.d.annualBonus;
  }
  get rewardTotal(): number | null {
    return this.d.rewardTotal;
  }
  get rewardAmounts(): readonly (number | null)[] {
    return this.d.rewardAmounts;
  }
  get penaltyAmounts(): readonly (number | null)[] {
    return this.d.penaltyAmounts;
  }
  get penaltyTotal(): number | null {
    return this.d.penaltyTotal;
  }
  get rectifyBy(): Record<Half, string | null> {
    return this.d.rectifyBy;
  }
  get unset(): (keyof Amounts)[] {
    return this.d.unset;
  }
  get rules(): string[] {
    return this.d.rules;
  }
  get yearRules(): string[] {
    return this.d.yearRules;
  }
}

/** The year rules applied to two semesters' grades and consequences (either semester may be missing). */
function decide(h1: Graded | null, h2: Graded | null, policy: Policy): YearDecision {
  const present = [h1, h2].filter((s): s is Graded => s !== null);
  const status = present.length === 2 ? 'complete' : 'incomplete';
  const grades = present.map((s) => s.grade);
  const graded = (s: Graded | null): GradedHalf | null => s && Object.freeze({ grade: s.grade, consequence: s.consequence });
  const out: YearDecision = {
    graded: Object.freeze({ h1: graded(h1), h2: graded(h2) }),
    status,
    awardCandidate: false,
    nonRenewal: false,
    rectification: false,
    annualBonusDue: false,
    annualBonus: null,
    rewardTotal: null,
    penaltyTotal: null,
    rewardAmounts: [],
    penaltyAmounts: [],
    rectifyBy: { h1: null, h2: null },
    unset: [],
    rules: present.flatMap((s) => s.consequence.rules),
    yearRules: [],
  };
  let bonus: keyof Amounts | null = null;
  for (const rule of YEAR_RULES) {
    if (!matches(rule, status, grades)) continue;
    out.yearRules.push(rule.id);
    if (rule.undecided) {
      out.awardCandidate = null;
      out.nonRenewal = null;
    }
    if (rule.awardCandidate) out.awardCandidate = true;
    if (rule.nonRenewal) out.nonRenewal = true;
    if (rule.rectification) out.rectification = true;
    if (rule.bonus) bonus = rule.bonus;
  }
  out.rules.push(...out.yearRules);

  if (out.rectification) {
    // Only the unqualified semester is rectified; non-renewal never sets `rectification`.
    for (const half of HALVES) {
      const s = half === 'h1' ? h1 : h2;
      if (s && s.grade === 'unqualified') out.rectifyBy[half] = s.consequence.rectifyBy;
    }
  }

  const needed = new Set<keyof Amounts>();
  const rewards: (number | null)[] = [];
  const penalties: (number | null)[] = [];
  for (const s of present) {
    const c = s.consequence;
    if (c.rewardDue) {
      rewards.push(c.reward);
      if (c.reward === null) for (const k of semesterAmounts(s.grade, 'reward')) needed.add(k);
    }
    if (c.penaltyDue) {
      penalties.push(c.penalty);
      if (c.penalty === null) for (const k of semesterAmounts(s.grade, 'penalty')) needed.add(k);
    }
  }
  if (bonus) {
    out.annualBonusDue = true;
    out.annualBonus = policy.amounts[bonus];
    rewards.push(out.annualBonus);
    if (out.annualBonus === null) needed.add(bonus);
  }
  out.rewardTotal = sum(rewards);
  out.penaltyTotal = sum(penalties);
  out.rewardAmounts = Object.freeze(rewards);
  out.penaltyAmounts = Object.freeze(penalties);
  out.unset = AMOUNT_ORDER.filter((k) => needed.has(k));
  Object.freeze(out.rectifyBy);
  Object.freeze(out.unset);
  Object.freeze(out.rules);
  Object.freeze(out.yearRules);
  return out;
}

/**
 * A semester's rectification as a semester's list shows it once the year is decided: its own due
 * date, except that non-renewal replaces H2's (SPEC "Which report decides"; H1's was due in the
 * summer, before the year was decided). 'non-renewal' where it is replaced; null where none is due.
 */
export function semesterDue(s: StaffResult, half: Half, outcome: YearOutcome | undefined): string | 'non-renewal' | null {
  if (half === 'h2' && outcome?.nonRenewal === true && s.grade === 'unqualified') return 'non-renewal';
  return s.consequence.rectifyBy;
}

/** Which section a person belongs to in the year and rewards reports, most notable first. */
export type YearCategory = 'award' | 'non-renewal' | 'rectification' | 'incomplete' | 'other';
export const YEAR_CATEGORIES: readonly YearCategory[] = ['award', 'non-renewal', 'rectification', 'incomplete', 'other'];

export function yearCategory(o: YearOutcome): YearCategory {
  if (o.awardCandidate) return 'award';
  if (o.nonRenewal) return 'non-renewal';
  if (o.rectification) return 'rectification';
  if (o.status === 'incomplete') return 'incomplete';
  return 'other';
}

/** On HR's lists: a semester reward, the annual bonus, a penalty, award candidacy or non-renewal. */
export function onRewardsList(o: YearOutcome): boolean {
  return due(o, 'rewardDue') || due(o, 'penaltyDue') || o.annualBonusDue || o.awardCandidate === true || o.nonRenewal === true;
}

/** Whether a semester of the year brings a reward (rewardDue) or a penalty (penaltyDue). */
function due(o: YearOutcome, kind: 'rewardDue' | 'penaltyDue'): boolean {
  const { h1, h2 } = o.graded;
  return (h1 !== null && h1.consequence[kind]) || (h2 !== null && h2.consequence[kind]);
}

export const REWARDS_ONLY = ['rewards', 'penalties', 'award-candidates', 'non-renewal'] as const;
export type RewardsOnly = (typeof REWARDS_ONLY)[number];

/** The `--only` narrowing of HR's lists. */
export function rewardsFilter(only: RewardsOnly | null): (o: YearOutcome) => boolean {
  switch (only) {
    case null:
      return onRewardsList;
    case 'rewards':
      return (o) => o.annualBonusDue || due(o, 'rewardDue');
    case 'penalties':
      return (o) => due(o, 'penaltyDue');
    case 'award-candidates':
      return (o) => o.awardCandidate === true;
    case 'non-renewal':
      return (o) => o.nonRenewal === true;
  }
}
