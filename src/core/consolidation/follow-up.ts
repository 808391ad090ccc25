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
import type { ContractRecords } from '../contract/contract-records';
import type { Evaluation } from '../rules/evaluate';
import { sumCents, type Cents } from '../shared/money';
import { byRank, compareText, sortedDistinct } from '../shared/order';
import { normalizeKey } from '../shared/text';
import type { IndicatorRow } from './consolidate';
import { contextOf, UNKNOWN_AXIS, UNSPECIFIED_FUNDER, type ConsolidationContext as Context } from './context';
import { aggregatePeriod, combineYear, type Observation } from './indicators';
import { observationsOf, type ReportObservation } from './observations';
import { territoryIndex } from '../contract/territory-index';
import { isChargePost, isSubsidyPost } from '../reports/cerfa';

export { UNSPECIFIED_FUNDER } from './context';
export { compareText } from '../shared/order';

export const UNSPECIFIED_TERRITORY = '(territoire non précisé)';

/** An indicator's row in a grouped view: the question view's row, by axis or territory. */
export interface GroupedIndicatorRow extends Omit<IndicatorRow, 'question'> {
  /** The axis or the territory. */
  group: string;
  /** For a territory: where it sits in the hierarchy. */
  place?: TerritoryPlace;
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

/**
 * The indicators reported, grouped: one row per group and indicator that has a consolidated value
 * in the period. `groupsOf` gives the groups an observation counts in (its axis; its territory and
 * the territories that contain it) with the text shown for each. A non-additive indicator has no
 * consolidated value in a group either: it is left out (its values are in the question view).
 */
function groupedIndicators(
  records: ContractRecords,
  evaluation: Evaluation,
  ctx: Context,
  groupsOf: (o: ReportObservation) => { key: string; shown: string }[],
  compareGroups: (a: string, b: string) => number,
): GroupedIndicatorRow[] {
  const obs = observationsOf(records, evaluation);
  // Group key → indicator code → observations per year (nested maps: no key strings made per row).
  const groups = new Map<string, { shown: Set<string>; cells: Map<string, { key: string; code: string; obs: Observation[][] }> }>();
  for (const o of obs.list) {
    const ind = obs.byCode.get(o.code)!;
    if (ind.across === 'Non additionnable') continue;
    for (const g of groupsOf(o)) {
      let group = groups.get(g.key);
      if (!group) groups.set(g.key, (group = { shown: new Set(), cells: new Map() }));
      group.shown.add(g.shown);
      let cell = group.cells.get(o.code);
      if (!cell) group.cells.set(o.code, (cell = { key: g.key, code: o.code, obs: ctx.years.map(() => []) }));
      cell.obs[o.year].push({ operator: o.operator, micro: o.micro });
    }
  }
  const cells = [...groups.values()].flatMap((g) => [...g.cells.values()]);
  // A group written several ways is shown by its smallest spelling (whatever the row order).
  const label = new Map([...groups].map(([k, g]) => [k, [...g.shown].reduce((a, b) => (b < a ? b : a))]));
  const rows = cells.map((cell): GroupedIndicatorRow & { rank: number; key: string } => {
    const ind = obs.byCode.get(cell.code)!;
    const byYear = cell.obs.map((os) => combineYear(os, ind.across));
    return {
      group: label.get(cell.key)!,
      key: cell.key,
      code: cell.code,
      label: ind.label,
      unit: ind.unit,
      aggregation: ind.aggregation,
      across: ind.across,
      byYear,
      total: aggregatePeriod(byYear, ind.aggregation),
      rank: ind.rank,
    };
  });
  rows.sort((a, b) => compareGroups(a.key, b.key) || a.rank - b.rank);
  return rows.map(({ rank: _rank, key: _key, ...row }) => row);
}

/** Indicators by axis of the Plan d'actions (reports on an action absent from the plan under
 * « (action absente du plan) »), axes in the framework's order. */
export function indicatorsByAxis(records: ContractRecords, evaluation: Evaluation): GroupedIndicatorRow[] {
  const ctx = contextOf(records, evaluation);
  return groupedIndicators(
    records,
    evaluation,
    ctx,
    (o) => {
      const axis = ctx.axisOf(o.action);
      return [{ key: axis, shown: axis }];
    },
    byRank(ctx.axisRank),
  );
}

/** Where a territory row sits in the hierarchy: its name, type, rattachement and depth. */
export interface TerritoryPlace {
  name: string;
  type: string;
  parent: string;
  depth: number;
}

/**
 * Indicators by territory, following the Territoires table: a value reported for a territory
 * counts in it and in every territory that contains it (collectivité → département → région);
 * the region at the top of the table (the only territory without rattachement, of type Région)
 * counts every value of the contract. A territory the table does not know is shown as written
 * (spellings that differ only by case, accents or punctuation are one), counted only in itself and
 * in the region; an empty territory is « (territoire non précisé) ». Rows in the table's order,
 * each territory under the one that contains it, then the unknown territories, then the empty one.
 */
export function indicatorsByTerritory(records: ContractRecords, evaluation: Evaluation): GroupedIndicatorRow[] {
  const ctx = contextOf(records, evaluation);
  const index = territoryIndex(records.territories);
  const roots = index.list.filter((t) => !(t.parent ?? '').trim() || !index.byCode.has(t.parent!.trim()));
  const region = roots.length === 1 && roots[0].type === 'Région' ? roots[0].code : null;
  // Depth-first order of the table's territories.
  const order: string[] = [];
  const visit = (code: string) => {
    if (order.includes(code)) return;
    order.push(code);
    for (const t of index.list) if (index.chain(t.code)[1] === code) visit(t.code);
  };
  for (const t of index.list) if (index.chain(t.code).length === 1) visit(t.code);
  for (const t of index.list) visit(t.code);
  const rank = new Map(order.map((c, i) => [`\u0001${c}`, i]));
  const keys = new Map<string, string>(); // territory texts repeat: normalize each once
  const rows = groupedIndicators(
    records,
    evaluation,
    ctx,
    (o) => {
      const out: { key: string; shown: string }[] = [];
      if (o.territory !== null && o.known) for (const c of index.chain(o.territory)) out.push({ key: `\u0001${c}`, shown: c });
      else if (o.territory !== null) {
        let key = keys.get(o.territory);
        if (key === undefined) keys.set(o.territory, (key = `\u0002${normalizeKey(o.territory) || o.territory}`));
        out.push({ key, shown: o.territory });
      } else out.push({ key: '\u0003', shown: UNSPECIFIED_TERRITORY });
      if (region && !out.some((g) => g.key === `\u0001${region}`)) out.push({ key: `\u0001${region}`, shown: region });
      return out;
    },
    (a, b) => {
      const ra = rank.get(a);
      const rb = rank.get(b);
      if (ra !== undefined && rb !== undefined) return ra - rb;
      if (ra !== undefined || rb !== undefined) return ra !== undefined ? -1 : 1;
      return a.charCodeAt(0) - b.charCodeAt(0) || compareText(a, b);
    },
  );
  const place = territoryPlaces(records);
  return rows.map((r) => ({ ...r, place: place(r.group) }));
}

/** Where each row of the territory view sits (for the sheet): by its group. */
export function territoryPlaces(records: ContractRecords): (group: string) => TerritoryPlace {
  const index = territoryIndex(records.territories);
  return (group) => {
    const t = index.byCode.get(group);
    if (!t) {
      const unspecified = group === UNSPECIFIED_TERRITORY;
      return { name: unspecified ? '' : group, type: unspecified ? '' : 'hors de la feuille Territoires', parent: '', depth: 0 };
    }
    const chain = index.chain(group);
    return { name: t.label ?? group, type: t.type ?? '', parent: chain[1] ?? '', depth: chain.length - 1 };
  };
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
    if (isSubsidyPost(r.post)) {
      // Declared received: « Reçu à date » (contract 3); a workbook without that column held the
      // subsidy received in « Réalisé ». The subsidy granted (« Réalisé ») is what the spending
      // is compared with.
      const got = r.origin.columns.received === undefined ? r.actual : r.received;
      if (got) entry(action, ctx.realisedFunder(r), r.year).declared.push(got.cents);
      if (r.actual) subsidies.get(ay)!.push(r.actual.cents);
    } else if (r.actual && isChargePost(r.post)) charges.get(ay)!.push(r.actual.cents);
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
 * The indicators drawn on the evolution chart: additive counts (Somme over the years and across
 * operators, unit neither € nor %) with a value in the period, in the question view's order, at
 * most `max`. Mixing
 * amounts, rates and counts on one line chart would flatten all but the largest.
 */
export function evolutionIndicators(indicators: IndicatorRow[], max: number): IndicatorRow[] {
  return indicators
    .filter(
      (i) => i.aggregation === 'Somme' && i.across === 'Somme' && !['€', '%'].includes(i.unit.trim()) && i.byYear.some((v) => v !== null),
    )
    .slice(0, max);
}
