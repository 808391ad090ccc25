/**
 * Fictitious example data for a new workbook: commitments that sum exactly to each fixed
 * reference amount, and reports. Every row says « Exemple fictif »; the workbook's Cadre says the
 * data are invented (`EXAMPLE_MARK`).
 */
import type { CellValue } from '../contract/cells';
import { rowOf } from '../contract/declare';
import { validSiret } from '../contract/cell-kinds';
import { isoToSerial } from '../contract/formats';
import { APPRECIATIONS, COMMITMENTS, CONVENTION, MEETINGS, PAYMENTS, REPORTS } from '../contract/tables';
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
  /** Ledger rows added to the framework's Convention rows: a budget vote, an amendment. */
  convention: CellValue[][];
  commitments: CellValue[][];
  reports: CellValue[][];
  payments: CellValue[][];
  /** Fictitious SIRETs of the signatory funders, by code. */
  funderSirets: Map<string, string>;
  meetings: CellValue[][];
  appreciations: CellValue[][];
}

/** The fictitious operator of the n-th action of the plan (« Opérateur fictif B »), when the source names none. */
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

/** A fictitious SIRET with a valid key: 13 pseudo-random digits and the Luhn digit that completes them. */
export function exampleSiret(rand: () => number): string {
  for (;;) {
    const head = Array.from({ length: 13 }, (_, i) => (i === 0 ? 1 + Math.floor(rand() * 9) : Math.floor(rand() * 10))).join('');
    for (let d = 0; d < 10; d++) if (validSiret(head + d)) return head + d;
  }
}

/** Rounded down to whole hundreds of euros. */
const hundreds = (cents: Cents) => Math.floor(cents / 10_000) * 10_000;

/**
 * The example's state, mid-way through the contract's second year (everything fictitious): the
 * first year's signed amounts committed; the next year, every renewed amount is committed and the
 * first signatory with one has voted it (which makes it firm), the first signatory without a fixed amount has signed an
 * amendment and committed it; two partner authorities contribute; the first signatory has paid
 * an advance on each of its first-year commitments, and the balance of those whose report is in.
 */
