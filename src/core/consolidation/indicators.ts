/**
 * How indicator values combine: within a year (several operators or territories) and over the
 * period. Values are added in integer millionths (exact for values with up to six decimals),
 * never as accumulated floating point. Shared by every indicator view.
 */
import type { AcrossOperators, Aggregation } from '../contract/vocabulary';
import { maxOf } from '../shared/order';

export const MICRO = 1_000_000;
export const toMicro = (v: number) => Math.round(v * MICRO);
export const fromMicro = (m: number) => m / MICRO;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A year's value from the values reported that year (in millionths): Somme and Dernière valeur
 * add the year's reports, Moyenne averages them, Maximum takes the largest.
 */
export function aggregateYearMicro(micro: readonly number[], aggregation: Aggregation): number {
  switch (aggregation) {
    case 'Moyenne':
      return fromMicro(Math.round(sum(micro) / micro.length));
    case 'Maximum':
      return fromMicro(maxOf(micro));
    case 'Somme':
    case 'Dernière valeur':
      // A stock reported by several operators or territories in a year adds up.
      return fromMicro(sum(micro));
  }
}

/** The period total, as the generated formula computes it from the year cells. */
export function aggregatePeriod(byYear: readonly (number | null)[], aggregation: Aggregation): number | null {
  const present = byYear.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const micro = present.map(toMicro);
  switch (aggregation) {
    case 'Somme':
      return fromMicro(sum(micro));
    case 'Moyenne':
      return fromMicro(Math.round(sum(micro) / micro.length));
    case 'Maximum':
      return fromMicro(maxOf(micro));
    case 'Dernière valeur':
      return present[present.length - 1];
  }
}

/** One value reported in a year: by whom (the operator, normalized) and how much (millionths). */
export interface Observation {
  operator: string;
  micro: number;
}

/**
 * How an indicator's values of one year combine across operators and territories: the
 * `Entre opérateurs` column, except that a rate (unit %) is never added. A workbook without the
 * column (contract version 2) keeps additive indicators additive (Somme), takes the largest of a
 * stock or a maximum (Dernière valeur, Maximum) and never averages across operators (Moyenne).
 */
export function effectiveAcross(i: {
  unit: string | null;
  aggregation: Aggregation | null;
  acrossOperators: AcrossOperators | null;
}): AcrossOperators {
  if ((i.unit ?? '').trim() === '%') return 'Non additionnable';
  if (i.acrossOperators) return i.acrossOperators;
  switch (i.aggregation ?? 'Somme') {
    case 'Somme':
      return 'Somme';
    case 'Maximum':
    case 'Dernière valeur':
      return 'Maximum';
    case 'Moyenne':
      return 'Non additionnable';
  }
}

/**
 * A year's consolidated value from its observations: Somme adds them all; Maximum adds each
 * operator's values (its territories, its actions) and takes the largest operator; Non
 * additionnable has no consolidated value (null): its values are shown one by one.
 */
export function combineYear(obs: readonly Observation[], across: AcrossOperators): number | null {
  if (obs.length === 0 || across === 'Non additionnable') return null;
  if (across === 'Somme') return fromMicro(sum(obs.map((o) => o.micro)));
  const byOperator = new Map<string, number>();
  for (const o of obs) byOperator.set(o.operator, (byOperator.get(o.operator) ?? 0) + o.micro);
  return fromMicro(maxOf(byOperator.values()));
}

/** Minimum, median and maximum of values in millionths (the median of an even count is the mean of the middle two, rounded to the millionth). */
export function distributionOf(micro: readonly number[]): { count: number; min: number; median: number; max: number } | null {
  if (micro.length === 0) return null;
  const s = [...micro].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
  return { count: s.length, min: fromMicro(s[0]), median: fromMicro(median), max: fromMicro(s[s.length - 1]) };
}
