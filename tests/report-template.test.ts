/**
 * The yearly report template (modèle de bilan): written with the .xlsx adapter and read back as
 * the import will read it (tables by name and headers, as declared), with its protection,
 * its hidden marker sheet and formulas that LibreOffice computes to the tool's own figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { openXlsxBytes } from '../src/adapters/node/files';
import { readContractTables } from '../src/commands/read-contract';
import { analyse } from '../src/core/analysis/analyse';
import { cellAddress } from '../src/core/shared/address';
import {
  MARKER_KEYS,
  QUALITATIVE_PARTS,
  REPORT_COMMITMENTS,
  REPORT_IDENTIFICATION,
  REPORT_MARKER,
  REPORT_PERIOD,
  REPORT_QUALITATIVE,
  REPORT_REALISED,
  REPORT_SIGNATURE,
  REPORT_VALUES,
  SIGNATURE_KEYS,
} from '../src/core/contract/tables';
import { territoryIndex } from '../src/core/contract/territory-index';
import { headersOf } from '../src/core/contract/declare';
import { requestOf } from '../src/commands/read-contract';
import { CHARGE_POSTS, COMMENT_THRESHOLD, PRODUCT_POSTS, SUBSIDY_POST } from '../src/core/reports/cerfa';
import { templateFileName, type TemplateInput } from '../src/core/reports/template-input';
import { renderFinding } from '../src/core/rules/render';
import { spaced } from './support/text';
import { UserError } from '../src/core/shared/errors';
import { findFramework, planRows } from '../src/core/framework';
import type { Formula, PlacedSheet } from '../src/core/layout/placed';
import { formulaCells, inputSheets } from '../src/core/layout';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import {
  REALISED_TOTALS,
  SPARE_SUBSIDY_ROWS,
  SPARE_VALUE_ROWS,
  realisedGap,
  reportTemplateSheets,
  templateIndicators,
} from '../src/core/layout/report-template';
import { parseReport, reportTablesOf } from '../src/core/reports/parse-report';
import { cmdTemplate } from '../src/faces/cli/template';
import type { CellValue, TableRead } from '../src/ports/workbook';
import { isUncomputed } from '../src/core/contract/cells';
import { cli, saveSheets, tempDir } from './support/files';
import { convertRecalculated } from './support/libreoffice';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const PLAN = planRows(RA).find((r) => r.action.code === 'I_1.1.1')!;
const tmp = tempDir('bilan');
afterAll(() => tmp.cleanup());

const COMMITMENTS = [
  { funder: 'REGION', name: 'Région Rhône-Alpes', cents: 1_500_000 },
  { funder: 'CDC', name: 'Caisse des Dépôts et Consignations', cents: 250_050 },
];

function templateInput(extra: Partial<TemplateInput> = {}): TemplateInput {
  return { framework: RA, action: { code: PLAN.action.code, title: PLAN.action.title, axis: PLAN.axis }, year: 2014, ...extra };
}

const TABLES = [
  REPORT_MARKER,
  REPORT_IDENTIFICATION,
  REPORT_VALUES,
  REPORT_COMMITMENTS,
  REPORT_REALISED,
  REPORT_QUALITATIVE,
  REPORT_SIGNATURE,
  REPORT_PERIOD,
];

/** The indicators the template of I_1.1.1 asks (its own), in the catalogue's order. */
const OWN = templateIndicators({ framework: RA, action: { code: 'I_1.1.1', title: '' }, year: 2014 }).rows;

/** Reads every table of the template as the import does: by name, sheet and headers (the whole period's only in the last year's). */
async function readTemplate(file: string): Promise<{ sheets: string[]; tables: Record<string, TableRead> }> {
  const reader = await openXlsxBytes(readFileSync(file), path.basename(file));
  const results = await reader.readTables(TABLES.map(requestOf));
  const tables: Record<string, TableRead> = {};
  results.forEach((r, i) => {
    if (r.ok) tables[TABLES[i].table] = r.read;
    else if (TABLES[i] !== REPORT_PERIOD) throw new Error(`${TABLES[i].table}: ${JSON.stringify(r.problem)}`);
  });
  return { sheets: await reader.sheetNames(), tables };
}

const nonEmpty = (rows: CellValue[][]) => rows.filter((r) => r.some((v) => v !== null && v !== ''));
/** A row's cells with the formulas the file carries without result (lookups, gaps) left out. */
const typed = (row: CellValue[]) => row.map((v) => (isUncomputed(v) ? null : v));
const keyValues = (t: TableRead) => Object.fromEntries(t.rows.map((r) => [r[0], r[1]]));

async function writeTemplate(name: string, input: TemplateInput): Promise<string> {
  const file = tmp.file(name);
  await saveSheets(reportTemplateSheets(input), file);
  return file;
}

