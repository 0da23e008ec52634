/** The program's words before commander parses: the language of the help, and its wrapping of Chinese text. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { argvLang, operandWords, optionsAfterCommand } from '../src/commands/program-words.js';
import { wrapText } from '../src/render/lines.js';
import { BIN, FIX, run } from './helpers.js';
import { defaultLang, systemLocale } from '../src/i18n/index.js';
import { displayWidth } from '../src/render/width.js';

describe('argvLang: the language of the help and of commander errors', () => {
  it.each([
    [['score', 'x.csv', '--lang', 'zh'], {}, 'zh'],
    [['score', '--lang=zh'], {}, 'zh'],
    [['score', '--lang', 'zh', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }, 'en'],
    [['score'], { LANG: 'zh_CN.UTF-8' }, 'zh'],
    [['score'], { LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' }, 'zh'],
    [['score', '--lang', 'fr'], { LANG: 'zh_CN.UTF-8' }, 'zh'],
    [['score', '--', '--lang', 'zh'], {}, 'en'],
  ] as const)('%j with %j: %s', (args, env, lang) => {
    expect(argvLang(args, env)).toBe(lang);
  });
});

describe('optionsAfterCommand: the common options written before the command are the command\'s', () => {
  it.each([
    [['--lang', 'zh', 'score', 'x.csv'], ['score', '--lang', 'zh', 'x.csv']],
    [['--lang=zh', 'help', 'score'], ['help', '--lang=zh', 'score']],
    [['--lang', 'zh', 'score', '--format', 'csv', '--', '-', 'x.csv'], ['score', '--lang', 'zh', '--format', 'csv', '--', '-', 'x.csv']],
    [['--lang', 'zh', 'score', 'x.csv', '--roster'], ['score', '--lang', 'zh', 'x.csv', '--roster']],
    [['--lang', 'zh', '--', 'score'], ['--lang', 'zh', '--', 'score']],
    [['score', 'x.csv', '--lang', 'zh'], ['score', 'x.csv', '--lang', 'zh']],
    [['--lang', 'zh'], []],
    [['--lang', 'zh', '--help'], ['--help']],
    [['--lang'], ['--lang']],
    [['--version'], ['--version']],
    [['--no-color', '--policy', 'p.json', '--format=csv', 'score', 'x.csv', '--force'], ['score', '--no-color', '--policy', 'p.json', '--format=csv', 'x.csv', '--force']],
    [['--out', 'r.xlsx', '--verbose', '--encoding', 'gbk', '--delimiter', ';', 'year', 'a.csv'], ['year', '--out', 'r.xlsx', '--verbose', '--encoding', 'gbk', '--delimiter', ';', 'a.csv']],
    [['--unknown', 'score', 'x.csv'], ['--unknown', 'score', 'x.csv']],
    [['--no-color', '--lang', 'zh'], ['--no-color']],
  ] as const)('%j: %j', (args, want) => {
    expect(optionsAfterCommand(args)).toEqual(want);
  });

  it('the program run so: the command in Chinese, its help, the program\'s help without a command', () => {
    const zh = run(['--lang', 'zh', 'score', 'fixtures/2026-H1.csv', '--format', 'csv']);
    expect([zh.code, zh.stdout.split('\r\n')[0]]).toEqual([0, '名次,工号,姓名,岗位,学期,听,看,查,测,问,总分,等级,奖励,处罚,整改期限']);
    expect(run(['--lang', 'zh', 'help', 'score']).stdout).toMatch(/^用法：evaluate score /);
    const first = run(['--policy', 'fixtures/policy.json', '--no-color', '--format', 'csv', 'score', 'fixtures/2026-H1.csv']);
    expect([first.code, first.stdout, first.stderr]).toEqual([0, run(['score', 'fixtures/2026-H1.csv', '--policy', 'fixtures/policy.json', '--format', 'csv']).stdout, '']);
    const none = run(['--lang', 'zh']);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/^用法：evaluate \[选项\] \[命令\]/);
  });

  it('an option of the command left without its value is missing its value, not given the common option moved', () => {
    // The same as with the common option written after the command's options: commander's own error, in the language asked.
    const zh = run(['--lang', 'zh', 'score', 'fixtures/2026-H1.csv', '--roster']);
    expect([zh.code, zh.stdout, zh.stderr]).toEqual([2, '', "evaluate: error: 选项 '--roster <文件>' 缺少值\n"]);
    const en = run(['--lang', 'en', 'score', 'x.csv', '--semester']);
    expect([en.code, en.stderr]).toEqual([2, "evaluate: error: option '--semester <id>' argument missing\n"]);
    const policy = run(['--policy', 'fixtures/policy.json', 'explain', 'S001', 'fixtures/2026-H1.csv', '--semester']);
    expect([policy.code, policy.stderr]).toEqual([2, "evaluate: error: option '--semester <id>' argument missing\n"]);
  });
});

describe('operandWords: the command, and the command help asks for', () => {
  it.each([
    [['score', '--lang', 'zh', 'x.csv'], ['score', 'x.csv']],
    [['help', '--lang', 'zh', 'score'], ['help', 'score']],
    [['help', '--lang=zh', 'score'], ['help', 'score']],
    [['--no-color', 'help', 'scor'], ['help', 'scor']],
    [['score', '--', '-', 'x.csv'], ['score', 'x.csv']],
  ] as const)('%j: %j', (args, want) => {
    expect(operandWords(args)).toEqual(want);
  });
});

describe('defaultLang: the language without --lang', () => {
  it('follows LC_ALL, LC_MESSAGES, LANG in that order, and the system locale where none is set (Windows)', () => {
    expect(defaultLang({ LANG: 'zh_CN.UTF-8' }, () => 'en-US')).toBe('zh');
    expect(defaultLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, () => 'zh-CN')).toBe('en');
    expect(defaultLang({ LC_MESSAGES: 'zh_TW.UTF-8' }, () => 'en-US')).toBe('zh');
    expect(defaultLang({}, () => 'zh-CN')).toBe('zh');
    expect(defaultLang({}, () => 'en-US')).toBe('en');
  });

  it('asks Intl for the system locale only on Windows: elsewhere ICU would read the same variables, and asking costs a start ~23 ms', () => {
    const asked = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(systemLocale('linux')).toBe('en-US-POSIX');
      expect(systemLocale('darwin')).toBe('en-US-POSIX');
      expect(asked).not.toHaveBeenCalled();
      expect(systemLocale('win32')).toBe(new Intl.DateTimeFormat().resolvedOptions().locale);
      expect(asked).toHaveBeenCalled();
    } finally {
      asked.mockRestore();
    }
  });

  it('runs in English without LANG, LC_ALL or LC_MESSAGES (cron, a container without a locale)', () => {
    const r = spawnSync(process.execPath, [BIN, 'score', join(FIX, '2026-H1.csv')], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Staff evaluation 2026-H1: 24 staff, 5 raters');
  });
});

describe('wrapText: Chinese counts two columns, and lines break between Chinese characters', () => {
  const width = (s: string) => Math.max(...s.split('\n').map(displayWidth));

  it('wraps a Chinese paragraph without spaces within the width', () => {
    const text = '在考评小组开会前检查评分表，不计算结果：一次列出全部问题，再在标准输出给出汇总。'.repeat(3);
    const out = wrapText(text, 40);
    expect(width(out)).toBeLessThanOrEqual(40);
    expect(out.replace(/\n/g, '')).toBe(text);
    // No line starts with closing punctuation.
    expect(out.split('\n').every((l) => !/^[，。、；：）]/.test(l))).toBe(true);
  });

  it('keeps a path with Chinese in it whole, and a Latin word whole', () => {
    const out = wrapText('其考评办法是 ROOT/<中心>/evaluate.config.json，没有则用内置规则', 30);
    expect(out).toContain('ROOT/<中心>/evaluate.config.json，');
    expect(wrapText('输出格式：table、csv、json、markdown', 20).split('\n')).toEqual(['输出格式：table、', 'csv、json、markdown']);
  });

  it('wraps English as commander does, at spaces', () => {
    expect(wrapText('the quick brown fox jumps over the lazy dog', 20)).toBe('the quick brown fox\njumps over the lazy\ndog');
  });
});
