/** The seal's pieces as data: RFC 8785 canonical JSON, the sealed command, the policy hash, reading a seal back. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/core/canonical.js';
import { DEFAULT_POLICY, validatePolicy } from '../src/core/policy.js';
import { readSeal } from '../src/core/seal.js';
import { ROLES } from '../src/core/types.js';
import { type Common } from '../src/commands/common.js';
import { effectivePolicy, isSealedCommand, policyHash, policySource, sealCommand, sealFor } from '../src/commands/seal.js';
import { reportJson, resultHash } from '../src/render/json.js';
import { VERSION } from '../src/version.js';

const f64 = (hex: string) => new DataView(Uint8Array.from(Buffer.from(hex, 'hex')).buffer).getFloat64(0);

describe('canonicalJson (RFC 8785)', () => {
  it('writes the RFC\'s example of section 3.2.2 as the RFC does', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // JSON.parse puts the integer-like key first again; read the order from the text instead.
    expect(keys.length).toBe(7);
    const order = [...canonicalJson(input).matchAll(/"([^"]*)":"[^"]*"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['41b3de4355555555', '333333333.3333333'],
  ])('writes the IEEE 754 number %s as %s (appendix B)', (hex, text) => {
    expect(canonicalJson(f64(hex))).toBe(text);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson('a\ud800b')).toThrow(/surrogate/);
    expect(canonicalJson('😀')).toBe('"😀"');
  });

  it('agrees with the plain way (every object\'s names sorted where it stands) on objects of many shapes, repeated and reordered', () => {
    // The writer keeps the last few shapes of object it met, sorted once each: shapes repeat here in
    // other orders, with members left out (undefined), more of them than it keeps.
    const plain = (v: unknown): string => {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((x) => plain(x === undefined ? null : x)).join(',')}]`;
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const names = Object.keys(o).filter((k) => o[k] !== undefined).sort();
        return `{${names.map((k) => `${JSON.stringify(k)}:${plain(o[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    const name = fc.constantFrom('a', 'b', 'B', '1', '10', 'é', '\u20ac', '😀', '"q"', '\n', 'staffId', 'total');
    const member = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant(undefined), fc.constant(null), fc.boolean());
    const object = fc.dictionary(name, member, { maxKeys: 8 });
    fc.assert(
      fc.property(fc.array(object, { maxLength: 40 }), fc.array(fc.nat()), (objects, picks) => {
        // The same objects again, each with its members in another order, and nested in one another.
        const reordered = objects.map((o) => Object.fromEntries(Object.entries(o).reverse()));
        const nested = objects.map((o, i) => ({ ...o, inner: reordered[(picks[i] ?? 0) % Math.max(1, reordered.length)] ?? null }));
        const value = { objects, reordered, nested, picked: picks.map((k) => objects[k % Math.max(1, objects.length)] ?? null) };
        expect(canonicalJson(value)).toBe(plain(value));
      }),
      { numRuns: 300 },
    );
    // A name with a lone surrogate is refused each time, not only the first.
    expect(() => canonicalJson({ 'a\ud800': 1 })).toThrow(/surrogate/);
    expect(() => canonicalJson({ 'a\ud800': 1 })).toThrow(/surrogate/);
  });

  it('has no whitespace, and the same text whatever the key order', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: '张伟' })).toBe('{"a":"张伟","b":[1,{"c":null,"d":2}]}');
    expect(canonicalJson({ a: '张伟', b: [1, { c: null, d: 2 }] })).toBe(canonicalJson({ b: [1, { d: 2, c: null }], a: '张伟' }));
  });
});

function common(over: Partial<Common> = {}): Common {
  return {
    policy: structuredClone(DEFAULT_POLICY),
    policyFile: null,
    lang: 'en',
    format: 'json',
    out: null,
    force: false,
    color: false,
    encoding: null,
    delimiter: ',',
    ...over,
  };
}

describe('the seal\'s command', () => {
  it.each([
    ['score', {}, {}, ['score', '--lang', 'en']],
    ['score', { semester: '2026上半年', roster: 'r.csv', groupBy: 'post', bom: true, out: 'x.json', force: true, color: false, format: 'json', policy: 'p.json' }, { lang: 'zh' as const }, ['score', '--semester', '2026-H1', '--roster', 'r.csv', '--group-by', 'post', '--lang', 'zh']],
    ['score', { encoding: 'gbk', delimiter: ';' }, { delimiter: ';' }, ['score', '--encoding', 'gbk', '--delimiter', ';', '--lang', 'en']],
    ['year', { year: '2026', roster: 'r.csv', bom: true }, {}, ['year', '--year', '2026', '--roster', 'r.csv', '--lang', 'en']],
    ['rewards', { year: '2026', only: 'penalties' }, { lang: 'zh' as const }, ['rewards', '--year', '2026', '--only', 'penalties', '--lang', 'zh']],
    ['panel', { semester: '2026H2' }, {}, ['panel', '--semester', '2026-H2', '--lang', 'en']],
  ] as const)('%s %j -> %j', (cmd, flags, over, want) => {
    expect(sealCommand(cmd, flags as Record<string, unknown>, common(over))).toEqual(want);
  });
});

describe('a command read back from a seal', () => {
  it.each([
    [['score', '--lang', 'en'], true],
    [['score', '--semester', '2026-H1', '--roster', 'r.csv', '--group-by', 'post', '--encoding', 'gbk', '--delimiter', ';', '--lang', 'zh'], true],
    [['rewards', '--year', '2026', '--only', 'penalties', '--lang', 'en'], true],
    [['panel', '--semester', '2026-H1', '--lang', 'en'], true],
    [['score', '--out', 'x.json', '--lang', 'en'], false],
    [['score', '--force', '--lang'], false],
    [['year', '--only', 'penalties', '--lang', 'en'], false],
    [['score', '--lang'], false],
    [['check', '--lang', 'en'], false],
    [['toString'], false],
  ])('%j is a sealed command: %s', (command, ok) => {
    expect(isSealedCommand(command)).toBe(ok);
  });
});

describe('the effective policy and its hash', () => {
  it('is the Policy object with every default filled in, roles in the rules\' order', () => {
    const shuffled = validatePolicy({ methods: { ask: { max: 20, roles: ['student', 'leader'] } } }).policy;
    const ordered = validatePolicy({ methods: { ask: { max: 20, roles: ['leader', 'student'] } } }).policy;
    expect(shuffled.methods.ask.roles).toEqual(['student', 'leader']);
    expect(effectivePolicy(shuffled).methods.ask.roles).toEqual(['leader', 'student']);
    expect(policyHash(shuffled)).toBe(policyHash(ordered));
    expect(effectivePolicy(DEFAULT_POLICY).methods.listen.roles).toEqual([...ROLES]);
  });

  it('does not depend on how the file spells the defaults', () => {
    const spelled = validatePolicy({ precision: 1, aggregation: 'mean', bands: { excellent: 90 }, amounts: { excellent: null } }).policy;
    expect(policyHash(spelled)).toBe(policyHash(DEFAULT_POLICY));
    expect(policyHash(validatePolicy({ precision: 2 }).policy)).not.toBe(policyHash(DEFAULT_POLICY));
    expect(policyHash(DEFAULT_POLICY)).toBe(createHash('sha256').update(canonicalJson(effectivePolicy(DEFAULT_POLICY))).digest('hex'));
  });

  it('names its source: the path as given, or built-in', () => {
    expect(policySource({ policyFile: null })).toBe('built-in');
    expect(policySource({ policyFile: 'fixtures/policy.json' })).toBe('fixtures/policy.json');
    expect(policySource({ policyFile: 'evaluate.config.json' })).toBe('evaluate.config.json');
  });
});

describe('the sealed report', () => {
  const inputs = [{ file: 'a.csv', kind: 'sheet' as const, sha256: 'a'.repeat(64), bytes: 10, rows: 2 }];
  const doc = { year: 2026, staff: [{ staffId: 'S001', name: '张伟' }] };

  it('is the report as before with the seal last, its result the hash of the rest', () => {
    const text = Buffer.concat(reportJson(doc, sealFor('year', { year: '2026' }, common(), inputs))).toString('utf8');
    expect(text.startsWith(JSON.stringify(doc, null, 2).slice(0, -2))).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['year', 'staff', 'seal']);
    expect(Object.keys(parsed.seal as object)).toEqual(['tool', 'command', 'policy', 'inputs', 'result']);
    const { seal, ...body } = parsed;
    expect((seal as { result: string }).result).toBe(`sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`);
    expect((seal as { tool: string }).tool).toBe(`evaluate ${VERSION}`);
    expect(Buffer.concat(reportJson(doc)).toString('utf8')).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('writes long reports piece by piece, as the same text JSON.stringify writes, and hashes them as canonicalJson does', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 0, maxLength: 300 }), fc.jsonValue({ maxDepth: 2 }), (long, other) => {
        // Long arrays at two depths (written element by element), short ones, undefined members (left out).
        const doc = { semesters: [{ semester: '2026-H1', staff: long, nested: { long, other } }], other, gone: undefined, n: -0 };
        expect(Buffer.concat(reportJson(doc)).toString('utf8')).toBe(`${JSON.stringify(doc, null, 2)}\n`);
        expect(resultHash(doc)).toBe(`sha256:${createHash('sha256').update(canonicalJson(doc)).digest('hex')}`);
      }),
      { numRuns: 60 },
    );
  });

  it('writes arrays of a hundred elements and more (stringified a hundred at a time) at every depth as JSON.stringify does', () => {
    const person = (i: number) => ({ rank: i, staffId: `S${i}`, name: i % 3 ? '张伟' : 'x]\n[', methods: { listen: i / 7, see: [i, null] }, gone: undefined, none: null });
    for (const n of [0, 1, 99, 100, 101, 199, 200, 250]) {
      const list = Array.from({ length: n }, (_, i) => (i % 50 === 7 ? undefined : person(i)));
      // The list as a member and as an element at depths 1 to 6, and the list of lists.
      let doc: unknown = list;
      for (let depth = 1; depth <= 6; depth++) {
        doc = depth % 2 ? { year: 2026, staff: doc, after: [list.length] } : [doc, 'next'];
        expect(Buffer.concat(reportJson({ doc })).toString('utf8')).toBe(`${JSON.stringify({ doc }, null, 2)}\n`);
      }
      expect(Buffer.concat(reportJson({ lists: [list, list], flat: list })).toString('utf8')).toBe(`${JSON.stringify({ lists: [list, list], flat: list }, null, 2)}\n`);
    }
  });

  it('reads back, and a report without a valid seal says what is wrong', () => {
    const parsed = JSON.parse(Buffer.concat(reportJson(doc, sealFor('year', { year: '2026' }, common(), inputs))).toString('utf8')) as Record<string, unknown>;
    const got = readSeal(parsed);
    expect('seal' in got && got.seal.kind).toBe('year');
    expect('body' in got && resultHash(got.body)).toBe((parsed.seal as { result: string }).result);
    expect(readSeal(doc)).toEqual({ why: 'no-seal' });
    expect(readSeal([])).toEqual({ why: 'no-seal' });
    const broken = (patch: object) => readSeal({ ...parsed, seal: { ...(parsed.seal as object), ...patch } });
    expect(broken({ command: ['check'] })).toEqual({ why: 'bad-seal', key: 'command' });
    expect(broken({ result: 'md5:1' })).toEqual({ why: 'bad-seal', key: 'result' });
    expect(broken({ inputs: [{ file: 'a.csv' }] })).toEqual({ why: 'bad-seal', key: 'inputs' });
    expect(broken({ policy: { source: 'built-in' } })).toEqual({ why: 'bad-seal', key: 'policy' });
  });
});
