/**
 * What the reporting commands (score, year, rewards, report, notices, history, batch) get from the
 * sheets, in one call: every semester scored and ranked, the committee, the panel statistics, the
 * input files with their hashes, the warnings. Problems are printed here (standard error) and an
 * error stops the run (DataError, exit 1) before anything is rendered.
 *
 * This is the seam between the commands and the reading pipeline: commands call these functions
 * and never the reader itself.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { composition } from '../core/committee.js';
import { type PanelReport, panelReport } from '../core/panel.js';
import type { Amounts, Policy } from '../core/policy.js';
import { type SemesterReport, type StaffResult, byCodePoint, semesterReport } from '../core/report.js';
import type { RowCounts } from '../core/sheet.js';
import type { Problem, Role } from '../core/types.js';
import { ROLES } from '../core/types.js';
import { type YearOutcome, yearOutcome } from '../core/year.js';
import { DataError, UsageError } from '../errors.js';
import { words } from '../i18n/index.js';
import { type Source, expandSources, loadSheets } from '../io/load.js';
import { printable } from '../render/format.js';
import { type Common, precheckOut, reportProblems } from './common.js';

/** Prints the problems (unless told not to); throws DataError when any is an error. */
function settleProblems(sorted: Problem[], req: Pick<ReadRequest, 'common' | 'printProblems'>): void {
  if (req.printProblems === false) {
    if (sorted.some((p) => p.severity === 'error')) throw new DataError(sorted);
    return;
  }
  reportProblems(sorted, words(req.common.lang).problems);
}

/** One file read, as a seal or an appendix lists it. */
export interface InputFile {
  /** As the user named it (a folder expanded to its files); `<stdin>` for standard input. */
  file: string;
  kind: 'sheet' | 'roster';
  sha256: string;
  bytes: number;
  /** Data rows, the header excluded. */
  rows: number;
}

/** A committee member found in the sheets of a semester. */
export interface Member {
  rater: string;
  role: Role | null;
}

export interface ReadRequest {
  /** The sheet arguments as given: files, `-`, folders. */
  sheets: string[];
  common: Common;
  /** --semester: the semester of rows without one (and, unless `semesterFillsOnly`, a check on the others). */
  semester?: string | null;
  /** --semester only fills blank cells; rows of other semesters are kept. */
  semesterFillsOnly?: boolean;
  roster?: string | null;
  /** Someone on the roster without scores in a semester: an error (default) or a warning. */
  rosterMissing?: 'error' | 'warning';
  groupBy?: 'post' | null;
  /**
   * Print the problems on standard error (the default). False: print nothing; on errors the
   * DataError thrown carries every problem, sorted (batch writes them to a center's problems.txt).
   */
  printProblems?: boolean;
}

export interface Results {
  /** Every semester read, in order, ranked (within each post with groupBy post). */
  reports: SemesterReport[];
  warnings: Problem[];
  counts: RowCounts;
  sources: Source[];
  /** The sheets (then the roster) with their SHA-256, bytes and rows. */
  inputs(): InputFile[];
  /** The raters of a semester in the committee's order (leader, head office, center office, students, then without role), then by name. */
  committee(semester: string): Member[];
  /** The rater-consistency statistics of a semester (`evaluate panel`). */
  panel(semester: string): PanelReport;
  /** Semesters of the sheets that were left out (`readYear`: other years), in order. */
  otherSemesters: string[];
  /** The roster entries, when --roster was given. */
  roster: { staffId: string; name: string; post: string }[] | null;
}

const ROLE_ORDER = new Map<Role | null, number>([...ROLES.map((r, i) => [r, i] as const), [null, ROLES.length]]);

/** Reads, checks and scores the sheets. Prints the problems; throws DataError when there are errors. */
export function readResults(req: ReadRequest): Results {
  const { common } = req;
  const sources = expandSources(req.sheets);
  precheckOut(common, [...sources.map((s) => s.path), req.roster ?? null]);
  const loaded = loadSheets(req.sheets, {
    policy: common.policy,
    semester: req.semester ?? null,
    semesterFillsOnly: req.semesterFillsOnly === true,
    encoding: common.encoding,
    delimiter: common.delimiter,
    roster: req.roster ?? null,
    rosterMissing: req.rosterMissing ?? 'error',
  });
  const sorted = loaded.problems.sorted();
  settleProblems(sorted, req);
  const semesters = [...loaded.bySemester.keys()].sort();
  const reports = semesters.map((s) => semesterReport(s, loaded.bySemester.get(s)!, common.policy, req.groupBy ?? null));
  const rows = new Map<string, number>();
  return {
    reports,
    warnings: sorted.filter((p) => p.severity === 'warning'),
    counts: loaded.counts,
    sources,
    otherSemesters: [],
    roster: loaded.roster ? loaded.roster.map((e) => ({ staffId: e.staffId, name: e.name, post: e.post })) : null,
    inputs() {
      const out: InputFile[] = sources.map((s) => inputFile(s.name, s.path, 'sheet', rows.get(s.name) ?? countRows(s.path)));
      if (req.roster) out.push(inputFile(req.roster, req.roster, 'roster', loaded.roster?.length ?? 0));
      return out;
    },
    committee(semester) {
      const c = composition(loaded.bySemester.get(semester) ?? []);
      const members: Member[] = [];
      for (const role of [...ROLES, 'none'] as const) for (const rater of c.members[role]) members.push({ rater, role: role === 'none' ? null : role });
      return members.sort((a, b) => ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! || byCodePoint(a.rater, b.rater));
    },
    panel(semester) {
      return panelReport(semester, loaded.bySemester.get(semester) ?? [], common.policy);
    },
  };
}

