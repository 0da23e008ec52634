/**
 * The policy: the center's rules as data. `validatePolicy` is pure: it takes parsed JSON and
 * returns the complete policy (defaults filled key by key) or the problems, each naming its key.
 */
import { type Lang } from '../i18n/index.js';
import { policyWords } from '../i18n/policy.js';
import { clip, editDistance, parseRole } from './cells.js';
import { Rational } from './rational.js';
import { METHODS, ROLES, type Method, type Role, isRole } from './types.js';

export const AGGREGATIONS = ['mean', 'trimmed', 'median', 'weighted'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface MethodPolicy {
  max: number;
  /** The scale raters score on; the aggregate is scaled to `max` when it differs. */
  scale: number;
  roles: Role[];
}

export interface Amounts {
  excellent: number | null;
  good: number | null;
  annualBonus: number | null;
  penalty: number | null;
}

export interface PanelThresholds {
  /** Leniency (mean difference from the other raters' median, in total points) beyond which a rater is flagged. */
  leniency: number;
  /**
   * A single score is an outlier when it is more than `outlierPoints` points AND more than
   * `outlierSd` standard deviations (the method's pooled within-person SD) from the other raters'
   * median on the same person and method: big enough to matter, and unusual for this panel.
   */
  outlierSd: number;
  outlierPoints: number;
  /** Share of the staff a rater scored given one same set of scores (or total) from which the rater is flagged. */
  identicalShare: number;
  /** Spread (max minus min rater total) for one staff member above which it is flagged. */
  spread: number;
}

export interface Policy {
  precision: number;
  aggregation: Aggregation;
  trimMinScores: number;
  methods: Record<Method, MethodPolicy>;
  bands: { excellent: number; good: number; qualified: number };
  roleWeights: Record<Role, number>;
  amounts: Amounts;
  rectificationDays: number;
  panel: PanelThresholds;
}

export const DEFAULT_POLICY: Policy = Object.freeze({
  precision: 1,
  aggregation: 'mean',
  trimMinScores: 5,
  methods: {
    listen: { max: 20, scale: 20, roles: [...ROLES] },
    see: { max: 20, scale: 20, roles: [...ROLES] },
    check: { max: 20, scale: 20, roles: [...ROLES] },
    test: { max: 20, scale: 20, roles: [...ROLES] },
    ask: { max: 20, scale: 20, roles: [...ROLES] },
  },
  bands: { excellent: 90, good: 80, qualified: 60 },
  roleWeights: { leader: 1, 'head-office': 1, 'center-office': 1, student: 1 },
  amounts: { excellent: null, good: null, annualBonus: null, penalty: null },
  rectificationDays: 30,
  panel: { leniency: 5, outlierSd: 2.5, outlierPoints: 4, identicalShare: 0.8, spread: 15 },
}) as Policy;

export interface PolicyResult {
  policy: Policy;
  errors: string[];
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An exact rational from a JSON number (its shortest decimal form is what the user wrote). */
export function rationalOf(x: number): Rational {
  const s = x.toString();
  if (/e/i.test(s)) {
    const [mant, exp] = s.split(/e/i) as [string, string];
    const base = rationalOf(Number(mant));
    const e = Number(exp);
    const p = Rational.of(10n ** BigInt(Math.abs(e)));
    return e >= 0 ? base.mul(p) : base.div(p);
  }
  const [int, frac = ''] = s.split('.') as [string, string?];
  return Rational.of(BigInt(int + frac), 10n ** BigInt(frac.length));
}

export interface ValidateOptions {
  /** The language of the messages (default English). */
  lang?: Lang;
  /** The text a value was written as in the file, by key (`amounts.excellent`), where known. */
  raw?: (key: string) => string | undefined;
}

/** How many decimals a number has as written in its shortest form (1e-7 has 7). */
function decimalsOf(x: number): number {
  const [mant, exp] = x.toString().split(/e/i) as [string, string?];
  const frac = mant.split('.')[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp ?? 0));
}

export function validatePolicy(input: Json, opts: ValidateOptions = {}): PolicyResult {
  const w = policyWords(opts.lang ?? 'en');
  const errors: string[] = [];
  const p: Policy = structuredClone(DEFAULT_POLICY);
  if (!isObject(input)) {
    return { policy: p, errors: [w.notObject] };
  }
  /** A value as the message quotes it: as written in the file where known, clipped to 60 characters. */
  const shown = (v: Json, key: string): string => {
    if (typeof v === 'string') return `"${clip(v, w.clipped)}"`;
    const raw = opts.raw?.(key);
    if (raw !== undefined) return clip(raw, w.clipped);
    try {
      return clip(JSON.stringify(v) ?? String(v), w.clipped);
    } catch {
      return Array.isArray(v) ? '[...]' : '{...}';
    }
  };
  const known = ['precision', 'aggregation', 'trimMinScores', 'methods', 'bands', 'roleWeights', 'amounts', 'rectificationDays', 'panel'];
  const unknown = (obj: Record<string, Json>, keys: readonly string[], prefix: string) => {
    for (const k of Object.keys(obj)) {
      if (!keys.includes(k)) {
        // Only names of about the same length can be within 2 edits: a 10 MB key is not compared.
        const hint = keys.find((x) => Math.abs(x.length - k.length) <= 2 && editDistance(x.toLowerCase(), k.toLowerCase()) <= 2);
        errors.push(w.unknownKey(clip(`${prefix}${k}`, w.clipped), hint === undefined ? null : `${prefix}${hint}`, keys));
      }
    }
  };
  const int = (v: Json, key: string, min: number, max: number): number | undefined => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      errors.push(w.wholeNumber(key, min, max, shown(v, key)));
      return undefined;
    }
    return v;
  };
  const num = (v: Json, key: string, min: number, max: number, exclusiveMin = false): number | undefined => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v > max || (exclusiveMin ? v <= min : v < min)) {
      errors.push(w.number(key, min, max < Infinity ? max : null, exclusiveMin, shown(v, key)));
      return undefined;
    }
    return v;
  };
  unknown(input, known, '');

  if (input.precision !== undefined) p.precision = int(input.precision, 'precision', 0, 6) ?? p.precision;
  if (input.aggregation !== undefined) {
    if (typeof input.aggregation === 'string' && (AGGREGATIONS as readonly string[]).includes(input.aggregation)) {
      p.aggregation = input.aggregation as Aggregation;
    } else {
      errors.push(w.oneOf('aggregation', AGGREGATIONS, shown(input.aggregation, 'aggregation')));
    }
  }
  if (input.trimMinScores !== undefined) p.trimMinScores = int(input.trimMinScores, 'trimMinScores', 3, 1000) ?? p.trimMinScores;
  if (input.rectificationDays !== undefined) {
    p.rectificationDays = int(input.rectificationDays, 'rectificationDays', 0, 3650) ?? p.rectificationDays;
  }

  if (input.methods !== undefined) {
    if (!isObject(input.methods)) errors.push(w.methodsObject);
    else {
      unknown(input.methods, METHODS, 'methods.');
      for (const m of METHODS) {
        const mp = input.methods[m];
        if (mp === undefined) continue;
        const key = `methods.${m}`;
        if (!isObject(mp)) {
          errors.push(w.methodObject(key));
          continue;
        }
        unknown(mp, ['max', 'scale', 'roles'], `${key}.`);
        const target = p.methods[m];
        if (mp.max !== undefined) {
          const v = num(mp.max, `${key}.max`, 0, 100, true);
          if (v !== undefined) {
            if (decimalsOf(v) > 6) errors.push(w.decimals(`${key}.max`));
            target.max = v;
            if (mp.scale === undefined) target.scale = v;
          }
        }
        if (mp.scale !== undefined) {
          // The scale is the highest score a rater writes: below 1 point, or finer than the
          // micro-points scores are held in, it would make every score "above the maximum 0".
          const v = mp.scale;
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > 1000 || decimalsOf(v) > 6) {
            errors.push(w.scale(`${key}.scale`, w.method[m]!, shown(v, `${key}.scale`)));
          } else {
            target.scale = v;
          }
        }
        if (mp.roles !== undefined) {
          if (!Array.isArray(mp.roles) || mp.roles.length === 0) {
            errors.push(w.rolesList(`${key}.roles`, ROLES));
          } else {
            const roles: Role[] = [];
            for (const [i, r] of mp.roles.entries()) {
              const role = typeof r === 'string' ? parseRole(r) : null;
              if (!role) errors.push(w.unknownRole(`${key}.roles`, shown(r, `${key}.roles.${i}`), ROLES));
              else if (!roles.includes(role)) roles.push(role);
            }
            target.roles = roles;
          }
        }
      }
      let sum = Rational.ZERO;
      for (const m of METHODS) sum = sum.add(rationalOf(p.methods[m].max));
      if (sum.cmp(Rational.of(100)) !== 0) {
        errors.push(w.maxSum(METHODS.map((m) => `${m} ${p.methods[m].max}`).join(' + '), sum.toExactDecimal() ?? sum.toString()));
      }
    }
  }

  if (input.bands !== undefined) {
    if (!isObject(input.bands)) errors.push(w.bandsObject);
    else {
      unknown(input.bands, ['excellent', 'good', 'qualified'], 'bands.');
      for (const k of ['excellent', 'good', 'qualified'] as const) {
        if (input.bands[k] !== undefined) p.bands[k] = num(input.bands[k], `bands.${k}`, 0, 100) ?? p.bands[k];
      }
      if (!(p.bands.excellent > p.bands.good && p.bands.good > p.bands.qualified)) {
        errors.push(w.bandsOrder(p.bands.excellent, p.bands.good, p.bands.qualified));
      }
    }
  }

  if (input.roleWeights !== undefined) {
    if (!isObject(input.roleWeights)) errors.push(w.roleWeightsObject);
    else {
      for (const [k, v] of Object.entries(input.roleWeights)) {
        const role = parseRole(k);
        if (!role || !isRole(role)) {
          errors.push(w.unknownKey(clip(`roleWeights.${k}`, w.clipped), null, ROLES));
          continue;
        }
        p.roleWeights[role] = num(v, `roleWeights.${k}`, 0, 1000, true) ?? p.roleWeights[role];
      }
    }
  }

  if (input.amounts !== undefined) {
    if (!isObject(input.amounts)) errors.push(w.amountsObject);
    else {
      unknown(input.amounts, ['excellent', 'good', 'annualBonus', 'penalty'], 'amounts.');
      for (const k of ['excellent', 'good', 'annualBonus', 'penalty'] as const) {
        const v = input.amounts[k];
        if (v === undefined || v === null) continue;
        p.amounts[k] = int(v, `amounts.${k}`, 0, 1_000_000_000) ?? null;
      }
    }
  }

  if (input.panel !== undefined) {
    if (!isObject(input.panel)) errors.push(w.panelObject);
    else {
      const keys = Object.keys(DEFAULT_POLICY.panel) as (keyof PanelThresholds)[];
      unknown(input.panel, keys, 'panel.');
      for (const k of keys) {
        if (input.panel[k] === undefined) continue;
        const max = k === 'identicalShare' ? 1 : 100;
        p.panel[k] = num(input.panel[k], `panel.${k}`, 0, max, true) ?? p.panel[k];
      }
    }
  }
  return { policy: p, errors };
}
