/**
 * The lean .xlsx writer (src/adapters/xlsx/write, node-writer.ts): what it writes is read back
 * the same by the project's own reader and by other programs — openpyxl (which does not
 * recalculate: it must see the cached formula values), exceljs and LibreOffice (whose own
 * recalculation of every formula must equal the cached value) — and carries every PlacedSheet
 * feature as SpreadsheetML. Excel's limits are refused with an Error rather than written.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import { nodeInflate, openXlsxBytes } from '../src/adapters/node/files';
import { ZipArchive } from '../src/adapters/xlsx/read/zip';
import { xlsxBytes, type XlsxWriteOptions } from '../src/adapters/xlsx/write';
import { crc32 } from '../src/adapters/xlsx/write/zip-writer';
import { escapeText } from '../src/adapters/xlsx/write/text';
import { nodeDeflate, writeXlsxFile, xlsxFileChunks } from '../src/adapters/node/xlsx-file';
import { decodeEntities, decodeText, parseSharedStrings } from '../src/adapters/xlsx/read/xml';
import { readContractTables } from '../src/commands/read-contract';
import { copiedInputSheets } from '../src/commands/consolidate';
import { analyse, generated } from '../src/core/analysis/analyse';
import { cellAddress, parseCell, parseRange } from '../src/core/shared/address';
import { serialToIso } from '../src/core/contract/formats';
import { findFramework } from '../src/core/framework';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { initSheets } from '../src/core/layout/init-sheets';
import { fillReport } from '../src/core/examples';
import { formulaCells, inputSheets } from '../src/core/layout';
import { isFormula, isLink, type PlacedSheet, type PlacedValue } from '../src/core/layout/placed';
import { reportTemplateSheets } from '../src/core/layout/report-template';
import type { CellValue } from '../src/ports/workbook';
import { cli, tempDir } from './support/files';
import { convertRecalculated } from './support/libreoffice';
import { actionTitle, REPORT_A } from './support/reports';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const tmp = tempDir('writer');
afterAll(() => tmp.cleanup());

// ---------------------------------------------------------------------------------------------
// Fixtures

function sheet(name: string, rows: PlacedValue[][], more: Partial<PlacedSheet> = {}): PlacedSheet {
  return { name, rows, styles: [], formats: [], tables: [], validations: [], freezeRows: 0, widths: [], generated: false, ...more };
}

/** Texts that are easy to get wrong: escapes, control characters, formula-like, long, astral. */
const TRICKY_TEXTS: string[] = [
  'plain',
  '_x0041_',
  '_x005F_',
  '__x0041__x0042_',
  '_X00e9_ lower and upper hex',
  'a\u0001b\u001Fc\u0008',
  'tab\there\nnew line',
  'cr\r\nlf and lone\rcr',
  '=SUM(A1:A2)',
  '+33 6 12 34 56 78',
  '-5 (moins cinq)',
  '@home',
  '  leading and trailing  ',
  '&<>"\' markup',
  'Émoji 😀 and accents éèà ç',
  'lone \uD800 high and \uDC00 low surrogates',
  'non-characters \uFFFE\uFFFF',
  'x'.repeat(32767),
  '=' + 'y'.repeat(32766),
];

const NUMBERS = [0, 1, -1, 1.5, 0.1 + 0.2, 1e-7, 123456789.123, -1e21, Number.MAX_SAFE_INTEGER, 2387500.55];

/** A sheet with a table holding every tricky text, number and boolean, in the rows the reader reads. */
function trickySheet(): PlacedSheet {
  const n = Math.max(TRICKY_TEXTS.length, NUMBERS.length);
  const rows: PlacedValue[][] = [['Valeurs délicates'], []];
  rows.push(['Texte', 'Nombre', 'Booléen']);
  for (let i = 0; i < n; i++) rows.push([TRICKY_TEXTS[i] ?? null, NUMBERS[i] ?? null, i % 3 === 2 ? null : i % 3 === 0]);
  return sheet('Délicat', rows, {
    styles: [{ ref: 'A1:A1', style: 'title' }],
    tables: [{ name: 'tblDelicat', ref: `A3:C${3 + n}`, headerRow: 3, firstCol: 1, columns: ['Texte', 'Nombre', 'Booléen'], rowCount: n }],
  });
}

function expectedTrickyRows(): CellValue[][] {
  return trickySheet()
    .rows.slice(3)
    .map((r) => [0, 1, 2].map((i) => (r[i] ?? null) as CellValue));
}

async function readTable(bytes: Uint8Array, sheetName: string, table: string, headers: string[]) {
  const reader = await openXlsxBytes(Buffer.from(bytes), 'test.xlsx');
  const [res] = await reader.readTables([{ sheet: sheetName, table, headers }]);
  if (!res.ok) throw new Error(`table ${table} not read: ${JSON.stringify(res.problem)}`);
  return res.read;
}

