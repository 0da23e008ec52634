/** What the commands writing an xlsx workbook (score, year, rewards) check before any work. */
import { UsageError } from '../errors.js';
import { stdoutIsTerminal as isTerminal } from '../io/output.js';
import { xlsxWords } from '../i18n/xlsx.js';
import type { Common } from './common.js';

/** A workbook is binary: to a terminal it would only garble the screen. Usage error (exit 2). */
export function refuseXlsxToTerminal(common: Common, stdoutIsTerminal = isTerminal()): void {
  if (common.format !== 'xlsx' || !stdoutIsTerminal) return;
  if (common.out === null || common.out === '-') throw new UsageError(xlsxWords(common.lang).toTerminal);
}
