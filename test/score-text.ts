/** Scoring a CSV text in memory through the same stages as `evaluate score`, for unit tests. */
import { Merger } from '../src/core/merge.js';
import { DEFAULT_POLICY, type Policy, validatePolicy } from '../src/core/policy.js';
import { semesterReport, type SemesterReport } from '../src/core/report.js';
import { SheetReader } from '../src/core/sheet.js';
import { Problems } from '../src/core/types.js';
import { CsvParser } from '../src/io/csv.js';

export function policyOf(json: unknown = {}): Policy {
  const { policy, errors } = validatePolicy(json);
  if (errors.length) throw new Error(errors.join('\n'));
  return policy;
}

export function scoreTexts(
  sheets: Record<string, string>,
  policy: Policy = structuredClone(DEFAULT_POLICY),
  semester: string | null = null,
): { reports: SemesterReport[]; problems: Problems } {
  const problems = new Problems();
  const merger = new Merger(problems);
  Object.entries(sheets).forEach(([name, text], i) => {
    const reader = new SheetReader(name, i, semester, policy, problems, (row) => merger.add(row));
    const parser = new CsvParser(reader);
    parser.push(text);
    parser.end();
    reader.finish();
  });
  const by = merger.finish(policy, null);
  const reports = [...by.keys()].sort().map((s) => semesterReport(s, by.get(s)!, policy, null));
  return { reports, problems };
}

export function scoreText(text: string, policy?: Policy, semester?: string) {
  return scoreTexts({ 'sheet.csv': text }, policy, semester ?? null);
}
