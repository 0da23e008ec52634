import { en, type Words } from './en.js';
import { zh } from './zh.js';

export type Lang = 'en' | 'zh';
export type { Words };

export function words(lang: Lang): Words {
  return lang === 'zh' ? zh : en;
}

/** `--lang`, else LC_ALL / LC_MESSAGES / LANG: Chinese for zh_*, English otherwise. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(v) ? 'zh' : 'en';
}
