/**
 * What every consolidated view needs, computed once per evaluation: the years of the period, the
 * plan's order of actions and axes, the funders' order, the commitments that can be counted, and
 * how the rows of Bilans and Réalisé financier are matched to actions and funders.
 */
import type { ActionRecord, ContractRecords, RealisedRecord, ReportRecord } from '../contract/contract-records';
import { axisChoices } from '../framework/choices';
import { funderResolver, type Evaluation } from '../rules/evaluate';
import { OUTSIDE_FRAMEWORK_AXIS } from '../rules/links';
import type { Cents } from '../shared/money';
import { ranks } from '../shared/order';
import { normalizeKey } from '../shared/text';

export const UNKNOWN_AXIS = '(action absente du plan)';
export const UNSPECIFIED_FUNDER = '(financeur non précisé)';

/** A committed amount that can be counted: funder, year (in the period) and amount all read. */
export interface Counted {
  action: string;
  funder: string;
  year: number;
  cents: Cents;
}

export interface ConsolidationContext {
  years: number[];
  yearIndex: Map<number, number>;
  actionByCode: Map<string, ActionRecord>;
  /** Plan order of action codes (first occurrence). */
  actionRank: Map<string, number>;
  /** Plan order of axes, the unknown axis last. */
  axisRank: Map<string, number>;
  funderRank: Map<string, number>;
  counted: Counted[];
  axisOf(action: string): string;
  reportAction(r: ReportRecord): string;
  realisedAction(r: RealisedRecord): string;
  realisedFunder(r: RealisedRecord): string;
}

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

const cache = new WeakMap<Evaluation, ConsolidationContext>();

export function contextOf(records: ContractRecords, evaluation: Evaluation): ConsolidationContext {
  const cached = cache.get(evaluation);
  if (cached) return cached;
  const years = periodYears(evaluation, records);
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const actionByCode = new Map<string, ActionRecord>();
  for (const a of records.actions) if (!actionByCode.has(a.code)) actionByCode.set(a.code, a);
  const actionRank = ranks(records.actions.map((a) => a.code));
  // The axis of an action is the framework's axis it names (« Enjeu 1 » and « E1 – … » are one
  // axis); an axis the framework does not have is never a new one.
  const axisOfCode = new Map<string, string>();
  for (const a of records.actions) if (!axisOfCode.has(a.code)) axisOfCode.set(a.code, evaluation.links.axis.get(a.origin) ?? a.axis);
  const framework = evaluation.frame.framework;
  const axisRank = ranks([
    ...(framework ? axisChoices(framework).map((a) => a.label) : []),
    ...records.actions.map((a) => axisOfCode.get(a.code) ?? a.axis),
    OUTSIDE_FRAMEWORK_AXIS,
    UNKNOWN_AXIS,
  ]);
  const funderRank = ranks(records.funders.map((f) => f.code));

  const counted: Counted[] = [];
  for (const c of records.commitments) {
    const funder = evaluation.resolved.funder.get(c.origin);
    if (!funder || c.year === null || !c.amount || !yearIndex.has(c.year)) continue;
    counted.push({ action: evaluation.resolved.action.get(c.origin) ?? c.action, funder, year: c.year, cents: c.amount.cents });
  }

  // The Réalisé financier table has no reference rule of its own: its actions are matched as the
  // rules match the other tables' (exact code, then the same text up to case, accents and
  // punctuation), its funders with the rules' own matching (code, name, other names).
  const looseAction = new Map<string, string>();
  for (const code of actionByCode.keys()) {
    const k = normalizeKey(code);
    if (k && !looseAction.has(k)) looseAction.set(k, code);
  }
  const matchFunder = funderResolver(records, evaluation.frame.framework);
  const matchAction = (text: string) => (actionByCode.has(text) ? text : (looseAction.get(normalizeKey(text)) ?? text));

  const ctx: ConsolidationContext = {
    years,
    yearIndex,
    actionByCode,
    actionRank,
    axisRank,
    funderRank,
    counted,
    axisOf: (action) => axisOfCode.get(action) ?? UNKNOWN_AXIS,
    reportAction: (r) => evaluation.resolved.action.get(r.origin) ?? r.action,
    realisedAction: (r) => evaluation.resolved.action.get(r.origin) ?? matchAction(r.action),
    realisedFunder: (r) => {
      const resolved = evaluation.resolved.funder.get(r.origin);
      if (resolved) return resolved;
      const text = (r.funder ?? '').trim();
      return text ? (matchFunder(text) ?? text) : UNSPECIFIED_FUNDER;
    },
  };
  cache.set(evaluation, ctx);
  return ctx;
}
