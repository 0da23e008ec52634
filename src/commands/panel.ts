/** `evaluate panel`: rater consistency for one semester, before the committee signs. */
import type { Command } from 'commander';
import { DEFAULT_POLICY } from '../core/policy.js';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, emit, parseSemesterOption, resolveCommon } from './common.js';
import { readResults } from './results.js';
import { summaryOf } from './list.js';

interface PanelFlags extends CommonFlags {
  semester?: string;
}

const t = DEFAULT_POLICY.panel;

export function register(program: Command): void {
  const cmd = program
    .command('panel')
    .summary(summaryOf('panel'))
    .description(
      'Check the committee\'s raters against each other for one semester: each rater\'s mean, standard ' +
        'deviation, leniency and correlation against the other raters on the same staff; single scores far ' +
        'from the others\'; staff on whom the raters disagree; and the inter-rater reliability (ICC).',
    )
    .argument('<sheet...>', 'scoring sheets (CSV): files, - for standard input, or folders of *.csv')
    .option('--semester <id>', 'the semester to check when the sheets hold several; also the semester of rows without one');
  addCommonOptions(cmd, ['table', 'json'], 'table');
  cmd.addHelpText(
    'after',
    `
What is measured (a rater's total: the sum of the methods the rater scores):
  mean, sd     of the rater's totals; sd is the sample standard deviation (n-1)
  leniency     the mean, over the staff the rater scored, of the rater's total
               minus the other raters' median on the same staff (method by
               method; a median, so that one extreme rater does not make the
               others look severe); positive is lenient, negative severe
  correlation  Pearson, the rater's totals against the other raters' medians
  spread       per staff member, the highest minus the lowest rater total (of
               the raters who score every method)

Flags, thresholds in the policy's "panel" section [default]:
  lenient, severe   leniency above +panel.leniency or below -panel.leniency [${t.leniency}]
  identical-scores  the same five scores, or the same total, for at least
                    panel.identicalShare of the staff the rater scored [${t.identicalShare}]
                    (from 3 staff on)
  outlier scores    one score more than panel.outlierPoints points [${t.outlierPoints}] AND
                    more than panel.outlierSd standard deviations [${t.outlierSd}] from the
                    other raters' median on the same person and method (at least
                    2 other raters). The SD is the method's pooled within-person
                    SD: how far raters usually lie from a person's mean this
                    semester. Both must hold: a gap ordinary for this panel, or
                    one too small to move a grade, is not an outlier.
  high-spread       a staff member's spread above panel.spread points [${t.spread}]

Inter-rater reliability, per method and for the total, over the staff scored by
every rater of it (for the total: the raters who score every method):
ICC(2,k) ("icc") and ICC(2,1) ("iccSingle"), two-way random
effects, absolute agreement (Shrout & Fleiss 1979 case 2; McGraw & Wong 1996
ICC(A,k), ICC(A,1)), from the two-way ANOVA mean squares of staff (MSR),
raters (MSC) and error (MSE), for n staff and k raters:
  ICC(2,1) = (MSR - MSE) / (MSR + (k-1)·MSE + k·(MSC - MSE)/n)
  ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE)/n)
ICC(2,k): how well the panel's average would be reproduced by a panel like it;
ICC(2,1): how well one rater alone would agree. In plain words (Koo & Li 2016,
on ICC(2,k)): below 0.5 poor, 0.5 to 0.75 moderate, 0.75 to 0.9 good, 0.9 and
above excellent agreement. n/a (JSON null) where undefined: no variance, or
fewer than 2 staff or 2 raters.

Examples:
  $ evaluate panel fixtures/2026-H1.csv
  $ evaluate panel fixtures/2026-H1.csv fixtures/2026-H2.csv --semester 2026-H2 --lang zh
  $ evaluate panel fixtures/2026-H1.csv --policy fixtures/policy.json --format json`,
  );
  cmd.action(async (sheets: string[], flags: PanelFlags) => run(sheets, flags));
}

/** The semester to report: --semester, else the only one the sheets hold. */
function pick(held: string[], option: string | null): string {
  if (option) {
    if (!held.includes(option)) throw new UsageError(`the sheets hold no scores for ${option} (they hold ${held.join(', ') || 'none'})`);
    return option;
  }
  if (held.length > 1) throw new UsageError(`the sheets hold ${held.join(' and ')}: choose one with --semester`);
  if (held.length === 0) throw new UsageError('the sheets hold no scores');
  return held[0]!;
}

async function run(sheets: string[], flags: PanelFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semester = parseSemesterOption(flags.semester);
  const results = readResults({ sheets, common, semester, semesterFillsOnly: true, keepScores: true });
  const chosen = pick(results.reports.map((r) => r.semester), semester);
  const report = results.panel(chosen);
  const render = await import('../render/panel.js');
  const input = { report, lang: common.lang, color: common.color, seal: common.format === 'json' ? (await import('./seal.js')).sealFor('panel', flags, common, results.inputs()) : undefined };
  await emit(common.format === 'json' ? render.panelJson(input) : render.panelTable(input), common);
}
