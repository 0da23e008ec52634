/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/io/load.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare the pipeline's problems
 * (file, line, column, severity, message) and reports with it, so that messages stay exactly as
 * they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/**
 * Loading everything a command reads: the sheets named on the command line (files, `-` for
 * standard input, folders of *.csv), the roster, all merged. Problems are collected, not thrown.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHeader } from './cells.js';
import { type BlankSheet, type RosterEntry, type StaffSemester, Merger } from './merge.js';
import type { Policy } from '../../src/core/policy.js';
import { type RowCounts, SheetReader, type TextSpellings, newSpellings } from './sheet.js';
import { type Method, Problems } from '../../src/core/types.js';
import { UsageError } from '../../src/errors.js';
import { type CsvSink, CsvParser, DEFAULT_LIMITS } from './csv.js';
import { type Encoding, decode } from './decode.js';

export const STDIN_NAME = '<stdin>';

export interface LoadOptions {
  policy: Policy;
  /** Standard input as already read (by the streaming path), so that it is not read twice. */
  stdinBytes?: Uint8Array | null;
  semester: string | null;
  encoding: Encoding | null;
  delimiter: string;
  roster: string | null;
  /** Someone on the roster without scores in a semester: an error (the default) or a warning. */
  rosterMissing?: 'error' | 'warning';
  /** Rows of a semester this says no to are left out before merging (and listed in `ignored`). */
  keepSemester?: (semester: string) => boolean;
  /** `semester` only fills blank semester cells, and rows of other semesters are kept (explain, panel select one later). */
  semesterFillsOnly?: boolean;
  /** List each missing score of a blank sheet, rather than one problem for the sheet. */
  verbose?: boolean;
}

/** Rows left out by `keepSemester`: per sheet and semester, the first line and how many. */
export interface IgnoredRows {
  file: string;
  fileOrder: number;
  line: number;
  semester: string;
  rows: number;
}

export interface Source {
  /** As the user named it, for messages. */
  name: string;
  /** The file system path, or null for standard input. */
  path: string | null;
}

export interface Loaded {
  bySemester: Map<string, StaffSemester[]>;
  problems: Problems;
  counts: RowCounts;
  sources: Source[];
  /** The roster entries when --roster was given. */
  roster?: RosterEntry[] | null;
  ignored?: IgnoredRows[];
}

/** Expands the sheet arguments: `-` is standard input, a folder stands for its *.csv files. */
export function expandSources(args: string[]): Source[] {
  const out: Source[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdin) throw new UsageError('standard input (-) is named twice');
      stdin = true;
      out.push({ name: STDIN_NAME, path: null });
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch {
      throw new UsageError(`cannot read sheet "${arg}": no such file or folder`);
    }
    if (st.isDirectory()) {
      const files = readdirSync(arg)
        .filter((f) => f.toLowerCase().endsWith('.csv'))
        .sort();
      if (files.length === 0) throw new UsageError(`the folder "${arg}" has no .csv files`);
      for (const f of files) out.push({ name: join(arg, f), path: join(arg, f) });
    } else {
      out.push({ name: arg, path: arg });
    }
  }
  return out;
}

