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
import { consolidateWorkbook, copiedInputSheets } from '../src/commands/consolidate';
import { importIntoWorkbook, IMPORTED_INPUTS } from '../src/commands/import';
import { readContractTables } from '../src/commands/read-contract';
import { analyse, generated } from '../src/core/analysis/analyse';
import { openXlsxBytes } from '../src/adapters/node/files';
import { filledReport, REPORT_A } from './support/reports';
import { initWorkbook } from '../src/commands/init';
import { validateIntoWorkbook, validateWorkbook } from '../src/commands/validate';
import { findFramework } from '../src/core/framework';
import { INPUT_TABLES } from '../src/core/contract/tables';
import { FakeExcelHost, FakeOfficeError } from './fake-excel';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { controlsSheet, inputSheets } from '../src/core/layout';
import { initSheets } from '../src/core/layout/init-sheets';
import type { PlacedSheet } from '../src/core/layout/placed';
import { beyondExample } from './support/example';
import { UserError } from '../src/core/shared/errors';

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

/**
 * Syncs of a command: structure; header rows and dimensions; the values and their number
 * formats (one sync per read budget of estimated response, 4 MB: 50 000 rows take three); the
 * new sheets staged; the swap. Only the values' syncs follow the size of the data.
 */
const EXPECTED_SYNCS: Record<number, number> = { 10: 5, 1_000: 5, 50_000: 7 };

