/**
 * The words of `evaluate verify` and `evaluate diff`, English and Chinese, with the same keys.
 * verify's markers `reproduced`, `changed:`, `missing:` and `policy changed` are not here: they stay
 * English in both languages, for scripts; what explains them follows --lang.
 */
import { yuan } from '../core/money.js';
import type { Lang } from './index.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const enWords = {
  verify: {
    reproduced: (inputs: number, source: string, tool: string) =>
      `${plural(inputs, 'input file')}, the policy (${source}) and every result are as sealed by ${tool}: the report comes from these files`,
    changed: (sealedBytes: number, nowBytes: number) =>
      `its contents are not the sealed ones (the SHA-256 differs; ${sealedBytes} bytes sealed, ${nowBytes} now)`,
    missing: (reason: string) => `cannot be read (${reason}); nothing can be recomputed without it`,
    readFrom: (folder: string) =>
      `note: the inputs are read as the seal names them, from the working folder ${folder}: run verify in the folder the report was made in`,
    stdin: 'was read from standard input, which cannot be read again; nothing can be recomputed without it',
    reportEdited: 'the report itself was edited after it was sealed: its contents no longer match the seal\'s result hash',
    policyChanged: (source: string) => `${source} now gives another effective policy than the one sealed`,
    builtInChanged: (tool: string) => `the built-in policy of ${tool} is not the one sealed`,
    policyInvalid: (source: string, message: string) => `${source} is no longer a valid policy: ${message}`,
    policyMissing: 'the policy file cannot be read; nothing can be recomputed without it',
    toolNote: (sealed: string, now: string) => `note: sealed by ${sealed}, checked with ${now}`,
    commandFails: 'the sealed command fails on the inputs as they are now:',
    differ: (n: number) => `results that differ from the report (${plural(n, 'entry', 'entries')}):`,
    otherParts: (keys: string[]) => `other parts of the report differ: ${keys.join(', ')}`,
    person: (who: string, what: string[]) => `${who}: ${what.join('; ')}`,
    added: 'not in the report, there when recomputed',
    removed: 'in the report, not there when recomputed',
    sameResults: 'recomputed from the files as they are now, every result is still the one in the report',
    notReproduced: (parts: string[]) => `not reproduced: ${parts.join(', ')}`,
    part: {
      edited: 'the report was edited',
      changed: (n: number) => `${plural(n, 'input')} changed`,
      missing: (n: number) => `${plural(n, 'input')} missing`,
      policy: 'the policy changed',
      differ: (n: number) => (n === 1 ? '1 result differs' : `${n} results differ`),
      other: 'other parts differ',
      fails: 'the command fails',
    },
    notSealed: (file: string, why: string) => `${file} is not a sealed report: ${why}`,
    why: {
      unreadable: (reason: string) => `it cannot be read (${reason})`,
      notJson: 'it is not JSON',
      noSeal: 'it has no "seal" (only JSON reports of score, year, rewards and panel are sealed)',
      badSeal: (key: string) => `its seal has no valid "${key}"`,
    },
  },
  diff: {
    title: (kind: string, before: string, after: string, changed: number, added: number, removed: number) =>
      `${kind}: ${before} → ${after}: ${plural(changed, 'staff member')} changed, ${added} added, ${removed} removed`,
    nothing: 'No changes: the two reports agree on everyone.',
    added: (n: number) => `Added (${n})`,
    removed: (n: number) => `Removed (${n})`,
    head: { semester: 'Semester', year: 'Year', staffId: 'ID', name: 'Name', field: 'Field', before: 'Before', after: 'After' },
    col: { semester: 'semester', year: 'year', staffId: 'staff_id', name: 'name', change: 'change', field: 'field', before: 'before', after: 'after' },
    change: { changed: 'changed', added: 'added', removed: 'removed' },
    field: {
      rank: 'rank',
      total: 'total',
      grade: 'grade',
      reward: 'reward',
      penalty: 'penalty',
      rectifyBy: 'rectifyBy',
      h1: 'h1',
      h2: 'h2',
      awardCandidate: 'awardCandidate',
      nonRenewal: 'nonRenewal',
      rectification: 'rectification',
      rewardTotal: 'rewardTotal',
      penaltyTotal: 'penaltyTotal',
      'methods.listen': 'methods.listen',
      'methods.see': 'methods.see',
      'methods.check': 'methods.check',
      'methods.test': 'methods.test',
      'methods.ask': 'methods.ask',
    } as Record<string, string>,
    none: '—',
    yes: 'yes',
    no: 'no',
    currency: yuan,
    notAReport: (file: string) =>
      `${file} is not a JSON report of evaluate score or evaluate year (write one with --format json)`,
    different: (before: string, after: string) =>
      `the two files are reports of different commands (${before} and ${after}): diff compares two reports of the same command`,
    notDiffable: (kind: string) => `diff compares reports of evaluate score or evaluate year, not of evaluate ${kind}`,
    unreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
    notJson: (file: string) => `${file} is not JSON`,
  },
};

export type AuditWords = typeof enWords;