function readBytes(src: Source, stdinBytes?: Uint8Array | null): Uint8Array {
  try {
    return src.path === null ? (stdinBytes ?? readFileSync(0)) : readFileSync(src.path);
  } catch (e) {
    throw new UsageError(`cannot read "${src.name}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Parses one CSV source, feeding each record (or its format problem) to the callbacks. */
function parseSource(
  src: Source,
  fileOrder: number,
  opts: LoadOptions,
  problems: Problems,
  sink: CsvSink,
): boolean {
  const decoded = decode(readBytes(src, opts.stdinBytes), opts.encoding);
  if (!decoded.ok) {
    problems.error({ file: src.name, fileOrder, line: decoded.line }, decoded.message);
    return false;
  }
  if (decoded.warning) problems.warning({ file: src.name, fileOrder, line: decoded.warning.line }, decoded.warning.message);
  parseText(decoded.text, opts.delimiter, sink);
  return true;
}

const MAX_RESTARTS = 100;

/**
 * Parses a whole text. A quote never closed would swallow the rest of the file into one broken
 * record: after reporting it, reading starts again on the line after the quote, so that the rows
 * below are still read, checked and counted.
 */
export function parseText(text: string, delimiter: string, sink: CsvSink): void {
  let from = 0;
  let firstLine = 1;
  // Each restart reads the rest again: a bound keeps a pathological file from taking quadratic time.
  for (let restarts = 0; restarts <= MAX_RESTARTS; restarts++) {
    const parser = new CsvParser(sink, delimiter, DEFAULT_LIMITS, firstLine);
    parser.push(from === 0 ? text : text.slice(from));
    parser.end();
    const open = parser.unclosedQuoteLine;
    if (open === null) return;
    const next = lineStart(text, from, firstLine, open + 1);
    if (next >= text.length) return;
    from = next;
    firstLine = open + 1;
  }
}

/** Offset of the start of `line` in text, counting from `from` (which is on `fromLine`) as CsvParser counts lines. */
function lineStart(text: string, from: number, fromLine: number, line: number): number {
  let at = fromLine;
  let i = from;
  while (at < line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10) at++;
    else if (c === 13) {
      if (text.charCodeAt(i) === 10) i++;
      at++;
    }
  }
  return i;
}

export function loadSheets(args: string[], opts: LoadOptions): Loaded {
  const sources = expandSources(args);
  const problems = new Problems();
  const merger = new Merger(problems);
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const ignored = new Map<string, IgnoredRows>();
  const keep = opts.keepSemester;
  const spellings = newSpellings();
  const blank = new Map<number, BlankSheet>();
  const held = new Map<number, { file: string; methods: Set<Method>; columns: Map<Method, number> }>();
  const used = new Map<number, number>();
  sources.forEach((src, i) => {
    const reader = new SheetReader(src.name, i, opts.semester, opts.policy, problems, (row) => {
      if (!keep || keep(row.semester)) {
        merger.add(row);
        return;
      }
      const key = `${i}\u0000${row.semester}`;
      const seen = ignored.get(key);
      if (seen) seen.rows++;
      else ignored.set(key, { file: src.name, fileOrder: i, line: row.line, semester: row.semester, rows: 1 });
    }, opts.semesterFillsOnly === true, opts.delimiter, spellings, opts.verbose === true);
    const read = parseSource(src, i, opts, problems, reader);
    reader.sayDisagreeing();
    if (read) {
      reader.finish();
      const b = reader.blankSheet();
      if (b && !opts.verbose) blank.set(i, { file: src.name, ...b });
    }
    held.set(i, { file: src.name, methods: reader.methodsHeld(), columns: reader.methodColumnsHeld() });
    for (const row of reader.refused) merger.refused({ ...row, file: src.name, fileOrder: i }, !keep || keep(row.semester));
    counts.read += reader.counts.read;
    counts.used += reader.counts.used;
    counts.rejected += reader.counts.rejected;
    used.set(i, reader.counts.rejected > 0 ? -1 : reader.counts.used);
  });
  merger.sayRepeatedSheets(used);
  const roster = opts.roster === null ? null : loadRoster(opts.roster, sources.length, opts, problems, spellings);
  const bySemester = merger.finish(opts.policy, roster, opts.rosterMissing ?? 'error', blank, held);
  return { bySemester, problems, counts, sources, roster, ignored: [...ignored.values()] };
}

/** The roster: staff_id, name, post (English or Chinese headers). */
export function loadRoster(path: string, fileOrder: number, opts: LoadOptions, problems: Problems, spellings: TextSpellings = newSpellings()): RosterEntry[] {
  const src: Source = { name: path, path };
  try {
    statSync(path);
  } catch {
    throw new UsageError(`cannot read roster "${path}": no such file`);
  }
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  let cols: { id: number; name: number; post: number } | null = null;
  let headerSeen = false;
  parseSource(src, fileOrder, opts, problems, {
    malformed: (line, column, message) => problems.error({ file: path, fileOrder, line, column }, message),
    record: (cells, line) => {
      if (!headerSeen) {
        headerSeen = true;
        const kinds = cells.map((c) => parseHeader(c));
        const id = kinds.indexOf('staff_id');
        if (id < 0) {
          problems.error({ file: path, fileOrder, line }, 'the roster has no staff_id column (工号)');
          return;
        }
        cols = { id, name: kinds.indexOf('name'), post: kinds.indexOf('post') };
        return;
      }
      if (!cols || cells.every((c) => c.trim() === '')) return;
      // Issue 12: an id is known by its key (nothing visible left: blank); this row's messages quote its own spelling.
      const staffId = (cells[cols.id] ?? '').trim();
      const id = spellings.staff.of(staffId);
      const at = { file: path, fileOrder, line };
      if (!id) {
        problems.error({ ...at, column: cols.id + 1 }, 'staff_id is blank on the roster');
        return;
      }
      const prev = seen.get(id);
      if (prev !== undefined) {
        problems.error(at, `${staffId} is on the roster twice (also line ${prev})`);
        return;
      }
      seen.set(id, line);
      entries.push({
        staffId,
        id,
        name: cols.name >= 0 ? (cells[cols.name] ?? '').trim() : '',
        post: cols.post >= 0 ? (cells[cols.post] ?? '').trim() : '',
        at,
      });
    },
  });
  return entries;
}
