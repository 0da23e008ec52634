/** Scoring CSV texts through the one reading pipeline (as `evaluate score` does), for unit tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MICRO } from '../src/core/cells.js';
import { DEFAULT_POLICY, type Policy, validatePolicy } from '../src/core/policy.js';
import { PersonResult, type SemesterReport, type StaffResult, rankReport } from '../src/core/report.js';
import { Rational } from '../src/core/rational.js';
import { settle } from '../src/core/rounding.js';
import { scoreSemesters } from '../src/core/totals.js';
import type { Problem } from '../src/core/types.js';
import { problemsEn } from '../src/i18n/problems.js';
import { type ReadOptions, type Reading, readSheets } from '../src/io/read-sheets.js';

export function policyOf(json: unknown = {}): Policy {
  const { policy, errors } = validatePolicy(json);
  if (errors.length) throw new Error(errors.join('\n'));
  return policy;
}

/** The problems of a reading, worded and sorted (as `evaluate` prints them). */
export function problemsOf(reading: Reading): Problem[] {
  return reading.log.sorted(problemsEn, reading.tally.context());
}

/** Reads files through the pipeline, as the commands do. */
export function readFiles(paths: string[], opts: Partial<ReadOptions> = {}): Reading {
  return readSheets(
    paths.map((p) => ({ name: p, path: p })),
    { policy: structuredClone(DEFAULT_POLICY), semester: null, encoding: null, delimiter: ',', roster: null, ...opts },
  );
}

/** The semester reports of a reading (every semester, ranked). */
export function reportsOf(reading: Reading, policy: Policy): SemesterReport[] {
  return scoreSemesters(reading.tally, policy, reading.texts, reading.rosterOf)
    .sort((a, b) => (a.semester < b.semester ? -1 : 1))
    .map((s) => rankReport(s.semester, s.entries, s.raters, null));
}

/** Scores sheets given as texts (written to a temporary folder, removed after). */
export function scoreTexts(
  sheets: Record<string, string>,
  policy: Policy = structuredClone(DEFAULT_POLICY),
  semester: string | null = null,
): { reports: SemesterReport[]; problems: { list: Problem[]; sorted(): Problem[] }; reading: Reading } {
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-text-'));
  try {
    const paths = Object.entries(sheets).map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    });
    const reading = readFiles(paths, { policy, semester });
    // Messages name the sheets as given, without the temporary folder.
    const list = problemsOf(reading).map((p) => ({ ...p, file: p.file.slice(dir.length + 1), message: p.message.split(`${dir}/`).join('') }));
    return { reports: reportsOf(reading, policy), problems: { list, sorted: () => list }, reading };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function scoreText(text: string, policy?: Policy, semester?: string) {
  return scoreTexts({ 'sheet.csv': text }, policy, semester ?? null);
}

/** A person's result from the five method values (points), as scoring makes it. */
export function resultOf(
  who: { semester: string; staffId: string; name?: string; post?: string },
  points: readonly number[],
  policy: Policy,
  raters = 1,
): StaffResult {
  const values = points.map((p) => Rational.of(Math.round(p * MICRO), MICRO));
  let exact = Rational.ZERO;
  for (const v of values) exact = exact.add(v);
  const r = new PersonResult(who.staffId, who.name ?? '', who.post ?? '', raters, settle(who.semester, exact, policy), values);
  return r.rankedBy({ rank: () => 1, rankOf: () => 1 }, 0);
}
