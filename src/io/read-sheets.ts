/**
 * The one reading pipeline, as every command uses it: each sheet's bytes -> UTF-8 (read-source.ts) ->
 * records (records.ts) -> checked rows (sheet-parser.ts, core/row-checks.ts) -> the tally
 * (core/tally.ts), in the order of the sheets; then the roster and the whole-picture checks. Every
 * problem goes to one log, found in this one pass. A big input is read on two threads
 * (reader-thread.ts): the second reads the last part into rows that this thread tallies in order.
 */
import type { Policy } from '../core/policy.js';
import { type FileRef, ProblemLog } from '../core/problems.js';
import { Tally } from '../core/tally.js';
import { logBlanks, logDisagreeing } from '../core/row-checks.js';
import { type RosterEntry, checkRepeatedSheets, checkRoster, checkScoresPerRole } from '../core/whole-picture.js';
import type { Encoding } from './encoding.js';
import type { Lang } from '../i18n/index.js';
import { Progress } from './progress.js';
import { SourceReading, type SourceRead } from './read-source.js';
import { readRoster } from './roster.js';
import { RefusedRows } from './refused-rows.js';
import { type RowCounts, SheetParser } from './sheet-parser.js';
import { type Source, sizeOf } from './sources.js';
import { Texts } from './texts.js';
import { type FinishedFile, readInParallel, twoThreads } from './two-threads.js';

export interface ReadOptions {
  policy: Policy;
  /** --semester: the semester of rows without one, and (unless semesterFillsOnly) a check on the others. */
  semester: string | null;
  semesterFillsOnly?: boolean;
  encoding: Encoding | null;
  delimiter: string;
  roster: string | null;
  /** Someone on the roster without scores in a semester: an error (default) or a warning. */
  rosterMissing?: 'error' | 'warning';
  /** Only rows of this year are tallied; the others are counted in `ignored`. */
  keepYear?: number | null;
  /** Keep every score (median, weighted mean, panel, explain). */
  keepScores?: boolean;
  /** The SHA-256 of every input. */
  hash?: boolean;
  /** The language of the words of a file that cannot be read. */
  lang?: Lang;
  /** List every missing score of a blank sheet (else one problem per blank sheet). */
  verbose?: boolean;
}

/** One input as read: for a seal, an appendix, a summary. */
export interface InputRead {
  file: string;
  path: string | null;
  kind: 'sheet' | 'roster';
  bytes: number;
  sha256: string | null;
  /** Data rows (records under the header, blank lines not counted). */
  rows: number;
}

export interface Reading {
  tally: Tally;
  texts: Texts;
  log: ProblemLog;
  counts: RowCounts;
  sources: Source[];
  inputs: InputRead[];
  /** Rows keepSemester left out: per sheet and semester, the first line and how many. */
  ignored: { file: FileRef; semester: string; line: number; rows: number }[];
  /** What the rows refused tell: per semester, their people (they have rows there), and what they gave. */
  refused: RefusedRows;
  roster: RosterEntry[] | null;
  /** Per person, their roster entry (names and posts the sheets leave blank come from it). */
  rosterOf: Map<number, RosterEntry> | null;
  /** Whether a reader thread read a part (its tally, merged here or read again, is now garbage: see collectGarbage). */
  readInTwoThreads: boolean;
}

