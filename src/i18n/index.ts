import { en, type Words } from './en.js';
import { zh } from './zh.js';

export type Lang = 'en' | 'zh';
export type { Words };

export function words(lang: Lang): Words {
  return lang === 'zh' ? zh : en;
}

/**
 * `--lang`, else LC_ALL / LC_MESSAGES / LANG: Chinese for zh_*, English otherwise. Where none is set
 * (Windows, which keeps its language elsewhere), the system's locale (`systemLocale`).
 */
export function defaultLang(env: NodeJS.ProcessEnv = process.env, locale: () => string = systemLocale): Lang {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || locale();
  return /^zh/i.test(v) ? 'zh' : 'en';
}

/**
 * The system's locale where no variable names one. On Windows, as Node.js reports it (from the
 * system's settings). Elsewhere Node.js's ICU reads the same LC_ALL, LC_MESSAGES and LANG, so with
 * none of them set its answer is always POSIX's English: said here without asking, since asking
 * loads ICU's locale data, about 23 ms of every start under cron or in a container without a locale.
 */
export function systemLocale(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? Intl.DateTimeFormat().resolvedOptions().locale : 'en-US-POSIX';
}
