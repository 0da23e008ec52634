import { en, type Words } from './en.js';
import { zh } from './zh.js';

export type Lang = 'en' | 'zh';
export type { Words };

export function words(lang: Lang): Words {
  return lang === 'zh' ? zh : en;
}

/**
 * `--lang`, else LC_ALL / LC_MESSAGES / LANG: Chinese for zh_*, English otherwise. Where none is set
 * (Windows, which keeps its language elsewhere), the system's locale as Node.js reports it.
 */
export function defaultLang(env: NodeJS.ProcessEnv = process.env, systemLocale: () => string = () => Intl.DateTimeFormat().resolvedOptions().locale): Lang {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || systemLocale();
  return /^zh/i.test(v) ? 'zh' : 'en';
}
