/**
 * How indicator values combine: within a year (several operators or territories) and over the
 * period. Values are added in integer millionths (exact for values with up to six decimals),
 * never as accumulated floating point. Shared by every indicator view.
 */
import type { Aggregation } from '../contract/vocabulary';
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
