/**
 * Loading inquirer, for the interactive commands only (io/external.ts says how).
 *
 * The prompts come dressed in the user's language: the library's own words (Yes/No, "↑↓ navigate
 * ⏎ select", "You must answer with...") are set through each prompt's `theme`.
 */
import { styleText } from 'node:util';
import type { Lang } from '../i18n/index.js';
import { interactiveWords } from '../i18n/interactive.js';

type Prompts = typeof import('@inquirer/prompts');

/** The three prompts the commands use, with the language's theme applied. */
export interface Ask {
  input: Prompts['input'];
  confirm: Prompts['confirm'];
  select: Prompts['select'];
}

async function load(): Promise<Prompts> {
  // Written out, not through importExternal: vitest's mock of the prompts (@inquirer/testing)
  // replaces a literal import('@inquirer/prompts') only.
  const viaBin = (globalThis as { __evaluateImport?: (specifier: string) => Promise<unknown> }).__evaluateImport;
  return viaBin ? ((await viaBin('@inquirer/prompts')) as Prompts) : import('@inquirer/prompts');
}

export async function loadPrompts(lang: Lang = 'en'): Promise<Ask> {
  const prompts = await load();
  const w = interactiveWords(lang).prompt;
  const keys = w.keys as Record<string, string>;
  const confirmTheme = {
    keywords: { yes: w.yes, no: w.no, error: ({ yes, no }: { yes: string; no: string }) => w.yesNoError(yes, no) },
    // Chinese has no capital to mark the default answer ("Y/n"): it is bracketed, "[是]/否".
    ...(lang === 'zh' ? { style: { confirmDefault: (t: string) => `[${t}]`, defaultAnswer: (t: string) => styleText('dim', t) } } : {}),
  };
  const selectTheme = {
    style: {
      keysHelpTip: (pairs: [string, string][]) =>
        pairs.map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', keys[action] ?? action)}`).join(styleText('dim', ' • ')),
    },
    i18n: { disabledError: w.disabled },
  };
  return {
    // A score refused is cleared from the line (its message quotes it): what is typed next is the score, not 25 followed by 18.
    input: (config, context) => prompts.input({ ...config, theme: { validationFailureMode: 'clear', ...config.theme } }, context),
    confirm: (config, context) => prompts.confirm({ ...config, theme: { ...confirmTheme, ...config.theme } }, context),
    select: ((config, context) => prompts.select({ ...config, theme: { ...selectTheme, ...config.theme } }, context)) as Prompts['select'],
  };
}
