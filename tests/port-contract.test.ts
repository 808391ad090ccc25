/**
 * The same contract tests on both adapters of the workbook port: the .xlsx adapter (exceljs
 * writer, lean reader) and the Office.js adapter (on the fake Excel host). What one writes, it
 * reads back as the other does; both give the same findings, totals and problems.
 */
import { openXlsxBytes } from '../src/adapters/node/files';
import { XlsxNewWorkbook } from '../src/adapters/node/new-workbook';
import { runInExcel } from '../src/adapters/office/run';
import { type UserError } from '../src/core/shared/errors';
import { readContractTables } from '../src/commands/read-contract';
import { analyse, generated } from '../src/core/analysis/analyse';
import { SUMMARY } from '../src/core/contract/tables';
import { headersOf } from '../src/core/contract/declare';
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import type { PlacedSheet } from '../src/core/layout/placed';
import type { CellValue, TableRead, TableRequest, TableResult, WorkbookPort } from '../src/ports/workbook';
import { FakeExcelHost } from './fake-excel';
import { beyondExample } from './support/example';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;

interface Adapter {
  name: string;
  /** Writes the sheets into a fresh workbook, then gives a port over that workbook. */
  open(sheets: PlacedSheet[]): Promise<{ run<T>(fn: (port: WorkbookPort) => Promise<T>): Promise<T>; close(): void }>;
}

const xlsx: Adapter = {
  name: '.xlsx (exceljs writer, lean reader)',
  async open(sheets) {
    let written = [...sheets];
    let buffer: Buffer = Buffer.alloc(0);
    const save = async () => {
      const wb = new XlsxNewWorkbook();
      await wb.writeSheets(written);
      buffer = await wb.toBuffer();
    };
    await save();
    const port = async (): Promise<WorkbookPort> => ({
      sheetNames: () => openXlsxBytes(buffer, 'test.xlsx').then((r) => r.sheetNames()),
      readTables: (r: readonly TableRequest[]): Promise<TableResult[]> => openXlsxBytes(buffer, 'test.xlsx').then((x) => x.readTables(r)),
      writeSheets: async (more) => {
        for (const s of more) written = [...written.filter((x) => x.name !== s.name), s];
        await save();
      },
    });
    return { port, run: async (fn) => fn(await port()), close: () => undefined };
  },
};

const office: Adapter = {
  name: 'Office.js (fake Excel host)',
  async open(sheets) {
    const host = new FakeExcelHost();
    const { uninstall } = host.install(globalThis);
    host.addSheet('Feuil1', [[null]]);
    await runInExcel(({ workbook }) => workbook.writeSheets(sheets));
    return {
      run: (fn) => runInExcel(({ workbook }) => fn(workbook)),
      close: uninstall,
    };
  },
};

function example(mutate: (sheets: PlacedSheet[]) => void = () => undefined): PlacedSheet[] {
  const sheets = initSheets(RA, true);
  mutate(sheets);
  return sheets;
}

async function withAdapter<T>(
  adapter: Adapter,
  sheets: PlacedSheet[],
  fn: (run: <R>(f: (port: WorkbookPort) => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<T> {
  const w = await adapter.open(sheets);
  try {
    return await fn(w.run.bind(w));
  } finally {
    w.close();
  }
}

async function both<T>(
  sheets: () => PlacedSheet[],
  fn: (run: <R>(f: (port: WorkbookPort) => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<[T, T]> {
  const a = await withAdapter(xlsx, sheets(), fn);
  const b = await withAdapter(office, sheets(), fn);
  return [a, b];
}

/**
 * Tables without their trailing empty rows: they are not rows (the file reader leaves them out,
 * Excel's table ranges keep at least one).
 */
function withoutTrailingEmptyRows<T extends Record<string, TableRead>>(tables: T): T {
  const trim = (rows: CellValue[][]) => {
    let n = rows.length;
    while (n > 0 && rows[n - 1].every((v) => v === null)) n--;
    return rows.slice(0, n);
  };
  return Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, { ...t, rows: trim(t.rows) }])) as T;
}

test('the contract tables written by each adapter read back the same', async () => {
  const [a, b] = await both(example, (run) => run((port) => readContractTables(port)));
  expect(withoutTrailingEmptyRows(b)).toEqual(withoutTrailingEmptyRows(a));
  expect(a.commitments.rows.length).toBeGreaterThan(20);
  // Codes with a leading zero (the départements' INSEE codes) stay text.
  expect(a.territories.rows.some((r) => typeof r[3] === 'string' && r[3].startsWith('0'))).toBe(true);
});

test('validation gives the same findings and totals on both adapters, at the same cells', async () => {
  const bad = () =>
    example((sheets) => {
      const eng = sheets.find((s) => s.name === 'Engagements')!;
      const top = eng.tables[0].headerRow;
      eng.rows[top][3] = 'douze mille';
      eng.rows[top + 1][1] = 'Etat';
      eng.rows[top + 2][3] = '12 500 €';
      eng.rows[top + 3][5] = '=HYPERLINK("http://exemple.invalid")';
    });
  const [a, b] = await both(bad, (run) => run(async (port) => analyse(await readContractTables(port))));
  expect(b.findings).toEqual(a.findings);
  expect(b.evaluation.totals).toEqual(a.evaluation.totals);
  expect(a.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['MONTANT-ILLISIBLE', 'FINANCEUR-NOM', 'MONTANT-TEXTE']));
  // The hostile comment is read back as the text it was, on both.
  const comment = (x: typeof a) => x.records.commitments[3].comment;
  expect(comment(a)).toBe('=HYPERLINK("http://exemple.invalid")');
  expect(comment(b)).toBe(comment(a));
});

test('generated sheets written by each adapter read back the same summary', async () => {
  const req = [{ sheet: SUMMARY.sheet, table: SUMMARY.table, headers: headersOf(SUMMARY) }];
  const [a, b] = await both(example, (run) =>
    run(async (port) => {
      const analysis = analyse(await readContractTables(port));
      await port.writeSheets(generated(analysis));
      const [summary] = await port.readTables(req);
      if (!summary.ok) throw new Error('no summary');
      // Formula cells are not computed by the fake nor cached by exceljs: compare the values.
      return summary.read.rows.map((r) => r.slice(0, 6));
    }),
  );
  expect(b).toEqual(a);
  expect(a[0]).toEqual(['REGION', 'Région Rhône-Alpes', 2014, 'ferme', 2387500, 2387500]);
});

test('a table converted to a plain range, and a renamed header, give the same outcome', async () => {
  const plain = () => example((sheets) => (sheets.find((s) => s.name === 'Bilans')!.tables = []));
  const [a, b] = await both(plain, (run) => run(async (port) => analyse(await readContractTables(port)).findings));
  expect(b).toEqual(a);
  expect(beyondExample(a).map((f) => f.rule)).toEqual(['TABLEAU-EN-PLAGE']);

  const renamed = () =>
    example((sheets) => {
      const s = sheets.find((x) => x.name === 'Convention')!;
      s.rows[s.tables[0].headerRow - 1][2] = 'Montant';
      s.tables[0].columns[2] = 'Montant';
    });
  const [p, q] = await both(renamed, (run) =>
    run((port) =>
      readContractTables(port).then(
        () => null,
        (e: UserError) => ({ code: e.code, params: e.params }),
      ),
    ),
  );
  expect(q).toEqual(p);
  expect(p).toMatchObject({ code: 'EN-TETE-ABSENT', params: { header: 'Montant (€)', found: { value: 'Montant' } } });
});
