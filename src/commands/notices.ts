/** `evaluate notices`: one result notice per staff member (HTML or PDF; one file, or one per person). */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { reportWords } from '../i18n/report.js';
import { printPdfs, requireBrowser } from '../io/browser.js';
import { planOutDir, writeOutDir } from '../io/out-dir.js';
import { addCommonOptions, emit } from './common.js';
import { type DocumentFlags, addDocumentOptions, documentCommon, readDocument, refuseDocumentToTerminal } from './documents.js';
import { newCommand } from './list.js';
import { commandWords } from '../i18n/commands.js';
import { helpWords } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';
import { printable } from '../render/format.js';

interface NoticesFlags extends DocumentFlags {
  outDir?: string;
  pdf?: boolean;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.notices;
  const cmd = newCommand(program, 'notices', lang).argument(...h.args.sheet);
  addDocumentOptions(cmd, lang);
  cmd.option(...h.options.outDir).option(...h.options.pdf);
  addCommonOptions(cmd, lang, ['html', 'pdf'], 'html');
  cmd.addHelpText('after', h.after);
  cmd.action(async (sheets: string[], flags: NoticesFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: NoticesFlags): Promise<void> {
  const common = documentCommon(flags);
  const e = reportWords[common.lang].error;
  if (flags.outDir !== undefined && common.out !== null) throw new UsageError(e.outAndOutDir);
  if (flags.pdf && flags.outDir === undefined) throw new UsageError(e.pdfNeedsOutDir);
  const format = flags.pdf ? 'pdf' : (common.format as 'html' | 'pdf');
  if (flags.outDir === undefined) refuseDocumentToTerminal(format, common);
  // No browser, no work: say so before reading anything.
  const browser = format === 'pdf' ? requireBrowser(common.lang) : null;
  const data = readDocument(sheets, flags, common);
  const [notices, { loadECharts }] = await Promise.all([import('../render/report/notices.js'), import('../render/report/charts.js')]);
  const input = {
    lang: common.lang,
    policy: common.policy,
    center: flags.center ?? null,
    reports: data.reports,
    year: data.year,
    committees: data.reports.map((r) => data.results.committee(r.semester)),
  };
  if (flags.outDir !== undefined) {
    const people = notices.noticePeople(input);
    const inputs = [...data.results.sources.map((s) => s.path ?? '-'), flags.roster ?? null, common.policyFile];
    const plan = planOutDir(flags.outDir, people.map((p) => p.staffId), format, common.force, inputs, common.lang);
    const docs = notices.noticeDocuments(input, await loadECharts()).map((d) => d.html);
    const contents = browser ? await printPdfs(browser, docs, common.lang) : docs;
    writeOutDir(plan, contents, common.force, common.lang);
    process.stderr.write(`${commandWords(common.lang).wroteNotices(people.length, printable(flags.outDir))}\n`);
    return;
  }
  const html = notices.noticesHtml(input, await loadECharts());
  await emit(browser ? (await printPdfs(browser, [html], common.lang))[0]! : html, common);
}
