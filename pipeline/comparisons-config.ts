import {
  type Comparisons,
  type ComparisonsConfig,
  type ComparisonUnit,
  DEFAULT_RULE,
  inPeriod,
  type Period,
  type SideGroup,
} from '../analyses/comparisons.js';
import { isRealDate } from './describe.js';
import { ConfigError } from './errors.js';
import { kind } from './registry.js';
import type { Diagnostic } from './types.js';
import { parseYamlWithLines } from './yaml.js';

/**
 * The `comparisons:` section of corpus/corpus.yaml: which two sides and which
 * two periods keyness compares (analyses/comparisons.ts says what happens
 * when either is left out).
 *
 *   comparisons:
 *     sides:
 *       target: Albania            # a side, or a list of sides pooled
 *       reference: DPRK
 *     periods:
 *       target: { name: 1959-1961, from: 1959, to: 1961 }
 *       reference: { name: 1964-1966, from: 1964-01-01, to: 1966-12-31 }
 *
 * `from` and `to` are a year, a month (YYYY-MM) or a day (YYYY-MM-DD), both
 * included: `from: 1959` is 1959-01-01 and `to: 1961` is 1961-12-31. `name`
 * defaults to the two ends as written ("1959-1961", or "1959-06 to 1961-05").
 * Unknown keys, malformed dates, a period ending before it starts, overlapping
 * periods and a side on both sides of the comparison stop the run with the
 * file and line.
 */
export function loadComparisons(text: string, file = 'corpus.yaml'): ComparisonsConfig | undefined {
  const { value, lineOf } = parseYamlWithLines(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const section = (value as Record<string, unknown>)['comparisons'];
  if (section === undefined || section === null) return undefined;
  const fail = (path: Array<string | number>, message: string): never => {
    let line: number | undefined;
    for (let n = path.length; n > 0 && line === undefined; n--) line = lineOf(path.slice(0, n));
    throw new ConfigError(file, line, message);
  };
  const mapping = (v: unknown, path: string[], what: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date)
      fail(path, `expected ${what} as a mapping, found ${kind(v)}`);
    return v as Record<string, unknown>;
  };
  const keysOnly = (m: Record<string, unknown>, path: string[], allowed: readonly string[]) => {
    for (const k of Object.keys(m)) {
      if (!allowed.includes(k))
        fail(
          [...path, k],
          `expected one of ${allowed.join(', ')} under ${path.join('.')}; found "${k}"`,
        );
    }
  };
  const s = mapping(section, ['comparisons'], '"comparisons"');
  keysOnly(s, ['comparisons'], ['sides', 'periods']);
  const out: ComparisonsConfig = {};

  if (s['sides'] !== undefined && s['sides'] !== null) {
    const path = ['comparisons', 'sides'];
    const m = mapping(s['sides'], path, '"comparisons.sides" (target and reference)');
    keysOnly(m, path, ['target', 'reference']);
    const group = (role: 'target' | 'reference'): SideGroup => {
      const v = m[role];
      const at = [...path, role];
      if (v === undefined || v === null)
        fail(at, `expected "${role}" under comparisons.sides, found nothing`);
      const list = typeof v === 'string' ? [v] : v;
      if (
        !Array.isArray(list) ||
        list.length === 0 ||
        !list.every((x) => typeof x === 'string' && x.trim() !== '')
      )
        fail(at, `expected "${role}" to be a side or a list of sides, found ${kind(v)}`);
      const sides = (list as string[]).map((x) => x.trim());
      return { name: sides.join(' + '), sides };
    };
    const target = group('target');
    const reference = group('reference');
    const both = target.sides.filter((x) => reference.sides.includes(x));
    if (both.length > 0)
      fail(
        [...path, 'reference'],
        `expected target and reference to be different sides; ${both.join(', ')} is in both`,
      );
    out.sides = { target, reference };
  }

  if (s['periods'] !== undefined && s['periods'] !== null) {
    const path = ['comparisons', 'periods'];
    const m = mapping(s['periods'], path, '"comparisons.periods" (target and reference)');
    keysOnly(m, path, ['target', 'reference']);
    const period = (role: 'target' | 'reference'): Period => {
      const at = [...path, role];
      if (m[role] === undefined || m[role] === null)
        fail(at, `expected "${role}" under comparisons.periods, found nothing`);
      const p = mapping(m[role], at, `the ${role} period (name, from, to)`);
      keysOnly(p, at, ['name', 'from', 'to']);
      const from = periodEnd(p['from'], 'from', [...at, 'from'], fail);
      const to = periodEnd(p['to'], 'to', [...at, 'to'], fail);
      if (to.date < from.date)
        fail(
          [...at, 'to'],
          `expected the ${role} period to end on or after ${from.date}, found ${to.date}`,
        );
      const name = p['name'];
      if (name !== undefined && typeof name !== 'string' && typeof name !== 'number')
        fail([...at, 'name'], `expected "name" to be text, found ${kind(name)}`);
      const fallback =
        /^\d{4}$/.test(from.text) && /^\d{4}$/.test(to.text)
          ? `${from.text}-${to.text}`
          : `${from.text} to ${to.text}`;
      return {
        name: name === undefined ? fallback : String(name).trim() || fallback,
        from: from.date,
        to: to.date,
      };
    };
    const target = period('target');
    const reference = period('reference');
    if (target.from <= reference.to && reference.from <= target.to)
      fail(
        [...path, 'reference'],
        `expected two periods that do not overlap; ${target.from} to ${target.to} and ${reference.from} to ${reference.to} share days`,
      );
    if (target.name === reference.name)
      fail(
        [...path, 'reference', 'name'],
        `expected the two periods to have different names, found "${target.name}" for both`,
      );
    out.periods = { target, reference };
  }
  return out;
}