describe('round trips do not grow with the rows', () => {
  test.each([10, 1_000, 50_000])(
    'validate with %i more report rows: a constant number of syncs (plus one per 4 MB read), every payload under 5 MB',
    async (n) => {
      const host = exampleHost(n);
      const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
      record('validate', n, host);
      expect(a.records.reports.length).toBeGreaterThanOrEqual(n);
      expect(host.syncs.length).toBe(EXPECTED_SYNCS[n]);
      for (const s of host.syncs) {
        expect(s.error).toBeUndefined();
        expect(s.requestBytes).toBeLessThan(LIMIT);
        expect(s.responseBytes).toBeLessThan(LIMIT);
      }
      expect(host.sheetNames()).toContain('Contrôles');
    },
    120_000,
  );

  test.each([10, 1_000, 50_000])(
    'consolidate with %i more report rows: the same syncs as validate',
    async (n) => {
      const host = exampleHost(n);
      await runInExcel(({ workbook }) => consolidateWorkbook(workbook, workbook, false));
      record('consolidate', n, host);
      expect(host.syncs.length).toBe(EXPECTED_SYNCS[n]);
      for (const s of host.syncs) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThan(LIMIT);
      expect(host.sheetNames()).toEqual(
        expect.arrayContaining(['Contrôles', 'Synthèse financière', 'Répartition par action', 'Indicateurs consolidés']),
      );
      expect(host.rowAddCalls).toBe(0);
    },
    120_000,
  );

  test.each([10, 1_000, 50_000])(
    'import of one report with %i more report rows: the same syncs, the input tables written in place',
    async (n) => {
      const host = exampleHost(n);
      const file = { name: 'a.xlsx', open: async () => openXlsxBytes(await filledReport('I_1.2', 2014, REPORT_A), 'a.xlsx') };
      const r = await runInExcel(({ workbook }) => importIntoWorkbook(workbook, [file], { replace: false, now: new Date(2026, 0, 1) }));
      record('import', n, host);
      expect(r.entries.map((e) => e.status)).toEqual(['importé']);
      expect(host.syncs.length).toBe(EXPECTED_SYNCS[n]);
      for (const s of host.syncs) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThan(LIMIT);
    },
    120_000,
  );

  test('100 000 report rows (a 6.6 MB read in one piece) are read in chunks planned beforehand: no refused round trip', async () => {
    const host = exampleHost(100_000);
    const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    record('validate', 100_000, host);
    expect(a.records.reports.length).toBeGreaterThanOrEqual(100_000);
    expect(host.syncs.filter((s) => s.error)).toEqual([]);
    for (const s of host.syncs) expect(s.responseBytes).toBeLessThan(LIMIT);
    const read = host.syncs.reduce((n, s) => n + s.responseBytes, 0);
    expect(read).toBeGreaterThan(LIMIT);
    expect(host.syncs.length).toBeLessThanOrEqual(4 + Math.ceil(read / (2 * 1024 * 1024)));
  }, 120_000);
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
    expect(beyondExample(a.findings)).toEqual([]);
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

  test('reads are chunked from the dimensions before reading, and read the same as in one piece', async () => {
    const { OfficeWorkbook } = await import('../src/adapters/office/excel-workbook');
    const features = new Set(['dataValidation', 'events', 'charts'] as const);
    const small = exampleHost(50_000, { payloadLimit: 1024 * 1024 });
    const a = await Excel.run(async (ctx) => validateIntoWorkbook(new OfficeWorkbook(ctx, features, 256 * 1024)));
    expect(small.syncs.filter((s) => s.error)).toEqual([]);
    expect(small.syncs.length).toBeGreaterThan(6);
    for (const s of small.syncs) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThan(1024 * 1024);
    exampleHost(50_000);
    const b = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(a.records.reports.length).toBe(b.records.reports.length);
    expect(a.findings).toEqual(b.findings);
    expect(a.records.reports[49_999]).toEqual(b.records.reports[49_999]);
  }, 120_000);

  test('a chunk Excel still refuses as too large (long texts) is halved and read again', async () => {
    const long = 'x'.repeat(400);
    const host = install(new FakeExcelHost({ payloadLimit: 200 * 1024 }));
    const tables = frameworkTables(RA, true);
    for (let i = 0; i < 2_000; i++) tables.reports.rows.push(['I_1.2', `Opérateur ${i}`, 2014, 'PUBLIC_SENSIBILISE', 1, '69', long]);
    loadSheets(host, inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(RA), example: true }));
    host.resetSyncs();
    const { OfficeWorkbook } = await import('../src/adapters/office/excel-workbook');
    const a = await Excel.run(async (ctx) =>
      validateIntoWorkbook(new OfficeWorkbook(ctx, new Set(['dataValidation', 'events', 'charts']), 64 * 1024)),
    );
    const refused = host.syncs.filter((s) => s.error);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(a.records.reports.filter((r) => r.source === long)).toHaveLength(2_000);
  }, 120_000);

  test('a user’s total row is not data: read as the .xlsx reader reads it, without spurious findings', async () => {
    exampleHost();
    const before = await runInExcel(({ workbook }) => validateWorkbook(workbook));
    const host = exampleHost();
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('tblEngagements').showTotals = true;
      await ctx.sync();
    });
    const t = host.table('tblEngagements')!;
    const totalRow = Number(/\d+$/.exec(t.address)![0]);
    expect(host.cell('Engagements', `A${totalRow}`).value).toBe('Total');
    host.setCell('Engagements', `D${totalRow}`, '=SUBTOTAL(109,[Montant (€)])').setFormulaResult('Engagements', `D${totalRow}`, 4472700);
    const after = await runInExcel(({ workbook }) => validateWorkbook(workbook));
    expect(after.records.commitments).toHaveLength(before.records.commitments.length);
    expect(after.findings).toEqual(before.findings);
  });

  test('a table whose header row is hidden is the problem « no-header-row », at its first cell', async () => {
    const host = exampleHost();
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('tblEngagements').showHeaders = false;
      await ctx.sync();
    });
    const first = host.table('tblEngagements')!.address.split(':')[0];
    const [result] = await runInExcel(({ workbook }) =>
      workbook.readTables([{ sheet: 'Engagements', table: 'tblEngagements', headers: ['Code action'] }]),
    );
    expect(result).toEqual({ ok: false, problem: { kind: 'no-header-row', sheet: 'Engagements', table: 'tblEngagements', cell: first } });
    await expect(runInExcel(({ workbook }) => validateIntoWorkbook(workbook))).rejects.toThrow(/doit avoir sa ligne d’en-têtes/);
  });

  test('text from users is written as text, never as a formula', async () => {
    const host = exampleHost();
    // A user types a hostile title for an action and a comment, on its first data row.
    const row = Number(/\d+/.exec(host.table('tblActions')!.address.split('!').pop()!)![0]) + 1;
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

  test('RangeAreas.select is ExcelApi 1.18: on Office 2021 (1.14) the first row only is selected, without error', async () => {
    const host = exampleHost(0, { supportedSets: { ExcelApi: '1.14' } });
    await runInExcel(({ workbook }) => workbook.selectRows('Engagements', [6, 9], 6));
    expect(host.selection).toEqual({ sheet: 'Engagements', address: 'A6:F6' });
  });
});

