/** `evaluate explain`: how one person's total came about, rule by rule, for the person it concerns. */
import type { Command } from 'commander';
import { explain } from '../core/explain.js';
import type { SemesterReport } from '../core/report.js';
import { yearOutcome } from '../core/year.js';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, emit, parseSemesterOption, resolveCommon } from './common.js';
import { readResults } from './results.js';
import { summaryOf } from './list.js';

interface ExplainFlags extends CommonFlags {
  semester?: string;
  roster?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('explain')
    .summary(summaryOf('explain'))
    .description(
      'Explain one staff member\'s result for one semester: each rater\'s five scores and total, which ' +
        'scores the aggregation dropped or weighted and why, each method\'s exact aggregate, the exact total ' +
        'before rounding, the rounding, the grade band, the rank, and every semester rule that applied with ' +
        'its amount. Given both semesters of the year, the year rules too (award candidacy, non-renewal).',
    )
    .argument('<staff_id>', 'the staff member (工号), as on the sheets')
    .argument('<sheet...>', 'scoring sheets (CSV): files, - for standard input, or folders of *.csv')
    .option('--semester <id>', 'the semester to explain when the person is scored in several; also the semester of rows without one')
    .option('--roster <file>', 'roster (staff_id,name,post): everyone on it must be scored, everyone scored must be on it');
  addCommonOptions(cmd, ['table', 'json'], 'table');
  cmd.addHelpText(
    'after',
    `
Exact values: a decimal where it ends (89.95), else a decimal over a whole number with an
approximation (1040.3/12 ≈ 86.691667). Only the total is rounded, half up, to the policy's precision.

Examples:
  $ evaluate explain S001 fixtures/2026-H1.csv
  $ evaluate explain S007 fixtures/2026-H1.csv fixtures/2026-H2.csv --semester 2026-H2 --policy fixtures/policy.json
  $ evaluate explain S014 fixtures/2026-H1.csv --lang zh --format json`,
  );
  cmd.action(async (staffId: string, sheets: string[], flags: ExplainFlags) => run(staffId, sheets, flags));
}

function pickSemester(reports: SemesterReport[], staffId: string, option: string | null): string {
  const held = reports.map((r) => r.semester);
  if (option) {
    if (!held.includes(option)) throw new UsageError(`the sheets hold no scores for ${option} (they hold ${held.join(', ') || 'none'})`);
    return option;
  }
  const scored = reports.filter((r) => r.staff.some((x) => x.staffId === staffId)).map((r) => r.semester);
  if (scored.length > 1) throw new UsageError(`${staffId} is scored in ${scored.join(' and ')}: choose one with --semester`);
  return scored[0] ?? held[0] ?? '';
}

async function run(staffId: string, sheets: string[], flags: ExplainFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semesterOption = parseSemesterOption(flags.semester);
  const results = readResults({ sheets, common, semester: semesterOption, semesterFillsOnly: true, roster: flags.roster ?? null, keepScores: true });
  const id = staffId.trim();
  const semester = pickSemester(results.reports, id, semesterOption);
  const reportOf = (s: string) => results.reports.find((r) => r.semester === s);
  const report = reportOf(semester);
  const result = report?.staff.find((s) => s.staffId === id);
  if (!report || !result) {
    const ids = (report?.staff ?? []).map((s) => s.staffId).sort();
    const near = ids.find((x) => x.toLowerCase() === id.toLowerCase());
    throw new UsageError(
      `no staff member ${id} in ${semester}${near ? ` (did you mean ${near}?)` : ''}; the sheets hold ${ids.length} staff: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : ''}`,
    );
  }
  const scores = results.scoresOf(semester, id) ?? [];

  // The year rules need both semesters of the year on the sheets.
  const year = semester.slice(0, 4);
  const halves = [`${year}-H1`, `${year}-H2`];
  const missing = halves.filter((s) => !reportOf(s));
  const find = (s: string) => reportOf(s)?.staff.find((x) => x.staffId === id) ?? null;
  const outcome = missing.length === 0 ? yearOutcome(find(halves[0]!), find(halves[1]!), common.policy) : null;

  const ex = explain({ result, scores, ranked: report.staff, policy: common.policy, year: outcome, missingSemesters: missing });
  const render = await import('../render/explain.js');
  const input = { ex, policyFile: common.policyFile, lang: common.lang, color: common.color };
  await emit(common.format === 'json' ? render.explainJson(input) : render.explainText(input), common);
}