// Interim: hashes and row counts by reading the file again. The pipeline will give them from its one reading.
function inputFile(name: string, path: string | null, kind: 'sheet' | 'roster', rows: number): InputFile {
  const bytes = path === null ? Buffer.alloc(0) : readFileSync(path);
  return { file: name, kind, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, rows };
}

function countRows(path: string | null): number {
  if (path === null) return 0;
  const text = readFileSync(path, 'utf8');
  return Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

export interface YearResults {
  year: number;
  /** Everyone scored in the year (and everyone on the roster), ordered by staff id. */
  outcomes: YearOutcome[];
  h1: SemesterReport | null;
  h2: SemesterReport | null;
  results: Results;
}

/** A warning that has no place in a sheet (the policy, a whole semester): printed as is. */
function note(message: string): void {
  process.stderr.write(`${printable(message)}\n`);
}

/**
 * Both semesters of one year, scored, with the year rules applied to everyone. Rows of other years
 * are left out with a warning; someone scored in one semester only is incomplete (a warning).
 */
export function readYear(req: Omit<ReadRequest, 'rosterMissing' | 'semester' | 'semesterFillsOnly'>, year: number): YearResults {
  const prefix = `${year}-`;
  const { common } = req;
  const sources = expandSources(req.sheets);
  precheckOut(common, [...sources.map((s) => s.path), req.roster ?? null]);
  const loaded = loadSheets(req.sheets, {
    policy: common.policy,
    semester: null,
    encoding: common.encoding,
    delimiter: common.delimiter,
    roster: req.roster ?? null,
    rosterMissing: 'warning',
    keepSemester: (s) => s.startsWith(prefix),
  });
  const problems = loaded.problems;
  const otherSemesters = new Set<string>();
  for (const ig of loaded.ignored ?? []) {
    otherSemesters.add(ig.semester);
    problems.warning(
      { file: ig.file, fileOrder: ig.fileOrder, line: ig.line },
      `${ig.semester} is not in --year ${year}: ${ig.rows} row${ig.rows === 1 ? '' : 's'} of ${ig.semester} in this sheet ${ig.rows === 1 ? 'is' : 'are'} ignored`,
    );
  }
  const semesters = { h1: `${year}-H1`, h2: `${year}-H2` };
  const h1Staff = loaded.bySemester.get(semesters.h1) ?? [];
  const h2Staff = loaded.bySemester.get(semesters.h2) ?? [];
  const roster = loaded.roster ?? null;
  if (!roster && h1Staff.length > 0 && h2Staff.length > 0) {
    const inH1 = new Set(h1Staff.map((s) => s.staffId));
    const inH2 = new Set(h2Staff.map((s) => s.staffId));
    for (const [list, other, missing] of [
      [h1Staff, inH2, semesters.h2],
      [h2Staff, inH1, semesters.h1],
    ] as const) {
      for (const s of list) {
        if (!other.has(s.staffId)) {
          problems.warning(s.at, `${s.staffId}${s.name ? ` ${s.name}` : ''} has no scores in ${missing}: the year is incomplete, not decided`);
        }
      }
    }
  }
  const h1ById = new Map(h1Staff.map((s) => [s.staffId, s]));
  for (const s of h2Staff) {
    const p = h1ById.get(s.staffId);
    if (p && p.name && s.name && p.name !== s.name) {
      problems.warning(s.at, `${s.staffId} is "${s.name}" in ${semesters.h2} but "${p.name}" in ${semesters.h1} (${p.at.file}:${p.at.line})`);
    }
  }
  const sorted = problems.sorted();
  settleProblems(sorted, req);
  if (h1Staff.length === 0 && h2Staff.length === 0) {
    const found = [...otherSemesters].sort();
    throw new UsageError(`the sheets have no scores of ${year}${found.length ? ` (they hold ${found.join(', ')})` : ''}`);
  }
  for (const [half, list] of [
    ['h1', h1Staff],
    ['h2', h2Staff],
  ] as const) {
    if (list.length === 0) {
      note(`evaluate: warning: no sheet has scores of ${semesters[half]}: the year is incomplete for everyone, nothing is decided`);
    }
  }
  const policy: Policy = common.policy;
  const h1Report = h1Staff.length ? semesterReport(semesters.h1, h1Staff, policy, req.groupBy ?? null) : null;
  const h2Report = h2Staff.length ? semesterReport(semesters.h2, h2Staff, policy, req.groupBy ?? null) : null;
  const byId = (r: SemesterReport | null): Map<string, StaffResult> => new Map(r ? r.staff.map((s) => [s.staffId, s]) : []);
  const h1 = byId(h1Report);
  const h2 = byId(h2Report);
  const ids = new Set([...h1.keys(), ...h2.keys(), ...(roster ?? []).map((e) => e.staffId)]);
  const rosterById = new Map((roster ?? []).map((e) => [e.staffId, e]));
  const outcomes = [...ids].sort(byCodePoint).map((id) => yearOutcome(h1.get(id) ?? null, h2.get(id) ?? null, policy, rosterById.get(id)));
  const reports = [h1Report, h2Report].filter((r): r is SemesterReport => r !== null);
  const rows = new Map<string, number>();
  const results: Results = {
    reports,
    warnings: sorted.filter((p) => p.severity === 'warning'),
    counts: loaded.counts,
    sources,
    otherSemesters: [...otherSemesters].sort(),
    roster: roster ? roster.map((e) => ({ staffId: e.staffId, name: e.name, post: e.post })) : null,
    inputs() {
      const out: InputFile[] = sources.map((s) => inputFile(s.name, s.path, 'sheet', rows.get(s.name) ?? countRows(s.path)));
      if (req.roster) out.push(inputFile(req.roster, req.roster, 'roster', roster?.length ?? 0));
      return out;
    },
    committee(semester) {
      const c = composition(loaded.bySemester.get(semester) ?? []);
      const members: Member[] = [];
      for (const role of [...ROLES, 'none'] as const) for (const rater of c.members[role]) members.push({ rater, role: role === 'none' ? null : role });
      return members.sort((a, b) => ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! || byCodePoint(a.rater, b.rater));
    },
    panel(semester) {
      return panelReport(semester, loaded.bySemester.get(semester) ?? [], policy);
    },
  };
  return { year, outcomes, h1: h1Report, h2: h2Report, results };
}

export function parseYearOption(value: string | undefined): number {
  const v = (value ?? '').trim();
  if (!/^\d{4}$/.test(v) || Number(v) < 1900) {
    throw new UsageError(`--year "${value ?? ''}" is not a year; write it with four digits, as in --year 2026`);
  }
  return Number(v);
}

const AMOUNT_WORDS: Record<keyof Amounts, string> = {
  excellent: 'the excellent reward',
  good: 'the good reward',
  annualBonus: 'the annual bonus',
  penalty: 'the penalty',
};

/** One warning per amount the report needs and the policy leaves unset, naming who is affected. */
export function warnUnset(outcomes: YearOutcome[], common: Common): void {
  const byAmount = new Map<keyof Amounts, YearOutcome[]>();
  for (const o of outcomes) {
    for (const k of o.unset) byAmount.set(k, [...(byAmount.get(k) ?? []), o]);
  }
  const order: (keyof Amounts)[] = ['excellent', 'good', 'annualBonus', 'penalty'];
  for (const k of order) {
    const who = byAmount.get(k);
    if (!who) continue;
    const names = who.slice(0, 5).map((o) => `${o.staffId}${o.name ? ` ${o.name}` : ''}`);
    const more = who.length > 5 ? ` and ${who.length - 5} more` : '';
    const where = common.policyFile ? `set it in ${common.policyFile}` : 'the built-in policy sets no amounts: set it in evaluate.config.json or a --policy file';
    note(`${common.policyFile ?? 'evaluate'}: warning: amounts.${k} is not set: ${AMOUNT_WORDS[k]} of ${names.join(', ')}${more} is left empty; ${where}`);
  }
}

/**
 * The semesters the sheets hold, read even when they have problems, none of which is reported
 * here: batch names them on the summary rows of a center that failed.
 */
export function semestersIn(req: Pick<ReadRequest, 'sheets' | 'common'>): string[] {
  const { common } = req;
  const loaded = loadSheets(req.sheets, { policy: common.policy, semester: null, encoding: common.encoding, delimiter: common.delimiter, roster: null });
  return [...loaded.bySemester.keys()].sort();
}
