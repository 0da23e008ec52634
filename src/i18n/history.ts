/** The words of `evaluate history` and `evaluate batch`, English and Chinese, with the same keys. */
import type { Grade } from '../core/types.js';
import type { Lang } from './index.js';
import { semesterZh } from './zh.js';

const enWords = {
  /** The CSV header of history: SPEC's column names. */
  col: {
    staffId: 'staff_id',
    name: 'name',
    post: 'post',
    excellent: 'excellent',
    good: 'good',
    qualified: 'qualified',
    unqualified: 'unqualified',
    awardYears: 'award_years',
    nonRenewalYears: 'non_renewal_years',
    longestRun: 'longest_unqualified_run',
    trend: 'trend',
  },
  head: {
    staffId: 'ID',
    name: 'Name',
    post: 'Post',
    excellent: 'Exc',
    good: 'Good',
    qualified: 'Qual',
    unqualified: 'Unq',
    awardYears: 'Award years',
    nonRenewalYears: 'Not renewed',
    longestRun: 'Unq run',
    trend: 'Trend',
  },
  /** After a total in the table: the grade in one letter. */
  gradeMark: { excellent: 'E', good: 'G', qualified: 'Q', unqualified: 'U' } as Record<Grade, string>,
  notScored: '—',
  /** A semester as people read it, in the table's heading and columns (the CSV keeps SPEC's `2026-H1`). */
  semester: (semester: string) => semester,
  title: (staff: number, semesters: string[]) =>
    semesters.length === 0
      ? 'History: no semesters'
      : `History ${semesters[0]} to ${semesters[semesters.length - 1]}: ${staff} staff, ${semesters.length} semester${semesters.length === 1 ? '' : 's'}`,
  legend: 'E excellent, G good, Q qualified, U unqualified; — not scored. Trend: the last total minus the first.',
  totals: (award: number, nonRenewal: number, twice: number) =>
    `Award candidate in some year: ${award}; not renewed in some year: ${nonRenewal}; unqualified two or more semesters running: ${twice}`,

  // evaluate batch
  batchTitle: (centers: number, dir: string) => `Batch: ${centers} center${centers === 1 ? '' : 's'} into ${dir}`,
  batchHead: { center: 'Center', semesters: 'Semesters', years: 'Years', staff: 'Staff', status: 'Status', where: 'Written' },
  status: { ok: 'ok', failed: 'failed' },
  problemsIn: (errors: number) => `${errors} error${errors === 1 ? '' : 's'}: problems.txt`,
  filesWritten: (n: number) => `${n} file${n === 1 ? '' : 's'}`,
  batchDone: (ok: number, failed: number) => `${ok} center${ok === 1 ? '' : 's'} done, ${failed} failed; summary.csv and summary.json written`,
  centerFailed: (center: string, file: string) => `center ${center} failed: its problems are in ${file}`,
  unreadable: {
    folder: 'cannot read this sheet: it is a folder, not a file',
    'not-a-file': 'cannot read this sheet: it is not a regular file',
    ENOENT: 'cannot read this sheet: it is a link to a file that does not exist',
    ELOOP: 'cannot read this sheet: it is a link that leads back to itself',
    EACCES: 'cannot read this sheet: no permission to read it',
    EPERM: 'cannot read this sheet: no permission to read it',
  } as Record<string, string>,
  unreadableOther: (code: string) => `cannot read this sheet (${code})`,
  noSheets: 'no .csv sheet in this center\'s folder or its subfolders',
  looseSheet: 'this sheet is in no center\'s folder, so no center reads it: move it into its center\'s folder',
  /** A center folder named like a year (ROOT one center's folder, whose subfolders are years). */
  yearCenter: (name: string) => `the center "${name}" is named like a year: is this the folder of one center? batch takes a folder of centers, each in a subfolder`,
  policyProblem: (message: string) => `the center's policy cannot be used: ${message}`,
  /** A folder of --out-dir (--force) with an earlier run's reports of a center no longer under ROOT. */
  staleCenter: (root: string) => `no center of this name is under ${root} now: this folder's files are of an earlier run, left as they were, and not in summary.csv`,
  /** A folder of ROOT holding an earlier batch's reports (summary.csv and summary.json): not a center. */
  earlierOutDir: "this folder holds an earlier batch's reports (summary.csv, summary.json): it is not taken for a center",
  // Usage errors
  rootMissing: (root: string) => `cannot read ROOT "${root}": no such folder`,
  rootNotFolder: (root: string) => `ROOT "${root}" is not a folder: give the folder that holds one folder per center`,
  noCenters: (root: string) => `"${root}" has no center folders: each subfolder of ROOT is a center`,
  outIsFile: (dir: string) => `--out-dir ${dir} is a file, not a folder`,
  outNotEmpty: (dir: string) => `--out-dir ${dir} is not empty; add --force to replace the folders of the centers written (and the summary)`,
  outHoldsRoot: (dir: string) => `--out-dir ${dir} holds the sheets (ROOT): choose another folder, the reports would replace them`,
  reservedCenter: (center: string) => `a center cannot be named "${center}": that is the name of the summary file; rename the folder`,
  /** --out-dir inside a center's folder of ROOT (or that folder, holding its sheets). */
  outInCenter: (dir: string, center: string) =>
    `--out-dir ${dir} is in the folder of the center "${center}" under ROOT: its reports would be read as that center's sheets; choose a folder of its own (a new folder under ROOT, or outside it)`,
  outCannot: (dir: string, reason: string) => `cannot write --out-dir ${dir}: ${reason}`,
  /** A center's file that cannot be written (a full disk): the batch stops there. */
  centerCannot: (path: string, reason: string) =>
    `cannot write ${path}: ${reason}; the batch stopped there, and summary.csv is not written (centers done before it are in --out-dir)`,
  folderNoCsv: (folder: string) => `the folder "${folder}" has no .csv files (subfolders included)`,
  cannotReadSheet: (file: string, why: string) => `cannot read sheet "${file}": ${why}`,
};

