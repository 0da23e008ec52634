/**
 * The words of `--help`, English and Chinese, with the same keys: each command's summary,
 * description, arguments, options and examples, the program's own, and commander's words (its
 * headings, its notes on choices and defaults, its errors). An option is given as its flags and its
 * text: the flags' placeholder (`<file>`, `<文件>`) is a word too; the option's name never changes.
 */
import type { Lang } from './index.js';

/** Flags and text of an option (or name and text of an argument), as commander takes them. */
type Item = readonly [flags: string, text: string];

interface CommandHelp {
  /** The arguments as the program's list of commands shows them (`<sheet...>`). */
  usage: string;
  summary: string;
  description: string;
  args: Record<string, Item>;
  options: Record<string, Item>;
  /** Printed after the options: notes and examples. */
  after: string;
}

const SHEETS_EN = 'scoring sheets (CSV): files, - for standard input, or folders of *.csv';
const ROSTER_EN = 'roster (staff_id,name,post): everyone on it must be scored, everyone scored must be on it';
const ROSTER_YEAR_EN = 'roster (staff_id,name,post): someone on it without scores in a semester is incomplete (a warning), in both an error';
const BOM_EN = 'start CSV output with a UTF-8 BOM, for Excel';
const GROUP_BY_EN = 'rank within each post (building)';

const SHEETS_ZH = '评分表（CSV）：文件，- 表示标准输入，或文件夹（读取其中的 *.csv）';
const ROSTER_ZH = '花名册（staff_id,name,post，即工号、姓名、岗位）：花名册上的人都必须有评分，有评分的人都必须在花名册上';
const ROSTER_YEAR_ZH = '花名册（工号、姓名、岗位）：花名册上的人某学期没有评分，记为年度不完整（警告），两个学期都没有评分则为错误';
const BOM_ZH = 'CSV 输出开头加 UTF-8 BOM，方便 Excel 打开';
const GROUP_BY_ZH = '在各岗位（楼栋）内分别排名';

/** An argument of a command as its help shows it (`<之后>`) and its text: what a missing one is. */
export interface ArgumentShown {
  term: string;
  description: string;
}

/** The argument of the failing command named so by commander, if it has one. */
export type ArgumentOf = (name: string) => ArgumentShown | undefined;

/** Thresholds of `evaluate panel` as its help shows them (the built-in policy's). */
export interface PanelDefaults {
  leniency: number;
  identicalShare: number;
  outlierPoints: number;
  outlierSd: number;
  spread: number;
}

