/** `evaluate panel`: rater consistency for one semester, before the committee signs. */
import type { Command } from 'commander';
import { DEFAULT_POLICY } from '../core/policy.js';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, debugPhase, emit, parseSemesterOption, resolveCommon } from './common.js';
import { readResults } from './results.js';
import { terminalColumns } from '../io/output.js';
import { newCommand } from './list.js';
import { commandWords } from '../i18n/commands.js';
import { helpWords } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';

interface PanelFlags extends CommonFlags {
  semester?: string;
}

export function register(program: Command, lang: Lang): void {
  const w = helpWords(lang);
  const h = w.commands.panel;
  const cmd = newCommand(program, 'panel', lang)
    .argument(...h.args.sheet)
    .option(...h.options.semester);
  addCommonOptions(cmd, lang, ['table', 'json'], 'table');
  cmd.addHelpText('after', w.panelAfter(DEFAULT_POLICY.panel));
  cmd.action(async (sheets: string[], flags: PanelFlags) => run(sheets, flags));
}

/** The semester to report: --semester, else the only one the sheets hold. */
function pick(held: string[], option: string | null, lang: Lang): string {
  const w = commandWords(lang);
  if (option) {
    if (!held.includes(option)) throw new UsageError(w.noScoresFor(option, held));
    return option;
  }
  if (held.length > 1) throw new UsageError(w.severalSemesters(held));
  if (held.length === 0) throw new UsageError(w.noScores);
  return held[0]!;
}

async function run(sheets: string[], flags: PanelFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semester = parseSemesterOption(flags.semester, common.lang);
  const results = readResults({ sheets, common, semester, semesterFillsOnly: true, keepScores: true });
  const chosen = pick(results.reports.map((r) => r.semester), semester, common.lang);
  const report = results.panel(chosen);
  debugPhase('compared');
  const render = await import('../render/panel.js');
  // The table fits the terminal it goes to (a file or a pipe gets it whole).
  const width = common.out === null ? terminalColumns() : null;
  const input = { report, lang: common.lang, color: common.color, width, seal: common.format === 'json' ? (await import('./seal.js')).sealFor('panel', flags, common, results.inputs()) : undefined };
  const text = common.format === 'json' ? render.panelJson(input) : render.panelTable(input);
  debugPhase('rendered');
  await emit(text, common);
  debugPhase('written');
}
