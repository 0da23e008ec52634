/**
 * `evaluate enter`: typing one rater's paper forms in. Every value is checked as it is typed, each
 * confirmed person is saved at once, and running the same command again continues where it stopped.
 * Inquirer is loaded only here, when a person is about to be asked something.
 */
import { existsSync, statSync } from 'node:fs';
import { styleText } from 'node:util';
import type { Command } from 'commander';
import { Option } from 'commander';
import { MICRO, parseRole } from '../core/cells.js';
import { type EntryMethod, type EntryStaff, type Note, type RowScoring, EntrySession, countedValue, pointsText, readTyped, totalText } from '../core/entry.js';
import { disagrees } from '../core/whole-picture.js';
import type { Rational } from '../core/rational.js';
import { METHODS, Problems } from '../core/types.js';
import { DataError, UsageError } from '../errors.js';
import { type Lang, defaultLang, words } from '../i18n/index.js';
import { problemWords } from '../i18n/problems.js';
import { fitLines } from '../render/lines.js';
import type { Align } from '../render/table.js';
import { type InteractiveWords, interactiveWords } from '../i18n/interactive.js';
import { EntrySheet } from '../io/entry-sheet.js';
import { loadRoster } from '../io/roster.js';
import { checkOut, terminalColumns } from '../io/output.js';
import { loadPolicy } from '../io/policy-file.js';
import { formatProblem, noColorGiven, parseSemesterOption, stderrColor } from './common.js';
import { newCommand } from './list.js';
import { helpWords } from '../i18n/help.js';
import { loadPrompts } from '../io/inquirer.js';
import { colorsRefused } from '../render/paint.js';

export interface EnterFlags {
  roster: string;
  semester: string;
  rater: string;
  role: string;
  out: string;
  policy?: string;
  lang?: string;
  bom?: boolean;
  color?: boolean;
}

/** How the session meets the world; tests drive it without a terminal. */
export interface SessionIo {
  /** Whether someone can answer (default: standard input and output are terminals). */
  interactive?: boolean;
  /** Lines of the session, between the questions (default: standard output). */
  print?: (line: string) => void;
  /** The closing message after Ctrl-C (default: standard error). */
  warn?: (line: string) => void;
  /** Problems of the sheet and the roster, FILE:LINE: warning: ... (default: standard error). */
  problem?: (line: string) => void;
}

export type Outcome = 'done' | 'interrupted';

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.enter;
  const cmd = newCommand(program, 'enter', lang)
    .requiredOption(...h.options.roster)
    .requiredOption(...h.options.semester)
    .requiredOption(...h.options.rater)
    .requiredOption(...h.options.role)
    .requiredOption(...h.options.out)
    .option(...helpWords(lang).common.policy)
    .addOption(new Option(...h.options.lang).choices(['en', 'zh']))
    .option(...h.options.bom)
    .option(...h.options.noColor);
  cmd.addHelpText('after', h.after);
  cmd.action(async (flags: EnterFlags) => {
    // An interrupted session is not an error: its own message says what was saved. 130 is the
    // shell's code for a Ctrl-C.
    if ((await runEnter(flags)) === 'interrupted') process.exit(130);
  });
}

export function isInterrupt(e: unknown): boolean {
  return e instanceof Error && e.name === 'ExitPromptError';
}

export function canAsk(io: SessionIo): boolean {
  return io.interactive ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
}