const zhWords: AuditWords = {
  verify: {
    reproduced: (inputs: number, source: string, tool: string) =>
      `${inputs} 个输入文件、考评办法（${source === 'built-in' ? '内置规则' : source}）和全部结果均与 ${tool} 封存时一致：这份报告确实由这些文件得出`,
    changed: (sealedBytes: number, nowBytes: number) => `文件内容与封存时不同（SHA-256 不符；封存时 ${sealedBytes} 字节，现在 ${nowBytes} 字节）`,
    missing: (reason: string) => `无法读取（${reason}），缺少它无法重新计算`,
    readFrom: (folder: string) => `注意：输入文件按封存时的名称，从当前工作目录 ${folder} 读取；请在生成报告时所在的目录中运行 verify`,
    stdin: '当时从标准输入读取，无法再次读取，缺少它无法重新计算',
    reportEdited: '报告本身在封存后被改动过：内容与封存的结果哈希不符',
    policyChanged: (source: string) => `${source} 现在给出的有效考评办法与封存时不同`,
    builtInChanged: (tool: string) => `${tool} 的内置考评办法与封存时不同`,
    policyInvalid: (source: string, message: string) => `${source} 已不是有效的考评办法文件：${message}`,
    policyMissing: '无法读取考评办法文件，缺少它无法重新计算',
    toolNote: (sealed: string, now: string) => `注意：报告由 ${sealed} 封存，现用 ${now} 核对`,
    commandFails: '按封存的命令对现在的输入文件重新计算时出错：',
    differ: (n: number) => `与报告不一致的结果（${n} 条）：`,
    otherParts: (keys: string[]) => `报告的其他部分也不一致：${keys.join('、')}`,
    person: (who: string, what: string[]) => `${who}：${what.join('；')}`,
    added: '报告中没有，重新计算后出现',
    removed: '报告中有，重新计算后没有',
    sameResults: '按现在的文件重新计算，结果与报告中的仍然相同',
    notReproduced: (parts: string[]) => `未能复现：${parts.join('，')}`,
    part: {
      edited: '报告被改动过',
      changed: (n: number) => `${n} 个输入文件有改动`,
      missing: (n: number) => `${n} 个输入文件缺失`,
      policy: '考评办法有变化',
      differ: (n: number) => `${n} 条结果不一致`,
      other: '其他部分不一致',
      fails: '命令执行出错',
    },
    notSealed: (file: string, why: string) => `${file} 不是封存的报告：${why}`,
    why: {
      unreadable: (reason: string) => `无法读取（${reason}）`,
      notJson: '它不是 JSON 文件',
      noSeal: '其中没有 "seal"（只有 score、year、rewards、panel 的 JSON 报告带封存信息）',
      badSeal: (key: string) => `其封存信息缺少有效的 "${key}"`,
    },
  },
  diff: {
    title: (kind: string, before: string, after: string, changed: number, added: number, removed: number) =>
      `${kind}：${before} → ${after}：${changed} 人有变化，新增 ${added} 人，减少 ${removed} 人`,
    nothing: '没有变化：两份报告中每个人的结果都相同。',
    added: (n: number) => `新增（${n} 人）`,
    removed: (n: number) => `减少（${n} 人）`,
    head: { semester: '学期', year: '年度', staffId: '工号', name: '姓名', field: '项目', before: '变更前', after: '变更后' },
    col: { semester: '学期', year: '年度', staffId: '工号', name: '姓名', change: '变化', field: '项目', before: '变更前', after: '变更后' },
    change: { changed: '变化', added: '新增', removed: '减少' },
    field: {
      rank: '名次',
      total: '总分',
      grade: '等级',
      reward: '奖励',
      penalty: '处罚',
      rectifyBy: '整改期限',
      h1: '上半年',
      h2: '下半年',
      awardCandidate: '评优推荐候选人',
      nonRenewal: '不予聘任',
      rectification: '限期整改',
      rewardTotal: '奖励合计',
      penaltyTotal: '处罚合计',
      'methods.listen': '听',
      'methods.see': '看',
      'methods.check': '查',
      'methods.test': '测',
      'methods.ask': '问',
    },
    none: '—',
    yes: '是',
    no: '否',
    currency: yuan,
    notAReport: (file: string) => `${file} 不是 evaluate score 或 evaluate year 的 JSON 报告（用 --format json 生成）`,
    different: (before: string, after: string) => `两个文件是不同命令的报告（${before} 和 ${after}）：diff 只比较同一命令的两份报告`,
    notDiffable: (kind: string) => `diff 只比较 evaluate score 或 evaluate year 的报告，不比较 evaluate ${kind} 的报告`,
    unreadable: (file: string, reason: string) => `无法读取 ${file}：${reason}`,
    notJson: (file: string) => `${file} 不是 JSON 文件`,
  },
};

export const en = enWords;
export const zh = zhWords;
export const auditWordsByLang = { en, zh } satisfies Record<Lang, AuditWords>;

export function auditWords(lang: Lang): AuditWords {
  return auditWordsByLang[lang];
}
