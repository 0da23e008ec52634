/**
 * Canonical JSON, RFC 8785 (JSON Canonicalization Scheme): the one text of a JSON value that the
 * seal's hashes are taken over, so that key order and spacing never change a hash.
 *
 * JCS is defined on top of ECMAScript's own serialization: numbers as Number.prototype.toString
 * writes them (what JSON.stringify does), strings with JSON.stringify's escapes (\b \t \n \f \r,
 * other controls as lowercase \u00xx, nothing else escaped), object members sorted by the UTF-16
 * code units of their names (what Array.prototype.sort does without a comparator), no whitespace.
 * The maintained `canonicalize` package now needs Node 22; the scheme is these few lines, tested
 * against the RFC's examples in test/seal.test.ts.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The canonical text of a JSON value. Throws on what JSON cannot hold (NaN, Infinity, a lone surrogate, a function). */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  canonicalPieces(value, (p) => parts.push(p));
  return parts.join('');
}

/**
 * The canonical text of a JSON value, handed out in pieces in order (a report of 200,000 people is
 * hashed without being one string). The pieces joined are canonicalJson(value).
 */
export function canonicalPieces(value: unknown, emit: (piece: string) => void): void {
  if (value === null) return emit('null');
  switch (typeof value) {
    case 'boolean':
      return emit(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return emit(JSON.stringify(value));
    case 'string':
      // I-JSON (RFC 7493), which JCS requires, has no unpaired surrogates.
      if (LONE_SURROGATE.test(value)) throw new TypeError('canonicalJson: a string holds an unpaired surrogate');
      return emit(JSON.stringify(value));
    case 'object': {
      if (Array.isArray(value)) {
        emit('[');
        value.forEach((v, i) => {
          if (i > 0) emit(',');
          canonicalPieces(v === undefined ? null : v, emit);
        });
        return emit(']');
      }
      const obj = value as Record<string, unknown>;
      const names: string[] = [];
      for (const k of Object.keys(obj)) if (obj[k] !== undefined) names.push(k);
      const members = membersOf(names);
      emit('{');
      for (let i = 0; i < members.length; i++) {
        emit(members[i]!.text);
        canonicalPieces(obj[members[i]!.name], emit);
      }
      return emit('}');
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

/** An object's members in canonical order: each name, and the text before its value (`,"name":`). */
type Members = { name: string; text: string }[];

/**
 * The last few shapes of object met (their member names in their own order) and their members: a
 * report's 200,000 people are a few shapes over and over, each sorted and its names written once.
 */
const shapes: { names: string[]; members: Members }[] = [];
let nextShape = 0;

function membersOf(names: string[]): Members {
  for (const shape of shapes) {
    const known = shape.names;
    if (known.length !== names.length) continue;
    let same = true;
    for (let i = 0; i < names.length && same; i++) same = known[i] === names[i];
    if (same) return shape.members;
  }
  const members: Members = [...names].sort().map((name, i) => {
    let text = '';
    canonicalPieces(name, (piece) => (text += piece));
    return { name, text: `${i > 0 ? ',' : ''}${text}:` };
  });
  shapes[nextShape] = { names, members };
  nextShape = (nextShape + 1) % 8;
  return members;
}
