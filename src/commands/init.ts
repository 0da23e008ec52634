/**
 * `evaluate init`: the policy file, asked question by question with the rules' values pre-filled,
 * shown, and written after confirmation; `--yes` writes the rules without asking, for scripts.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { MICRO, microToString, toHalfWidth } from '../core/cells.js';
import { type InvalidReason, type NumberRange, isBack, readNumber } from '../core/entry.js';
import { COMMITTEE } from '../core/committee-rules.js';
import { AGGREGATIONS, type Aggregation, DEFAULT_POLICY, type PanelThresholds, type Policy, validatePolicy } from '../core/policy.js';
import { METHODS, ROLES } from '../core/types.js';
import { UsageError } from '../errors.js';
import { type Lang, defaultLang } from '../i18n/index.js';
import { type InteractiveWords, interactiveWords } from '../i18n/interactive.js';
import { checkOut, makeFolder, refuseInput, terminalColumns, writeAtomic } from '../io/output.js';
import { CONFIG_NAME, loadPolicy } from '../io/policy-file.js';
import { type Outcome, type SessionIo, canAsk, isInterrupt } from './enter.js';
import { newCommand } from './list.js';
import { helpWords } from '../i18n/help.js';
import { type Ask, loadPrompts } from '../io/inquirer.js';

export interface InitFlags {
  out?: string;
  yes?: boolean;
  force?: boolean;
  policy?: string;
  lang?: string;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.init;
  const cmd = newCommand(program, 'init', lang)
    .option(...h.options.out)
    .option(...h.options.yes)
    .option(...h.options.force)
    .option(...h.options.policy)
    .addOption(new Option(...h.options.lang).choices(['en', 'zh']));
  cmd.addHelpText('after', h.after);
  cmd.action(async (flags: InitFlags) => {
    if ((await runInit(flags)) === 'interrupted') process.exit(130);
  });
}

export async function runInit(flags: InitFlags, io: SessionIo = {}): Promise<Outcome> {
  const lang: Lang = (flags.lang as Lang | undefined) ?? defaultLang();
  const w = interactiveWords(lang);
  const out = flags.out ?? CONFIG_NAME;
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(w.initIsFolder(out));
  // Missing folders are made when the file is written, as template does: until then only the inputs are checked.
  const folder = dirname(resolve(out));
  if (existsSync(folder)) checkOut(out, true, [flags.policy ?? null], lang);
  else refuseInput(out, [flags.policy ?? null], lang);
  const base: Policy = flags.policy ? loadPolicy(flags.policy, { lang }).policy : structuredClone(DEFAULT_POLICY);
  const exists = existsSync(out);
  const say = io.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const { policyJson, policySummary } = await import('../render/policy.js');
  const write = (policy: Policy, replace: boolean) => {
    makeFolder(folder, out, lang);
    writeAtomic(out, policyJson(policy), { replace, lang });
  };

  if (flags.yes) {
    if (exists && !flags.force) throw new UsageError(w.initExistsYes(out));
    write(base, flags.force === true);
    process.stderr.write(`${flags.policy ? w.wrote(out) : w.wroteDefaults(out)}\n`);
    return 'done';
  }
  if (!canAsk(io)) throw new UsageError(w.needTerminal('init', w.initInstead));

  const ask = await loadPrompts(lang);
  try {
    if (exists && !flags.force && !(await ask.confirm({ message: w.initExists(out), default: false }))) {
      say(w.initKept(out));
      return 'done';
    }
    // The questions start from --policy, else from the file being replaced: Enter through them
    // keeps what it says. A file that is not a policy any more starts from the rules, said so.
    let start = base;
    let from: string | null = flags.policy ?? null;
    if (!flags.policy && exists) {
      try {
        start = loadPolicy(out, { lang }).policy;
        from = out;
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        say(e.message);
        say(w.initExistingBad(out));
      }
    }
    say(from === null ? w.initIntro(out) : w.initIntroFrom(out, from));
    const questions = new PolicyQuestions(ask, start, w, say);
    let at = 0;
    for (;;) {
      await questions.run(at);
      const policy = questions.checked();
      say('');
      say(w.policyTitle(out));
      // Fitted to the terminal the wizard runs in (its lines wrapped mid-word at 80 columns).
      say(policySummary(policy, lang, terminalColumns()));
      // "No" goes back a question rather than throwing every answer away; quitting is a choice of its own.
      const choice = await ask.select<'write' | 'back' | 'quit'>({
        message: w.writeQuestion(out),
        choices: [
          { value: 'write', name: w.writeYes },
          { value: 'back', name: w.backChoice },
          { value: 'quit', name: w.writeNo },
        ],
      });
      if (choice === 'quit') {
        say(w.notWritten);
        return 'done';
      }
      if (choice === 'write') {
        write(policy, exists || flags.force === true);
        say(w.wrote(out));
        return 'done';
      }
      at = questions.count() - 1;
    }
  } catch (e) {
    if (!isInterrupt(e)) throw e;
    (io.warn ?? ((l: string) => process.stderr.write(`${l}\n`)))(`\n${w.initStopped}`);
    return 'interrupted';
  }
}

const text = (micro: number) => microToString(micro);
const micro = (n: number) => Math.round(n * MICRO);

/**
 * What each question takes: the values validatePolicy accepts (core/policy.ts). A question checks
 * its answer with its range and its error message states that range (numberError), from this one
 * definition.
 */