describe('what Excel shows as a date is a date', () => {
  test('a date typed into an amount cell (Excel then formats it as a date) is MONTANT-DATE, never 41 640 €', async () => {
    exampleHost();
    let cell = '';
    await Excel.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem('tblEngagements').getDataBodyRange().load('address');
      await ctx.sync();
      const first = /!([A-Z]+)(\d+)/.exec(body.address)!;
      cell = `D${first[2]}`;
      const r = ctx.workbook.worksheets.getItem('Engagements').getRange(cell);
      r.values = [[41640]];
      r.numberFormat = [['dd/mm/yyyy']];
      await ctx.sync();
    });
    const a = await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    const f = a.findings.find((x) => x.sheet === 'Engagements' && x.cell === cell)!;
    expect(f).toMatchObject({ rule: 'MONTANT-DATE', severity: 'error' });
    expect(a.records.commitments[0].amount).toBeNull();
    // The dates of date columns come as ISO text, as from a file.
    expect(a.records.commitments[0].decisionDate).toBe('2014-06-18');
  });
});

describe('what Excel refuses, said in French, nothing written half-way', () => {
  test('a cell in edit mode: the command waits until the user leaves it (delayForCellEdit), then completes', async () => {
    const host = exampleHost();
    host.editMode = true;
    let done = false;
    const run = runInExcel(({ workbook }) => validateIntoWorkbook(workbook)).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    expect(host.syncs).toEqual([]);
    host.editMode = false;
    await run;
    expect(host.sheetNames()).toContain('Contrôles');
    expect(host.syncs.filter((s) => s.error)).toEqual([]);
  });

  test('edit mode entered between two syncs of a write: no temporary sheet left, no false « Rien n’a été écrit »', async () => {
    const host = exampleHost();
    const names = host.sheetNames();
    // The user starts typing in a cell right after the first batch that writes something.
    host.syncListeners.push((s) => {
      if (s.commands > 0 && !s.error && host.syncListeners.length) {
        host.syncListeners.length = 0;
        host.editMode = true;
        setTimeout(() => (host.editMode = false), 20);
      }
    });
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(host.sheetNames()).toEqual([...names, 'Contrôles']);
    expect(host.syncs.filter((s) => s.error)).toEqual([]);
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
    expect(beyondExample(a.findings).map((f) => [f.rule, f.sheet])).toEqual([['TABLEAU-EN-PLAGE', 'Engagements']]);
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

describe('errors thrown inside Excel.run: Excel’s are said as Excel’s, ours never are', () => {
  const failure = async (f: () => unknown) => {
    install(new FakeExcelHost()).addSheet('Feuil1', [[null]]);
    try {
      await runInExcel(async () => f());
    } catch (e) {
      return e as UserError;
    }
    throw new Error('expected a failure');
  };
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test.each<[string, () => unknown]>([
    ['a TypeError (a bug of ours)', () => (null as unknown as { x: () => void }).x()],
    ['an error with a string code (Node, a library)', () => Object.assign(new Error('bad arg'), { code: 'ERR_INVALID_ARG_TYPE' })],
    ['a DOMException (numeric code)', () => new DOMException('aborted', 'AbortError')],
  ])('%s is an internal error, not « Erreur inattendue d’Excel »', async (_label, f) => {
    const e = await failure(() => {
      const thrown = f();
      throw thrown;
    });
    expect(e.code).toBe('INTERNE');
    expect(e.message).not.toMatch(/Excel/);
  });

  test('an Excel error with an unknown code is Excel’s, with its code', async () => {
    const e = await failure(() => {
      throw new FakeOfficeError({ code: 'FilteredRangeConflict', message: 'The attempted operation is not allowed on a filtered range.' });
    });
    expect(e.code).toBe('EXCEL-INATTENDU');
    expect(e.message).toMatch(/Erreur inattendue d’Excel \(FilteredRangeConflict\)/);
  });

  test('a UserError of ours passes as it is', async () => {
    const e = await failure(() => {
      throw new UserError('EXCEL-FEUILLE-PROTEGEE', { sheet: 'Contrôles' });
    });
    expect(e.code).toBe('EXCEL-FEUILLE-PROTEGEE');
  });
});

/** What a write may leave behind: staging sheets (`~…`) and staging tables (`tmp…`). */
function leftovers(host: FakeExcelHost) {
  return {
    sheets: host.sheetNames().filter((n) => n.startsWith('~')),
    tables: host.tables.map((t) => t.name).filter((n) => /^tmp/i.test(n)),
  };
}
const NONE = { sheets: [], tables: [] };

describe('the swap of rebuilt sheets: refused before, restored or finished, never half', () => {
  test('a renamed copy of « Contrôles » keeps tblControles: Valider refuses, naming the sheet, and writes nothing', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Contrôles').name = 'Contrôles (copie)';
      await ctx.sync();
    });
    const names = host.sheetNames();
    await expect(runInExcel(({ workbook }) => validateIntoWorkbook(workbook))).rejects.toThrow(
      /Le nom tblControles est déjà pris par un tableau de la feuille «\sContrôles \(copie\)\s»/,
    );
    expect(host.sheetNames()).toEqual(names);
    expect(leftovers(host)).toEqual(NONE);
    expect(host.enableEvents).toBe(true);
  });

  test('the same with Consolider: nothing swapped, no staging sheet nor table left', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => consolidateWorkbook(workbook, workbook, false));
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Synthèse financière').name = 'Synthèse 2015';
      await ctx.sync();
    });
    const names = host.sheetNames();
    const before = JSON.stringify(host.values('Contrôles', 'A1:G40'));
    await expect(runInExcel(({ workbook }) => consolidateWorkbook(workbook, workbook, false))).rejects.toThrow(
      /Le nom tbl\w+ est déjà pris par un tableau de la feuille «\sSynthèse 2015\s»/,
    );
    expect(host.sheetNames()).toEqual(names);
    expect(JSON.stringify(host.values('Contrôles', 'A1:G40'))).toBe(before);
    expect(leftovers(host)).toEqual(NONE);
  });

  test('staging sheets and tables left by an earlier run are cleaned up when a write starts', async () => {
    const host = exampleHost();
    host
      .addSheet('~k3j9a0', [
        ['Gravité', 'Règle'],
        ['x', 'y'],
      ])
      .addTable('~k3j9a0', 'tmpk3j9a0_tblControles', 'A1:B2');
    host
      .addSheet('Synthèse financière', [
        ['Financeur', 'Année'],
        ['REGION', 2014],
      ])
      .addTable('Synthèse financière', 'tmpk3j9a1_tblSynthese', 'A1:B2');
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(leftovers(host)).toEqual(NONE);
    expect(host.table('tblSynthese')?.sheet).toBe('Synthèse financière');
    expect(host.table('tblControles')?.sheet).toBe('Contrôles');
  });

  test('a swap refused half-way is finished: the user deleted the old sheet between two syncs', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    host.syncListeners.push((s) => {
      if (s.commands > 0 && !s.error && host.syncListeners.length) {
        host.syncListeners.length = 0;
        host.deleteSheet(host.sheet('Contrôles')!, 'test');
      }
    });
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    expect(host.sheetNames()).toContain('Contrôles');
    expect(host.table('tblControles')?.sheet).toBe('Contrôles');
    expect(leftovers(host)).toEqual(NONE);
    expect(host.enableEvents).toBe(true);
  });

  test('a swap refused before any sheet is deleted is restored: old sheets as they were, nothing staged left', async () => {
    const host = exampleHost();
    await runInExcel(({ workbook }) => validateIntoWorkbook(workbook));
    const before = JSON.stringify(host.values('Contrôles', 'A1:G40'));
    // Between two syncs, the user renames the table of « Contrôles » and takes its name elsewhere.
    host.syncListeners.push((s) => {
      if (s.commands > 0 && !s.error && host.syncListeners.length) {
        host.syncListeners.length = 0;
        host.renameTable(host.findTable('tblControles')!, 'tblAncien', 'test');
        host.addSheet('Mes contrôles', [['A'], [1]]).addTable('Mes contrôles', 'tblControles', 'A1:A2');
      }
    });
    await expect(runInExcel(({ workbook }) => validateIntoWorkbook(workbook))).rejects.toThrow(
      /Une feuille ou un tableau a disparu pendant l’opération/,
    );
    expect(JSON.stringify(host.values('Contrôles', 'A1:G40'))).toBe(before);
    expect(host.table('tblAncien')?.sheet).toBe('Contrôles');
    expect(host.table('tblControles')?.sheet).toBe('Mes contrôles');
    expect(leftovers(host)).toEqual(NONE);
    expect(host.enableEvents).toBe(true);
  });
});