describe('the template as the import reads it', () => {
  let withOperator: string;
  let withoutOperator: string;

  beforeAll(async () => {
    withOperator = await writeTemplate('avec-operateur.xlsx', templateInput({ operator: 'CRESS Rhône-Alpes', commitments: COMMITMENTS }));
    withoutOperator = await writeTemplate('sans-operateur.xlsx', templateInput());
  });

  test('sheets, tables and headers exactly as declared, in their order', async () => {
    for (const file of [withOperator, withoutOperator]) {
      const { sheets, tables } = await readTemplate(file);
      expect(sheets).toEqual(['Bilan', 'Réalisé', 'Suivi ESS']);
      for (const spec of TABLES.filter((t) => t !== REPORT_PERIOD)) {
        expect(tables[spec.table]).toMatchObject({ sheet: spec.sheet, table: spec.table, headers: headersOf(spec) });
      }
      // The whole period's part is in the last year's template only.
      expect(tables[REPORT_PERIOD.table]).toBeUndefined();
    }
    // On the Bilan sheet, the tables come in the contract's order.
    const { tables } = await readTemplate(withOperator);
    const rows = ['tblIdentification', 'tblValeurs', 'tblQualitatif', 'tblEngagementsAction', 'tblSignature'].map(
      (t) => tables[t].headerRow,
    );
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
  });

  test('written parts, signature, and the whole period in the last year’s template (§5)', async () => {
    const { tables } = await readTemplate(withOperator);
    expect(tables.tblQualitatif.rows).toEqual(QUALITATIVE_PARTS.map((p) => [p, null]));
    expect(tables.tblSignature.rows).toEqual(SIGNATURE_KEYS.map((k) => [k, null]));
    const last = await writeTemplate('2016.xlsx', templateInput({ year: 2016 }));
    const t2016 = (await readTemplate(last)).tables;
    expect(t2016.tblBilanPeriode.rows).toEqual(QUALITATIVE_PARTS.map((p) => [p, null]));
    expect(t2016.tblBilanPeriode.headerRow).toBeGreaterThan(t2016.tblQualitatif.headerRow);
    // The text cells are to fill, the parts are not.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(last);
    const bilan = wb.getWorksheet('Bilan')!;
    for (const t of [t2016.tblQualitatif, t2016.tblBilanPeriode, t2016.tblSignature]) {
      expect(bilan.getCell(cellAddress(t.headerRow + 1, t.firstCol + 1)).protection?.locked).toBe(false);
      expect(bilan.getCell(cellAddress(t.headerRow + 1, t.firstCol)).protection?.locked).not.toBe(false);
    }
  });

  test('the marker table identifies the model, its version, the framework, the action, the year and the operator', async () => {
    const a = await readTemplate(withOperator);
    expect(a.tables.tblModele.rows.map((r) => r[0])).toEqual([...MARKER_KEYS]);
    expect(keyValues(a.tables.tblModele)).toEqual({
      Modèle: 'suivi-ess/bilan',
      Version: 2,
      Cadre: 'rhone-alpes-ces-2014-2016',
      Action: 'I_1.1.1',
      Année: 2014,
      Opérateur: 'CRESS Rhône-Alpes',
    });
    const b = await readTemplate(withoutOperator);
    expect(keyValues(b.tables.tblModele)).toMatchObject({ Action: 'I_1.1.1', Année: 2014, Opérateur: null });
  });

  test('identification: action, title, year, and the operator when given', async () => {
    const a = await readTemplate(withOperator);
    expect(a.tables.tblIdentification.rows).toEqual([
      ['Action', 'I_1.1.1'],
      ['Intitulé de l’action', 'Rhône-Alpes Solidaires et ses déclinaisons locales'],
      ['Année', 2014],
      ['Opérateur', 'CRESS Rhône-Alpes'],
    ]);
    const b = await readTemplate(withoutOperator);
    expect(b.tables.tblIdentification.rows[3]).toEqual(['Opérateur', null]);
  });

  test('values: one row per indicator the action asks, no value, then the spare rows', async () => {
    const { tables } = await readTemplate(withoutOperator);
    const rows = tables.tblValeurs.rows;
    // I_1.1.1 asks 3 of the 16 indicators (Indicateurs des actions, proposed from §5).
    expect(OWN.map((i) => i.code)).toEqual(['COLLECTIVITES_POLITIQUE_ESS', 'PUBLIC_SENSIBILISE', 'DYNAMIQUES_LOCALES']);
    expect(rows).toHaveLength(OWN.length + SPARE_VALUE_ROWS);
    expect(rows.slice(0, OWN.length)).toEqual(OWN.map((i) => [i.code, i.label, i.unit, null, null, null]));
    // The spare rows hold nothing a reader would take for a value: their label and unit are
    // lookups without result yet (read as such, never as values), the rest is empty.
    const spare = rows.slice(OWN.length);
    expect(spare.every((r) => isUncomputed(r[1]) && isUncomputed(r[2]))).toBe(true);
    expect(nonEmpty(spare.map(typed))).toEqual([]);
    // An action without its own list asks the whole catalogue.
    const all = templateIndicators({ framework: { ...RA, actionIndicators: [] }, action: { code: 'I_1.1.1', title: '' }, year: 2014 });
    expect(all.rows).toHaveLength(RA.indicators.length);
  });

  test('commitments: shown for information with their total; an empty table without commitments', async () => {
    const a = await readTemplate(withOperator);
    expect(a.tables.tblEngagementsAction.rows).toEqual([
      ['REGION', 'Région Rhône-Alpes', 15000],
      ['CDC', 'Caisse des Dépôts et Consignations', 2500.5],
    ]);
    const b = await readTemplate(withoutOperator);
    expect(nonEmpty(b.tables.tblEngagementsAction.rows)).toEqual([]);
  });

  test('financial report: Cerfa posts, one subsidy row per funder, spare subsidy rows, no amounts', async () => {
    type Row = [string, string | null];
    const expectedRows = (funders: string[]): Row[] => [
      ...CHARGE_POSTS.map((p): Row => [p, null]),
      ...PRODUCT_POSTS.flatMap((p: string): Row[] =>
        p === SUBSIDY_POST
          ? [...funders.map((f): Row => [p, f]), ...Array.from({ length: SPARE_SUBSIDY_ROWS }, (): Row => [p, null])]
          : [[p, null]],
      ),
    ];
    const a = await readTemplate(withOperator);
    // With commitments: the funders that committed.
    expect(a.tables.tblRealise.rows.map((r) => r.slice(0, 2))).toEqual(expectedRows(['REGION', 'CDC']));
    // Without: the framework's signatories.
    const b = await readTemplate(withoutOperator);
    expect(b.tables.tblRealise.rows.map((r) => r.slice(0, 2))).toEqual(expectedRows(['REGION', 'ETAT', 'CDC']));
    // No amounts: the gap columns are formulas without result yet.
    for (const r of b.tables.tblRealise.rows) expect(typed(r.slice(2))).toEqual([null, null, null, null, null, null]);
    expect(CHARGE_POSTS[0]).toBe('60 – Achats');
    expect(PRODUCT_POSTS[PRODUCT_POSTS.length - 1]).toBe('87 – Contributions volontaires en nature');
  });

  test('protection: sheets protected without password, cells to fill unlocked, labels locked; marker sheet very hidden; formulas present', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(withoutOperator);
    const bilan = wb.getWorksheet('Bilan')!;
    const realise = wb.getWorksheet('Réalisé')!;
    const marker = wb.getWorksheet('Suivi ESS')!;
    expect([bilan.state, realise.state, marker.state]).toEqual(['visible', 'visible', 'veryHidden']);
    for (const ws of [bilan, realise, marker]) {
      const p = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
      expect(p).toMatchObject({ sheet: true });
      expect(p!.hashValue).toBeUndefined(); // no password: protection against mistakes only
    }
    const locked = (ws: ExcelJS.Worksheet, ref: string) => ws.getCell(ref).protection?.locked !== false;

    const { tables } = await readTemplate(withoutOperator);
    const at = (t: TableRead, row: number, header: string) => cellAddress(t.headerRow + 1 + row, t.firstCol + t.headers.indexOf(header));
    const id = tables.tblIdentification;
    expect(locked(bilan, at(id, 0, 'Valeur'))).toBe(true); // Action
    expect(locked(bilan, at(id, 3, 'Rubrique'))).toBe(true);
    expect(locked(bilan, at(id, 3, 'Valeur'))).toBe(false); // Opérateur, empty: to fill

    const v = tables.tblValeurs;
    const n = OWN.length;
    for (const row of [0, n - 1, n, n + SPARE_VALUE_ROWS - 1]) {
      for (const h of ['Territoire', 'Valeur', 'Commentaire']) expect(locked(bilan, at(v, row, h))).toBe(false);
      expect(locked(bilan, at(v, row, 'Indicateur'))).toBe(row < n); // spare rows: chosen by the operator
      expect(locked(bilan, at(v, row, 'Libellé'))).toBe(true);
      expect(locked(bilan, at(v, row, 'Unité'))).toBe(true);
    }
    expect(locked(bilan, 'A1')).toBe(true);
    // The spare rows look the whole catalogue up on the hidden sheet.
    expect(bilan.getCell(at(v, n, 'Libellé')).formula).toMatch(/^IFERROR\(VLOOKUP\(A\d+,'Suivi ESS'!\$A\$\d+:\$C\$\d+,2,FALSE\),""\)$/);
    expect(bilan.getCell(at(v, 0, 'Valeur')).numFmt).toBe('General');
    expect(bilan.getCell(at(v, 0, 'Territoire')).numFmt).toBe('@');

    const r = tables.tblRealise;
    for (let row = 0; row < r.rows.length; row++) {
      for (const h of ['Prévu (€)', 'Réalisé (€)', 'Commentaire']) expect(locked(realise, at(r, row, h))).toBe(false);
      for (const h of ['Poste', 'Écart (€)', 'Écart (%)']) expect(locked(realise, at(r, row, h))).toBe(true);
      expect(locked(realise, at(r, row, 'Financeur'))).toBe(!(r.rows[row][0] === SUBSIDY_POST && r.rows[row][1] === null));
      // Received to date: subsidies only.
      expect(locked(realise, at(r, row, 'Reçu à date (€)'))).toBe(r.rows[row][0] !== SUBSIDY_POST);
      expect(realise.getCell(at(r, row, 'Écart (€)')).formula).toMatch(/^IF\(AND\(C\d+="",D\d+=""\),"",D\d+-C\d+\)$/);
      expect(realise.getCell(at(r, row, 'Écart (%)')).formula).toMatch(/^IF\(C\d+=0,"",F\d+\/C\d+\)$/);
      expect(realise.getCell(at(r, row, 'Prévu (€)')).numFmt).toBe('#,##0.00 "€"');
    }
    // Totals under the table, as plain SUM formulas.
    const below = r.headerRow + r.rows.length + 1;
    expect(realise.getCell(`A${below}`).value).toBe(REALISED_TOTALS.charges);
    expect(realise.getCell(`C${below}`).formula).toBe(`SUM(C${r.headerRow + 1}:C${r.headerRow + CHARGE_POSTS.length})`);
    expect(realise.getCell(`A${below + 1}`).value).toBe(REALISED_TOTALS.products);

    // The operator with a name given is locked.
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(withOperator);
    const id2 = (await readTemplate(withOperator)).tables.tblIdentification;
    expect(locked(wb2.getWorksheet('Bilan')!, at(id2, 3, 'Valeur'))).toBe(true);

    // Values are numbers: a stop-style validation; a comment missing over 15 % is highlighted.
    const validations = (ws: ExcelJS.Worksheet) =>
      (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations(bilan)[at(v, 0, 'Valeur')]).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', errorStyle: 'stop' });
    expect(validations(bilan)[at(v, n, 'Indicateur')]).toMatchObject({ type: 'list' });
    // The territories of the framework are offered (a warning, not a stop: a QPV may be typed).
    expect(validations(bilan)[at(v, 0, 'Territoire')]).toMatchObject({ type: 'list', errorStyle: 'warning' });
    expect(SPARE_SUBSIDY_ROWS).toBe(8);
    expect(validations(realise)[at(r, 0, 'Réalisé (€)')]).toMatchObject({ type: 'decimal' });
    const cf = (realise as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] })
      .conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].rules[0].formulae[0]).toContain(`>${COMMENT_THRESHOLD}`);
  });

  test('the template holds no value: every formula the tool computed is empty or 0', () => {
    const cells = formulaCells(reportTemplateSheets(templateInput({ commitments: COMMITMENTS })));
    const gaps = cells.filter((c) => c.sheet === 'Réalisé' && c.formula.startsWith('IF('));
    expect(gaps.length).toBeGreaterThan(40);
    expect(gaps.every((c) => c.value === null || c.value === 0)).toBe(true);
  });
});

