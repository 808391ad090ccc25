/**
 * Fictitious example data for a new workbook: commitments that sum exactly to each fixed
 * reference amount, and reports. Every row says « Exemple fictif »; the workbook's Cadre says the
 * data are invented (`EXAMPLE_MARK`).
 */
import type { CellValue } from '../contract/cells';
import { rowOf } from '../contract/declare';
import { COMMITMENTS, REPORTS } from '../contract/tables';
import { planRows, type Framework } from '../framework';
import { centsToEuros, type Cents } from '../shared/money';

export const EXAMPLE_MARK = 'Oui : engagements et bilans fictifs, inventés pour l’illustration';

/** What every example row says in its comment or source. */
export const EXAMPLE_SOURCE = 'Exemple fictif';

/** Deterministic pseudo-random numbers (a 32-bit LCG), so the example is the same every time. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Splits `total` cents into `n` parts in whole hundreds of euros, the last taking the rest. */
export function splitCents(total: Cents, n: number, rand: () => number): Cents[] {
  if (n <= 0) return [];
  const weights = Array.from({ length: n }, () => 0.5 + rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const step = 10_000; // 100 €
  const parts = weights.slice(0, -1).map((w) => Math.floor((total * w) / sum / step) * step);
  parts.push(total - parts.reduce((a, b) => a + b, 0));
  return parts;
}

/** Which actions each signatory funds in the example (fictitious; the convention does not say). */
function exampleActions(f: Framework, funder: string): string[] {
  const rows = planRows(f);
  const codes = rows.map((r) => r.action.code);
  if (funder === 'REGION') return codes;
  const rand = lcg(seedOf(funder));
  return codes.filter(() => rand() < 0.5);
}

/** A fictitious indicator value for the unit: a share in %, an amount in €, else a count. */
export function exampleValue(unit: string, rand: () => number): number {
  if (unit === '%') return Math.round(rand() * 200) / 10;
  if (unit === '€') return Math.round(rand() * 5_000_000) / 100;
  return 1 + Math.floor(rand() * 120);
}

export interface ExampleData {
  commitments: CellValue[][];
  reports: CellValue[][];
}

/** Fictitious commitments summing exactly to each fixed reference amount, and fictitious reports. */
export function exampleData(f: Framework): ExampleData {
  const commitments: CellValue[][] = [];
  const committedActions = new Map<number, Set<string>>();
  for (const a of f.amounts) {
    if (a.amountCents === null) continue;
    const actions = exampleActions(f, a.funder);
    if (actions.length === 0) continue;
    const parts = splitCents(a.amountCents, actions.length, lcg(seedOf(`${a.funder}${a.year}`)));
    actions.forEach((code, i) => {
      const reference = `EX-${a.year}-${a.funder}-${String(i + 1).padStart(2, '0')}`;
      commitments.push(
        rowOf(COMMITMENTS, {
          action: code,
          funder: a.funder,
          year: a.year,
          amount: centsToEuros(parts[i]),
          reference,
          comment: EXAMPLE_SOURCE,
        }),
      );
      let set = committedActions.get(a.year);
      if (!set) committedActions.set(a.year, (set = new Set()));
      set.add(code);
    });
  }
  const reports: CellValue[][] = [];
  const territories = ['01', '07', '26', '38', '42', '69', '73', '74']; // départements of Rhône-Alpes
  const operatorOf = new Map(planRows(f).map((r) => [r.action.code, r.action.operator]));
  for (const [year, actions] of committedActions) {
    let n = 0;
    for (const code of actions) {
      const rand = lcg(seedOf(`${code}${year}`));
      const picks = f.indicators.filter(() => rand() < 0.25).slice(0, 3);
      if (picks.length === 0 && f.indicators.length) picks.push(f.indicators[n % f.indicators.length]);
      const operator = operatorOf.get(code) ?? `Opérateur fictif ${String.fromCharCode(65 + (n % 26))}`;
      n++;
      for (const ind of picks) {
        const value = exampleValue(ind.unit, rand);
        const territory = territories[Math.floor(rand() * territories.length)];
        reports.push(rowOf(REPORTS, { action: code, operator, year, indicator: ind.code, value, territory, source: EXAMPLE_SOURCE }));
      }
    }
  }
  return { commitments, reports };
}
