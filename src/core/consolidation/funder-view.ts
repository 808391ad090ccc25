/**
 * What a funder checks for one year: the ledger of its reference amount (convention, votes,
 * avenants), what is committed and paid, the gap, whether the year is closed, and the
 * allocation by action, with the rows of `Engagements` behind each figure.
 */
import type { Analysis } from '../analysis/analyse';
import type { ConventionNature, ConventionStatus, ClosingOperation } from '../contract/vocabulary';
import { closingState } from '../rules/closings';
import { natureOf } from '../rules/ledger';
import { sumCents, type Cents } from '../shared/money';
import { UNKNOWN_RANK } from '../shared/order';
import { UNKNOWN_AXIS } from './context';
import type { Origin } from '../contract/cells';

export interface FunderView {
  funder: string;
  name: string;
  year: number;
  convention: Cents | null;
  status: string | null;
  committed: Cents;
  gap: Cents | null;
  /** False for a contribution outside the convention (a partner authority): no reference amount. */
  bound: boolean;
  /** The Convention rows of this funder-year, in table order. */
  ledger: {
    nature: ConventionNature;
    cents: Cents | null;
    status: ConventionStatus | null;
    date: string | null;
    reference: string | null;
    source: string | null;
    row: number;
  }[];
  /** Paid (Versements) and still to pay. */
  paid: Cents;
  remaining: Cents;
  /** The latest closing or reopening of the year, if any. */
  closing: {
    operation: ClosingOperation;
    date: string | null;
    by: string | null;
    reason: string | null;
    fingerprint: string | null;
  } | null;
  allocations: { action: string; title: string; cents: Cents; paid: Cents; rows: number[] }[];
  /** Sheet and rows of `Engagements` holding this funder's commitments that year. */
  sheet: string;
  rows: number[];
  /** Last column of the commitments table, to select whole table rows. */
  lastColumn: number;
}

export function funderChoices(a: Analysis): { funders: { code: string; name: string }[]; years: number[] } {
  const years = new Set<number>();
  for (const t of a.evaluation.totals) years.add(t.year);
  const { start, end } = a.evaluation.frame;
  if (start !== null && end !== null) for (let y = start; y <= end && y - start < 50; y++) years.add(y);
  return {
    funders: a.records.funders.filter((f) => f.code).map((f) => ({ code: f.code, name: f.name ?? f.code })),
    years: [...years].sort((x, y) => x - y),
  };
}

export function funderView(a: Analysis, funder: string, year: number, commitmentsSheet: string, lastColumn: number): FunderView {
  const total = a.evaluation.totals.find((t) => t.funder === funder && t.year === year);
  const titles = new Map(a.records.actions.map((x) => [x.code, x.title ?? '']));
  const byAction = new Map<string, { cents: Cents[]; rows: number[] }>();
  const rows: number[] = [];
  for (const c of a.records.commitments) {
    if (a.evaluation.resolved.funder.get(c.origin) !== funder || c.year !== year || !c.amount) continue;
    const action = a.evaluation.resolved.action.get(c.origin) ?? c.action;
    let entry = byAction.get(action);
    if (!entry) byAction.set(action, (entry = { cents: [], rows: [] }));
    entry.cents.push(c.amount.cents);
    entry.rows.push(c.origin.row);
    rows.push(c.origin.row);
  }
  const mine = (o: Origin, y: number | null) => y === year && a.evaluation.resolved.funder.get(o) === funder;
  const paidBy = new Map<string, Cents[]>();
  for (const p of a.records.payments) {
    if (!mine(p.origin, p.year) || !p.amount) continue;
    const action = a.evaluation.resolved.action.get(p.origin) ?? p.action;
    const list = paidBy.get(action);
    if (list) list.push(p.amount.cents);
    else paidBy.set(action, [p.amount.cents]);
  }
  const paid = sumCents([...paidBy.values()].flat());
  const ledger = a.records.convention
    .filter((r) => mine(r.origin, r.year))
    .map((r) => ({
      nature: natureOf(r),
      cents: r.amount?.cents ?? null,
      status: r.status,
      date: r.date,
      reference: r.reference,
      source: r.source,
      row: r.origin.row,
    }));
  const state = closingState(a.records, a.evaluation.resolved).get(`${funder}\u0000${year}`);
  const plan = new Map(a.records.actions.map((x, i) => [x.code, i]));
  const allocations = [...byAction.entries()]
    .map(([action, e]) => ({
      action,
      title: titles.get(action) ?? UNKNOWN_AXIS,
      cents: sumCents(e.cents),
      paid: sumCents(paidBy.get(action) ?? []),
      rows: e.rows,
    }))
    .sort((x, y) => (plan.get(x.action) ?? UNKNOWN_RANK) - (plan.get(y.action) ?? UNKNOWN_RANK));
  const committed = total?.committed ?? sumCents(allocations.map((x) => x.cents));
  return {
    funder,
    name: a.records.funders.find((f) => f.code === funder)?.name ?? funder,
    year,
    convention: total?.convention ?? null,
    status: total?.status ?? null,
    committed,
    gap: total?.gap ?? null,
    bound: total?.bound ?? a.records.funders.find((f) => f.code === funder)?.type === 'Signataire',
    ledger,
    paid,
    remaining: committed - paid,
    closing: state?.operation
      ? { operation: state.operation, date: state.date, by: state.by, reason: state.reason, fingerprint: state.fingerprint }
      : null,
    allocations,
    sheet: commitmentsSheet,
    rows,
    lastColumn,
  };
}
