/**
 * What `evaluate report` and `evaluate notices` share: which semesters the document covers (one
 * semester, or both semesters of one year), read through results.ts, and the output format (HTML
 * or PDF, from --format or the --out file's extension).
 */
import { type Command, Option } from 'commander';
import type { SemesterReport } from '../core/report.js';
import type { YearOutcome } from '../core/year.js';
import { DataError, UsageError } from '../errors.js';
import { helpWords } from '../i18n/help.js';
import { type Lang, words } from '../i18n/index.js';
import { reportWords } from '../i18n/report.js';
import { stdoutIsTerminal } from '../io/output.js';
import { type Common, type CommonFlags, parseSemesterOption, reportProblems, resolveCommon } from './common.js';
import { type Results, parseYearOption, readResults, readYear, warnUnset } from './results.js';

export interface DocumentFlags extends CommonFlags {
  year?: string;
  semester?: string;
  roster?: string;
  groupBy?: string;
  center?: string;
}

export interface DocumentData {
  /** One semester, or H1 then H2 of one year. */
  reports: SemesterReport[];
  /** Both semesters of a year: the year outcomes. */
  year: { year: number; outcomes: YearOutcome[] } | null;
  results: Results;
}

/** --year, --semester, --roster, --group-by, --center: the options both documents take. */
export function addDocumentOptions(cmd: Command, lang: Lang): Command {
  const o = helpWords(lang).document;
  return cmd
    .option(...o.year)
    .option(...o.semester)
    .option(...o.roster)
    .addOption(new Option(...o.groupBy).choices(['post']))
    .option(...o.center);
}

/**
 * A document to a terminal: a PDF cannot be shown there, and an HTML document is 85 KB of markup
 * scrolling past. Usage error (exit 2), before any work; a pipe or a redirect gets the document.
 */
export function refuseDocumentToTerminal(format: 'html' | 'pdf', common: Common): void {
  if (common.out !== null || !stdoutIsTerminal()) return;
  const e = reportWords[common.lang].error;
  throw new UsageError(format === 'pdf' ? e.pdfToTerminal : e.htmlToTerminal);
}

/** The common settings; `--out -` is standard output, as for every command. */
export function documentCommon(flags: DocumentFlags): Common {
  const common = resolveCommon(flags);
  return common.out === '-' ? { ...common, out: null } : common;
}

/**
 * Reads the sheets for a document. With --year: both semesters of that year (or the one it has).
 * Without: the one semester of the sheets (or --semester's), or both semesters of one year; other
 * mixtures ask for --semester or --year. Problems are printed once, as `score` and `year` print them.
 */
export function readDocument(sheets: string[], flags: DocumentFlags, common: Common): DocumentData {
  const e = reportWords[common.lang].error;
  if (flags.year !== undefined && flags.semester !== undefined) throw new UsageError(e.semesterAndYear);
  const groupBy = flags.groupBy === 'post' ? 'post' : null;
  const roster = flags.roster ?? null;
  if (flags.year !== undefined) return fromYear(sheets, common, roster, groupBy, parseYearOption(flags.year, common.lang));
  const semester = parseSemesterOption(flags.semester, common.lang);
  const scoreLike = () => readResults({ sheets, common, roster, groupBy, semester, semesterFillsOnly: semester !== null, keepScores: true });
  // Standard input can be read once only: one reading, as `score` does it; a year takes --year.
  if (sheets.includes('-')) {
    const results = scoreLike();
    return { reports: [oneSemester(results, semester, common, true)], year: null, results };
  }
  // A first, silent reading finds the semesters; the reading that decides is then done as `score`
  // (one semester) or `year` (both semesters of one year) does it, with their messages.
  let first: Results;
  try {
    first = readResults({ sheets, common, roster, groupBy, semester, semesterFillsOnly: semester !== null, rosterMissing: 'warning', printProblems: false, keepScores: true });
  } catch (err) {
    if (err instanceof DataError) reportProblems(err.problems, words(common.lang).problems);
    throw err;
  }
  const year = yearOf(first.reports.map((r) => r.semester));
  if (semester === null && year !== null) return fromYear(sheets, common, roster, groupBy, year);
  oneSemester(first, semester, common, false);
  const results = scoreLike();
  return { reports: [oneSemester(results, semester, common, false)], year: null, results };
}

/** The year whose H1 and H2 the semesters are, exactly; else null. */
function yearOf(held: string[]): number | null {
  return held.length === 2 && held[0]!.endsWith('-H1') && held[1] === `${held[0]!.slice(0, 4)}-H2` ? Number(held[0]!.slice(0, 4)) : null;
}

/** The one semester of the document: --semester's, or the only one read. */
function oneSemester(results: Results, semester: string | null, common: Common, fromStdin: boolean): SemesterReport {
  const e = reportWords[common.lang].error;
  const held = results.reports.map((r) => r.semester);
  if (semester !== null) {
    const r = results.reports.find((x) => x.semester === semester);
    if (!r) throw new UsageError(e.noSuchSemester(semester, held));
    return r;
  }
  if (held.length !== 1) {
    const year = yearOf(held);
    throw new UsageError(fromStdin && year !== null ? e.yearFromStdin(held, year) : e.severalSemesters(held));
  }
  return results.reports[0]!;
}

function fromYear(sheets: string[], common: Common, roster: string | null, groupBy: 'post' | null, year: number): DocumentData {
  const data = readYear({ sheets, common, roster, groupBy, keepScores: true }, year);
  const reports = [data.h1, data.h2].filter((r): r is SemesterReport => r !== null);
  if (reports.length < 2) return { reports, year: null, results: data.results };
  warnUnset(data.outcomes, common);
  return { reports, year: { year, outcomes: data.outcomes }, results: data.results };
}
