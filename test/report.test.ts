// The pieces of `evaluate report` and `evaluate notices` that are plain functions: text made safe for
// HTML, the charts' SVG, finding a browser on each platform, the file names of --out-dir.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { findBrowser, installPlaces, needsNoSandbox } from '../src/io/browser.js';
import { fileNameOf } from '../src/io/out-dir.js';
import { drawSvg, loadECharts, postChart } from '../src/render/report/charts.js';
import { attr, h } from '../src/render/report/html.js';
import { compositionLine, policyLines, unionMembers } from '../src/render/report/report.js';
import { Rational } from '../src/core/rational.js';

describe('h: text as HTML', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert&#40;1)&lt;&#47;script&gt;'],
    ['=1+2', '=1+2'],
    ['a & "b" \'c\'', 'a &amp; &quot;b&quot; &#39;c&#39;'],
    ['\u001b[31m红', '\\u001b[31m红'],
    ['line\nbreak', 'line\\u000abreak'],
    ['a\u200bb', 'a\\u200bb'],
    ['http://x.example/a', 'http&#58;&#47;&#47;x.example&#47;a'],
    ['url(#x) url(http://y)', 'url&#40;#x) url&#40;http&#58;&#47;&#47;y)'],
    ['张伟', '张伟'],
  ])('%j becomes %j', (text, html) => {
    expect(h(text)).toBe(html);
  });

  it('shows a bidi override, isolated, so that it cannot turn the text after it around', () => {
    expect(h('abc\u202edef')).toBe('<bdi>abc\\u202edef</bdi>');
    expect(attr('abc\u202edef')).toBe('abc\\u202edef');
  });
});

