/**
 * Filling a report template, as an operator would: used to make the fictitious example reports
 * of the demo and the benchmark, and by the tests. Every value an example puts is fictitious and
 * says so (operator « Opérateur fictif … », comments « Exemple fictif »).
 */
import { parseRange } from '../shared/address';
import { headersOf } from '../contract/declare';
import {
  type QUALITATIVE_PARTS,
  REPORT_IDENTIFICATION,
  REPORT_PERIOD,
  REPORT_QUALITATIVE,
  REPORT_REALISED,
  REPORT_SIGNATURE,
  REPORT_VALUES,
} from '../contract/tables';
import type { Framework } from '../framework';
import { exampleValue, lcg } from './example-data';
import type { PlacedSheet } from '../layout/placed';
import { centsToEuros, type Cents } from '../shared/money';
import { reportTemplateSheets, templateIndicators, isLastYear } from '../layout/report-template';
import { isoToSerial } from '../contract/formats';

export interface ReportFill {
  operator?: string;
  /** Values to put: on the row of that indicator (first empty one), or on a spare row. */
  values: { indicator: string; territory?: string | null; value: number | string }[];
  /** Amounts in euros on the Réalisé rows: a post (its first characters) and, for 74, a funder
   * (a funder not among the rows goes on a free subsidy row, named as given). */
  realised: {
    post: string;
    funder?: string;
    planned?: number | string | null;
    actual?: number | string | null;
    received?: number | string | null;
    comment?: string;
  }[];
  /** The written parts of the year (Réalisations, Résultats, Difficultés, Perspectives). */
  written?: Partial<Record<(typeof QUALITATIVE_PARTS)[number], string>>;
  /** The written parts over the whole period (last year's template only). */
  period?: Partial<Record<(typeof QUALITATIVE_PARTS)[number], string>>;
  signature?: { name?: string; capacity?: string; date?: string };
}

function tableOf(sheets: PlacedSheet[], name: string) {
  for (const s of sheets) {
    const t = s.tables.find((x) => x.name === name);
    if (t) return { sheet: s, table: t, range: parseRange(t.ref)! };
  }
  throw new Error(`template without ${name}`);
}

/** A copy of the template's sheets with the fill written in the cells an operator fills. */
export function fillReport(template: PlacedSheet[], fill: ReportFill): PlacedSheet[] {
  const sheets = template.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) }));
  const set = (sheet: PlacedSheet, row: number, col: number, v: string | number | null) => {
    while (sheet.rows.length < row) sheet.rows.push([]);
    const r = sheet.rows[row - 1];
    while (r.length < col) r.push(null);
    r[col - 1] = v;
  };
  const get = (sheet: PlacedSheet, row: number, col: number) => sheet.rows[row - 1]?.[col - 1] ?? null;

  if (fill.operator) {
    const id = tableOf(sheets, REPORT_IDENTIFICATION.table);
    for (let r = id.range.top + 1; r <= id.range.bottom; r++) {
      if (get(id.sheet, r, id.range.left) === 'Opérateur') set(id.sheet, r, id.range.left + 1, fill.operator);
    }
  }

  const v = tableOf(sheets, REPORT_VALUES.table);
  const col = (name: string) => v.range.left + headersOf(REPORT_VALUES).indexOf(name);
  const used = new Set<number>();
  for (const x of fill.values) {
    let row = -1;
    for (let r = v.range.top + 1; r <= v.range.bottom && row < 0; r++) {
      if (!used.has(r) && get(v.sheet, r, col('Indicateur')) === x.indicator) row = r;
    }
    for (let r = v.range.top + 1; r <= v.range.bottom && row < 0; r++) {
      if (!used.has(r) && get(v.sheet, r, col('Indicateur')) === null) row = r;
    }
    if (row < 0) throw new Error(`no free row for ${x.indicator}`);
    used.add(row);
    set(v.sheet, row, col('Indicateur'), x.indicator);
    set(v.sheet, row, col('Territoire'), x.territory ?? null);
    set(v.sheet, row, col('Valeur'), x.value);
  }

  const re = tableOf(sheets, REPORT_REALISED.table);
  const rc = (name: string) => re.range.left + headersOf(REPORT_REALISED).indexOf(name);
  const taken = new Set<number>();
  for (const x of fill.realised) {
    let row = -1;
    for (let r = re.range.top + 1; r <= re.range.bottom && row < 0; r++) {
      const post = String(get(re.sheet, r, rc('Poste')) ?? '');
      const funder = get(re.sheet, r, rc('Financeur'));
      if (post.startsWith(x.post) && (x.funder === undefined || funder === x.funder)) row = r;
    }
    // A co-funder the template does not list: the first free subsidy row, named as given.
    for (let r = re.range.top + 1; r <= re.range.bottom && row < 0 && x.funder !== undefined; r++) {
      const post = String(get(re.sheet, r, rc('Poste')) ?? '');
      if (post.startsWith(x.post) && get(re.sheet, r, rc('Financeur')) === null && !taken.has(r)) {
        row = r;
        set(re.sheet, row, rc('Financeur'), x.funder);
      }
    }
    if (row < 0) throw new Error(`no Réalisé row for ${x.post} ${x.funder ?? ''}`);
    taken.add(row);
    if (x.planned !== undefined) set(re.sheet, row, rc('Prévu (€)'), x.planned);
    if (x.actual !== undefined) set(re.sheet, row, rc('Réalisé (€)'), x.actual);
    if (x.received !== undefined) set(re.sheet, row, rc('Reçu à date (€)'), x.received);
    if (x.comment) set(re.sheet, row, rc('Commentaire'), x.comment);
  }

  const written = (table: string, parts: ReportFill['written']) => {
    if (!parts) return;
    const w = tableOf(sheets, table);
    for (let r = w.range.top + 1; r <= w.range.bottom; r++) {
      const part = get(w.sheet, r, w.range.left) as (typeof QUALITATIVE_PARTS)[number];
      if (parts[part] !== undefined) set(w.sheet, r, w.range.left + 1, parts[part]!);
    }
  };
  written(REPORT_QUALITATIVE.table, fill.written);
  if (fill.period) written(REPORT_PERIOD.table, fill.period);
  if (fill.signature) {
    const sig = tableOf(sheets, REPORT_SIGNATURE.table);
    const values: Record<string, string | number | null | undefined> = {
      Nom: fill.signature.name,
      Qualité: fill.signature.capacity,
      Date: fill.signature.date ? (isoToSerial(fill.signature.date) ?? fill.signature.date) : undefined,
    };
    for (let r = sig.range.top + 1; r <= sig.range.bottom; r++) {
      const v = values[String(get(sig.sheet, r, sig.range.left))];
      if (v !== undefined) set(sig.sheet, r, sig.range.left + 1, v);
    }
  }
  return sheets;
}