const RANGES = {
  maximum: { minMicro: 0, maxMicro: micro(100), aboveMin: true },
  trimMinScores: { minMicro: micro(3), maxMicro: micro(1000), whole: true },
  roleWeight: { minMicro: 0, maxMicro: micro(1000), aboveMin: true },
  amount: { minMicro: 0, maxMicro: micro(1_000_000_000), whole: true },
  rectificationDays: { minMicro: 0, maxMicro: micro(3650), whole: true },
  panel: { minMicro: 0, maxMicro: micro(100), aboveMin: true },
  identicalShare: { minMicro: 0, maxMicro: micro(1), aboveMin: true },
} satisfies Record<string, NumberRange>;

/** A range as the error messages word it. */
function rangeWords(r: NumberRange): { min: string; max: string; aboveMin: boolean; whole: boolean } {
  return { min: text(r.minMicro), max: text(r.maxMicro), aboveMin: r.aboveMin === true, whole: r.whole === true };
}

/** The members of a committee (leader, head office, center office, two students). */
const COMMITTEE_SIZE = Object.values(COMMITTEE).reduce((a, b) => a + b, 0);

const BACK = Symbol('back');
type Back = typeof BACK;

/** What a question did: go on to the next, back to the one before, or ask itself again. */
type Move = 'next' | 'back' | 'again';

/**
 * The questions, in order, each showing the answer given so far (at first the rules' value) and
 * checked as typed, so that the result always validates. `b` (or the back choice of a list) goes
 * back one question, with every answer kept; which questions there are depends on earlier answers
 * (the trimmed minimum only for trimmed, the weights only for weighted).
 */
class PolicyQuestions {
  private readonly p: Policy;
  private changePanel = false;
  private warnedTrim: number | null = null;

  /** A `b` answered shows what it did. */
  private readonly showBack = (v: string, { isFinal }: { isFinal: boolean }): string => (isFinal && isBack(v) ? `${v} (${this.w.back})` : v);

  constructor(
    private readonly ask: Ask,
    base: Policy,
    private readonly w: InteractiveWords,
    private readonly say: (line: string) => void,
  ) {
    this.p = structuredClone(base);
  }

  private steps(): (() => Promise<Move>)[] {
    const p = this.p;
    return [
      ...METHODS.map((_, k) => () => this.maximum(k)),
      () => this.aggregation(),
      ...(p.aggregation === 'trimmed' ? [() => this.trim()] : []),
      ...(p.aggregation === 'weighted'
        ? ROLES.map((r) => async (): Promise<Move> => {
            const v = await this.number(this.w.weightQuestion(this.w.role[r]), p.roleWeights[r], RANGES.roleWeight);
            if (v === BACK) return 'back';
            p.roleWeights[r] = v;
            return 'next';
          })
        : []),
      ...(['excellent', 'good', 'annualBonus', 'penalty'] as const).map((k) => () => this.amount(k)),
      async (): Promise<Move> => {
        const v = await this.number(this.w.daysQuestion, p.rectificationDays, RANGES.rectificationDays);
        if (v === BACK) return 'back';
        p.rectificationDays = v;
        return 'next';
      },
      () => this.panelQuestion(),
      ...(this.changePanel
        ? (Object.keys(DEFAULT_POLICY.panel) as (keyof PanelThresholds)[]).map((k) => async (): Promise<Move> => {
            const v = await this.number(this.w.panelField[k], p.panel[k], k === 'identicalShare' ? RANGES.identicalShare : RANGES.panel);
            if (v === BACK) return 'back';
            p.panel[k] = v;
            return 'next';
          })
        : []),
    ];
  }

  count(): number {
    return this.steps().length;
  }

  /** Asks from question `from` to the last. */
  async run(from: number): Promise<void> {
    let i = from;
    for (;;) {
      const steps = this.steps();
      if (i >= steps.length) return;
      const move = await steps[i]!();
      if (move === 'next') i++;
      else if (move === 'back') {
        if (i === 0) this.say(this.w.nothingBeforeInit);
        i = Math.max(0, i - 1);
      }
    }
  }

  /** The questions keep every value in range; if this ever fails, it is a bug, not the user's answer. */
  checked(): Policy {
    const checked = validatePolicy(JSON.parse(JSON.stringify(this.p)));
    if (checked.errors.length > 0) throw new Error(`init built a policy that does not validate: ${checked.errors.join('; ')}`);
    return checked.policy;
  }

