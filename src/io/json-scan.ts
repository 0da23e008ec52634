/**
 * A small JSON scanner for the policy file, run before JSON.parse, for what JSON.parse does not
 * tell: where the text is wrong (line and column, the mistake in words, not "position 46"), which
 * keys are written twice in one object (JSON.parse silently keeps the last, so a policy saying
 * `"excellent": 800` and later `"excellent": 900` would pay 900 without a word), and the text each
 * value was written as (`1e400`, which JSON.parse makes Infinity). Written here rather than taken
 * from a library: it is some 150 lines, it needs both positions and raw value text, and a policy
 * is at most 1 MB. It never recurses, so values nested 100,000 deep cost no stack.
 */

export type JsonSyntax =
  | 'unexpected'
  | 'end-object'
  | 'end-array'
  | 'end'
  | 'key'
  | 'trailing-comma'
  | 'colon'
  | 'comma-object'
  | 'comma-array'
  | 'string-open'
  | 'string-control'
  | 'escape'
  | 'number'
  | 'after';

export interface JsonPlace {
  line: number;
  column: number;
}

export interface JsonScan {
  error: (JsonPlace & { kind: JsonSyntax; found: string }) | null;
  /** Keys written twice in one object, with the path of the key (`amounts.excellent`). */
  duplicates: (JsonPlace & { path: string; firstLine: number })[];
  /** Each value's text as written, by path (object keys and array indexes joined by '.'), to `rawDepth` levels. */
  raw: Map<string, string>;
}

interface Frame {
  object: boolean;
  /** The path of this container, or null below the depth where paths are kept. */
  path: string | null;
  start: number;
  /** Object keys seen, with the offset of their first spelling. */
  keys: Map<string, number> | null;
  /** The key (object) or index (array) of the value being read. */
  member: string;
  count: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function scanJson(text: string, rawDepth = 6): JsonScan {
  const out: JsonScan = { error: null, duplicates: [], raw: new Map() };
  let lineStarts: number[] | null = null;
  const place = (offset: number): JsonPlace => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const fail = (offset: number, kind: JsonSyntax, found = ''): JsonScan => {
    out.error = { ...place(offset), kind, found };
    return out;
  };

  const n = text.length;
  let i = 0;
  const skipBlanks = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    }
  };
  /** Reads the string starting at i (a quote); returns the offset after it, or a failure. */
  const readString = (): JsonSyntax | null => {
    const open = i;
    i++;
    for (;;) {
      if (i >= n) {
        i = open;
        return 'string-open';
      }
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return 'string-control';
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'escape';
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return 'escape';
        }
        continue;
      }
      i++;
    }
  };

  const stack: Frame[] = [];
  const childPath = (): string | null => {
    const top = stack.at(-1);
    if (!top) return '';
    if (top.path === null || stack.length > rawDepth) return null;
    return top.path === '' ? top.member : `${top.path}.${top.member}`;
  };
  const record = (path: string | null, start: number, end: number) => {
    if (path !== null && path !== '') out.raw.set(path, text.slice(start, end));
  };

  let mode: 'value' | 'key' | 'after' = 'value';
  let afterComma = false;
  for (;;) {
    skipBlanks();
    if (mode === 'value') {
      if (i >= n) return fail(i, 'end');
      const c = text[i]!;
      const start = i;
      const path = childPath();
      if (c === '{' || c === '[') {
        const object = c === '{';
        stack.push({ object, path, start, keys: object && path !== null ? new Map() : null, member: '0', count: 0 });
        i++;
        skipBlanks();
        const close = object ? '}' : ']';
        if (text[i] === close) {
          i++;
          stack.pop();
          record(path, start, i);
          mode = 'after';
        } else {
          mode = object ? 'key' : 'value';
        }
        afterComma = false;
        continue;
      }
      if (afterComma && c === ']') return fail(i, 'trailing-comma', ']');
      if (c === '"') {
        const bad = readString();
        if (bad) return fail(i, bad);
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail(i, 'number');
        i += m[0].length;
        if (i < n && /[0-9.eE+-]/.test(text[i]!)) return fail(start, 'number');
      } else if (text.startsWith('true', i)) {
        i += 4;
      } else if (text.startsWith('false', i)) {
        i += 5;
      } else if (text.startsWith('null', i)) {
        i += 4;
      } else {
        return fail(i, 'unexpected', String.fromCodePoint(text.codePointAt(i)!));
      }
      record(path, start, i);
      mode = 'after';
      afterComma = false;
      continue;
    }
    if (mode === 'key') {
      const top = stack.at(-1)!;
      if (i >= n) return fail(i, 'end-object');
      if (text[i] !== '"') return fail(i, afterComma && text[i] === '}' ? 'trailing-comma' : 'key', '}');
      const keyStart = i;
      const bad = readString();
      if (bad) return fail(i, bad);
      const literal = text.slice(keyStart, i);
      const key = literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
      if (top.keys) {
        const first = top.keys.get(key);
        const path = top.path === '' ? key : `${top.path}.${key}`;
        if (first === undefined) top.keys.set(key, keyStart);
        else out.duplicates.push({ ...place(keyStart), path, firstLine: place(first).line });
      }
      top.member = key;
      skipBlanks();
      if (text[i] !== ':') return fail(i, i >= n ? 'end-object' : 'colon');
      i++;
      mode = 'value';
      afterComma = false;
      continue;
    }
    // After a value: a comma, the end of its container, or the end of the text.
    const top = stack.at(-1);
    if (!top) return i < n ? fail(i, 'after') : out;
    if (i >= n) return fail(i, top.object ? 'end-object' : 'end-array');
    const c = text[i];
    if (c === ',') {
      i++;
      afterComma = true;
      if (top.object) mode = 'key';
      else {
        top.count++;
        top.member = String(top.count);
        mode = 'value';
      }
      continue;
    }
    if (c === (top.object ? '}' : ']')) {
      i++;
      stack.pop();
      record(top.path, top.start, i);
      continue;
    }
    return fail(i, top.object ? 'comma-object' : 'comma-array');
  }
}
