/** `evaluate score`: the semester report. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { type SemesterReport, rankReport, semesterReport } from '../core/report.js';
import type { RowCounts } from '../core/sheet.js';
import type { Problem } from '../core/types.js';
import { UsageError } from '../errors.js';
import { words } from '../i18n/index.js';
import { expandSources, loadSheets } from '../io/load.js';
import { debugPhase, streamScores } from '../io/stream.js';
import { type CommonFlags, addCommonOptions, emit, parseSemesterOption, precheckOut, reportProblems, resolveCommon } from './common.js';
import { summaryOf } from './list.js';
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
  const sources = expandSources(sheets);
  precheckOut(common, [...sources.map((s) => s.path), flags.roster ?? null]);
  const opts = {
    policy: common.policy,
    semester,
    encoding: common.encoding,
    delimiter: common.delimiter,
    roster: flags.roster ?? null,
  };
  const groupBy = flags.groupBy === 'post' ? 'post' : null;
  // Clean sheets stream through per-staff accumulators; anything to report takes the detailed path.
  debugPhase('start');
  const streamed = streamScores(sources, opts);
  debugPhase('read');
  if (process.env.EVALUATE_DEBUG && streamed.reason) process.stderr.write(`evaluate: detailed path: ${streamed.reason}\n`);
  let reports: SemesterReport[];
  let problems: Problem[] = [];
  let counts: RowCounts;
  if (streamed.semesters) {
    const got = streamed.semesters;
    reports = [...got.keys()].sort().map((s) => rankReport(s, got.get(s)!.staff, got.get(s)!.raters, groupBy));
    counts = { read: streamed.rows, used: streamed.rows, rejected: 0 };
  } else {
    const loaded = loadSheets(sheets, { ...opts, stdinBytes: streamed.stdin });
    problems = loaded.problems.sorted();
    reportProblems(problems, words(common.lang).problems);
    reports = [...loaded.bySemester.keys()].sort().map((s) => semesterReport(s, loaded.bySemester.get(s)!, common.policy, groupBy));
    counts = loaded.counts;
  }
  const input = {
    reports,
    warnings: problems.filter((p) => p.severity === 'warning'),
    counts,
    precision: common.policy.precision,
    lang: common.lang,
    color: common.color,
  };
  debugPhase('ranked');
  const render = await import('../render/score.js');
  const text =
    common.format === 'json'
      ? render.scoreJson({ ...input, seal: (await import('./seal.js')).sealOfSources('score', flags, common, sources, flags.roster ?? null) })
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