function cellResult(cell: ExcelJS.Cell): number | string | null {
  const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'error' in v) return String((v as { error: string }).error);
  return v as number | string;
}

/** Fills Prévu, Réalisé and (subsidies) Reçu à date of the Réalisé sheet and updates the values the formulas compute. */
function fillRealised(sheet: PlacedSheet, amounts: (i: number) => [number | null, number | null]): void {
  const t = sheet.tables.find((x) => x.name === REPORT_REALISED.table)!;
  const c = (h: string) => t.columns.indexOf(h);
  const sums = { charges: [0, 0], products: [0, 0], subsidies: [0, 0] };
  for (let i = 0; i < t.rowCount; i++) {
    const row = sheet.rows[t.headerRow + i];
    const [planned, actual] = amounts(i);
    row[c('Prévu (€)')] = planned;
    row[c('Réalisé (€)')] = actual;
    const gap = realisedGap(planned, actual);
    (row[c('Écart (€)')] as Formula).value = gap.euros;
    (row[c('Écart (%)')] as Formula).value = gap.share;
    const s = i < CHARGE_POSTS.length ? sums.charges : sums.products;
    s[0] += planned ?? 0;
    s[1] += actual ?? 0;
    if (row[0] === SUBSIDY_POST) {
      // Half of what is granted received to date.
      const received = actual === null ? null : Math.round(actual * 50) / 100;
      row[c('Reçu à date (€)')] = received;
      sums.subsidies[0] += actual ?? 0;
      sums.subsidies[1] += received ?? 0;
    }
  }
  const set = (label: string, values: Record<string, number | null>) => {
    const row = sheet.rows.find((x) => x[0] === label)!;
    for (const [h, v] of Object.entries(values)) (row[c(h)] as Formula).value = v;
  };
  const totals = (label: string, [p, r]: number[]) =>
    set(label, { 'Prévu (€)': p, 'Réalisé (€)': r, 'Écart (€)': r - p, 'Écart (%)': p === 0 ? null : (r - p) / p });
  totals(REALISED_TOTALS.charges, sums.charges);
  totals(REALISED_TOTALS.products, sums.products);
  set(REALISED_TOTALS.result, {
    'Prévu (€)': sums.products[0] - sums.charges[0],
    'Réalisé (€)': sums.products[1] - sums.charges[1],
  });
  const [granted, received] = sums.subsidies;
  set(REALISED_TOTALS.due, { 'Réalisé (€)': granted, 'Reçu à date (€)': received, 'Écart (€)': received - granted });
}

