/**
 * One center of `evaluate batch`, start to end: its policy, its sheets (subfolders included), its
 * reports written into DIR/<center>/ (or its problems.txt), and its rows of the summary. Runs on a
 * worker thread of batch (or on the main thread); everything it needs comes in the task, everything
 * batch needs goes back in the outcome, so that the result does not depend on where it ran.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { completeYears, semesterId } from '../core/history.js';
import { DEFAULT_POLICY, type Policy } from '../core/policy.js';
import { type SemesterReport, type StaffResult, byCodePoint, byStaffId } from '../core/report.js';
import type { Problem } from '../core/types.js';
import { type YearOutcome, rewardsFilter, yearOutcome } from '../core/year.js';
import { DataError, UsageError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { fileProblem } from '../i18n/files.js';
import { type HistoryWords, wordsOfHistory } from '../i18n/history.js';
import type { Encoding } from '../io/encoding.js';
import { type OutData, writeAtomic } from '../io/output.js';
import { CONFIG_NAME, loadPolicy } from '../io/policy-file.js';
import { printable } from '../render/format.js';
import { rewardsCsv } from '../render/rewards.js';
import { scoreCsv } from '../render/score.js';
import { yearCsv } from '../render/year.js';
import { type Common, formatProblem } from './common.js';
import { type Results, readResults, semestersIn, unsetWarnings } from './results.js';
import { VERSION } from '../version.js';
import { csvTree, unreadableText } from './tree.js';

export interface CenterTask {
  root: string;
  center: string;
  outDir: string;
  /** Real paths of folders not to read (DIR, when it is inside ROOT). */
  skip: string[];
  lang: Lang;
  encoding: Encoding | null;
  delimiter: string;
  bom: boolean;
  /** Write each semester's `report-<semester>.html` (not with --no-reports). */
  reports: boolean;
}

/** One row of summary.csv / summary.json: the keys are SPEC's column names. */
export interface SummaryRow {
  center: string;
  semester: string | null;
  staff: number | null;
  excellent: number | null;
  good: number | null;
  qualified: number | null;
  unqualified: number | null;
  rewards: number | null;
  penalties: number | null;
  award_candidates: number | null;
  non_renewals: number | null;
  status: 'ok' | 'failed';
}

export const SUMMARY_COLUMNS = [
  'center', 'semester', 'staff', 'excellent', 'good', 'qualified', 'unqualified', 'rewards', 'penalties', 'award_candidates', 'non_renewals', 'status',
] as const satisfies readonly (keyof SummaryRow)[];

export interface CenterOutcome {
  center: string;
  status: 'ok' | 'failed';
  rows: SummaryRow[];
  semesters: number;
  years: number;
  staff: number;
  /** The files written into DIR/<center>/, in the order written. */
  files: string[];
  /** Errors of a failed center (problems.txt holds them, and its warnings). */
  errors: number;
  /** Warnings of a center done, as problem lines, for standard error. */
  warnings: string[];
  /** A bug met on the way (not the data's fault): batch ends with an internal error. */
  internal?: string;
}

/** What a center's policy is: its own evaluate.config.json, else ROOT's, else the built-in rules. */
export function centerPolicy(root: string, center: string, lang: Lang = 'en'): { policy: Policy; file: string | null } {
  const file = [join(root, center, CONFIG_NAME), join(root, CONFIG_NAME)].find((f) => existsSync(f));
  // loadPolicy looks for evaluate.config.json in the folder it is given: the center's has none here.
  return file ? loadPolicy(file, { lang }) : loadPolicy(undefined, { cwd: join(root, center), lang });
}

/** Sums amounts where one may be unset: null as soon as one is (the total cannot be known). */
function total(amounts: (number | null)[]): number | null {
  let sum = 0;
  for (const a of amounts) {
    if (a === null) return null;
    sum += a;
  }
  return sum;
}

/** The year rules applied to everyone of a year with both semesters, ordered by staff id (as `evaluate year`). */
export function yearOutcomes(h1: SemesterReport, h2: SemesterReport, policy: Policy): YearOutcome[] {
  return byStaffId([h1.staff, h2.staff], (row) => yearOutcome(row[0], row[1], policy));
}

/**
 * A semester's summary row: its staff and grades, its rewards and penalties (CNY); on H2 of a year
 * with both semesters also the annual bonuses, the award candidates and the non-renewals.
 */
export function summaryRow(center: string, r: SemesterReport, year: YearOutcome[] | null): SummaryRow {
  const due = (kind: 'reward' | 'penalty') =>
    r.staff.filter((s) => (kind === 'reward' ? s.consequence.rewardDue : s.consequence.penaltyDue)).map((s: StaffResult) => s.consequence[kind]);
  const bonuses = year ? year.filter((o) => o.annualBonusDue).map((o) => o.annualBonus) : [];
  return {
    center,
    semester: r.semester,
    staff: r.staff.length,
    excellent: r.gradeCounts.excellent,
    good: r.gradeCounts.good,
    qualified: r.gradeCounts.qualified,
    unqualified: r.gradeCounts.unqualified,
    rewards: total([...due('reward'), ...bonuses]),
    penalties: total(due('penalty')),
    award_candidates: year ? year.filter((o) => o.awardCandidate === true).length : null,
    non_renewals: year ? year.filter((o) => o.nonRenewal === true).length : null,
    status: 'ok',
  };
}

