/**
 * Every command's name and how to load it. The program registers in full only the command being
 * run, so that `evaluate score` does not pay for loading the others; the others appear in
 * `evaluate --help` from this list, with their usage and summary from the help words (i18n/help.ts).
 */
import type { Command } from 'commander';
import { type CommandName, helpWords } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';

export interface CommandEntry {
  name: CommandName;
  load: () => Promise<{ register(program: Command, lang: Lang): void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'score', load: () => import('./score.js') },
  { name: 'year', load: () => import('./year.js') },
  { name: 'rewards', load: () => import('./rewards.js') },
  { name: 'check', load: () => import('./check.js') },
  { name: 'explain', load: () => import('./explain.js') },
  { name: 'panel', load: () => import('./panel.js') },
  { name: 'report', load: () => import('./report.js') },
  { name: 'notices', load: () => import('./notices.js') },
  { name: 'init', load: () => import('./init.js') },
  { name: 'template', load: () => import('./template.js') },
  { name: 'history', load: () => import('./history.js') },
  { name: 'batch', load: () => import('./batch.js') },
  { name: 'enter', load: () => import('./enter.js') },
  { name: 'verify', load: () => import('./verify.js') },
  { name: 'diff', load: () => import('./diff.js') },
];

/** The new command `name` of the program, with its summary and description in `lang`. */
export function newCommand(program: Command, name: CommandName, lang: Lang): Command {
  const h = helpWords(lang).commands[name];
  return program.command(name).summary(h.summary).description(h.description);
}
