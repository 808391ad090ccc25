import fc from 'fast-check';
import { analyse, generated } from '../src/core/analysis/analyse';
import { aggregatePeriod, consolidate, UNKNOWN_AXIS } from '../src/core/consolidation/consolidate';
import { combineYear, distributionOf, effectiveAcross } from '../src/core/consolidation/indicators';
import { findFramework, planRows } from '../src/core/framework';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { initSheets } from '../src/core/layout/init-sheets';
import { inputSheets } from '../src/core/layout';
import { readContractTables } from '../src/commands/read-contract';
import { centsToEuros } from '../src/core/shared/money';
import type { CellValue } from '../src/ports/workbook';
import { MemoryWorkbook } from './support/memory-workbook';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const CODES = planRows(RA).map((r) => r.action.code);

function workbookWith(commitments: CellValue[][], reports: CellValue[][] = []): MemoryWorkbook {
  const tables = frameworkTables(RA, false);
  tables.commitments.rows = commitments;
  tables.reports.rows = reports;
  return new MemoryWorkbook(inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(RA), example: false }));
}

async function run(wb: MemoryWorkbook) {
  const a = analyse(await readContractTables(wb));
  return { a, c: consolidate(a.records, a.evaluation) };
}

const commitment = fc.record({
  action: fc.constantFrom(...CODES, 'X_INCONNU'),
  funder: fc.constantFrom('REGION', 'ETAT', 'CDC', 'VILLE_LYON'),
  year: fc.constantFrom(2014, 2015, 2016),
  cents: fc.integer({ min: 0, max: 50_000_000_00 }),
});

describe('consolidation invariants', () => {
  test('the sum over axes, over the matrices and over funder-years all equal the input, to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commitment, { maxLength: 60 }), async (list) => {
        const wb = workbookWith(list.map((c) => [c.action, c.funder, c.year, centsToEuros(c.cents), null, null]));
        const { c } = await run(wb);
        const input = list.reduce((s, x) => s + x.cents, 0);
        const byAxis = c.byAxis.reduce((s, r) => s + r.total, 0);
        const byAxisYears = c.byAxis.reduce((s, r) => s + r.byYear.reduce((a, b) => a + b, 0), 0);
        const matrices = c.matrices.reduce((s, m) => s + m.total, 0);
        const totals = c.totals.reduce((s, t) => s + t.committed, 0);
        for (const m of c.matrices) {
          for (const r of m.rows) expect(r.total).toBe(r.cells.reduce((a, b) => a + b, 0));
          expect(m.total).toBe(m.totals.reduce((a, b) => a + b, 0));
        }
        expect([byAxis, byAxisYears, matrices, totals]).toEqual([input, input, input, input]);
        for (const x of [byAxis, matrices, totals]) expect(Number.isInteger(x)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test('the order of the rows does not change any consolidated figure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commitment, { minLength: 1, maxLength: 30 }), fc.integer(), async (list, seed) => {
        const rows = list.map((c) => [c.action, c.funder, c.year, centsToEuros(c.cents), null, null] as CellValue[]);
        const shuffled = [...rows].sort(
          (x, y) => ((JSON.stringify(x).length * 31 + seed) % 7) - ((JSON.stringify(y).length * 31 + seed) % 7),
        );
        const a = (await run(workbookWith(rows))).c;
        const b = (await run(workbookWith(shuffled))).c;
        expect(b.totals).toEqual(a.totals);
        expect(b.byAxis).toEqual(a.byAxis);
        expect(b.matrices).toEqual(a.matrices);
      }),
      { numRuns: 30 },
    );
  });

  test('commitments on an unknown action are kept under their own axis line, not dropped', async () => {
    const { c } = await run(workbookWith([['X_INCONNU', 'REGION', 2014, 10, null, null]]));
    expect(c.byAxis).toEqual([{ axis: UNKNOWN_AXIS, funder: 'REGION', byYear: [1000, 0, 0], total: 1000 }]);
  });

  test('consolidating twice gives identical sheets', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, true));
    const a1 = analyse(await readContractTables(wb));
    const a2 = analyse(await readContractTables(wb));
    expect(JSON.stringify(generated(a2))).toBe(JSON.stringify(generated(a1)));
  });
});

