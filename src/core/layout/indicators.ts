/** `Indicateurs consolidés`: the indicators by evaluative question, a column per year and the period total. */
import { CONSOLIDATED_INDICATORS, INDICATORS_BY_OPERATOR, INDICATORS_DISTRIBUTION } from '../contract/tables';
import type { AcrossOperators, Aggregation } from '../contract/vocabulary';
import type { Consolidation } from '../consolidation/consolidate';
import { columnLetters } from '../shared/address';
import { frenchTypography } from '../shared/typography';
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

/** The last column of the question view: how the values of a row were combined. */
export const COMBINATION_HEADER = 'Calcul';

const ACROSS_TEXT: Record<AcrossOperators, string> = {
  Somme: 'opérateurs additionnés',
  Maximum: 'plus forte valeur des opérateurs (un stock ne s’additionne pas)',
  'Non additionnable': 'non additionnable : valeurs par opérateur, minimum, médiane et maximum sous ce tableau',
};

const YEARS_TEXT: Record<Aggregation, string> = {
  Somme: 'années additionnées',
  Moyenne: 'moyenne des années renseignées',
  Maximum: 'plus forte année',
  'Dernière valeur': 'dernière année renseignée',
};

/** How an indicator's values are combined, in French: « opérateurs additionnés ; années additionnées ». */
export function combinationText(across: AcrossOperators, aggregation: Aggregation): string {
  return frenchTypography(across === 'Non additionnable' ? ACROSS_TEXT[across] : `${ACROSS_TEXT[across]} ; ${YEARS_TEXT[aggregation]}`);
}

export function indicatorsSheet(input: { consolidation: Consolidation; example: boolean }): PlacedSheet {
  const c = input.consolidation;
  const b = new SheetBuilder(CONSOLIDATED_INDICATORS.sheet, true);
  generatedHeader(b, 'Indicateurs consolidés à partir des bilans, par question évaluative', input.example, [
    'Valeur d’une année : selon la colonne « Entre opérateurs » de la feuille Indicateurs, les valeurs des opérateurs et des territoires sont additionnées (Somme),',
    'ou la plus forte est retenue (Maximum : un stock que plusieurs opérateurs comptent), ou elles ne se combinent pas (Non additionnable : un taux, jamais additionné ni moyenné).',
    'Total période : Somme additionne les années, Moyenne fait la moyenne des années renseignées, Maximum retient la plus forte, Dernière valeur retient la dernière année renseignée.',
    'Un indicateur non additionnable n’a ni valeur consolidée ni total : ses valeurs sont sous ce tableau, par opérateur, avec leur minimum, leur médiane et leur maximum.',
  ]);
  const rows: Cell[][] = c.indicators.map((i) => [
    i.question,
    i.code,
    i.label,
    i.unit,
    ...i.byYear,
    periodTotalCell(c.years, i.total, i.aggregation),
    combinationText(i.across, i.aggregation),
  ]);
  const t = b.declared(CONSOLIDATED_INDICATORS, rows, { more: [...yearColumns(c.years), { header: COMBINATION_HEADER, width: 60 }] });
  b.freezeAt(t.headerRow);

  // Non-additive indicators: the distribution of their values, per year (formulas over the detail).
  b.blank();
  b.line(['Indicateurs non additionnables (taux) : minimum, médiane et maximum des valeurs déclarées'], 'title');
  b.line(
    [
      c.distribution.length
        ? 'Par année, sur les valeurs du détail par opérateur ci-dessous (formules) : un taux ne s’additionne pas et sa moyenne entre opérateurs n’aurait pas de sens.'
        : 'Aucune valeur d’un indicateur non additionnable dans les bilans pour l’instant.',
    ],
    'note',
  );
  const dist = b.declared(
    INDICATORS_DISTRIBUTION,
    c.distribution.map((d) => [d.code, d.label, d.unit, d.year, d.count, d.min, d.median, d.max]),
  );

  // The detail per operator of the indicators that are not added across operators.
  b.blank();
  b.line(['Détail par opérateur des indicateurs qui ne s’additionnent pas entre opérateurs (Maximum, Non additionnable)'], 'title');
  b.line(
    [
      c.byOperator.length
        ? 'Chaque valeur déclarée, par opérateur, action et territoire (les lignes d’un même opérateur pour la même action et le même territoire sont additionnées).'
        : 'Aucune valeur de ces indicateurs dans les bilans pour l’instant.',
    ],
    'note',
  );
  const detail = b.declared(
    INDICATORS_BY_OPERATOR,
    c.byOperator.map((r) => [r.code, r.year, r.operator, r.action, r.territory, r.value]),
  );
  const sheet = b.build();

  // The distribution's cells as formulas over the detail rows of the same indicator and year
  // (contiguous: the detail is sorted by indicator, then year).
  const first = new Map<string, [number, number]>();
  c.byOperator.forEach((r, i) => {
    const k = `${r.code}\u0000${r.year}`;
    const row = detail.headerRow + 1 + i;
    const at = first.get(k);
    first.set(k, at ? [at[0], row] : [row, row]);
  });
  const valueLetter = columnLetters(detail.col('Valeur'));
  c.distribution.forEach((d, i) => {
    const span = first.get(`${d.code}\u0000${d.year}`);
    if (!span) return;
    const range = `${valueLetter}${span[0]}:${valueLetter}${span[1]}`;
    const row = sheet.rows[dist.headerRow + i];
    const put = (header: string, formula: string, value: number) => {
      row[dist.col(header) - 1] = { formula, value };
    };
    put('Valeurs', `COUNT(${range})`, d.count);
    put('Minimum', `MIN(${range})`, d.min);
    put('Médiane', `ROUND(MEDIAN(${range}),6)`, d.median);
    put('Maximum', `MAX(${range})`, d.max);
  });
  return sheet;
}
