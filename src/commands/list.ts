/**
 * Every command's name and one-line summary, and how to load it. The program registers in full
 * only the command being run, so that `evaluate score` does not pay for loading the others; the
 * others appear in `evaluate --help` from this list.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  load: () => Promise<{ register(program: Command): void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'score', usage: '<sheet...>', summary: 'the semester report: totals, grades, ranks, rewards and penalties', load: () => import('./score.js') },
  { name: 'year', usage: '<sheet...>', summary: 'both semesters of a year side by side: award candidates, non-renewal, rectification', load: () => import('./year.js') },
  { name: 'rewards', usage: '<sheet...>', summary: "HR's lists: rewards, the annual bonus, penalties, award candidates, non-renewal", load: () => import('./rewards.js') },
  { name: 'check', usage: '<sheet...>', summary: 'validate the sheets: every problem at once, then what they hold and the committee', load: () => import('./check.js') },
  { name: 'explain', usage: '<staff_id> <sheet...>', summary: 'how one total came about: every score, the aggregation, the rounding, the grade and the rules', load: () => import('./explain.js') },
  { name: 'panel', usage: '<sheet...>', summary: 'rater consistency: leniency, outlier scores, identical scores, inter-rater reliability', load: () => import('./panel.js') },
  { name: 'report', usage: '<sheet...>', summary: "the committee's printable report (HTML or PDF): charts, ranking, rewards and penalties, signature lines", load: () => import('./report.js') },
  { name: 'notices', usage: '<sheet...>', summary: 'one result notice per staff member (HTML or PDF), to hand out and sign as read', load: () => import('./notices.js') },
  { name: 'init', usage: '', summary: 'write the policy file (evaluate.config.json), asking question by question', load: () => import('./init.js') },
  { name: 'template', usage: '', summary: 'blank scoring sheets for the committee: one CSV per rater, pre-filled with the roster', load: () => import('./template.js') },
  { name: 'history', usage: '<sheet_or_folder...>', summary: 'every semester of every year, per staff member: grades, award and non-renewal years, unqualified runs, trend', load: () => import('./history.js') },
  { name: 'batch', usage: '<root>', summary: 'every center under ROOT in one run: its reports, each with its own policy, and one summary', load: () => import('./batch.js') },
  { name: 'enter', usage: '', summary: "type in a rater's paper forms: checked as typed, saved person by person, resumable", load: () => import('./enter.js') },
  { name: 'verify', usage: '<report>', summary: 'reproduce a sealed JSON report from its inputs: reproduced, or what changed', load: () => import('./verify.js') },
  { name: 'diff', usage: '<before> <after>', summary: 'who changed between two reports of score or year: rank, total, grade, money, year outcome', load: () => import('./diff.js') },
];

export function summaryOf(name: string): string {
  return COMMANDS.find((c) => c.name === name)!.summary;
}