/** Fictitious written parts, said so. */
export function exampleWritten(scope: string): NonNullable<ReportFill['written']> {
  return {
    Réalisations: `Exemple fictif : réalisations ${scope} inventées pour l’illustration.`,
    Résultats: `Exemple fictif : résultats ${scope} inventés pour l’illustration.`,
    Difficultés: 'Exemple fictif : aucune difficulté particulière.',
    Perspectives: 'Exemple fictif : poursuite de l’action.',
  };
}

/** Territories an example report names: the framework's départements, written by name. */
function exampleTerritories(f: Framework): string[] {
  return f.territories.filter((t) => t.type === 'Département').map((t) => t.label);
}

/** A fictitious filled report for an action and a year, given what each funder committed. */
export function exampleReport(
  f: Framework,
  action: { code: string; title: string },
  year: number,
  operator: string,
  commitments: { funder: string; name: string; cents: Cents }[],
): PlacedSheet[] {
  const rand = lcg([...`${action.code}${year}${operator}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) >>> 0);
  const template = reportTemplateSheets({ framework: f, action, year, operator, commitments, example: true });
  const territories = exampleTerritories(f);
  const own = templateIndicators({ framework: f, action, year }).rows;
  const values: ReportFill['values'] = [];
  for (const ind of own) {
    if (rand() > 0.6) continue;
    const value = exampleValue(ind.unit, rand);
    values.push({ indicator: ind.code, territory: territories[Math.floor(rand() * territories.length)], value });
  }
  if (values.length === 0 && own.length) values.push({ indicator: own[0].code, territory: territories[0] ?? null, value: 1 });
  const total = commitments.reduce((a, c) => a + c.cents, 0);
  const realised: ReportFill['realised'] = [
    { post: '64', planned: centsToEuros(Math.round(total * 0.7)), actual: centsToEuros(Math.round(total * 0.72)) },
    {
      post: '62',
      planned: centsToEuros(Math.round(total * 0.3)),
      actual: centsToEuros(Math.round(total * 0.2)),
      comment: 'Exemple fictif : déplacements reportés.',
    },
    // The subsidy granted is a product of the report; a balance not yet paid is received later,
    // never a deficit.
    ...commitments.map((c) => {
      const share = rand() < 0.5 ? 1 : 0.8;
      return {
        post: '74',
        funder: c.funder,
        planned: centsToEuros(c.cents),
        actual: centsToEuros(c.cents),
        received: centsToEuros(Math.round(c.cents * share)),
        ...(share < 1 ? { comment: 'Exemple fictif : solde à recevoir.' } : {}),
      };
    }),
  ];
  const last = isLastYear({ framework: f, year });
  return fillReport(template, {
    operator,
    values,
    realised,
    written: exampleWritten(String(year)),
    ...(last ? { period: exampleWritten(`${f.period.start}-${f.period.end}`) } : {}),
    signature: { name: 'Exemple fictif', capacity: 'Président(e)', date: `${year + 1}-03-15` },
  });
}