  private async number(message: string, current: number | null, range: NumberRange): Promise<number | Back> {
    const answer = await this.ask.input({
      message,
      default: current === null ? undefined : String(current),
      transformer: this.showBack,
      validate: (v) => {
        if (isBack(v)) return true;
        const r = readNumber(v, range);
        return r.ok || this.w.numberError(r.reason, rangeWords(range));
      },
    });
    if (isBack(answer)) return BACK;
    const r = readNumber(answer, range);
    if (!r.ok) throw new Error(`a validated answer did not read: ${answer}`);
    return r.micro / MICRO;
  }

  /** A method's maximum: exact sums in micro-points; the last method takes what is left to 100. */
  private async maximum(k: number): Promise<Move> {
    const p = this.p;
    const m = METHODS[k]!;
    const last = k === METHODS.length - 1;
    const hundred = micro(100);
    const sum = METHODS.slice(0, k).reduce((t, x) => t + micro(p.methods[x].max), 0);
    const rest = hundred - sum;
    const dflt = last ? rest : Math.min(micro(p.methods[m].max), rest - (METHODS.length - 1 - k) * MICRO);
    const answer = await this.ask.input({
      message: last ? this.w.maxLastQuestion(this.w.method[m], text(rest)) : this.w.maxQuestion(this.w.method[m]),
      default: dflt > 0 ? text(dflt) : undefined,
      transformer: this.showBack,
      validate: (v) => {
        if (isBack(v)) return true;
        const r = readNumber(v, RANGES.maximum);
        if (!r.ok) return this.w.numberError(r.reason, rangeWords(RANGES.maximum));
        if (last && r.micro !== rest) return this.w.maxMustBe(text(rest), text(sum + r.micro));
        if (!last && sum + r.micro >= hundred) return this.w.maxLeavesNothing(text(sum + r.micro));
        return true;
      },
    });
    if (isBack(answer)) return 'back';
    const r = readNumber(answer, RANGES.maximum);
    if (!r.ok) throw new Error(`a validated answer did not read: ${answer}`);
    const mp = p.methods[m];
    const scaleFollows = mp.scale === mp.max;
    mp.max = r.micro / MICRO;
    if (scaleFollows) mp.scale = mp.max;
    return 'next';
  }

  private async aggregation(): Promise<Move> {
    const v = await this.ask.select<Aggregation | Back>({
      message: this.w.aggregationQuestion,
      default: this.p.aggregation,
      choices: [...AGGREGATIONS.map((a) => ({ value: a, name: this.w.aggregation[a] })), { value: BACK, name: this.w.backChoice }],
    });
    if (v === BACK) return 'back';
    this.p.aggregation = v;
    return 'next';
  }

  /** A minimum above the committee's size never drops anyone: said once, and asked again. */
  private async trim(): Promise<Move> {
    const v = await this.number(this.w.trimQuestion, this.p.trimMinScores, RANGES.trimMinScores);
    if (v === BACK) return 'back';
    this.p.trimMinScores = v;
    if (v > COMMITTEE_SIZE && v !== this.warnedTrim) {
      this.warnedTrim = v;
      this.say(this.w.trimWarning(v, COMMITTEE_SIZE));
      return 'again';
    }
    return 'next';
  }

  private async amount(k: keyof Policy['amounts']): Promise<Move> {
    const current = this.p.amounts[k];
    const answer = await this.ask.input({
      message: this.w.amountQuestion[k],
      default: current === null ? undefined : String(current),
      transformer: this.showBack,
      validate: (v) => {
        if (isBack(v)) return true;
        const r = readAmount(v);
        return r.ok || this.w.numberError(r.reason, rangeWords(RANGES.amount));
      },
    });
    if (isBack(answer)) return 'back';
    const r = readAmount(answer);
    this.p.amounts[k] = r.ok ? r.value : null;
    return 'next';
  }

  private async panelQuestion(): Promise<Move> {
    const v = await this.ask.select<boolean | Back>({
      message: this.w.panelQuestion(this.w.panelLine(this.p.panel)),
      default: this.changePanel,
      choices: [
        { value: false, name: this.w.panelKeep },
        { value: true, name: this.w.panelChange },
        { value: BACK, name: this.w.backChoice },
      ],
    });
    if (v === BACK) return 'back';
    this.changePanel = v;
    return 'next';
  }
}

/** An amount in CNY: a whole number, ¥ and 元 allowed; empty or - leaves it unset. */
function readAmount(raw: string): { ok: true; value: number | null } | { ok: false; reason: InvalidReason | 'not-whole' | 'too-small' } {
  const t = toHalfWidth(raw).trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
  if (t === '' || t === '-' || t === '—') return { ok: true, value: null };
  const r = readNumber(t, RANGES.amount);
  return r.ok ? { ok: true, value: r.micro / MICRO } : r;
}
