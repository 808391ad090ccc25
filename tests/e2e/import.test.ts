/**
 * End-to-end: the pane's « Bilans » tab in Chromium, with the fake Excel host. Report files
 * made in Node (filled templates, and a text file named .xlsx) are given to the file input;
 * they are read in the page, imported into the open workbook, and summarised file by file.
 */
/// <reference types="node" />
/// <reference lib="dom" />
import { findFramework } from '../../src/core/framework';
import { initSheets } from '../../src/core/layout/init-sheets';
import { deflateRawSync } from 'zlib';
import { openXlsxBytes } from '../../src/adapters/node/files';
import { fake, filledRows, shot, startPane, type Pane } from './harness';
import { filledReport, REPORT_A, REPORT_B } from '../support/reports';

let pane: Pane;
beforeAll(async () => {
  pane = await startPane();
}, 180_000);
afterAll(async () => pane?.stop());

const openPane = (query = '') => pane.open(query);

/** A zip whose one entry declares 1 KB but inflates to `size` bytes: its declared sizes lie. */
function lyingZip(size: number): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const data = deflateRawSync(Buffer.alloc(size));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1024, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

/** A zip made of a central directory alone, whose one entry declares `size` bytes uncompressed. */
function zipDeclaring(size: number): Buffer {
  const cd = Buffer.alloc(47);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt32LE(1000, 20); // compressed size
  cd.writeUInt32LE(size, 24); // uncompressed size
  cd.writeUInt16LE(1, 28); // name length
  cd.write('a', 46, 'latin1');
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(0, 16);
  return Buffer.concat([cd, eocd]);
}