// Made when first asked, in the one language asked for: two large tables of text are not built at every start.
function makeEn() {
  return {
    program: {
      description:
        'Staff evaluation for the student-apartment service center (学生公寓管理服务中心业务评比): ' +
        "score the committee's sheets, grade and rank the staff, and list rewards and penalties.",
      after: `
  Common options, before or after the command's name (see its --help):
    --lang <lang>       the language: en or zh (default: from LANG)
    --policy <file>     the policy (default: evaluate.config.json here, else
                        the built-in rules)
    --format <format>   table, csv, json or md; xlsx, html or pdf where offered
    --out <file>        write the report to this file, not to standard output
    --force             replace an existing --out file
    --no-color          no colors (as when NO_COLOR is set)
    --encoding <name>   the sheets' encoding: utf8 or gbk (default: detected)
    --delimiter <char>  the sheets' cell separator (default: ,; tab or \\t)
    --verbose           list every missing score of a blank sheet

  Exit codes: 0 done; 1 the data has problems (nothing written);
  2 usage or policy error.
  Problems go to standard error as FILE:LINE:COLUMN: error: MESSAGE.
  The report goes to standard output.

  Examples:
    $ evaluate score fixtures/2026-H1.csv
    $ evaluate --lang zh score fixtures/2026-H2.csv \\
        --roster fixtures/roster.csv --policy fixtures/policy.json

  Run "evaluate <command> --help" for a command's options and examples.`,
      version: 'output the version number',
      help: 'display help for command',
      helpCommand: ['help [command]', 'display help for command'] as Item,
    },
    /** commander's own words in the help: its headings, and its notes after an option's text. */
    commander: {
      titles: { 'Usage:': 'Usage:', 'Options:': 'Options:', 'Commands:': 'Commands:', 'Arguments:': 'Arguments:', 'Global Options:': 'Global Options:' } as Record<string, string>,
      usage: (usage: string) => usage,
      choices: (list: readonly string[]) => `choices: ${list.map((c) => JSON.stringify(c)).join(', ')}`,
      default: (value: string) => `default: ${value}`,
      /** The note after an option's text (its choices, its default), with the space before it. */
      note: (parts: string[]) => ` (${parts.join(', ')})`,
      /** The help as commander puts it together, finished: English as it is. */
      finish: (help: string) => help,
    },
    common: {
      policy: ['--policy <file>', 'policy file (default: evaluate.config.json here, else the built-in rules)'] as Item,
      lang: ['--lang <lang>', 'language of the words in the report (default: from LANG)'] as Item,
      format: ['--format <format>', 'output format'] as Item,
      /** `named`: the extensions that choose the format of the file (.xlsx, or .html and .pdf), those the command writes. */
      out: (named: readonly string[]): Item => [
        '--out <file>',
        'write the report to this file (atomically) instead of standard output' +
          (named.length ? `; a file named ${named.join(' or ')} is written in that format, another name takes --format` : ''),
      ],
      force: ['--force', 'replace an existing --out file'] as Item,
      noColor: ['--no-color', 'no colors, also when NO_COLOR is set or the output is not a terminal'] as Item,
      encoding: ['--encoding <name>', "force the sheets' encoding: utf8 or gbk (default: detected)"] as Item,
      delimiter: ['--delimiter <char>', 'cell separator of the sheets (tab or \\t for a tab)'] as Item,
      verbose: ['--verbose', 'list every missing score of a blank sheet (by default one problem says the sheet is blank)'] as Item,
    },
    /** --year --semester --roster --group-by --center of `report` and `notices`. */
    document: {
      year: ['--year <yyyy>', 'the year: both semesters of it make the year report (default: the year of the sheets when they hold H1 and H2 of one year)'] as Item,
      semester: ['--semester <id>', 'the semester, when the sheets hold several; also the semester of rows without one'] as Item,
      roster: ['--roster <file>', ROSTER_EN] as Item,
      groupBy: ['--group-by <key>', GROUP_BY_EN] as Item,
      center: ['--center <name>', "the center's name, for the heading"] as Item,
    },
    commands: {
      score: {
        usage: '<sheet...>',
        summary: 'the semester report: totals, grades, ranks, rewards and penalties',
        description:
          "Score one semester (or each semester found in the sheets): aggregate the raters' scores per " +
          'method, add up the exact total, round it, grade it, rank everyone and apply the semester rules.',
        args: { sheet: ['<sheet...>', SHEETS_EN] },
        options: {
          semester: ['--semester <id>', 'the semester of rows without one (2026-H1, 2026H1, 2026上半年, ...); rows that say otherwise are errors'],
          roster: ['--roster <file>', ROSTER_EN],
          groupBy: ['--group-by <key>', GROUP_BY_EN],
          bom: ['--bom', BOM_EN],
        },
        after: `
  Examples:
    $ evaluate score fixtures/2026-H1.csv
    $ evaluate score fixtures/2026-H2.csv --roster fixtures/roster.csv
    $ evaluate score fixtures/2026-H2.csv --lang zh --group-by post
    $ evaluate score fixtures/2026-H1.csv --format csv --bom --out h1-report.csv
    $ cat sheet.csv | evaluate score - --semester 2026-H1 --format json`,
      },
      year: {
        usage: '<sheet...>',
        summary: 'both semesters of a year side by side: award candidates, non-renewal, rectification',
        description:
          'Score H1 and H2 of one year (sheets of other years are ignored with a warning),\n' +
          'put both semesters side by side and apply the year rules:\n' +
          '  excellent in both        -> award candidate, and the annual bonus\n' +
          '  unqualified in both      -> not renewed (and no rectification)\n' +
          "  unqualified in just one  -> rectification, with that semester's penalty\n" +
          '  one semester not scored  -> incomplete: the year is not decided',
        args: { sheet: ['<sheet...>', 'scoring sheets (CSV) of both semesters: files, - for standard input, or folders of *.csv'] },
        options: {
          year: ['--year <yyyy>', 'the calendar year to decide (2026); default: the year of the sheets, when they hold one'],
          roster: ['--roster <file>', ROSTER_YEAR_EN],
          bom: ['--bom', BOM_EN],
        },
        after: `
  Examples:
    $ evaluate year fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 \\
        --policy fixtures/policy.json
    $ evaluate year fixtures/2026-*.csv --year 2026 --lang zh \\
        --roster fixtures/roster.csv --format json --out year-2026.json`,
      },
      rewards: {
        usage: '<sheet...>',
        summary: "HR's lists: rewards, the annual bonus, penalties, award candidates, non-renewal",
        description:
          'The lists HR acts on: everyone of the year with a semester reward, the\n' +
          'annual bonus, a penalty, award candidacy or non-renewal (nobody else), one\n' +
          'row each: the amounts per semester and in total, the rectification due date\n' +
          'and the reason. CSV by default, for Excel: amounts are numbers, 0 where\n' +
          'nothing is due; where the policy leaves an amount unset the cell is empty\n' +
          'and a warning names the amount to set.',
        args: { sheet: ['<sheet...>', 'scoring sheets (CSV) of both semesters: files, - for standard input, or folders of *.csv'] },
        options: {
          year: ['--year <yyyy>', 'the calendar year (2026); default: the year of the sheets, when they hold one'],
          only: ['--only <list>', 'only one list'],
          roster: ['--roster <file>', ROSTER_YEAR_EN],
          bom: ['--bom', BOM_EN],
        },
        after: `
  Examples:
    $ evaluate rewards fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 \\
        --policy fixtures/policy.json --lang zh --bom --out 2026-奖惩.csv
    $ evaluate rewards fixtures/2026-*.csv --policy fixtures/policy.json \\
        --year 2026 --only award-candidates --format table`,
      },
      check: {
        usage: '<sheet...>',
        summary: 'validate the sheets: every problem at once, then what they hold and the committee',
        description:
          'Check the scoring sheets before the committee meets, without scoring: every problem in one run ' +
          '(FILE:LINE:COLUMN: error|warning: ..., on standard error), then a summary on standard output: ' +
          "files, rows read/used/rejected, staff, raters, semesters, scores per method, and each semester's " +
          'committee against the rules (leader 1, head office 1, center office 1, students 2; a different ' +
          'panel is a warning). Exit 0 without errors (warnings allowed), 1 with errors; the summary is ' +
          'printed either way.',
        args: { sheet: ['<sheet...>', SHEETS_EN] },
        options: {
          semester: ['--semester <id>', 'the semester of rows without one; rows that say otherwise are errors (as in score)'],
          roster: ['--roster <file>', ROSTER_EN],
        },
        after: `
  Examples:
    $ evaluate check fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --roster fixtures/roster.csv
    $ evaluate check fixtures/2026-H2.csv --lang zh
    $ evaluate check fixtures/2026-H1.csv --format json`,
      },
      explain: {
        usage: '<staff_id> <sheet...>',
        summary: 'how one total came about: every score, the aggregation, the rounding, the grade and the rules',
        description:
          "Explain one staff member's result for one semester: each rater's five scores and total, which " +
          "scores the aggregation dropped or weighted and why, each method's exact aggregate, the exact total " +
          'before rounding, the rounding, the grade band, the rank, and every semester rule that applied with ' +
          'its amount. Given both semesters of the year, the year rules too (award candidacy, non-renewal).',
        args: {
          staffId: ['<staff_id>', 'the staff member (工号), as on the sheets; given a name, it says the id to give'],
          sheet: ['<sheet...>', SHEETS_EN],
        },
        options: {
          semester: ['--semester <id>', 'the semester to explain when the person is scored in several; also the semester of rows without one'],
          roster: ['--roster <file>', ROSTER_EN],
        },
        after: `
  Exact values: a decimal where it ends (89.95), else a decimal over a whole
  number with an approximation (1040.3/12 ≈ 86.691667). Only the total is
  rounded, half up, to the policy's precision.

  Examples:
    $ evaluate explain S001 fixtures/2026-H1.csv
    $ evaluate explain S007 fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --semester 2026-H2 --policy fixtures/policy.json
    $ evaluate explain S014 fixtures/2026-H1.csv --lang zh --format json`,
      },
      panel: {
        usage: '<sheet...>',
        summary: 'rater consistency: leniency, outlier scores, identical scores, inter-rater reliability',
        description:
          "Check the committee's raters against each other for one semester: each rater's mean, standard " +
          'deviation, leniency and correlation against the other raters on the same staff; single scores far ' +
          "from the others'; staff on whom the raters disagree; and the inter-rater reliability (ICC).",
        args: { sheet: ['<sheet...>', SHEETS_EN] },
        options: {
          semester: ['--semester <id>', 'the semester to check when the sheets hold several; also the semester of rows without one'],
        },
        after: '',
      },
      report: {
        usage: '<sheet...>',
        summary: "the committee's printable report (HTML or PDF): charts, ranking, rewards and penalties, signature lines",
        description:
          "Make the committee's report of one semester, or of both semesters of a year: one self-contained A4 " +
          'document to print, sign and post. In order: a summary with charts (grades, the distribution of totals ' +
          "with the grade bands, each method's mean, each post's mean), the ranking (as `evaluate score`), rewards, " +
          "penalties and due dates with their amounts, the year outcomes (both semesters only), the raters' " +
          'consistency (leniency, flags, ICC), a signature line for each committee member found in the sheets, and ' +
          'an appendix: the rules applied, each input file with its SHA-256, the tool version.\n\n' +
          'HTML (the default) opens and prints in any browser; it holds no script and loads nothing. For a PDF ' +
          '(--out FILE.pdf) the HTML is printed by a Chrome, Edge or Chromium installed here: EVALUATE_BROWSER if ' +
          'set (the only one tried), else the usual install places, then the PATH. No browser is ever downloaded.',
        args: { sheet: ['<sheet...>', SHEETS_EN] },
        options: {},
        after: `
  The format follows the --out file's extension (.html or .pdf); another name,
  or standard output, takes --format (html by default).

  Examples:
    $ evaluate report fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --center 学生公寓管理服务中心 --lang zh --out report-2026-H1.html
    $ evaluate report fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --roster fixtures/roster.csv --policy fixtures/policy.json \\
        --out report-2026.pdf`,
      },
      notices: {
        usage: '<sheet...>',
        summary: 'one result notice per staff member (HTML or PDF), to hand out and sign as read',
        description:
          'Make the result notice (个人考评结果通知单) of each staff member: one A4 page per person, in staff id ' +
          "order, with only that person's results: the five method scores beside the center's mean of each (a " +
          'chart and a table), the total, the grade, the rank out of N, the reward or the penalty with its amount, ' +
          'the rectification due date, the year outcome when both semesters of a year are given ("undecided" where ' +
          'one is missing), the committee, and a line to sign as read and acknowledged.\n\n' +
          'One file with every notice (--out FILE.html or FILE.pdf), or one file per person (--out-dir DIR: ' +
          'DIR/<staff_id>.html, or .pdf with --pdf; characters outside [0-9A-Za-z._-] are percent-encoded in the ' +
          'name). PDFs are printed by a Chrome, Edge or Chromium installed here (EVALUATE_BROWSER if set, else the ' +
          'usual install places, then the PATH).',
        args: { sheet: ['<sheet...>', SHEETS_EN] },
        options: {
          outDir: ['--out-dir <dir>', 'write one file per staff member into this folder (created if missing), all or none'],
          pdf: ['--pdf', 'with --out-dir: PDF files instead of HTML'],
        },
        after: `
  The format follows the --out file's extension (.html or .pdf); another name,
  or standard output, takes --format (html by default).
  --force replaces existing files (--out, or each person's file in --out-dir).

  Examples:
    $ evaluate notices fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --lang zh --out notices-2026-H1.html
    $ evaluate notices fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --policy fixtures/policy.json --out-dir notices-2026 --pdf`,
      },
      init: {
        usage: '',
        summary: 'write the policy file (evaluate.config.json), asking question by question',
        description:
          "Set up the evaluation policy: the methods' maxima (adding up to 100), how the raters' scores " +
          'are combined, the reward and penalty amounts, the days allowed for rectification and the ' +
          'thresholds of "evaluate panel". Each question shows the rules\' value; the result is shown and ' +
          'written after you confirm. An existing file is replaced only after asking, or with --force.',
        args: {},
        options: {
          out: ['--out <file>', 'the file to write (default: evaluate.config.json, which every command reads from the working folder)'],
          yes: ['--yes', 'write the built-in rules (or --policy) without asking, for scripts'],
          force: ['--force', 'replace an existing file without asking'],
          policy: ['--policy <file>', 'start from this policy instead of the built-in rules'],
          lang: ['--lang <lang>', 'language of the questions'],
        },
        after: `
  Examples:
    $ evaluate init
    $ evaluate init --yes --out policies/2026.json
    $ evaluate init --policy last-year.json --force`,
      },
      template: {
        usage: '',
        summary: 'blank scoring sheets for the committee: one CSV per rater, pre-filled with the roster',
        description:
          'Write one blank scoring sheet per rater into a folder: every staff member of the roster with ' +
          'their post, the semester, the rater and role filled in, and an empty column for each method the ' +
          "rater's role scores. Fill in the scores (in Excel, or on paper and then \"evaluate enter\") and " +
          'run "evaluate score" on the folder.',
        args: {},
        options: {
          roster: ['--roster <file>', 'roster (staff_id,name,post)'],
          semester: ['--semester <id>', 'the semester (2026-H1, 2026H1, 2026上半年, ...)'],
          out: ['--out <dir>', 'the folder to write the sheets into (made if missing)'],
          raters: ['--raters <list>', 'the committee as NAME:ROLE,... (default: the five places: leader, head office, center office, two students)'],
          bom: ['--bom', 'start each sheet with a UTF-8 BOM, for Excel'],
          force: ['--force', 'replace sheets that exist already'],
          policy: ['--policy <file>', 'policy file: which methods each role scores (default: evaluate.config.json here, else the rules)'],
          lang: ['--lang <lang>', 'language of the header row and the default rater names'],
        },
        after: `
  Examples:
    $ evaluate template --roster fixtures/roster.csv --semester 2026-H1 \\
        --out sheets/
    $ evaluate template --roster roster.csv --semester 2026上半年 --out h1/ \\
        --lang zh --bom \\
        --raters "王:组长,李:总公司办公室,赵:中心办公室,甲:学生代表,乙:学生代表"
    $ evaluate score h1/ --roster roster.csv`,
      },
      history: {
        usage: '<sheet_or_folder...>',
        summary: 'every semester of every year, per staff member: grades, award and non-renewal years, unqualified runs, trend',
        description:
          'Every semester found in the sheets, over any number of years, one row per\n' +
          "staff member: each semester's total and grade, the count of each grade, the\n" +
          'years of award candidacy and of non-renewal (both semesters excellent, both\n' +
          'unqualified), the longest run of unqualified semesters one after the other\n' +
          "(H2 and the next year's H1 are consecutive; a semester not scored ends a run)\n" +
          'and the trend (the last total minus the first). Someone not scored in a\n' +
          'semester (not yet hired, or gone) has an empty cell there, never a zero.',
        args: { sheet: ['<sheet_or_folder...>', 'scoring sheets (CSV): files, - for standard input, or folders (their *.csv, subfolders included)'] },
        options: { bom: ['--bom', BOM_EN] },
        after: `
  Examples:
    $ evaluate history fixtures/centers/公寓中心 --policy fixtures/policy.json
    $ evaluate history fixtures/2026-H1.csv fixtures/2026-H2.csv --format csv \\
        --bom --lang zh --out 历年评比.csv
    $ evaluate history fixtures/centers/公寓中心 --out history.xlsx`,
      },
      batch: {
        usage: '<root>',
        summary: 'every center under ROOT in one run: its reports, each with its own policy, and one summary',
        description:
          'Every center in one run. Each subfolder of ROOT is a center, named by the\n' +
          'folder; its sheets are the *.csv under it (subfolders included); its policy\n' +
          'is ROOT/<center>/evaluate.config.json, else ROOT/evaluate.config.json, else\n' +
          'the built-in rules. Each center gets DIR/<center>/ with score-<semester>.csv\n' +
          'and report-<semester>.html (the committee\'s report, as `evaluate report`)\n' +
          'for each semester, and year-<yyyy>.csv and rewards-<yyyy>.csv for each year\n' +
          'with both semesters; a center whose sheets have problems gets problems.txt\n' +
          'instead, and the other centers are still done. Then DIR/summary.csv and\n' +
          'DIR/summary.json for the head office: one row per center and semester with\n' +
          'staff, grade counts, rewards and penalties (CNY; the annual bonuses, award\n' +
          'candidates and non-renewals on the H2 row) and the status, ok or failed.\n' +
          "Centers run in parallel on the machine's cores.\n" +
          'Exit 0 when every center is done, 1 when any failed, 2 for a usage error.',
        args: { root: ['<root>', 'the folder holding one folder per center'] },
        options: {
          outDir: ['--out-dir <dir>', 'where the reports go (created when missing; must be empty unless --force)'],
          force: ['--force', 'write into a non-empty --out-dir: the folders of the centers written are replaced whole'],
          lang: ['--lang <lang>', "language of the reports' words and headers (default: from LANG); summary columns stay as SPEC names them"],
          noReports: ['--no-reports', 'CSV files only: no report-<semester>.html (faster: the charts are the slow part)'],
          bom: ['--bom', 'start every CSV with a UTF-8 BOM, for Excel'],
        },
        after: `
  Examples:
    $ evaluate batch fixtures/centers --out-dir reports
    $ evaluate batch fixtures/centers --out-dir reports --force \\
        --lang zh --bom --no-reports`,
      },
      enter: {
        usage: '',
        summary: "type in a rater's paper forms: checked as typed, saved person by person, resumable",
        description:
          "Type one rater's scores in, one staff member of the roster after another: each method's score " +
          "is checked as it is typed (a number within the method's maximum; full-width digits are fine) " +
          'and the running total shown. Each confirmed person is saved to the sheet at once; Ctrl-C stops, ' +
          'and the same command continues where it stopped, without writing anyone twice.\n\n' +
          'Keys at a score: Enter accepts (or keeps the score shown in brackets), b goes back (to the ' +
          'previous method, or from the first to the previous person), s skips the person until the end.',
        args: {},
        options: {
          roster: ['--roster <file>', 'roster (staff_id,name,post): who is typed, in this order'],
          semester: ['--semester <id>', 'the semester of the forms (2026-H1, 2026H1, 2026上半年, ...)'],
          rater: ['--rater <name>', 'the rater whose forms these are, as the sheet names them'],
          role: ['--role <role>', "the rater's role: leader, head-office, center-office, student (or 组长, ...)"],
          out: ['--out <sheet>', 'the sheet to write; if it exists, typing continues where it stopped'],
          lang: ['--lang <lang>', "language of the questions and of a new sheet's header"],
          bom: ['--bom', 'start a new sheet with a UTF-8 BOM, for Excel'],
          noColor: ['--no-color', 'no colors'],
        },
        after: `
  Examples:
    $ evaluate enter --roster fixtures/roster.csv --semester 2026-H1 \\
        --rater 王主任 --role leader --out h1-wang.csv
    $ evaluate enter --roster roster.csv --semester 2026上半年 --rater 学生甲 \\
        --role 学生代表 --out h1.csv --lang zh
    $ evaluate score h1-wang.csv h1-li.csv --roster roster.csv`,
      },
      verify: {
        usage: '<report>',
        summary: 'reproduce a sealed JSON report from its inputs: reproduced, or what changed',
        description:
          'Show that a sealed JSON report (score, year, rewards, panel with --format json) comes from its inputs: ' +
          'reread each input file named in its seal (paths relative to the working folder) and compare its SHA-256, ' +
          'check the policy, recompute the report with the sealed command, and compare every result.\n' +
          'Prints "reproduced" (exit 0), or each difference (exit 1):\n' +
          '  changed: FILE     an input (or the report itself) is not what was sealed\n' +
          '  missing: FILE     an input cannot be read\n' +
          '  policy changed    the policy now in force is not the sealed one\n' +
          '  and the staff whose results differ, field by field.\n' +
          'Exit 2 when the file is not a sealed report.',
        args: { report: ['<report>', 'a JSON report written by evaluate (it carries a "seal")'] },
        options: { lang: ['--lang <lang>', 'language of the explanations (default: from LANG)'] },
        after: `
  Examples:
    $ evaluate score fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --format json --out h1.json
    $ evaluate verify h1.json
    $ evaluate year fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 \\
        --format json --out year.json
    $ evaluate verify year.json --lang zh`,
      },
      diff: {
        usage: '<before> <after>',
        summary: 'who changed between two reports of score or year: rank, total, grade, money, year outcome',
        description:
          'Compare two JSON reports of the same command (evaluate score, or evaluate year)\n' +
          'and list everyone whose result changed, with the value before and after, and\n' +
          'who was added or removed:\n' +
          '  score: rank, total, grade, reward, penalty, rectifyBy (per semester)\n' +
          '  year:  h1, h2 (total and grade), awardCandidate, nonRenewal, rectification,\n' +
          '         rewardTotal, penaltyTotal\n' +
          'Exit 0 when nothing changed, 1 when something did, 2 when the two are not reports of the same command.',
        args: {
          before: ['<before>', 'the earlier report (JSON, as written by --format json)'],
          after: ['<after>', 'the later report, e.g. after a corrected sheet'],
        },
        options: { bom: ['--bom', BOM_EN] },
        after: `
  Examples:
    $ evaluate score fixtures/2026-H1.csv --format json --out before.json
    $ evaluate score fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --format json --out after.json
    $ evaluate diff before.json after.json
    $ evaluate diff before.json after.json --lang zh --format csv --bom \\
        --out changes.csv`,
      },
    } satisfies Record<string, CommandHelp>,
    panelAfter: (t: PanelDefaults) => `
  What is measured (a rater's total: the sum of the methods the rater scores):
    mean, sd     of the rater's totals; sd is the sample standard deviation
                 (n-1)
    leniency     the mean, over the staff the rater scored, of the rater's total
                 minus the median of the other raters' totals on the same staff
                 (a median, so that one extreme rater does not make the others
                 look severe); positive is lenient, negative severe
    correlation  Pearson, the rater's totals against the other raters' medians
    spread       per staff member, the highest minus the lowest rater total (of
                 the raters who score every method)

  Flags, thresholds in the policy's "panel" section [default]:
    lenient, severe   leniency above +panel.leniency or below -panel.leniency
                      [${t.leniency}]
    identical-scores  the same five scores, or the same total, for at least
                      panel.identicalShare of the staff the rater scored [${t.identicalShare}]
                      (from 3 staff on)
    outliers          one score more than panel.outlierPoints points [${t.outlierPoints}]
                      AND more than panel.outlierSd standard deviations [${t.outlierSd}]
                      from the other raters' median on the same person and
                      method (at least 2 other raters). The SD is the method's
                      pooled within-person SD: how far raters usually lie from
                      a person's mean this semester. Both must hold: a gap
                      ordinary for this panel, or one too small to move a
                      grade, is not an outlier.
    high-spread       a staff member's spread above panel.spread points [${t.spread}]

  Inter-rater reliability, per method and for the total, over the staff scored
  by every rater of it (for the total: the raters who score every method):
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
    $ evaluate panel fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --semester 2026-H2 --lang zh
    $ evaluate panel fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --format json`,
    /** commander's errors (`error: ...`), reworded; English keeps commander's own. */
    commanderError: (message: string, _argument?: ArgumentOf): string => message,
  };
}

