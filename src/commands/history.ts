/** `evaluate history`: every semester of every year found, per staff member. */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { buildHistory } from '../core/history.js';
import { UsageError } from '../errors.js';
import { type Lang } from '../i18n/index.js';
import { wordsOfHistory } from '../i18n/history.js';
import { printable } from '../render/format.js';
import { type CommonFlags, addCommonOptions, emit, resolveCommon, debugPhase } from './common.js';
import { summaryOf } from './list.js';
import { readResults } from './results.js';
import { csvTree, unreadableText } from './tree.js';

interface HistoryFlags extends CommonFlags {
  bom?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('history')
    .summary(summaryOf('history'))
    .description(
      'Every semester found in the sheets, over any number of years, one row per\n' +
        'staff member: each semester\'s total and grade, the count of each grade, the\n' +
        'years of award candidacy and of non-renewal (both semesters excellent, both\n' +
        'unqualified), the longest run of unqualified semesters one after the other\n' +
        '(H2 and the next year\'s H1 are consecutive; a semester not scored ends a run)\n' +
        'and the trend (the last total minus the first). Someone not scored in a\n' +
        'semester (not yet hired, or gone) has an empty cell there, never a zero.',
    )
    .argument('<sheet_or_folder...>', 'scoring sheets (CSV): files, - for standard input, or folders (their *.csv, subfolders included)')
    .option('--bom', 'start CSV output with a UTF-8 BOM, for Excel');
  // xlsx joins these formats when the xlsx work lands (see render/history.ts).
  addCommonOptions(cmd, ['table', 'csv', 'json', 'md'], 'table');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate history fixtures/centers/公寓中心 --policy fixtures/policy.json
  $ evaluate history fixtures/2026-H1.csv fixtures/2026-H2.csv --format csv --bom --lang zh --out 历年评比.csv`,
  );
  cmd.action(async (sheets: string[], flags: HistoryFlags) => run(sheets, flags));
}

/** Folders become their *.csv files, subfolders included; a sheet there that cannot be read stops the run (exit 2). */
export function expandFolders(args: string[], lang: Lang): string[] {
  const w = wordsOfHistory(lang);
  const out: string[] = [];
  for (const arg of args) {
    let folder = false;
    try {
      folder = arg !== '-' && statSync(arg).isDirectory();
    } catch {
      // Not there: the reader names it.
    }
    if (!folder) {
      out.push(arg);
      continue;
    }
    const tree = csvTree(arg);
    if (tree.unreadable.length > 0) {
      throw new UsageError(tree.unreadable.map((u) => `${printable(u.file)}: error: ${unreadableText(u.reason, w)}`).join('\n'));
    }
    if (tree.files.length === 0) throw new UsageError(w.folderNoCsv(arg));
    for (const f of tree.files) out.push(f);
  }
  return out;
}

async function run(args: string[], flags: HistoryFlags): Promise<void> {
  const common = resolveCommon(flags);
  if (flags.bom && common.format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  debugPhase('start');
  const sheets = expandFolders(args, common.lang);
  const data = readResults({ sheets, common });
  debugPhase('read');
  const history = buildHistory(data.reports, common.policy);
  debugPhase('history');
  const render = await import('../render/history.js');
  const input = { history, precision: common.policy.precision, lang: common.lang, color: common.color };
  const text =
    common.format === 'json'
      ? render.historyJson(input)
      : common.format === 'csv'
        ? render.historyCsv(input, flags.bom === true)
        : common.format === 'md'
          ? render.historyMd(input)
          : render.historyTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
