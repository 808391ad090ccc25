/**
 * The Office.js adapter on the fake Excel host: round trips that do not grow with the rows,
 * payloads under Excel on the web's limit, text never turned into a formula, and French
 * messages for what Excel refuses.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ACTIONS } from '../src/core/contract/tables';
import { runInExcel } from '../src/adapters/office/run';
import { safeText } from '../src/adapters/office/excel-workbook';
import { consolidateWorkbook } from '../src/commands/consolidate';
import { initWorkbook } from '../src/commands/init';
import { validateIntoWorkbook } from '../src/commands/validate';
import { findFramework } from '../src/core/framework';
import { INPUT_TABLES } from '../src/core/contract/tables';
import { FakeExcelHost } from './fake-excel';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { controlsSheet, inputSheets } from '../src/core/layout';
import { initSheets } from '../src/core/layout/init-sheets';
import type { PlacedSheet } from '../src/core/layout/placed';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const LIMIT = 5 * 1024 * 1024;

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

function install(host: FakeExcelHost): FakeExcelHost {
  uninstall = host.install(globalThis).uninstall;
  return host;
}

/** Puts laid-out sheets into the fake workbook as a user's workbook would hold them. */
function loadSheets(host: FakeExcelHost, sheets: PlacedSheet[]): void {
  for (const s of sheets) {
    host.addSheet(
      s.name,
      s.rows.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? ('text' in v ? v.text : null) : v))),
    );
    for (const t of s.tables) host.addTable(s.name, t.name, t.ref);
  }
}

/** The example workbook, with `extraReports` more Bilans rows, as it stands in Excel. */
function exampleHost(extraReports = 0, options: ConstructorParameters<typeof FakeExcelHost>[0] = {}): FakeExcelHost {
  const host = install(new FakeExcelHost(options));
  const tables = frameworkTables(RA, true);
  for (let i = 0; i < extraReports; i++)
    tables.reports.rows.push(['I_1.2', `Opérateur ${i % 50}`, 2014, 'PUBLIC_SENSIBILISE', 1 + (i % 7), 'D69', 'test']);
  loadSheets(host, inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(RA), example: true }));
  host.resetSyncs();
  return host;
}

/** Sync counts measured here, written to tests/artifacts/office-syncs.json for the README. */
const measured: { command: string; extraReports: number; syncs: number; maxRequestBytes: number; maxResponseBytes: number }[] = [];
function record(command: string, n: number, host: FakeExcelHost) {
  measured.push({
    command,
    extraReports: n,
    syncs: host.syncs.length,
    maxRequestBytes: Math.max(...host.syncs.map((s) => s.requestBytes)),
    maxResponseBytes: Math.max(...host.syncs.map((s) => s.responseBytes)),
  });
}
afterAll(() => {
  mkdirSync(path.join(__dirname, 'artifacts'), { recursive: true });
  writeFileSync(path.join(__dirname, 'artifacts', 'office-syncs.json'), JSON.stringify(measured, null, 1));
});

describe('round trips do not grow with the rows', () => {
  test.each([10, 1_000, 50_000])(
    'validate with %i more report rows: at most 4 syncs, every payload under 5 MB',
    async (n) => {
      const host = exampleHost(n);
      const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
      record('validate', n, host);
      expect(a.records.reports.length).toBeGreaterThanOrEqual(n);
      expect(host.syncs.length).toBeLessThanOrEqual(4);
      for (const s of host.syncs) {
        expect(s.requestBytes).toBeLessThan(LIMIT);
        expect(s.responseBytes).toBeLessThan(LIMIT);
      }
      expect(host.sheetNames()).toContain('Contrôles');
    },
    120_000,
  );

  test.each([10, 1_000, 50_000])(
    'consolidate with %i more report rows: at most 6 syncs',
    async (n) => {
      const host = exampleHost(n);
      await runInExcel(({ workbook }) => consolidateWorkbook(workbook, workbook, false));
      record('consolidate', n, host);
      expect(host.syncs.length).toBeLessThanOrEqual(6);
      for (const s of host.syncs) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThan(LIMIT);
      expect(host.sheetNames()).toEqual(
        expect.arrayContaining(['Contrôles', 'Synthèse financière', 'Répartition par action', 'Indicateurs consolidés']),
      );
      expect(host.rowAddCalls).toBe(0);
    },
    120_000,
  );
});

