/** `evaluate diff`: who changed between two JSON reports of the same command (an appeal, a corrected sheet). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { diffReports, sealedPolicy, totalDecimals } from '../core/diff.js';
import { DEFAULT_POLICY, type Policy } from '../core/policy.js';
import { DataError, UsageError } from '../errors.js';
import { auditWords } from '../i18n/audit.js';
import { fileProblem } from '../i18n/files.js';
import { loadPolicy } from '../io/policy-file.js';
import { type Common, type CommonFlags, addCommonOptions, emit, precheckOut, resolveCommon } from './common.js';
import { newCommand } from './list.js';
import { commandWords } from '../i18n/commands.js';
import { helpWords } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';
import { policyHash } from './seal.js';

interface DiffFlags extends CommonFlags {
  bom?: boolean;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.diff;
  const cmd = newCommand(program, 'diff', lang)
    .argument(...h.args.before)
    .argument(...h.args.after)
    .option(...h.options.bom);
  addCommonOptions(cmd, lang, ['table', 'csv', 'json', 'md'], 'table', false);
  cmd.addHelpText('after', h.after);
  cmd.action(async (before: string, after: string, flags: DiffFlags) => run(before, after, flags));
}

function readReport(file: string, w: ReturnType<typeof auditWords>, lang: Lang): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(w.diff.unreadable(file, fileProblem(e, lang)));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(w.diff.notJson(file));
  }
}

/**
 * The precision a report's totals were rounded to, so that they are shown with exactly that many
 * decimals (SPEC: `90.0`, not `90`). A JSON report does not write it, but its seal holds the hash of
 * the policy: the precision is that of the policy known here with that hash (the built-in one, the
 * policy in force, the sealed file as it is now). Otherwise (no seal, a policy no longer at hand) it
 * is the most decimals any of the report's totals has, and no fewer than the policy in force gives.
 */
function precisionOf(doc: unknown, common: Common): number {
  const sealed = sealedPolicy(doc);
  if (sealed) {
    const known: (() => Policy)[] = [() => DEFAULT_POLICY, () => common.policy];
    if (sealed.source !== 'built-in') known.push(() => loadPolicy(sealed.source, { lang: common.lang }).policy);
    for (const policy of known) {
      try {
        const p = policy();
        if (policyHash(p) === sealed.sha256) return p.precision;
      } catch {
        // The sealed policy file is gone or no longer valid: the totals tell.
      }
    }
  }
  return Math.max(common.policy.precision, totalDecimals(doc));
}

async function run(beforeFile: string, afterFile: string, flags: DiffFlags): Promise<void> {
  const common = resolveCommon(flags);
  if (flags.bom && common.format !== 'csv') throw new UsageError(commandWords(common.lang).bomCsvOnly);
  precheckOut(common, [beforeFile, afterFile]);
  const w = auditWords(common.lang);
  const docs = [readReport(beforeFile, w, common.lang), readReport(afterFile, w, common.lang)] as const;
  const diff = diffReports(...docs);
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
  // JSON keeps the numbers as the reports hold them; the precision is for the other formats.
  const precision = common.format === 'json' ? null : { before: precisionOf(docs[0], common), after: precisionOf(docs[1], common) };
  const input = { diff, before: beforeFile, after: afterFile, precision, lang: common.lang, color: common.color };
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
