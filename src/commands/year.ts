/** `evaluate year`: both semesters of a year side by side and the year consequences. */
import type { Command } from 'commander';
import { commandWords } from '../i18n/commands.js';
import type { Lang } from '../i18n/index.js';
import { helpWords } from '../i18n/help.js';
import { newCommand } from './list.js';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, debugPhase, emit, resolveCommon } from './common.js';
import { parseYearOption, readYear, warnUnset } from './results.js';
import { sealFor } from './seal.js';
import { refuseXlsxToTerminal } from './workbook.js';
import { terminalColumns } from '../io/output.js';

export interface YearFlags extends CommonFlags {
  year?: string;
  roster?: string;
  bom?: boolean;
}
export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.year;
  const cmd = newCommand(program, 'year', lang)
    .argument(...h.args.sheet)
    .option(...h.options.year)
    .option(...h.options.roster)
    .option(...h.options.bom);
  addCommonOptions(cmd, lang, ['table', 'csv', 'json', 'md', 'xlsx'], 'table');
  cmd.addHelpText('after', h.after);
  cmd.action(async (sheets: string[], flags: YearFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: YearFlags): Promise<void> {
  const common = resolveCommon(flags);
  const year = flags.year === undefined ? null : parseYearOption(flags.year, common.lang);
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError(commandWords(common.lang).bomCsvOnly);
  debugPhase('start');
  const data = readYear({ sheets, common, roster: flags.roster ?? null }, year);
  debugPhase('read');
  warnUnset(data.outcomes, common);
  debugPhase('warned');
  const render = await import('../render/year.js');
  const input = {
    year: data.year,
    outcomes: data.outcomes,
    precision: common.policy.precision,
    lang: common.lang,
    color: common.color,
    // The table fits the terminal it goes to (a file or a pipe gets it whole).
    width: common.out === null ? terminalColumns() : null,
  };
  const text =
    common.format === 'json'
      ? render.yearJson({ ...input, seal: sealFor('year', flags, common, data.results.inputs()) })
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).yearXlsx(input)
      : common.format === 'csv'
        ? render.yearCsv(input, flags.bom === true, true)
        : common.format === 'md'
          ? render.yearMd(input)
          : render.yearTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
