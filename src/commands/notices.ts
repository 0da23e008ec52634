/** `evaluate notices`: one result notice per staff member (HTML or PDF; one file, or one per person). */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { reportWords } from '../i18n/report.js';
import { printPdfs, requireBrowser } from '../io/browser.js';
import { planOutDir, writeOutDir } from '../io/out-dir.js';
import { addCommonOptions, emit } from './common.js';
import { type DocumentFlags, addDocumentOptions, documentCommon, outputFormat, readDocument } from './documents.js';
import { summaryOf } from './list.js';

interface NoticesFlags extends DocumentFlags {
  outDir?: string;
  pdf?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('notices')
    .summary(summaryOf('notices'))
    .description(
      'Make the result notice (个人考评结果通知单) of each staff member: one A4 page per person, in staff id ' +
        "order, with only that person's results: the five method scores beside the center's mean of each (a " +
        'chart and a table), the total, the grade, the rank out of N, the reward or the penalty with its amount, ' +
        'the rectification due date, the year outcome when both semesters of a year are given ("undecided" where ' +
        'one is missing), the committee, and a line to sign as read and acknowledged.\n\n' +
        'One file with every notice (--out FILE.html or FILE.pdf), or one file per person (--out-dir DIR: ' +
        'DIR/<staff_id>.html, or .pdf with --pdf; characters outside [0-9A-Za-z._-] are percent-encoded in the ' +
        'name). PDFs are printed by a Chrome, Edge or Chromium installed here (EVALUATE_BROWSER if set, else the ' +
        'usual install places, then the PATH).',
    )
    .argument('<sheet...>', 'scoring sheets (CSV): files, - for standard input, or folders of *.csv');
  addDocumentOptions(cmd);
  cmd
    .option('--out-dir <dir>', 'write one file per staff member into this folder (created if missing), all or none')
    .option('--pdf', 'with --out-dir: PDF files instead of HTML');
  addCommonOptions(cmd, ['html', 'pdf'], 'html');
  cmd.addHelpText(
    'after',
    `
The format follows the --out file's extension (.html or .pdf) unless --format says it.
--force replaces existing files (--out, or the staff members' files in --out-dir).

Examples:
  $ evaluate notices fixtures/2026-H1.csv --policy fixtures/policy.json --lang zh --out notices-2026-H1.html
  $ evaluate notices fixtures/2026-H1.csv fixtures/2026-H2.csv --policy fixtures/policy.json --out-dir notices-2026 --pdf`,
  );
  cmd.action(async (sheets: string[], flags: NoticesFlags) => run(cmd, sheets, flags));
}

async function run(cmd: Command, sheets: string[], flags: NoticesFlags): Promise<void> {
  const common = documentCommon(flags);
  const e = reportWords[common.lang].error;
  if (flags.outDir !== undefined && common.out !== null) throw new UsageError(e.outAndOutDir);
  if (flags.pdf && flags.outDir === undefined) throw new UsageError(e.pdfNeedsOutDir);
  const format = flags.pdf ? 'pdf' : outputFormat(cmd, common, common.out);
  if (format === 'pdf' && !common.out && flags.outDir === undefined && process.stdout.isTTY) throw new UsageError(e.pdfToTerminal);
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
    const inputs = [...data.results.sources.map((s) => s.path), flags.roster ?? null, common.policyFile];
    const plan = planOutDir(flags.outDir, people.map((p) => p.staffId), format, common.force, inputs, common.lang);
    const docs = notices.noticeDocuments(input, await loadECharts()).map((d) => d.html);
    const contents = browser ? await printPdfs(browser, docs, common.lang) : docs;
    writeOutDir(plan, contents, common.force, common.lang);
    return;
  }
  const html = notices.noticesHtml(input, await loadECharts());
  await emit(browser ? (await printPdfs(browser, [html], common.lang))[0]! : html, common);
}
