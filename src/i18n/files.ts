/**
 * Why a file could not be read or written, in words: the system's error codes (ENOENT, EACCES,
 * ENOSPC, ...) mean nothing to a committee secretary and never appear in a message.
 */
import type { Lang } from './index.js';

type Reasons = Record<string, string>;

const en: Reasons = {
  ENOENT: 'there is no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  /** Not the system's: a device or a pipe where a file is read (verify's sealed inputs). */
  ENOTFILE: 'it is a device or a pipe, not a file',
  EACCES: 'permission denied: you may not open it',
  EPERM: 'the system does not allow it',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EFBIG: 'the file is too big for this disk',
  EIO: 'the disk failed (input/output error)',
  ELOOP: 'it is a symbolic link that leads in a circle',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file of that name appeared meanwhile',
  EMFILE: 'too many files are open at once',
  ENFILE: 'too many files are open at once',
  EBUSY: 'the file is in use',
  ETXTBSY: 'the file is in use',
  EAGAIN: 'nothing arrived to read (a pipe that nobody writes to?)',
  ENXIO: 'nobody is reading at the other end (a pipe without a reader?)',
  EPIPE: 'the reader at the other end stopped reading',
  EXDEV: 'it is on another disk',
  ENODEV: 'the device is not there',
  EINVAL: 'the system refused the operation on this file',
  ESTALE: 'the network file system lost the file',
  ECONNRESET: 'the connection was lost',
};

const zh: Reasons = {
  ENOENT: '没有这个文件或文件夹',
  ENOTDIR: '路径中有一部分是文件而不是文件夹',
  EISDIR: '这是文件夹，不是文件',
  ENOTFILE: '这是设备或管道，不是文件',
  EACCES: '没有权限打开',
  EPERM: '系统不允许此操作',
  EROFS: '磁盘是只读的',
  ENOSPC: '磁盘已满',
  EDQUOT: '磁盘配额已用完',
  EFBIG: '文件太大，此磁盘放不下',
  EIO: '磁盘读写出错',
  ELOOP: '这是一个绕成圈的符号链接',
  ENAMETOOLONG: '名称太长',
  EEXIST: '期间出现了同名文件',
  EMFILE: '同时打开的文件太多',
  ENFILE: '同时打开的文件太多',
  EBUSY: '文件正在使用中',
  ETXTBSY: '文件正在使用中',
  EAGAIN: '没有可读的内容（是否是没有写入方的管道？）',
  ENXIO: '另一端没有读取方（是否是没有读取方的管道？）',
  EPIPE: '另一端已停止读取',
  EXDEV: '它在另一个磁盘上',
  ENODEV: '设备不存在',
  EINVAL: '系统拒绝对此文件执行该操作',
  ESTALE: '网络文件系统丢失了此文件',
  ECONNRESET: '连接已断开',
};

const other = { en: 'the system reported a problem with it', zh: '系统报告此文件出错' };

/** The reasons in both languages (for the test that every message exists in both). */
export const fileReasons = { en, zh };

/** The reason a file operation failed, in words; never the raw code. */
export function fileProblem(e: unknown, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const table = lang === 'zh' ? zh : en;
  if (code && Object.hasOwn(table, code)) return table[code]!;
  return other[lang];
}

const outEn = {
  inputFile: (out: string) => `refusing to write --out ${out}: it is one of the input files`,
  noFolder: (out: string, folder: string) => `cannot write --out ${out}: the folder ${folder} does not exist`,
  isFolder: (out: string) => `cannot write --out ${out}: it is a folder; give a file name`,
  exists: (out: string) => `--out ${out} already exists; add --force to replace it`,
  dangling: (out: string, target: string) =>
    `refusing to write --out ${out}: it is a symbolic link to ${target}, which does not exist; give the file's real name`,
  notWritable: (out: string) => `cannot write --out ${out}: it is neither a file, nor a pipe, nor a terminal`,
  cannot: (out: string, reason: string) => `cannot write --out ${out}: ${reason}`,
  failed: (out: string, reason: string) => `cannot write --out ${out}: ${reason}; nothing was written`,
  appeared: (out: string) => `--out ${out} appeared while this run was writing it; it is kept as it is: add --force to replace it`,
  wrote: (out: string) => `evaluate: wrote ${out}`,
  stdoutFailed: (reason: string) => `evaluate: error: cannot write the report to standard output: ${reason}`,
};

export type OutWords = typeof outEn;

const outZh: OutWords = {
  inputFile: (out) => `拒绝写入 --out ${out}：它是输入文件之一`,
  noFolder: (out, folder) => `无法写入 --out ${out}：文件夹 ${folder} 不存在`,
  isFolder: (out) => `无法写入 --out ${out}：这是文件夹，请给出文件名`,
  exists: (out) => `--out ${out} 已存在；如要替换，请加 --force`,
  dangling: (out, target) => `拒绝写入 --out ${out}：它是指向 ${target} 的符号链接，而该文件不存在；请给出文件的实际路径`,
  notWritable: (out) => `无法写入 --out ${out}：它既不是文件，也不是管道或终端`,
  cannot: (out, reason) => `无法写入 --out ${out}：${reason}`,
  failed: (out, reason) => `无法写入 --out ${out}：${reason}；未写出任何内容`,
  appeared: (out) => `--out ${out} 在本次写入期间出现了；已保留原文件：如要替换，请加 --force`,
  wrote: (out) => `evaluate: 已写入 ${out}`,
  stdoutFailed: (reason) => `evaluate: error: 无法把报告写到标准输出：${reason}`,
};

export function outWords(lang: Lang): OutWords {
  return lang === 'zh' ? outZh : outEn;
}

const sheetEn = {
  cannotRead: (name: string, reason: string) => `cannot read sheet "${name}": ${reason}`,
  cannotReadRoster: (name: string, reason: string) => `cannot read roster "${name}": ${reason}`,
  noCsv: (folder: string) => `the folder "${folder}" has no .csv files`,
  stdinTwice: 'standard input (-) is named twice',
  fromKeyboard: 'evaluate: reading the sheet (-) from the keyboard: paste or type its lines, then press Ctrl-D on a line of its own',
  inFolder: (file: string, why: string) => `  ${file}: ${why}`,
  notSheets: (folder: string) => `the folder "${folder}" holds .csv names that are not sheets to read; rename or move them:`,
  isFolder: 'a folder, not a sheet',
  notFile: 'not a file (a pipe, a socket or a device): a folder\'s sheets must be files',
  /** The progress line of a long reading (numbers already written out). */
  progress: (name: string, percent: number, mb: string, rows: string, perSecond: string) => `${name}: ${percent}% of ${mb} MB, ${rows} rows, ${perSecond} rows/s`,
};

export type SheetWords = typeof sheetEn;

const sheetZh: SheetWords = {
  cannotRead: (name, reason) => `无法读取评分表“${name}”：${reason}`,
  cannotReadRoster: (name, reason) => `无法读取花名册“${name}”：${reason}`,
  noCsv: (folder) => `文件夹“${folder}”中没有 .csv 文件`,
  stdinTwice: '标准输入（-）被指定了两次',
  fromKeyboard: 'evaluate: 正在从键盘读取评分表（-）：请粘贴或输入各行，最后在单独一行按 Ctrl-D',
  inFolder: (file, why) => `  ${file}：${why}`,
  notSheets: (folder) => `文件夹“${folder}”中有名为 .csv 但不能作为评分表读取的项，请改名或移走：`,
  isFolder: '这是文件夹，不是评分表',
  notFile: '这不是文件（是管道、套接字或设备）：文件夹里的评分表必须是文件',
  progress: (name, percent, mb, rows, perSecond) => `${name}：已读 ${percent}%（共 ${mb} MB），${rows} 行，每秒 ${perSecond} 行`,
};

/** The words of reading sheets and the roster from disk. */
export function sheetWords(lang: Lang): SheetWords {
  return lang === 'zh' ? sheetZh : sheetEn;
}
