/**
 * The follow-up of the contract (convention §5: the CRESS consolidates the quantitative
 * indicators from the operators' yearly reports and follows the funding): indicators by axis
 * and by territory, which action-years have reported, and what each funder committed, what the
 * operators say they received and what the actions spent. Pure: records in, rows out.
 *
 * Money stays in integer cents; indicator values are added in integer millionths, as in
 * consolidate.ts. Every list is sorted on its content, never on the order of the input rows, so
 * that the sheets are the same whatever the order of the Bilans and Réalisé financier rows.
 */
import type { ContractRecords, ReportRecord } from '../contract/contract-records';
import type { Aggregation } from '../contract/vocabulary';
import type { Evaluation } from '../rules/evaluate';
import { sumCents, type Cents } from '../shared/money';
import { byRank, compareText, sortedDistinct } from '../shared/order';
import { normalizeKey } from '../shared/text';
import type { IndicatorRow } from './consolidate';
import { contextOf, UNKNOWN_AXIS, UNSPECIFIED_FUNDER, type ConsolidationContext as Context } from './context';
import { aggregatePeriod, aggregateYearMicro, toMicro } from './indicators';
import { isChargePost, isSubsidyPost } from '../reports/cerfa';

export { UNSPECIFIED_FUNDER } from './context';
export { compareText } from '../shared/order';

export const UNSPECIFIED_TERRITORY = '(territoire non précisé)';

/** An indicator's row in a grouped view: the question view's row, by axis or territory. */
export interface GroupedIndicatorRow extends Omit<IndicatorRow, 'question'> {
  /** The axis or the territory. */
  group: string;
}

/** One action-year that has commitments, and whether its yearly report has come in. */
export interface ReportingRow {
  action: string;
  title: string;
  axis: string;
  year: number;
  committed: Cents;
  /** True when Bilans has at least one row for this action and year. */
  received: boolean;
  /** Distinct Source values of those Bilans rows, sorted. */
  files: string[];
  /** Distinct operators of those rows, sorted; for a missing report, the plan's Porteur. */
  operators: string[];
}

/** Reports expected (action-years with commitments) and received, for one axis. */
export interface ReportingRate {
  axis: string;
  expected: number;
  received: number;
}

/** What a row of « Engagé, versé, déclaré, dépensé » flags. */
export type FundingAlert = 'versé ≠ déclaré' | 'subventions > dépenses';

/** Committed, paid, declared and spent for one action, funder and year. */
export interface FundingRow {
  action: string;
  funder: string;
  year: number;
  committed: Cents;
  /** What the funder paid (Versements). */
  paid: Cents;
  /** Subsidies (posts 74…) from this funder that the operator declares in the financial reports
   * of the action-year; null when no financial report of the action-year has been imported. */
  declared: Cents | null;
  /** The action-year's charges (posts 6… and 86…), all funders together; null as above. */
  spent: Cents | null;
  /** Paid and declared differ; the action-year's declared subsidies exceed its spending. */
  alerts: FundingAlert[];
}

export interface FollowUp {
  years: number[];
  byAxis: GroupedIndicatorRow[];
  byTerritory: GroupedIndicatorRow[];
  reporting: ReportingRow[];
  rates: ReportingRate[];
  funding: FundingRow[];
  /** Rows of the Réalisé financier table counted (year in the period). */
  realisedRows: number;
  /** The framework's evaluative question about the follow-up, with its rank (1-based), if any. */
  followUpQuestion: { rank: number; text: string } | null;
}

/** Indicator codes in the question view's order: by evaluative question, then catalogue order. */
function indicatorOrder(records: ContractRecords): { code: string; label: string; unit: string; aggregation: Aggregation; rank: number }[] {
  const questionRank = new Map<string, number>();
  const seen = new Set<string>();
  const list: { code: string; label: string; unit: string; aggregation: Aggregation; question: number; index: number }[] = [];
  for (const i of records.indicators) {
    const q = i.question ?? '';
    if (!questionRank.has(q)) questionRank.set(q, questionRank.size);
    if (seen.has(i.code)) continue;
    seen.add(i.code);
    list.push({
      code: i.code,
      label: i.label ?? '',
      unit: i.unit ?? '',
      aggregation: i.aggregation ?? 'Somme',
      question: questionRank.get(q)!,
      index: list.length,
    });
  }
  list.sort((a, b) => a.question - b.question || a.index - b.index);
  return list.map((x, rank) => ({ code: x.code, label: x.label, unit: x.unit, aggregation: x.aggregation, rank }));
}

