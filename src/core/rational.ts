/**
 * Exact non-negative-or-negative rationals over bigint. Scores never pass through binary floating
 * point: a cell becomes an integer count of micro-points, and only the per-staff aggregation
 * (a handful of operations per person) builds rationals.
 */

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError('division by zero');
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    const g = gcd(nn, dd);
    return g > 1n ? new Rational(nn / g, dd / g) : new Rational(nn, dd);
  }

  static readonly ZERO = Rational.of(0n);

  add(o: Rational): Rational {
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }

  div(o: Rational): Rational {
    return Rational.of(this.n * o.d, this.d * o.n);
  }

  cmp(o: Rational): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Rounded half up (away from zero for negatives) to `places` decimals, as a scaled integer. */
  roundScaled(places: number): bigint {
    const scale = 10n ** BigInt(places);
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const q = (2n * a * scale + this.d) / (2n * this.d);
    return neg ? -q : q;
  }

  /** Rounded half up to `places` decimals, written with exactly `places` decimals ("90.0"). */
  toFixed(places: number): string {
    return scaledToString(this.roundScaled(places), places);
  }

  /** Rounded half up to `places` decimals, as a JS number for JSON (90.5, 92). */
  toNumber(places: number): number {
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