/** The consolidated example workbook (as `consolidate` lays it out), with reports over three years. */
async function consolidatedSheets(): Promise<PlacedSheet[]> {
  const tables = frameworkTables(RA, true);
  tables.reports.rows.push(
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'COLLECTIVITES_POLITIQUE_ESS', 14, '69', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'EVOLUTION_CA', 2.25, '38', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'PUBLIC_SENSIBILISE', 1234, '42', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'PUBLIC_SENSIBILISE', 75, 'QPV Mistral', 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2015, 'EVOLUTION_CA', 2.1, null, 'test'],
    ['ANIM', 'CRESS Rhône-Alpes', 2016, 'EVOLUTION_CA', 0.7, null, 'test'],
  );
  tables.realised.rows.push(
    ['ANIM', 'CRESS Rhône-Alpes', 2014, '64 - Charges de personnel', null, 120000, 118500.5, null, 'bilan-anim-2014.xlsx'],
    ['ANIM', 'CRESS Rhône-Alpes', 2014, '74 - Subventions d’exploitation', 'REGION', 80000, 75000.25, null, 'bilan-anim-2014.xlsx'],
    [
      'I_1.2',
      'Opérateur fictif',
      2015,
      '74 - Subventions d’exploitation',
      'CDC',
      5000,
      4200,
      'Sans engagement saisi',
      'bilan-i12-2015.xlsx',
    ],
  );
  const input = xlsxBytes(inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(RA), example: true }), {
    deflate: nodeDeflate,
  });
  const read = await readContractTables(await openXlsxBytes(Buffer.from(input), 'entree.xlsx'));
  const a = analyse(read);
  return [...copiedInputSheets(read, a), ...generated(a)];
}

function templateSheets(): PlacedSheet[] {
  return reportTemplateSheets({
    framework: RA,
    action: { code: 'I_1.2', title: 'Action de test' },
    year: 2015,
    operator: 'Association fictive',
    commitments: [{ funder: 'REGION', name: 'Région Rhône-Alpes', cents: 1250000 }],
  });
}

/** A sheet of findings-like links to other sheets' cells. */
function linksSheet(): PlacedSheet {
  return sheet('Liens', [['Cellule'], [{ text: 'A1', target: "'Délicat'!A1" }], [{ text: '-B7', target: "'Délicat'!B7" }]]);
}

const ZIP_OPTIONS = { maxExpandedBytes: 1 << 30, inflate: nodeInflate };