/**
 * The indicators reported, grouped: one row per group and indicator that has at least one value
 * in the period. `groupOf` gives a report's group key and the text shown for it.
 */
function groupedIndicators(
  records: ContractRecords,
  evaluation: Evaluation,
  ctx: Context,
  groupOf: (r: ReportRecord) => { key: string; shown: string },
  compareGroups: (a: string, b: string) => number,
): GroupedIndicatorRow[] {
  const catalogue = indicatorOrder(records);
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  // Group key → indicator code → values per year, in millionths (nested maps: no key strings
  // made per row).
  const groups = new Map<string, { shown: Set<string>; cells: Map<string, { key: string; code: string; micro: number[][] }> }>();
  for (const r of records.reports) {
    const code = evaluation.resolved.indicator.get(r.origin);
    const yi = r.year === null ? undefined : ctx.yearIndex.get(r.year);
    if (!code || !byCode.has(code) || yi === undefined || !r.value) continue;
    const g = groupOf(r);
    let group = groups.get(g.key);
    if (!group) groups.set(g.key, (group = { shown: new Set(), cells: new Map() }));
    group.shown.add(g.shown);
    let cell = group.cells.get(code);
    if (!cell) group.cells.set(code, (cell = { key: g.key, code, micro: ctx.years.map(() => []) }));
    cell.micro[yi].push(toMicro(r.value.value));
  }
  const cells = [...groups.values()].flatMap((g) => [...g.cells.values()]);
  // A group written several ways is shown by its smallest spelling (whatever the row order).
  const label = new Map([...groups].map(([k, g]) => [k, [...g.shown].reduce((a, b) => (b < a ? b : a))]));
  const rows = cells.map((cell): GroupedIndicatorRow & { rank: number } => {
    const ind = byCode.get(cell.code)!;
    const byYear = cell.micro.map((m) => (m.length ? aggregateYearMicro(m, ind.aggregation) : null));
    return {
      group: label.get(cell.key)!,
      code: cell.code,
      label: ind.label,
      unit: ind.unit,
      aggregation: ind.aggregation,
      byYear,
      total: aggregatePeriod(byYear, ind.aggregation),
      rank: ind.rank,
    };
  });
  rows.sort((a, b) => compareGroups(a.group, b.group) || a.rank - b.rank);
  return rows.map(({ rank: _rank, ...row }) => row);
}

/** Indicators by axis of the Plan d'actions (reports on an action absent from the plan under
 * « (action absente du plan) »), axes in plan order. */
export function indicatorsByAxis(records: ContractRecords, evaluation: Evaluation): GroupedIndicatorRow[] {
  const ctx = contextOf(records, evaluation);
  return groupedIndicators(
    records,
    evaluation,
    ctx,
    (r) => {
      const axis = ctx.axisOf(ctx.reportAction(r));
      return { key: axis, shown: axis };
    },
    byRank(ctx.axisRank),
  );
}

/**
 * Indicators by territory as written in Bilans (a département, a local authority, a priority
 * area): spellings that differ only by case, accents or punctuation are one territory; an empty
 * territory is « (territoire non précisé) », listed last.
 */
