/**
 * The words of the policy file's problems, English and Chinese, with the same keys. Keys
 * (`amounts.excellent`), role and aggregation ids, and what the file says are quoted as written.
 */
import type { JsonSyntax } from '../io/json-scan.js';
import { en } from './en.js';
import type { Lang } from './index.js';
import { zh } from './zh.js';

const enWords = {
  clipped: en.clipped,
  cannotRead: (file: string, reason: string) => `cannot read the policy "${file}": ${reason}`,
  tooBig: (file: string, size: string | null) =>
    `the policy "${file}" is over 1 MB${size ? ` (${size})` : ''}: a policy is a few lines of JSON; is it the right file?`,
  empty: (file: string) => `the policy "${file}" is empty: a policy is a JSON object ({ ... })`,
  notJson: (what: string) => `the policy is not valid JSON: ${what}`,
  syntax: (kind: JsonSyntax, found: string): string => {
    switch (kind) {
      case 'unexpected':
        return `unexpected character "${found}"`;
      case 'end-object':
        return 'it ends before the } that closes it';
      case 'end-array':
        return 'it ends before the ] that closes it';
      case 'end':
        return 'it ends where a value is expected';
      case 'key':
        return 'a key in double quotes is expected here';
      case 'trailing-comma':
        return `there is a comma before the ${found}: delete it`;
      case 'colon':
        return 'a colon (:) is missing after the key';
      case 'comma-object':
        return 'a comma or } is missing before this';
      case 'comma-array':
        return 'a comma or ] is missing before this';
      case 'string-open':
        return 'a text in double quotes is never closed';
      case 'string-control':
        return 'a line break or control character inside a text in double quotes';
      case 'escape':
        return 'a backslash (\\) that starts no valid escape';
      case 'number':
        return 'this is not a JSON number (plain digits, such as 800 or 2.5)';
      case 'after':
        return 'there is more after the end of the policy';
    }
  },
  duplicate: (key: string, first: number, second: number) =>
    `"${key}" is written twice (${first === second ? `both on line ${first}` : `lines ${first} and ${second}`}); JSON would keep only the last: delete one`,

  notObject: 'the policy must be a JSON object ({ ... })',
  unknownKey: (key: string, hint: string | null, known: readonly string[]) =>
    `unknown key "${key}"${hint !== null ? ` (did you mean "${hint}"?)` : ` (known: ${known.join(', ')})`}`,
  wholeNumber: (key: string, min: number, max: number, shown: string) => `"${key}" must be a whole number from ${min} to ${max}, not ${shown}`,
  number: (key: string, min: number, max: number | null, aboveMin: boolean, shown: string) =>
    `"${key}" must be a number ${aboveMin ? 'above' : 'from'} ${min}${max !== null ? ` to ${max}` : ''}, not ${shown}`,
  oneOf: (key: string, choices: readonly string[], shown: string) => `"${key}" must be one of ${choices.join(', ')}, not ${shown}`,
  decimals: (key: string) => `"${key}" has more than 6 decimals`,
  scale: (key: string, method: string, shown: string) =>
    `"${key}" is the highest score raters write for ${method}: a number from 1 to 1000 with at most 6 decimals, not ${shown}`,
  methodsObject: '"methods" must be an object keyed by method',
  methodObject: (key: string) => `"${key}" must be an object such as { "max": 20 }`,
  rolesList: (key: string, roles: readonly string[]) => `"${key}" must be a non-empty list of roles (${roles.join(', ')})`,
  unknownRole: (key: string, shown: string, roles: readonly string[]) => `"${key}" has an unknown role ${shown} (known: ${roles.join(', ')})`,
  maxSum: (parts: string, sum: string) => `"methods" maxima must add up to 100, but ${parts} = ${sum}`,
  bandsObject: '"bands" must be an object such as { "excellent": 90, "good": 80, "qualified": 60 }',
  bandsOrder: (e: number, g: number, q: number) => `"bands" are out of order: excellent ${e} > good ${g} > qualified ${q} must hold`,
  roleWeightsObject: '"roleWeights" must be an object keyed by role',
  amountsObject: '"amounts" must be an object such as { "excellent": 800 }',
  panelObject: '"panel" must be an object of thresholds',
  method: { listen: 'listen', see: 'see', check: 'check', test: 'test', ask: 'ask' } as Record<string, string>,
};