describe('input sheets are written in place: users’ references survive', () => {
  const reportA = { name: 'a.xlsx', open: async () => openXlsxBytes(await filledReport('I_1.2', 2014, REPORT_A), 'a.xlsx') };

  test('an import keeps the Bilans sheet and table: a formula of another sheet still points at them', async () => {
    const host = exampleHost();
    host.addSheet('Mon suivi', [['=COUNTA(Bilans!A:A)', '=SUM(tblBilans[Valeur])', "='Réalisé financier'!A1"]]);
    const ids = ['Bilans', 'Réalisé financier', 'Historique des imports'].map((n) => host.sheet(n)!.id);
    const rows = host.table('tblBilans')!.rowCount;
    // A user's formula in a row the import does not change, and a format of their own.
    const first = Number(/^[A-Z]+(\d+)/.exec(host.table('tblBilans')!.address)![1]) + 1;
    host.setCell('Bilans', `E${first}`, '=2+3').setFormulaResult('Bilans', `E${first}`, 5);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Bilans').getRange(`E${first}`).numberFormat = [['0.0']];
      await ctx.sync();
    });
    const r = await runInExcel(({ workbook }) => importIntoWorkbook(workbook, [reportA], { replace: false, now: new Date(2026, 0, 1) }));
    expect(r.entries.map((e) => e.status)).toEqual(['importé']);
    expect(['Bilans', 'Réalisé financier', 'Historique des imports'].map((n) => host.sheet(n)?.id)).toEqual(ids);
    expect(['A1', 'B1', 'C1'].map((a) => host.cell('Mon suivi', a).formula)).toEqual([
      '=COUNTA(Bilans!A:A)',
      '=SUM(tblBilans[Valeur])',
      "='Réalisé financier'!A1",
    ]);
    const t = host.table('tblBilans')!;
    expect(t.sheet).toBe('Bilans');
    expect(t.rowCount).toBe(rows + 2); // the report's two values
    expect(host.cell('Bilans', `E${first}`)).toMatchObject({ formula: '=2+3', numberFormat: '0.0' });
    // The added rows get the layout's formats: the year column's, text for territory codes.
    const last = first + t.rowCount - 1;
    expect([host.cell('Bilans', `C${last}`).numberFormat, host.cell('Bilans', `F${last}`).numberFormat]).toEqual(['0', '@']);
    // The new rows read back as the .xlsx adapter would write them, text kept as text.
    const a = await runInExcel(({ workbook }) => validateWorkbook(workbook));
    const imported = a.records.reports.filter((x) => x.source === 'a.xlsx').map((x) => [x.indicator, x.value?.value, x.territory]);
    expect(imported).toEqual(
      expect.arrayContaining([
        // Territories typed « 69 » and « Isère » are imported as their codes (feuille Territoires).
        ['PUBLIC_SENSIBILISE', 1000, 'D69'],
        ['PUBLIC_SENSIBILISE', 250, 'D38'],
      ]),
    );
    expect(imported).toHaveLength(2);
    expect(leftovers(host)).toEqual(NONE);
  });

  test('fewer rows than before: table rows are deleted in one piece, the rest of the sheet kept', async () => {
    const host = exampleHost();
    host.setCell('Bilans', 'J1', 'note de l’utilisateur');
    await runInExcel(async ({ workbook }) => {
      const tables = await readContractTables(workbook);
      tables.reports = { ...tables.reports, rows: tables.reports.rows.slice(0, 2) };
      const analysis = analyse(tables);
      await workbook.writeSheets([...copiedInputSheets(tables, analysis, IMPORTED_INPUTS), ...generated(analysis)]);
    });
    expect(host.table('tblBilans')!.rowCount).toBe(2);
    expect(host.cell('Bilans', 'J1').value).toBe('note de l’utilisateur');
    const a = await runInExcel(({ workbook }) => validateWorkbook(workbook));
    expect(a.records.reports).toHaveLength(2);
  });
});
