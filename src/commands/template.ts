/**
 * `evaluate template`: blank scoring sheets for the committee, one per rater, pre-filled with the
 * roster. A filled-in sheet is read by `evaluate score` as it is.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseRole } from '../core/cells.js';
import { Problems, type Role } from '../core/types.js';
import { UsageError } from '../errors.js';
import { type Lang, defaultLang, words } from '../i18n/index.js';
import { interactiveWords } from '../i18n/interactive.js';
import { SHEET_COLUMNS, csvText, headerName, roleCell } from '../io/entry-sheet.js';
import { loadRoster } from '../io/roster.js';
import { makeFolder, refuseInput, writeAtomic } from '../io/output.js';
import { loadPolicy } from '../io/policy-file.js';
import { parseSemesterOption, reportProblems } from './common.js';
import { newCommand } from './list.js';
import { helpWords } from '../i18n/help.js';

interface TemplateFlags {
  roster: string;
  semester: string;
  out: string;
  raters?: string;
  bom?: boolean;
  force?: boolean;
  policy?: string;
  lang?: string;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.template;
  const cmd = newCommand(program, 'template', lang)
    .requiredOption(...h.options.roster)
    .requiredOption(...h.options.semester)
    .requiredOption(...h.options.out)
    .option(...h.options.raters)
    .option(...h.options.bom)
    .option(...h.options.force)
    .option(...h.options.policy)
    .addOption(new Option(...h.options.lang).choices(['en', 'zh']));
  cmd.addHelpText('after', h.after);
  cmd.action(async (flags: TemplateFlags) => runTemplate(flags));
}

/** `NAME:ROLE,NAME:ROLE`; full-width commas and colons too, as a Chinese keyboard types them. */
export function parseRaters(spec: string, lang: Lang = 'en'): { name: string; role: Role }[] {
  const w = interactiveWords(lang);
  const out: { name: string; role: Role }[] = [];
  for (const part of spec.split(/[,，;；]/)) {
    if (part.trim() === '') continue;
    const m = /^(.*)[:：]([^:：]*)$/.exec(part.trim());
    if (!m || m[1]!.trim() === '') {
      throw new UsageError(w.ratersNotPair(part.trim()));
    }
    const name = m[1]!.trim();
    const role = parseRole(m[2]!);
    if (!role) throw new UsageError(w.ratersRole(m[2]!.trim(), name));
    if (out.some((r) => r.name === name)) throw new UsageError(w.ratersTwice(name));
    out.push({ name, role });
  }
  if (out.length === 0) throw new UsageError(w.ratersEmpty);
  return out;
}

/** A rater's name made safe as part of a file name on every system. */
function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\s\p{Cc}]+/gu, '-').replace(/^[.-]+|-+$/g, '') || 'rater';
}

async function runTemplate(flags: TemplateFlags): Promise<void> {
  const lang: Lang = (flags.lang as Lang | undefined) ?? defaultLang();
  const w = interactiveWords(lang);
  const semester = parseSemesterOption(flags.semester, lang)!;
  const raters = flags.raters === undefined ? w.defaultRaters.map(([name, role]) => ({ name, role })) : parseRaters(flags.raters, lang);
  const { policy, file: policyFile } = loadPolicy(flags.policy, { lang });
  if (existsSync(flags.out) && !statSync(flags.out).isDirectory()) throw new UsageError(w.templateOutIsFile(flags.out));

  const files = raters.map((r) => ({ ...r, path: join(flags.out, `${semester}-${fileSafe(r.name)}.csv`) }));
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.path.toLowerCase());
    if (other !== undefined) throw new UsageError(w.templateSamePath(other, f.name, f.path));
    seen.set(f.path.toLowerCase(), f.name);
  }
  // The default committee in the other language's names, made before (LANG differed): a second set
  // beside it would be read as more raters. (Names given with --raters are the user's own.)
  if (flags.raters === undefined) {
    const other = interactiveWords(lang === 'zh' ? 'en' : 'zh').defaultRaters.map(([name]) => join(flags.out, `${semester}-${fileSafe(name)}.csv`));
    const made = other.filter((p) => existsSync(p) && !files.some((f) => f.path === p));
    if (made.length > 0) throw new UsageError(w.templateOtherNames(made));
  }
  const existing = files.filter((f) => existsSync(f.path));
  if (existing.length > 0 && !flags.force) {
    throw new UsageError(w.templateExists(existing.map((f) => f.path)));
  }
  // Even with --force, a blank sheet never replaces the roster it is made from, or the policy.
  for (const f of files) refuseInput(f.path, [flags.roster, policyFile], lang);

  const problems = new Problems();
  const roster = loadRoster(flags.roster, 0, { policy, semester, encoding: null, delimiter: ',', roster: flags.roster, lang }, problems);
  reportProblems(problems.sorted(), words(lang).problems);
  if (roster.length === 0) throw new UsageError(w.emptyRoster(flags.roster));

  makeFolder(flags.out, flags.out, lang);
  for (const f of files) {
    // A role the policy does not give a method gets no column for it: an empty cell there would
    // read as "no score", but a filled one would be an error.
    const columns = SHEET_COLUMNS.filter((c) => !(c in policy.methods) || policy.methods[c as keyof typeof policy.methods].roles.includes(f.role));
    const rows = roster.map((e) =>
      columns.map((c) => {
        switch (c) {
          case 'staff_id':
            return e.staffId;
          case 'name':
            return e.name;
          case 'post':
            return e.post;
          case 'semester':
            return semester;
          case 'rater':
            return f.name;
          case 'role':
            return roleCell(f.role, lang);
          default:
            return '';
        }
      }),
    );
    writeAtomic(f.path, csvText([columns.map((c) => headerName(c, lang)), ...rows], '\r\n', flags.bom === true), { replace: flags.force === true, lang });
    process.stdout.write(`${f.path}\n`);
  }
  process.stderr.write(`${w.templateWrote(files.length, semester, roster.length, flags.out)}\n`);
}
