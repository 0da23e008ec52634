/** `evaluate check`: validation only, every problem at once, then a summary of what the sheets hold. */
import type { Command } from 'commander';
import { DataError } from '../errors.js';
import { checkWords } from '../i18n/check.js';
import { type CommonFlags, addCommonOptions, emit, formatProblem, parseSemesterOption, resolveCommon } from './common.js';
import { readForCheck } from './results.js';
import { summaryOf } from './list.js';

interface CheckFlags extends CommonFlags {
  semester?: string;
  roster?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('check')
    .summary(summaryOf('check'))
    .description(
      'Check the scoring sheets before the committee meets, without scoring: every problem in one run ' +
        '(FILE:LINE:COLUMN: error|warning: ..., on standard error), then a summary on standard output: ' +
        'files, rows read/used/rejected, staff, raters, semesters, scores per method, and each semester\'s ' +
        'committee against the rules (leader 1, head office 1, center office 1, students 2; a different ' +
        'panel is a warning). Exit 0 without errors (warnings allowed), 1 with errors; the summary is ' +
        'printed either way.',
    )
    .argument('<sheet...>', 'scoring sheets (CSV): files, - for standard input, or folders of *.csv')
    .option('--semester <id>', 'the semester of rows without one; rows that say otherwise are errors (as in score)')
    .option('--roster <file>', 'roster (staff_id,name,post): everyone on it must be scored, everyone scored must be on it');
  addCommonOptions(cmd, ['table', 'json'], 'table');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate check fixtures/2026-H1.csv fixtures/2026-H2.csv --roster fixtures/roster.csv
  $ evaluate check fixtures/2026-H2.csv --lang zh
  $ evaluate check fixtures/2026-H1.csv --format json     # {"problems": [...], "summary": {...}}`,
  );
  cmd.action(async (sheets: string[], flags: CheckFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: CheckFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semester = parseSemesterOption(flags.semester);
  const checked = readForCheck({ sheets, common, semester, roster: flags.roster ?? null });
  const problems = checked.problems;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const color = process.stderr.isTTY === true && !process.env.NO_COLOR && flags.color !== false;
  if (problems.length > 0) process.stderr.write(`${problems.map((p) => formatProblem(p, color)).join('\n')}\n`);

  const render = await import('../render/check.js');
  const input = {
    files: checked.sources.map((s) => s.name),
    counts: checked.counts,
    summary: checked.summary,
    problems,
    lang: common.lang,
    color: common.color,
  };
  const text = common.format === 'json' ? render.checkJson(input) : render.checkTable(input);
  if (errors === 0) {
    await emit(text, common);
    return;
  }
  // With errors the summary still goes to standard output, but --out stays unwritten (exit 1).
  await emit(text, { ...common, out: null });
  if (common.out) process.stderr.write(`${checkWords[common.lang].notWritten(common.out)}\n`);
  throw new DataError(problems);
}