export function exampleData(f: Framework): ExampleData {
  const start = f.period.start;
  const next = start + 1;
  const signatories = f.funders.filter((x) => x.type === 'Signataire').map((x) => x.code);
  const convention: CellValue[][] = [];
  const references: { funder: string; year: number; cents: Cents }[] = f.amounts
    .filter((a) => a.year === start && a.amountCents !== null)
    .map((a) => ({ funder: a.funder, year: a.year, cents: a.amountCents! }));
  const renewed = f.amounts.find((a) => a.year === next && a.amountCents !== null && signatories.includes(a.funder));
  if (renewed) {
    convention.push(
      rowOf(CONVENTION, {
        funder: renewed.funder,
        year: next,
        amount: centsToEuros(renewed.amountCents!),
        status: 'Ferme',
        source: `Vote du budget ${next} (${EXAMPLE_SOURCE.toLowerCase()})`,
        nature: 'Vote',
        date: `${next}-03-20`,
        reference: `EX-DELIB-${next}-01`,
      }),
    );
  }
  // Every renewed amount of the next year is committed (the vote above makes the first one firm).
  for (const a of f.amounts) {
    if (a.year === next && a.amountCents !== null && signatories.includes(a.funder))
      references.push({ funder: a.funder, year: next, cents: a.amountCents });
  }
  const open = f.amounts.find((a) => a.year === next && a.amountCents === null && signatories.includes(a.funder));
  const base = open && f.amounts.find((a) => a.funder === open.funder && a.year === start)?.amountCents;
  if (open && base) {
    const cents = hundreds(Math.round(base * 0.9));
    convention.push(
      rowOf(CONVENTION, {
        funder: open.funder,
        year: next,
        amount: centsToEuros(cents),
        status: 'Ferme',
        source: `Avenant n° 1 (${EXAMPLE_SOURCE.toLowerCase()})`,
        nature: 'Avenant',
        date: `${next}-04-15`,
        reference: 'EX-AVENANT-1',
      }),
    );
    references.push({ funder: open.funder, year: next, cents });
  }

  const plan = planRows(f);
  // The operator of each action: the one the source names, else a fictitious one by plan order.
  const operatorOf = new Map(plan.map((r, n) => [r.action.code, r.action.operator ?? exampleOperator(n)]));
  // Illustrative reports for every other action in the plan's order: the others are still
  // expected (the demo's report files bring them).
  const planOrder = plan.map((r) => r.action.code);
  const hasExampleReport = (code: string) => planOrder.indexOf(code) % 2 === 1;
  const siretOf = new Map(plan.map((r) => [r.action.code, exampleSiret(lcg(seedOf(`siret ${r.action.code}`)))]));
  const commitments: CellValue[][] = [];
  const committed: { action: string; funder: string; year: number; cents: Cents }[] = [];
  const committedActions = new Map<number, Set<string>>();
  const commit = (action: string, funder: string, year: number, cents: Cents, reference: string, terms: 'Unique' | 'Échelonné') => {
    commitments.push(
      rowOf(COMMITMENTS, {
        action,
        funder,
        year,
        amount: centsToEuros(cents),
        reference,
        comment: EXAMPLE_SOURCE,
        beneficiary: operatorOf.get(action) ?? null,
        siret: siretOf.get(action) ?? null,
        decisionDate: `${year}-06-18`,
        purpose: `Mise en œuvre de l’action ${action} en ${year} (${EXAMPLE_SOURCE.toLowerCase()})`,
        aidNature: 'Aide en numéraire',
        paymentTerms: terms,
        euNotified: 'Non',
      }),
    );
    committed.push({ action, funder, year, cents });
    let set = committedActions.get(year);
    if (!set) committedActions.set(year, (set = new Set()));
    set.add(action);
  };
  for (const r of references) {
    const actions = exampleActions(f, r.funder);
    const parts = splitCents(r.cents, actions.length, lcg(seedOf(`${r.funder}${r.year}`)));
    actions.forEach((code, i) =>
      commit(
        code,
        r.funder,
        r.year,
        parts[i],
        `EX-${r.year}-${r.funder}-${String(i + 1).padStart(2, '0')}`,
        r.funder === signatories[0] ? 'Échelonné' : 'Unique',
      ),
    );
  }
  // Two partner authorities contribute (art. 6 gives them no amount).
  const partners = f.funders.filter((x) => x.type === 'Collectivité partenaire').slice(0, 2);
  const actions = plan.map((r) => r.action.code);
  partners.forEach((p, i) => {
    if (actions[i + 1]) commit(actions[i + 1], p.code, start + i, (15_000 + 5_000 * i) * 100, `EX-${start + i}-${p.code}`, 'Unique');
  });

  // The first signatory's payments: an advance of half of each first-year commitment, then its
  // balance once the action's report is in (the others' balances wait for their reports).
  const payments: CellValue[][] = [];
  const firstYear = committed.filter((c) => c.funder === signatories[0] && c.year === start);
  firstYear.forEach((c, i) => {
    const advance = hundreds(c.cents / 2);
    const pay = (type: 'Avance' | 'Solde', date: string, cents: Cents, n: number) =>
      payments.push(
        rowOf(PAYMENTS, {
          action: c.action,
          funder: c.funder,
          year: c.year,
          beneficiary: operatorOf.get(c.action) ?? null,
          type,
          date,
          amount: centsToEuros(cents),
          reference: `EX-MANDAT-${c.year}-${String(n).padStart(3, '0')}`,
        }),
      );
    pay('Avance', `${start}-09-15`, advance, 2 * i + 1);
    if (hasExampleReport(c.action)) pay('Solde', `${next}-06-30`, c.cents - advance, 2 * i + 2);
  });

  const reports: CellValue[][] = [];
  const departments = f.territories.filter((t) => t.type === 'Département').map((t) => t.code);
  const territories = departments.length ? departments : [null];
  const byCode = new Map(f.indicators.map((i) => [i.code, i]));
  for (const [year, actions] of committedActions) {
    let n = 0;
    for (const code of actions) {
      const rand = lcg(seedOf(`${code}${year}`));
      const own = actionIndicatorCodes(f, code).map((c) => byCode.get(c)!);
      const picks = own.filter(() => rand() < 0.5).slice(0, 3);
      if (picks.length === 0 && own.length) picks.push(own[n % own.length]);
      const operator = operatorOf.get(code) ?? exampleOperator(n);
      n++;
      if (!hasExampleReport(code)) continue;
      for (const ind of picks) {
        const value = exampleValue(ind.unit, rand);
        const territory = territories[Math.floor(rand() * territories.length)];
        reports.push(
          rowOf(REPORTS, {
            action: code,
            operator,
            year,
            indicator: ind.code,
            value,
            territory,
            source: EXAMPLE_SOURCE,
          }),
        );
      }
    }
  }
  const funderSirets = new Map(signatories.map((code) => [code, exampleSiret(lcg(seedOf(`siret ${code}`)))]));
  return { convention, commitments, reports, payments, funderSirets, meetings: exampleMeetings(f), appreciations: exampleAppreciations(f) };
}
