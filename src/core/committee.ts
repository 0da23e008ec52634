/**
 * What the sheets hold, for `evaluate check`: counts of staff, raters and scores, and the committee
 * of each semester against the rules (one leader, one head office, one center office, two students).
 */
import type { StaffSemester } from './merge.js';
import { CONSENSUS_RATER } from './sheet.js';
import { type Method, type Role, METHODS, ROLES } from './types.js';

/** The committee (考评小组) the rules ask for: a different panel is a warning, not an error. */
export const COMMITTEE: Readonly<Record<Role, number>> = Object.freeze({ leader: 1, 'head-office': 1, 'center-office': 1, student: 2 });

export interface Composition {
  /** Raters by role, in order of first appearance; `none` for raters without a role. */
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

export function composition(staff: StaffSemester[]): Composition {
  const members: Record<Role | 'none', string[]> = { leader: [], 'head-office': [], 'center-office': [], student: [], none: [] };
  const seen = new Set<string>();
  for (const s of staff) {
    for (const r of s.raters.values()) {
      if (seen.has(r.rater)) continue;
      seen.add(r.rater);
      members[r.role ?? 'none'].push(r.rater);
    }
  }
  const consensus = seen.size === 1 && seen.has(CONSENSUS_RATER) && members.none.length === 1;
  const differences: Composition['differences'] = [];
  if (!consensus) {
    for (const role of ROLES) {
      if (members[role].length !== COMMITTEE[role]) differences.push({ role, expected: COMMITTEE[role], found: members[role].length });
    }
    if (members.none.length > 0) differences.push({ role: 'none', expected: 0, found: members.none.length });
  }
  return { members, differences, consensus, ok: differences.length === 0 };
}

export function summarize(bySemester: Map<string, StaffSemester[]>): SheetsSummary {
  const staffIds = new Set<string>();
  const raters = new Set<string>();
  const scores = zeroScores();
  const semesters: SemesterSummary[] = [];
  for (const semester of [...bySemester.keys()].sort()) {
    const list = bySemester.get(semester)!;
    const semRaters = new Map<string, number>();
    const semScores = zeroScores();
    for (const s of list) {
      staffIds.add(s.staffId);
      for (const r of s.raters.values()) {
        raters.add(r.rater);
        semRaters.set(r.rater, (semRaters.get(r.rater) ?? 0) + 1);
        for (const m of METHODS) {
          if (r.scores[m]) {
            semScores[m]++;
            scores[m]++;
          }
        }
      }
    }
    semesters.push({
      semester,
      staff: list.length,
      raters: semRaters.size,
      scores: semScores,
      committee: composition(list),
      partial: [...semRaters].filter(([, n]) => n < list.length).map(([rater, scored]) => ({ rater, scored })),
    });
  }
  return { staff: staffIds.size, raters: raters.size, scores, semesters };
}
