/**
 * Consolidation: the content of the financial and indicator sheets, computed from the records.
 * Money stays in integer cents; indicator values are combined as indicators.ts says.
 */
import type { ContractRecords } from '../contract/contract-records';
import type { AcrossOperators, Aggregation } from '../contract/vocabulary';
import type { Evaluation, FunderYearTotal } from '../rules/evaluate';
import { sumCents, type Cents } from '../shared/money';
import { append, byRank, compareText } from '../shared/order';
import { contextOf, UNKNOWN_AXIS } from './context';
import { aggregatePeriod, combineYear, distributionOf, fromMicro, type Observation } from './indicators';
import { observationsOf } from './observations';

export { UNKNOWN_AXIS, periodYears } from './context';
export { aggregatePeriod, aggregateYearMicro, fromMicro, MICRO, toMicro } from './indicators';

export interface AxisRow {
  axis: string;
  funder: string;
  /** Committed cents per year of the period, in period order. */
  byYear: Cents[];
  total: Cents;
}

export interface MatrixTable {
  year: number;
  funders: string[];
  rows: { action: string; title: string; cells: Cents[]; total: Cents }[];
  /** Column totals, per funder. */
  totals: Cents[];
  total: Cents;
}

export interface IndicatorRow {
  question: string;
  code: string;
  label: string;
  unit: string;
  aggregation: Aggregation;
  /** How the values of several operators or territories of one year combine. */
  across: AcrossOperators;
  /** Value per year of the period (null when no report gives a value that year, and always for a
   * non-additive indicator, whose values are shown one by one). */
  byYear: (number | null)[];
  /** Period total following the aggregation (null when no year has a value). */
  total: number | null;
}

/** For a non-additive indicator (a rate) and a year: how many values, their minimum, median and maximum. */
export interface DistributionRow {
  code: string;
  label: string;
  unit: string;
  year: number;
  count: number;
  min: number;
  median: number;
  max: number;
}

/** One operator's value of an indicator that is not added across operators, for one action and territory. */
export interface OperatorValueRow {
  code: string;
  year: number;
  operator: string;
  action: string;
  territory: string | null;
  value: number;
}

export interface Consolidation {
  years: number[];
  totals: FunderYearTotal[];
  byAxis: AxisRow[];
  matrices: MatrixTable[];
  indicators: IndicatorRow[];
  /** Non-additive indicators: their values' distribution per year. */
  distribution: DistributionRow[];
  /** Indicators not added across operators (Maximum, Non additionnable): each operator's values. */
  byOperator: OperatorValueRow[];
  /** Funders' names and types by code, for the sheets that show them. */
  funderNames: Map<string, string>;
  funderTypes: Map<string, string>;
}

