/** `evaluate year`: both semesters of a year side by side and the year consequences. */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, debugPhase, emit, resolveCommon } from './common.js';
import { summaryOf } from './list.js';
import { parseYearOption, readYear, warnUnset } from './results.js';
import { sealFor } from './seal.js';
import { refuseXlsxToTerminal } from './workbook.js';

export interface YearFlags extends CommonFlags {
  year?: string;
  roster?: string;
  bom?: boolean;
}
export function register(program: Command): void {
  const cmd = program
    .command('year')
    .summary(summaryOf('year'))
    .description(
      'Score H1 and H2 of one year (sheets of other years are ignored with a warning),\n' +
        'put both semesters side by side and apply the year rules:\n' +
        '  excellent in both        -> award candidate, and the annual bonus\n' +
        '  unqualified in both      -> not renewed (and no rectification)\n' +
        '  unqualified in just one  -> rectification, with that semester\'s penalty\n' +
        '  one semester not scored  -> incomplete: the year is not decided',
    )
    .argument('<sheet...>', 'scoring sheets (CSV) of both semesters: files, - for standard input, or folders of *.csv')
    .option('--year <yyyy>', 'the calendar year to decide (2026); default: the year of the sheets, when they hold one')
    .option('--roster <file>', 'roster (staff_id,name,post): someone on it without scores in a semester is incomplete (a warning)')
    .option('--bom', 'start CSV output with a UTF-8 BOM, for Excel');
  addCommonOptions(cmd, ['table', 'csv', 'json', 'md', 'xlsx'], 'table');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate year fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 --policy fixtures/policy.json
  $ evaluate year fixtures/2026-*.csv --year 2026 --roster fixtures/roster.csv --lang zh --format json --out year-2026.json`,
  );
  cmd.action(async (sheets: string[], flags: YearFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: YearFlags): Promise<void> {
  const common = resolveCommon(flags);
  const year = flags.year === undefined ? null : parseYearOption(flags.year);
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  debugPhase('start');
  const data = readYear({ sheets, common, roster: flags.roster ?? null }, year);
  debugPhase('read');
  warnUnset(data.outcomes, common);
  debugPhase('warned');
  const render = await import('../render/year.js');
  const input = { year: data.year, outcomes: data.outcomes, precision: common.policy.precision, lang: common.lang, color: common.color };
  const text =
    common.format === 'json'
      ? render.yearJson({ ...input, seal: sealFor('year', flags, common, data.results.inputs()) })
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).yearXlsx(input)
      : common.format === 'csv'
        ? render.yearCsv(input, flags.bom === true)
        : common.format === 'md'
          ? render.yearMd(input)
          : render.yearTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
