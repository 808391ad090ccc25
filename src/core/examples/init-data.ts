/**
 * A new workbook from a framework: the contract's tables filled from the framework's data and,
 * on request, fictitious example commitments and reports (labelled as such in the workbook).
 */
import type { CellValue } from '../../ports/workbook';
import { INPUT_TABLES, type InputKey } from '../contract/tables';
import { planRows, type Framework } from '../framework';
import { inputSheets, type InputTable } from '../layout/sheets';
import type { PlacedSheet } from '../layout/placed';
import { centsToEuros, type Cents } from '../shared/money';

/** Version of the workbook contract written in the Cadre (checked by later versions). */
export const CONTRACT_VERSION = 'suivi-ess/1';

export const EXAMPLE_MARK = 'Oui : engagements et bilans fictifs, inventés pour l’illustration';

function headers(key: InputKey): string[] {
  const spec = INPUT_TABLES[key];
  return [...spec.columns, ...spec.extra].map((c) => c.header);
}

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
      commitments.push([
        code,
        a.funder,
        a.year,
        centsToEuros(parts[i]),
        `EX-${a.year}-${a.funder}-${String(i + 1).padStart(2, '0')}`,
        'Exemple fictif',
      ]);
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
        reports.push([code, operator, year, ind.code, value, territories[Math.floor(rand() * territories.length)], 'Exemple fictif']);
      }
    }
  }
  return { commitments, reports };
}

/** The seven contract tables for a new workbook. */
export function frameworkTables(f: Framework, example: boolean): Record<InputKey, InputTable> {
  const questionText = new Map(f.questions.map((q) => [q.code, q.text]));
  const cadre: CellValue[][] = [
    ['Cadre', f.id],
    ['Intitulé', f.title],
    ['Début', f.period.start],
    ['Fin', f.period.end],
    ['Devise', f.currency],
    ['Région', f.region],
    ['Sources', f.sources.map((s) => `${s.file} (${s.title})`).join(' ; ')],
    ['Version du contrat', CONTRACT_VERSION],
  ];
  if (example) cadre.push(['Exemple', EXAMPLE_MARK]);
  const ex = example ? exampleData(f) : { commitments: [], reports: [] };
  return {
    cadre: { headers: headers('cadre'), rows: cadre },
    funders: { headers: headers('funders'), rows: f.funders.map((x) => [x.code, x.name, x.type, x.aliases.join(' ; ') || null]) },
    convention: {
      headers: headers('convention'),
      rows: f.amounts.map((a) => [a.funder, a.year, a.amountCents === null ? null : centsToEuros(a.amountCents), a.status, a.source]),
    },
    actions: {
      headers: headers('actions'),
      rows: planRows(f).map((r) => [
        r.axis,
        r.objective || null,
        r.measure || null,
        r.action.code,
        r.action.title,
        r.action.operator ?? null,
        r.action.entryYear ?? null,
      ]),
    },
    commitments: { headers: headers('commitments'), rows: ex.commitments },
    indicators: {
      headers: headers('indicators'),
      rows: f.indicators.map((i) => [
        i.code,
        i.label,
        i.unit,
        i.aggregation,
        questionText.get(i.question) ?? i.question,
        i.status,
        i.basis,
      ]),
    },
    reports: { headers: headers('reports'), rows: ex.reports },
    realised: { headers: headers('realised'), rows: [] },
    imports: { headers: headers('imports'), rows: [] },
  };
}

/** Notes shown above the tables of a new workbook, from the framework's data. */
export function frameworkNotes(f: Framework): Partial<Record<InputKey, string[]>> {
  const src = f.sources[0].file;
  const notes: Partial<Record<InputKey, string[]>> = {
    cadre: [`${f.title} — source : ${f.sources.map((s) => s.file).join(', ')}.`],
    funders: [
      `Financeurs nommés par la source (${src}). Les codes sont attribués par Suivi ESS ; « Autres noms » liste les écritures reconnues.`,
    ],
    convention: [
      'Un changement de montant s’ajoute comme une ligne d’avenant (Source « Avenant n°… du … »), positive ou négative : la ligne d’origine reste (art. 7 pour le CES Rhône-Alpes).',
    ],
    actions: [f.note ?? `Plan d’actions de ${src}.`],
    indicators: [f.indicatorNote ?? 'Catalogue d’indicateurs.'],
  };
  if (f.amounts.length === 0)
    notes.convention = ['La source ne fixe aucun montant : saisissez les montants de référence quand ils sont décidés, avec leur source.'];
  return notes;
}

export function initSheets(f: Framework, example: boolean): PlacedSheet[] {
  const years = Array.from({ length: f.period.end - f.period.start + 1 }, (_, i) => f.period.start + i);
  return inputSheets(frameworkTables(f, example), { years, notes: frameworkNotes(f), example });
}