describe('writes and reads', () => {
  test('init writes the seven contract tables, read back identical, without adding rows one by one', async () => {
    const host = install(new FakeExcelHost());
    host.addSheet('Feuil1', [[null]]);
    await runInExcel(({ workbook }) => initWorkbook(workbook, RA, true, false));
    expect(host.rowAddCalls).toBe(0);
    for (const spec of Object.values(INPUT_TABLES)) expect(host.table(spec.table)?.sheet ?? null).not.toBeNull();
    // Codes that look like numbers stay text ("01", "07" are département codes).
    const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(a.findings).toEqual([]);
    // Codes with a leading zero (the départements' INSEE codes) stay text.
    expect(a.records.territories.map((r) => r.officialCode).filter((x) => x?.startsWith('0')).length).toBeGreaterThan(0);
    // Money is written as numbers with a euro format, never as locale-shaped text.
    const amount = a.records.commitments[0].origin;
    const cell = host.cell('Engagements', `D${amount.row}`);
    expect(typeof cell.value).toBe('number');
    expect(cell.numberFormat).toBe('#,##0.00 "€"');
  });

  test('large writes are split into chunks under a lowered payload limit, and still succeed', async () => {
    const host = install(new FakeExcelHost({ payloadLimit: 256 * 1024 }));
    host.addSheet('Feuil1', [[null]]);
    // A budget under the limit, as the adapter sizes its chunks from the data.
    const { OfficeWorkbook } = await import('../src/adapters/office/excel-workbook');
    await Excel.run(async (ctx) => {
      const wb = new OfficeWorkbook(ctx, new Set(['dataValidation', 'events', 'charts']), 16 * 1024);
      await initWorkbook(wb, RA, true, false);
    });
    expect(host.syncs.length).toBeGreaterThan(3);
    for (const s of host.syncs) expect(s.requestBytes).toBeLessThan(256 * 1024);
    expect(host.table('tblEngagements')).toBeTruthy();
  });

  test('a read over the payload limit is retried in row chunks, and reads the same', async () => {
    const small = exampleHost(50_000, { payloadLimit: 1024 * 1024 });
    const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    const failed = small.syncs.filter((s) => s.error);
    expect(failed).toHaveLength(1); // the optimistic single read
    expect(small.syncs.length).toBeGreaterThan(5); // one more sync per chunk
    for (const s of small.syncs.filter((x) => !x.error)) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThan(1024 * 1024);
    const big = exampleHost(50_000);
    const b = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(a.records.reports.length).toBe(b.records.reports.length);
    expect(a.findings).toEqual(b.findings);
    expect(a.records.reports[49_999]).toEqual(b.records.reports[49_999]);
    void big;
  }, 120_000);

  test('text from users is written as text, never as a formula', async () => {
    const host = exampleHost();
    const actions = host.table('tblActions')!;
    void actions;
    // A user types a hostile title for an action and a comment.
    const row = 6;
    host.setCell(ACTIONS.sheet, `E${row}`, '\'=HYPERLINK("http://exemple.invalid","clic")');
    host.setCell(ACTIONS.sheet, `F${row}`, "'+33 6 00 00 00 00");
    await runInExcel(({ workbook }) => consolidateWorkbook(workbook, workbook, false));
    const formulas = host.sheets.flatMap((s) =>
      ['Répartition par action', 'Synthèse financière', 'Contrôles', 'Indicateurs consolidés'].includes(s.name)
        ? [...s.cells.entries()].filter(([, c]) => c.formula && /HYPERLINK/i.test(c.formula)).map(([a]) => `${s.name}!${a}`)
        : [],
    );
    expect(formulas).toEqual([]);
    expect(safeText('=1+1')).toBe("'=1+1");
    expect(safeText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeText('-2')).toBe("'-2");
    expect(safeText('01')).toBe("'01");
    expect(safeText('Ville de Lyon')).toBe('Ville de Lyon');
  });

  test('a finding link selects its cell; a funder’s rows can be selected', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => workbook.selectCell('Engagements', 'D7'));
    expect(host.selection).toEqual({ sheet: 'Engagements', address: 'D7' });
    await runInExcel(({ workbook }) => workbook.selectRows('Engagements', [6, 9], 6));
    expect(host.selection?.address.replace(/\s/g, '')).toBe('A6:F6,A9:F9');
  });
});