test('a user imports two filled reports and a bad file from the « Bilans » tab', async () => {
  const a = await filledReport('I_1.2', 2014, REPORT_A);
  const b = await filledReport('II_1.1', 2015, REPORT_B);
  const files = [
    { name: 'bilan-a.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: a },
    { name: 'bilan-b.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: b },
    {
      name: 'notes.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('Ceci est un texte, pas un classeur.\n'),
    },
  ];

  const page = await openPane();
  // Initialise the workbook with the example, as a user would.
  await page.getByRole('tab', { name: 'Initialiser' }).click();
  await page.getByLabel('Cadre').selectOption('rhone-alpes-ces-2014-2016');
  await page.getByLabel(/engagements et des bilans d’exemple/).check();
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await page.getByRole('button', { name: 'Créer les feuilles' }).click();
  await page.getByText(`${initSheets(findFramework('rhone-alpes-ces-2014-2016')!, true).length} feuilles créées`).waitFor();
  const before = await filledRows(page, 'tblBilans');
  const realisedBefore = await filledRows(page, 'tblRealises');
  expect(await filledRows(page, 'tblHistoriqueImports')).toEqual([]);

  await page.getByRole('tab', { name: 'Bilans' }).click();
  await page.getByText('ne sont envoyés nulle part').waitFor();

  // Prepare the templates of 2014: one per action with commitments, opened as a new workbook.
  await page.getByLabel('Année des bilans').fill('2014');
  await page.getByRole('button', { name: 'Préparer les modèles' }).click();
  const prepared = page.getByRole('list', { name: 'Modèles préparés' });
  await prepared.waitFor();
  expect(await prepared.locator('li').count()).toBe(21);
  await prepared.locator('li').first().getByRole('button', { name: 'Ouvrir dans Excel' }).click();
  await page.waitForFunction('window.__fakeExcel.host.createdWorkbooks.length === 1');
  const opened = Buffer.from((await page.evaluate('window.__fakeExcel.host.createdWorkbooks[0]')) as string, 'base64');
  const template = await openXlsxBytes(opened, 'modele.xlsx');
  const [marker] = await template.readTables([{ sheet: 'Suivi ESS', table: 'tblModele', headers: ['Clé', 'Valeur'] }]);
  expect(marker.ok && marker.read.rows.map((r) => r[0])).toEqual(['Modèle', 'Version', 'Cadre', 'Action', 'Année', 'Opérateur']);
  expect(marker.ok && marker.read.rows.find((r) => r[0] === 'Action')?.[1]).toBe('ANIM');
  await expect(prepared.locator('a[download="bilan-2014-ANIM.xlsx"]').count()).resolves.toBe(1);
  await shot(page, '11-modeles-bilan');
  await expect(page.getByRole('button', { name: 'Importer' }).isDisabled()).resolves.toBe(true);
  await page.locator('input[type="file"]').setInputFiles(files);
  await page.getByText('3 fichier(s) à importer').waitFor();
  await page.getByRole('button', { name: 'Importer' }).click();

  const summary = page.getByRole('region', { name: 'Résumé de l’import' });
  await summary.waitFor();
  await summary.getByText('2 importé(s)').waitFor();
  await expect(summary.getByText('1 refusé(s)').count()).resolves.toBe(1);
  const entry = (file: string) => summary.locator(`li[data-file="${file}"]`);
  await expect(entry('bilan-a.xlsx').getAttribute('data-status')).resolves.toBe('importé');
  await expect(entry('bilan-a.xlsx').textContent()).resolves.toContain('Action I_1.2 · Association A (fictive) · 2014');
  await expect(entry('bilan-a.xlsx').textContent()).resolves.toContain('5 ligne(s) ajoutée(s)');
  await expect(entry('bilan-b.xlsx').getAttribute('data-status')).resolves.toBe('importé');
  await expect(entry('bilan-b.xlsx').textContent()).resolves.toContain('3 ligne(s) ajoutée(s)');
  await expect(entry('notes.xlsx').getAttribute('data-status')).resolves.toBe('refusé');
  await expect(entry('notes.xlsx').textContent()).resolves.toContain(
    'Le fichier «\u00a0notes.xlsx\u00a0» n’est pas un classeur Excel (.xlsx) lisible',
  );

  // The workbook: tblBilans grew by the values filled in, the financial report and the history too.
  const after = await filledRows(page, 'tblBilans');
  expect(after.length).toBe(before.length + 4);
  const imported = after.filter((r) => r[6] === 'bilan-a.xlsx' || r[6] === 'bilan-b.xlsx').map((r) => [r[0], r[2], r[3], r[4], r[5]]);
  // The territories as their codes (« 69 », « Isère », « 38 »).
  expect(imported).toEqual(
    expect.arrayContaining([
      ['I_1.2', 2014, 'PUBLIC_SENSIBILISE', 1000, 'D69'],
      ['I_1.2', 2014, 'PUBLIC_SENSIBILISE', 250, 'D38'],
      ['II_1.1', 2015, 'PROJETS_INNOVATION_SOCIALE', 333.5, 'D38'],
      ['II_1.1', 2015, 'BONNES_PRATIQUES_DIFFUSEES', 6, null],
    ]),
  );
  expect((await filledRows(page, 'tblRealises')).length).toBe(realisedBefore.length + 2);
  // The written parts of both reports, in their own sheet.
  expect((await filledRows(page, 'tblBilansQualitatifs')).map((r) => [r[0], r[2], r[3]])).toEqual([
    ['I_1.2', 2014, 'Année'],
    ['II_1.1', 2015, 'Année'],
  ]);
  const history = await filledRows(page, 'tblHistoriqueImports');
  expect(history.map((r) => r[1])).toEqual(['bilan-a.xlsx', 'bilan-b.xlsx']);
  expect(await fake<string[]>(page, 'host.sheetNames()')).toEqual(expect.arrayContaining(['Contrôles', 'Suivi des bilans']));
  await shot(page, '10-import-bilans');

  // The same report again: refused (the first is kept) unless the user asks to replace it;
  // hostile files are refused with their reason, before exceljs reads them.
  const ole = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.from('EncryptionInfo', 'utf16le'),
    Buffer.alloc(476),
  ]);
  await page
    .locator('input[type="file"]')
    .setInputFiles([
      files[0],
      { ...files[2], name: 'protege.xlsx', buffer: ole },
      { ...files[2], name: 'bombe.xlsx', buffer: zipDeclaring(300 * 1024 * 1024) },
      { ...files[2], name: 'bombe-menteuse.xlsx', buffer: lyingZip(210 * 1024 * 1024) },
    ]);
  await page.getByRole('button', { name: 'Importer' }).click();
  await summary.getByText('0 importé(s)').waitFor();
  await summary.getByText('4 refusé(s)').waitFor();
  await expect(entry('bombe-menteuse.xlsx').textContent()).resolves.toContain('est trop volumineux une fois décompressé');
  await expect(entry('bilan-a.xlsx').textContent()).resolves.toContain('cochez «\u00a0Remplacer un bilan déjà importé\u00a0»');
  await expect(entry('protege.xlsx').textContent()).resolves.toContain('est protégé par un mot de passe');
  await expect(entry('bombe.xlsx').textContent()).resolves.toContain('est trop volumineux une fois décompressé');
  expect((await filledRows(page, 'tblHistoriqueImports')).length).toBe(2);
  await page.locator('input[type="file"]').setInputFiles([files[0]]);
  await page.getByLabel('Remplacer un bilan déjà importé (même action, opérateur et année)').check();
  await page.getByRole('button', { name: 'Importer' }).click();
  await summary.locator('li[data-file="bilan-a.xlsx"][data-status="importé avec avertissements"]').waitFor();
  await expect(entry('bilan-a.xlsx').textContent()).resolves.toContain('5 remplacée(s)');
  expect((await filledRows(page, 'tblBilans')).length).toBe(before.length + 4);
  expect((await filledRows(page, 'tblBilansQualitatifs')).length).toBe(2);
  expect((await filledRows(page, 'tblHistoriqueImports')).length).toBe(3);

  expect(page.errors).toEqual([]);
  expect(page.foreign).toEqual([]);
  await page.close();
}, 180_000);
