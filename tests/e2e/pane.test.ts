/**
 * End-to-end: the built task pane in Chromium (Debian's, driven by playwright-core), with the
 * fake Excel host installed as Office. Drives the pane as a user would and keeps a screenshot of
 * each state in tests/artifacts/ (copied to docs/screenshots/ for the README).
 */
/// <reference types="node" />
/// <reference lib="dom" />
import { findFramework } from '../../src/core/framework';
import { initSheets } from '../../src/core/layout/init-sheets';
import { readFileSync } from 'fs';
import { fake, filledRows, shot, startPane, type Pane } from './harness';

let pane: Pane;
beforeAll(async () => {
  pane = await startPane();
}, 180_000);
afterAll(async () => pane?.stop());

const openPane = (query = '') => pane.open(query);

test('outside Excel, the pane explains how to sideload the manifest', async () => {
  const page = await openPane('?host=none');
  await page.getByRole('heading', { name: 'Suivi ESS s’ouvre dans Excel' }).waitFor();
  await expect(page.getByText('Charger mon complément', { exact: false }).count()).resolves.toBeGreaterThan(0);
  await shot(page, '01-hors-excel');
  await page.close();
});

test('a user initialises, validates, follows a finding to its cell, consolidates and opens the funder view', async () => {
  const page = await openPane();
  await page.getByRole('heading', { name: 'Suivi ESS' }).waitFor();
  await page.getByText('Cliquez sur « Valider »').waitFor();
  await shot(page, '02-accueil');

  // Initialise from the Rhône-Alpes framework, with the fictitious example.
  await page.getByRole('tab', { name: 'Initialiser' }).click();
  await page.getByLabel('Cadre').selectOption('rhone-alpes-ces-2014-2016');
  await page.getByLabel(/engagements et des bilans d’exemple/).check();
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await page.getByText('Engagements — tableau tblEngagements').waitFor();
  await shot(page, '03-initialiser-apercu');
  await page.getByRole('button', { name: 'Créer les feuilles' }).click();
  await page.getByText(`${initSheets(findFramework('rhone-alpes-ces-2014-2016')!, true).length} feuilles créées`).waitFor();
  expect(await fake<string[]>(page, 'host.sheetNames()')).toEqual(expect.arrayContaining(['Cadre', 'Engagements', 'Bilans']));

  // A second initialisation is refused until the user confirms the replacement.
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await page.getByText('Ces feuilles existent déjà').waitFor();
  await expect(page.getByRole('button', { name: 'Créer les feuilles' }).count()).resolves.toBe(0);
  await shot(page, '04-initialiser-refus');
  await page.getByRole('button', { name: 'Annuler' }).click();

  // The user types a wrong amount into the workbook.
  const cell = await fake<string>(
    page,
    `(() => { const t = host.table('tblEngagements'); const top = Number(t.address.match(/\\d+/)[0]); return 'D' + (top + 1); })()`,
  );
  await fake(page, `host.setCell('Engagements', '${cell}', 'douze mille')`);

  // Validate: the finding points at that cell.
  await page.getByRole('tab', { name: 'Contrôles' }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  const item = page.locator(`li[data-cell="Engagements!${cell}"][data-rule="MONTANT-ILLISIBLE"]`);
  await item.waitFor();
  await expect(item.textContent()).resolves.toContain('«\u00a0douze mille\u00a0» a été trouvé');
  await page.getByText('2 erreur(s)').waitFor(); // the unreadable cell, and the Région's 2014 gap it causes
  await page.getByRole('img', { name: /Montants engagés et montants de la convention/ }).waitFor();
  await shot(page, '05-controles');
  expect(await fake<string[]>(page, 'host.sheetNames()')).toContain('Contrôles');

  // The link selects the cell in the workbook.
  await item.getByRole('button', { name: new RegExp(`Aller à la cellule ${cell}`) }).click();
  await page.waitForFunction(`window.__fakeExcel.host.selection && window.__fakeExcel.host.selection.address === '${cell}'`);
  expect(await fake(page, 'host.selection')).toEqual({ sheet: 'Engagements', address: cell });

  // A busy action cannot be started twice: two clicks in a row (before the button can even be
  // disabled) make one validation, whose syncs are those of a single run.
  await fake(page, 'host.resetSyncs()');
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForFunction(`!document.querySelector('main[aria-busy="true"]')`);
  const single = await fake<number>(page, 'host.syncs.length');
  await fake(page, 'host.resetSyncs()');
  await page.evaluate(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Valider')!;
    button.click();
    button.click();
  });
  await page.waitForFunction(`!document.querySelector('main[aria-busy="true"]')`);
  expect(single).toBeLessThanOrEqual(5);
  expect(await fake<number>(page, 'host.syncs.length')).toBe(single);

  // Consolidate: the generated sheets, with a native chart in the financial summary.
  await page.getByRole('button', { name: 'Consolider' }).click();
  await page.getByText('Feuilles générées').waitFor();
  expect(await fake<string[]>(page, 'host.sheetNames()')).toEqual(
    expect.arrayContaining(['Contrôles', 'Synthèse financière', 'Répartition par action', 'Indicateurs consolidés']),
  );
  expect(await fake<number>(page, `host.chartList('Synthèse financière').length`)).toBeGreaterThan(0);
  await shot(page, '06-consolide');

  // The funder view: the Région's 2014 gap is the unreadable amount, and its rows can be selected.
  await page.getByRole('tab', { name: 'Vue financeur' }).click();
  await page.getByLabel('Financeur', { exact: true }).selectOption('REGION');
  await page.getByLabel('Année', { exact: true }).selectOption('2014');
  const gap = await page.getByTestId('funder-gap').textContent();
  expect(gap).toMatch(/^-[\d\s\u202f]+,\d\d\s€$/);
  // At the pane's narrow width, no amount breaks inside the number: each is one line.
  const wrapped = await page.evaluate(
    () =>
      Array.from(document.querySelectorAll('table td:last-child, table th:last-child')).filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        // One line of text: every box of the text sits on the same line.
        return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1;
      }).length,
  );
  expect(wrapped).toBe(0);
  await shot(page, '07-vue-financeur');
  await page.getByRole('button', { name: /Sélectionner ses \d+ ligne\(s\) dans Engagements/ }).click();
  await page.waitForFunction(`window.__fakeExcel.host.selection && window.__fakeExcel.host.selection.address.includes(',')`);
  const selection = await fake<{ sheet: string; address: string }>(page, 'host.selection');
  expect(selection.sheet).toBe('Engagements');
  expect(selection.address.split(',').length).toBeGreaterThan(5);
  // The example paid advances (and one balance) of the Région's 2014 commitments.
  expect(await page.getByTestId('funder-paid').textContent()).toMatch(/^[1-9][\d\s\u202f]*,\d\d\s€$/);

  // Closing the Région's 2014 is refused while an error (the unreadable amount) bears on it.
  await page.getByLabel('Motif').fill('Compte administratif 2014 voté');
  await page.getByLabel(/^Par/).fill('Service financier (fictif)');
  await page.getByRole('button', { name: 'Clore l’année' }).click();
  await page.getByText(/REGION 2014 ne peut pas être clos\s:\s\d+ erreur\(s\) portent sur ses lignes/).waitFor();
  expect(await filledRows(page, 'tblClotures')).toEqual([]);

  // The State's 2014 has no error: it is closed, with its fingerprint kept in Clôtures.
  await page.getByLabel('Financeur', { exact: true }).selectOption('ETAT');
  await page.getByLabel('Motif').fill('Crédits 2014 soldés');
  await page.getByLabel(/^Par/).fill('Préfecture (fictif)');
  await page.getByRole('button', { name: 'Clore l’année' }).click();
  await page.getByRole('heading', { name: '2014 est clos pour ETAT' }).waitFor();
  const closings = await filledRows(page, 'tblClotures');
  expect(closings.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
    [2014, 'ETAT', 'Clôture', 'Préfecture (fictif)', 'Crédits 2014 soldés'],
  ]);
  expect(String(closings[0][6])).toMatch(/^[0-9a-f]{64}$/);
  await shot(page, '12-cloture');

  // The State's subsidies as open data: the CSV is made in the page and saved by the user.
  await page.getByRole('button', { name: 'Préparer l’export' }).click();
  const link = page.getByRole('link', { name: 'Télécharger subventions-etat.csv' });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide',
  );
  expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
  await shot(page, '13-export-donnees-essentielles');

  expect(page.errors).toEqual([]);
  await page.close();
}, 180_000);

