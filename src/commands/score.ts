/** `evaluate score`: the semester report. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, debugPhase, emit, parseSemesterOption, resolveCommon } from './common.js';
import { summaryOf } from './list.js';
import { readResults } from './results.js';
import { refuseXlsxToTerminal } from './workbook.js';

interface ScoreFlags extends CommonFlags {
  semester?: string;
  roster?: string;
  groupBy?: string;
  bom?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('score')
    .summary(summaryOf('score'))
    .description(
      "Score one semester (or each semester found in the sheets): aggregate the raters' scores per " +
        'method, add up the exact total, round it, grade it, rank everyone and apply the semester rules.',
    )
    .argument('<sheet...>', 'scoring sheets (CSV): files, - for standard input, or folders of *.csv')
    .option('--semester <id>', 'the semester of rows without one (2026-H1, 2026H1, 2026上半年, ...); rows that say otherwise are errors')
    .option('--roster <file>', 'roster (staff_id,name,post): everyone on it must be scored, everyone scored must be on it')
    .addOption(new Option('--group-by <key>', 'rank within each post (building)').choices(['post']))
    .option('--bom', 'start CSV output with a UTF-8 BOM, for Excel');
  addCommonOptions(cmd, ['table', 'csv', 'json', 'md', 'xlsx'], 'table');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate score fixtures/2026-H1.csv
  $ evaluate score fixtures/2026-H2.csv --roster fixtures/roster.csv --lang zh --group-by post
  $ evaluate score fixtures/2026-H1.csv --format csv --bom --out h1-report.csv
  $ cat sheet.csv | evaluate score - --semester 2026-H1 --format json`,
  );
  cmd.action(async (sheets: string[], flags: ScoreFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: ScoreFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semester = parseSemesterOption(flags.semester);
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  const groupBy = flags.groupBy === 'post' ? 'post' : null;
  debugPhase('start');
  const results = readResults({ sheets, common, semester, roster: flags.roster ?? null, groupBy });
  debugPhase('read');
  const input = {
    reports: results.reports,
    warnings: results.warnings,
    counts: results.counts,
    precision: common.policy.precision,
    lang: common.lang,
    color: common.color,
  };
  const render = await import('../render/score.js');
  const text =
    common.format === 'json'
      ? render.scoreJson({ ...input, seal: (await import('./seal.js')).sealFor('score', flags, common, results.inputs()) })
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).scoreXlsx(input)
      : common.format === 'csv'
        ? render.scoreCsv(input, flags.bom === true)
        : common.format === 'md'
          ? render.scoreMd(input)
          : render.scoreTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