test('LibreOffice computes the gaps and totals of a filled template to the tool’s own figures', async () => {
  const sheets = reportTemplateSheets(templateInput({ commitments: COMMITMENTS }));
  // Every case: both amounts, planned only, actual only, neither, planned 0, cents.
  fillRealised(sheets[1], (i) => {
    switch (i % 6) {
      case 0:
        return [1000 + i * 123.45, 1250.1 + i * 7];
      case 1:
        return [800, null];
      case 2:
        return [null, 432.1];
      case 3:
        return [null, null];
      case 4:
        return [0, 150];
      default:
        return [2000.05, 1999.95];
    }
  });
  // An indicator chosen in a spare row: its label and unit are looked up.
  const bilan = sheets[0];
  const v = bilan.tables.find((t) => t.name === REPORT_VALUES.table)!;
  const spare = v.headerRow + OWN.length; // 0-based index of the first spare row
  bilan.rows[spare][0] = 'EMPLOIS_CREES';

  const file = tmp.file('rempli.xlsx');
  await saveSheets(sheets, file);
  const expected = formulaCells(sheets);
  expect(expected.filter((f) => f.sheet === 'Réalisé' && typeof f.value === 'number').length).toBeGreaterThan(30);

  // LibreOffice, made to recalculate every formula on load, computes the tool's figures.
  const computed = new ExcelJS.Workbook();
  await computed.xlsx.readFile(convertRecalculated(file, 'xlsx', path.join(tmp.dir, 'lo'), tmp.dir));
  const lookedUp = [cellAddress(spare + 1, 2), cellAddress(spare + 1, 3)];
  const mismatches = expected.flatMap((f) => {
    const got = cellResult(computed.getWorksheet(f.sheet)!.getCell(f.cell));
    if (f.sheet === 'Bilan' && lookedUp.includes(f.cell)) return [];
    const ok =
      f.value === null
        ? got === null || got === ''
        : typeof got === 'number' && Math.abs(got - f.value) <= 1e-9 * Math.max(1, Math.abs(f.value));
    return ok ? [] : [{ ...f, got }];
  });
  expect(mismatches).toEqual([]);
  const ws = computed.getWorksheet('Bilan')!;
  expect(lookedUp.map((c) => cellResult(ws.getCell(c)))).toEqual(['Emplois créés ou maintenus', 'emplois']);
}, 180_000);

