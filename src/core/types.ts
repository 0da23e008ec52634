/** The domain vocabulary shared by every stage: methods, roles, grades, places and problems. */

export const METHODS = ['listen', 'see', 'check', 'test', 'ask'] as const;
export type Method = (typeof METHODS)[number];

/** The methods by their English and Chinese names (a header's score columns too, see header.ts). */
export const METHOD_ALIASES: Readonly<Record<string, Method>> = {
  listen: 'listen',
  听: 'listen',
  see: 'see',
  看: 'see',
  check: 'check',
  查: 'check',
  test: 'test',
  测: 'test',
  ask: 'ask',
  问: 'ask',
};

/** The committee as one rater, for sheets without a rater column. */
export const CONSENSUS_RATER = 'committee';

export const ROLES = ['leader', 'head-office', 'center-office', 'student'] as const;
export type Role = (typeof ROLES)[number];

export const GRADES = ['excellent', 'good', 'qualified', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];

/** Where a value came from: file as the user named it, 1-based line and cell column. */
export interface Place {
  file: string;
  line: number;
  column?: number;
}

export type Severity = 'error' | 'warning';

export interface Problem extends Place {
  severity: Severity;
  message: string;
  /** Index of the file in argument order, for sorting; roster and policy come after sheets. */
  fileOrder: number;
}

/** Collects problems from every stage so that one run reports all of them. */
export class Problems {
  readonly list: Problem[] = [];

  error(place: Place & { fileOrder: number }, message: string): void {
    this.list.push({ ...place, severity: 'error', message });
  }

  warning(place: Place & { fileOrder: number }, message: string): void {
    this.list.push({ ...place, severity: 'warning', message });
  }

  get errorCount(): number {
    return this.list.filter((p) => p.severity === 'error').length;
  }

  /** By file (argument order), line, column; a problem without column comes first on its line. */
  sorted(): Problem[] {
    return [...this.list].sort(
      (a, b) =>
        a.fileOrder - b.fileOrder ||
        a.line - b.line ||
        (a.column ?? 0) - (b.column ?? 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    );
  }
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Rows of the sheets: records under the headers (blank lines not counted), used and rejected. */
export interface RowCounts {
  read: number;
  used: number;
  rejected: number;
}