export type HelpWords = ReturnType<typeof makeEn>;
export type CommandName = keyof HelpWords['commands'];

function makeZh(): HelpWords {
  return {
    program: {
      description: '学生公寓管理服务中心业务评比：汇总考评小组的评分表，评定员工等级并排名，列出奖励和处罚。',
      after: `
  通用选项，写在命令名之前或之后都可以（各命令的 --help 列出它接受哪些）：
    --lang <语言>       语言：en 或 zh（默认取自 LANG）
    --policy <文件>     考评办法文件（默认：当前文件夹的 evaluate.config.json，
                        没有则用内置规则）
    --format <格式>     table、csv、json 或 md；命令支持时还有 xlsx、html、pdf
    --out <文件>        把报表写入此文件，而不是标准输出
    --force             覆盖已有的 --out 文件
    --no-color          不用颜色（设置了 NO_COLOR 时也不用）
    --encoding <编码>   评分表的编码：utf8 或 gbk（默认自动识别）
    --delimiter <字符>  评分表的单元格分隔符（默认：,；制表符写 tab 或 \\t）
    --verbose           逐条列出空白评分表缺少的每个分数

  退出码：0 完成；1 数据有问题（未写出任何文件）；2 用法或考评办法有误。
  问题写到标准错误，格式为 文件:行:列: error: 说明；报表写到标准输出。

  示例：
    $ evaluate score fixtures/2026-H1.csv
    $ evaluate --lang zh score fixtures/2026-H2.csv \\
        --roster fixtures/roster.csv --policy fixtures/policy.json

  用 "evaluate <命令> --help" 查看某个命令的选项和示例。`,
      version: '显示版本号',
      help: '显示命令的帮助',
      helpCommand: ['help [命令]', '显示命令的帮助'],
    },
    commander: {
      titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' },
      usage: (usage: string) => usage.replace('[options]', '[选项]').replace('[command]', '[命令]'),
      choices: (list: readonly string[]) => `可选：${list.join('、')}`,
      default: (value: string) => `默认：${value}`,
      note: (parts: string[]) => `（${parts.join('；')}）`,
      // commander writes a space after the heading of the usage line.
      finish: (help: string) => help.replace(/^用法： /, '用法：'),
    },
    common: {
      policy: ['--policy <文件>', '考评办法文件（默认：当前文件夹的 evaluate.config.json，没有则用内置规则）'],
      lang: ['--lang <语言>', '报表用语的语言（默认取自 LANG 环境变量）'],
      format: ['--format <格式>', '输出格式'],
      out: (named: readonly string[]): Item => [
        '--out <文件>',
        '把报表写入此文件（整体写入，不会只写一半），而不是标准输出' +
          (named.length ? `；文件名以 ${named.join(' 或 ')} 结尾即按该格式写，其他文件名按 --format 写` : ''),
      ],
      force: ['--force', '覆盖已有的 --out 文件'],
      noColor: ['--no-color', '不用颜色（设置了 NO_COLOR 或输出不是终端时也不用）'],
      encoding: ['--encoding <编码>', '指定评分表的编码：utf8 或 gbk（默认自动识别）'],
      delimiter: ['--delimiter <字符>', '评分表的单元格分隔符（制表符写 tab 或 \\t）'],
      verbose: ['--verbose', '逐条列出空白评分表缺少的每个分数（默认只报告一条：该表是空白的）'],
    },
    document: {
      year: ['--year <年份>', '年份：用该年两个学期做年度报告（默认：评分表恰好是同一年的上、下半年时取该年）'],
      semester: ['--semester <学期>', '评分表含多个学期时指定其一；也是没有学期的行所属的学期'],
      roster: ['--roster <文件>', ROSTER_ZH],
      groupBy: ['--group-by <键>', GROUP_BY_ZH],
      center: ['--center <名称>', '中心名称，用于标题'],
    },
    commands: {
      score: {
        usage: '<评分表...>',
        summary: '学期报表：总分、等级、名次、奖励和处罚',
        description: '计算一个学期（或评分表中的每个学期）：按方式汇总各评委的评分，精确求和得出总分，取整，评定等级，全员排名，并执行学期规则。',
        args: { sheet: ['<评分表...>', SHEETS_ZH] },
        options: {
          semester: ['--semester <学期>', '没有学期的行所属的学期（2026-H1、2026H1、2026上半年 等）；写了其他学期的行视为错误'],
          roster: ['--roster <文件>', ROSTER_ZH],
          groupBy: ['--group-by <键>', GROUP_BY_ZH],
          bom: ['--bom', BOM_ZH],
        },
        after: `
  示例：
    $ evaluate score fixtures/2026-H1.csv
    $ evaluate score fixtures/2026-H2.csv --roster fixtures/roster.csv
    $ evaluate score fixtures/2026-H2.csv --lang zh --group-by post
    $ evaluate score fixtures/2026-H1.csv --format csv --bom --out h1-report.csv
    $ cat sheet.csv | evaluate score - --semester 2026-H1 --format json`,
      },
      year: {
        usage: '<评分表...>',
        summary: '一年两个学期并列：评优候选、不予聘任、整改',
        description:
          '计算一年的上半年和下半年（其他年份的评分表不予计入，并给出警告），把两个学期并列，执行年度规则：\n' +
          '  两学期均为优秀      -> 评优推荐候选人，另发年度奖金\n' +
          '  两学期均不合格      -> 不予聘任（不再整改）\n' +
          '  仅一个学期不合格    -> 整改，按该学期处罚\n' +
          '  有一个学期未评      -> 不完整：暂不作年度结论',
        args: { sheet: ['<评分表...>', '两个学期的评分表（CSV）：文件，- 表示标准输入，或文件夹（读取其中的 *.csv）'] },
        options: {
          year: ['--year <年份>', '要作结论的年份（如 2026）；默认：评分表只含一个年份时取该年'],
          roster: ['--roster <文件>', ROSTER_YEAR_ZH],
          bom: ['--bom', BOM_ZH],
        },
        after: `
  示例：
    $ evaluate year fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 \\
        --policy fixtures/policy.json
    $ evaluate year fixtures/2026-*.csv --year 2026 --lang zh \\
        --roster fixtures/roster.csv --format json --out year-2026.json`,
      },
      rewards: {
        usage: '<评分表...>',
        summary: '人事名单：奖励、年度奖金、处罚、评优候选、不予聘任',
        description:
          '人事部门据以办理的名单：全年有学期奖励、年度奖金、处罚、评优候选或不予聘任的人（其他人不列），' +
          '每人一行：各学期金额和合计、整改期限和原因。默认输出 CSV，便于 Excel 打开：金额是数字，' +
          '无应发应扣的为 0；考评办法未设定的金额留空，并有警告指出应设定哪一项。',
        args: { sheet: ['<评分表...>', '两个学期的评分表（CSV）：文件，- 表示标准输入，或文件夹（读取其中的 *.csv）'] },
        options: {
          year: ['--year <年份>', '年份（如 2026）；默认：评分表只含一个年份时取该年'],
          only: ['--only <名单>', '只输出一份名单'],
          roster: ['--roster <文件>', ROSTER_YEAR_ZH],
          bom: ['--bom', BOM_ZH],
        },
        after: `
  示例：
    $ evaluate rewards fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 \\
        --policy fixtures/policy.json --lang zh --bom --out 2026-奖惩.csv
    $ evaluate rewards fixtures/2026-*.csv --policy fixtures/policy.json \\
        --year 2026 --only award-candidates --format table`,
      },
      check: {
        usage: '<评分表...>',
        summary: '检查评分表：一次列出全部问题，再汇总表中内容和考评小组组成',
        description:
          '在考评小组开会前检查评分表，不计算结果：一次列出全部问题（写到标准错误，' +
          '格式为 文件:行:列: error|warning: 说明），再在标准输出给出汇总：文件、读取/采用/拒绝的行数、' +
          '人数、评委数、学期、各方式评分数，以及各学期考评小组组成是否符合规定（组长 1 人、' +
          '总公司办公室 1 人、中心办公室 1 人、学生代表 2 人；不符合的给出警告）。' +
          '没有错误时退出码为 0（可以有警告），有错误时为 1；无论哪种情况都输出汇总。',
        args: { sheet: ['<评分表...>', SHEETS_ZH] },
        options: {
          semester: ['--semester <学期>', '没有学期的行所属的学期；写了其他学期的行视为错误（与 score 相同）'],
          roster: ['--roster <文件>', ROSTER_ZH],
        },
        after: `
  示例：
    $ evaluate check fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --roster fixtures/roster.csv
    $ evaluate check fixtures/2026-H2.csv --lang zh
    $ evaluate check fixtures/2026-H1.csv --format json`,
      },
      explain: {
        usage: '<工号> <评分表...>',
        summary: '一个人总分的由来：每个评分、汇总方法、取整、等级和适用的规则',
        description:
          '说明一名员工一个学期的结果：每位评委的五项评分和合计，汇总时去掉或加权了哪些评分及原因，' +
          '各方式的精确得分，取整前的精确总分，取整，等级区间，名次，以及适用的每条学期规则和金额。' +
          '给出同一年两个学期的评分表时，还说明年度规则（评优候选、不予聘任）。',
        args: {
          staffId: ['<工号>', '员工的工号，与评分表一致；写姓名也可以，会提示对应的工号'],
          sheet: ['<评分表...>', SHEETS_ZH],
        },
        options: {
          semester: ['--semester <学期>', '此人在多个学期有评分时，指定要说明的学期；也是没有学期的行所属的学期'],
          roster: ['--roster <文件>', ROSTER_ZH],
        },
        after: `
  精确值：能除尽的写成小数（89.95），除不尽的写成分数并附近似值
  （1040.3/12 ≈ 86.691667）。只有总分取整：按考评办法规定的小数位数四舍五入。

  示例：
    $ evaluate explain S001 fixtures/2026-H1.csv
    $ evaluate explain S007 fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --semester 2026-H2 --policy fixtures/policy.json
    $ evaluate explain S014 fixtures/2026-H1.csv --lang zh --format json`,
      },
      panel: {
        usage: '<评分表...>',
        summary: '评委一致性：宽严程度、离群评分、雷同评分、评委间信度',
        description:
          '对一个学期的考评小组评委进行相互比较：每位评委的平均分、标准差、宽严程度，以及与其他评委对同一批人员评分的相关系数；' +
          '明显偏离其他评委的单项评分；评委意见分歧大的人员；以及评委间信度（ICC）。',
        args: { sheet: ['<评分表...>', SHEETS_ZH] },
        options: {
          semester: ['--semester <学期>', '评分表含多个学期时，指定要检查的学期；也是没有学期的行所属的学期'],
        },
        after: '',
      },
      report: {
        usage: '<评分表...>',
        summary: '考评小组的可打印报告（HTML 或 PDF）：图表、排名、奖惩、签名栏',
        description:
          '生成一个学期或一年两个学期的考评报告：一份独立完整的 A4 文档，可打印、签字、张贴。依次包括：' +
          '带图表的概况（等级分布、总分分布及等级分界线、各方式平均分、各岗位平均分）、排名（与 evaluate score 相同）、' +
          '奖励、处罚、整改期限及金额、年度结论（仅两个学期时）、评委一致性（宽严程度、标记、ICC）、' +
          '评分表中出现的每位考评小组成员的签名栏，以及附录：所用规则、每个输入文件及其 SHA-256、程序版本。\n\n' +
          'HTML（默认）可在任何浏览器中打开并打印，不含脚本，也不加载任何外部内容。要 PDF 时' +
          '（--out 文件名.pdf），由本机安装的 Chrome、Edge 或 Chromium 打印：设置了 EVALUATE_BROWSER 时只用它，' +
          '否则依次查找常见安装位置和 PATH。不会下载浏览器。',
        args: { sheet: ['<评分表...>', SHEETS_ZH] },
        options: {},
        after: `
  格式由 --out 文件的扩展名（.html 或 .pdf）决定；其他文件名或标准输出
  按 --format 写（默认 html）。

  示例：
    $ evaluate report fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --center 学生公寓管理服务中心 --lang zh --out report-2026-H1.html
    $ evaluate report fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --roster fixtures/roster.csv --policy fixtures/policy.json \\
        --out report-2026.pdf`,
      },
      notices: {
        usage: '<评分表...>',
        summary: '每人一份考评结果通知单（HTML 或 PDF），发给本人签阅',
        description:
          '为每名员工生成个人考评结果通知单：每人一页 A4，按工号排序，只含本人的结果：五项方式得分及本中心各方式平均分' +
          '（图和表）、总分、等级、名次（共 N 人）、奖励或处罚及金额、整改期限、给出同一年两个学期时的年度结论' +
          '（缺一个学期时为“未定”）、考评小组，以及本人签阅栏。\n\n' +
          '所有通知单写成一个文件（--out 文件名.html 或 .pdf），或每人一个文件（--out-dir 文件夹：' +
          '文件夹/<工号>.html，加 --pdf 则为 .pdf；文件名中 [0-9A-Za-z._-] 以外的字符按百分号编码）。' +
          'PDF 由本机安装的 Chrome、Edge 或 Chromium 打印（设置了 EVALUATE_BROWSER 时用它，否则依次查找常见安装位置和 PATH）。',
        args: { sheet: ['<评分表...>', SHEETS_ZH] },
        options: {
          outDir: ['--out-dir <文件夹>', '每人一个文件，写入此文件夹（不存在则新建）；要么全部写出，要么一个也不写'],
          pdf: ['--pdf', '与 --out-dir 合用：写 PDF 而不是 HTML'],
        },
        after: `
  格式由 --out 文件的扩展名（.html 或 .pdf）决定；其他文件名或标准输出
  按 --format 写（默认 html）。
  --force 覆盖已有的文件（--out 文件，或 --out-dir 中各人的文件）。

  示例：
    $ evaluate notices fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --lang zh --out notices-2026-H1.html
    $ evaluate notices fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --policy fixtures/policy.json --out-dir notices-2026 --pdf`,
      },
      init: {
        usage: '',
        summary: '逐项提问，写出考评办法文件（evaluate.config.json）',
        description:
          '设定考评办法：各方式满分（合计 100）、评委评分的汇总方法、奖励和处罚金额、整改天数，' +
          '以及 "evaluate panel" 的判定阈值。每个问题都显示规定的默认值；全部答完后显示结果，确认后写出。' +
          '已有的文件只有在确认后或加 --force 时才会被覆盖。',
        args: {},
        options: {
          out: ['--out <文件>', '要写出的文件（默认：evaluate.config.json，各命令都从当前文件夹读取它）'],
          yes: ['--yes', '不提问，直接写出内置规则（或 --policy 指定的办法），供脚本使用'],
          force: ['--force', '不经询问覆盖已有的文件'],
          policy: ['--policy <文件>', '以此考评办法为起点，而不是内置规则'],
          lang: ['--lang <语言>', '提问所用的语言'],
        },
        after: `
  示例：
    $ evaluate init
    $ evaluate init --yes --out policies/2026.json
    $ evaluate init --policy last-year.json --force`,
      },
      template: {
        usage: '',
        summary: '为考评小组生成空白评分表：每位评委一个 CSV，预先填好花名册',
        description:
          '在一个文件夹中为每位评委写一张空白评分表：花名册上的每名员工及其岗位、学期、评委和角色都已填好，' +
          '评委角色要评的每种方式留一列空白。填好评分后（在 Excel 中填，或在纸上填好再用 "evaluate enter" 录入），' +
          '对该文件夹运行 "evaluate score"。',
        args: {},
        options: {
          roster: ['--roster <文件>', '花名册（staff_id,name,post，即工号、姓名、岗位）'],
          semester: ['--semester <学期>', '学期（2026-H1、2026H1、2026上半年 等）'],
          out: ['--out <文件夹>', '评分表写入的文件夹（不存在则新建）'],
          raters: ['--raters <名单>', '考评小组，写作 姓名:角色,...（默认五个席位：组长、总公司办公室、中心办公室、两名学生代表）'],
          bom: ['--bom', '每张表开头加 UTF-8 BOM，方便 Excel 打开'],
          force: ['--force', '覆盖已有的评分表'],
          policy: ['--policy <文件>', '考评办法文件：各角色评哪些方式（默认：当前文件夹的 evaluate.config.json，没有则用规定）'],
          lang: ['--lang <语言>', '表头和默认评委名称的语言'],
        },
        after: `
  示例：
    $ evaluate template --roster fixtures/roster.csv --semester 2026-H1 \\
        --out sheets/
    $ evaluate template --roster roster.csv --semester 2026上半年 --out h1/ \\
        --lang zh --bom \\
        --raters "王:组长,李:总公司办公室,赵:中心办公室,甲:学生代表,乙:学生代表"
    $ evaluate score h1/ --roster roster.csv`,
      },
      history: {
        usage: '<评分表或文件夹...>',
        summary: '历年每个学期的结果，按人列出：等级、评优和不予聘任的年份、连续不合格、趋势',
        description:
          '评分表中的每个学期，不限年数，每名员工一行：各学期的总分和等级、各等级的次数、' +
          '评优候选和不予聘任的年份（两学期均优秀、均不合格）、连续不合格学期的最长次数' +
          '（下半年与次年上半年算连续；某学期未评则中断）以及趋势（最后一次总分减第一次）。' +
          '某学期没有评分的人（尚未入职或已离开）在该学期留空，不记零分。',
        args: { sheet: ['<评分表或文件夹...>', '评分表（CSV）：文件，- 表示标准输入，或文件夹（读取其中及子文件夹中的 *.csv）'] },
        options: { bom: ['--bom', BOM_ZH] },
        after: `
  示例：
    $ evaluate history fixtures/centers/公寓中心 --policy fixtures/policy.json
    $ evaluate history fixtures/2026-H1.csv fixtures/2026-H2.csv --format csv \\
        --bom --lang zh --out 历年评比.csv
    $ evaluate history fixtures/centers/公寓中心 --out history.xlsx`,
      },
      batch: {
        usage: '<根文件夹>',
        summary: '一次处理根文件夹下的所有中心：各中心按自己的考评办法出报表，另附一份汇总',
        description:
          '一次处理所有中心。根文件夹（ROOT）下的每个子文件夹是一个中心，以文件夹名称命名；' +
          '其评分表是其中的 *.csv（含子文件夹）；其考评办法是 ROOT/<中心>/evaluate.config.json，' +
          '没有则用 ROOT/evaluate.config.json，再没有则用内置规则。每个中心在输出文件夹（DIR）的 ' +
          'DIR/<中心>/ 中得到每个学期的 score-<学期>.csv 和 report-<学期>.html（考评报告，与 ' +
          'evaluate report 相同），以及每个有两个学期的年份的 year-<年份>.csv 和 rewards-<年份>.csv；' +
          '评分表有问题的中心只得到 problems.txt，其他中心照常处理。最后为总公司写出 DIR/summary.csv 和 ' +
          'DIR/summary.json：每个中心每个学期一行，含人数、各等级人数、奖励和处罚（元；年度奖金、' +
          '评优候选和不予聘任在下半年那一行）以及状态 ok 或 failed。各中心在本机的多个处理器核心上并行处理。\n' +
          '退出码：所有中心都完成为 0，有中心失败为 1，用法有误为 2。',
        args: { root: ['<根文件夹>', '每个中心一个子文件夹的那个文件夹'] },
        options: {
          outDir: ['--out-dir <文件夹>', '报表写入的文件夹（不存在则新建；除非加 --force，必须是空的）'],
          force: ['--force', '写入非空的 --out-dir：本次写出的各中心文件夹整体替换'],
          lang: ['--lang <语言>', '报表用语和表头的语言（默认取自 LANG）；汇总表的列名保持规格说明中的写法'],
          noReports: ['--no-reports', '只写 CSV 文件，不写 report-<学期>.html（更快：图表最费时）'],
          bom: ['--bom', '每个 CSV 开头加 UTF-8 BOM，方便 Excel 打开'],
        },
        after: `
  示例：
    $ evaluate batch fixtures/centers --out-dir reports
    $ evaluate batch fixtures/centers --out-dir reports --force \\
        --lang zh --bom --no-reports`,
      },
      enter: {
        usage: '',
        summary: '录入评委的纸质评分表：边录边检查，逐人保存，可中断后继续',
        description:
          '按花名册顺序逐人录入一位评委的评分：每种方式的评分录入时即检查（不超过该方式满分的数字；' +
          '全角数字也可以），并显示当前合计。每确认一人即保存到评分表；按 Ctrl-C 停止，' +
          '再次运行同一命令即从停下处继续，不会重复录入。\n\n' +
          '录入评分时的按键：回车确认（或保留括号中显示的评分），b 返回（上一种方式，' +
          '或从第一种方式返回上一个人），s 跳过此人，留到最后。',
        args: {},
        options: {
          roster: ['--roster <文件>', '花名册（工号、姓名、岗位）：按此顺序录入'],
          semester: ['--semester <学期>', '评分表所属的学期（2026-H1、2026H1、2026上半年 等）'],
          rater: ['--rater <姓名>', '这些评分表是哪位评委的，与评分表中的写法一致'],
          role: ['--role <角色>', '评委的角色：组长、总公司办公室、中心办公室、学生代表（或 leader 等）'],
          out: ['--out <评分表>', '要写入的评分表；已存在则从停下处继续录入'],
          lang: ['--lang <语言>', '提问和新评分表表头的语言'],
          bom: ['--bom', '新评分表开头加 UTF-8 BOM，方便 Excel 打开'],
          noColor: ['--no-color', '不用颜色'],
        },
        after: `
  示例：
    $ evaluate enter --roster fixtures/roster.csv --semester 2026-H1 \\
        --rater 王主任 --role leader --out h1-wang.csv
    $ evaluate enter --roster roster.csv --semester 2026上半年 --rater 学生甲 \\
        --role 学生代表 --out h1.csv --lang zh
    $ evaluate score h1-wang.csv h1-li.csv --roster roster.csv`,
      },
      verify: {
        usage: '<报告>',
        summary: '用输入文件重算一份封存的 JSON 报告：reproduced（结果一致），或指出哪里变了',
        description:
          '证明一份封存的 JSON 报告（score、year、rewards、panel 加 --format json 写出的）确实来自其输入文件：' +
          '重新读取封存信息中列出的每个输入文件（路径相对于当前文件夹）并比对 SHA-256，检查考评办法，' +
          '用封存的命令重新计算，逐项比对结果。\n' +
          '结果一致时输出 "reproduced"（退出码 0），否则逐条列出差异（退出码 1）：\n' +
          '  changed: 文件     输入文件（或报告本身）与封存时不同\n' +
          '  missing: 文件     输入文件无法读取\n' +
          '  policy changed    现行考评办法与封存时不同\n' +
          '  以及结果不同的人员，逐项列出。\n' +
          '文件不是封存的报告时退出码为 2。',
        args: { report: ['<报告>', 'evaluate 写出的 JSON 报告（带有 "seal" 封存信息）'] },
        options: { lang: ['--lang <语言>', '说明文字的语言（默认取自 LANG）'] },
        after: `
  示例：
    $ evaluate score fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --format json --out h1.json
    $ evaluate verify h1.json
    $ evaluate year fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 \\
        --format json --out year.json
    $ evaluate verify year.json --lang zh`,
      },
      diff: {
        usage: '<之前> <之后>',
        summary: '两份 score 或 year 报告之间谁有变化：名次、总分、等级、金额、年度结论',
        description:
          '比较同一命令（evaluate score 或 evaluate year）的两份 JSON 报告，列出结果有变化的每个人' +
          '及变化前后的值，以及新增或减少的人。比较的项目：\n' +
          '  score：名次、总分、等级、奖励、处罚、整改期限（按学期）\n' +
          '  year：上半年、下半年（总分和等级）、评优候选、不予聘任、整改、奖励合计、\n' +
          '        处罚合计\n' +
          '退出码：没有变化为 0，有变化为 1，两份不是同一命令的报告为 2。',
        args: {
          before: ['<之前>', '较早的报告（JSON，由 --format json 写出）'],
          after: ['<之后>', '较晚的报告，例如改正评分表之后'],
        },
        options: { bom: ['--bom', BOM_ZH] },
        after: `
  示例：
    $ evaluate score fixtures/2026-H1.csv --format json --out before.json
    $ evaluate score fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --format json --out after.json
    $ evaluate diff before.json after.json
    $ evaluate diff before.json after.json --lang zh --format csv --bom \\
        --out changes.csv`,
      },
    },
    panelAfter: (t: PanelDefaults) => `
  衡量什么（评委的合计：该评委所评各方式评分之和）：
    mean, sd      评委各合计的平均数和标准差；sd 为样本标准差（n-1）
    leniency      宽严程度：对该评委评过的每个人，其合计减去其他评委对同一人的
                  合计的中位数（用中位数，免得一位极端评委让其他人都显得
                  偏严），再取平均；正数偏宽，负数偏严
    correlation   相关系数（Pearson）：评委的各合计与其他评委中位数之间
    spread        极差：每名员工的最高评委合计减最低评委合计（只计评全部
                  方式的评委）

  标记，阈值在考评办法的 "panel" 部分 [默认值]：
    lenient, severe   偏宽、偏严：宽严程度高于 +panel.leniency
                      或低于 -panel.leniency [${t.leniency}]
    identical-scores  雷同评分：对所评人员中至少 panel.identicalShare 的比例
                      [${t.identicalShare}] 给出相同的五项评分或相同的合计（评 3 人以上时
                      才判断）
    outliers          离群评分：某一评分与其他评委对同一人同一方式的中位数
                      相差超过 panel.outlierPoints 分 [${t.outlierPoints}]，并且超过
                      panel.outlierSd 个标准差 [${t.outlierSd}]（至少还有 2 位其他评委）。
                      这里的标准差是该方式的人内合并标准差：本学期评委通常
                      偏离一个人平均分多远。两条都满足才算离群：对本组评委
                      来说平常的差距，或小到不会改变等级的差距，都不算。
    high-spread       分歧大：某员工的极差超过 panel.spread 分 [${t.spread}]

  评委间信度，按方式和按总分计算，只计该项每位评委都评过的人员（总分：只计
  评全部方式的评委）：ICC(2,k)（"icc"）和 ICC(2,1)（"iccSingle"），双向随机
  效应、绝对一致（Shrout & Fleiss 1979 第 2 种情形；McGraw & Wong 1996 的
  ICC(A,k)、ICC(A,1)），由双因素方差分析中人员（MSR）、评委（MSC）和误差
  （MSE）的均方算出，n 为人数，k 为评委数：
    ICC(2,1) = (MSR - MSE) / (MSR + (k-1)·MSE + k·(MSC - MSE)/n)
    ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE)/n)
  ICC(2,k)：换一组同样的评委，平均分能在多大程度上重现；ICC(2,1)：单独一位
  评委的一致程度。通俗地说（Koo & Li 2016，按 ICC(2,k)）：低于 0.5 差，
  0.5 到 0.75 中等，0.75 到 0.9 良好，0.9 及以上优秀。无法计算时（没有差异，
  或不足 2 人或 2 位评委）显示“无”（JSON 中为 null）。

  示例：
    $ evaluate panel fixtures/2026-H1.csv
    $ evaluate panel fixtures/2026-H1.csv fixtures/2026-H2.csv \\
        --semester 2026-H2 --lang zh
    $ evaluate panel fixtures/2026-H1.csv --policy fixtures/policy.json \\
        --format json`,
    commanderError: commanderErrorZh,
  };
}