/** Reads, checks and tallies every sheet, then the roster; every problem is in the log. */
export function readSheets(named: Source[], opts: ReadOptions): Reading {
  const log = new ProblemLog();
  // A file named twice, or a copy of one, is read once: its rows twice would be every score a duplicate.
  const sources = named.filter((s) => s.sameAs === undefined && s.copyOf === undefined);
  const texts = new Texts();
  const policy = opts.policy;
  const keepScores = opts.keepScores === true || policy.aggregation === 'median' || policy.aggregation === 'weighted';
  const sizes = sources.map(sizeOf);
  const total = sizes.reduce((a, b) => a + b, 0);
  // The bytes read here so far, of every input's (the tally makes room for the people of all of them,
  // the reader thread's part too: merged, they then need no more room).
  let readHere = 0;
  // Orders 0 to sources.length: the sheets, then the roster.
  const tally = new Tally({ policy, keepScores, files: sources.length + 1, readShare: () => (total > 0 ? readHere / total : 0) }, texts, log);
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const inputs: InputRead[] = [];
  const ignored: Reading['ignored'] = [];
  const refused = new RefusedRows();
  const sheetOpts = {
    policy,
    delimiter: opts.delimiter,
    semester: opts.semester,
    semesterFillsOnly: opts.semesterFillsOnly === true,
    keepYear: opts.keepYear ?? null,
    verbose: opts.verbose === true,
  };
  // A big input: the last part is read on a second thread, from a record's start in one of the files
  // (where, the thread decides when it has started: this thread reads on meanwhile).
  const parallel = !opts.hash && twoThreads(sources, sizes) ? readInParallel(sources, sizes, { ...sheetOpts, encoding: opts.encoding, keepScores }) : null;
  const progress = new Progress(total, () => tally.rows, opts.lang ?? 'en', parallel ? () => parallel.elsewhere() : undefined);
  // Standard input is hashed as it is read (a seal names its SHA-256; it cannot be read again), files when a seal asks.
  const readOpts = (done: number, src: Source) => ({ encoding: opts.encoding, delimiter: opts.delimiter, hash: opts.hash === true || src.path === null, lang: opts.lang ?? 'en', progress: (bytes: number) => progress.update(src.name, (readHere = done + bytes)) });
  /**
   * Reads one sheet here, whole, or on two threads up to the cut (`until`): then, the cut being inside
   * it, the first part is kept for the thread's reading to finish (null).
   */
  const readSheet = (file: FileRef, done: number, until: ((offset: number) => number) | null = null): { parser: SheetParser; read: SourceRead } | null => {
    const parser = new SheetParser(file, sheetOpts, texts, log, tally);
    const reading = new SourceReading(sources[file.order]!, file, readOpts(done, sources[file.order]!), parser, log);
    reading.read(until ?? Infinity);
    if (until && parallel?.cutInside(file.order)) {
      parallel.keepFirstPart(file, reading, parser);
      return null;
    }
    const read = reading.end();
    if (read.ok) parser.finish();
    return { parser, read };
  };
  const blank = new Map<number, number>();
  /** Per file, its rows when every one passed the row checks (-1 when some did not). */
  const used = new Map<number, number>();
  /** A file read (here, or its part on the reader thread, or both parts of the cut file): its counts, problems and place. */
  const finished = (part: FinishedFile) => {
    const file = part.file;
    if (part.blankAt !== null) blank.set(file.order, part.blankAt);
    used.set(file.order, usedAll(part.counts));
    registerSheet(tally, file, part.methodColumns, part.nameColumn);
    addCounts(counts, part.counts);
    for (const ig of part.ignored) ignored.push({ file, ...ig });
    logDisagreeing(log, file, part.disagreeing, opts.semester);
    logBlanks(log, file, part.blanks, part.counts.read);
    refused.addAll(part.refused);
    inputs.push({ file: file.name, path: sources[file.order]!.path, kind: 'sheet', bytes: part.bytes, sha256: part.sha256, rows: part.counts.read });
  };
  let done = 0;
  for (let i = 0; i < sources.length; i++) {
    const file: FileRef = { name: sources[i]!.name, order: i };
    // On two threads, here up to the cut: files before it whole, the cut file up to it; none of a file
    // the thread reads from its start.
    if (parallel && parallel.until(i, 0) === 0) break;
    const r = readSheet(file, done, parallel ? (offset) => parallel.until(i, offset) : null);
    if (r === null) break;
    finished({ file, sha256: r.read.sha256, ...r.parser.reading(r.read.bytes) });
    done += sizes[i]!;
  }
  if (parallel) {
    // The second thread's part: its rows into the tally, in order, and its files' counts.
    for (const part of parallel.finish(tally, texts, log, (file) => readSheet(file, 0)!, () => progress.refresh())) finished(part);
  }
  progress.done();
  let roster: RosterEntry[] | null = null;
  let rosterOf: Map<number, RosterEntry> | null = null;
  const rosterFile: FileRef = { name: opts.roster ?? '', order: sources.length };
  if (opts.roster !== null) {
    const r = readRoster(opts.roster, rosterFile, { encoding: opts.encoding, delimiter: opts.delimiter, hash: opts.hash === true, lang: opts.lang ?? 'en' }, texts, log);
    roster = r.entries;
    inputs.push({ file: opts.roster, path: opts.roster, kind: 'roster', bytes: r.read.bytes, sha256: r.read.sha256, rows: r.entries.length });
  }
  // A sheet named twice or saved twice: a warning under its own name, so an order of its own (after
  // the roster's): the log names a file by its order, and the sheet read keeps its name.
  let order = sources.length + 1;
  for (const s of named) {
    const first = s.sameAs ?? s.copyOf;
    if (first === undefined) continue;
    const file = { name: s.name, order: order++ };
    if (s.sameAs !== undefined) log.warning(file, 1, undefined, 'sheet-twice', first);
    else log.warning(file, 1, undefined, 'sheet-copy', first);
  }
  // A refused row's name, post and role against the rows tallied: its other faults, in this run.
  for (const r of refused) tally.refusedRow({ ...r, file: tally.files.get(r.file)! });
  checkScoresPerRole(tally, policy, texts, log, opts.verbose ? new Map() : blank, refused);
  checkRepeatedSheets(tally, log, used);
  if (roster) rosterOf = checkRoster(tally, roster, texts, log, opts.rosterMissing ?? 'error', (semester, staff) => refused.has(semester, staff));
  return { tally, texts, log, counts, sources, inputs, ignored, refused, roster, rosterOf, readInTwoThreads: parallel !== null };
}

/** A sheet's rows when every one it read passed the row checks, else -1 (checkRepeatedSheets). */
function usedAll(c: RowCounts): number {
  return c.rejected === 0 ? c.used : -1;
}

/** Tells the tally where a sheet's scores are (the places of its messages). */
function registerSheet(tally: Tally, file: FileRef, methodColumns: number[], nameColumn: number): void {
  tally.sheet(file, methodColumns, nameColumn);
}

function addCounts(to: RowCounts, c: RowCounts): void {
  to.read += c.read;
  to.used += c.used;
  to.rejected += c.rejected;
}
