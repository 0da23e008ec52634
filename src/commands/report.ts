/** `evaluate report`: the committee's printable report (HTML, or PDF printed by an installed browser). */
import type { Command } from 'commander';
import { printPdfs, requireBrowser } from '../io/browser.js';
import { addCommonOptions, emit } from './common.js';
import { type DocumentFlags, addDocumentOptions, documentCommon, readDocument, refuseDocumentToTerminal } from './documents.js';
import { newCommand } from './list.js';
import { helpWords } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';

export function register(program: Command, lang: Lang): void {
  const version = program.version() ?? '';
  const h = helpWords(lang).commands.report;
  const cmd = newCommand(program, 'report', lang).argument(...h.args.sheet);
  addDocumentOptions(cmd, lang);
  addCommonOptions(cmd, lang, ['html', 'pdf'], 'html');
  cmd.addHelpText('after', h.after);
  cmd.action(async (sheets: string[], flags: DocumentFlags) => run(sheets, flags, version));
}

async function run(sheets: string[], flags: DocumentFlags, version: string): Promise<void> {
  const common = documentCommon(flags);
  const format = common.format as 'html' | 'pdf';
  refuseDocumentToTerminal(format, common);
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