/** A part's text, read synchronously: the entry found by the reader's ZIP, inflated here. */
function part(bytes: Uint8Array, name: string): string {
  const buf = Buffer.from(bytes);
  const e = ZipArchive.open(buf, 'test.xlsx', ZIP_OPTIONS).find(name);
  if (!e) throw new Error(`no part ${name}`);
  const start = e.localHeaderOffset + 30 + buf.readUInt16LE(e.localHeaderOffset + 26) + buf.readUInt16LE(e.localHeaderOffset + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  return (e.method === 8 ? zlib.inflateRawSync(raw) : raw).toString('utf8');
}

function save(name: string, bytes: Uint8Array): string {
  const file = tmp.file(name);
  writeFileSync(file, bytes);
  return file;
}

let consolidated: PlacedSheet[];
let consolidatedFile: string;
beforeAll(async () => {
  consolidated = await consolidatedSheets();
  consolidatedFile = tmp.file('consolide.xlsx');
  await writeXlsxFile(consolidatedFile, [...consolidated, trickySheet(), linksSheet()]);
});

/** The sum of the summary's committed column (F) over rows from..to, as the tool placed them. */
function committedTotal(from: number, to: number): number {
  const s = consolidated.find((x) => x.name === 'Synthèse financière')!;
  let sum = 0;
  for (let r = from; r <= to; r++) sum += Math.round(Number(s.rows[r - 1]?.[5] ?? 0) * 100);
  return sum / 100;
}

// ---------------------------------------------------------------------------------------------
// ZIP container

describe('ZIP container', () => {
  test('CRC-32 equals zlib’s on every length around the 8-byte steps, and continues across chunks', () => {
    const data = new Uint8Array(70001);
    let x = 12345;
    for (let i = 0; i < data.length; i++) data[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 1000, 65536, 70001])
      expect(crc32(data.subarray(0, n))).toBe(zlib.crc32(data.subarray(0, n)));
    expect(crc32(data.subarray(5000), crc32(data.subarray(0, 5000)))).toBe(zlib.crc32(data));
  });

  test.each([
    ['stored', {}],
    ['deflated', { deflate: nodeDeflate }],
  ] as [string, XlsxWriteOptions][])('%s archives are read back entry by entry, CRC checked', async (_label, options) => {
    const bytes = xlsxBytes([trickySheet()], options);
    const zip = ZipArchive.open(Buffer.from(bytes), 'x.xlsx', ZIP_OPTIONS);
    for (const name of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/tables/table1.xml']) {
      expect(zip.find(name)?.method).toBe(options.deflate ? 8 : 0);
      expect(Buffer.from((await zip.read(name))!).toString('utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>/);
    }
    // The same sheets give the same bytes (fixed ZIP times, date given).
    const now = new Date('2024-01-02T03:04:05Z');
    expect(
      Buffer.from(xlsxBytes([trickySheet()], { ...options, now })).equals(Buffer.from(xlsxBytes([trickySheet()], { ...options, now }))),
    ).toBe(true);
  });

  test('chunks and the joined bytes are the same file', () => {
    const chunks = xlsxFileChunks([trickySheet()], { now: new Date(0) });
    expect(Buffer.concat(chunks).equals(Buffer.from(xlsxBytes([trickySheet()], { deflate: nodeDeflate, now: new Date(0) })))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip through the project's reader

describe('round trip through the project’s reader', () => {
  test.each([
    ['shared strings, deflated', { strings: 'shared', deflate: nodeDeflate }],
    ['inline strings, stored', { strings: 'inline' }],
  ] as [string, XlsxWriteOptions][])('texts, numbers and booleans come back exactly (%s)', async (_label, options) => {
    const read = await readTable(xlsxBytes([trickySheet()], options), 'Délicat', 'tblDelicat', ['Texte', 'Nombre', 'Booléen']);
    expect(read.headerRow).toBe(3);
    expect(read.rows).toEqual(expectedTrickyRows());
  });

  test('escaping: _xHHHH_ in user text is escaped, control characters are _xHHHH_, both decode back', () => {
    for (const s of TRICKY_TEXTS) expect(decodeText(escapeText(s))).toBe(s);
    expect(escapeText('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeText('a\u0001b')).toBe('a_x0001_b');
    expect(escapeText('a\rb')).toBe('a_x000D_b');
    expect(escapeText('a<b&c')).toBe('a&lt;b&amp;c');
    expect(escapeText('😀')).toBe('😀');
  });

  test('the consolidated workbook reads back as the tool wrote it: same tables, same analysis', async () => {
    const reader = await openXlsxBytes(readFileSync(consolidatedFile), 'consolide.xlsx');
    expect(await reader.sheetNames()).toEqual([...consolidated.map((s) => s.name), 'Délicat', 'Liens']);
    const again = analyse(await readContractTables(reader));
    const sheetsAgain = generated(again);
    expect(formulaCells(sheetsAgain)).toEqual(formulaCells(consolidated.filter((s) => s.generated)));
  });
});

// ---------------------------------------------------------------------------------------------
// SpreadsheetML features, in the XML

/** The 1-based number of a sheet of the consolidated workbook (its part is sheet<n>.xml). */
const sheetNumber = (name: string) => consolidated.findIndex((s) => s.name === name) + 1;
let ENGAGEMENTS = 0;
beforeAll(() => {
  ENGAGEMENTS = sheetNumber('Engagements');
});

describe('features written as SpreadsheetML', () => {
  const bytes = (): Uint8Array => readFileSync(consolidatedFile);

  test('workbook: sheets in order with their state, print titles, recalculation on open, properties', () => {
    const tpl = xlsxBytes(templateSheets());
    const wb = part(tpl, 'xl/workbook.xml');
    expect(wb).toContain('<sheet name="Bilan" sheetId="1" r:id="rId1"/>');
    expect(wb).toMatch(/<sheet name="Suivi ESS" sheetId="3" state="veryHidden" r:id="rId3"\/>/);
    expect(wb).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
    const cons = part(bytes(), 'xl/workbook.xml');
    // Input sheets freeze their header row: rows 1 to it are printed on every page.
    expect(cons).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${ENGAGEMENTS - 1}">'Engagements'!$1:$4</definedName>`);
    expect(cons).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${sheetNumber('Plan d’actions') - 1}">'Plan d’actions'!$1:$${consolidated[sheetNumber('Plan d’actions') - 1].freezeRows}</definedName>`,
    );
    // A sheet without frozen rows repeats its first table's header row.
    const noFreeze = xlsxBytes([
      sheet('S', [['t'], ['A', 'B'], [1, 2]], {
        tables: [{ name: 'tblS', ref: 'A2:B3', headerRow: 2, firstCol: 1, columns: ['A', 'B'], rowCount: 1 }],
      }),
    ]);
    expect(part(noFreeze, 'xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'S'!$2:$2</definedName>`);
    expect(part(xlsxBytes([sheet('T', [[1]])]), 'xl/workbook.xml')).not.toContain('definedName');
    expect(part(bytes(), 'docProps/core.xml')).toContain('<dc:creator>Suivi ESS</dc:creator>');
    const types = part(bytes(), '[Content_Types].xml');
    const tableCount = consolidated.reduce((n, s) => n + s.tables.length, 0) + 1;
    for (let i = 1; i <= tableCount; i++) expect(types).toContain(`<Override PartName="/xl/tables/table${i}.xml"`);
  });

  test('worksheet: tab colours, frozen rows, widths, printing A4 landscape with « Page 1 / N »', () => {
    const engagements = part(bytes(), `xl/worksheets/sheet${ENGAGEMENTS}.xml`);
    expect(engagements).toContain('<tabColor rgb="FF2E75B6"/>');
    expect(engagements).toContain('<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>');
    expect(engagements).toMatch(/<col min="1" max="1" width="\d+" customWidth="1"\/>/);
    expect(engagements).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(engagements).toContain('<oddFooter>&amp;C Page &amp;P / &amp;N</oddFooter>');
    expect(engagements).toContain('<pageSetUpPr fitToPage="1"/>');
    const summary = part(bytes(), `xl/worksheets/sheet${consolidated.findIndex((s) => s.name === 'Synthèse financière') + 1}.xml`);
    expect(summary).toContain('<tabColor rgb="FF7F7F7F"/>');
    // Formulas carry the value the tool computed.
    const [, from, to, cached] = /<c r="F\d+" s="\d+"><f>SUM\(F(\d+):F(\d+)\)<\/f><v>(\d+)<\/v><\/c>/.exec(summary)!;
    expect(Number(cached)).toBe(committedTotal(Number(from), Number(to)));
    expect(Number(cached)).toBeGreaterThan(4472700); // at least the 2014 amounts (2 387 500 + 1 000 000 + 1 085 200)
    const bilan = part(xlsxBytes(templateSheets()), 'xl/worksheets/sheet1.xml');
    expect(bilan).toContain('fitToHeight="1"');
  });

  test('entry rows below a table keep their formats and dropdowns as styled empty cells', () => {
    const s = consolidated.find((x) => x.name === 'Engagements')!;
    const t = s.tables[0];
    const xml = part(bytes(), `xl/worksheets/sheet${ENGAGEMENTS}.xml`);
    const lastEntryRow = Number(/:\D+(\d+)$/.exec(s.formats[0].ref)![1]);
    expect(lastEntryRow).toBeGreaterThan(t.headerRow + t.rowCount + 100);
    expect(xml).toMatch(new RegExp(`<c r="[A-Z]+${lastEntryRow}" s="\\d+"/>`));
    expect(xml).toContain(
      '<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" errorTitle="Valeur hors liste"',
    );
    const funders = consolidated.find((x) => x.name === 'Financeurs')!.tables[0];
    expect(xml).toContain(`<formula1>'Financeurs'!$A$${funders.headerRow + 1}:$A$`);
    expect(xml).toContain('<formula1>"2014,2015,2016"</formula1>');
  });

  test('tables: unique ids and names, autofilter, TableStyleMedium2 with row stripes, columns named after the header cells', async () => {
    const b = bytes();
    const all = [...consolidated, trickySheet()].flatMap((s) => s.tables);
    const ids = new Set<string>();
    all.forEach((t, i) => {
      const xml = part(b, `xl/tables/table${i + 1}.xml`);
      ids.add(/ id="(\d+)"/.exec(xml)![1]);
      expect(xml).toContain(`name="${t.name}" displayName="${t.name}" ref="${t.ref}"`);
      expect(xml).toContain(`<autoFilter ref="${t.ref}"/>`);
      expect(xml).toContain(
        '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>',
      );
      expect(xml).toContain(`<tableColumns count="${t.columns.length}">`);
    });
    expect(ids.size).toBe(all.length);
    // Tables are numbered in sheet order: Engagements's follows those of the sheets before it.
    const engagementsTable = consolidated.slice(0, ENGAGEMENTS - 1).reduce((n, x) => n + x.tables.length, 0) + 1;
    expect(part(b, `xl/worksheets/_rels/sheet${ENGAGEMENTS}.xml.rels`)).toContain(`Target="../tables/table${engagementsTable}.xml"`);
    expect(part(b, `xl/worksheets/sheet${ENGAGEMENTS}.xml`)).toContain('<tableParts count="1"><tablePart r:id="rId1"/></tableParts>');
    // Header cells hold the column names, as the reader finds them.
    const t = consolidated.find((s) => s.name === 'Bilans')!.tables[0];
    expect((await readTable(b, 'Bilans', t.name, t.columns)).headers).toEqual(t.columns);
  });

  test('protected template: no password, unlocked input cells on a pale yellow fill, number inputs, highlight', () => {
    const tpl = xlsxBytes(templateSheets());
    const realised = part(tpl, 'xl/worksheets/sheet2.xml');
    const styles = part(tpl, 'xl/styles.xml');
    expect(realised).toContain('<sheetProtection sheet="1" formatColumns="0" formatRows="0" autoFilter="0"/>');
    expect(realised).not.toMatch(/password|hashValue/);
    expect(realised).toContain(
      '<dataValidation type="decimal" operator="greaterThanOrEqual" errorStyle="stop" allowBlank="1" showErrorMessage="1" errorTitle="Nombre attendu" ' +
        'error="Saisissez un nombre positif ou nul, sans unité ni texte (1250 et non « 1 250 € » ni « 1 250 personnes »)."',
    );
    expect(realised).toMatch(
      /<conditionalFormatting sqref="[A-Z]+\d+:[A-Z]+\d+"><cfRule type="expression" dxfId="0" priority="1"><formula>AND\(ISNUMBER/,
    );
    expect(styles).toContain(
      '<dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFF8CBAD"/></patternFill></fill></dxf></dxfs>',
    );
    // Every unlocked cell's style is unlocked and on the input fill; other cells stay locked.
    const xfs = [...styles.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]).slice(1); // after cellStyleXfs
    const unlockedXf = xfs.map((x, i) => (x.includes('<protection locked="0"/>') ? i : -1)).filter((i) => i >= 0);
    expect(unlockedXf.length).toBeGreaterThan(0);
    const fills = [...styles.matchAll(/<fill>.*?<\/fill>/g)].map((m) => m[0]);
    for (const i of unlockedXf) expect(fills[Number(/fillId="(\d+)"/.exec(xfs[i])![1])]).toContain('FFFFF9DB');
    const s = templateSheets()[1];
    const first = s.protection!.unlocked[0].split(':')[0];
    const style = Number(new RegExp(`<c r="${first}" s="(\\d+)"`).exec(realised)![1]);
    expect(unlockedXf).toContain(style);
  });

  test('formula-like texts get a quote-prefix style; texts are never written as formulas', () => {
    const b = xlsxBytes([trickySheet()], { strings: 'inline' });
    const xml = part(b, 'xl/worksheets/sheet1.xml');
    const xfs = [...part(b, 'xl/styles.xml').matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]).slice(1);
    for (const text of TRICKY_TEXTS) {
      const row = 4 + TRICKY_TEXTS.indexOf(text);
      const m = new RegExp(`<c r="A${row}"( s="(\\d+)")? t="inlineStr"><is><t`).exec(xml);
      expect(m).not.toBeNull();
      const quoted = m![2] !== undefined && xfs[Number(m![2])].includes('quotePrefix="1"');
      expect(quoted).toBe(/^[=+\-@]/.test(text));
    }
    expect(xml).not.toContain('<f>');
  });

  test('internal links: a hyperlink to the location, no relationship, the text as the cell value', async () => {
    const b = readFileSync(consolidatedFile);
    const n = consolidated.length + 2;
    const xml = part(b, `xl/worksheets/sheet${n}.xml`);
    expect(xml).toContain(
      `<hyperlinks><hyperlink ref="A2" location="'Délicat'!A1" display="A1"/><hyperlink ref="A3" location="'Délicat'!B7" display="-B7"/></hyperlinks>`,
    );
    expect(() => part(b, `xl/worksheets/_rels/sheet${n}.xml.rels`)).toThrow();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b as unknown as ExcelJS.Buffer);
    const cell = wb.getWorksheet('Liens')!.getCell('A3');
    expect(cell.text).toBe('-B7');
  });
});

// ---------------------------------------------------------------------------------------------
// Limits

describe('Excel’s limits are refused, not written', () => {
  const one = (s: PlacedSheet) => () => xlsxBytes([s]);

  test('a cell holds at most 32 767 characters (texts and link texts)', () => {
    expect(one(sheet('S', [['x'.repeat(32767)]]))).not.toThrow();
    expect(one(sheet('S', [['x'.repeat(32768)]]))).toThrow(/cell A1: a text of 32768 characters, over Excel's limit of 32767/);
    expect(one(sheet('S', [[null, { text: 'y'.repeat(40000), target: "'S'!A1" }]]))).toThrow(/cell B1/);
  });

  test('a list dropdown’s formula holds at most 255 characters, and no double quote', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => String(i % 10).repeat(9)); // 9 chars + comma
    const ok = `"${items(25).join(',')}"`.length;
    expect(ok).toBeLessThanOrEqual(255);
    expect(one(sheet('S', [[1]], { validations: [{ ref: 'A1:A9', list: items(25) }] }))).not.toThrow();
    expect(one(sheet('S', [[1]], { validations: [{ ref: 'A1:A9', list: items(26) }] }))).toThrow(
      /list dropdown formula of 261 characters, over Excel's limit of 255/,
    );
    expect(one(sheet('S', [[1]], { validations: [{ ref: 'A1', list: ['a"b'] }] }))).toThrow(/double quote/);
  });

  test('rows beyond 1 048 576 and columns beyond XFD', () => {
    const rows: PlacedValue[][] = new Array(1048577);
    expect(one(sheet('S', rows))).toThrow(/1048577 rows, beyond Excel's last row \(1048576\)/);
    const wide: PlacedValue[] = new Array(16385);
    wide[16384] = 1;
    expect(one(sheet('S', [wide]))).toThrow(/16385.*beyond Excel's last column \(XFD/);
    expect(one(sheet('S', [[1]], { formats: [{ ref: 'A1048577', format: 'money' }] }))).toThrow(/row 1048577 is beyond/);
    expect(one(sheet('S', [[1]], { styles: [{ ref: 'XFD1:XFE1', style: 'title' }] }))).toThrow(/column 16385 is beyond/);
    expect(one(sheet('S', [[1]], { formats: [{ ref: 'XFD1048576', format: 'money' }] }))).not.toThrow();
  });

  test('names Excel would repair: sheets, tables, columns; a workbook without a visible sheet', () => {
    expect(() => xlsxBytes([])).toThrow(/at least one sheet/);
    expect(one(sheet('a/b', [[1]]))).toThrow(/forbids/);
    expect(one(sheet('x'.repeat(32), [[1]]))).toThrow(/over Excel's limit of 31/);
    expect(() => xlsxBytes([sheet('Même', [[1]]), sheet('même', [[1]])])).toThrow(/Two sheets are named "même"/);
    expect(one(sheet('S', [[1]], { state: 'hidden' }))).toThrow(/visible sheet/);
    const t = (name: string, columns = ['A', 'B']) => ({ name, ref: 'A1:B2', headerRow: 1, firstCol: 1, columns, rowCount: 1 });
    expect(() => xlsxBytes([sheet('S', [], { tables: [t('tblX')] }), sheet('T', [], { tables: [t('TBLX')] })])).toThrow(
      /Two tables are named "TBLX"/,
    );
    expect(one(sheet('S', [], { tables: [t('A1')] }))).toThrow(/not a valid Excel table name/);
    expect(one(sheet('S', [], { tables: [t('tbl X')] }))).toThrow(/not a valid Excel table name/);
    expect(one(sheet('S', [], { tables: [t('tblX', ['A', 'a'])] }))).toThrow(/two columns are named "a"/);
    expect(one(sheet('S', [], { tables: [t('tblX', ['A', 'B', 'C'])] }))).toThrow(/does not match/);
    expect(one(sheet('S', [[Number.NaN]]))).toThrow(/NaN is not a number/);
  });
});

// ---------------------------------------------------------------------------------------------
// Other programs: openpyxl, exceljs, LibreOffice

function python(): string {
  for (const p of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0) return p;
  }
  throw new Error('python3 with openpyxl is required by this test (Debian: python3-openpyxl)');
}

/** What openpyxl sees, without recalculating (data_only): cell values and sheet settings. */
const OPENPYXL_DUMP = `
import json, sys, warnings, zipfile
warnings.simplefilter("ignore")
from openpyxl import load_workbook
assert zipfile.ZipFile(sys.argv[1]).testzip() is None
wb = load_workbook(sys.argv[1], data_only=True)
out = {}
for ws in wb.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells[c.coordinate] = c.value
    out[ws.title] = {
        "cells": cells, "state": ws.sheet_state, "freeze": ws.freeze_panes, "printTitleRows": ws.print_title_rows,
        "orientation": ws.page_setup.orientation, "paperSize": ws.page_setup.paperSize,
        "fitToWidth": ws.page_setup.fitToWidth, "fitToHeight": ws.page_setup.fitToHeight,
        "footer": ws.oddFooter.center.text, "tables": dict(ws.tables.items()),
        "validations": sorted([dv.type, str(dv.sqref), dv.formula1, dv.errorStyle] for dv in ws.data_validations.dataValidation),
        "protected": bool(ws.protection.sheet), "tab": ws.sheet_properties.tabColor.rgb if ws.sheet_properties.tabColor else None,
    }
print(json.dumps(out, ensure_ascii=False, default=str))
`;

interface PySheet {
  cells: Record<string, unknown>;
  state: string;
  freeze: string | null;
  printTitleRows: string | null;
  orientation: string;
  paperSize: number;
  fitToWidth: number;
  fitToHeight: number;
  footer: string;
  tables: Record<string, string>;
  validations: [string, string, string, string][];
  protected: boolean;
  tab: string | null;
}

function openpyxlDump(file: string): Record<string, PySheet> {
  return JSON.parse(execFileSync(python(), ['-c', OPENPYXL_DUMP, file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Record<
    string,
    PySheet
  >;
}

/** Every value a program that does not recalculate should see: formula cells show their cached value. */
function shownValues(s: PlacedSheet): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  // openpyxl gives a number in a date-formatted cell as a datetime (« 2015-03-20 00:00:00 »).
  const dates = s.formats.filter((f) => f.format === 'date' || f.format === 'datetime').map((f) => parseRange(f.ref)!);
  const isDate = (r: number, c: number) => dates.some((d) => r >= d.top && r <= d.bottom && c >= d.left && c <= d.right);
  s.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      let shown = v === null || v === undefined ? null : isFormula(v) ? v.value : isLink(v) ? v.text : v;
      if (typeof shown === 'number' && isDate(r + 1, c + 1)) {
        const iso = serialToIso(shown)!;
        shown = iso.includes('T') ? iso.replace('T', ' ') : `${iso} 00:00:00`;
      }
      if (shown !== null && shown !== '') out.set(cellAddress(r + 1, c + 1), shown);
    }),
  );
  for (const t of s.tables) t.columns.forEach((name, i) => out.set(cellAddress(t.headerRow, t.firstCol + i), name));
  return out;
}

/**
 * What openpyxl 3.0 shows for a text: it decodes no `_xHHHH_` escape, it only deletes every
 * `x005F_` of a shared string (so control characters show as `_x0001_`, and `_x005F_` as `_`).
 * Excel and LibreOffice decode them all.
 */
function asOpenpyxlShows(v: CellValue, date = false): unknown {
  // A number in a date cell is a date to openpyxl: `2014-07-14 00:00:00`.
  if (date && typeof v === 'number') {
    const iso = serialToIso(v)!;
    return iso.length === 10 ? `${iso} 00:00:00` : iso.replace('T', ' ');
  }
  return typeof v === 'string' ? decodeEntities(escapeText(v)).replace(/x005F_/g, '') : v;
}

/** Whether a cell of a sheet is formatted as a date or a date and time. */
function isDateCell(s: PlacedSheet, cell: string): boolean {
  const p = parseCell(cell)!;
  return s.formats.some((f) => {
    if (f.format !== 'date' && f.format !== 'datetime') return false;
    const r = parseRange(f.ref.includes(':') ? f.ref : `${f.ref}:${f.ref}`)!;
    return p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;
  });
}

describe('other programs read the file', () => {
  test('openpyxl (no recalculation) sees every value, cached formula results included, and the sheet settings', () => {
    const seen = openpyxlDump(consolidatedFile);
    const all = [...consolidated, trickySheet(), linksSheet()];
    expect(Object.keys(seen)).toEqual(all.map((s) => s.name));
    for (const s of all) {
      const got = seen[s.name];
      const want = shownValues(s);
      const mismatches = [...want]
        .filter(([cell, v]) => got.cells[cell] !== asOpenpyxlShows(v, isDateCell(s, cell)))
        .map(([cell, v]) => ({ cell, v, got: got.cells[cell] }));
      expect({ sheet: s.name, mismatches }).toEqual({ sheet: s.name, mismatches: [] });
      expect(Object.keys(got.cells).length).toBe(want.size);
      expect(got.orientation).toBe('landscape');
      expect(got.paperSize).toBe(9);
      expect([got.fitToWidth, got.fitToHeight]).toEqual([1, 0]);
      expect(got.footer).toBe(' Page &P / &N');
      expect(got.tab).toBe(s.generated ? 'FF7F7F7F' : 'FF2E75B6');
      expect(got.tables).toEqual(Object.fromEntries(s.tables.map((t) => [t.name, t.ref])));
      if (s.freezeRows > 0) {
        expect(got.freeze).toBe(`A${s.freezeRows + 1}`);
        expect(got.printTitleRows).toBe(`$1:$${s.freezeRows}`);
      }
    }
    // Cached formula values are there for the generated sheets' totals.
    const total = formulaCells(consolidated).find((f) => f.sheet === 'Synthèse financière' && /^SUM\(F/.test(f.formula))!;
    const [from, to] = /^SUM\(F(\d+):F(\d+)\)$/.exec(total.formula)!.slice(1).map(Number);
    expect(seen['Synthèse financière'].cells[total.cell]).toBe(committedTotal(from, to));
    expect(seen['Engagements'].validations.map((v) => v[0] + ' ' + v[3])).toEqual(Array(6).fill('list warning'));
  });

  test('openpyxl sees the template’s protection, hidden sheet, number inputs and one-page printing', () => {
    const file = save('modele.xlsx', xlsxBytes(templateSheets(), { deflate: nodeDeflate }));
    const seen = openpyxlDump(file);
    expect(Object.entries(seen).map(([name, s]) => [name, s.state, s.protected])).toEqual([
      ['Bilan', 'visible', true],
      ['Réalisé', 'visible', true],
      ['Suivi ESS', 'veryHidden', true],
    ]);
    expect(seen['Réalisé'].fitToHeight).toBe(1);
    expect(seen['Réalisé'].validations.some(([type, , formula, style]) => type === 'decimal' && formula === '0' && style === 'stop')).toBe(
      true,
    );
  });

  test('exceljs reads the values and the cached formula results', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(consolidatedFile);
    for (const f of formulaCells(consolidated)) {
      const cell = wb.getWorksheet(f.sheet)!.getCell(f.cell);
      expect({ cell: `${f.sheet}!${f.cell}`, formula: cell.formula, result: cell.result }).toEqual({
        cell: `${f.sheet}!${f.cell}`,
        formula: f.formula,
        result: f.value ?? undefined,
      });
    }
    const tricky = wb.getWorksheet('Délicat')!;
    expect(tricky.getCell('A4').value).toBe('plain');
    expect(tricky.getCell('A12').value).toBe('=SUM(A1:A2)');
    expect(tricky.getCell('A12').type).toBe(ExcelJS.ValueType.String);
    expect(tricky.getCell('B5').value).toBe(1);
    expect(tricky.getCell('C4').value).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// LibreOffice: its own recalculation equals the cached values; printing

const convert = (file: string, to: string, outDir: string) => convertRecalculated(file, to, outDir, tmp.dir);

describe('LibreOffice', () => {
  test('recomputes every formula to the cached value (and does recompute: a wrong cache is corrected)', async () => {
    const control = sheet('Contrôle', [[1], [2], [{ formula: 'SUM(A1:A2)', value: 999 }]]);
    const file = save('recalcul.xlsx', xlsxBytes([...consolidated, control], { deflate: nodeDeflate }));
    const out = convert(file, 'xlsx', path.join(tmp.dir, 'lo'));
    const computed = new ExcelJS.Workbook();
    await computed.xlsx.readFile(out);
    const value = (sheetName: string, cell: string) => {
      const c = computed.getWorksheet(sheetName)!.getCell(cell);
      return c.type === ExcelJS.ValueType.Formula ? c.result : c.value;
    };
    expect(value('Contrôle', 'A3')).toBe(3);
    const expected = formulaCells(consolidated);
    expect(expected.length).toBeGreaterThan(40);
    const mismatches = expected.flatMap((f) => {
      const got = value(f.sheet, f.cell);
      const ok = typeof got === 'number' && f.value !== null && Math.abs(got - f.value) <= 1e-9 * Math.max(1, Math.abs(f.value));
      return ok ? [] : [{ ...f, got }];
    });
    expect(mismatches).toEqual([]);
    // Texts survive LibreOffice too (it decodes every _xHHHH_ escape).
    const tricky = save('delicat.xlsx', xlsxBytes([trickySheet()]));
    const back = readFileSync(convert(tricky, 'xlsx', path.join(tmp.dir, 'lo2')));
    const texts = parseSharedStrings(part(back, 'xl/sharedStrings.xml'));
    for (const t of ['_x0041_', '_x005F_', '=SUM(A1:A2)', '@home', 'x'.repeat(32767), 'Émoji 😀 and accents éèà ç'])
      expect(texts).toContain(t);
  }, 180_000);

  test('prints A4 landscape, one page wide, « Page n / N » in the footer, the header row on every page', () => {
    const rows: PlacedValue[][] = [['Long sheet'], []];
    rows.push(['Code', 'Libellé', 'Montant']);
    for (let i = 1; i <= 150; i++) rows.push([`C${i}`, `Ligne ${i}`, i * 10]);
    const long = sheet('Long', rows, {
      freezeRows: 3,
      widths: [12, 40, 14],
      styles: [{ ref: 'A1:A1', style: 'title' }],
      tables: [{ name: 'tblLong', ref: 'A3:C153', headerRow: 3, firstCol: 1, columns: ['Code', 'Libellé', 'Montant'], rowCount: 150 }],
      formats: [{ ref: 'C4:C153', format: 'money' }],
    });
    const file = save('impression.xlsx', xlsxBytes([long, templateSheets()[0]], { deflate: nodeDeflate }));
    const pdf = convert(file, 'pdf', path.join(tmp.dir, 'pdf'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/); // landscape
    const page = (n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
    expect(page(1)).toMatch(/Page 1 \/ \d+/);
    const second = page(2);
    expect(second).toMatch(/Page 2 \/ \d+/);
    expect(second).toMatch(/Code\s+Libellé\s+Montant/); // header row repeated
    expect(second).not.toContain('Ligne 1 ');
    if (process.env.KEEP_WRITER_PDF) execFileSync('cp', [pdf, process.env.KEEP_WRITER_PDF]);
  }, 180_000);
});

describe('platform neutrality', () => {
  test('the writer uses no Node API: no Node module, no Buffer, no process', () => {
    const dir = path.join(__dirname, '..', 'src', 'adapters', 'xlsx', 'write');
    for (const file of readdirSync(dir)) {
      const code = readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect({ file, imports: [...code.matchAll(/from '([^']+)'/g)].map((m) => m[1]).filter((m) => !m.startsWith('.')) }).toEqual({
        file,
        imports: [],
      });
      expect({ file, node: /\b(Buffer|process|require|__dirname|setImmediate)\b/.test(code) }).toEqual({ file, node: false });
    }
  });
});

describe('writeXlsxFile (Node)', () => {
  test('replaces the target atomically, leaves no temporary file, says in French why it cannot write', async () => {
    const dir = path.join(tmp.dir, 'atomic');
    mkdirSync(dir);
    const target = path.join(dir, 'classeur.xlsx');
    writeFileSync(target, 'old content');
    await writeXlsxFile(target, [trickySheet()]);
    expect(readdirSync(dir)).toEqual(['classeur.xlsx']);
    expect((await readTable(readFileSync(target), 'Délicat', 'tblDelicat', ['Texte', 'Nombre', 'Booléen'])).rows).toEqual(
      expectedTrickyRows(),
    );
    await expect(writeXlsxFile(path.join(dir, 'absent', 'x.xlsx'), [trickySheet()])).rejects.toThrow(
      /ne peut pas être écrit\s:\sle dossier n’existe pas/,
    );
    await expect(writeXlsxFile(dir, [trickySheet()])).rejects.toThrow(/ce nom est celui d’un dossier/);
    expect(readdirSync(dir)).toEqual(['classeur.xlsx']);
    // A sheet the writer refuses leaves the previous file as it was.
    await expect(writeXlsxFile(target, [sheet('S', [['x'.repeat(40000)]])])).rejects.toThrow(/32767/);
    expect(readdirSync(dir)).toEqual(['classeur.xlsx']);
  });
});

describe('the tool reads back what the writer wrote', () => {
  test('a report template filled and written by the lean writer imports into a workbook written by it', async () => {
    const workbook = tmp.file('suivi-lean.xlsx');
    await writeXlsxFile(workbook, initSheets(RA, true));
    const report = tmp.file('bilan-lean.xlsx');
    const template = reportTemplateSheets({ framework: RA, action: { code: 'I_1.2', title: actionTitle('I_1.2') }, year: 2014 });
    await writeXlsxFile(report, fillReport(template, REPORT_A));
    const out = tmp.file('suivi-lean-importe.xlsx');
    const r = await cli('import', workbook, report, '-o', out);
    expect(r.out).toMatch(/bilan-lean\.xlsx \(I_1\.2, Association A \(fictive\), 2014\) : importé, 5 ligne\(s\) ajoutée\(s\)/);
    expect(r.code).toBe(0);
  });
});
