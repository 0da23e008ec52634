/**
 * What the reporting commands (score, year, rewards, check, explain, panel, report, notices, history,
 * batch) get from the sheets, in one call to the one reading pipeline (io/read-sheets.ts): every
 * semester scored and ranked, the committee, the panel statistics, the input files with their
 * hashes, the warnings. Problems are printed here (standard error) and an error stops the run
 * (DataError, exit 1) before anything is rendered.
 *
 * This is the seam between the commands and the reader: commands call these functions and never
 * the reader itself.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type SheetsSummary, byName, summarize, warnComposition, warnZerosDropped } from '../core/committee.js';
import { type PanelReport, panelReport, tallySource } from '../core/panel.js';
import type { Amounts, Policy } from '../core/policy.js';
import { type SemesterReport, byStaffIdAt, entriesById, idListOf, rankReport } from '../core/report.js';
import { NAME, RATER, STAFF, roleOf } from '../core/tally.js';
import { type ResultsOrder, scoreSemesters } from '../core/totals.js';
import type { Problem, Role } from '../core/types.js';
import { ROLES } from '../core/types.js';
import { effectiveRole, leadingZeros } from '../core/whole-picture.js';
import { type YearOutcome, yearOutcomeAt } from '../core/year.js';
import { DataError, UsageError } from '../errors.js';
import { type Reading, readSheets } from '../io/read-sheets.js';
import { collectGarbage } from '../io/collect-garbage.js';
import type { RowCounts } from '../io/sheet-parser.js';
import { type Source, expandSources } from '../io/sources.js';
import { commandWords } from '../i18n/commands.js';
import type { Lang } from '../i18n/index.js';
import { printable } from '../render/format.js';
import { type Common, debugPhase, precheckOut, reportLog } from './common.js';

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
  /** Keep every score (for `panel()` and `scoresOf()`). */
  keepScores?: boolean;
  /**
   * Print the problems on standard error (the default). False: print nothing; on errors the
   * DataError thrown carries every problem, sorted (batch writes them to a center's problems.txt).
   */
  printProblems?: boolean;
  /** Also the warnings of each year whose two semesters the sheets hold (`batch`, which writes the years). */
  yearWarnings?: boolean;
}

/** One rater's scores of one person (micro-points; null where none), for `explain`. */
export interface RaterScores {
  rater: string;
  role: Role | null;
  micro: (number | null)[];
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
  /** The rater-consistency statistics of a semester (`evaluate panel`; needs keepScores). */
  panel(semester: string): PanelReport;
  /** Each rater's scores of one person in a semester, in the order the raters first scored them (needs keepScores). */
  scoresOf(semester: string, staffId: string): RaterScores[] | null;
  /** What the sheets hold (`evaluate check`). */
  summary(): SheetsSummary;
  /** Semesters of the sheets that were left out (`readYear`: other years), in order. */
  otherSemesters: string[];
  /** The roster entries, when --roster was given. */
  roster: { staffId: string; name: string; post: string }[] | null;
}

const ROLE_ORDER = new Map<Role | null, number>([...ROLES.map((r, i) => [r, i] as const), [null, ROLES.length]]);

/** The reading pipeline with a command's options. */
function read(req: ReadRequest, year: number | null): Reading {
  const { common } = req;
  const sources = expandSources(req.sheets, common.lang, req.roster ?? null);
  // Standard input as `-`: the file it reads, if one, is an input too.
  precheckOut(common, [...sources.map((s) => s.path ?? '-'), req.roster ?? null]);
  return readSheets(sources, {
    lang: common.lang,
    verbose: common.verbose === true,
    policy: common.policy,
    semester: req.semester ?? null,
    semesterFillsOnly: req.semesterFillsOnly === true,
    encoding: common.encoding,
    delimiter: common.delimiter,
    roster: req.roster ?? null,
    rosterMissing: req.rosterMissing ?? 'error',
    keepYear: year,
    keepScores: req.keepScores === true,
  });
}

