/** The ribbon's function commands on the fake Excel host: they report in the Contrôles sheet. */
import { spaced } from './support/text';
import { runRibbonCommand } from '../src/faces/ribbon/ribbon';
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import { runInExcel } from '../src/adapters/office/run';
import { FakeExcelHost } from './fake-excel';
import { FUNDING, SUMMARY } from '../src/core/contract/tables';

let uninstall: (() => void) | null = null;
afterEach(() => uninstall?.());

async function host(withContract: boolean): Promise<FakeExcelHost> {
  const h = new FakeExcelHost();
  uninstall = h.install(globalThis).uninstall;
  h.addSheet('Feuil1', [[null]]);
  if (withContract) await runInExcel(({ workbook }) => workbook.writeSheets(initSheets(findFramework('rhone-alpes-ces-2014-2016')!, true)));
  return h;
}

test('« Valider » rebuilds Contrôles, shows it, and completes the event', async () => {
  const h = await host(true);
  let completed = 0;
  await runRibbonCommand('validate', { completed: () => completed++ });
  expect(completed).toBe(1);
  expect(h.sheetNames()).toContain('Contrôles');
  expect(h.selection).toEqual({ sheet: 'Contrôles', address: 'A1' });
  // The example's only findings: its last year, not committed yet (two warnings, no error).
  expect(spaced(String(h.cell('Contrôles', 'A3').value))).toMatch(/^0 erreur\(s\), 2 avertissement\(s\)\./);
  const rules = h.values('Contrôles', 'A1:H12').flat().map(String);
  expect(rules.filter((v) => v === 'ENGAGEMENTS-CONVENTION')).toHaveLength(2);
});

test('« Consolider » writes the generated sheets', async () => {
  const h = await host(true);
  await runRibbonCommand('consolidate', { completed: () => undefined });
  expect(h.sheetNames()).toEqual(expect.arrayContaining([SUMMARY.sheet, 'Suivi des bilans', FUNDING.sheet]));
});

test('on a workbook without the contract sheets, the reason is written in Contrôles, in French', async () => {
  const h = await host(false);
  let completed = 0;
  await runRibbonCommand('validate', { completed: () => completed++ });
  expect(completed).toBe(1);
  const values = h
    .values('Contrôles', 'A1:G10')
    .flat()
    .map((v) => spaced(String(v)));
  expect(values.some((v) => /La feuille « Cadre » est attendue dans le classeur, elle est absente/.test(v))).toBe(true);
  expect(values).toContain('LECTURE');
});

test('when Excel refuses even the Contrôles sheet, the reason is shown in a dialog, and the event completes once it is closed', async () => {
  const h = await host(true);
  await runRibbonCommand('validate', { completed: () => undefined });
  h.protect('Contrôles');
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let completed = 0;
  const run = runRibbonCommand('validate', { completed: () => completed++ });
  for (let i = 0; i < 50 && h.dialogs.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(h.dialogs).toHaveLength(1);
  const url = new URL(h.dialogs[0].url);
  expect(url.pathname).toMatch(/ribbon\.html$/);
  expect(spaced(url.searchParams.get('message') ?? '')).toMatch(/La feuille « Contrôles » est protégée/);
  expect(completed).toBe(0);
  h.closeDialog();
  await run;
  expect(completed).toBe(1);
  jest.restoreAllMocks();
});

test('without the Dialog API nothing can be shown: the command still completes', async () => {
  const h = await host(true);
  await runRibbonCommand('validate', { completed: () => undefined });
  h.supportedSets = { ExcelApi: '1.18' };
  h.protect('Contrôles');
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let completed = 0;
  await runRibbonCommand('consolidate', { completed: () => completed++ });
  expect(completed).toBe(1);
  expect(h.dialogs).toEqual([]);
  expect(error).toHaveBeenCalled();
  jest.restoreAllMocks();
});
