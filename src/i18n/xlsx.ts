/** The words of the xlsx workbook (sheet names) and of its one refusal, English and Chinese, with the same keys. */
import type { RewardsOnly } from '../core/year.js';
import type { Lang } from './index.js';

const en = {
  /** A semester's sheet in `score`'s workbook: `2026-H1`. */
  semesterSheet: (semester: string) => semester,
  yearSheet: (year: number) => String(year),
  listSheet: { rewards: 'rewards', penalties: 'penalties', 'award-candidates': 'award-candidates', 'non-renewal': 'non-renewal' } as Record<RewardsOnly, string>,
  /** `history`'s one sheet. */
  historySheet: 'history',
  toTerminal:
    'an xlsx workbook is binary and is not written to a terminal: add --out FILE.xlsx, or redirect standard output (> FILE.xlsx)',
};

export type XlsxWords = typeof en;

const zh: XlsxWords = {
  semesterSheet: (semester: string) => {
    const m = /^(\d{4})-H([12])$/.exec(semester);
    return m ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : semester;
  },
  yearSheet: (year: number) => String(year),
  listSheet: { rewards: '奖励', penalties: '处罚', 'award-candidates': '评优候选', 'non-renewal': '不予聘任' },
  historySheet: '历年评比',
  toTerminal: 'xlsx 工作簿是二进制文件，不能输出到终端：请加 --out 文件名.xlsx，或把标准输出重定向到文件（> 文件名.xlsx）',
};

export const xlsxWordsByLang = { en, zh } satisfies Record<Lang, XlsxWords>;

export function xlsxWords(lang: Lang): XlsxWords {
  return xlsxWordsByLang[lang];
}
