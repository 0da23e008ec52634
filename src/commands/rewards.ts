/** `evaluate rewards`: the lists HR acts on, ready for Excel. */
import type { Command } from 'commander';
import { commandWords } from '../i18n/commands.js';
import type { Lang } from '../i18n/index.js';
import { helpWords } from '../i18n/help.js';
import { newCommand } from './list.js';
import { Option } from 'commander';
import { type RewardsOnly, REWARDS_ONLY, rewardsFilter } from '../core/year.js';
import { addCommonOptions, debugPhase, emit, resolveCommon } from './common.js';
import { parseYearOption, readYear, warnUnset } from './results.js';
import type { CommonFlags } from './common.js';
import { UsageError } from '../errors.js';
import { sealFor } from './seal.js';
import { refuseXlsxToTerminal } from './workbook.js';
import { terminalColumns } from '../io/output.js';

interface RewardsFlags extends CommonFlags {
  year?: string;
  roster?: string;
  bom?: boolean;
  only?: RewardsOnly;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.rewards;
  const cmd = newCommand(program, 'rewards', lang)
    .argument(...h.args.sheet)
    .option(...h.options.year)
    .addOption(new Option(...h.options.only).choices([...REWARDS_ONLY]))
    .option(...h.options.roster)
    .option(...h.options.bom);
  addCommonOptions(cmd, lang, ['csv', 'table', 'json', 'md', 'xlsx'], 'csv');
  cmd.addHelpText('after', h.after);
  cmd.action(async (sheets: string[], flags: RewardsFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: RewardsFlags): Promise<void> {
  const common = resolveCommon(flags);
  const year = flags.year === undefined ? null : parseYearOption(flags.year, common.lang);
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError(commandWords(common.lang).bomCsvOnly);
  debugPhase('start');
  const data = readYear({ sheets, common, roster: flags.roster ?? null }, year);
  debugPhase('read');
  const only = flags.only ?? null;
  const outcomes = data.outcomes.filter(rewardsFilter(only));
  warnUnset(outcomes, common);
  debugPhase('warned');
  const render = await import('../render/rewards.js');
  const input = {
    year: data.year,
    only,
    outcomes,
    precision: common.policy.precision,
    lang: common.lang,
    color: common.color,
    // The table fits the terminal it goes to (a file or a pipe gets it whole, 120 columns).
    width: common.out === null ? terminalColumns() : null,
  };
  const text =
    common.format === 'json'
      ? render.rewardsJson({ ...input, seal: sealFor('rewards', flags, common, data.results.inputs()) })
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).rewardsXlsx(input)
      : common.format === 'table'
        ? render.rewardsTable(input)
        : common.format === 'md'
          ? render.rewardsMd(input)
          : render.rewardsCsv(input, flags.bom === true, true);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
