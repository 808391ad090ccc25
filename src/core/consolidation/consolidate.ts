/**
 * Consolidation: the content of the financial and indicator sheets, computed from the records.
 * Money stays in integer cents; indicator values are combined as indicators.ts says.
 */
import type { ContractRecords } from '../contract/contract-records';
import type { Aggregation } from '../contract/vocabulary';
import type { Evaluation, FunderYearTotal } from '../rules/evaluate';
import { sumCents, type Cents } from '../shared/money';
import { byRank, ranks } from '../shared/order';
import { contextOf, UNKNOWN_AXIS } from './context';
import { aggregatePeriod, aggregateYearMicro, toMicro } from './indicators';

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
  /** Value per year of the period (null when no report gives a value that year). */
  byYear: (number | null)[];
  /** Period total following the aggregation (null when no year has a value). */
  total: number | null;
}

export interface Consolidation {
  years: number[];
  totals: FunderYearTotal[];
  byAxis: AxisRow[];
  matrices: MatrixTable[];
  indicators: IndicatorRow[];
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

  // Indicators by evaluative question, one column per year.
  const values = new Map<string, number[][]>();
  for (const r of records.reports) {
    const code = evaluation.resolved.indicator.get(r.origin);
    const yi = r.year === null ? undefined : yearIndex.get(r.year);
    if (!code || yi === undefined || !r.value) continue;
    let perYear = values.get(code);
    if (!perYear) values.set(code, (perYear = years.map(() => [])));
    perYear[yi].push(toMicro(r.value.value));
  }
  const questionRank = ranks(records.indicators.map((i) => i.question ?? ''));
  const seenCodes = new Set<string>();
  const indicators: IndicatorRow[] = [];
  for (const i of records.indicators) {
    if (seenCodes.has(i.code)) continue;
    seenCodes.add(i.code);
    const aggregation = i.aggregation ?? 'Somme';
    const perYear = values.get(i.code) ?? years.map(() => []);
    const byYear = perYear.map((vs) => (vs.length ? aggregateYearMicro(vs, aggregation) : null));
    indicators.push({
      question: i.question ?? '',
      code: i.code,
      label: i.label ?? '',
      unit: i.unit ?? '',
      aggregation,
      byYear,
      total: aggregatePeriod(byYear, aggregation),
    });
  }
  indicators.sort((a, b) => (questionRank.get(a.question) ?? 0) - (questionRank.get(b.question) ?? 0));

  const funderNames = new Map(records.funders.map((f) => [f.code, f.name ?? f.code]));
  const funderTypes = new Map(records.funders.flatMap((f) => (f.type ? [[f.code, f.type] as const] : [])));
  // Years outside the period are reported by the rules and left out here, as in every other view.
  return { years, totals: evaluation.totals.filter((t) => yearIndex.has(t.year)), byAxis, matrices, indicators, funderNames, funderTypes };
}
