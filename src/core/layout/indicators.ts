/** `Indicateurs consolidés`: the indicators by evaluative question, a column per year and the period total. */
import { CONSOLIDATED_INDICATORS } from '../contract/tables';
import type { Aggregation } from '../contract/vocabulary';
import type { Consolidation } from '../consolidation/consolidate';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import { generatedHeader } from './header';
import type { PlacedSheet } from './placed';

export const PERIOD_TOTAL = 'Total période';

/** The period total's formula over the year cells of a row, by aggregation (every indicator view). */
export const PERIOD_FORMULA: Record<Aggregation, (cells: string[]) => string> = {
  Somme: (c) => `SUM(${c[0]}:${c[c.length - 1]})`,
  // Rounded to the millionth, as the tool computes averages.
  Moyenne: (c) => `ROUND(AVERAGE(${c[0]}:${c[c.length - 1]}),6)`,
  Maximum: (c) => `MAX(${c[0]}:${c[c.length - 1]})`,
  // The last year with a value, as nested IFs (LOOKUP(9.99E+307,…) answers #N/A in LibreOffice
  // when the range has blanks): IF(ISNUMBER(G7),G7,IF(ISNUMBER(F7),F7,E7)).
  'Dernière valeur': (c) => {
    const latestFirst = [...c].reverse();
    return latestFirst
      .slice(0, -1)
      .reduceRight((inner, cell) => `IF(ISNUMBER(${cell}),${cell},${inner})`, latestFirst[latestFirst.length - 1]);
  },
};

/** The columns that follow an indicator table's declared ones: a year each, then the period total. */
export function yearColumns(years: readonly number[]): ColumnDef[] {
  return [
    ...years.map((y): ColumnDef => ({ header: String(y), format: 'number', width: 12 })),
    { header: PERIOD_TOTAL, format: 'number', width: 14 },
  ];
}

/** The period-total cell of an indicator row. */
export function periodTotalCell(years: readonly number[], total: number | null, aggregation: Aggregation): Cell {
  const headers = years.map(String);
  return (ref) =>
    total === null || headers.length === 0 ? null : { formula: PERIOD_FORMULA[aggregation](headers.map(ref)), value: total };
}

export function indicatorsSheet(input: { consolidation: Consolidation; example: boolean }): PlacedSheet {
  const c = input.consolidation;
  const b = new SheetBuilder(CONSOLIDATED_INDICATORS.sheet, true);
  generatedHeader(b, 'Indicateurs consolidés à partir des bilans, par question évaluative', input.example, [
    'Le total de la période suit l’agrégation de chaque indicateur : Somme additionne les années, Moyenne fait la moyenne des années renseignées, Maximum retient la plus forte, Dernière valeur retient la dernière année renseignée.',
  ]);
  const rows: Cell[][] = c.indicators.map((i) => [
    i.question,
    i.code,
    i.label,
    i.unit,
    ...i.byYear,
    periodTotalCell(c.years, i.total, i.aggregation),
  ]);
  const t = b.declared(CONSOLIDATED_INDICATORS, rows, { more: yearColumns(c.years) });
  b.freezeAt(t.headerRow);
  return b.build();
}
