/** `evaluate diff`: who changed between two JSON reports of the same command (an appeal, a corrected sheet). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { diffReports } from '../core/diff.js';
import { DataError, UsageError } from '../errors.js';
import { auditWords } from '../i18n/audit.js';
import { type CommonFlags, addCommonOptions, emit, precheckOut, resolveCommon } from './common.js';
import { summaryOf } from './list.js';

interface DiffFlags extends CommonFlags {
  bom?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('diff')
    .summary(summaryOf('diff'))
    .description(
      'Compare two JSON reports of the same command (evaluate score, or evaluate year)\n' +
        'and list everyone whose result changed, with the value before and after, and\n' +
        'who was added or removed:\n' +
        '  score: rank, total, grade, reward, penalty, rectifyBy (per semester)\n' +
        '  year:  h1, h2 (total and grade), awardCandidate, nonRenewal, rectification,\n' +
        '         rewardTotal, penaltyTotal\n' +
        'Exit 0 when nothing changed, 1 when something did, 2 when the two are not reports of the same command.',
    )
    .argument('<before>', 'the earlier report (JSON, as written by --format json)')
    .argument('<after>', 'the later report, e.g. after a corrected sheet')
    .option('--bom', 'start CSV output with a UTF-8 BOM, for Excel');
  addCommonOptions(cmd, ['table', 'csv', 'json', 'md'], 'table', false);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate score fixtures/2026-H1.csv --format json --out before.json
  $ evaluate score fixtures/2026-H1.csv --policy fixtures/policy.json --format json --out after.json
  $ evaluate diff before.json after.json
  $ evaluate diff before.json after.json --lang zh --format csv --bom --out changes.csv`,
  );
  cmd.action(async (before: string, after: string, flags: DiffFlags) => run(before, after, flags));
}

function readReport(file: string, w: ReturnType<typeof auditWords>): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(w.diff.unreadable(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(w.diff.notJson(file));
  }
}

async function run(beforeFile: string, afterFile: string, flags: DiffFlags): Promise<void> {
  const common = resolveCommon(flags);
  if (flags.bom && common.format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  precheckOut(common, [beforeFile, afterFile]);
  const w = auditWords(common.lang);
  const diff = diffReports(readReport(beforeFile, w), readReport(afterFile, w));
  if ('problem' in diff) {
    switch (diff.problem) {
      case 'not-a-report':
        throw new UsageError(w.diff.notAReport(diff.which === 'before' ? beforeFile : afterFile));
      case 'different-commands':
        throw new UsageError(w.diff.different(diff.before, diff.after));
      case 'not-diffable':
        throw new UsageError(w.diff.notDiffable(diff.kind));
    }
  }
  const render = await import('../render/diff.js');
  const input = { diff, before: beforeFile, after: afterFile, lang: common.lang, color: common.color };
  const text =
    common.format === 'json'
      ? render.diffJson(input)
      : common.format === 'csv'
        ? render.diffCsv(input, flags.bom === true)
        : common.format === 'md'
          ? render.diffMd(input)
          : render.diffTable(input);
  await emit(text, common);
  // Like diff(1): 1 when the two differ. Nothing more is printed: the report says what changed.
  if (diff.changes.length > 0 || diff.added.length > 0 || diff.removed.length > 0) throw new DataError([]);
}