function failedRow(center: string, semester: string | null): SummaryRow {
  return {
    center, semester, staff: null, excellent: null, good: null, qualified: null, unqualified: null,
    rewards: null, penalties: null, award_candidates: null, non_renewals: null, status: 'failed',
  };
}

/** A file of a center's folder: its name and its bytes. */
interface OutFile {
  name: string;
  /** Made as it is written (the CSVs are generators): written once. */
  data: OutData;
}

/**
 * The outputs of a semester beyond its score CSV: `report-<semester>.html`, the committee's report
 * of that semester as `evaluate report` makes it (SPEC "Centers"), unless --no-reports.
 */
export async function semesterExtras(r: SemesterReport, ctx: { task: CenterTask; common: Common; results: Results }): Promise<OutFile[]> {
  if (!ctx.task.reports) return [];
  const [{ reportHtml }, { loadECharts }] = await Promise.all([import('../render/report/report.js'), import('../render/report/charts.js')]);
  const { common, results } = ctx;
  const html = reportHtml(
    {
      lang: common.lang,
      policy: common.policy,
      policyFile: common.policyFile,
      center: ctx.task.center,
      reports: [r],
      year: null,
      panels: [results.panel(r.semester)],
      committees: [results.committee(r.semester)],
      inputs: results.inputs(),
      warnings: results.warnings,
      version: VERSION,
    },
    await loadECharts(),
  );
  return [{ name: `report-${r.semester}.html`, data: html }];
}

/**
 * What a name in DIR says of it as a folder a center is written in (writeCenterFolder's
 * `.batch.<pid>.<tag>.tmp`, or `.old` for the earlier run's folder being removed): the process that
 * writes it, and whether it is the one being written; null for any other name.
 */
export function stageOf(name: string): { pid: number; writing: boolean } | null {
  const m = /^\.batch\.(\d+)\..*\.(tmp|old)$/.exec(name);
  return m ? { pid: Number(m[1]), writing: m[2] === 'tmp' } : null;
}

/**
 * Writes the center's files into a fresh folder beside DIR/<center>, then puts it in place whole:
 * an earlier run's folder (allowed by --force) is moved aside and removed, so that no report of it
 * is left beside a problems.txt.
 */
function writeCenterFolder(task: CenterTask, files: OutFile[]): void {
  const final = join(task.outDir, task.center);
  const tag = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  // Hidden and short (a center's name may already be near the file system's limit of 255 bytes).
  const stage = join(task.outDir, `.batch.${tag}.tmp`);
  const old = join(task.outDir, `.batch.${tag}.old`);
  let file = final;
  try {
    mkdirSync(stage);
    for (const f of files) {
      file = join(final, f.name);
      writeAtomic(join(stage, f.name), f.data);
    }
    file = final;
    const replacing = existsSync(final);
    if (replacing) renameSync(final, old);
    renameSync(stage, final);
    if (replacing) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    // Named as the file it was to be (DIR/<center>/year-2025.csv), not the hidden folder it was written in.
    if (e instanceof UsageError && e.cause === undefined) throw e;
    const cause = e instanceof UsageError ? e.cause : e;
    throw new UsageError(wordsOfHistory(task.lang).centerCannot(printable(file), fileProblem(cause, task.lang)));
  }
}

/** A problem line of problems.txt, with the file it belongs to for sorting. */
interface Line {
  file: string;
  text: string;
}

function failed(task: CenterTask, lines: Line[], semesters: string[], errors: number): CenterOutcome {
  // By file (path order, the order the sheets were read in), each file's own lines in their order.
  const sorted = [...lines].sort((a, b) => byCodePoint(a.file, b.file));
  writeCenterFolder(task, [{ name: 'problems.txt', data: `${sorted.map((l) => l.text).join('\n')}\n` }]);
  const rows = semesters.length ? semesters.map((s) => failedRow(task.center, s)) : [failedRow(task.center, null)];
  return { center: task.center, status: 'failed', rows, semesters: semesters.length, years: 0, staff: 0, files: ['problems.txt'], errors, warnings: [] };
}

const problemLine = (p: Problem): Line => ({ file: p.file, text: formatProblem(p, false) });

/** The settings a center's sheets are read with: its policy, batch's reading options. */
function commonOf(task: CenterTask, policy: Policy, policyFile: string | null): Common {
  return { policy, policyFile, lang: task.lang, format: 'csv', out: null, force: false, color: false, encoding: task.encoding, delimiter: task.delimiter };
}

/** The semesters the sheets hold, problems or not (none when they cannot be read at all). */
function semestersOf(files: string[], common: Common): string[] {
  if (files.length === 0) return [];
  try {
    return semestersIn({ sheets: files, common });
  } catch {
    return [];
  }
}