export async function runEnter(flags: EnterFlags, io: SessionIo = {}): Promise<Outcome> {
  const lang: Lang = (flags.lang as Lang | undefined) ?? defaultLang();
  if (flags.color === false) noColorGiven();
  const w = interactiveWords(lang);
  const semester = parseSemesterOption(flags.semester, lang)!;
  const role = parseRole(flags.role);
  if (!role) throw new UsageError(w.unknownRole(flags.role));
  const rater = flags.rater.trim();
  if (rater === '') throw new UsageError(w.blankRater);
  const { policy } = loadPolicy(flags.policy, { lang });
  const methods: EntryMethod[] = METHODS.filter((m) => policy.methods[m].roles.includes(role)).map((m) => ({
    method: m,
    maxMicro: Math.round(policy.methods[m].scale * MICRO),
  }));
  if (methods.length === 0) throw new UsageError(w.noMethod(role));
  checkSheetPath(flags.out, flags.roster, lang);
  if (!canAsk(io)) throw new UsageError(w.needTerminal('enter', w.enterInstead));

  const problems = new Problems();
  const roster = loadRoster(flags.roster, 0, { policy, semester, encoding: null, delimiter: ',', roster: flags.roster, lang }, problems);
  // Whether the sheet was there before: a session that saves nobody leaves it as it was, or unmade.
  const existed = existsSync(flags.out);
  const opened = await EntrySheet.open(flags.out, { semester, rater, role }, methods, {
    lang,
    bom: flags.bom === true,
    fileOrder: 1,
    problems,
    words: w,
  });
  const onRoster = new Map(roster.map((e) => [e.staffId, e]));
  for (const [id, line] of opened.lines) {
    const e = onRoster.get(id);
    if (!e) {
      problems.warning({ file: flags.out, fileOrder: 1, line }, w.notOnRoster(id, flags.roster));
      continue;
    }
    // Names compared as the reading compares them against a roster (core/whole-picture.ts).
    const name = opened.names.get(id) ?? '';
    if (disagrees(name, e.name)) {
      const differs = (problemWords(lang)['roster-name'] as (a: unknown[]) => string)([id, name, e.name, `${flags.roster}:${e.at.line}`]);
      problems.warning({ file: flags.out, fileOrder: 1, line }, `${differs}${w.rosterNameKept(id)}`);
    }
  }
  // A --rater the sheet does not have is likely a typing mistake: said before the first question.
  if (opened.adopted !== undefined) {
    problems.warning({ file: flags.out, fileOrder: 1, line: 1 }, w.placeholderTaken(opened.adopted, rater));
  } else if (opened.raters.length > 0 && !opened.raterFound) {
    problems.warning({ file: flags.out, fileOrder: 1, line: 1 }, w.newRater(rater, opened.raters));
  }
  settle(problems, lang, io.problem);
  if (roster.length === 0) throw new UsageError(w.emptyRoster(flags.roster));

  const staff: EntryStaff[] = roster.map((e) => ({ staffId: e.staffId, name: e.name, post: e.post }));
  const scoring: RowScoring = { policy, role, semester };
  const session = new EntrySession(staff, methods, scoring, opened.existing);
  const prompts = await loadPrompts(lang);
  const color = flags.color !== false && !colorsRefused() && process.stdout.isTTY === true;
  const ui = new EnterScreen(session, w, lang, color, io.print ?? ((l) => process.stdout.write(`${l}\n`)));
  const warn = io.warn ?? ((l: string) => process.stderr.write(`${l}\n`));
  /** What a typed score counts for in the total, where the policy scales the method (null: as typed). */
  const countsFor = (m: EntryMethod): string | null => {
    const mp = policy.methods[m.method];
    return mp.scale === mp.max ? null : pointsText(Math.round(mp.max * MICRO));
  };

  ui.say(w.intro(rater, w.role[role], semester, staff.length));
  for (const l of fitLines(w.methodsLabel, methods.map((m) => w.methodRange(ui.method(m), pointsText(m.maxMicro), countsFor(m))), words(lang).listSep, '', lineWidth())) ui.say(l);
  ui.say(w.savedTo(flags.out));
  if (opened.resumed && session.savedCount > 0) ui.say(w.resumed(session.savedCount, staff.length));
  for (const l of w.keys.split('\n')) ui.say(ui.dim(l));

  try {
    for (;;) {
      const step = session.step;
      if (step.kind === 'score') {
        ui.header(step.staff);
        const m = methods[step.method]!;
        const at = { staff: step.staff, method: step.method };
        const answer = await prompts.input({
          message: w.question(ui.method(m), pointsText(m.maxMicro), countsFor(m)),
          default: session.defaultFor(step.staff, step.method),
          validate: (v) => {
            const t = readTyped(v, m);
            return t.kind === 'invalid' ? w.invalid(t.reason, t.text, ui.method(m), pointsText(m.maxMicro)) : true;
          },
          transformer: (v, { isFinal }) => ui.typed(v, m, at, isFinal),
        });
        ui.note(session.type(readTyped(answer, m)));
      } else if (step.kind === 'confirm') {
        const i = step.staff;
        const values = session.valuesOf(i);
        // A scaled score shows what it counts for, so that the sum shown adds up: 9→27.
        const parts = methods
          .map((m) => {
            const typed = pointsText(values[m.method]!);
            if (countsFor(m) === null) return typed;
            const v = countedValue(m.method, values[m.method]!, scoring);
            return `${typed}→${v.toExactDecimal() ?? v.toFixed(2)}`;
          })
          .join(' + ');
        const ok = await prompts.confirm({
          message: w.confirmSave(staff[i]!.staffId, staff[i]!.name, parts, ui.sumThenTotal(i)),
          default: true,
        });
        const r = session.confirm(ok);
        if (r.save !== null) {
          opened.sheet.save(staff[r.save]!, session.valuesOf(r.save));
          ui.say(w.saved(staff[r.save]!.staffId, staff[r.save]!.name, session.savedCount, staff.length));
        }
        ui.forget();
        ui.note(r.note);
      } else {
        await ui.summary(semester, rater);
        const unsaved = session.unsaved();
        const status = session.summary();
        const choice = await prompts.select<number>({
          message: w.summaryQuestion,
          pageSize: 12,
          choices: [
            { value: -1, name: w.finishChoice(unsaved.length) },
            ...unsaved.map((i) => ({
              value: i,
              name: w.enterChoice(staff[i]!.staffId, staff[i]!.name, w.status[status[i]!.status]),
            })),
            ...session.savedStaff().map((i) => ({
              value: i,
              name: w.correctChoice(staff[i]!.staffId, staff[i]!.name, ui.total(session.totalOf(i))),
            })),
          ],
        });
        if (choice === -1) break;
        session.reopen(choice);
        ui.forget();
      }
    }
  } catch (e) {
    if (!isInterrupt(e)) throw e;
    if (session.savedCount === 0) {
      // Nobody saved by this session or before it: the sheet is as it was, or was never made.
      warn(`\n${w.stoppedNothing(flags.out, existed)}${w.period}`);
      return 'interrupted';
    }
    const step = session.step;
    let text = w.stopped(session.savedCount, staff.length, flags.out);
    if (step.kind !== 'summary' && !session.isSaved(step.staff)) text += w.stoppedLost(staff[step.staff]!.staffId, staff[step.staff]!.name);
    warn(`\n${text}${w.period}`);
    const saved = session.savedStaff().map((i) => `${staff[i]!.staffId} ${staff[i]!.name}`);
    const shown = saved.length <= 8 ? saved : [...saved.slice(0, 3), '…', ...saved.slice(-2)];
    for (const l of fitLines('', shown, words(lang).listSep, '', lineWidth())) warn(l);
    if (session.unsaved().length > 0) warn(w.stoppedResume);
    return 'interrupted';
  }
  if (session.savedCount === 0) {
    ui.say(w.doneNothing(flags.out, existed));
    return 'done';
  }
  ui.say(w.done(session.savedCount, staff.length, flags.out));
  const missing = session.unsaved();
  if (missing.length > 0) {
    const names = missing.map((i) => `${staff[i]!.staffId} ${staff[i]!.name}`);
    for (const l of fitLines(w.doneMissing, names, words(lang).listSep, w.period, lineWidth())) ui.say(l);
    ui.say(w.doneMissingAgain);
  }
  return 'done';
}

