/**
 * Commander's own errors as the program says them: `evaluate: error:` first, as every other error
 * (SPEC "Messages / exit codes"), a missing argument named as the command's help shows it, and
 * `help` with a word that is no command.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const H1 = 'fixtures/2026-H1.csv';
const ZH = { LANG: 'zh_CN.UTF-8' };

describe("commander's errors start `evaluate: error:` as the program's own, exit 2", () => {
  it.each([
    [['panel', H1, '--format', 'md', '--lang', 'zh'], "evaluate: error: 选项 '--format <格式>' 的值 'md' 无效；可用的值：table、json\n"],
    [['panel', H1, '--format', 'md'], "evaluate: error: option '--format <format>' argument 'md' is invalid. Allowed choices are table, json.\n"],
    [['score', H1, '--frobnicate'], "evaluate: error: unknown option '--frobnicate'\n"],
    [['scroe', H1, '--lang', 'zh'], "evaluate: error: 没有命令 'scroe'\n（是不是想用 score？）\n"],
    [['batch', 'fixtures/centers'], "evaluate: error: required option '--out-dir <dir>' not specified\n"],
    [['diff', 'a.json', 'b.json', 'c.json', '--lang', 'zh'], 'evaluate: error: diff 的参数太多：应为 2 个，实际 3 个\n'],
  ])('evaluate %j', (args, stderr) => {
    const r = run(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });

  it('shows a terminal escape in a word typed, as the program\'s own messages do, not sends it', () => {
    const r = run(['sc\x1b[31mor']);
    expect([r.code, r.stderr]).toEqual([2, "evaluate: error: unknown command 'sc\\u001b[31mor'\n"]);
  });
});

describe('a missing argument, in Chinese, is named as the help shows it, with what it is', () => {
  it.each([
    [['diff', 'y1.json'], 'evaluate: error: 缺少参数 <之后>：较晚的报告，例如改正评分表之后\n'],
    [['explain'], 'evaluate: error: 缺少参数 <工号>：员工的工号，与评分表一致；写姓名也可以，会提示对应的工号\n'],
    [['verify'], 'evaluate: error: 缺少参数 <报告>：evaluate 写出的 JSON 报告（带有 "seal" 封存信息）\n'],
    [['score'], 'evaluate: error: 缺少参数 <评分表...>：评分表（CSV）：文件，- 表示标准输入，或文件夹（读取其中的 *.csv）\n'],
    [['history'], 'evaluate: error: 缺少参数 <评分表或文件夹...>：评分表（CSV）：文件，- 表示标准输入，或文件夹（读取其中及子文件夹中的 *.csv）\n'],
  ])('evaluate %j', (args, stderr) => {
    const r = run(args, { env: ZH });
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
    // The help names the argument so.
    const term = /<.*?>/.exec(stderr)![0];
    expect(run([args[0]!, '--help'], { env: ZH }).stdout.split('\n')[0]).toContain(term);
  });

  it('in English, commander\'s words, with the name of the help\'s list of arguments', () => {
    const r = run(['diff', 'y1.json']);
    expect([r.code, r.stderr]).toEqual([2, "evaluate: error: missing required argument 'after'\n"]);
    expect(run(['diff', '--help']).stdout).toMatch(/^Arguments:\n {2}before +.*\n {2}after +the later report/m);
    expect(run(['explain', 'S001']).stderr).toBe("evaluate: error: missing required argument 'sheet'\n");
  });
});

describe('help with a word that is no command', () => {
  it('says the command is unknown and suggests the one meant, as the command alone does, exit 2', () => {
    const help = run(['help', 'scor']);
    expect([help.code, help.stdout, help.stderr]).toEqual([2, '', "evaluate: error: unknown command 'scor'\n(Did you mean score?)\n"]);
    expect(run(['scor']).stderr).toBe(help.stderr);
    const zh = run(['help', 'scor', '--lang', 'zh']);
    expect([zh.code, zh.stdout, zh.stderr]).toEqual([2, '', "evaluate: error: 没有命令 'scor'\n（是不是想用 score？）\n"]);
    expect(run(['help', 'xyzzy']).stderr).toBe("evaluate: error: unknown command 'xyzzy'\n");
  });

  it('help with a command, or none, is still the help on standard output, exit 0, with the language before or after', () => {
    const score = run(['help', 'score']);
    expect([score.code, score.stdout.split('\n')[0]]).toEqual([0, 'Usage: evaluate score [options] <sheet...>']);
    for (const args of [['--lang', 'zh', 'help', 'score'], ['help', '--lang', 'zh', 'score'], ['help', 'score', '--lang', 'zh']]) {
      const r = run(args);
      expect([r.code, r.stdout.split('\n')[0]], args.join(' ')).toEqual([0, '用法：evaluate score [选项] <评分表...>']);
    }
    for (const args of [['help'], ['help', 'help']]) {
      const r = run(args);
      expect([r.code, r.stderr, r.stdout.split('\n')[0]], args.join(' ')).toEqual([0, '', 'Usage: evaluate [options] [command]']);
    }
  });
});
