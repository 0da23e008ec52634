/**
 * The committee the rules ask for (考评小组: one leader, one head office, one center office, two
 * student representatives), and how a panel differs from it: a warning, not an error (SPEC "The
 * rules"). One rule for `check`'s summary, the reports' signature section and the warning of every
 * command that reads sheets; the words come from i18n.
 */
import { type Role, ROLES } from './types.js';

export const COMMITTEE: Readonly<Record<Role, number>> = Object.freeze({ leader: 1, 'head-office': 1, 'center-office': 1, student: 2 });

/** A role (or `none`: raters without one, of whom the rules ask none) whose count of raters is not the rules'. */
export interface CommitteeDifference {
  role: Role | 'none';
  expected: number;
  found: number;
}

/** How a panel with `found(role)` raters of each role and `none` without a role differs from the rules, in the committee's order. */
export function committeeDifferences(found: (role: Role) => number, none: number): CommitteeDifference[] {
  const out: CommitteeDifference[] = [];
  for (const role of ROLES) if (found(role) !== COMMITTEE[role]) out.push({ role, expected: COMMITTEE[role], found: found(role) });
  if (none > 0) out.push({ role: 'none', expected: 0, found: none });
  return out;
}

/**
 * Whether a panel's differences from the rules are a warning: not when rows were refused whose
 * semester could not be read (`unplaced`: a semester cell merged over the sheet) and every
 * difference is a role with fewer raters than the rules ask, since those rows' raters may be the
 * missing ones. More raters than the rules ask is a warning all the same.
 */
export function differencesWarn(differences: readonly CommitteeDifference[], unplaced: boolean): boolean {
  return differences.length > 0 && !(unplaced && differences.every((d) => d.found < d.expected));
}