/**
 * How wide the lines enter prints may be: within 80 columns, or the terminal's width when it is
 * narrower (a line as wide as the terminal would leave the cursor on the next).
 */
function lineWidth(): number {
  return Math.max(20, Math.min(80, terminalColumns() ?? 80) - 1);
}


/** The sheet must not be the roster or a folder, and its folder must exist. It may exist: that is resuming. */
function checkSheetPath(out: string, roster: string, lang: Lang): void {
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(interactiveWords(lang).sheetIsFolder(out));
  // The sheet is read to resume, then rewritten: /dev/stdout or a pipe would block or be lost.
  if (existsSync(out) && !statSync(out).isFile()) throw new UsageError(interactiveWords(lang).sheetNotFile(out));
  checkOut(out, true, [roster], lang);
}

/** Prints the problems of the sheet and the roster; throws DataError (exit 1) when any is an error. */
function settle(problems: Problems, lang: Lang, print?: (line: string) => void): void {
  const sorted = problems.sorted();
  const out = print ?? ((l: string) => process.stderr.write(`${l}\n`));
  const color = print === undefined && stderrColor();
  for (const p of sorted) out(formatProblem(p, color));
  const errors = sorted.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    out(words(lang).problems(errors, sorted.length - errors));
    throw new DataError(sorted);
  }
}

/** The lines between the questions: who is being typed, what happened, the summary. */
class EnterScreen {
  private shown = -1;

  constructor(
    private readonly session: EntrySession,
    private readonly w: InteractiveWords,
    private readonly lang: Lang,
    private readonly color: boolean,
    readonly say: (line: string) => void,
  ) {}

  dim(s: string): string {
    return this.color ? styleText('dim', s) : s;
  }

  bold(s: string): string {
    return this.color ? styleText('bold', s) : s;
  }

  method(m: EntryMethod): string {
    return this.w.method[m.method];
  }

  /** The person's line, once each time the session arrives at them. */
  header(i: number): void {
    if (this.shown === i) return;
    this.shown = i;
    const s = this.session.staff[i]!;
    this.say('');
    this.say(this.bold(this.w.person(i + 1, this.session.staff.length, s.staffId, s.name, s.post)));
    if (this.session.isSaved(i)) this.say(this.dim(`  ${this.w.savedBefore}`));
  }

  forget(): void {
    this.shown = -1;
  }

  /** A total as people read it: with the policy's decimals. */
  total(t: Rational): string {
    return totalText(t, this.session.scoring.policy);
  }