export function consolidate(records: ContractRecords, evaluation: Evaluation): Consolidation {
  const ctx = contextOf(records, evaluation);
  const { years, yearIndex, counted } = ctx;
  const byFunder = byRank(ctx.funderRank);

  // By axis: axis × funder, one column per year.
  const axisMap = new Map<string, AxisRow>();
  for (const c of counted) {
    const axis = ctx.axisOf(c.action);
    const k = `${axis}\u0000${c.funder}`;
    let row = axisMap.get(k);
    if (!row) axisMap.set(k, (row = { axis, funder: c.funder, byYear: years.map(() => 0), total: 0 }));
    row.byYear[yearIndex.get(c.year)!] += c.cents;
  }
  const byAxis = [...axisMap.values()]
    .map((r) => ({ ...r, total: sumCents(r.byYear) }))
    .sort((a, b) => byRank(ctx.axisRank)(a.axis, b.axis) || byFunder(a.funder, b.funder));

  // Action × funder matrix, one per year with commitments.
  const matrices: MatrixTable[] = [];
  for (const year of years) {
    const ofYear = counted.filter((c) => c.year === year);
    if (ofYear.length === 0) continue;
    const funders = [...new Set(ofYear.map((c) => c.funder))].sort(byFunder);
    const fi = new Map(funders.map((f, i) => [f, i]));
    const codes = [...new Set(ofYear.map((c) => c.action))].sort(byRank(ctx.actionRank));
    const cells = new Map(codes.map((code) => [code, funders.map(() => 0)]));
    for (const c of ofYear) cells.get(c.action)![fi.get(c.funder)!] += c.cents;
    const rows = codes.map((code) => {
      const row = cells.get(code)!;
      return { action: code, title: ctx.actionByCode.get(code)?.title ?? UNKNOWN_AXIS, cells: row, total: sumCents(row) };
    });
    const totals = funders.map((_, i) => sumCents(rows.map((r) => r.cells[i])));
    matrices.push({ year, funders, rows, totals, total: sumCents(totals) });
  }

  // Indicators by evaluative question, one column per year: the values of a year combine across
  // operators and territories as the indicator's « Entre opérateurs » says, then the years as its
  // « Agrégation » says.
  const obs = observationsOf(records, evaluation);
  const perCode = new Map<string, Observation[][]>();
  // Indicator → year → operator, action, territory → millionths: the values of an indicator that
  // is not added across operators, one by one. For a Maximum (a count), an operator's rows for
  // the same action and territory add up; a non-additive value (a rate) is never added: each row
  // stays one value.
  const detail = new Map<string, Map<number, Map<string, number>>>();
  let rowNumber = 0;
  const sep = '\u0000';
  for (const o of obs.list) {
    let perYear = perCode.get(o.code);
    if (!perYear) perCode.set(o.code, (perYear = years.map(() => [])));
    perYear[o.year].push({ operator: o.operator, micro: o.micro });
    if (obs.byCode.get(o.code)!.across === 'Somme') continue;
    let byYear = detail.get(o.code);
    if (!byYear) detail.set(o.code, (byYear = new Map()));
    let cells = byYear.get(o.year);
    if (!cells) byYear.set(o.year, (cells = new Map()));
    const own = obs.byCode.get(o.code)!.across === 'Non additionnable' ? String(rowNumber++) : '';
    const k = [o.operator, o.action, o.territory ?? '', own].join(sep);
    cells.set(k, (cells.get(k) ?? 0) + o.micro);
  }
  const indicators: IndicatorRow[] = [];
  const distribution: DistributionRow[] = [];
  const byOperator: OperatorValueRow[] = [];
  const actionCompare = byRank(ctx.actionRank);
  for (const i of obs.catalogue) {
    const perYear = perCode.get(i.code) ?? years.map(() => []);
    const byYear = perYear.map((os) => combineYear(os, i.across));
    indicators.push({
      question: i.question,
      code: i.code,
      label: i.label,
      unit: i.unit,
      aggregation: i.aggregation,
      across: i.across,
      byYear,
      total: aggregatePeriod(byYear, i.aggregation),
    });
    const d = detail.get(i.code);
    if (!d) continue;
    for (const [yi, cells] of [...d].sort((a, b) => a[0] - b[0])) {
      const rows = [...cells].map(([k, micro]) => {
        const [operator, action, territory] = k.split(sep);
        return {
          code: i.code,
          year: years[yi],
          operator: obs.operatorShown.get(operator) ?? operator,
          action,
          territory: territory || null,
          micro,
        };
      });
      rows.sort(
        (a, b) =>
          compareText(a.operator, b.operator) ||
          actionCompare(a.action, b.action) ||
          compareText(a.territory ?? '', b.territory ?? '') ||
          a.micro - b.micro,
      );
      append(
        byOperator,
        rows.map(({ micro, ...r }) => ({ ...r, value: fromMicro(micro) })),
      );
      const dist = i.across === 'Non additionnable' ? distributionOf(rows.map((r) => r.micro)) : null;
      if (dist) distribution.push({ code: i.code, label: i.label, unit: i.unit, year: years[yi], ...dist });
    }
  }

  const funderNames = new Map(records.funders.map((f) => [f.code, f.name ?? f.code]));
  const funderTypes = new Map(records.funders.flatMap((f) => (f.type ? [[f.code, f.type] as const] : [])));
  // Years outside the period are reported by the rules and left out here, as in every other view.
  return {
    years,
    totals: evaluation.totals.filter((t) => yearIndex.has(t.year)),
    byAxis,
    matrices,
    indicators,
    distribution,
    byOperator,
    funderNames,
    funderTypes,
  };
}