/** One end of a period: a year, YYYY-MM or YYYY-MM-DD, as the first or last day it covers. */
function periodEnd(
  v: unknown,
  end: 'from' | 'to',
  at: string[],
  fail: (path: string[], message: string) => never,
): { date: string; text: string } {
  const text =
    v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string')
    return fail(at, `expected "${end}" as a year, YYYY-MM or YYYY-MM-DD, found ${kind(v)}`);
  const t = text.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return { date: end === 'from' ? `${m[1]}-01-01` : `${m[1]}-12-31`, text: t };
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) {
    if (end === 'from') return { date: `${t}-01`, text: t };
    let last = 31;
    while (!isRealDate(+m[1]!, +m[2]!, last)) last--;
    return { date: `${t}-${last}`, text: t };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m && isRealDate(+m[1]!, +m[2]!, +m[3]!)) return { date: t, text: t };
  return fail(at, `expected "${end}" as a year, YYYY-MM or YYYY-MM-DD, found ${JSON.stringify(t)}`);
}

/**
 * Notes on the comparisons actually made: sides left out of the default
 * side comparison (three or more sides), and configured sides or periods
 * with no speech in this corpus (their comparison is then empty).
 */
export function comparisonDiagnostics(
  c: Comparisons,
  units: readonly ComparisonUnit[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spoken = new Set(units.filter((u) => u.words > 0).map((u) => u.side));
  if (c.sides) {
    if (c.sides.left_out.length > 0) {
      out.push({
        file: 'corpus.yaml',
        rule: 'config/comparison-sides-left-out',
        severity: c.sides.source === 'default' ? 'warning' : 'info',
        message:
          `keyness compares ${c.sides.target.name} with ${c.sides.reference.name}` +
          (c.sides.source === 'default' ? ` (${DEFAULT_RULE.sides})` : '') +
          `; ${c.sides.left_out.join(', ')} spoke too but ${c.sides.left_out.length === 1 ? 'is' : 'are'} in no side comparison` +
          (c.sides.source === 'default' ? ' (choose with comparisons.sides in corpus.yaml)' : ''),
      });
    }
    for (const g of [c.sides.target, c.sides.reference]) {
      for (const side of g.sides) {
        if (spoken.has(side)) continue;
        out.push({
          file: 'corpus.yaml',
          rule: 'config/comparison-side-silent',
          severity: 'warning',
          message: `comparisons.sides names "${side}", but no speaker of that side spoke in this corpus`,
        });
      }
    }
  }
  if (c.periods) {
    for (const p of [c.periods.target, c.periods.reference]) {
      if (units.some((u) => u.words > 0 && inPeriod(u.date, p))) continue;
      out.push({
        file: 'corpus.yaml',
        rule: 'config/comparison-period-empty',
        severity: 'warning',
        message: `the period ${p.name} (${p.from} to ${p.to}) holds no dated speech in this corpus; the period comparison is left out`,
      });
    }
  }
  return out;
}
