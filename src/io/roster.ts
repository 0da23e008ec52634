/**
 * The roster (`--roster FILE`): staff_id, name, post (English or Chinese headers), read by the same
 * CSV reader as the sheets. Each staff id is numbered among the sheets' staff ids, so that the
 * roster check compares numbers.
 */
import { statSync } from 'node:fs';
import { parseHeader } from '../core/header.js';
import { type FileRef, type ProblemContext, ProblemLog } from '../core/problems.js';
import type { Problems } from '../core/types.js';
import { problemWords } from '../i18n/problems.js';
import { STAFF } from '../core/tally.js';
import type { RosterEntry } from '../core/whole-picture.js';
import { UsageError } from '../errors.js';
import { fileProblem, sheetWords } from '../i18n/files.js';
import type { Lang } from '../i18n/index.js';
import type { Encoding } from './encoding.js';
import { readSource, type SourceRead } from './read-source.js';
import type { RecordSink, RecordView } from './records.js';
import { Texts } from './texts.js';

const decoder = new TextDecoder('utf-8');

export function readRoster(
  path: string,
  file: FileRef,
  opts: { encoding: Encoding | null; delimiter: string; hash?: boolean; lang?: Lang },
  texts: Texts,
  log: ProblemLog,
): { entries: RosterEntry[]; read: SourceRead } {
  const lang = opts.lang ?? 'en';
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
  } catch (e) {
    throw new UsageError(sheetWords(lang).cannotReadRoster(path, fileProblem(e, lang)));
  }
  const entries: RosterEntry[] = [];
  const seen = new Map<number, number>();
  let cols: { id: number; name: number; post: number } | null = null;
  let headerSeen = false;
  const staff = texts.tables[STAFF]!;
  const sink: RecordSink = {
    malformed: (line, column, kind, code = 0) => {
      if (kind === 'cell-too-long') log.error(file, line, column, kind, 100_000);
      else if (kind === 'too-many-cells') log.error(file, line, column, kind, 1000);
      else if (kind === 'control-character') log.error(file, line, column, kind, code);
      else log.error(file, line, column, kind);
    },
    record: (v: RecordView) => {
      const cells: string[] = [];
      for (let i = 0; i < v.count; i++) cells.push(decoder.decode(v.buf.subarray(v.starts[i]!, v.ends[i]!)));
      if (!headerSeen) {
        headerSeen = true;
        const kinds = cells.map((c) => parseHeader(c));
        const id = kinds.indexOf('staff_id');
        if (id < 0) {
          log.error(file, v.line, undefined, 'roster-no-staff-column');
          return;
        }
        cols = { id, name: kinds.indexOf('name'), post: kinds.indexOf('post') };
        return;
      }
      if (!cols || cells.every((c) => c.trim() === '')) return;
      const staffId = (cells[cols.id] ?? '').trim();
      if (!staffId) {
        log.error(file, v.line, cols.id + 1, 'roster-blank-id');
        return;
      }
      const number = staff.internText(staffId);
      const prev = seen.get(number);
      if (prev !== undefined) {
        log.error(file, v.line, undefined, 'roster-twice', staffId, prev);
        return;
      }
      seen.set(number, v.line);
      entries.push({
        staffId,
        staff: number,
        name: cols.name >= 0 ? (cells[cols.name] ?? '').trim() : '',
        post: cols.post >= 0 ? (cells[cols.post] ?? '').trim() : '',
        file,
        line: v.line,
      });
    },
  };
  const read = readSource({ name: path, path }, file, opts, sink, log);
  return { entries, read };
}

/**
 * The roster for the commands that make or fill sheets from it (template, enter): its entries, and
 * its problems added to theirs.
 */
export function loadRoster(
  path: string,
  fileOrder: number,
  opts: { encoding: Encoding | null; delimiter: string; lang?: Lang; [other: string]: unknown },
  problems: Problems,
): { staffId: string; name: string; post: string; at: { file: string; fileOrder: number; line: number } }[] {
  const log = new ProblemLog();
  const texts = new Texts();
  const file: FileRef = { name: path, order: fileOrder };
  const { entries } = readRoster(path, file, opts, texts, log);
  for (const p of log.sorted(problemWords(opts.lang ?? 'en'), NO_CELLS)) {
    const at = p.column === undefined ? { file: p.file, fileOrder: p.fileOrder, line: p.line } : { file: p.file, fileOrder: p.fileOrder, line: p.line, column: p.column };
    problems[p.severity](at, p.message);
  }
  return entries.map((e) => ({ staffId: e.staffId, name: e.name, post: e.post, at: { file: path, fileOrder, line: e.line } }));
}

/** A roster's problems never name a tally cell. */
const NO_CELLS: ProblemContext = {
  personId: () => '',
  nameText: () => '',
  postText: () => '',
  raterText: () => '',
  personWho: () => '',
  namePlace: () => '',
  rolePlace: () => '',
  cellPlace: () => '',
  cellWho: () => '',
  cellRater: () => '',
};