describe('what Excel refuses, said in French, nothing written half-way', () => {
  test('a cell in edit mode', async () => {
    const host = exampleHost();
    host.editMode = true;
    await expect(runInExcel(({ workbook }) => validateIntoWorkbook(workbook))).rejects.toThrow(/validez ou annulez la saisie en cours/);
    host.editMode = false;
    expect(host.sheetNames()).not.toContain('Contrôles');
  });

  test('a protected generated sheet', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    host.protect('Contrôles');
    const before = JSON.stringify(host.values('Contrôles', 'A1:G30'));
    await expect(runInExcel(({ workbook }) => validateIntoWorkbook(workbook))).rejects.toThrow(/La feuille «\s?Contrôles\s?» est protégée/);
    expect(JSON.stringify(host.values('Contrôles', 'A1:G30'))).toBe(before);
  });

  test('a write refused half-way leaves the old sheets as they were, and no temporary sheet', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    const before = JSON.stringify(host.values('Contrôles', 'A1:G30'));
    const names = host.sheetNames();
    const broken = {
      ...initSheets(RA, false)[0],
      name: 'Feuille cassée',
      tables: [{ ...initSheets(RA, false)[0].tables[0], name: '1 nom invalide' }],
    };
    const controls = controlsSheet({ findings: [], example: false });
    await expect(runInExcel(({ workbook }) => workbook.writeSheets([controls, broken]))).rejects.toThrow(/Excel a refusé une écriture/);
    expect(host.sheetNames()).toEqual(names);
    expect(JSON.stringify(host.values('Contrôles', 'A1:G30'))).toBe(before);
  });

  test('a deleted sheet and a renamed table', async () => {
    const host = exampleHost();
    // The user deletes a sheet and renames a table while the pane is open.
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Indicateurs').delete();
      await ctx.sync();
    });
    expect(host.sheetNames()).not.toContain('Indicateurs');
    await expect(runInExcel(({ workbook }) => validateIntoWorkbook(workbook))).rejects.toThrow(
      /La feuille «\sIndicateurs\s» est attendue dans le classeur, elle est absente/,
    );

    const other = exampleHost();
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('tblEngagements').name = 'MesEngagements';
      await ctx.sync();
    });
    const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(a.findings.map((f) => [f.rule, f.sheet])).toEqual([['TABLEAU-EN-PLAGE', 'Engagements']]);
    // Validating never renames it back: the user's table is left as it is.
    expect(other.table('MesEngagements')).toBeTruthy();
    expect(a.evaluation.totals.find((t) => t.funder === 'REGION' && t.year === 2014)?.gap).toBe(0);
  });

  test('an unsupported requirement set degrades without failing', async () => {
    const host = install(new FakeExcelHost({ supportedSets: { ExcelApi: '1.7' } }));
    host.addSheet('Feuil1', [[null]]);
    await runInExcel(({ workbook }) => initWorkbook(workbook, RA, false, false));
    expect(host.table('tblEngagements')).toBeTruthy();
    expect(host.cell('Engagements', 'B6').validation ?? null).toBeNull();
  });
});
