import fc from 'fast-check';
import { spaced } from './support/text';
import { runInExcel } from '../src/adapters/office/run';
import { consolidateWorkbook } from '../src/commands/consolidate';
import { readContractTables } from '../src/commands/read-contract';
import { analyse, generated } from '../src/core/analysis/analyse';
import { consolidate, UNKNOWN_AXIS } from '../src/core/consolidation/consolidate';
import { isChargePost, isSubsidyPost } from '../src/core/reports/cerfa';
import { followUp, UNSPECIFIED_FUNDER, UNSPECIFIED_TERRITORY, type GroupedIndicatorRow } from '../src/core/consolidation/follow-up';
import { findFramework, planRows } from '../src/core/framework';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { FUNDING, INDICATORS_BY_AXIS, INDICATORS_BY_TERRITORY, REPORTING, REPORTING_RATES } from '../src/core/contract/tables';
import { headersOf } from '../src/core/contract/declare';

const FOLLOW_UP_SHEETS = [INDICATORS_BY_AXIS.sheet, INDICATORS_BY_TERRITORY.sheet, REPORTING.sheet, FUNDING.sheet];
import { isFormula, type PlacedSheet, type PlacedValue } from '../src/core/layout/placed';
import { formulaCells, inputSheets } from '../src/core/layout';
import { parseRange, cellAddress } from '../src/core/shared/address';
import type { CellValue } from '../src/ports/workbook';
import { FakeExcelHost } from './fake-excel';
import { MemoryWorkbook } from './support/memory-workbook';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const PLAN = planRows(RA);
const CODES = PLAN.map((r) => r.action.code);
const AXIS = new Map(PLAN.map((r) => [r.action.code, r.axis]));
const YEARS = [2014, 2015, 2016];

interface Input {
  commitments?: CellValue[][];
  reports?: CellValue[][];
  realised?: CellValue[][];
  payments?: CellValue[][];
}

function sheetsOf(input: Input) {
  const tables = frameworkTables(RA, false);
  tables.commitments.rows = input.commitments ?? [];
  tables.reports.rows = input.reports ?? [];
  tables.realised.rows = input.realised ?? [];
  tables.payments.rows = input.payments ?? [];
  return inputSheets(tables, { years: YEARS, notes: frameworkNotes(RA), example: false });
}

async function analysed(input: Input) {
  return analyse(await readContractTables(new MemoryWorkbook(sheetsOf(input))));
}

async function run(input: Input) {
  const a = await analysed(input);
  return { a, f: followUp(a.records, a.evaluation), c: consolidate(a.records, a.evaluation) };
}

/** The follow-up sheets only (Contrôles cites row numbers, which a shuffle changes). */
async function followUpPlaced(input: Input): Promise<PlacedSheet[]> {
  const a = await analysed(input);
  return generated(a).filter((s) => (FOLLOW_UP_SHEETS as readonly string[]).includes(s.name));
}

const sheet = (sheets: PlacedSheet[], name: string) => sheets.find((s) => s.name === name)!;

/** The data rows of a placed table, as objects by header. */
function tableRows(s: PlacedSheet, table: string): Record<string, PlacedValue>[] {
  const t = s.tables.find((x) => x.name === table)!;
  return Array.from({ length: t.rowCount }, (_, i) => {
    const row = s.rows[t.headerRow + i] ?? [];
    return Object.fromEntries(t.columns.map((h, c) => [h, row[c] ?? null]));
  });
}

/** The row under a table (its totals row), by header. */
function totalsRow(s: PlacedSheet, table: string): Record<string, PlacedValue> {
  const t = s.tables.find((x) => x.name === table)!;
  const row = s.rows[t.headerRow + Math.max(t.rowCount, 1)] ?? [];
  return Object.fromEntries(t.columns.map((h, c) => [h, row[c] ?? null]));
}

const valueOf = (v: PlacedValue) => (isFormula(v) ? v.value : v);
const text = (s: PlacedSheet) =>
  s.rows
    .flat()
    .filter((v): v is string => typeof v === 'string')
    .map((v) => spaced(v).replace(/’/g, "'"));
