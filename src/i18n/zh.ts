/** 中文用语：与 en.ts 一一对应。 */
import { yuan } from '../core/money.js';
import { CONSENSUS_RATER } from '../core/types.js';
import type { Words } from './en.js';

export const zh: Words = {
  grade: { excellent: '优秀', good: '良好', qualified: '合格', unqualified: '不合格' },
  method: { listen: '听', see: '看', check: '查', test: '测', ask: '问' },
  role: { leader: '组长', 'head-office': '总公司办公室', 'center-office': '中心办公室', student: '学生代表' },
  sheetColumn: {
    staff_id: '工号',
    name: '姓名',
    post: '岗位',
    semester: '学期',
    rater: '评委',
    role: '角色',
    listen: '听',
    see: '看',
    check: '查',
    test: '测',
    ask: '问',
    method: '方法',
    score: '分数',
  },
  col: {
    rank: '名次',
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    semester: '学期',
    total: '总分',
    grade: '等级',
    reward: '奖励',
    penalty: '处罚',
    rectifyBy: '整改期限',
  },
  head: {
    rank: '名次',
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    total: '总分',
    grade: '等级',
    reward: '奖励',
    penalty: '处罚',
    rectifyBy: '整改期限',
  },
  title: (semester: string, staff: number, raters: number) => `员工业务评比 ${semesterZh(semester)}：${staff} 人，评委 ${raters} 人`,
  postTitle: (post: string) => `岗位 ${post || '（无）'}`,
  footer: (parts: string[]) => `等级分布：${parts.join('，')}`,
  moneyBelow: '奖励、处罚与整改期限（终端太窄，未在上表中显示）：',
  postMoneyBelow: '岗位、奖励、处罚与整改期限（终端太窄，未在上表中显示）：',
  /** A person, then a list of theirs on the same line (the money below a narrow table, enter's summary as a list). */
  personList: (who: string, parts: string[]) => `${who}：${parts.join('，')}`,
  listSep: '，',
  rows: (read: number, used: number, rejected: number) => `数据行：读取 ${read}，采用 ${used}，拒绝 ${rejected}`,
  currency: yuan,
  list: (items: readonly string[]) => items.join('、'),
  rater: (name: string) => (name === CONSENSUS_RATER ? '考评小组' : name),
  unset: '金额未设',
  unsetCell: '（金额未设）',
  clipped: (characters) => `（共 ${characters} 个字符）`,
  problems: (errors: number, warnings: number) => `${errors} 个错误${warnings ? `，${warnings} 个警告` : ''}；未写出任何文件`,
};

export function semesterZh(semester: string): string {
  const m = /^(\d{4})-H([12])$/.exec(semester);
  return m ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : semester;
}