describe('indicators', () => {
  const reports = [
    ['I_1.2', 'Op A', 2014, 'PUBLIC_SENSIBILISE', 100, '69', 's'],
    ['I_1.2', 'Op B', 2014, 'PUBLIC_SENSIBILISE', 50, '38', 's'],
    ['I_1.2', 'Op A', 2015, 'PUBLIC_SENSIBILISE', 25, '69', 's'],
    ['ANIM', 'CRESS', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 10, null, 's'],
    ['ANIM', 'CRESS', 2015, 'COLLECTIVITES_POLITIQUE_ESS', 12, null, 's'],
    ['ANIM', 'CRESS', 2014, 'EVOLUTION_CA', 2.5, null, 's'],
    ['ANIM', 'CRESS', 2014, 'EVOLUTION_CA', 3.5, null, 's'],
    ['ANIM', 'CRESS', 2016, 'EVOLUTION_CA', 1.1, null, 's'],
    ['ANIM', 'CRESS', 2014, 'PARTICIPANTS_RENCONTRE_REGIONALE', 120, null, 's'],
    ['ANIM', 'CRESS', 2015, 'PARTICIPANTS_RENCONTRE_REGIONALE', 180, null, 's'],
    ['ANIM', 'CRESS', 2014, 'FINANCEMENTS_MOBILISES', 0.1, null, 's'],
    ['ANIM', 'CRESS', 2014, 'FINANCEMENTS_MOBILISES', 0.2, null, 's'],
  ];

  test('each indicator has one value per year and a period total that follows its aggregation', async () => {
    const { c } = await run(workbookWith([], reports));
    const row = (code: string) => c.indicators.find((i) => i.code === code)!;
    expect(row('PUBLIC_SENSIBILISE')).toMatchObject({ byYear: [150, 25, null], total: 175, aggregation: 'Somme' });
    expect(row('COLLECTIVITES_POLITIQUE_ESS')).toMatchObject({ byYear: [10, 12, null], total: 12, aggregation: 'Dernière valeur' });
    // A rate is never added nor averaged across operators: no consolidated value, its distribution instead.
    expect(row('EVOLUTION_CA')).toMatchObject({
      byYear: [null, null, null],
      total: null,
      aggregation: 'Moyenne',
      across: 'Non additionnable',
    });
    expect(c.distribution.filter((d) => d.code === 'EVOLUTION_CA')).toEqual([
      expect.objectContaining({ year: 2014, count: 2, min: 2.5, median: 3, max: 3.5 }),
      expect.objectContaining({ year: 2016, count: 1, min: 1.1, median: 1.1, max: 1.1 }),
    ]);
    expect(c.byOperator.filter((d) => d.code === 'EVOLUTION_CA').map((d) => [d.year, d.operator, d.value])).toEqual([
      [2014, 'CRESS', 2.5],
      [2014, 'CRESS', 3.5],
      [2016, 'CRESS', 1.1],
    ]);
    expect(row('PARTICIPANTS_RENCONTRE_REGIONALE')).toMatchObject({ byYear: [120, 180, null], total: 180, aggregation: 'Maximum' });
    // Decimal values add exactly (no 0.30000000000000004).
    expect(row('FINANCEMENTS_MOBILISES').byYear[0]).toBe(0.3);
    expect(row('EMPLOIS_CREES')).toMatchObject({ byYear: [null, null, null], total: null });
    // Grouped by evaluative question, in the catalogue's order.
    const questions = c.indicators.map((i) => i.question);
    expect(questions.indexOf(RA.questions[1].text)).toBeGreaterThan(questions.lastIndexOf(RA.questions[0].text));
  });

  test('a stock reported by two operators is not added: the larger is kept, each operator shown', async () => {
    const { c } = await run(
      workbookWith(
        [],
        [
          ['ANIM', 'CRESS', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 12, null, 's'],
          ['I_1.1.1', 'Op B', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 5, 'D69', 's'],
          ['I_1.1.1', 'Op B', 2014, 'COLLECTIVITES_POLITIQUE_ESS', 4, 'D38', 's'],
          ['I_1.1.1', 'Op B', 2015, 'COLLECTIVITES_POLITIQUE_ESS', 14, null, 's'],
        ],
      ),
    );
    const row = c.indicators.find((i) => i.code === 'COLLECTIVITES_POLITIQUE_ESS')!;
    // 2014: CRESS 12, Op B 5 + 4 = 9 (its territories add up): 12, never 21.
    expect(row).toMatchObject({ across: 'Maximum', byYear: [12, 14, null], total: 14 });
    expect(c.byOperator.filter((d) => d.code === row.code && d.year === 2014).map((d) => [d.operator, d.territory, d.value])).toEqual([
      ['CRESS', null, 12],
      ['Op B', 'D38', 4],
      ['Op B', 'D69', 5],
    ]);
  });

  test('effectiveAcross: a rate is never added; a workbook without the column keeps counts additive', () => {
    expect(effectiveAcross({ unit: '%', aggregation: 'Somme', acrossOperators: 'Somme' })).toBe('Non additionnable');
    expect(effectiveAcross({ unit: 'personnes', aggregation: 'Somme', acrossOperators: null })).toBe('Somme');
    expect(effectiveAcross({ unit: 'collectivités', aggregation: 'Dernière valeur', acrossOperators: null })).toBe('Maximum');
    expect(effectiveAcross({ unit: 'personnes', aggregation: 'Moyenne', acrossOperators: null })).toBe('Non additionnable');
    expect(combineYear([], 'Somme')).toBeNull();
    expect(combineYear([{ operator: 'a', micro: 1_000_000 }], 'Non additionnable')).toBeNull();
    expect(distributionOf([1, 3, 2, 10].map((x) => x * 1_000_000))).toEqual({ count: 4, min: 1, median: 2.5, max: 10 });
  });

  test('aggregatePeriod', () => {
    expect(aggregatePeriod([null, null], 'Somme')).toBeNull();
    expect(aggregatePeriod([1, null, 3], 'Dernière valeur')).toBe(3);
    expect(aggregatePeriod([1, 2, null], 'Moyenne')).toBe(1.5);
  });
});
