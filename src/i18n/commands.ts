/**
 * The words the commands themselves say (their usage errors, the year's notes, what they wrote),
 * English and Chinese, with the same keys. The readers' problems are in problems.ts, the words of
 * each report in its own table.
 */
import type { Lang } from './index.js';
import { semesterZh } from './zh.js';

type AmountKey = 'excellent' | 'good' | 'annualBonus' | 'penalty';

/** A staff member a name on the command line may mean. */
export interface NameMatch {
  staffId: string;
  post: string;
}

const SEMESTER_FORMS = '2026-H1, 2026H1, 2026-1, 2026上半年 or 2026下半年';

/** What a --format writes, and the file name that says it (a text format's own: `.txt` for table). */
const KIND_EN: Readonly<Record<string, string>> = { table: 'text', csv: 'text', json: 'text', md: 'text', xlsx: 'an Excel workbook', html: 'an HTML document', pdf: 'a PDF' };
const KIND_ZH: Readonly<Record<string, string>> = { table: '文本', csv: '文本', json: '文本', md: '文本', xlsx: ' Excel 工作簿', html: ' HTML 文档', pdf: ' PDF 文档' };
const EXT: Readonly<Record<string, string>> = { table: 'txt', csv: 'csv', json: 'json', md: 'md', xlsx: 'xlsx', html: 'html', pdf: 'pdf' };
/** A spreadsheet's own file (成绩.xls) or a word processor's (通知.docx), which the tool never writes. */
export type OfficeKind = 'sheet' | 'document' | null;

/**
 * What to name a file a command cannot write: for a spreadsheet's or a word processor's own file,
 * the file of that kind the command does write; else any of its formats.
 */
function officeInstead(office: OfficeKind, formats: readonly string[], lang: 'en' | 'zh'): string {
  if (office === 'sheet' && formats.includes('xlsx')) return lang === 'en' ? 'name the file .xlsx for an Excel workbook (Excel and WPS open it)' : '要得到 Excel 工作簿请命名为 .xlsx（Excel 和 WPS 都能打开）';
  if (office === 'document' && formats.includes('pdf')) return lang === 'en' ? 'name the file .pdf to print or send it, or .html (any browser opens and prints it)' : '要打印或发送请命名为 .pdf，或者命名为 .html（任何浏览器都能打开、打印）';
  return lang === 'en' ? 'name the file for one of them' : '请按其中一种格式命名文件';
}

