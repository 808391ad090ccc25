/**
 * Consolidation: the content of the generated sheets, computed from the records. Money stays
 * in integer cents; indicator values are summed in integer millionths (exact for values with
 * up to six decimals), never as accumulated floating point.
 */
import { sumCents, type Cents } from '../shared/money';
import type { ActionRecord, ContractRecords } from '../contract/records';
import type { Evaluation, FunderYearTotal } from '../rules/evaluate';
import type { Aggregation } from '../contract/vocabulary';

export const UNKNOWN_AXIS = '(action absente du plan)';

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
  /** Column totals, per funder, then the grand total. */
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
}

/** Indicator values are added in integer millionths. */
export const MICRO = 1_000_000;
export const toMicro = (v: number) => Math.round(v * MICRO);
export const fromMicro = (m: number) => m / MICRO;

/** Years of the period, or the years found in the data when the frame has no valid period. */
export function periodYears(evaluation: Evaluation, records: ContractRecords): number[] {
  const { start, end } = evaluation.frame;
  if (start !== null && end !== null && end >= start && end - start < 50) {
    return Array.from({ length: end - start + 1 }, (_, i) => start + i);
  }
  const seen = new Set<number>();
  for (const r of [...records.commitments, ...records.convention, ...records.reports]) if (r.year !== null) seen.add(r.year);
  return [...seen].sort((a, b) => a - b);
}

/** Funder codes in the order of the Financeurs table. */
function funderOrder(records: ContractRecords): Map<string, number> {
  return new Map(records.funders.map((f, i) => [f.code, i]));
}

function byOrder<T>(order: Map<T, number>) {
  return (a: T, b: T) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || String(a).localeCompare(String(b));
}

/** A committed amount that can be counted: funder, year and amount all read. */
interface Counted {
  action: string;
  funder: string;
  year: number;
  cents: Cents;
}

function countedCommitments(records: ContractRecords, evaluation: Evaluation): Counted[] {
  const out: Counted[] = [];
  for (const c of records.commitments) {
    const funder = evaluation.resolved.funder.get(c.origin);
    if (!funder || c.year === null || !c.amount) continue;
    out.push({ action: evaluation.resolved.action.get(c.origin) ?? c.action, funder, year: c.year, cents: c.amount.cents });
  }
  return out;
}

/**
 * A year's value from the values reported that year (in millionths): Somme and Dernière valeur
 * add the year's reports, Moyenne averages them, Maximum takes the largest. Shared by every view.
 */
export function aggregateYearMicro(micro: number[], aggregation: Aggregation): number {
  switch (aggregation) {
    case 'Moyenne':
      return fromMicro(Math.round(micro.reduce((a, b) => a + b, 0) / micro.length));
    case 'Maximum':
      return fromMicro(Math.max(...micro));
    case 'Somme':
    case 'Dernière valeur':
      // A stock reported by several operators or territories in a year adds up.
      return fromMicro(micro.reduce((a, b) => a + b, 0));
  }
}

/** The period total, as the generated formula computes it from the year cells. */
export function aggregatePeriod(byYear: (number | null)[], aggregation: Aggregation): number | null {
  const present = byYear.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const micro = present.map(toMicro);
  switch (aggregation) {
    case 'Somme':
      return fromMicro(micro.reduce((a, b) => a + b, 0));
    case 'Moyenne':
      return fromMicro(Math.round(micro.reduce((a, b) => a + b, 0) / micro.length));
    case 'Maximum':
      return fromMicro(Math.max(...micro));
    case 'Dernière valeur':
      return present[present.length - 1];
  }
}

export function consolidate(records: ContractRecords, evaluation: Evaluation): Consolidation {
  const years = periodYears(evaluation, records);
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const counted = countedCommitments(records, evaluation);
  const actionByCode = new Map<string, ActionRecord>();
  for (const a of records.actions) if (!actionByCode.has(a.code)) actionByCode.set(a.code, a);
  const fOrder = funderOrder(records);

  // By axis: axis × funder, one column per year.
  const axisOrder = new Map<string, number>();
  for (const a of records.actions) if (!axisOrder.has(a.axis)) axisOrder.set(a.axis, axisOrder.size);
  axisOrder.set(UNKNOWN_AXIS, axisOrder.size);
  const axisMap = new Map<string, AxisRow>();
  for (const c of counted) {
    const yi = yearIndex.get(c.year);
    if (yi === undefined) continue; // outside the period: reported by the rules, not consolidated
    const axis = actionByCode.get(c.action)?.axis ?? UNKNOWN_AXIS;
    const k = `${axis}\u0000${c.funder}`;
    let row = axisMap.get(k);
    if (!row) axisMap.set(k, (row = { axis, funder: c.funder, byYear: years.map(() => 0), total: 0 }));
    row.byYear[yi] += c.cents;
  }
  const byAxis = [...axisMap.values()]
    .map((r) => ({ ...r, total: sumCents(r.byYear) }))
    .sort((a, b) => byOrder(axisOrder)(a.axis, b.axis) || byOrder(fOrder)(a.funder, b.funder));

  // Action × funder matrix, one per year with commitments.
  const matrices: MatrixTable[] = [];
  for (const year of years) {
    const ofYear = counted.filter((c) => c.year === year);
    if (ofYear.length === 0) continue;
    const funders = [...new Set(ofYear.map((c) => c.funder))].sort(byOrder(fOrder));
    const fi = new Map(funders.map((f, i) => [f, i]));
    const planOrder = new Map(records.actions.map((a, i) => [a.code, i]));
    const codes = [...new Set(ofYear.map((c) => c.action))].sort(byOrder(planOrder));
    const cells = new Map(codes.map((code) => [code, funders.map(() => 0)]));
    for (const c of ofYear) cells.get(c.action)![fi.get(c.funder)!] += c.cents;
    const rows = codes.map((code) => {
      const row = cells.get(code)!;
      return { action: code, title: actionByCode.get(code)?.title ?? UNKNOWN_AXIS, cells: row, total: sumCents(row) };
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
    perYear[yi].push(r.value.value);
  }
  const questionOrder = new Map<string, number>();
  for (const i of records.indicators) {
    const q = i.question ?? '';
    if (!questionOrder.has(q)) questionOrder.set(q, questionOrder.size);
  }
  const seenCodes = new Set<string>();
  const indicators: IndicatorRow[] = [];
  for (const i of records.indicators) {
    if (seenCodes.has(i.code)) continue;
    seenCodes.add(i.code);
    const aggregation = i.aggregation ?? 'Somme';
    const perYear = values.get(i.code) ?? years.map(() => []);
    const byYear = perYear.map((vs) => (vs.length ? aggregateYearMicro(vs.map(toMicro), aggregation) : null));
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
  indicators.sort((a, b) => (questionOrder.get(a.question) ?? 0) - (questionOrder.get(b.question) ?? 0));

  // Years outside the period are reported by the rules and left out here, as in every other view.
  return { years, totals: evaluation.totals.filter((t) => yearIndex.has(t.year)), byAxis, matrices, indicators };
}