describe('charts', () => {
  it('draws SVG with the labels of the sheets as text, and nothing that reads as a URL', async () => {
    const ec = await loadECharts();
    const stats = [
      {
        semester: '2026-H1',
        staff: 2,
        methodMeans: { listen: Rational.ZERO, see: Rational.ZERO, check: Rational.ZERO, test: Rational.ZERO, ask: Rational.ZERO },
        totalMean: Rational.of(80),
        highest: Rational.of(90),
        lowest: Rational.of(70),
        posts: [
          { post: '<script>alert(1)</script>', staff: 1, mean: Rational.of(1701, 20) },
          { post: 'http://evil.example/', staff: 1, mean: Rational.of(75) },
        ],
      },
    ];
    const svg = drawSvg(ec, postChart(stats, DEFAULT_POLICY, 'zh'));
    expect(svg.startsWith('<svg role="img" aria-label="各岗位平均总分&#58; 2026年上半年 &lt;script&gt;')).toBe(true);
    expect(svg).not.toMatch(/<script|<style|ecmeta_/i);
    expect(svg).toContain('85.05');
    // Namespace declarations aside, no URL in the source.
    const rest = svg.replace(/ xmlns(:\w+)?="[^"]*"/g, '');
    expect(rest).not.toMatch(/https?:|\/\/|url\((?!#)/);
    expect(svg).toContain("font-family:'Noto Sans CJK SC'");
  });
});

describe('finding a browser', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('takes EVALUATE_BROWSER alone when it is set, and says when it does not exist', () => {
    expect(findBrowser({ EVALUATE_BROWSER: '/opt/my/chrome', PATH: '/usr/bin' }, 'linux', only('/opt/my/chrome', '/usr/bin/chromium'))).toEqual({ path: '/opt/my/chrome' });
    expect(findBrowser({ EVALUATE_BROWSER: '/nowhere/chrome', PATH: '/usr/bin' }, 'linux', only('/usr/bin/chromium'))).toEqual({ error: 'missing', path: '/nowhere/chrome' });
    expect(findBrowser({ EVALUATE_BROWSER: 'chromium', PATH: '/a:/usr/bin' }, 'linux', only('/usr/bin/chromium'))).toEqual({ path: '/usr/bin/chromium' });
  });

  it('looks in the usual install places of each platform, then on the PATH', () => {
    expect(findBrowser({ PATH: '/usr/bin' }, 'linux', only('/usr/bin/chromium', '/usr/bin/google-chrome'))).toEqual({ path: '/usr/bin/google-chrome' });
    expect(findBrowser({ PATH: '/home/u/bin' }, 'linux', only('/home/u/bin/chromium'))).toEqual({ path: '/home/u/bin/chromium' });
    const mac = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser({ PATH: '', HOME: '/Users/a' }, 'darwin', only(mac))).toEqual({ path: mac });
    const win = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser({ PATH: '', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, 'win32', only(win))).toEqual({ path: win });
    expect(installPlaces('win32', { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' })).toContain('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('reports everything it tried when there is none', () => {
    const found = findBrowser({ PATH: '/usr/bin' }, 'linux', () => false);
    expect('error' in found && found.error).toBe('none');
    expect('tried' in found && found.tried).toContain('/usr/bin/chromium');
  });

  it('turns the sandbox off only as root on Linux', () => {
    expect(needsNoSandbox('linux', 0)).toBe(true);
    expect(needsNoSandbox('linux', 1000)).toBe(false);
    expect(needsNoSandbox('darwin', 0)).toBe(false);
    expect(needsNoSandbox('win32', null)).toBe(false);
  });
});

describe('--out-dir file names', () => {
  it.each([
    ['S001', 'S001.html'],
    ['a-b_c.d', 'a-b_c.d.html'],
    ['张 伟', '%E5%BC%A0%20%E4%BC%9F.html'],
    ['../x', '_..%2Fx.html'],
    ['a/b\\c:d', 'a%2Fb%5Cc%3Ad.html'],
    ['.hidden', '_.hidden.html'],
    ['CON', '_CON.html'],
    ['nul.txt', '_nul.txt.html'],
    ['com1', '_com1.html'],
    ['CONSOLE', 'CONSOLE.html'],
    ['100%', '100%25.html'],
    ['=1+2', '%3D1%2B2.html'],
  ])('%j is written as %j', (id, name) => {
    expect(fileNameOf(id, 'html')).toBe(name);
  });
});

describe('the committee and the policy in words', () => {
  it('checks the composition against the rules', () => {
    const full = [
      { rater: '王主任', role: 'leader' as const },
      { rater: '李科长', role: 'head-office' as const },
      { rater: '赵老师', role: 'center-office' as const },
      { rater: '学生甲', role: 'student' as const },
      { rater: '学生乙', role: 'student' as const },
    ];
    expect(compositionLine('2026-H1', full, 'en')).toEqual({ ok: true, text: expect.stringContaining('composed as the rules ask') });
    const short = compositionLine('2026-H1', [...full.slice(0, 4), { rater: 'X', role: null }], 'zh');
    expect(short.ok).toBe(false);
    expect(short.text).toContain('学生代表 1 人（规定 2 人）');
    expect(short.text).toContain('未注明角色的评委 1 人（规定 0 人）');
    expect(compositionLine('2026-H1', [{ rater: 'committee', role: null }], 'en').text).toContain('consensus sheet');
  });

  it('lists each member once, in committee order, over both semesters', () => {
    const h1 = [
      { rater: 'B', role: 'student' as const },
      { rater: 'L', role: 'leader' as const },
    ];
    const h2 = [
      { rater: 'L', role: 'leader' as const },
      { rater: 'C', role: 'student' as const },
      { rater: 'O', role: 'center-office' as const },
    ];
    expect(unionMembers([h1, h2]).map((m) => m.rater)).toEqual(['L', 'O', 'B', 'C']);
  });

  it('writes the policy out, amounts and all', () => {
    const lines = policyLines({ ...DEFAULT_POLICY, aggregation: 'trimmed', amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: null } }, 'en');
    const text = lines.map(([k, v]) => `${k}: ${v}`).join('\n');
    expect(text).toContain('listen 20, see 20, check 20, test 20, ask 20; 100 in total');
    expect(text).toContain('without the highest and the lowest score, from 5 scores on');
    expect(text).toContain('excellent ¥800, good ¥300');
    expect(text).toContain('the penalty not set; rectification within 30 days');
    expect(text).toContain('the annual bonus ¥2,000');
  });
});