const en = {
  bug: 'This is a bug in evaluate, not a problem with your data; please report it with the command you ran.',
  unknownEncoding: (value: string) => `unknown --encoding "${value}": use utf8 or gbk`,
  badDelimiter: (value: string) =>
    `--delimiter must be one ASCII character other than a quote or a line end (a comma, a semicolon, tab...), not "${value}"${/^[，；]$/u.test(value) ? '; a sheet split by full-width commas or semicolons: replace them with , in the editor and leave --delimiter out' : ''}`,
  badSemester: (value: string) => `--semester "${value}" is not a semester; write it as ${SEMESTER_FORMS}`,
  badYear: (value: string) => `--year "${value}" is not a year from 1900 to 2999; write it with four digits, as in --year 2026`,
  bomCsvOnly: '--bom applies to --format csv only',
  /** --format names one kind of file and --out's extension another this command writes (a workbook, a PDF). */
  formatVsOut: (format: string, out: string, byName: string) =>
    `--format ${format} writes ${KIND_EN[format]}, but --out ${out} names ${KIND_EN[byName]}: leave out --format to write ${KIND_EN[byName]}, or name the file .${EXT[format]}`,
  /** --format xlsx or pdf, and an --out not named for it. */
  formatNeedsName: (format: string, out: string) =>
    `--format ${format} writes ${KIND_EN[format]}, but --out ${out} is not named .${EXT[format]}: name the file .${EXT[format]}, or choose another --format`,
  /** --out named for a text format (.csv) that --format's default (table) is not: the file holds the default. */
  outHoldsDefault: (out: string, format: string, byName: string) =>
    `--out ${out} holds the ${format === 'table' ? 'aligned table' : format.toUpperCase()} (--format ${format}, the default), not ${byName === 'md' ? 'Markdown' : byName.toUpperCase()}: give --format ${byName} for ${byName === 'csv' ? 'a CSV file that Excel opens as a sheet' : `a ${byName === 'md' ? 'Markdown' : byName.toUpperCase()} file`}`,
  /** --out names a file of a format (.xlsx, .pdf) this command does not write. */
  formatNotWritten: (out: string, command: string, ext: string, formats: readonly string[], office: OfficeKind = null) =>
    `--out ${out}: ${command} writes no .${ext} file (its formats: ${formats.join(', ')}); ${officeInstead(office, formats, 'en')}`,
  /** --semester names a semester the sheets do not hold. */
  noScoresFor: (semester: string, held: string[]) => `the sheets hold no scores for ${semester} (they hold ${held.join(', ') || 'none'})`,
  noScores: 'the sheets hold no scores',
  severalSemesters: (held: string[]) => `the sheets hold ${held.join(' and ')}: choose one with --semester`,
  scoredInSeveral: (staffId: string, semesters: string[]) => `${staffId} is scored in ${semesters.join(' and ')}: choose one with --semester`,
  noStaff: (id: string, semester: string, near: string | null, ids: string[], more: boolean) =>
    `no staff member ${id} in ${semester}${near ? ` (did you mean ${near}?)` : ''}; the sheets hold ${ids.length} staff: ${ids.slice(0, 8).join(', ')}${more ? ', ...' : ''}`,
  /** `explain 张伟`: a name where a staff id goes. */
  nameNotId: (name: string, matches: NameMatch[]) =>
    matches.length === 1
      ? `"${name}" is a name, not a staff id: ${name} is ${matches[0]!.staffId}${matches[0]!.post ? ` (${matches[0]!.post})` : ''}; run evaluate explain ${matches[0]!.staffId} with the same sheets`
      : `"${name}" is the name of ${matches.length} staff members: ${matches.map((m) => `${m.staffId}${m.post ? ` (${m.post})` : ''}`).join(', ')}; run evaluate explain with one of these staff ids`,
  noScoresOfYear: (year: number, found: string[]) => `the sheets have no scores of ${year}${found.length ? ` (they hold ${found.join(', ')})` : ''}`,
  severalYears: (years: string[], semesters: string[]) => `the sheets hold scores of ${years.join(', ')} (${semesters.join(', ')}): choose the year with --year`,
  /** A semester of the year that no sheet holds: printed after `evaluate: warning: `. */
  halfMissing: (semester: string) => `no sheet has scores of ${semester}: the year is incomplete for everyone, nothing is decided`,
  amount: {
    excellent: 'the excellent reward',
    good: 'the good reward',
    annualBonus: 'the annual bonus',
    penalty: 'the penalty',
  } as Record<AmountKey, string>,
  /** An amount the report needs and the policy leaves unset: printed after `FILE: warning: `. */
  unset: (key: AmountKey, people: string[], total: number, policyFile: string | null) =>
    `amounts.${key} is not set: ${en.amount[key]} of ${people.join(', ')}${total > people.length ? ` and ${total - people.length} more` : ''} is left empty; ` +
    (policyFile ? `set it in ${policyFile}` : 'the built-in policy sets no amounts: set it in evaluate.config.json or a --policy file'),
  /** `notices --out-dir`: what was written, on standard error. */
  wroteNotices: (n: number, dir: string) => `evaluate: wrote ${n} notice${n === 1 ? '' : 's'} to ${dir}`,
};

export type CommandWords = typeof en;

