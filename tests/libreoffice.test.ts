/**
 * A real spreadsheet engine: LibreOffice Calc (installed by .ci/run from Debian's packages)
 * opens the consolidated workbook, computes every formula the tool wrote, and the values must
 * equal what the tool computed itself. The tool writes each formula with its value; LibreOffice is
 * made to recalculate every formula on load, so the values read back are its own.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { openXlsxBytes } from '../src/adapters/node/files';
import { readContractTables } from '../src/commands/read-contract';
import { analyse, generated } from '../src/core/analysis/analyse';
import { findFramework } from '../src/core/framework';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { formulaCells, inputSheets } from '../src/core/layout';
import { cli, saveSheets, tempDir } from './support/files';
import { convertRecalculated } from './support/libreoffice';
import { FUNDING } from '../src/core/contract/tables';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const tmp = tempDir('lo');
afterAll(() => tmp.cleanup());

/** The value of a cell as computed: a formula cell's cached result, or the plain value. */
function cellNumber(cell: ExcelJS.Cell): number | string | null {
  const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'error' in v) return String((v as { error: string }).error);
  return v as number | string;
}

test('every formula of the consolidated workbook computes, in LibreOffice, to the tool’s own figures', async () => {
  // The example plus reports over three years, so that every aggregation spans several years.
  const tables = frameworkTables(RA, true);
  tables.reports.rows.push(
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'COLLECTIVITES_POLITIQUE_ESS', 14, '69', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'EVOLUTION_CA', 2.25, '38', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'PARTICIPANTS_RENCONTRE_REGIONALE', 950, '69', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'PUBLIC_SENSIBILISE', 1234, '42', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'FINANCEMENTS_MOBILISES', 1234.56, '42', 'test'],
    // Territories written as users write them, for the follow-up sheets.
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'PUBLIC_SENSIBILISE', 75, 'QPV Mistral', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'PUBLIC_SENSIBILISE', 33.5, 'ZRR', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2014, 'EVOLUTION_CA', 1.3, null, 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'EVOLUTION_CA', 2.1, null, 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'EVOLUTION_CA', 0.7, null, 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'COLLECTIVITES_POLITIQUE_ESS', 3, 'QPV Mistral', 'test'],
  );
  // Financial reports (Réalisé financier): subsidies granted and received to date per funder
  // (posts 74) and charges (posts 6 and 86), for Engagé, reçu, dépensé.
  const cr = (
    action: string,
    operator: string,
    year: number,
    post: string,
    funder: string | null,
    planned: number,
    actual: number,
    received: number | null,
    comment: string | null,
    source: string,
  ) => [action, operator, year, post, funder, planned, actual, received, comment, source];
  tables.realised.rows.push(
    cr('ANIM', 'CRESS Rhône-Alpes', 2014, '64 - Charges de personnel', null, 120000, 118500.5, null, null, 'bilan-anim-2014.xlsx'),
    cr('ANIM', 'CRESS Rhône-Alpes', 2014, '60 - Achats', null, 10000, 9800, null, null, 'bilan-anim-2014.xlsx'),
    cr(
      'ANIM',
      'CRESS Rhône-Alpes',
      2014,
      '86 - Emplois des contributions volontaires en nature',
      null,
      5000,
      4500,
      null,
      null,
      'bilan-anim-2014.xlsx',
    ),
    cr('ANIM', 'CRESS Rhône-Alpes', 2014, '70 - Ventes de produits et prestations', null, 3000, 2500, null, null, 'bilan-anim-2014.xlsx'),
    cr(
      'ANIM',
      'CRESS Rhône-Alpes',
      2014,
      '74 - Subventions d’exploitation',
      'REGION',
      80000,
      80000,
      75000.25,
      null,
      'bilan-anim-2014.xlsx',
    ),
    cr('ANIM', 'CRESS Rhône-Alpes', 2014, '74 - Subventions d’exploitation', 'Etat', 20000, 20000, 20000, null, 'bilan-anim-2014.xlsx'),
    cr(
      'I_1.2',
      'Opérateur fictif',
      2015,
      '74 - Subventions d’exploitation',
      'CDC',
      5000,
      5000,
      4200,
      'Sans engagement saisi',
      'bilan-i12-2015.xlsx',
    ),
    cr('I_1.2', 'Opérateur fictif', 2015, '62 - Services extérieurs', null, 6000, 6100.1, null, null, 'bilan-i12-2015.xlsx'),
  );
  // An indicator averaged over the years but added across operators, for the Moyenne formula.
  const financements = tables.indicators.rows.find((r) => r[0] === 'FINANCEMENTS_MOBILISES')!;
  financements[3] = 'Moyenne';
  const input = tmp.file('entree.xlsx');
  await saveSheets(inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(RA), example: true }), input);
  const out = tmp.file('consolide.xlsx');
  expect((await cli('consolidate', input, '-o', out)).code).toBe(0);

  // What the tool computed, laid out as it wrote it.
  const a = analyse(await readContractTables(await openXlsxBytes(readFileSync(out), 'consolide.xlsx')));
  const expected = formulaCells(generated(a));
  expect(expected.length).toBeGreaterThan(40);
  expect(expected.filter((f) => f.value === null)).toEqual([]);

  // The tool wrote every formula's value (a reader that does not recalculate sees the figures)…
  const written = new ExcelJS.Workbook();
  await written.xlsx.readFile(out);
  for (const f of expected) expect(cellNumber(written.getWorksheet(f.sheet)!.getCell(f.cell))).toBeCloseTo(f.value!, 9);

  // … and LibreOffice, made to recalculate everything on load, computes the same.
  const computed = new ExcelJS.Workbook();
  await computed.xlsx.readFile(convertRecalculated(out, 'xlsx', path.join(tmp.dir, 'lo'), tmp.dir));
  const mismatches = expected.flatMap((f) => {
    const got = cellNumber(computed.getWorksheet(f.sheet)!.getCell(f.cell));
    const ok = typeof got === 'number' && Math.abs(got - f.value!) <= 1e-9 * Math.max(1, Math.abs(f.value!));
    return ok ? [] : [{ ...f, got }];
  });
  expect(mismatches).toEqual([]);

  // Spot checks that tie the formulas to the convention's figures.
  const at = (sheet: string, formula: RegExp) => expected.filter((f) => f.sheet === sheet && formula.test(f.formula));
  const summaryTotal = at('Synthèse financière', /^SUM\(F/)[0];
  // 2014: 2 387 500 + 1 000 000 + 1 085 200; 2015 in the example: 2 387 500 + 1 000 000 + 976 600 (avenant).
  expect(summaryTotal.value).toBe(4472700 + 4364100);
  expect(at('Indicateurs consolidés', /^IF\(ISNUMBER/).length).toBeGreaterThan(0);
  // The follow-up sheets' formulas are among those LibreOffice computed.
  for (const sheet of ['Indicateurs par axe', 'Indicateurs par territoire']) {
    for (const f of [/^SUM\(/, /^ROUND\(AVERAGE\(/, /^MAX\(/, /^IF\(ISNUMBER/]) expect(at(sheet, f).length).toBeGreaterThan(0);
  }
  // A rate's minimum, median and maximum over its values, operator by operator.
  for (const f of [/^COUNT\(/, /^MIN\(/, /^ROUND\(MEDIAN\(/, /^MAX\(/]) expect(at('Indicateurs consolidés', f).length).toBeGreaterThan(0);
  // Governance: gaps to the frequency and participants per meeting.
  expect(at('Gouvernance', /^[A-Z]+\d+-[A-Z]+\d+$/).length).toBeGreaterThan(5);
  expect(at('Gouvernance', /^IF\([A-Z]+\d+=0,"",ROUND\(/).length).toBeGreaterThan(5);
  expect(at('Suivi des bilans', /^[A-Z]+\d+\/[A-Z]+\d+$/).length).toBeGreaterThan(1); // rates by axis and overall
  expect(at(FUNDING.sheet, /^[A-Z]+\d+-[A-Z]+\d+$/).length).toBeGreaterThan(1); // Reste à verser
  expect(at(FUNDING.sheet, /^SUM\(/).length).toBe(4); // engagé, versé, reste à verser, déclaré reçu
}, 180_000);