/**
 * Commander's error messages (command.js: unknownOption, missingArgument, ...) in Chinese. Commander
 * words them itself, so they are read back by their shape; one of another shape is left as it is.
 * `error:` at the start stays, as after FILE:LINE:COLUMN.
 */
function commanderErrorZh(message: string, argument?: ArgumentOf): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^error: unknown option '(.*?)'(?:\n\(Did you mean (?:one of )?(.*)\?\))?$/s, (opt, near) => `error: 没有选项 '${opt}'${near ? `\n（是不是想用 ${near.split(', ').join('、')}？）` : ''}`],
    [/^error: unknown command '(.*?)'(?:\n\(Did you mean (?:one of )?(.*)\?\))?$/s, (cmd, near) => `error: 没有命令 '${cmd}'${near ? `\n（是不是想用 ${near.split(', ').join('、')}？）` : ''}`],
    // Named as the command's help shows it, with what it is: commander's word is only its name.
    [
      /^error: missing required argument '(.*)'$/s,
      (name) => {
        const a = argument?.(name);
        return a ? `error: 缺少参数 ${a.term}${a.description ? `：${a.description}` : ''}` : `error: 缺少参数 '${name}'`;
      },
    ],
    [/^error: option '(.*)' argument missing$/s, (opt) => `error: 选项 '${opt}' 缺少值`],
    [/^error: required option '(.*)' not specified$/s, (opt) => `error: 必须给出选项 '${opt}'`],
    [/^error: too many arguments(?: for '(.*?)')?\. Expected (\d+) arguments? but got (\d+)\.$/s, (cmd, want, got) => `error: ${cmd ? `${cmd} 的` : ''}参数太多：应为 ${want} 个，实际 ${got} 个`],
    [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s, (opt, value, list) => `error: 选项 '${opt}' 的值 '${value}' 无效；可用的值：${list.split(', ').join('、')}`],
    [/^error: command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/s, (value, arg, list) => `error: 参数 '${arg}' 的值 '${value}' 无效；可用的值：${list.split(', ').join('、')}`],
    [/^error: option '(.*)' cannot be used with option '(.*)'$/s, (a, b) => `error: 选项 '${a}' 不能与选项 '${b}' 同时使用`],
  ];
  const text = message.replace(/\n$/, '');
  for (const [re, word] of rules) {
    const m = re.exec(text);
    if (m) return `${word(...m.slice(1).map((x) => x ?? ''))}${message.endsWith('\n') ? '\n' : ''}`;
  }
  return message;
}

const byLang: Partial<Record<Lang, HelpWords>> = {};

export function helpWords(lang: Lang): HelpWords {
  return (byLang[lang] ??= lang === 'zh' ? makeZh() : makeEn());
}