/** Reads, scores and writes one center; a problem of its data fails it alone (never throws for one). */
export async function runCenter(task: CenterTask): Promise<CenterOutcome> {
  const w: HistoryWords = wordsOfHistory(task.lang);
  const dir = join(task.root, task.center);
  let policy: { policy: Policy; file: string | null };
  try {
    policy = centerPolicy(task.root, task.center, task.lang);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const place = [join(dir, CONFIG_NAME), join(task.root, CONFIG_NAME)].find((f) => existsSync(f)) ?? dir;
    const text = e.message.includes(': error: ') ? e.message : `${printable(place)}: error: ${w.policyProblem(e.message)}`;
    // The semesters of its rows still name the summary rows; the built-in rules read them.
    const tree = csvTree(dir, new Set(task.skip));
    return failed(task, [{ file: place, text }], semestersOf(tree.files, commonOf(task, DEFAULT_POLICY, null)), text.split('\n').length);
  }
  const common = commonOf(task, policy.policy, policy.file);
  const tree = csvTree(dir, new Set(task.skip));
  const lines: Line[] = tree.unreadable.map((u) => ({ file: u.file, text: `${printable(u.file)}: error: ${unreadableText(u.reason, w)}` }));
  if (tree.files.length === 0 && lines.length === 0) return failed(task, [{ file: dir, text: `${printable(dir)}: error: ${w.noSheets}` }], [], 1);

  let errors = lines.length;
  let reports: SemesterReport[] = [];
  let warnings: Problem[] = [];
  let results: Results | null = null;
  let dataFailed = false;
  if (tree.files.length > 0) {
    try {
      results = readResults({ sheets: tree.files, common, printProblems: false, keepScores: task.reports, yearWarnings: true });
      reports = results.reports;
      warnings = results.warnings;
    } catch (e) {
      if (e instanceof DataError) {
        dataFailed = true;
        for (const p of e.problems) lines.push(problemLine(p));
        errors += e.problems.filter((p) => p.severity === 'error').length;
      } else if (e instanceof UsageError) {
        // A sheet gone or unreadable between the look and the read: the center's problem too.
        dataFailed = true;
        lines.push({ file: dir, text: `${printable(dir)}: error: ${printable(e.message)}` });
        errors++;
      } else throw e;
    }
  }
  if (errors > 0) {
    const semesters = dataFailed ? semestersOf(tree.files, common) : reports.map((r) => r.semester);
    return failed(task, [...lines, ...warnings.map(problemLine)], semesters, errors);
  }
  return writeReports(task, common, results!, warnings);
}

/** The center's reports, written; its summary rows. */
async function writeReports(task: CenterTask, common: Common, results: Results, warnings: Problem[]): Promise<CenterOutcome> {
  const reports = results.reports;
  const bySemester = new Map(reports.map((r) => [r.semester, r]));
  const years = completeYears(reports.map((r) => r.semester));
  const outcomes = new Map<number, YearOutcome[]>();
  for (const y of years) outcomes.set(y, yearOutcomes(bySemester.get(semesterId(y, 'H1'))!, bySemester.get(semesterId(y, 'H2'))!, common.policy));
  const base = { precision: common.policy.precision, lang: common.lang, color: false };
  const files: OutFile[] = [];
  for (const r of reports) {
    files.push({ name: `score-${r.semester}.csv`, data: scoreCsv({ ...base, reports: [r], warnings: [], counts: { read: 0, used: 0, rejected: 0 } }, task.bom, true) });
    for (const extra of await semesterExtras(r, { task, common, results })) files.push(extra);
  }
  for (const y of years) {
    const o = outcomes.get(y)!;
    files.push({ name: `year-${y}.csv`, data: yearCsv({ ...base, year: y, outcomes: o }, task.bom, true) });
    files.push({ name: `rewards-${y}.csv`, data: rewardsCsv({ ...base, year: y, only: null, outcomes: o.filter(rewardsFilter(null)) }, task.bom, true) });
  }
  // writeAtomic writes each CSV piece before it asks for the next: the pieces are reused.
  writeCenterFolder(task, files);
  const rows = reports.map((r) => summaryRow(task.center, r, r.semester.endsWith('-H2') ? (outcomes.get(Number(r.semester.slice(0, 4))) ?? null) : null));
  return {
    center: task.center,
    status: 'ok',
    rows,
    semesters: reports.length,
    years: years.length,
    staff: new Set(reports.flatMap((r) => r.staff.map((s) => s.staffId))).size,
    files: files.map((f) => f.name),
    errors: 0,
    // An amount the years' lists need and the policy leaves unset, as `year` and `rewards` say it: at
    // the center's policy file, or at its folder where the built-in policy (which sets none) is used,
    // naming the file to set it in.
    warnings: [
      ...warnings.map((p) => formatProblem(p, false)),
      ...unsetWarnings(
        years.map((y) => outcomes.get(y)!),
        common,
        common.policyFile ?? join(task.root, task.center, CONFIG_NAME),
      ).map((text) => `${printable(common.policyFile ?? join(task.root, task.center))}: warning: ${printable(text)}`),
    ],
  };
}