const zh: CommandWords = {
  bug: '这是 evaluate 程序本身的错误，不是数据的问题；请把所运行的命令一并报告给维护者。',
  unknownEncoding: (value: string) => `不认识的 --encoding "${value}"：请用 utf8 或 gbk`,
  badDelimiter: (value: string) =>
    `--delimiter 不能是 "${value}"：分隔符须是一个半角字符（如逗号、分号、tab），且不能是引号或换行${/^[，；]$/u.test(value) ? '；用全角逗号或分号分隔的表格，请在编辑器中把它们替换为半角逗号“,”，并去掉 --delimiter' : ''}`,
  badSemester: (value: string) => `--semester "${value}" 不是学期；请写成 2026-H1、2026H1、2026-1、2026上半年 或 2026下半年`,
  badYear: (value: string) => `--year "${value}" 不是 1900 到 2999 之间的年份；请写四位数字，如 --year 2026`,
  bomCsvOnly: '--bom 只能与 --format csv 一起使用',
  formatVsOut: (format: string, out: string, byName: string) =>
    `--format ${format} 写出的是${KIND_ZH[format]}，而 --out ${out} 是${KIND_ZH[byName]}的文件名：要写${KIND_ZH[byName]}请不写 --format，否则请把文件命名为 .${EXT[format]}`,
  formatNeedsName: (format: string, out: string) =>
    `--format ${format} 写出的是${KIND_ZH[format]}，而 --out ${out} 的扩展名不是 .${EXT[format]}：请把文件命名为 .${EXT[format]}，或换用其他 --format`,
  outHoldsDefault: (out: string, format: string, byName: string) =>
    `--out ${out} 写入的是${format === 'table' ? '对齐的表格' : ` ${format.toUpperCase()} `}（默认的 --format ${format}），不是 ${byName === 'md' ? 'Markdown' : byName.toUpperCase()}：${byName === 'csv' ? '要得到 Excel 能按表格打开的 CSV 文件' : '要写这种格式'}，请加 --format ${byName}`,
  formatNotWritten: (out: string, command: string, ext: string, formats: readonly string[], office: OfficeKind = null) =>
    `--out ${out}：${command} 不能写出 .${ext} 文件（可用的格式：${formats.join('、')}）；${officeInstead(office, formats, 'zh')}`,
  noScoresFor: (semester: string, held: string[]) =>
    `评分表中没有 ${semesterZh(semester)} 的评分（评分表中有：${held.map(semesterZh).join('、') || '无'}）`,
  noScores: '评分表中没有任何评分',
  severalSemesters: (held: string[]) => `评分表中有 ${held.map(semesterZh).join(' 和 ')}：请用 --semester 选择其一`,
  scoredInSeveral: (staffId: string, semesters: string[]) => `${staffId} 在 ${semesters.map(semesterZh).join(' 和 ')} 都有评分：请用 --semester 选择其一`,
  noStaff: (id: string, semester: string, near: string | null, ids: string[], more: boolean) =>
    `${semesterZh(semester)} 没有工号为 ${id} 的员工${near ? `（是不是 ${near}？）` : ''}；评分表中共有 ${ids.length} 人：${ids.slice(0, 8).join('、')}${more ? ' 等' : ''}`,
  nameNotId: (name: string, matches: NameMatch[]) =>
    matches.length === 1
      ? `"${name}" 是姓名，不是工号：${name} 的工号是 ${matches[0]!.staffId}${matches[0]!.post ? `（${matches[0]!.post}）` : ''}；请用同样的评分表运行 evaluate explain ${matches[0]!.staffId}`
      : `有 ${matches.length} 人叫 "${name}"：${matches.map((m) => `${m.staffId}${m.post ? `（${m.post}）` : ''}`).join('、')}；请用其中一个工号运行 evaluate explain`,
  noScoresOfYear: (year: number, found: string[]) => `评分表中没有 ${year} 年的评分${found.length ? `（评分表中有：${found.map(semesterZh).join('、')}）` : ''}`,
  severalYears: (years: string[], semesters: string[]) => `评分表中有 ${years.join('、')} 年的评分（${semesters.map(semesterZh).join('、')}）：请用 --year 选择年份`,
  halfMissing: (semester: string) => `没有任何评分表含 ${semesterZh(semester)} 的评分：所有人的年度都不完整，不作任何年度结论`,
  amount: {
    excellent: '优秀奖励',
    good: '良好奖励',
    annualBonus: '年度奖金',
    penalty: '处罚',
  },
  unset: (key: AmountKey, people: string[], total: number, policyFile: string | null) =>
    `未设定 amounts.${key}：${people.join('、')}${total > people.length ? ` 等 ${total} 人` : ''}的${zh.amount[key]}金额留空；` +
    (policyFile ? `请在 ${policyFile} 中设定` : '内置考评办法不设金额：请在 evaluate.config.json 或 --policy 指定的文件中设定'),
  wroteNotices: (n: number, dir: string) => `evaluate: 已把 ${n} 份通知单写入 ${dir}`,
};

const byLang: Record<Lang, CommandWords> = { en, zh };

export function commandWords(lang: Lang): CommandWords {
  return byLang[lang];
}