export function indicatorsByTerritory(records: ContractRecords, evaluation: Evaluation): GroupedIndicatorRow[] {
  const ctx = contextOf(records, evaluation);
  const keys = new Map<string, string>(); // territory texts repeat: normalize each once
  return groupedIndicators(
    records,
    evaluation,
    ctx,
    (r) => {
      const text = (r.territory ?? '').trim();
      if (!text) return { key: '\u0000', shown: UNSPECIFIED_TERRITORY };
      let key = keys.get(text);
      if (key === undefined) keys.set(text, (key = normalizeKey(text) || text));
      return { key, shown: text };
    },
    (a, b) => Number(a === UNSPECIFIED_TERRITORY) - Number(b === UNSPECIFIED_TERRITORY) || compareText(a, b),
  );
}

const actionYear = (action: string, year: number) => `${action}\u0000${year}`;

/**
 * Which yearly reports have come in: one row per action and year with commitments (plan order,
 * then year), received when Bilans has at least one row for that action and year; and the rate
 * by axis (plan order).
 */
export function reportingFollowUp(records: ContractRecords, evaluation: Evaluation): { rows: ReportingRow[]; rates: ReportingRate[] } {
  const ctx = contextOf(records, evaluation);
  const committed = new Map<string, { action: string; year: number; cents: Cents[] }>();
  for (const c of ctx.counted) {
    const k = actionYear(c.action, c.year);
    let e = committed.get(k);
    if (!e) committed.set(k, (e = { action: c.action, year: c.year, cents: [] }));
    e.cents.push(c.cents);
  }
  // Action → year → what the Bilans rows say (nested maps: no key strings made per row).
  const reported = new Map<string, Map<number, { files: Set<string>; operators: Set<string> }>>();
  for (const r of records.reports) {
    if (r.year === null) continue;
    const action = ctx.reportAction(r);
    let years = reported.get(action);
    if (!years) reported.set(action, (years = new Map()));
    let e = years.get(r.year);
    if (!e) years.set(r.year, (e = { files: new Set(), operators: new Set() }));
    if (r.source) e.files.add(r.source);
    if (r.operator) e.operators.add(r.operator);
  }
  const rows: ReportingRow[] = [...committed.values()].map((e) => {
    const plan = ctx.actionByCode.get(e.action);
    const got = reported.get(e.action)?.get(e.year);
    return {
      action: e.action,
      title: plan ? (plan.title ?? '') : UNKNOWN_AXIS,
      axis: ctx.axisOf(e.action),
      year: e.year,
      committed: sumCents(e.cents),
      received: !!got,
      files: got ? sortedDistinct(got.files) : [],
      operators: got ? sortedDistinct(got.operators) : plan?.operator ? [plan.operator] : [],
    };
  });
  const axisCompare = byRank(ctx.axisRank);
  const actionCompare = byRank(ctx.actionRank);
  rows.sort((a, b) => axisCompare(a.axis, b.axis) || actionCompare(a.action, b.action) || a.year - b.year);
  const rates: ReportingRate[] = [];
  for (const r of rows) {
    let rate = rates[rates.length - 1];
    if (!rate || rate.axis !== r.axis) rates.push((rate = { axis: r.axis, expected: 0, received: 0 }));
    rate.expected++;
    if (r.received) rate.received++;
  }
  return { rows, rates };
}

/**
 * Committed (Engagements), received (subsidies, posts 74…, declared for that funder in the
 * financial reports) and the action-year's charges (posts 6… and 86…): one row per action,
 * funder and year that has a commitment or a subsidy received. Plan order, year, funder order.
 */