/** The results of a reading whose problems are settled. */
function resultsOf(reading: Reading, req: ReadRequest, warnings: Problem[], keep: (semester: string) => boolean = () => true, order: ResultsOrder = 'rank'): Results {
  const { common } = req;
  const policy = common.policy;
  const { tally, texts } = reading;
  // Every problem is worded (reportLog): the places of cells and people are no longer needed.
  tally.forgetPlaces();
  // A reading in two threads leaves the reader thread's tally behind as well: both go before
  // scoring makes its columns (io/collect-garbage.ts).
  if (reading.readInTwoThreads && collectGarbage()) debugPhase('collected');
  const scored = scoreSemesters(tally, policy, texts, reading.rosterOf, order).filter((s) => keep(s.semester));
  debugPhase('scored');
  scored.sort((a, b) => (a.semester < b.semester ? -1 : a.semester > b.semester ? 1 : 0));
  const reports = scored.map((s) => rankReport(s.semester, s.entries, s.raters, req.groupBy ?? null));
  debugPhase('ranked');
  const people = tally.peopleBySemester();
  const peopleOf = (semester: string) => people[tally.semesters.indexOf(semester)] ?? [];
  return {
    reports,
    warnings,
    counts: reading.counts,
    sources: reading.sources,
    otherSemesters: [],
    roster: reading.roster ? reading.roster.map((e) => ({ staffId: e.staffId, name: e.name, post: e.post })) : null,
    inputs() {
      return reading.inputs.map((i) => ({ file: i.file, kind: i.kind, sha256: i.sha256 ?? sha256Of(i.path), bytes: i.bytes, rows: i.rows }));
    },
    committee(semester) {
      const found = new Map<number, Member>();
      for (const person of peopleOf(semester)) {
        tally.cellsOf(person, (rater, cellRole) => {
          if (!found.has(rater)) found.set(rater, { rater: texts.text(RATER, rater), role: roleOf(effectiveRole(tally, rater, cellRole)) });
        });
      }
      return [...found.values()].sort((a, b) => ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! || byName(a.rater, b.rater));
    },
    panel(semester) {
      if (!tally.keepsScores) throw new Error('panel() needs a reading that keeps the scores');
      return panelReport(semester, tallySource(tally, texts, peopleOf(semester)), policy);
    },
    scoresOf(semester, staffId) {
      if (!tally.keepsScores) throw new Error('scoresOf() needs a reading that keeps the scores');
      const s = tally.semesters.indexOf(semester);
      const staff = texts.tables[STAFF]!.internText(staffId.trim());
      const person = s < 0 ? -1 : tally.personFor(s, staff);
      if (person < 0) return null;
      const out: RaterScores[] = [];
      tally.cellsOf(person, (rater, cellRole, mask, cell, sparse) => {
        out.push({
          rater: texts.text(RATER, rater),
          role: roleOf(effectiveRole(tally, rater, cellRole)),
          micro: [0, 1, 2, 3, 4].map((k) => (mask & (1 << k) ? tally.scoreOf(cell, sparse, k) : null)),
        });
      });
      return out;
    },
    summary() {
      return summarize(tally, texts, reading.refused);
    },
  };
}

/** Reads, checks and scores the sheets. Prints the problems; throws DataError when there are errors. */
export function readResults(req: ReadRequest): Results {
  const reading = read(req, null);
  warnComposition(reading.tally, reading.texts, reading.log, reading.refused);
  if (req.yearWarnings) {
    const held = new Set(reading.tally.semesters);
    for (const s of held) if (s.endsWith('-H1') && held.has(`${s.slice(0, 4)}-H2`)) warnYear(reading, Number(s.slice(0, 4)));
  }
  debugPhase('tallied and checked');
  const warnings = reportLog(reading, req.common.lang, req.printProblems !== false);
  return resultsOf(reading, req, warnings.filter((p) => p.severity === 'warning'));
}

