/** English words a person reads. Every key here exists in zh.ts too (the type makes sure). */
import { yuan } from '../core/money.js';

export const en = {
  grade: { excellent: 'excellent', good: 'good', qualified: 'qualified', unqualified: 'unqualified' },
  method: { listen: 'listen', see: 'see', check: 'check', test: 'test', ask: 'ask' },
  role: { leader: 'leader', 'head-office': 'head office', 'center-office': 'center office', student: 'student' },
  /** The header of a sheet the tool writes (template, enter), column by column; core/header.ts reads both languages back. */
  sheetColumn: {
    staff_id: 'staff_id',
    name: 'name',
    post: 'post',
    semester: 'semester',
    rater: 'rater',
    role: 'role',
    listen: 'listen',
    see: 'see',
    check: 'check',
    test: 'test',
    ask: 'ask',
    method: 'method',
    score: 'score',
  },
  col: {
    rank: 'rank',
    staffId: 'staff_id',
    name: 'name',
    post: 'post',
    semester: 'semester',
    total: 'total',
    grade: 'grade',
    reward: 'reward',
    penalty: 'penalty',
    rectifyBy: 'rectify_by',
  },
  head: {
    rank: 'Rank',
    staffId: 'ID',
    name: 'Name',
    post: 'Post',
    total: 'Total',
    grade: 'Grade',
    reward: 'Reward',
    penalty: 'Penalty',
    rectifyBy: 'Rectify by',
  },
  title: (semester: string, staff: number, raters: number) =>
    `Staff evaluation ${semester}: ${staff} staff, ${raters} rater${raters === 1 ? '' : 's'}`,
  postTitle: (post: string) => `Post ${post || '(none)'}`,
  footer: (parts: string[]) => `Grades: ${parts.join(', ')}`,
  /** Above the list of rewards, penalties and due dates a terminal too narrow for their columns shows below the table. */
  moneyBelow: 'Rewards, penalties and rectification (too wide for the table here):',
  /** The same when the post went below too (a post too long for the terminal). */
  postMoneyBelow: 'Posts, rewards, penalties and rectification (too wide for the table here):',
  /** A person, then a list of theirs on the same line (the money below a narrow table, enter's summary as a list). */
  personList: (who: string, parts: string[]) => `${who}: ${parts.join(', ')}`,
  /** The separator of a list's items where it may be broken into lines (render/lines.ts fitLines): personList's, enter's lists. */
  listSep: ', ',
  rows: (read: number, used: number, rejected: number) => `Rows: ${read} read, ${used} used, ${rejected} rejected`,
  currency: yuan,
  /** Items of a list in running text (flags, role weights, dates). */
  list: (items: readonly string[]) => items.join(', '),
  /** A rater as shown: the consensus sheet's rater (`committee`, SPEC) in the language's words. */
  rater: (name: string) => name,
  unset: 'unset',
  /** An amount the policy leaves unset, in a table cell. */
  unsetCell: '(unset)',
  /** After a clipped text (core/cells.ts `clip`): how long the whole was. */
  clipped: (characters: number) => ` (${characters} characters)`,
  problems: (errors: number, warnings: number) =>
    `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}; nothing was written`,
};

export type Words = typeof en;
