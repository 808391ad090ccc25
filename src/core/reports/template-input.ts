/**
 * What a report template is made from: the framework, the action and year, and what the
 * follow-up workbook knows (the year's commitments on the action, the indicators, the funders);
 * and the template's file name.
 */
import type { Analysis } from '../analysis/analyse';
import type { Framework } from '../framework';
import { UNKNOWN_RANK } from '../shared/order';

export interface TemplateInput {
  framework: Framework;
  action: { code: string; title: string; axis?: string };
  year: number;
  operator?: string | null;
  /** Indicators the action's report asks (code, label, unit), one row each; default: the
   * framework's list for the action, else its whole catalogue. */
  indicators?: { code: string; label: string; unit: string }[];
  /** Every indicator a spare row may name; default: the framework's catalogue. */
  catalogue?: { code: string; label: string; unit: string }[];
  /** The territories offered in the Territoire column (code, name); default: the framework's. */
  territories?: { code: string; label: string }[];
  /** What each funder committed on this action that year (cents), shown read-only. */
  commitments?: { funder: string; name: string; cents: number }[];
  /** Funders offered in the Réalisé block's subsidy rows (default: the funders of `commitments`
   * when there are any, else the framework's signatories, else all its funders). */
  funders?: { code: string; name: string }[];
  /** The commitments come from a workbook of fictitious example data: the sheet says so. */
  example?: boolean;
}

/** A safe file name for a template: `bilan-2014-I_1.1.1.xlsx`, `bilan-2014-I_1.1.1-CRESS-Rhone-Alpes.xlsx`. */
export function templateFileName(action: string, year: number, operator?: string | null): string {
  const safe = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/g, 'oe')
      .replace(/Œ/g, 'OE')
      .replace(/æ/g, 'ae')
      .replace(/Æ/g, 'AE')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  const a =
    safe(action)
      .slice(0, 40)
      .replace(/[-.]+$/, '') || 'action';
  const o = operator
    ? safe(operator)
        .slice(0, 40)
        .replace(/[-.]+$/, '')
    : '';
  const y = Number.isInteger(year) ? String(year) : 'annee';
  return `bilan-${y}-${a}${o ? `-${o}` : ''}.xlsx`;
}

/**
 * What a workbook gives a template for an action and a year: the commitments of each funder
 * (the rows that could not be read are counted in `skipped`), its indicators and its funders.
 */
export function workbookTemplateInput(
  a: Analysis,
  code: string,
  year: number,
): { taken: Pick<TemplateInput, 'commitments' | 'indicators' | 'catalogue' | 'territories' | 'funders' | 'example'>; skipped: number } {
  const { records, evaluation } = a;
  const names = new Map<string, string>();
  for (const f of records.funders) if (!names.has(f.code)) names.set(f.code, f.name ?? f.code);
  const order = new Map(records.funders.map((f, i) => [f.code, i]));
  const byFunder = new Map<string, number>();
  let skipped = 0;
  for (const c of records.commitments) {
    const action = evaluation.resolved.action.get(c.origin) ?? c.action;
    if (action !== code || c.year !== year) continue;
    const funder = evaluation.resolved.funder.get(c.origin);
    if (!funder || !c.amount) {
      skipped++;
      continue;
    }
    byFunder.set(funder, (byFunder.get(funder) ?? 0) + c.amount.cents);
  }
  const commitments = [...byFunder]
    .sort(([x], [y]) => (order.get(x) ?? UNKNOWN_RANK) - (order.get(y) ?? UNKNOWN_RANK) || x.localeCompare(y))
    .map(([funder, cents]) => ({ funder, name: names.get(funder) ?? funder, cents }));
  const seen = new Set<string>();
  const catalogue = records.indicators
    .filter((i) => (seen.has(i.code) ? false : (seen.add(i.code), true)))
    .map((i) => ({ code: i.code, label: i.label ?? '', unit: i.unit ?? '' }));
  // The indicators the action's report asks (Indicateurs des actions), else the whole catalogue.
  const own = evaluation.links.actionIndicators.get(code);
  const indicators = own ? catalogue.filter((i) => own.includes(i.code)) : catalogue;
  const territories = records.territories.filter((t) => t.code).map((t) => ({ code: t.code, label: t.label ?? t.code }));
  // Subsidy rows: the funders with commitments, else the signatories, else every funder listed.
  const listed = records.funders.map((f) => ({ code: f.code, name: f.name ?? f.code, type: f.type }));
  const signatories = listed.filter((f) => f.type === 'Signataire');
  const funders = commitments.length
    ? commitments.map((c) => ({ code: c.funder, name: c.name }))
    : (signatories.length ? signatories : listed).map(({ code, name }) => ({ code, name }));
  return {
    taken: {
      commitments,
      indicators: indicators.length ? indicators : undefined,
      catalogue: catalogue.length ? catalogue : undefined,
      territories: territories.length ? territories : undefined,
      funders: funders.length ? funders : undefined,
      example: a.example,
    },
    skipped,
  };
}