export type PolicyWords = typeof enWords;

const zhWords: PolicyWords = {
  clipped: zh.clipped,
  cannotRead: (file, reason) => `无法读取考评办法文件 "${file}"：${reason}`,
  tooBig: (file, size) => `考评办法文件 "${file}" 超过 1 MB${size ? `（${size}）` : ''}：考评办法文件只是几行 JSON，是否选错了文件？`,
  empty: (file) => `考评办法文件 "${file}" 是空的：考评办法应是一个 JSON 对象（{ ... }）`,
  notJson: (what) => `考评办法文件不是有效的 JSON：${what}`,
  syntax: (kind, found) => {
    switch (kind) {
      case 'unexpected':
        return `此处不应出现字符 "${found}"`;
      case 'end-object':
        return '文件在结束对象的 } 之前就结束了';
      case 'end-array':
        return '文件在结束列表的 ] 之前就结束了';
      case 'end':
        return '文件在应有值的地方结束了';
      case 'key':
        return '此处应是用双引号括起的键名';
      case 'trailing-comma':
        return `${found} 之前多了一个逗号：请删去`;
      case 'colon':
        return '键名后缺少冒号（:）';
      case 'comma-object':
        return '此处之前缺少逗号或 }';
      case 'comma-array':
        return '此处之前缺少逗号或 ]';
      case 'string-open':
        return '双引号括起的文本没有结束';
      case 'string-control':
        return '双引号括起的文本中有换行或控制字符';
      case 'escape':
        return '反斜杠（\\）后不是有效的转义';
      case 'number':
        return '这不是 JSON 数字（应是普通数字，例如 800 或 2.5）';
      case 'after':
        return '考评办法结束之后还有内容';
    }
  },
  duplicate: (key, first, second) =>
    `"${key}" 写了两次（${first === second ? `都在第 ${first} 行` : `第 ${first} 行和第 ${second} 行`}）；JSON 只会保留后一个：请删去一个`,

  notObject: '考评办法必须是一个 JSON 对象（{ ... }）',
  unknownKey: (key, hint, known) => `未知的键 "${key}"${hint !== null ? `（是否应为 "${hint}"？）` : `（可用的键：${known.join('、')}）`}`,
  wholeNumber: (key, min, max, shown) => `"${key}" 须为 ${min} 到 ${max} 之间的整数，而不是 ${shown}`,
  number: (key, min, max, aboveMin, shown) =>
    `"${key}" 须为${aboveMin ? `大于 ${min}${max !== null ? `、不超过 ${max}` : ''} 的数` : `${min} 到 ${max ?? '∞'} 之间的数`}，而不是 ${shown}`,
  oneOf: (key, choices, shown) => `"${key}" 须为 ${choices.join('、')} 之一，而不是 ${shown}`,
  decimals: (key) => `"${key}" 的小数超过 6 位`,
  scale: (key, method, shown) => `"${key}" 是评委为"${method}"打分时的最高分：须为 1 到 1000 之间、最多 6 位小数的数，而不是 ${shown}`,
  methodsObject: '"methods" 须为以考评方式为键的对象',
  methodObject: (key) => `"${key}" 须为对象，例如 { "max": 20 }`,
  rolesList: (key, roles) => `"${key}" 须为非空的角色列表（${roles.join('、')}）`,
  unknownRole: (key, shown, roles) => `"${key}" 中有未知的角色 ${shown}（可用：${roles.join('、')}）`,
  maxSum: (parts, sum) => `"methods" 各项满分之和须为 100，但 ${parts} = ${sum}`,
  bandsObject: '"bands" 须为对象，例如 { "excellent": 90, "good": 80, "qualified": 60 }',
  bandsOrder: (e, g, q) => `"bands" 顺序不对：须满足 excellent ${e} > good ${g} > qualified ${q}`,
  roleWeightsObject: '"roleWeights" 须为以角色为键的对象',
  amountsObject: '"amounts" 须为对象，例如 { "excellent": 800 }',
  panelObject: '"panel" 须为阈值组成的对象',
  method: { listen: '听', see: '看', check: '查', test: '测', ask: '问' },
};

export function policyWords(lang: Lang): PolicyWords {
  return lang === 'zh' ? zhWords : enWords;
}