export function fundingFollowUp(records: ContractRecords, evaluation: Evaluation): { rows: FundingRow[]; realisedRows: number } {
  const ctx = contextOf(records, evaluation);
  const keyOf = (action: string, funder: string, year: number) => `${action}\u0000${funder}\u0000${year}`;
  const entries = new Map<string, { action: string; funder: string; year: number; committed: Cents[]; paid: Cents[]; declared: Cents[] }>();
  const entry = (action: string, funder: string, year: number) => {
    const k = keyOf(action, funder, year);
    let e = entries.get(k);
    if (!e) entries.set(k, (e = { action, funder, year, committed: [], paid: [], declared: [] }));
    return e;
  };
  for (const c of ctx.counted) entry(c.action, c.funder, c.year).committed.push(c.cents);
  for (const p of records.payments) {
    const funder = evaluation.resolved.funder.get(p.origin);
    if (!funder || p.year === null || !p.amount || !ctx.yearIndex.has(p.year)) continue;
    entry(evaluation.resolved.action.get(p.origin) ?? p.action, funder, p.year).paid.push(p.amount.cents);
  }
  // Charges and declared subsidies per action-year that has a financial report (any row, even one without amount).
  const charges = new Map<string, Cents[]>();
  const subsidies = new Map<string, Cents[]>();
  let realisedRows = 0;
  for (const r of records.realised) {
    if (r.year === null || !ctx.yearIndex.has(r.year)) continue;
    realisedRows++;
    const action = ctx.realisedAction(r);
    const ay = actionYear(action, r.year);
    if (!charges.has(ay)) charges.set(ay, []);
    if (!subsidies.has(ay)) subsidies.set(ay, []);
    if (!r.actual) continue;
    if (isSubsidyPost(r.post)) {
      entry(action, ctx.realisedFunder(r), r.year).declared.push(r.actual.cents);
      subsidies.get(ay)!.push(r.actual.cents);
    } else if (isChargePost(r.post)) charges.get(ay)!.push(r.actual.cents);
  }
  const funderCompare = (a: string, b: string) =>
    Number(a === UNSPECIFIED_FUNDER) - Number(b === UNSPECIFIED_FUNDER) || byRank(ctx.funderRank)(a, b);
  const actionCompare = byRank(ctx.actionRank);
  const rows = [...entries.values()]
    .map((e): FundingRow => {
      const ay = actionYear(e.action, e.year);
      const spent = charges.get(ay);
      const reported = spent !== undefined;
      const paid = sumCents(e.paid);
      const declared = reported ? sumCents(e.declared) : null;
      const spentTotal = reported ? sumCents(spent) : null;
      const alerts: FundingAlert[] = [];
      if (declared !== null && declared !== paid) alerts.push('versé ≠ déclaré');
      if (spentTotal !== null && sumCents(subsidies.get(ay) ?? []) > spentTotal) alerts.push('subventions > dépenses');
      return {
        action: e.action,
        funder: e.funder,
        year: e.year,
        committed: sumCents(e.committed),
        paid,
        declared,
        spent: spentTotal,
        alerts,
      };
    })
    .sort((a, b) => actionCompare(a.action, b.action) || a.year - b.year || funderCompare(a.funder, b.funder));
  return { rows, realisedRows };
}

/** The framework's evaluative question about the follow-up (« suivi »), with its rank. */
function followUpQuestion(evaluation: Evaluation): FollowUp['followUpQuestion'] {
  const questions = evaluation.frame.framework?.questions ?? [];
  const i = questions.findIndex((q) => /\bsuivi\b/.test(normalizeKey(q.text)));
  return i < 0 ? null : { rank: i + 1, text: questions[i].text };
}

export function followUp(records: ContractRecords, evaluation: Evaluation): FollowUp {
  const reporting = reportingFollowUp(records, evaluation);
  const funding = fundingFollowUp(records, evaluation);
  return {
    years: contextOf(records, evaluation).years,
    byAxis: indicatorsByAxis(records, evaluation),
    byTerritory: indicatorsByTerritory(records, evaluation),
    reporting: reporting.rows,
    rates: reporting.rates,
    funding: funding.rows,
    realisedRows: funding.realisedRows,
    followUpQuestion: followUpQuestion(evaluation),
  };
}

/**
 * The indicators drawn on the evolution chart: additive counts (aggregation Somme, unit neither
 * € nor %) with a value in the period, in the question view's order, at most `max`. Mixing
 * amounts, rates and counts on one line chart would flatten all but the largest.
 */
export function evolutionIndicators(indicators: IndicatorRow[], max: number): IndicatorRow[] {
  return indicators
    .filter((i) => i.aggregation === 'Somme' && !['€', '%'].includes(i.unit.trim()) && i.byYear.some((v) => v !== null))
    .slice(0, max);
}
