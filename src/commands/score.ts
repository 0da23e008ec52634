/** `evaluate score`: the semester report. */
import type { Command } from 'commander';
import { commandWords } from '../i18n/commands.js';
import type { Lang } from '../i18n/index.js';
import { helpWords } from '../i18n/help.js';
import { newCommand } from './list.js';
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, debugPhase, emit, parseSemesterOption, resolveCommon } from './common.js';
import { readResults } from './results.js';
import { refuseXlsxToTerminal } from './workbook.js';
import { terminalColumns } from '../io/output.js';

interface ScoreFlags extends CommonFlags {
  semester?: string;
  roster?: string;
  groupBy?: string;
  bom?: boolean;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.score;
  const cmd = newCommand(program, 'score', lang)
    .argument(...h.args.sheet)
    .option(...h.options.semester)
    .option(...h.options.roster)
    .addOption(new Option(...h.options.groupBy).choices(['post']))
    .option(...h.options.bom);
  addCommonOptions(cmd, lang, ['table', 'csv', 'json', 'md', 'xlsx'], 'table');
  cmd.addHelpText('after', h.after);
  cmd.action(async (sheets: string[], flags: ScoreFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: ScoreFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semester = parseSemesterOption(flags.semester, common.lang);
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError(commandWords(common.lang).bomCsvOnly);
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
    // The table fits the terminal it goes to (a file or a pipe gets it whole).
    width: common.out === null ? terminalColumns() : null,
  };
  const render = await import('../render/score.js');
  const text =
    common.format === 'json'
      ? render.scoreJson({ ...input, seal: (await import('./seal.js')).sealFor('score', flags, common, results.inputs()) })
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).scoreXlsx(input)
      : common.format === 'csv'
        ? render.scoreCsv(input, flags.bom === true, true)
        : common.format === 'md'
          ? render.scoreMd(input)
          : render.scoreTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