  /**
   * The end of the confirmation's sum: the total, after the exact sum where rounding changed it
   * (18.55 + 17 + 18 + 19 + 16.5 = 89.05 → 89.1), so that the sum shown adds up.
   */
  sumThenTotal(i: number): string {
    const total = this.session.totalOf(i);
    const sum = this.session.sumOf(i);
    const exact = sum.cmp(total) === 0 ? null : sum.toExactDecimal();
    return exact === null ? this.total(total) : `${exact} → ${this.total(total)}`;
  }

  /** What the answer line shows while typing: the value and what the total becomes. */
  typed(value: string, m: EntryMethod, at: { staff: number; method: number }, isFinal: boolean): string {
    const t = readTyped(value, m);
    if (value === '' && !isFinal) return at.method > 0 ? this.dim(`${this.w.totalSoFar} ${this.total(this.session.totalAt(at.staff, at.method))}`) : '';
    // The answer line keeps the score as it is saved: ５ typed full-width shows as 5.
    const text = isFinal && t.kind === 'score' ? pointsText(t.micro) : value;
    const shown = isFinal && this.color ? styleText('cyan', text) : text;
    if (t.kind === 'score') return `${shown}  ${this.dim(`→ ${this.w.total} ${this.total(this.session.totalAt(at.staff, at.method, t.micro))}`)}`;
    if (t.kind === 'back') return `${shown} ${this.dim(`(${this.w.back})`)}`;
    if (t.kind === 'skip') return `${shown} ${this.dim(`(${this.w.skip})`)}`;
    return shown;
  }

  note(n: Note): void {
    if (!n) return;
    const s = this.session.staff;
    switch (n.kind) {
      case 'back-to':
        this.forget();
        return;
      case 'nothing-before':
        this.say(this.dim(`  ${this.w.nothingBefore}`));
        return;
      case 'skipped':
        this.say(this.dim(this.w.skipped(s[n.staff]!.staffId, s[n.staff]!.name)));
        return;
      case 'come-back':
        this.say('');
        for (const l of fitLines(this.w.comeBack, n.staff.map((i) => `${s[i]!.staffId} ${s[i]!.name}`), words(this.lang).listSep, '', lineWidth())) this.say(l);
        return;
      case 'summary':
        return;
    }
  }

  async summary(semester: string, rater: string): Promise<void> {
    const { layout, painter, tableWidth } = await import('../render/table.js');
    const { printable } = await import('../render/format.js');
    const rows = this.session.summary();
    const w = this.w;
    const cw = words(this.lang);
    this.say('');
    // The title too is broken between words (a long rater name, a terminal narrower still).
    const title = w.summaryTitle(this.session.savedCount, rows.length, semester, rater);
    for (const l of fitLines('', title.split(' '), ' ', '', lineWidth(), '')) this.say(this.bold(l));
    const methods = this.session.methods;
    const header = [cw.head.staffId, cw.head.name, ...methods.map((m) => this.method(m)), cw.head.total, w.statusHead];
    const cells = rows.map((r) => [
      { text: r.staff.staffId },
      { text: r.staff.name },
      ...methods.map((m) => ({ text: r.values[m.method] === undefined ? '' : pointsText(r.values[m.method]!) })),
      { text: r.status === 'saved' ? this.total(r.total) : '', bold: true },
      { text: w.status[r.status], dim: r.status === 'saved' },
    ]);
    // Within the width of enter's lines (a wider line wraps and breaks the table): the table, its
    // columns one space apart if two do not fit, else one person a line, broken between figures.
    const room = lineWidth() - 2;
    const gap = tableWidth(header, cells) <= room ? 2 : tableWidth(header, cells, 1) <= room ? 1 : 0;
    if (gap > 0) {
      const aligns: Align[] = ['left', 'left', ...methods.map((): Align => 'right'), 'right', 'left'];
      for (const l of layout(header, cells, aligns, painter(this.color), gap)) this.say(`  ${l}`);
      return;
    }
    for (const r of rows) {
      const parts = methods.filter((m) => r.values[m.method] !== undefined).map((m) => `${this.method(m)} ${pointsText(r.values[m.method]!)}`);
      if (r.status === 'saved') parts.push(this.bold(`${cw.head.total} ${this.total(r.total)}`));
      parts.push(r.status === 'saved' ? this.dim(w.status[r.status]) : w.status[r.status]);
      // "S001 张伟: " (zh "S001 张伟："): the person before the list of their figures.
      const label = `  ${printable(cw.personList(`${r.staff.staffId} ${r.staff.name}`, []))}`;
      for (const l of fitLines(label, parts, cw.listSep, '', lineWidth(), '      ')) this.say(l);
    }
  }
}
