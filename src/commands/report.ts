/** `evaluate report`: the committee's printable report (HTML, or PDF printed by an installed browser). */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { reportWords } from '../i18n/report.js';
import { printPdfs, requireBrowser } from '../io/browser.js';
import { addCommonOptions, emit } from './common.js';
import { type DocumentFlags, addDocumentOptions, documentCommon, outputFormat, readDocument } from './documents.js';
import { summaryOf } from './list.js';

export function register(program: Command): void {
  const version = program.version() ?? '';
  const cmd = program
    .command('report')
    .summary(summaryOf('report'))
    .description(
      "Make the committee's report of one semester, or of both semesters of a year: one self-contained A4 " +
        'document to print, sign and post. In order: a summary with charts (grades, the distribution of totals ' +
        "with the grade bands, each method's mean, each post's mean), the ranking (as `evaluate score`), rewards, " +
        'penalties and due dates with their amounts, the year outcomes (both semesters only), the raters\' ' +
        'consistency (leniency, flags, ICC), a signature line for each committee member found in the sheets, and ' +
        'an appendix: the rules applied, each input file with its SHA-256, the tool version.\n\n' +
        'HTML (the default) opens and prints in any browser; it holds no script and loads nothing. For a PDF ' +
        '(--out FILE.pdf) the HTML is printed by a Chrome, Edge or Chromium installed here: EVALUATE_BROWSER if ' +
        'set (the only one tried), else the usual install places, then the PATH. No browser is ever downloaded.',
    )
    .argument('<sheet...>', 'scoring sheets (CSV): files, - for standard input, or folders of *.csv');
  addDocumentOptions(cmd);
  addCommonOptions(cmd, ['html', 'pdf'], 'html');
  cmd.addHelpText(
    'after',
    `
The format follows the --out file's extension (.html or .pdf) unless --format says it.

Examples:
  $ evaluate report fixtures/2026-H1.csv --policy fixtures/policy.json --center 学生公寓管理服务中心 --lang zh --out report-2026-H1.html
  $ evaluate report fixtures/2026-H1.csv fixtures/2026-H2.csv --roster fixtures/roster.csv --policy fixtures/policy.json --out report-2026.pdf`,
  );
  cmd.action(async (sheets: string[], flags: DocumentFlags) => run(cmd, sheets, flags, version));
}

async function run(cmd: Command, sheets: string[], flags: DocumentFlags, version: string): Promise<void> {
  const common = documentCommon(flags);
  const format = outputFormat(cmd, common, common.out);
  if (format === 'pdf' && !common.out && process.stdout.isTTY) throw new UsageError(reportWords[common.lang].error.pdfToTerminal);
  // No browser, no work: say so before reading anything.
  const browser = format === 'pdf' ? requireBrowser(common.lang) : null;
  const data = readDocument(sheets, flags, common);
  const [{ reportHtml }, { loadECharts }] = await Promise.all([import('../render/report/report.js'), import('../render/report/charts.js')]);
  const html = reportHtml(
    {
      lang: common.lang,
      policy: common.policy,
      policyFile: common.policyFile,
      center: flags.center ?? null,
      reports: data.reports,
      year: data.year,
      panels: data.reports.map((r) => data.results.panel(r.semester)),
      committees: data.reports.map((r) => data.results.committee(r.semester)),
      inputs: data.results.inputs(),
      warnings: data.results.warnings,
      version,
    },
    await loadECharts(),
  );
  await emit(browser ? (await printPdfs(browser, [html], common.lang))[0]! : html, common);
}