test('a template filled and saved by a spreadsheet is read by the import without refusal', async () => {
  const sheets = reportTemplateSheets(templateInput({ commitments: COMMITMENTS }));
  const [bilan, realise] = sheets;
  const table = (s: PlacedSheet, name: string) => s.tables.find((t) => t.name === name)!;
  const id = table(bilan, REPORT_IDENTIFICATION.table);
  bilan.rows[id.headerRow + 3][1] = 'Opérateur de test';
  const v = table(bilan, REPORT_VALUES.table);
  const row = (i: number) => bilan.rows[v.headerRow + i]; // 0-based index of the i-th data row
  row(0).splice(3, 2, '69', 4);
  row(2).splice(3, 2, null, 12.5);
  const spare = OWN.length;
  row(spare)[0] = 'COOPERATIONS_ESS';
  row(spare).splice(3, 3, 'QPV Les Minguettes', 2, 'Quartier prioritaire');
  const r = table(realise, REPORT_REALISED.table);
  realise.rows[r.headerRow + 0].splice(2, 2, 1000, 1300); // 30 % over, no comment: a warning
  const region = realise.rows.findIndex((x) => x[0] === SUBSIDY_POST && x[1] === 'REGION');
  realise.rows[region].splice(2, 3, 15000, 15000, 9000); // granted, received to date
  // A co-funder the workbook does not list, on a free row: imported as named.
  const free = realise.rows.findIndex((x, i) => i > region && x[0] === SUBSIDY_POST && x[1] === null);
  realise.rows[free].splice(1, 4, 'FSE', 5000, 5000, 2500);
  const written = table(bilan, REPORT_QUALITATIVE.table);
  bilan.rows[written.headerRow][1] = 'Trois plateformes locales ouvertes (fictif).';
  const sig = table(bilan, REPORT_SIGNATURE.table);
  bilan.rows[sig.headerRow].splice(1, 1, 'Nom de test');
  bilan.rows[sig.headerRow + 1].splice(1, 1, 'Président');
  bilan.rows[sig.headerRow + 2].splice(1, 1, 42079); // 15/03/2015, a date cell

  // Saved by LibreOffice, as an operator's spreadsheet would: formulas carry their results.
  const file = tmp.file('bilan-rempli.xlsx');
  await saveSheets(sheets, file);
  const loDir = path.join(tmp.dir, 'lo-import');
  convertRecalculated(file, 'xlsx', loDir, tmp.dir);
  const { tables } = await readTemplate(path.join(loDir, 'bilan-rempli.xlsx'));
  const territories = territoryIndex(
    RA.territories.map((t) => ({ ...t, aliases: t.aliases.join(';'), origin: { sheet: 'Territoires', row: 0, columns: {} } })),
  );
  const parsed = parseReport(
    'bilan-rempli.xlsx',
    reportTablesOf([
      tables.tblModele,
      tables.tblIdentification,
      tables.tblValeurs,
      tables.tblRealise,
      tables.tblQualitatif,
      tables.tblBilanPeriode ?? null,
      tables.tblSignature,
    ]),
    {
      frameworkId: RA.id,
      period: RA.period,
      actions: new Map(planRows(RA).map((p) => [p.action.code, p.action.title])),
      indicators: new Set(RA.indicators.map((i) => i.code)),
      funderOf: (t) => RA.funders.find((f) => f.code === t)?.code ?? null,
      actionIndicators: new Map([['I_1.1.1', OWN.map((i) => i.code)]]),
      territoryOf: (t) => territories.resolve(t)?.code ?? null,
    },
  );
  expect(parsed.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(parsed).toMatchObject({ action: 'I_1.1.1', operator: 'Opérateur de test', year: 2014, version: 2 });
  expect(parsed.reports).toEqual([
    // « 69 » is the département of the Rhône: imported as its code.
    ['I_1.1.1', 'Opérateur de test', 2014, OWN[0].code, 4, 'D69', 'bilan-rempli.xlsx'],
    ['I_1.1.1', 'Opérateur de test', 2014, OWN[2].code, 12.5, null, 'bilan-rempli.xlsx'],
    ['I_1.1.1', 'Opérateur de test', 2014, 'COOPERATIONS_ESS', 2, 'QPV Les Minguettes', 'bilan-rempli.xlsx'],
  ]);
  // Granted in Réalisé, received to date beside it; the FSE imported as named.
  expect(parsed.realised.map((x) => x.slice(3, 8))).toEqual([
    ['60 – Achats', null, 1000, 1300, null],
    [SUBSIDY_POST, 'REGION', 15000, 15000, 9000],
    [SUBSIDY_POST, 'FSE', 5000, 5000, 2500],
  ]);
  expect(parsed.qualitative).toEqual([
    [
      'I_1.1.1',
      'Opérateur de test',
      2014,
      'Année',
      'Trois plateformes locales ouvertes (fictif).',
      null,
      null,
      null,
      'Nom de test',
      'Président',
      42079,
      'bilan-rempli.xlsx',
    ],
  ]);
  // Warnings, never a refusal: the gap without comment, the indicator and the territory the action
  // does not know (at their cells).
  const warned = parsed.findings.map((f) => f.rule);
  expect(warned).toEqual(expect.arrayContaining(['BILAN-ECART-SANS-COMMENTAIRE', 'INDICATEUR-HORS-ACTION', 'TERRITOIRE-INCONNU']));
  expect(warned).not.toContain('BILAN-QUALITATIF-VIDE');
  expect(warned).not.toContain('BILAN-SIGNATURE');
  expect(parsed.findings.some((f) => /15 %/.test(spaced(renderFinding(f))))).toBe(true);
}, 180_000);

describe('templateFileName', () => {
  test('safe characters only', () => {
    expect(templateFileName('I_1.1.1', 2014)).toBe('bilan-2014-I_1.1.1.xlsx');
    expect(templateFileName('I_1.1.1', 2014, null)).toBe('bilan-2014-I_1.1.1.xlsx');
    expect(templateFileName('I_1.1.1', 2014, 'CRESS Rhône-Alpes')).toBe('bilan-2014-I_1.1.1-CRESS-Rhone-Alpes.xlsx');
    expect(templateFileName('../a/b', 2015, ' Œuvre : « coop » / 3 ')).toBe('bilan-2015-a-b-OEuvre-coop-3.xlsx');
    expect(templateFileName('', 2016, '***')).toBe('bilan-2016-action.xlsx');
    expect(templateFileName('I_1.1.1', 2014, 'x'.repeat(200))).toMatch(/^bilan-2014-I_1\.1\.1-x{40}\.xlsx$/);
  });
});

describe('cmdTemplate', () => {
  const base = { framework: RA.id, action: 'I_1.1.1', year: '2014', force: false };
  const run = async (options: Partial<Parameters<typeof cmdTemplate>[0]>) => {
    const lines: string[] = [];
    const code = await cmdTemplate(
      { ...base, output: tmp.file('x.xlsx'), ...options },
      { out: (s) => lines.push(s), progress: () => undefined },
    );
    return { code, out: spaced(lines.join('\n')) };
  };
  const refusal = async (options: Partial<Parameters<typeof cmdTemplate>[0]>) => {
    const e = await run(options).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    return spaced((e as UserError).message);
  };

  test('refuses an unknown framework, an unknown action, a year outside the period, a file that exists', async () => {
    expect(await refusal({ framework: 'inconnu' })).toMatch(/^Un cadre connu est attendu après --framework, « inconnu » a été trouvé/);
    expect(await refusal({ action: 'I_9.9.9' })).toMatch(
      /^Un code d’action du cadre rhone-alpes-ces-2014-2016 est attendu après --action, « I_9\.9\.9 » a été trouvé ; codes connus : ANIM, I_1\.1\.1, I_1\.1\.2, /,
    );
    expect(await refusal({ year: '2017' })).toBe(
      'Une année de 2014 à 2016 (période du cadre rhone-alpes-ces-2014-2016) est attendue après --year, « 2017 » a été trouvé.',
    );
    expect(await refusal({ year: '14' })).toMatch(/^Une année de 2014 à 2016 .* est attendue après --year, « 14 »/);
    expect(await refusal({ output: tmp.file('bilan.txt') })).toMatch(/se terminant par \.xlsx/);
    const existing = tmp.file('existe.xlsx');
    writeFileSync(existing, 'précieux');
    expect(await refusal({ output: existing })).toBe(
      `Le fichier « ${existing} » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`,
    );
    expect(readFileSync(existing, 'utf8')).toBe('précieux');
    expect(await refusal({ from: tmp.file('absent.xlsx') })).toMatch(/introuvable/);
    // Every refusal is one sentence.
    expect((await refusal({ action: 'I_9.9.9' })).split('\n')).toHaveLength(1);
  });

  test('writes the template; --force replaces; a folder gets the default file name', async () => {
    const file = tmp.file('ok.xlsx');
    expect(await run({ output: file, operator: 'CRESS Rhône-Alpes' })).toEqual({
      code: 0,
      out: `Modèle de bilan créé : ${file} (action I_1.1.1, année 2014, opérateur CRESS Rhône-Alpes).`,
    });
    const { tables } = await readTemplate(file);
    expect(keyValues(tables.tblModele)).toMatchObject({ Action: 'I_1.1.1', Année: 2014, Opérateur: 'CRESS Rhône-Alpes' });
    expect((await run({ output: file, force: true, year: '2015' })).code).toBe(0);
    expect(keyValues((await readTemplate(file)).tables.tblModele)).toMatchObject({ Année: 2015, Opérateur: null });
    // Action codes are matched regardless of case.
    const folder = tmp.dir;
    expect((await run({ output: folder + path.sep, action: 'i_1.1.1' })).code).toBe(0);
    expect(existsSync(path.join(folder, 'bilan-2014-I_1.1.1.xlsx'))).toBe(true);
  });

  test('--from takes the commitments of the action and year, per funder, from the follow-up workbook', async () => {
    const suivi = tmp.file('suivi-exemple.xlsx');
    expect((await cli('init', '--framework', RA.id, '--example', '-o', suivi)).code).toBe(0);
    const a = analyse(await readContractTables(await openXlsxBytes(readFileSync(suivi), 'suivi-exemple.xlsx')));
    const expected = new Map<string, number>();
    for (const c of a.records.commitments) {
      if (c.action !== 'I_1.1.1' || c.year !== 2014 || !c.amount) continue;
      expect(expected.has(c.funder)).toBe(false); // the example has one row per funder
      expected.set(c.funder, c.amount.cents / 100);
    }
    expect(expected.size).toBeGreaterThan(0);

    const file = tmp.file('depuis-suivi.xlsx');
    const r = await run({ output: file, from: suivi });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${expected.size} financeur(s) engagé(s) repris de ${suivi}, montants fictifs (classeur d’exemple)`);
    const { tables } = await readTemplate(file);
    expect(tables.tblEngagementsAction.rows.map((x) => [x[0], x[2]])).toEqual([...expected]);
    // The subsidy rows offer the funders that committed.
    const subsidies = tables.tblRealise.rows.filter((x) => x[0] === SUBSIDY_POST && x[1] !== null).map((x) => x[1]);
    expect(subsidies).toEqual([...expected.keys()]);
    // The example's commitments are labelled as fictitious on the sheet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const texts: string[] = [];
    wb.getWorksheet('Bilan')!.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
    expect(texts.some((t) => t.startsWith('EXEMPLE FICTIF'))).toBe(true);

    // The follow-up workbook is never the output.
    expect(await refusal({ output: suivi, from: suivi, force: true })).toMatch(
      /^Le fichier de sortie doit être différent des fichiers lus/,
    );
    // A year without commitments: an empty table, and the signatories in the subsidy rows.
    const file2016 = tmp.file('depuis-suivi-2016.xlsx');
    expect((await run({ output: file2016, from: suivi, year: '2016' })).out).toContain('0 financeur(s) engagé(s)');
    expect(nonEmpty((await readTemplate(file2016)).tables.tblEngagementsAction.rows)).toEqual([]);
  });

  test('--from with another framework is refused; an action known only to the workbook’s plan is accepted', async () => {
    const suivi = tmp.file('suivi-pdl.xlsx');
    expect((await cli('init', '--framework', 'pays-de-la-loire-sress-2017-2021', '-o', suivi)).code).toBe(0);
    expect(await refusal({ from: suivi })).toBe(
      `Le classeur « ${suivi} » suit le cadre pays-de-la-loire-sress-2017-2021, le cadre rhone-alpes-ces-2014-2016 a été donné après --framework : donnez le même cadre.`,
    );
    // The Centre-Val de Loire framework has no action of its own: they come from the workbook's plan.
    const cvl = { framework: 'centre-val-de-loire-sress-2018-2021', year: '2018', action: 'CVL-01' };
    expect(await refusal(cvl)).toBe(
      'Aucune action n’est définie par le cadre centre-val-de-loire-sress-2018-2021 : ajoutez --from <classeur de suivi> dont le Plan d’actions contient l’action « CVL-01 ».',
    );
    // The Pays de la Loire framework's actions are its 15 objectives (codes assigned), and the workbook's plan.
    const pdl = { framework: 'pays-de-la-loire-sress-2017-2021', year: '2018', action: 'PDL-01' };
    expect(await refusal(pdl)).toMatch(/« PDL-01 » a été trouvé ; codes connus : E1\.1, E1\.2, /);
    expect(await refusal({ ...pdl, from: suivi })).toMatch(/du cadre pays-de-la-loire-sress-2017-2021 ou du Plan d’actions de/);
    const PDL = findFramework(pdl.framework)!;
    const tables = frameworkTables(PDL, false);
    tables.actions.rows.push([
      'E1 – Premier enjeu',
      null,
      null,
      'PDL-01',
      'Action inscrite au plan du classeur',
      'Opérateur du plan',
      2018,
    ]);
    const withPlan = tmp.file('suivi-pdl-plan.xlsx');
    await saveSheets(inputSheets(tables, { years: [2017, 2018, 2019, 2020, 2021], notes: frameworkNotes(PDL), example: false }), withPlan);
    const file = tmp.file('pdl-bilan.xlsx');
    expect((await run({ ...pdl, from: withPlan, output: file })).code).toBe(0);
    const read = await readTemplate(file);
    expect(read.tables.tblIdentification.rows.slice(0, 3)).toEqual([
      ['Action', 'PDL-01'],
      ['Intitulé de l’action', 'Action inscrite au plan du classeur'],
      ['Année', 2018],
    ]);
    // No indicator catalogue: only spare rows, empty (no lookups), so no row is read; no
    // signatory: every funder of the workbook.
    expect(read.tables.tblValeurs.rows).toEqual([]);
    const subsidies = read.tables.tblRealise.rows.filter((x) => x[0] === SUBSIDY_POST && x[1] !== null).map((x) => x[1]);
    expect(subsidies).toEqual(PDL.funders.map((f) => f.code));
  });
});
