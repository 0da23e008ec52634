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
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      emit('{');
      keys.forEach((k, i) => {
        if (i > 0) emit(',');
        canonicalPieces(k, emit);
        emit(':');
        canonicalPieces(obj[k], emit);
      });
      return emit('}');
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}
