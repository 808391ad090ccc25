/**
 * The indicator values of the Bilans table as observations: who reported (operator, action),
 * where (territory, resolved to its code when the Territoires table knows it), which indicator and
 * year, how much (integer millionths). Computed once per evaluation and shared by every indicator
 * view, so that they all combine the same values the same way.
 */
import type { ContractRecords } from '../contract/contract-records';
import type { AcrossOperators, Aggregation } from '../contract/vocabulary';
import type { Evaluation } from '../rules/evaluate';
import { compareText } from '../shared/order';
import { normalizeKey } from '../shared/text';
import { contextOf } from './context';
import { effectiveAcross, toMicro } from './indicators';

export interface ReportObservation {
  code: string;
  /** Index of the year in the period. */
  year: number;
  /** The operator, normalized (spellings that differ by case or accents are one operator). */
  operator: string;
  action: string;
  /** The territory's code when the Territoires table knows it, else the text as typed, else null. */
  territory: string | null;
  /** True when `territory` is a code of the Territoires table. */
  known: boolean;
  micro: number;
}

export interface CatalogueEntry {
  code: string;
  label: string;
  unit: string;
  question: string;
  aggregation: Aggregation;
  across: AcrossOperators;
  /** Position in the question view (by evaluative question, then catalogue order). */
  rank: number;
}

export interface Observations {
  list: ReportObservation[];
  catalogue: CatalogueEntry[];
  byCode: Map<string, CatalogueEntry>;
  /** The way an operator is shown: its smallest spelling (whatever the row order). */
  operatorShown: Map<string, string>;
}

const cache = new WeakMap<Evaluation, Observations>();

export function observationsOf(records: ContractRecords, evaluation: Evaluation): Observations {
  const cached = cache.get(evaluation);
  if (cached) return cached;
  const ctx = contextOf(records, evaluation);
  // The catalogue in the question view's order: by evaluative question, then catalogue order.
  const questionRank = new Map<string, number>();
  const seen = new Set<string>();
  const entries: (Omit<CatalogueEntry, 'rank'> & { q: number; index: number })[] = [];
  for (const i of records.indicators) {
    const q = i.question ?? '';
    if (!questionRank.has(q)) questionRank.set(q, questionRank.size);
    if (seen.has(i.code)) continue;
    seen.add(i.code);
    entries.push({
      code: i.code,
      label: i.label ?? '',
      unit: i.unit ?? '',
      question: q,
      aggregation: i.aggregation ?? 'Somme',
      across: effectiveAcross(i),
      q: questionRank.get(q)!,
      index: entries.length,
    });
  }
  entries.sort((a, b) => a.q - b.q || a.index - b.index);
  const catalogue = entries.map(({ q: _q, index: _i, ...e }, rank) => ({ ...e, rank }));
  const byCode = new Map(catalogue.map((e) => [e.code, e]));

  const keys = new Map<string, string>();
  const spellings = new Map<string, string>();
  const list: ReportObservation[] = [];
  for (const r of records.reports) {
    const code = evaluation.resolved.indicator.get(r.origin);
    const yi = r.year === null ? undefined : ctx.yearIndex.get(r.year);
    if (!code || !byCode.has(code) || yi === undefined || !r.value) continue;
    const op = (r.operator ?? '').trim();
    let key = keys.get(op);
    if (key === undefined) keys.set(op, (key = normalizeKey(op)));
    const shown = spellings.get(key);
    if (shown === undefined || compareText(op, shown) < 0) spellings.set(key, op);
    const resolved = evaluation.links.territory.get(r.origin);
    const text = (r.territory ?? '').trim();
    list.push({
      code,
      year: yi,
      operator: key,
      action: ctx.reportAction(r),
      territory: resolved ?? (text || null),
      known: resolved !== undefined,
      micro: toMicro(r.value.value),
    });
  }
  const out = { list, catalogue, byCode, operatorShown: spellings };
  cache.set(evaluation, out);
  return out;
}
