/** The words of `evaluate check`, English and Chinese; both tables have the same keys. */
import { semesterZh } from './zh.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const enWords = {
  files: (n: number, names: string[]) => `Checked ${plural(n, 'file')}: ${names.join(', ')}`,
  rows: (read: number, used: number, rejected: number) => `Rows: ${read} read, ${used} used, ${rejected} rejected`,
  totals: (staff: number, raters: number, semesters: string[]) =>
    `Staff: ${staff}   Raters: ${raters}   Semesters: ${semesters.length ? semesters.join(', ') : 'none'}`,
  scores: (parts: string[]) => `Scores per method: ${parts.join(', ')}`,
  semester: (semester: string, staff: number, raters: number) => `${semester}: ${plural(staff, 'staff member', 'staff')}, ${plural(raters, 'rater')}`,
  committee: (members: string[]) => `Committee: ${members.join(', ')}`,
  /** What committee() joins the roles with (a narrow terminal breaks the line after one). */
  committeeSep: ', ',
  /** One role of the committee: `student 2 (学生甲, 学生乙)`. */
  members: (role: string, names: string[]) => `${role} ${names.length} (${names.join(', ')})`,
  none: 'no role',
  asRules: 'as the rules ask (leader 1, head office 1, center office 1, students 2)',
  consensus: 'a consensus sheet (one score per method from the committee): the composition is not on the sheet',
  differs: (parts: string[]) => `warning: the committee differs from the rules: ${parts.join('; ')}`,
  /** Fewer raters than the rules ask, where rows refused without a semester may hold the others: not a warning. */
  differsUnplaced: (parts: string[]) =>
    `fewer raters than the rules ask: ${parts.join('; ')}; rows refused without a semester may hold the others (their errors above)`,
  difference: (role: string, found: number, expected: number) =>
    expected === 0 ? `${plural(found, 'rater')} without a role` : `${role} ${found} (rules: ${expected})`,
  partial: (parts: string[], refused: boolean) => `Raters who did not score everyone: ${parts.join(', ')}${refused ? ' (rows refused for their errors not counted)' : ''}`,
  partialOne: (rater: string, scored: number, of: number) => `${rater} ${scored} of ${of}`,
  ok: 'No problems found.',
  okWarnings: (warnings: number) => `No errors; ${plural(warnings, 'warning')}.`,
  bad: (errors: number, warnings: number) =>
    `${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}.`,
  /** Which policy the scores would be read with: its file, or the built-in one (none in the working folder). */
  policy: (file: string | null) => `Policy: ${file ?? 'built-in (no evaluate.config.json in this folder, no --policy)'}`,
  notWritten: (out: string) => `--out ${out} was not written because of the errors.`,
  semesterName: (s: string) => s,
};

export type CheckWords = typeof enWords;

const zhWords: CheckWords = {
  files: (n: number, names: string[]) => `已检查 ${n} 个文件：${names.join('，')}`,
  rows: (read: number, used: number, rejected: number) => `数据行：读取 ${read}，采用 ${used}，拒绝 ${rejected}`,
  totals: (staff: number, raters: number, semesters: string[]) =>
    `人员：${staff}   评委：${raters}   学期：${semesters.length ? semesters.map(semesterZh).join('，') : '无'}`,
  scores: (parts: string[]) => `各方式评分数：${parts.join('，')}`,
  semester: (semester: string, staff: number, raters: number) => `${semesterZh(semester)}：${staff} 人，评委 ${raters} 人`,
  committee: (members: string[]) => `考评小组：${members.join('；')}`,
  committeeSep: '；',
  members: (role: string, names: string[]) => `${role} ${names.length} 人（${names.join('、')}）`,
  none: '无角色',
  asRules: '符合规定（组长 1，总公司办公室 1，中心办公室 1，学生代表 2）',
  consensus: '合议评分表（每种方式一个考评小组分数）：表中看不出小组组成',
  differs: (parts: string[]) => `警告：考评小组组成与规定不同：${parts.join('；')}`,
  differsUnplaced: (parts: string[]) => `评委少于规定：${parts.join('；')}；缺少学期而被拒绝的行中可能有其余评委（见上面的错误）`,
  difference: (role: string, found: number, expected: number) =>
    expected === 0 ? `${found} 位评委没有角色` : `${role} ${found} 人（规定 ${expected} 人）`,
  partial: (parts: string[], refused: boolean) => `未给全部人员评分的评委：${parts.join('，')}${refused ? '（因有错误而未采用的行不计在内）' : ''}`,
  partialOne: (rater: string, scored: number, of: number) => `${rater} ${scored}/${of}`,
  ok: '未发现问题。',
  okWarnings: (warnings: number) => `没有错误；${warnings} 个警告。`,
  bad: (errors: number, warnings: number) => `${errors} 个错误${warnings ? `，${warnings} 个警告` : ''}。`,
  policy: (file: string | null) => `考评办法：${file ?? '内置规则（当前目录中没有 evaluate.config.json，也没有 --policy）'}`,
  notWritten: (out: string) => `因有错误，未写出 --out ${out}。`,
  semesterName: semesterZh,
};

export const checkWords = { en: enWords, zh: zhWords };
