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
  /** Null in the score bundle for every command but `score` (see COMMANDS). */
  load: (() => Promise<{ register(program: Command, lang: Lang): void }>) | null;
}

/**
 * Every command but `score` has no loader in the bundle built for `score` alone: scripts/build.js
 * defines process.env.EVALUATE_BUNDLE as "score" there (as "whole" in the whole one, so that neither
 * bundle reads the variable), esbuild leaves out the modules of an import() in a branch it knows is
 * never taken (the test written in full at each entry: esbuild does not carry a constant's value
 * into it), and for those commands the bin runs the whole bundle instead (cli.ts main). The command
 * run most often starts with about two thirds of the bytes to read and compile.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'score', load: () => import('./score.js') },
  { name: 'year', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./year.js') },
  { name: 'rewards', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./rewards.js') },
  { name: 'check', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./check.js') },
  { name: 'explain', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./explain.js') },
  { name: 'panel', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./panel.js') },
  { name: 'report', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./report.js') },
  { name: 'notices', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./notices.js') },
  { name: 'init', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./init.js') },
  { name: 'template', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./template.js') },
  { name: 'history', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./history.js') },
  { name: 'batch', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./batch.js') },
  { name: 'enter', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./enter.js') },
  { name: 'verify', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./verify.js') },
  { name: 'diff', load: process.env.EVALUATE_BUNDLE === 'score' ? null : () => import('./diff.js') },
];

/** The new command `name` of the program, with its summary and description in `lang`. */
export function newCommand(program: Command, name: CommandName, lang: Lang): Command {
  const h = helpWords(lang).commands[name];
  return program.command(name).summary(h.summary).description(h.description);
}