const micro = (v: number | null) => (v === null ? null : Math.round(v * 1e6));

/** Deterministic shuffle (Fisher–Yates driven by a seed). */
function shuffle<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ------------------------------------------------------------------ generators

const INDICATORS = RA.indicators.map((i) => i.code);
const action = fc.constantFrom(...CODES.slice(0, 6), 'X_INCONNU');
const year = fc.constantFrom(...YEARS);
const territory = fc.constantFrom('69', '38', 'QPV Mistral', 'qpv mistral', 'ZRR', 'Grand Lyon', null);
const commitment = fc
  .record({ action, funder: fc.constantFrom('REGION', 'ETAT', 'CDC'), year, cents: fc.integer({ min: 0, max: 20_000_000 }) })
  .map((c): CellValue[] => [c.action, c.funder, c.year, c.cents / 100, null, null]);
const report = fc
  .record({
    action,
    operator: fc.constantFrom('Op A', 'Op B', null),
    year,
    indicator: fc.constantFrom(...INDICATORS),
    hundredths: fc.integer({ min: 0, max: 100_000 }),
    territory,
    source: fc.constantFrom('bilan-a.xlsx', 'bilan-b.xlsx', null),
  })
  .map((r): CellValue[] => [r.action, r.operator, r.year, r.indicator, r.hundredths / 100, r.territory, r.source]);
const realised = fc
  .record({
    action,
    year,
    post: fc.constantFrom(
      '74 - Subventions d’exploitation',
      '64 - Charges de personnel',
      '60 - Achats',
      '86 - Emplois des contributions volontaires',
      '70 - Ventes',
    ),
    funder: fc.constantFrom('REGION', 'Etat', 'Caisse des Dépôts', null),
    cents: fc.integer({ min: 0, max: 10_000_000 }),
  })
  // Granted in Réalisé, received to date beside it (the subsidy rows), as a report of version 2 says.
  .map((r): CellValue[] => [
    r.action,
    'Op A',
    r.year,
    r.post,
    r.funder,
    null,
    r.cents / 100,
    r.post.startsWith('74') ? r.cents / 100 : null,
    null,
    'cr.xlsx',
  ]);

// ------------------------------------------------------------------ properties

