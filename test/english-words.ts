/**
 * The rule by which a Chinese run "carries no English word that is not data" (issue 12, SPEC
 * "Messages"), shared by the tests that check it.
 *
 * Per line of output:
 *   1. A line of a JSON document is left out whole (it starts with `{`, `}`, `[`, `]` or `"key":`):
 *      its words are JSON keys and data; so is an example's command line in `--help` (`$ evaluate
 *      ...`): it is a literal to type.
 *   2. Quoted text is data or a literal to type, and is left out: "…", “…”, 「…」, and '…' without a
 *      space inside or starting with `-` (commander quotes an option so: '--lang', '--format <格式>').
 *   3. Identifiers are left out by their shape: options (`--out-dir`, `-h`), paths and file names
 *      (a `/` or `\` in them, or a file extension: `h1.csv`, `*.csv`), dotted policy keys
 *      (`amounts.excellent`, `panel.leniency`), placeholders (`<staff_id>`, `[0-9A-Za-z._-]`),
 *      snake_case and camelCase words (JSON keys and CSV columns: `staff_id`, `rectifyBy`, and a list
 *      of columns `staff_id,name,post`), words with a digit (`utf8`, `S001`, `2026-H1`), and words in
 *      capitals (acronyms and names: CSV, JSON, UTF-8, SHA-256, ICC, LANG, ROOT, FILE).
 *   Words typed on the command line of the run (a folder named `reports`) are data too.
 *   4. What is left: every ASCII word of three or more letters (hyphens inside a word keep it one
 *      word: `head-office`) must be in the allow-list of identifiers the tool prints as written:
 *      the program's and the commands' names, the tokens `error`/`warning`, verify's `reproduced`,
 *      `changed`, `missing` (and `policy changed`), the values options take (`--format table`, `--only
 *      penalties`, `--group-by post`, `--encoding gbk`), batch's status values (`ok`, `failed`), the
 *      policy file's keys, names of products and of the statisticians the panel cites. In
 *      `--help` the ids a user types or reads in JSON may appear too (`HELP_WORDS`: grade, role,
 *      method, rule and flag ids), never in the other output, where each is worded in Chinese.
 * A word of two letters or fewer is not checked (`sd`, `n/a`, `H1`, `zh`).
 */

/** Identifiers the tool prints as written in every output. */
export const IDENTIFIERS = new Set([
  // the program and its commands
  'evaluate', 'score', 'year', 'rewards', 'check', 'explain', 'panel', 'report', 'notices', 'init', 'template', 'history', 'batch',
  'enter', 'verify', 'diff', 'help', 'npx', 'npm',
  // the tokens after FILE:LINE:COLUMN, and verify's words (SPEC "Messages")
  'error', 'warning', 'reproduced', 'changed', 'missing', 'policy', 'failed',
  // the policy file's keys (a message about the file lists the ones it knows)
  'precision', 'aggregation', 'methods', 'bands', 'amounts',
  // values of options
  'table', 'csv', 'json', 'xlsx', 'html', 'htm', 'pdf', 'utf8', 'gbk', 'post', 'penalties', 'award-candidates', 'non-renewal', 'tab',
  // products and the statisticians the panel cites
  'Excel', 'Chrome', 'Edge', 'Chromium', 'Shrout', 'Fleiss', 'McGraw', 'Wong', 'Koo', 'Pearson', 'Ctrl', 'null',
]);

/** Ids that `--help` may name as a user types them or reads them in JSON. */
export const HELP_WORDS = new Set([
  // grades, roles, methods
  'excellent', 'good', 'qualified', 'unqualified', 'leader', 'head-office', 'center-office', 'student',
  'listen', 'see', 'test', 'ask',
  // panel's flags and statistics (JSON keys and ids), init's aggregation values
  'mean', 'leniency', 'correlation', 'spread', 'lenient', 'severe', 'identical-scores', 'outliers', 'high-spread', 'icc',
  // the fields diff compares (JSON keys)
  'rank', 'total', 'grade', 'reward', 'penalty', 'rectification',
  // --delimiter's name for a tab
  'tab',
]);

/**
 * The values a policy file holds, which a message about a bad policy file lists as it knows them
 * (`roles` may be leader, head-office, ...): allowed for those runs only.
 */
export const POLICY_VALUES = new Set([
  'excellent', 'good', 'qualified', 'unqualified', 'leader', 'head-office', 'center-office', 'student',
  'listen', 'see', 'check', 'test', 'ask', 'mean', 'trimmed', 'median', 'weighted', 'max', 'scale', 'roles', 'penalty', 'leniency', 'spread',
]);

const LEFT_OUT = /^\s*(?:[{}[\]]|"[^"]*"\s*:|\$ )/;

/**
 * The ASCII words of `text` that the rule above does not allow; `typed` is the command line of the
 * run, whose words are data.
 */
export function englishWords(text: string, allow: ReadonlySet<string> = IDENTIFIERS, typed = ''): string[] {
  const data = new Set(typed.match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? []);
  const found: string[] = [];
  for (const line of text.split('\n')) {
    if (LEFT_OUT.test(line)) continue;
    const rest = line
      // 2. quoted text
      .replace(/"[^"\n]*"/g, ' ')
      .replace(/“[^”\n]*”/g, ' ')
      .replace(/「[^」\n]*」/g, ' ')
      .replace(/'(?:[^'\s]*|-[^'\n]*)'/g, ' ')
      // 3. identifiers by their shape
      .replace(/(?:^|[\s(（[])--?[A-Za-z][\w-]*/g, ' ')
      .replace(/\S*[/\\]\S*/g, ' ')
      .replace(/[\w*.-]*\.(?:csv|json|html?|pdf|xlsx?|txt|md|tgz|cjs|js|ts)\b/g, ' ')
      .replace(/\b[A-Za-z]\w*(?:\.[A-Za-z]\w*)+/g, ' ')
      .replace(/<[^>\s]*>/g, ' ')
      .replace(/\[[^\]\s]*\]/g, ' ')
      .replace(/[\w,]*_[\w,]*/g, ' ')
      .replace(/[\w-]*\d[\w-]*/g, ' ')
      .replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, ' ')
      .replace(/\b[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*\b/g, ' ');
    // 4. what is left
    for (const m of rest.matchAll(/[A-Za-z][A-Za-z-]*[A-Za-z]/g)) {
      const word = m[0];
      if (word.replace(/-/g, '').length < 3) continue;
      if (!allow.has(word) && !data.has(word)) found.push(word);
    }
  }
  return found;
}

/** IDENTIFIERS and HELP_WORDS together, for `--help`. */
export const HELP_ALLOW: ReadonlySet<string> = new Set([...IDENTIFIERS, ...HELP_WORDS]);
