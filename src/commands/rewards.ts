/** `evaluate rewards`: the lists HR acts on, ready for Excel. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { type RewardsOnly, REWARDS_ONLY, rewardsFilter } from '../core/year.js';
import { addCommonOptions, emit, resolveCommon } from './common.js';
import { parseYearOption, readYear, warnUnset } from './results.js';
import type { CommonFlags } from './common.js';
import { UsageError } from '../errors.js';
import { summaryOf } from './list.js';
import { sealFor } from './seal.js';
import { refuseXlsxToTerminal } from './workbook.js';

interface RewardsFlags extends CommonFlags {
  year?: string;
  roster?: string;
  bom?: boolean;
  only?: RewardsOnly;
}

export function register(program: Command): void {
  const cmd = program
    .command('rewards')
    .summary(summaryOf('rewards'))
    .description(
      'The lists HR acts on: everyone of the year with a semester reward, the\n' +
        'annual bonus, a penalty, award candidacy or non-renewal (nobody else), one\n' +
        'row each: the amounts per semester and in total, the rectification due date\n' +
        'and the reason. CSV by default, for Excel: amounts are numbers, 0 where\n' +
        'nothing is due; where the policy leaves an amount unset the cell is empty\n' +
        'and a warning names the amount to set.',
    )
    .argument('<sheet...>', 'scoring sheets (CSV) of both semesters: files, - for standard input, or folders of *.csv')
    .option('--year <yyyy>', 'the calendar year (2026); default: the year of the sheets, when they hold one')
    .addOption(new Option('--only <list>', 'only one list').choices([...REWARDS_ONLY]))
    .option('--roster <file>', 'roster (staff_id,name,post): someone on it without scores in a semester is incomplete (a warning)')
    .option('--bom', 'start CSV output with a UTF-8 BOM, for Excel');
  addCommonOptions(cmd, ['csv', 'table', 'json', 'md', 'xlsx'], 'csv');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate rewards fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 --policy fixtures/policy.json --lang zh --bom --out 2026-奖惩.csv
  $ evaluate rewards fixtures/2026-*.csv --year 2026 --policy fixtures/policy.json --only award-candidates --format table`,
  );
  cmd.action(async (sheets: string[], flags: RewardsFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: RewardsFlags): Promise<void> {
  const common = resolveCommon(flags);
  const year = flags.year === undefined ? null : parseYearOption(flags.year);
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  const data = readYear({ sheets, common, roster: flags.roster ?? null }, year);
  const only = flags.only ?? null;
  const outcomes = data.outcomes.filter(rewardsFilter(only));
  warnUnset(outcomes, common);
  const render = await import('../render/rewards.js');
  const input = { year: data.year, only, outcomes, precision: common.policy.precision, lang: common.lang, color: common.color };
  const text =
    common.format === 'json'
      ? render.rewardsJson({ ...input, seal: sealFor('rewards', flags, common, data.results.inputs()) })
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).rewardsXlsx(input)
      : common.format === 'table'
        ? render.rewardsTable(input)
        : common.format === 'md'
          ? render.rewardsMd(input)
          : render.rewardsCsv(input, flags.bom === true);
  await emit(text, common);
}