/**
 * Reads and checks the sheets for `evaluate check`: every problem (sorted, printed unless told not
 * to) and the results, even when there are errors.
 */
export function readForCheck(req: ReadRequest): { problems: Problem[]; summary: SheetsSummary; counts: RowCounts; sources: Source[] } {
  const reading = read(req, null);
  // The committee is said in check's summary; ids that lost their zeros are a sheet's problem.
  warnZerosDropped(reading.tally, reading.texts, reading.log);
  let problems: Problem[];
  try {
    problems = reportLog(reading, req.common.lang, false);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    problems = e.problems;
  }
  return { problems, summary: summarize(reading.tally, reading.texts, reading.refused), counts: reading.counts, sources: reading.sources };
}

/** The SHA-256 of a file, read again (a reading split between two threads does not hash). */
function sha256Of(path: string | null): string {
  // Standard input is hashed as it is read (read-sheets): it cannot be read again here.
  if (path === null) throw new Error('standard input was not hashed as it was read');
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
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
 * Without a year (null), the year is the one the sheets hold; sheets of several years are a usage
 * error that names them.
 */
export function readYear(req: Omit<ReadRequest, 'rosterMissing' | 'semester' | 'semesterFillsOnly'>, wanted: number | null): YearResults {
  const { common } = req;
  const reading = read({ ...req, rosterMissing: 'warning' }, wanted);
  const { tally, log } = reading;
  warnComposition(tally, reading.texts, log, reading.refused);
  // No semester at all: the sheets' own problems (a header and no rows, a wrong delimiter) say why,
  // exit 1, before "no scores" would.
  if (wanted === null && tally.semesters.length === 0 && log.errors > 0) reportLog(reading, common.lang, req.printProblems !== false);
  const year = wanted ?? yearOfSheets(tally.semesters, common.lang);
  const otherSemesters = new Set<string>();
  for (const ig of reading.ignored) {
    otherSemesters.add(ig.semester);
    log.warning(ig.file, ig.line, undefined, 'other-year', ig.semester, year, ig.rows);
  }
  const semesters = { h1: `${year}-H1`, h2: `${year}-H2` };
  const { h1People, h2People } = warnYear(reading, year);
  debugPhase('tallied and checked');
  const warnings = reportLog(reading, common.lang, req.printProblems !== false).filter((p) => p.severity === 'warning');
  if (h1People.length === 0 && h2People.length === 0) {
    const found = [...otherSemesters].sort();
    throw new UsageError(commandWords(common.lang).noScoresOfYear(year, found));
  }
  for (const [half, people] of [
    ['h1', h1People],
    ['h2', h2People],
  ] as const) {
    if (people.length === 0) {
      note(`evaluate: warning: ${commandWords(common.lang).halfMissing(semesters[half])}`);
    }
  }
  const policy: Policy = common.policy;
  // The results made by staff id, the order the year is joined and written in.
  const results = resultsOf(reading, req, warnings, (s) => s === semesters.h1 || s === semesters.h2, 'staff-id');
  results.otherSemesters = [...otherSemesters].sort();
  const h1Report = results.reports.find((r) => r.semester === semesters.h1) ?? null;
  const h2Report = results.reports.find((r) => r.semester === semesters.h2) ?? null;
  // Everyone by staff id: their two semesters and their roster entry.
  // (By entry: each semester's results are made when read, not kept, see yearOutcomeAt.)
  const roster = reading.roster ?? [];
  const rows1 = h1Report?.rows ?? null;
  const rows2 = h2Report?.rows ?? null;
  const outcomes = byStaffIdAt([h1Report ? entriesById(h1Report) : idListOf([]), h2Report ? entriesById(h2Report) : idListOf([]), idListOf(roster)], (at) =>
    yearOutcomeAt(rows1, at[0]!, rows2, at[1]!, policy, at[2]! >= 0 ? roster[at[2]!] : undefined),
  );
  return { year, outcomes, h1: h1Report, h2: h2Report, results };
}

/**
 * The warnings of a year read with both semesters (SPEC "year"): someone scored in one semester only
 * (unless the roster said it already), and the same person by two names in the two semesters.
 * `readYear` gives them, and `batch` for each complete year of a center. Returns each semester's people.
 */
function warnYear(reading: Reading, year: number): { h1People: ArrayLike<number>; h2People: ArrayLike<number> } {
  const { tally, texts, log } = reading;
  const semesters = { h1: `${year}-H1`, h2: `${year}-H2` };
  const people = tally.peopleBySemester();
  const list = (s: string) => people[tally.semesters.indexOf(s)] ?? [];
  const h1People = list(semesters.h1);
  const h2People = list(semesters.h2);
  const fileOf = (person: number) => tally.files.get(tally.atFile[person]!)!;
  const nameText = (person: number) => (tally.nameOf[person]! >= 0 ? texts.text(NAME, tally.nameOf[person]!) : '');
  // Someone scored in one semester only: said where they are scored, unless the roster said it already
  // or rows of theirs in the other semester were refused (an error says so already; they are not missing).
  // Staff numbers of the people of each semester (the staff texts' numbers are shared by the semesters).
  // Loops by index: this function runs once, and a for-of over 400,000 people, before V8 optimizes
  // it, took five times as long (40 ms of a year's 3 s for the largest number alone).
  const staffOf = tally.staffOf;
  let staffCount = 0;
  for (const list of [h1People, h2People]) {
    for (let i = 0; i < list.length; i++) {
      const n = staffOf[list[i]!]! + 1;
      if (n > staffCount) staffCount = n;
    }
  }
  if (!reading.roster && h1People.length > 0 && h2People.length > 0) {
    const inH1 = new Uint8Array(staffCount);
    const inH2 = new Uint8Array(staffCount);
    for (let i = 0; i < h1People.length; i++) inH1[staffOf[h1People[i]!]!] = 1;
    for (let i = 0; i < h2People.length; i++) inH2[staffOf[h2People[i]!]!] = 1;
    // The other semester's person whose id differs only in leading zeros (001 there, 1 here: a
    // spreadsheet dropped the zeros); the lookup of a semester's ids made only when someone is missing.
    const lookups = new Map<ArrayLike<number>, (id: string) => number | undefined>();
    const alike = (id: string, people: ArrayLike<number>): string => {
      let find = lookups.get(people);
      if (!find) lookups.set(people, (find = leadingZeros(Array.from(people, (q) => [texts.text(STAFF, staffOf[q]!), q] as const))));
      const q = find(id);
      return q === undefined ? '' : tally.who(q);
    };
    for (const [mine, other, missing, theirs] of [
      [h1People, inH2, semesters.h2, h2People],
      [h2People, inH1, semesters.h1, h1People],
    ] as const) {
      for (let i = 0; i < mine.length; i++) {
        const p = mine[i]!;
        if (other[staffOf[p]!] !== 1 && !reading.refused.has(missing, staffOf[p]!)) {
          const id = texts.text(STAFF, staffOf[p]!);
          const name = nameText(p);
          log.warning(fileOf(p), tally.atLine[p]!, undefined, 'one-semester-only', `${id}${name ? ` ${name}` : ''}`, missing, alike(id, theirs));
        }
      }
    }
  }
  // The same person by two names in the two semesters is worth a look (a post may change).
  // (Names are compared by number: one number, one name however it is spelt.)
  const h1ByStaff = new Int32Array(staffCount).fill(-1);
  const nameOf = tally.nameOf;
  for (let i = 0; i < h1People.length; i++) h1ByStaff[staffOf[h1People[i]!]!] = h1People[i]!;
  for (let i = 0; i < h2People.length; i++) {
    const p = h2People[i]!;
    const q = h1ByStaff[staffOf[p]!]!;
    if (q >= 0 && nameOf[q]! >= 0 && nameOf[p]! >= 0 && nameOf[q] !== nameOf[p]) {
      log.warning(fileOf(p), tally.atLine[p]!, undefined, 'name-between-semesters', texts.text(STAFF, staffOf[p]!), nameText(p), semesters.h2, nameText(q), semesters.h1, `${fileOf(q).name}:${tally.atLine[q]}`);
    }
  }
  return { h1People, h2People };
}

/** The one year the semesters are of; a usage error when they are of several (or none). */
function yearOfSheets(semesters: readonly string[], lang: Lang): number {
  const years = [...new Set(semesters.map((s) => s.slice(0, 4)))].sort();
  if (years.length === 1) return Number(years[0]);
  if (years.length === 0) throw new UsageError(commandWords(lang).noScores);
  throw new UsageError(commandWords(lang).severalYears(years, [...semesters].sort()));
}

export function parseYearOption(value: string | undefined, lang: Lang = 'en'): number {
  const v = (value ?? '').trim();
  if (!/^\d{4}$/.test(v) || Number(v) < 1900 || Number(v) > 2999) {
    throw new UsageError(commandWords(lang).badYear(value ?? ''));
  }
  return Number(v);
}

/** One warning per amount the report needs and the policy leaves unset, naming who is affected. */
export function warnUnset(outcomes: YearOutcome[], common: Common): void {
  for (const text of unsetWarnings([outcomes], common)) note(`${common.policyFile ?? 'evaluate'}: warning: ${text}`);
}

/**
 * The words of warnUnset's warnings: batch puts them among a center's, for all its years (a person
 * named once), with `setIn` the file to set the amounts in (the center's own policy file).
 */
export function unsetWarnings(years: YearOutcome[][], common: Common, setIn: string | null = common.policyFile): string[] {
  const out: string[] = [];
  // Per amount, how many people need it, each once, and the first five: a year has one outcome a
  // person; of several years, a person already named is skipped (a set of every id, made only then:
  // 200,000 of them cost a year 120 ms). Loops by index, and no list of everyone: this runs once,
  // over 200,000 outcomes, and collecting them into lists with for-of took 90 ms of a year's 3 s.
  const byAmount = new Map<keyof Amounts, { first: YearOutcome[]; count: number }>();
  const named = years.length > 1 ? new Map<keyof Amounts, Set<string>>() : null;
  for (const outcomes of years) {
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i]!;
      const unset = o.unset;
      for (let j = 0; j < unset.length; j++) {
        const k = unset[j]!;
        if (named) {
          let ids = named.get(k);
          if (!ids) named.set(k, (ids = new Set()));
          if (ids.has(o.staffId)) continue;
          ids.add(o.staffId);
        }
        let who = byAmount.get(k);
        if (!who) byAmount.set(k, (who = { first: [], count: 0 }));
        if (who.first.length < 5) who.first.push(o);
        who.count++;
      }
    }
  }
  const order: (keyof Amounts)[] = ['excellent', 'good', 'annualBonus', 'penalty'];
  for (const k of order) {
    const who = byAmount.get(k);
    if (!who) continue;
    const names = who.first.map((o) => `${o.staffId}${o.name ? ` ${o.name}` : ''}`);
    out.push(commandWords(common.lang).unset(k, names, who.count, setIn));
  }
  return out;
}

/**
 * The semesters the sheets hold, read even when they have problems, none of which is reported
 * here: batch names them on the summary rows of a center that failed.
 */
export function semestersIn(req: Pick<ReadRequest, 'sheets' | 'common'>): string[] {
  const { common } = req;
  const reading = readSheets(expandSources(req.sheets, common.lang), { lang: common.lang, policy: common.policy, semester: null, encoding: common.encoding, delimiter: common.delimiter, roster: null });
  return [...reading.tally.semesters].sort();
}
