/**
 * Fictitious example data for a new workbook: commitments that sum exactly to each fixed
 * reference amount, and reports. Every row says « Exemple fictif »; the workbook's Cadre says the
 * data are invented (`EXAMPLE_MARK`).
 */
import type { CellValue } from '../contract/cells';
import { rowOf } from '../contract/declare';
import { isoToSerial } from '../contract/formats';
import { APPRECIATIONS, COMMITMENTS, MEETINGS, REPORTS } from '../contract/tables';
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
  meetings: CellValue[][];
  appreciations: CellValue[][];
}

/** The fictitious operator of the n-th committed action of the example (« Opérateur fictif B »). */
export function exampleOperator(n: number): string {
  return `Opérateur fictif ${String.fromCharCode(65 + (n % 26))}`;
}

/** The indicators an action's report asks for: its own list, else the whole catalogue. */
export function actionIndicatorCodes(f: Framework, action: string): string[] {
  const listed = f.actionIndicators.filter((m) => m.action === action).flatMap((m) => m.indicators);
  return listed.length ? listed : f.indicators.map((i) => i.code);
}

/**
 * Fictitious meetings of the framework's bodies in the first two years of the period: as many as
 * the source asks (its second passage when it gives one). Participants and dates are invented;
 * the decisions say so.
 */
export function exampleMeetings(f: Framework): CellValue[][] {
  const rows: CellValue[][] = [];
  const years = [f.period.start, f.period.start + 1].filter((y) => y <= f.period.end);
  const rand = lcg(seedOf(`${f.id}-instances`));
  years.forEach((year, yi) => {
    for (const b of f.bodies) {
      if (b.min === null || (b.everyYears > 1 && yi > 0)) continue;
      const n = Math.max(b.target?.min ?? b.min, 1);
      for (let k = 0; k < n; k++) {
        const month = 1 + Math.floor(((k + 0.5) * 12) / n);
        const day = 5 + Math.floor(rand() * 20);
        rows.push(
          rowOf(MEETINGS, {
            body: b.name,
            date: isoToSerial(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
            participants: 8 + Math.floor(rand() * 30),
            minutes: null,
            decisions: `${EXAMPLE_SOURCE} : réunion d’illustration inventée.`,
          }),
        );
      }
    }
  });
  return rows;
}

/** One fictitious appreciation of the evaluator, on the last question, the year of the first milestone. */
function exampleAppreciations(f: Framework): CellValue[][] {
  const q = f.questions[f.questions.length - 1];
  if (!q) return [];
  const year = f.milestones.length ? Number(f.milestones[0].due.slice(0, 4)) : f.period.end;
  return [
    rowOf(APPRECIATIONS, {
      question: q.code,
      year,
      appreciation: `${EXAMPLE_SOURCE} : appréciation d’illustration inventée par Suivi ESS, à remplacer par celle de l’évaluateur.`,
    }),
  ];
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
  const departments = f.territories.filter((t) => t.type === 'Département').map((t) => t.code);
  const territories = departments.length ? departments : [null];
  const byCode = new Map(f.indicators.map((i) => [i.code, i]));
  const operatorOf = new Map(planRows(f).map((r) => [r.action.code, r.action.operator]));
  // Illustrative reports for every other committed action in the plan's order: the others are
  // still expected (the demo's report files bring them).
  const planOrder = planRows(f).map((r) => r.action.code);
  for (const [year, actions] of committedActions) {
    let n = 0;
    for (const code of actions) {
      const rand = lcg(seedOf(`${code}${year}`));
      const own = actionIndicatorCodes(f, code).map((c) => byCode.get(c)!);
      const picks = own.filter(() => rand() < 0.5).slice(0, 3);
      if (picks.length === 0 && own.length) picks.push(own[n % own.length]);
      const operator = operatorOf.get(code) ?? exampleOperator(n);
      n++;
      if (planOrder.indexOf(code) % 2 === 0) continue;
      for (const ind of picks) {
        const value = exampleValue(ind.unit, rand);
        const territory = territories[Math.floor(rand() * territories.length)];
        reports.push(rowOf(REPORTS, { action: code, operator, year, indicator: ind.code, value, territory, source: EXAMPLE_SOURCE }));
      }
    }
  }
  return { commitments, reports, meetings: exampleMeetings(f), appreciations: exampleAppreciations(f) };
}
