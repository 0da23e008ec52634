/** `evaluate history`: every semester of every year found, per staff member. */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { buildHistory } from '../core/history.js';
import { UsageError } from '../errors.js';
import { type Lang } from '../i18n/index.js';
import { wordsOfHistory } from '../i18n/history.js';
import { printable } from '../render/format.js';
import { type CommonFlags, addCommonOptions, emit, resolveCommon, debugPhase } from './common.js';
import { newCommand } from './list.js';
import { commandWords } from '../i18n/commands.js';
import { helpWords } from '../i18n/help.js';
import { readResults } from './results.js';
import { csvTree, unreadableText } from './tree.js';
import { refuseXlsxToTerminal } from './workbook.js';
import { terminalColumns } from '../io/output.js';

interface HistoryFlags extends CommonFlags {
  bom?: boolean;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.history;
  const cmd = newCommand(program, 'history', lang)
    .argument(...h.args.sheet)
    .option(...h.options.bom);
  addCommonOptions(cmd, lang, ['table', 'csv', 'json', 'md', 'xlsx'], 'table');
  cmd.addHelpText('after', h.after);
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
  refuseXlsxToTerminal(common);
  if (flags.bom && common.format !== 'csv') throw new UsageError(commandWords(common.lang).bomCsvOnly);
  debugPhase('start');
  const sheets = expandFolders(args, common.lang);
  const data = readResults({ sheets, common });
  debugPhase('read');
  const history = buildHistory(data.reports, common.policy);
  debugPhase('history');
  const render = await import('../render/history.js');
  // The table fits the terminal it goes to (a file or a pipe gets it whole).
  const input = { history, precision: common.policy.precision, lang: common.lang, color: common.color, width: common.out === null ? terminalColumns() : null };
  const text =
    common.format === 'json'
      ? render.historyJson(input)
      : common.format === 'xlsx'
        ? await (await import('../render/xlsx.js')).historyXlsx(input)
      : common.format === 'csv'
        ? render.historyCsv(input, flags.bom === true)
        : common.format === 'md'
          ? render.historyMd(input)
          : render.historyTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