test('an error from Excel is shown in French with what to do', async () => {
  const page = await openPane();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByText('L’opération n’a pas abouti').waitFor();
  await expect(page.getByText(/La feuille «\sCadre\s» est attendue dans le classeur/).count()).resolves.toBe(1);
  // A cell in edit mode: the command waits (delayForCellEdit) and goes on once the cell is left.
  await fake(page, 'host.editMode = true');
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByRole('status').getByText('Contrôle du classeur…').waitFor();
  await new Promise((r) => setTimeout(r, 200));
  await expect(page.getByRole('status').count()).resolves.toBe(1);
  await fake(page, 'host.editMode = false');
  await page.getByText('L’opération n’a pas abouti').waitFor();
  await expect(page.getByText(/La feuille «\sCadre\s» est attendue dans le classeur/).count()).resolves.toBe(1);
  // A host that ignores delayForCellEdit refuses the batch: said in French, with what to do.
  await fake(page, 'host.delayForCellEditSupported = false');
  await fake(page, 'host.editMode = true');
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByText(/validez ou annulez la saisie en cours/).waitFor();
  await shot(page, '08-erreur');
  await page.close();
});

test('the ribbon’s last-resort dialog shows the reason, in French', async () => {
  const message = 'La feuille « Contrôles » est protégée : Suivi ESS doit la remplacer.';
  const page = await pane.open(`?message=${encodeURIComponent(message)}`, 'ribbon.html');
  await page.getByRole('heading', { name: /l’opération n’a pas abouti/ }).waitFor();
  await expect(page.getByText(message).count()).resolves.toBe(1);
  expect(page.errors).toEqual([]);
  await page.close();
});

test('a host without the newer requirement sets says which features are unavailable', async () => {
  const page = await openPane('?api=1.7');
  await page.getByText('Fonctions indisponibles dans cette version d’Excel').waitFor();
  await expect(page.getByText(/Listes déroulantes \(ExcelApi 1\.8\)/).count()).resolves.toBe(1);
  await shot(page, '09-fonctions-indisponibles');
  await page.close();
});

test('the pane is usable from the keyboard alone', async () => {
  const page = await openPane();
  await page.getByRole('heading', { name: 'Suivi ESS' }).waitFor();
  let focused = '';
  for (let i = 0; i < 10 && focused !== 'Valider'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  }
  expect(focused).toBe('Valider');
  await page.keyboard.press('Enter');
  // No contract sheet in this workbook: the error says so, in French.
  await page.getByText('L’opération n’a pas abouti').waitFor();
  // Tabs move with the arrow keys (Fluent's TabList), Enter on a tab opens it.
  await page.getByRole('tab', { name: 'Contrôles' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Lire le classeur' }).waitFor();
  await page.close();
});