export type HistoryWords = typeof enWords;

const zhWords: HistoryWords = {
  col: {
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    excellent: '优秀',
    good: '良好',
    qualified: '合格',
    unqualified: '不合格',
    awardYears: '评优候选年度',
    nonRenewalYears: '不予聘任年度',
    longestRun: '最长连续不合格学期数',
    trend: '总分变化',
  },
  head: {
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    excellent: '优秀',
    good: '良好',
    qualified: '合格',
    unqualified: '不合格',
    awardYears: '评优候选年度',
    nonRenewalYears: '不予聘任年度',
    longestRun: '连续不合格',
    trend: '变化',
  },
  gradeMark: { excellent: '优', good: '良', qualified: '合', unqualified: '不' },
  notScored: '—',
  semester: semesterZh,
  title: (staff: number, semesters: string[]) =>
    semesters.length === 0
      ? '历年评比：没有学期'
      : `历年评比 ${semesterZh(semesters[0]!)} 至 ${semesterZh(semesters[semesters.length - 1]!)}：${staff} 人，${semesters.length} 个学期`,
  legend: '优＝优秀，良＝良好，合＝合格，不＝不合格；— 表示该学期未评分。变化＝最后一次总分减第一次总分。',
  totals: (award: number, nonRenewal: number, twice: number) =>
    `曾为评优推荐候选人 ${award} 人；曾不予聘任 ${nonRenewal} 人；连续两个及以上学期不合格 ${twice} 人`,

  batchTitle: (centers: number, dir: string) => `批量评比：${centers} 个中心，结果写入 ${dir}`,
  batchHead: { center: '中心', semesters: '学期数', years: '年度数', staff: '人数', status: '状态', where: '写出' },
  status: { ok: '完成', failed: '失败' },
  problemsIn: (errors: number) => `${errors} 个错误：见 problems.txt`,
  filesWritten: (n: number) => `${n} 个文件`,
  batchDone: (ok: number, failed: number) => `${ok} 个中心完成，${failed} 个失败；已写出 summary.csv 和 summary.json`,
  centerFailed: (center: string, file: string) => `中心 ${center} 未能完成：问题清单见 ${file}`,
  unreadable: {
    folder: '无法读取此评分表：这是一个文件夹，不是文件',
    'not-a-file': '无法读取此评分表：这不是普通文件',
    ENOENT: '无法读取此评分表：这是一个快捷方式（链接），指向的文件不存在',
    ELOOP: '无法读取此评分表：这是一个指向自身的链接',
    EACCES: '无法读取此评分表：没有读取权限',
    EPERM: '无法读取此评分表：没有读取权限',
  },
  unreadableOther: (code: string) => `无法读取此评分表（${code}）`,
  noSheets: '该中心的文件夹（含子文件夹）里没有 .csv 评分表',
  looseSheet: '此评分表不在任何中心的文件夹里，不会被读取：请移到所属中心的文件夹中',
  yearCenter: (name: string) => `中心“${name}”的名字像年份：这是不是某一个中心的文件夹？batch 读取的是各中心文件夹所在的上一级文件夹`,
  policyProblem: (message: string) => `该中心的考评办法文件无法使用：${message}`,
  staleCenter: (root: string) => `${root} 下现在没有这个中心：此文件夹里的文件是以前运行留下的，未作改动，也不在 summary.csv 中`,
  earlierOutDir: '此文件夹里是以前一次 batch 写出的结果（summary.csv、summary.json），不当作中心读取',
  rootMissing: (root: string) => `无法读取 ROOT "${root}"：文件夹不存在`,
  rootNotFolder: (root: string) => `ROOT "${root}" 不是文件夹：请给出每个中心一个子文件夹的那个总文件夹`,
  noCenters: (root: string) => `"${root}" 下没有中心文件夹：ROOT 的每个子文件夹是一个中心`,
  outIsFile: (dir: string) => `--out-dir ${dir} 是文件，不是文件夹`,
  outNotEmpty: (dir: string) => `--out-dir ${dir} 不是空文件夹；如要替换本次写出的各中心文件夹（以及汇总表），请加 --force`,
  outHoldsRoot: (dir: string) => `--out-dir ${dir} 包含评分表所在的 ROOT：请换一个文件夹，否则结果会覆盖评分表`,
  reservedCenter: (center: string) => `中心文件夹不能叫 "${center}"：这是汇总表的文件名；请给文件夹改名`,
  outInCenter: (dir: string, center: string) =>
    `--out-dir ${dir} 位于 ROOT 下中心“${center}”的文件夹里：写入的报表会被当作该中心的评分表读取；请另选一个文件夹（ROOT 下新建一个，或放在 ROOT 之外）`,
  outCannot: (dir: string, reason: string) => `无法写入 --out-dir ${dir}：${reason}`,
  centerCannot: (path: string, reason: string) => `无法写入 ${path}：${reason}；批处理到此停止，未写出 summary.csv（此前已处理完的中心留在 --out-dir 中）`,
  folderNoCsv: (folder: string) => `文件夹 "${folder}"（含子文件夹）里没有 .csv 文件`,
  cannotReadSheet: (file: string, why: string) => `无法读取评分表 "${file}"：${why}`,
};

export const en = enWords;
export const zh = zhWords;
export const historyWords = { en, zh } satisfies Record<Lang, HistoryWords>;

export function wordsOfHistory(lang: Lang): HistoryWords {
  return historyWords[lang];
}