describe('follow-up sheets: determinism', () => {
  test('shuffling the Bilans and Réalisé financier rows gives identical sheets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commitment, { maxLength: 12 }),
        fc.array(report, { maxLength: 30 }),
        fc.array(realised, { maxLength: 20 }),
        fc.integer(),
        async (commitments, reports, rows, seed) => {
          const a = await followUpPlaced({ commitments, reports, realised: rows });
          const b = await followUpPlaced({ commitments, reports: shuffle(reports, seed), realised: shuffle(rows, seed ^ 0x5bd1e995) });
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('consolidating the same workbook twice gives identical sheets', async () => {
    const wb = new MemoryWorkbook(
      sheetsOf({
        commitments: [['ANIM', 'REGION', 2014, 1000, null, null]],
        reports: [['ANIM', 'CRESS', 2014, 'PUBLIC_SENSIBILISE', 3, '69', 'a.xlsx']],
        realised: [['ANIM', 'CRESS', 2014, '74 Subvention', 'REGION', null, 1000, 800, null, 'a.xlsx']],
      }),
    );
    const first = generated(analyse(await readContractTables(wb)));
    const second = generated(analyse(await readContractTables(wb)));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.slice(-6, -2).map((s) => s.name)).toEqual([...FOLLOW_UP_SHEETS]);
  });
});

describe('indicators by axis and by territory', () => {
  /** Sum over groups of one indicator's year values, in millionths (null when no group has one). */
  const sumOver = (rows: GroupedIndicatorRow[], code: string, yi: number) => {
    const vs = rows.filter((r) => r.code === code && r.byYear[yi] !== null).map((r) => micro(r.byYear[yi])!);
    return vs.length ? vs.reduce((a, b) => a + b, 0) : null;
  };

  test('for additive indicators, the axes add up to the question view; the region counts every value, a département its own and its authorities’', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(report, { maxLength: 40 }), async (reports) => {
        const { f, c } = await run({ reports });
        for (const q of c.indicators.filter((i) => i.aggregation === 'Somme' && i.across === 'Somme')) {
          YEARS.forEach((_, yi) => expect(sumOver(f.byAxis, q.code, yi)).toBe(micro(q.byYear[yi])));
          const totals = f.byAxis.filter((r) => r.code === q.code).map((r) => micro(r.total)!);
          expect(totals.length ? totals.reduce((a, b) => a + b, 0) : null).toBe(micro(q.total));
          // The region: every value of the contract.
          const region = f.byTerritory.filter((r) => r.group === 'RA');
          YEARS.forEach((_, yi) => expect(sumOver(region, q.code, yi)).toBe(micro(q.byYear[yi])));
          // The Rhône: what is reported for « 69 » and for the Grand Lyon, which it contains.
          YEARS.forEach((y, yi) => {
            const own = reports.filter((r) => r[3] === q.code && r[2] === y && (r[5] === '69' || r[5] === 'Grand Lyon'));
            const expected = own.length ? own.reduce((a, r) => a + micro(r[4] as number)!, 0) : null;
            expect(
              sumOver(
                f.byTerritory.filter((r) => r.group === 'D69'),
                q.code,
                yi,
              ),
            ).toBe(expected);
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  test('with a single territory, every aggregation gives the question view’s figures in it and in its region', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(report, { maxLength: 40 }), async (list) => {
        const reports = list.map((r) => [r[0], r[1], r[2], r[3], r[4], 'Ain', r[6]]);
        const { f, c } = await run({ reports });
        for (const q of c.indicators) {
          const rows = f.byTerritory.filter((r) => r.code === q.code);
          if (q.total === null || q.across === 'Non additionnable') expect(rows).toEqual([]);
          else
            expect(rows.map((r) => [r.group, r.byYear, r.total, r.place?.parent])).toEqual([
              ['RA', q.byYear, q.total, ''],
              ['D01', q.byYear, q.total, 'RA'],
            ]);
        }
      }),
      { numRuns: 30 },
    );
  });

  test('a stock (Dernière valeur) takes its last year per territory; spellings of a territory are one; an empty one is listed last', async () => {
    const { f } = await run({
      reports: [
        ['ANIM', 'CRESS', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 10, '69', 's'],
        ['ANIM', 'CRESS', 2015, 'COLLECTIVITES_POLITIQUE_ESS', 12, '69', 's'],
        ['ANIM', 'CRESS', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 5, '38', 's'],
        ['I_1.2', 'Op', 2016, 'PUBLIC_SENSIBILISE', 7, 'qpv Mistral', 's'],
        ['I_1.2', 'Op', 2015, 'PUBLIC_SENSIBILISE', 3, 'QPV Mistral', 's'],
        ['I_1.2', 'Op', 2015, 'PUBLIC_SENSIBILISE', 4, null, 's'],
        ['X_INCONNU', 'Op', 2014, 'PUBLIC_SENSIBILISE', 1, '69', 's'],
      ],
    });
    const t = (group: string, code: string) => f.byTerritory.find((r) => r.group === group && r.code === code);
    // « 69 » and « 38 » are the départements D69 and D38 of the Territoires sheet.
    expect(t('D69', 'COLLECTIVITES_POLITIQUE_ESS')).toMatchObject({ byYear: [10, 12, null], total: 12 });
    expect(t('D38', 'COLLECTIVITES_POLITIQUE_ESS')).toMatchObject({ byYear: [5, null, null], total: 5 });
    // The region counts every value; one operator's stock adds up over its territories.
    expect(t('RA', 'COLLECTIVITES_POLITIQUE_ESS')).toMatchObject({ byYear: [15, 12, null], total: 12 });
    expect(t('RA', 'PUBLIC_SENSIBILISE')).toMatchObject({ byYear: [1, 7, 7], total: 15 });
    expect(t('QPV Mistral', 'PUBLIC_SENSIBILISE')).toMatchObject({ byYear: [null, 3, 7], total: 10 });
    expect(f.byTerritory.map((r) => r.group)).toEqual(['RA', 'RA', 'D38', 'D69', 'D69', 'QPV Mistral', UNSPECIFIED_TERRITORY]);
    expect(t('D69', 'COLLECTIVITES_POLITIQUE_ESS')!.place).toEqual({
      name: 'Département du Rhône',
      type: 'Département',
      parent: 'RA',
      depth: 1,
    });
    expect(t('QPV Mistral', 'PUBLIC_SENSIBILISE')!.place).toMatchObject({ type: 'hors de la feuille Territoires', parent: '' });
    // By axis: the stock adds the territories of a year, then takes the last year.
    const ax = (axis: string, code: string) => f.byAxis.find((r) => r.group === axis && r.code === code);
    expect(ax(AXIS.get('ANIM')!, 'COLLECTIVITES_POLITIQUE_ESS')).toMatchObject({ byYear: [15, 12, null], total: 12 });
    expect(ax(AXIS.get('I_1.2')!, 'PUBLIC_SENSIBILISE')).toMatchObject({ byYear: [null, 7, 7], total: 14 });
    expect(ax(UNKNOWN_AXIS, 'PUBLIC_SENSIBILISE')).toMatchObject({ byYear: [1, null, null], total: 1 });
    expect(f.byAxis.map((r) => r.group).at(-1)).toBe(UNKNOWN_AXIS);
  });

  test('the period total is a formula that follows the aggregation, carrying the tool’s value', async () => {
    const sheets = await followUpPlaced({
      reports: [
        ['ANIM', 'CRESS', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 10, '69', 's'],
        ['ANIM', 'CRESS', 2016, 'COLLECTIVITES_POLITIQUE_ESS', 4, '69', 's'],
        ['ANIM', 'CRESS', 2014, 'PARTICIPANTS_RENCONTRE_REGIONALE', 100, '69', 's'],
        ['ANIM', 'CRESS', 2015, 'PARTICIPANTS_RENCONTRE_REGIONALE', 140, '69', 's'],
        ['ANIM', 'CRESS', 2016, 'PARTICIPANTS_RENCONTRE_REGIONALE', 120, '69', 's'],
        // A rate is not consolidated by territory.
        ['ANIM', 'CRESS', 2016, 'EVOLUTION_CA', 2, '69', 's'],
      ],
    });
    const s = sheet(sheets, INDICATORS_BY_TERRITORY.sheet);
    const t = s.tables.find((x) => x.name === INDICATORS_BY_TERRITORY.table)!;
    const rows = tableRows(s, t.name);
    // Territory, name, type, rattachement, indicator, label, unit; years in H:J, the total in K, on the row's own line.
    expect(t.columns.slice(7)).toEqual(['2014', '2015', '2016', 'Total période']);
    expect(rows.map((r) => r.Territoire)).toEqual(['RA', 'RA', 'D69', 'D69']);
    expect(rows.some((r) => r.Indicateur === 'EVOLUTION_CA')).toBe(false);
    const total = (code: string) => {
      const i = rows.findIndex((r) => r.Indicateur === code);
      return { row: t.headerRow + 1 + i, cell: rows[i]['Total période'] };
    };
    const stock = total('COLLECTIVITES_POLITIQUE_ESS');
    const n = stock.row;
    expect(stock.cell).toEqual({ formula: `IF(ISNUMBER(J${n}),J${n},IF(ISNUMBER(I${n}),I${n},H${n}))`, value: 4 });
    const max = total('PARTICIPANTS_RENCONTRE_REGIONALE');
    expect(max.cell).toEqual({ formula: `MAX(H${max.row}:J${max.row})`, value: 140 });
  });
});

describe('Suivi des bilans', () => {
  test('3 action-years committed, 2 reported: 66.7 % on their axis and overall, as formulas', async () => {
    const sheets = await followUpPlaced({
      commitments: [
        ['I_1.1.1', 'REGION', 2014, 1000, null, null],
        ['I_1.1.1', 'ETAT', 2014, 500, null, null],
        ['I_1.1.1', 'REGION', 2015, 800, null, null],
        ['I_1.2', 'REGION', 2014, 200, null, null],
      ],
      reports: [
        ['I_1.1.1', 'Op B', 2014, 'PUBLIC_SENSIBILISE', 3, '69', 'bilan-2014-b.xlsx'],
        ['I_1.1.1', 'Op A', 2014, 'EMPLOIS_CREES', 1, '69', 'bilan-2014-a.xlsx'],
        ['I_1.1.1', 'Op A', 2014, 'EMPLOIS_CREES', 1, '38', 'bilan-2014-a.xlsx'],
        ['I_1.2', 'Op C', 2014, 'PUBLIC_SENSIBILISE', 9, null, null],
        // A report without commitment is not expected, and does not count.
        ['I_1.2', 'Op C', 2016, 'PUBLIC_SENSIBILISE', 9, null, null],
      ],
    });
    const s = sheet(sheets, REPORTING.sheet);
    expect(tableRows(s, REPORTING.table)).toEqual([
      {
        'Code action': 'I_1.1.1',
        Intitulé: PLAN.find((r) => r.action.code === 'I_1.1.1')!.action.title,
        Axe: AXIS.get('I_1.1.1'),
        Année: 2014,
        'Engagé (€)': 1500,
        'Bilan reçu': 'Oui',
        'Fichier(s)': 'bilan-2014-a.xlsx ; bilan-2014-b.xlsx',
        'Opérateur(s)': 'Op A ; Op B',
      },
      expect.objectContaining({ 'Code action': 'I_1.1.1', Année: 2015, 'Engagé (€)': 800, 'Bilan reçu': 'Non', 'Fichier(s)': null }),
      expect.objectContaining({ 'Code action': 'I_1.2', Année: 2014, 'Bilan reçu': 'Oui', 'Fichier(s)': null, 'Opérateur(s)': 'Op C' }),
    ]);
    expect(valueOf(totalsRow(s, REPORTING.table)['Engagé (€)'])).toBe(2500);

    const rates = tableRows(s, REPORTING_RATES.table);
    expect(rates).toHaveLength(1);
    expect(rates[0]).toMatchObject({ Axe: AXIS.get('I_1.1.1'), 'Bilans attendus': 3, 'Bilans reçus': 2 });
    expect(rates[0]['Taux de remise']).toMatchObject({ formula: expect.stringMatching(/^D\d+\/C\d+$/), value: 2 / 3 });
    const overall = totalsRow(s, REPORTING_RATES.table);
    expect(overall).toMatchObject({ Axe: 'Ensemble du contrat', 'Bilans attendus': { value: 3 }, 'Bilans reçus': { value: 2 } });
    expect(overall['Taux de remise']).toMatchObject({ formula: expect.stringMatching(/^D\d+\/C\d+$/), value: 2 / 3 });
    // Shown as a percentage: 66.7 %.
    const t = s.tables.find((x) => x.name === REPORTING_RATES.table)!;
    const overallCell = cellAddress(t.headerRow + t.rowCount + 1, 2);
    expect(s.formats).toContainEqual({ ref: overallCell, format: 'percent' });
    // The note ties the rate to the 4th evaluative question.
    expect(text(s).some((x) => x.includes('4e question évaluative') && x.includes(RA.questions[3].text.replace(/’/g, "'")))).toBe(true);
    // The chart draws Axe × Taux de remise.
    expect(s.charts).toEqual([
      expect.objectContaining({ table: REPORTING_RATES.table, columns: ['Axe', 'Taux de remise'], kind: 'columnClustered' }),
    ]);
  });

  test('rates per axis and overall, the unknown axis last; a missing report names the plan’s porteur', async () => {
    const { f } = await run({
      commitments: [
        ['ANIM', 'REGION', 2014, 1, null, null],
        ['ANIM', 'REGION', 2015, 1, null, null],
        ['I_1.2', 'REGION', 2014, 1, null, null],
        ['X_INCONNU', 'REGION', 2014, 1, null, null],
      ],
      reports: [
        ['ANIM', 'CRESS', 2014, 'PUBLIC_SENSIBILISE', 1, null, 'a'],
        ['X_INCONNU', 'Op', 2014, 'PUBLIC_SENSIBILISE', 1, null, 'x'],
      ],
    });
    expect(f.rates).toEqual([
      { axis: AXIS.get('ANIM'), expected: 2, received: 1 },
      { axis: AXIS.get('I_1.2'), expected: 1, received: 0 },
      { axis: UNKNOWN_AXIS, expected: 1, received: 1 },
    ]);
    expect(f.reporting.find((r) => r.action === 'ANIM' && r.year === 2015)).toMatchObject({
      received: false,
      operators: ['CRESS Rhône-Alpes'],
    });
    expect(f.reporting.find((r) => r.action === 'X_INCONNU')).toMatchObject({ title: UNKNOWN_AXIS, axis: UNKNOWN_AXIS, received: true });
  });

  test('with no commitment, no report is expected and no rate is computed', async () => {
    const sheets = await followUpPlaced({ reports: [['ANIM', 'CRESS', 2014, 'PUBLIC_SENSIBILISE', 1, null, 'a']] });
    const s = sheet(sheets, REPORTING.sheet);
    expect(tableRows(s, REPORTING_RATES.table)).toEqual([]);
    expect(formulaCells([s]).filter((c) => c.formula.includes('/'))).toEqual([]);
    expect(s.charts).toBeUndefined();
    expect(text(s)).toContain("Aucun engagement lisible pour l'instant : aucun bilan n'est attendu.");
  });
});

describe('Engagé, versé, déclaré, dépensé', () => {
  test('paid from Versements, declared from the subsidy posts, remaining as a formula, the flags', async () => {
    const sheets = await followUpPlaced({
      commitments: [
        ['ANIM', 'REGION', 2014, 1000, null, null],
        ['ANIM', 'ETAT', 2014, 500, null, null],
        ['ANIM', 'REGION', 2014, 250.5, null, null],
        ['I_1.2', 'REGION', 2014, 300, null, null],
      ],
      payments: [
        ['ANIM', 'REGION', 2014, null, 'Avance', '2014-09-15', 600.25, 'M-1'],
        ['ANIM', 'REGION', 2014, null, 'Acompte', '2014-11-15', 100, 'M-2'],
        ['ANIM', 'ETAT', 2014, null, 'Solde', '2015-03-01', 450, 'M-3'],
        ['I_1.2', 'REGION', 2014, null, 'Avance', '2014-09-15', 150, 'M-4'],
      ],
      realised: [
        // Granted (Réalisé) and received to date: the balance still to come is not received.
        ['ANIM', 'CRESS', 2014, '74 - Subventions d’exploitation', 'REGION', 1200, 1200, 600.25, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '74 - Subventions d’exploitation', 'Etat', 500, 500, 500, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '741 Région', 'Région Rhône-Alpes', null, 100, 100, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '74 - Subventions d’exploitation', 'CDC', null, 50, 50, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '74 - Autres subventions', null, null, 10, 10, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '64 - Charges de personnel', null, 900, 700.1, null, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '86 - Emplois des contributions volontaires en nature', null, null, 100, null, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '60 - Achats', null, 50, null, null, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '70 - Ventes', null, null, 999, null, null, 'cr.xlsx'],
        ['ANIM', 'CRESS', 2014, '87 - Contributions volontaires', null, null, 100, null, null, 'cr.xlsx'],
      ],
    });
    const s = sheet(sheets, FUNDING.sheet);
    const rows = tableRows(s, FUNDING.table).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, valueOf(v)])));
    const [c, a, y, committed, paid, remaining, declared, spent, alerts] = headersOf(FUNDING);
    // Subsidies declared 1 260,25 € > charges 800,10 € (6… and 86…): every ANIM row is flagged.
    const over = 'subventions > dépenses';
    expect(rows).toEqual([
      // Paid 700,25 € = declared 700,25 €: only the spending flag.
      {
        [c]: 'ANIM',
        [a]: 'REGION',
        [y]: 2014,
        [committed]: 1250.5,
        [paid]: 700.25,
        [remaining]: 550.25,
        [declared]: 700.25,
        [spent]: 800.1,
        [alerts]: over,
      },
      {
        [c]: 'ANIM',
        [a]: 'ETAT',
        [y]: 2014,
        [committed]: 500,
        [paid]: 450,
        [remaining]: 50,
        [declared]: 500,
        [spent]: 800.1,
        [alerts]: `versé ≠ déclaré ; ${over}`,
      },
      {
        [c]: 'ANIM',
        [a]: 'CDC',
        [y]: 2014,
        [committed]: 0,
        [paid]: 0,
        [remaining]: 0,
        [declared]: 50,
        [spent]: 800.1,
        [alerts]: `versé ≠ déclaré ; ${over}`,
      },
      {
        [c]: 'ANIM',
        [a]: UNSPECIFIED_FUNDER,
        [y]: 2014,
        [committed]: 0,
        [paid]: 0,
        [remaining]: 0,
        [declared]: 10,
        [spent]: 800.1,
        [alerts]: `versé ≠ déclaré ; ${over}`,
      },
      // No financial report for this action-year: declared and spent are unknown, not 0, and nothing is flagged.
      {
        [c]: 'I_1.2',
        [a]: 'REGION',
        [y]: 2014,
        [committed]: 300,
        [paid]: 150,
        [remaining]: 150,
        [declared]: null,
        [spent]: null,
        [alerts]: null,
      },
    ]);
    const first = tableRows(s, FUNDING.table)[0][remaining];
    expect(first).toMatchObject({ formula: expect.stringMatching(/^D\d+-E\d+$/) });
    const totals = totalsRow(s, FUNDING.table);
    expect([totals[committed], totals[paid], totals[remaining], totals[declared], totals[spent]].map(valueOf)).toEqual([
      2050.5,
      1300.25,
      750.25,
      1260.25,
      null,
    ]);
    expect(text(s).some((x) => x.startsWith('Aucun compte rendu financier'))).toBe(false);
  });

  test('a workbook of contract version 2 (no « Reçu à date » column) reads « Réalisé » of a subsidy as declared received', async () => {
    const tables = frameworkTables(RA, false);
    const at = tables.realised.headers.indexOf('Reçu à date (€)');
    tables.realised.headers = tables.realised.headers.filter((_, i) => i !== at);
    tables.commitments.rows = [['ANIM', 'REGION', 2014, 1000, null, null]];
    tables.realised.rows = [['ANIM', 'CRESS', 2014, '74 - Subvention', 'REGION', 1000, 800, null, 'v1.xlsx']];
    const wb = new MemoryWorkbook(inputSheets(tables, { years: YEARS, notes: frameworkNotes(RA), example: false }));
    const a = analyse(await readContractTables(wb));
    expect(followUp(a.records, a.evaluation).funding).toEqual([
      {
        action: 'ANIM',
        funder: 'REGION',
        year: 2014,
        committed: 100000,
        paid: 0,
        declared: 80000,
        spent: 0,
        alerts: ['versé ≠ déclaré', 'subventions > dépenses'],
      },
    ]);
  });

  test('without any financial report, a note says so and declared stays empty', async () => {
    const sheets = await followUpPlaced({ commitments: [['ANIM', 'REGION', 2014, 1000, null, null]] });
    const s = sheet(sheets, FUNDING.sheet);
    expect(text(s).some((x) => x.startsWith("Aucun compte rendu financier n'a encore été importé"))).toBe(true);
    const [, , , , paid, remaining, declared] = headersOf(FUNDING);
    expect(tableRows(s, FUNDING.table).map((r) => [valueOf(r[paid]), valueOf(r[remaining]), r[declared]])).toEqual([[0, 1000, null]]);
  });

  test('posts: 74… are subsidies; 6… and 86… are charges', () => {
    expect(['74', '741 Région', ' 74 - Subventions'].every(isSubsidyPost)).toBe(true);
    expect(['70 - Ventes', '64', 'Subventions 74'].some(isSubsidyPost)).toBe(false);
    expect(['60 - Achats', '64', '86 - Emplois des CVN', '681'].every(isChargePost)).toBe(true);
    expect(['74', '87 - Contributions', '70', '8'].some(isChargePost)).toBe(false);
  });

  test('amounts add to the cent whatever the rows (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commitment, { maxLength: 15 }), fc.array(realised, { maxLength: 25 }), async (commitments, rows) => {
        const { f } = await run({ commitments, realised: rows });
        const committed = commitments.filter((c) => (c[3] as number) >= 0).reduce((a, c) => a + Math.round((c[3] as number) * 100), 0);
        const subsidies = rows.filter((r) => String(r[3]).startsWith('74')).reduce((a, r) => a + Math.round((r[6] as number) * 100), 0);
        expect(f.funding.reduce((a, r) => a + r.committed, 0)).toBe(committed);
        expect(f.funding.reduce((a, r) => a + (r.declared ?? 0), 0)).toBe(subsidies);
        for (const r of f.funding)
          expect(Number.isInteger(r.committed) && (r.declared === null || Number.isInteger(r.declared))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('charts', () => {
  test('the Office adapter draws the reporting rate (Axe × Taux) and the indicators’ evolution (years × indicators)', async () => {
    const host = new FakeExcelHost();
    const { uninstall } = host.install(globalThis);
    try {
      const sheets = sheetsOf({
        commitments: [
          ['ANIM', 'REGION', 2014, 1000, null, null],
          ['I_1.2', 'REGION', 2014, 1000, null, null],
          ['I_1.2', 'REGION', 2015, 1000, null, null],
        ],
        reports: [
          ['ANIM', 'CRESS', 2014, 'COOPERATIONS_ESS', 4, '69', 'a'],
          ['ANIM', 'CRESS', 2015, 'COOPERATIONS_ESS', 6, '69', 'a'],
          ['I_1.2', 'Op', 2014, 'PUBLIC_SENSIBILISE', 100, '38', 'b'],
          ['I_1.2', 'Op', 2014, 'FINANCEMENTS_MOBILISES', 5000, '38', 'b'],
        ],
      });
      for (const s of sheets) {
        host.addSheet(
          s.name,
          s.rows.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? ('text' in v ? v.text : null) : v))),
        );
        for (const t of s.tables) host.addTable(s.name, t.name, t.ref);
      }
      await runInExcel(({ workbook }) => consolidateWorkbook(workbook, workbook, false));
      const source = (sheetName: string) => {
        const charts = host.chartList(sheetName);
        expect(charts).toHaveLength(1);
        const range = charts[0].source.slice(charts[0].source.lastIndexOf('!') + 1);
        const r = parseRange(range)!;
        return { chart: charts[0], grid: host.values(sheetName, range), rows: r.bottom - r.top };
      };
      const rate = source(REPORTING.sheet);
      expect(rate.chart).toMatchObject({ chartType: 'ColumnClustered', title: 'Taux de remise des bilans par axe' });
      expect(rate.grid[0]).toEqual(['Axe', 'Taux de remise']);
      expect(rate.grid.slice(1).map((r) => r[0])).toEqual([AXIS.get('ANIM'), AXIS.get('I_1.2')]);
      // The rates are formulas (the fake host does not compute them).
      const rateTable = host.table(REPORTING_RATES.table)!;
      const first = parseRange(rateTable.address)!;
      expect(host.cell(REPORTING.sheet, cellAddress(first.top + 1, 2)).formula).toMatch(/^=D\d+\/C\d+$/);

      const evolution = source(INDICATORS_BY_AXIS.sheet);
      expect(evolution.chart.chartType).toBe('Line');
      const label = (code: string) => RA.indicators.find((i) => i.code === code)!.label;
      // Counts only: the amount (€) indicator is left out of the chart.
      expect(evolution.grid[0]).toEqual(['Année', label('COOPERATIONS_ESS'), label('PUBLIC_SENSIBILISE')]);
      // Years as text, so that Excel takes them as the categories rather than as one more series.
      expect(evolution.grid.slice(1)).toEqual([
        ['2014', 4, 100],
        ['2015', 6, null],
        ['2016', null, null],
      ]);
    } finally {
      uninstall();
    }
  });
});
