/**
 * What a funder checks for one year: its reference amount, what is committed, the gap, and the
 * allocation by action, with the rows of `Engagements` behind each figure.
 */
import type { Analysis } from '../analysis/analyse';
import { sumCents, type Cents } from '../shared/money';
import { UNKNOWN_RANK } from '../shared/order';
import { UNKNOWN_AXIS } from './context';

export interface FunderView {
  funder: string;
  name: string;
  year: number;
  convention: Cents | null;
  status: string | null;
  committed: Cents;
  gap: Cents | null;
  allocations: { action: string; title: string; cents: Cents; rows: number[] }[];
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
  const plan = new Map(a.records.actions.map((x, i) => [x.code, i]));
  const allocations = [...byAction.entries()]
    .map(([action, e]) => ({ action, title: titles.get(action) ?? UNKNOWN_AXIS, cents: sumCents(e.cents), rows: e.rows }))
    .sort((x, y) => (plan.get(x.action) ?? UNKNOWN_RANK) - (plan.get(y.action) ?? UNKNOWN_RANK));
  return {
    funder,
    name: a.records.funders.find((f) => f.code === funder)?.name ?? funder,
    year,
    convention: total?.convention ?? null,
    status: total?.status ?? null,
    committed: total?.committed ?? sumCents(allocations.map((x) => x.cents)),
    gap: total?.gap ?? null,
    allocations,
    sheet: commitmentsSheet,
    rows,
    lastColumn,
  };
}
