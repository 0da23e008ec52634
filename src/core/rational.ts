/**
 * Exact rationals. Scores never pass through binary floating point: a cell becomes an integer count
 * of micro-points, and aggregation builds fractions of integers. While numerator and denominator
 * are safe integers (the common case by far) they are plain numbers, and every operation checks
 * that its result is still exact; past 2^53 the value moves to bigint and stays exact there.
 */

function gcdNum(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

import { roundScaledFraction } from './rounding.js';

const safe = Number.isSafeInteger;

export class Rational {
  /** Number form (exact) when `big` is null. */
  private readonly sn: number;
  private readonly sd: number;
  private readonly big: { n: bigint; d: bigint } | null;

  private constructor(sn: number, sd: number, big: { n: bigint; d: bigint } | null) {
    this.sn = sn;
    this.sd = sd;
    this.big = big;
  }

  /** A fraction, reduced; the denominator is made positive. */
  static of(n: bigint | number, d: bigint | number = 1): Rational {
    if (typeof n === 'number' && typeof d === 'number' && safe(n) && safe(d)) return Rational.ofNum(n, d);
    return Rational.ofBig(BigInt(n), BigInt(d));
  }

  /**
   * Small fractions are kept as they come (the gcd costs more than it saves: sums of scores over the
   * same number of raters share a denominator); larger ones are reduced, so that products stay
   * exact as numbers as long as possible. `n`, `d` and the text forms always reduce.
   */
  private static ofNum(n: number, d: number): Rational {
    if (d === 0) throw new RangeError('division by zero');
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (d <= 0x4000000 && n <= 0x10000000000 && n >= -0x10000000000) return new Rational(n + 0, d, null);
    const g = gcdNum(n, d);
    return g > 1 ? new Rational(n / g, d / g, null) : new Rational(n + 0, d, null);
  }

  /** The same value in lowest terms. */
  private reduced(): Rational {
    if (this.big) return this;
    const g = gcdNum(this.sn, this.sd);
    return g > 1 ? new Rational(this.sn / g, this.sd / g, null) : this;
  }

  private static ofBig(n: bigint, d: bigint): Rational {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcdBig(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
    const MAX = 9007199254740991n;
    if (n <= MAX && n >= -MAX && d <= MAX) return new Rational(Number(n), Number(d), null);
    return new Rational(0, 1, { n, d });
  }

  static readonly ZERO = Rational.of(0);

  /** Numerator as a number (not necessarily reduced), or NaN in the bigint form. */
  get smallNumerator(): number {
    return this.big ? NaN : this.sn;
  }

  /** Denominator as a number (not necessarily reduced), or NaN in the bigint form. */
  get smallDenominator(): number {
    return this.big ? NaN : this.sd;
  }

  /** Numerator in lowest terms. */
  get n(): bigint {
    return this.big ? this.big.n : BigInt(this.reduced().sn);
  }

  /** Denominator in lowest terms. */
  get d(): bigint {
    return this.big ? this.big.d : BigInt(this.reduced().sd);
  }

  add(o: Rational): Rational {
    if (!this.big && !o.big) {
      if (this.sd === o.sd) {
        const s = this.sn + o.sn;
        if (safe(s)) return Rational.ofNum(s, this.sd);
      } else {
        const a = this.sn * o.sd;
        const b = o.sn * this.sd;
        const d = this.sd * o.sd;
        if (safe(a) && safe(b) && safe(d) && safe(a + b)) return Rational.ofNum(a + b, d);
      }
    }
    return Rational.ofBig(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  neg(): Rational {
    return this.big ? new Rational(0, 1, { n: -this.big.n, d: this.big.d }) : new Rational(-this.sn + 0, this.sd, null);
  }

  mul(o: Rational): Rational {
    if (!this.big && !o.big) {
      const n = this.sn * o.sn;
      const d = this.sd * o.sd;
      if (safe(n) && safe(d)) return Rational.ofNum(n, d);
    }
    return Rational.ofBig(this.n * o.n, this.d * o.d);
  }

  div(o: Rational): Rational {
    if (!this.big && !o.big) {
      const n = this.sn * o.sd;
      const d = this.sd * o.sn;
      if (safe(n) && safe(d)) return Rational.ofNum(n, d);
    }
    return Rational.ofBig(this.n * o.d, this.d * o.n);
  }

  cmp(o: Rational): number {
    if (!this.big && !o.big) {
      const l = this.sn * o.sd;
      const r = o.sn * this.sd;
      if (safe(l) && safe(r)) return l < r ? -1 : l > r ? 1 : 0;
    }
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Rounded half up (away from zero for negatives) to `places` decimals, as a scaled integer. */
  roundScaled(places: number): bigint {
    const q = this.roundScaledNumber(places);
    if (q !== null) return BigInt(q);
    const scale = 10n ** BigInt(places);
    const n = this.n;
    const d = this.d;
    const neg = n < 0n;
    const a = neg ? -n : n;
    const big = (2n * a * scale + d) / (2n * d);
    return neg ? -big : big;
  }

  /** The same as roundScaled, as a number, or null where that would not be exact. */
  roundScaledNumber(places: number): number | null {
    return this.big ? null : roundScaledFraction(this.sn, this.sd, places);
  }

  /** Rounded half up to `places` decimals, written with exactly `places` decimals ("90.0"). */
  toFixed(places: number): string {
    const q = this.roundScaledNumber(places);
    return q !== null ? scaledNumberToString(q, places) : scaledToString(this.roundScaled(places), places);
  }

  /** Rounded half up to `places` decimals, as a JS number for JSON (90.5, 92). */
  toNumber(places: number): number {
    const q = this.roundScaledNumber(places);
    if (q !== null) return q / 10 ** places;
    return Number(scaledToString(this.roundScaled(places), places));
  }

  /** The exact decimal if the expansion ends (denominator of 2s and 5s only), else null. */
  toExactDecimal(): string | null {
    let d = this.d;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return null;
    const places = Math.max(twos, fives);
    const scaled = (this.n * 10n ** BigInt(places)) / this.d;
    return trimZeros(scaledToString(scaled, places));
  }

  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
}

function scaledNumberToString(scaled: number, places: number): string {
  if (places === 0) return String(scaled);
  const neg = scaled < 0;
  const digits = String(Math.abs(scaled)).padStart(places + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
}

export function scaledToString(scaled: bigint, places: number): string {
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return (neg ? '-' : '') + (places > 0 ? `${int}.${frac}` : int);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
