/**
 * The fake Excel host (tests/fake-excel): load/sync semantics, errors and limits as Office.js
 * and Excel give them. The code below is written against @types/office-js, as the adapter is,
 * and runs on the fake installed as the global `Excel`, `Office` and `OfficeExtension`.
 */
import {
  ErrorCodes,
  FakeExcelHost,
  type FakeOfficeError,
  installFakeOffice,
  SIZE_MISMATCH_MESSAGE,
  type FakeOfficeInstallation,
} from './fake-excel';

let host: FakeExcelHost;
let office: FakeOfficeInstallation;

beforeEach(() => {
  host = new FakeExcelHost()
    .addSheet('Cadre', [
      ['Clé', 'Valeur'],
      ['Cadre', 'rhone-alpes-ces-2014-2016'],
      ['Début', 2014],
    ])
    .addSheet("Plan d'actions", [
      ['Code', 'Intitulé', 'Année'],
      ['1.1', 'Animation', 2014],
      ['1.2', 'Études', 2015],
    ]);
  host.addTable('Cadre', 'tblCadre', 'A1:B3');
  host.addTable("Plan d'actions", 'tblActions', 'A1:C3');
  office = installFakeOffice(globalThis, host);
});

afterEach(() => office.uninstall());

/** The error a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    return e as FakeOfficeError;
  }
  throw new Error('expected a rejection');
}

function thrown(f: () => unknown): FakeOfficeError {
  try {
    f();
  } catch (e) {
    return e as FakeOfficeError;
  }
  throw new Error('expected an exception');
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

describe('load and sync', () => {
  test('reading a property that no sync brought throws PropertyNotLoaded, even after load()', async () => {
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Cadre').getRange('A1:B2');
      const e = thrown(() => range.values);
      expect(e).toBeInstanceOf(OfficeExtension.Error);
      expect(e.name).toBe('RichApi.Error');
      expect(e.code).toBe('PropertyNotLoaded');
      expect(e.message).toBe(
        "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
      );
      expect(e.debugInfo).toEqual({ code: 'PropertyNotLoaded', message: e.message, errorLocation: 'Range.values' });
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([
        ['Clé', 'Valeur'],
        ['Cadre', 'rhone-alpes-ces-2014-2016'],
      ]);
      // Only what was loaded.
      expect(() => range.address).toThrow(/'address' is not available/);
    });
  });

  test('load takes a string, an array, { select } or a property bag; paths go through navigation properties', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("plan d'ACTIONS");
      const a = sheet.getRange('A2:C3').load('address, rowIndex,columnIndex , rowCount,columnCount');
      const b = sheet.getRange('B2').load(['values', 'text']);
      const c = sheet.getRange('C2').load({ select: 'formulas, numberFormat' });
      const d = sheet.getRange('A1').load({ format: { font: { bold: true } }, worksheet: { name: true } });
      const e = sheet.load('protection/protected, name');
      const f = sheet.getRange('A1:A2').load();
      await ctx.sync();
      expect([a.address, a.rowIndex, a.columnIndex, a.rowCount, a.columnCount]).toEqual(["'Plan d''actions'!A2:C3", 1, 0, 2, 3]);
      expect([b.values, b.text]).toEqual([[['Animation']], [['Animation']]]);
      expect([c.formulas, c.numberFormat]).toEqual([[[2014]], [['General']]]);
      expect(d.format.font.bold).toBe(false);
      expect(d.worksheet.name).toBe("Plan d'actions");
      expect([e.protection.protected, e.name]).toEqual([false, "Plan d'actions"]);
      expect(() => e.position).toThrow(/'position' is not available/);
      expect(f.address).toBe("'Plan d''actions'!A1:A2");
      expect(f.valueTypes).toEqual([['String'], ['String']]);
    });
  });

  test('loaded values are a snapshot: they do not follow later writes until loaded again', async () => {
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Cadre').getRange('B3').load('values');
      await ctx.sync();
      host.setCell('Cadre', 'B3', 2015);
      expect(range.values).toEqual([[2014]]);
      range.load('values');
      await ctx.sync();
      expect(range.values).toEqual([[2015]]);
    });
  });

  test('writes are queued: the workbook does not change before sync, and commands apply in order', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Cadre');
      sheet.getRange('A5:B5').values = [['Devise', 'EUR']];
      sheet.getRange('B5').values = [['€']];
      const check = sheet.getRange('A5:B5').load('values');
      expect(host.cell('Cadre', 'A5').value).toBeNull();
      await ctx.sync();
      expect(host.values('Cadre', 'A5:B5')).toEqual([['Devise', '€']]);
      expect(check.values).toEqual([['Devise', '€']]);
    });
  });

  test('a property set on a proxy reads back locally before sync, as Office.js keeps it', async () => {
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Cadre').getRange('C1');
      range.values = [['x']];
      expect(range.values).toEqual([['x']]);
      expect(host.cell('Cadre', 'C1').value).toBeNull();
      await ctx.sync();
    });
  });

  test('Excel.run syncs what the batch queued after its last sync, returns its result, and wants a promise', async () => {
    const result = await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Cadre').getRange('A9').values = [['fin']];
      return 42;
    });
    expect(result).toBe(42);
    expect(host.cell('Cadre', 'A9').value).toBe('fin');
    expect(host.syncs).toHaveLength(1);
    const e = await rejection(Excel.run((() => 1) as unknown as (ctx: Excel.RequestContext) => Promise<number>));
    expect(e.code).toBe('RunMustReturnPromise');
  });
});

describe('sync log and payload sizes', () => {
  test('each round trip is logged with its commands and the UTF-8 bytes of request and response', async () => {
    await Excel.run(async (ctx) => {
      await ctx.sync(); // nothing queued: no round trip
      expect(host.syncs).toHaveLength(0);
      expect(host.syncCalls).toBe(1);

      const data = [['é', 1]];
      const sheet = ctx.workbook.worksheets.getItem('Cadre');
      sheet.getRange('A10:B10').values = data;
      sheet.getRange('A11').format.font.bold = true;
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      const r = sheet.getRange('A10:B10').load('values');
      await ctx.sync();
      expect(host.syncs).toHaveLength(1);
      const [s] = host.syncs;
      expect(s).toMatchObject({ commands: 3, loads: 1, calculationSuspended: true });
      expect(s.error).toBeUndefined();
      // The response is the JSON of what was loaded: exactly the values.
      expect(s.responseBytes).toBe(bytes([{ values: r.values }]));
      // The request carries the written array (plus paths and names).
      expect(s.requestBytes).toBeGreaterThan(bytes(data));
      expect(s.requestBytes).toBeLessThan(bytes(data) + 600);
    });
    expect(host.syncCalls).toBe(3); // the empty one, the real one, and Excel.run's final (empty) one
    host.resetSyncs();
    expect([host.syncs.length, host.syncCalls]).toEqual([0, 0]);
  });

  test('request bytes grow with the data written', async () => {
    const big = Array.from({ length: 1000 }, (_, i) => [`ligne ${i}`, i, i % 2 === 0]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Cadre').getRange('A1:C1000').values = big;
      await ctx.sync();
    });
    expect(host.syncs[0].requestBytes).toBeGreaterThanOrEqual(bytes(big));
    expect(host.syncs[0].requestBytes).toBeLessThan(bytes(big) + 300);
  });

  test('a request over the limit rejects with RequestPayloadSizeLimitExceeded and applies nothing of the batch', async () => {
    host.payloadLimit = 2000;
    const rows = Array.from({ length: 200 }, (_, i) => [`ligne ${i}`, i]);
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add('Nouvelle');
        ctx.workbook.worksheets.getItem('Cadre').getRange('A1:B200').values = rows;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe(ErrorCodes.requestPayloadSizeLimitExceeded);
    expect(e.message).toMatch(/^The request payload size has exceeded the limit/);
    expect(host.sheetNames()).toEqual(['Cadre', "Plan d'actions"]);
    expect(host.cell('Cadre', 'A1').value).toBe('Clé');
    expect(host.syncs).toEqual([expect.objectContaining({ error: 'RequestPayloadSizeLimitExceeded', commands: 2 })]);
  });

  test('a response over the limit rejects too, but the batch commands were applied', async () => {
    host.payloadLimit = 500;
    host.addSheet(
      'Grand',
      Array.from({ length: 60 }, (_, i) => [`ligne numéro ${i}`]),
    );
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Grand');
      sheet.getRange('B1').values = [['écrit']];
      const r = sheet.getRange('A1:A60').load('values');
      const e = await rejection(ctx.sync());
      expect(e.code).toBe('ResponsePayloadSizeLimitExceeded');
      expect(e.message).toMatch(/^The response payload size has exceeded the limit/);
      expect(e.debugInfo.errorLocation).toBe('response');
      expect(host.cell('Grand', 'B1').value).toBe('écrit');
      expect(() => r.values).toThrow(/not available/);
      // Smaller reads pass.
      const part = sheet.getRange('A1:A10').load('values');
      await ctx.sync();
      expect(part.values[9]).toEqual(['ligne numéro 9']);
    });
  });
});

describe('what Excel makes of written values', () => {
  test("'=' strings become formulas, \"'\" strings stay text without the apostrophe, numbers and booleans keep their type", async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Cadre');
      sheet.getRange('D1:D6').values = [['=SUM(B3:B3)'], ["'=pas une formule"], [12.5], [true], ["'0012"], ['x']];
      await ctx.sync();
      const r = sheet.getRange('D1:D6').load('values, formulas');
      await ctx.sync();
      expect(r.values).toEqual([[0], ['=pas une formule'], [12.5], [true], ['0012'], ['x']]);
      expect(r.formulas).toEqual([['=SUM(B3:B3)'], ['=pas une formule'], [12.5], [true], ['0012'], ['x']]);
    });
    expect(host.cell('Cadre', 'D1')).toMatchObject({ formula: '=SUM(B3:B3)', value: 0 });
    expect(host.cell('Cadre', 'D2')).toMatchObject({ formula: null, value: '=pas une formule', quotePrefix: true });
    host.setFormulaResult('Cadre', 'D1', 2014);
    expect(host.values('Cadre', 'D1')).toEqual([[2014]]);
  });

  test('strings that look like numbers, percentages or booleans are converted, unless the cell is formatted as text', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Cadre');
      sheet.getRange('E2').numberFormat = [['@']];
      sheet.getRange('E1:E5').formulas = [['0012'], ['0012'], ['12%'], ['TRUE'], ['1,234.5']];
      await ctx.sync();
    });
    expect(host.values('Cadre', 'E1:E5')).toEqual([[12], ['0012'], [0.12], [true], [1234.5]]);
    expect(host.cell('Cadre', 'E3').numberFormat).toBe('0%');
  });

  test('null leaves a cell as it is, an empty string clears it', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Cadre').getRange('A2:B3').values = [
        [null, ''],
        ['Fin', null],
      ];
    });
    expect(host.values('Cadre', 'A2:B3')).toEqual([
      ['Cadre', null],
      ['Fin', 2014],
    ]);
  });

  test('an array of the wrong size fails the sync with InvalidArgument: earlier commands stay, later ones are dropped', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Cadre');
      sheet.getRange('A6').values = [['avant']];
      sheet.getRange('A7:B7').values = [['une seule colonne']];
      sheet.getRange('A8').values = [['après']];
      const r = sheet.getRange('A1').load('values');
      const e = await rejection(ctx.sync());
      expect(e.code).toBe('InvalidArgument');
      expect(e.message).toBe(SIZE_MISMATCH_MESSAGE);
      expect(e.debugInfo.errorLocation).toBe('Range.values');
      expect(host.cell('Cadre', 'A6').value).toBe('avant');
      expect(host.cell('Cadre', 'A7').value).toBeNull();
      expect(host.cell('Cadre', 'A8').value).toBeNull();
      expect(() => r.values).toThrow(/not available/);
      // The failed batch is gone: the next sync carries only what is queued after.
      sheet.getRange('A9').values = [['ensuite']];
      await ctx.sync();
      expect(host.syncs.at(-1)!.commands).toBe(1);
    });
  });

  test('number formats drive Range.text; clear("Contents") keeps formats, clear() removes them', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Cadre');
      const r = ws.getRange('F1:F3');
      r.values = [[2387500], [0.125], ['texte']];
      r.numberFormat = [['#,##0.00 "€"'], ['0.0%'], ['General']];
      r.load('text');
      await ctx.sync();
      expect(r.text).toEqual([['2,387,500.00 €'], ['12.5%'], ['texte']]);
      ws.getRange('F1').clear('Contents');
      ws.getRange('F2').clear();
      await ctx.sync();
    });
    expect(host.cell('Cadre', 'F1')).toMatchObject({ value: null, numberFormat: '#,##0.00 "€"' });
    expect(host.cell('Cadre', 'F2')).toMatchObject({ value: null, numberFormat: 'General' });
  });

  test('writing a table header keeps headers unique and non-empty, as Excel does', async () => {
    host.setCell('Cadre', 'B1', 'Clé');
    expect(host.table('tblCadre')!.headers).toEqual(['Clé', 'Clé2']);
    host.setCell('Cadre', 'A1', null);
    expect(host.table('tblCadre')!.headers).toEqual(['Column1', 'Clé2']);
  });
});

describe('null objects and missing items', () => {
  test('getItemOrNullObject: isNullObject after a sync; properties of a null object read as undefined', async () => {
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Bilans');
      const found = ctx.workbook.worksheets.getItemOrNullObject('CADRE');
      const table = ctx.workbook.tables.getItemOrNullObject('tblBilans');
      expect(() => missing.isNullObject).toThrow(/'isNullObject' is not available/);
      missing.load('name');
      found.load('name');
      table.load('isNullObject');
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(missing.name).toBeUndefined();
      expect(found.isNullObject).toBe(false);
      expect(found.name).toBe('Cadre');
      expect(table.isNullObject).toBe(true);
      expect(host.syncs[0].responseBytes).toBe(bytes([null, { name: 'Cadre' }, null]));
    });
  });

  test('getItem of a missing item fails the sync that uses it with ItemNotFound; unused, it costs nothing', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Bilans'); // never used
      ctx.workbook.tables.getItem('tblCadre').load('name');
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Bilans').getRange('A1').load('values');
      const e = await rejection(ctx.sync());
      expect(e.code).toBe(Excel.ErrorCodes.itemNotFound);
      expect(e.message).toBe("The requested resource doesn't exist.");
      expect(e.debugInfo.errorLocation).toBe('WorksheetCollection.getItem');
    });
  });

  test('a command on a null object fails with ItemNotFound', async () => {
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject('Bilans').getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('ItemNotFound');
  });

  test('a worksheet proxy follows its sheet through a rename', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Cadre');
      sheet.load('name');
      await ctx.sync();
      sheet.name = 'Cadre 2';
      sheet.getRange('A1').load('address');
      const r = sheet.getRange('A1').load('address');
      await ctx.sync();
      expect(r.address).toBe("'Cadre 2'!A1");
      expect(host.sheetNames()).toEqual(['Cadre 2', "Plan d'actions"]);
    });
  });
});

describe('host states', () => {
  test('in cell edit mode every sync carrying something rejects and applies nothing', async () => {
    host.editMode = true;
    const e = await rejection(
      Excel.run(async (ctx) => {
        await ctx.sync(); // empty: no round trip, no error
        ctx.workbook.worksheets.getItem('Cadre').getRange('A1').values = [['x']];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperationInCellEditMode');
    expect(e.message).toMatch(/^Excel is in cell-editing mode/);
    expect(host.cell('Cadre', 'A1').value).toBe('Clé');
    const load = await rejection(Excel.run(async (ctx) => void (await ctx.workbook.worksheets.load('items/name').context.sync())));
    expect(load.code).toBe('InvalidOperationInCellEditMode');
  });

  test('with delayForCellEdit, a run waits until the user leaves edit mode', async () => {
    host.editMode = true;
    const run = Excel.run({ delayForCellEdit: true }, async (ctx) => {
      ctx.workbook.worksheets.getItem('Cadre').getRange('A1').values = [['x']];
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(host.cell('Cadre', 'A1').value).toBe('Clé');
    host.editMode = false;
    await run;
    expect(host.cell('Cadre', 'A1').value).toBe('x');
    // A host without Office.js's internal DelayForCellEdit set drops the option silently.
    host.delayForCellEditSupported = false;
    host.editMode = true;
    const refused = await rejection(
      Excel.run({ delayForCellEdit: true }, async (ctx) => {
        ctx.workbook.worksheets.getItem('Cadre').getRange('A1').values = [['y']];
        await ctx.sync();
      }),
    );
    expect(refused.code).toBe('InvalidOperationInCellEditMode');
  });

  test('sync listeners see every round trip, failed ones included, and may change the host between two syncs', async () => {
    const seen: string[] = [];
    host.syncListeners.push((s) => {
      seen.push(s.error ?? 'ok');
      host.editMode = s.error === undefined;
    });
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Cadre').getRange('A1').values = [['x']];
        await ctx.sync();
        ctx.workbook.worksheets.getItem('Cadre').getRange('A2').values = [['y']];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperationInCellEditMode');
    expect(seen).toEqual(['ok', 'InvalidOperationInCellEditMode']);
    expect(host.cell('Cadre', 'A1').value).toBe('x');
    expect(host.cell('Cadre', 'A2').value).toBe('Cadre');
  });

  test('a protected sheet refuses writes to its cells, tables and formats with AccessDenied', async () => {
    host.protect('Cadre');
    const attempts: Array<(ctx: Excel.RequestContext) => void> = [
      (ctx) => (ctx.workbook.worksheets.getItem('Cadre').getRange('A1').values = [['x']]),
      (ctx) => (ctx.workbook.worksheets.getItem('Cadre').getRange('A1').format.font.bold = true),
      (ctx) => (ctx.workbook.worksheets.getItem('Cadre').getRange('A1:A3').numberFormat = [['@'], ['@'], ['@']]),
      (ctx) => ctx.workbook.worksheets.getItem('Cadre').tables.add('D1:E3', true),
      (ctx) => (ctx.workbook.tables.getItem('tblCadre').name = 'tblAutre'),
      (ctx) => ctx.workbook.tables.getItem('tblCadre').rows.add(undefined, [['a', 'b']]),
      (ctx) =>
        (ctx.workbook.worksheets.getItem('Cadre').getRange('B2').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } }),
      (ctx) => ctx.workbook.worksheets.getItem('Cadre').getRange('A1:B9').clear(),
    ];
    for (const attempt of attempts) {
      const e = await rejection(Excel.run(async (ctx) => attempt(ctx)));
      expect(e.code).toBe('AccessDenied');
    }
    expect(host.values('Cadre', 'A1:B1')).toEqual([['Clé', 'Valeur']]);
    expect(host.table('tblCadre')!.rowCount).toBe(2);
    // Reading is allowed, and so is writing to another sheet.
    await Excel.run(async (ctx) => {
      const p = ctx.workbook.worksheets.getItem('Cadre').load('protection/protected');
      ctx.workbook.worksheets.getItem("Plan d'actions").getRange('E1').values = [['ok']];
      await ctx.sync();
      expect(p.protection.protected).toBe(true);
    });
  });

  test('Office globals: onReady and requirement sets from the host', async () => {
    expect(await Office.onReady()).toEqual({ host: 'Excel', platform: 'OfficeOnline' });
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.19')).toBe(false);
    expect(Office.context.requirements.isSetSupported('excelapi', '1.7')).toBe(true);
    expect(Office.context.requirements.isSetSupported('DialogApi', '1.1')).toBe(true);
    expect(Office.context.requirements.isSetSupported('SharedRuntime')).toBe(false);
    host.supportedSets = { ExcelApi: '1.7' };
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.8')).toBe(false);
    expect(Office.HostType.Excel).toBe('Excel');
  });

  test("members newer than the host's ExcelApi version throw ApiNotFound at once", async () => {
    host.supportedSets = { ExcelApi: '1.8' };
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Cadre');
      expect(thrown(() => ws.getRanges('A1:B1, A3:B3')).code).toBe('ApiNotFound');
      ws.getRange('A1').dataValidation.clear(); // 1.8: available
      ctx.runtime.enableEvents = false;
      await ctx.sync();
      host.supportedSets = { ExcelApi: '1.7' };
      expect(thrown(() => ws.getRange('A1').dataValidation).code).toBe('ApiNotFound');
      expect(thrown(() => (ctx.runtime.enableEvents = true)).code).toBe('ApiNotFound');
      // getRanges is 1.9 but selecting the areas is 1.18 (Office 2021 stops at 1.14).
      host.supportedSets = { ExcelApi: '1.14' };
      const areas = ws.getRanges('A1:B1, A3:B3');
      expect(thrown(() => areas.select()).code).toBe('ApiNotFound');
    });
  });
});

describe('sheets and tables', () => {
  test('collections load their items with nested paths; items are unreadable before', async () => {
    await Excel.run(async (ctx) => {
      host.protect("Plan d'actions");
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/position,items/protection/protected');
      const tables = ctx.workbook.tables;
      tables.load('items/name,items/worksheet/name');
      const local = ctx.workbook.worksheets.getItem('Cadre').tables.load('name');
      expect(() => sheets.items).toThrow(/'items' is not available/);
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.position, s.protection.protected])).toEqual([
        ['Cadre', 0, false],
        ["Plan d'actions", 1, true],
      ]);
      expect(tables.items.map((t) => [t.name, t.worksheet.name])).toEqual([
        ['tblCadre', 'Cadre'],
        ['tblActions', "Plan d'actions"],
      ]);
      expect(() => tables.items[0].style).toThrow(/'style' is not available/);
      expect(local.items.map((t) => t.name)).toEqual(['tblCadre']);
    });
  });

  test('sheet names: Excel rules, duplicates and case-insensitive lookup', async () => {
    for (const bad of ['a/b', 'x'.repeat(32), 'Feuille[1]', '']) {
      const e = await rejection(Excel.run(async (ctx) => void ctx.workbook.worksheets.add(bad)));
      expect(e.code).toBe('InvalidArgument');
    }
    const dup = await rejection(Excel.run(async (ctx) => void ctx.workbook.worksheets.add('CADRE')));
    expect(dup.code).toBe('ItemAlreadyExists');
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add('Synthèse financière');
      ws.position = 0;
      ws.load('name, position');
      await ctx.sync();
      expect([ws.name, ws.position]).toEqual(['Synthèse financière', 0]);
      ctx.workbook.worksheets.getItem("PLAN D'ACTIONS").delete();
    });
    expect(host.sheetNames()).toEqual(['Synthèse financière', 'Cadre']);
  });

  test('tables.add over data, then reading its ranges; empty headers become Column1…', async () => {
    host.addSheet('Engagements', [
      ['Code action', null, 'Année'],
      ['1.1', 'REG', 2014],
      ['1.2', 'ETAT', 2014],
    ]);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.add("'Engagements'!A1:C3", true);
      t.name = 'tblEngagements';
      const all = t.getRange().load('values, address');
      const header = t.getHeaderRowRange().load('values');
      const body = t.getDataBodyRange().load('values, rowIndex');
      t.load('name, style, showBandedRows, showFilterButton');
      await ctx.sync();
      expect(all.address).toBe('Engagements!A1:C3');
      expect(header.values).toEqual([['Code action', 'Column2', 'Année']]);
      expect(body.values).toEqual([
        ['1.1', 'REG', 2014],
        ['1.2', 'ETAT', 2014],
      ]);
      expect(body.rowIndex).toBe(1);
      expect([t.name, t.style, t.showBandedRows, t.showFilterButton]).toEqual(['tblEngagements', 'TableStyleMedium2', true, true]);
    });
    expect(host.table('TBLENGAGEMENTS')).toMatchObject({
      sheet: 'Engagements',
      address: 'A1:C3',
      headers: ['Code action', 'Column2', 'Année'],
    });
  });

  test('a header-only table gets one data row; a table without headers gets a header row above its data', async () => {
    host.addSheet('Vide', [['A', 'B'], [], [], [], [], [1, 2]]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Vide');
      ws.tables.add('A1:B1', true);
      ws.tables.add('A6:B6', false);
    });
    expect(host.table('Table1')).toMatchObject({ address: 'A1:B2', headers: ['A', 'B'], rowCount: 1 });
    expect(host.table('Table2')).toMatchObject({ address: 'A6:B7', headers: ['Column1', 'Column2'], rowCount: 1 });
    expect(host.values('Vide', 'A7:B7')).toEqual([[1, 2]]);
  });

  test('tables.add: overlap, bad or taken names are InvalidArgument', async () => {
    const cases: Array<(ctx: Excel.RequestContext) => void> = [
      (ctx) => ctx.workbook.worksheets.getItem('Cadre').tables.add('B2:D4', true),
      (ctx) => (ctx.workbook.worksheets.getItem('Cadre').tables.add('E1:F3', true).name = 'tbl Bilans'),
      (ctx) => (ctx.workbook.worksheets.getItem('Cadre').tables.add('E1:F3', true).name = 'A1'),
      (ctx) => (ctx.workbook.worksheets.getItem('Cadre').tables.add('E1:F3', true).name = 'TBLACTIONS'),
    ];
    for (const c of cases) {
      const e = await rejection(Excel.run(async (ctx) => c(ctx)));
      expect(e.code).toBe('InvalidArgument');
    }
    // Renaming a table to a name held by a table of another sheet: the same refusal, Excel's
    // generic message (OfficeDev/office-js#551).
    const e = await rejection(Excel.run(async (ctx) => void (ctx.workbook.tables.getItem('tblCadre').name = 'tblActions')));
    expect([e.code, e.message]).toEqual(['InvalidArgument', 'The argument is invalid or missing or has an incorrect format.']);
    expect(host.table('tblCadre')?.sheet).toBe('Cadre');
  });

  test('a total row is part of the table’s range, not of its data body; hidden headers leave the range', async () => {
    // tblActions: A1:C3 on Plan d'actions, years in column C.
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('tblActions');
      t.showTotals = true;
      const all = t.getRange().load('address');
      const body = t.getDataBodyRange().load('address, values');
      const total = t.getTotalRowRange().load('address, values, formulas');
      await ctx.sync();
      expect(all.address).toBe("'Plan d''actions'!A1:C4");
      expect(body.address).toBe("'Plan d''actions'!A2:C3");
      expect(total.values).toEqual([['Total', '', 4029]]);
      expect(total.formulas[0][2]).toBe('=SUBTOTAL(109,[Année])');
      t.showHeaders = false;
      const noHeader = t.getRange().load('address');
      const body2 = t.getDataBodyRange().load('address');
      t.load('showHeaders, showTotals');
      await ctx.sync();
      expect([t.showHeaders, t.showTotals]).toEqual([false, true]);
      expect(noHeader.address).toBe("'Plan d''actions'!A2:C4");
      expect(body2.address).toBe("'Plan d''actions'!A2:C3");
      // What Excel gives for the header row of a table that hides it is undocumented: the fake refuses.
      t.getHeaderRowRange().load('address');
      expect((await rejection(ctx.sync())).code).toBe('InvalidOperation');
    });
    expect(host.values("Plan d'actions", 'A1:C1')).toEqual([[null, null, null]]);
    expect(host.table('tblActions')).toMatchObject({ showHeaders: false, headers: ['Code', 'Intitulé', 'Année'], rowCount: 2 });
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('tblActions');
      t.showHeaders = true;
      t.showTotals = false;
      await ctx.sync();
    });
    expect(host.table('tblActions')).toMatchObject({ address: 'A1:C3', showHeaders: true, showTotals: false });
    expect(host.values("Plan d'actions", 'A1:C4')).toEqual([
      ['Code', 'Intitulé', 'Année'],
      ['1.1', 'Animation', 2014],
      ['1.2', 'Études', 2015],
      [null, null, null],
    ]);
  });

  test('formulas follow a renamed sheet or table, and become #REF! when theirs is deleted', async () => {
    host.addSheet('Résumé', [['=COUNTA(Cadre!A:A)', "='Plan d''actions'!B2", '=SUM(tblActions[Année])', '="Cadre!A1"']]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Plan d'actions").name = 'Actions';
      ctx.workbook.tables.getItem('tblActions').name = 'tblPlan';
      await ctx.sync();
    });
    expect(host.values('Résumé', 'A1:D1')[0].map((_, i) => host.cell('Résumé', `${'ABCD'[i]}1`).formula)).toEqual([
      '=COUNTA(Cadre!A:A)',
      '=Actions!B2',
      '=SUM(tblPlan[Année])',
      '="Cadre!A1"',
    ]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Cadre').delete();
      ctx.workbook.worksheets.getItem('Actions').delete();
      const r = ctx.workbook.worksheets.getItem('Résumé').getRange('A1:D1').load('formulas, values');
      await ctx.sync();
      expect(r.formulas).toEqual([['=COUNTA(#REF!A:A)', '=#REF!B2', '=SUM(#REF!)', '="Cadre!A1"']]);
      expect(r.values[0].slice(0, 3)).toEqual(['#REF!', '#REF!', '#REF!']);
    });
  });

  test('range.delete("Up") shifts cells up; across a table’s data body it deletes table rows; it may not cut a table', async () => {
    host.addSheet('Sous', [[null]]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Plan d'actions");
      ws.getRange('A5').values = [['sous le tableau']];
      ws.getRange('A2:C2').delete('Up');
      await ctx.sync();
    });
    expect(host.table('tblActions')).toMatchObject({ address: 'A1:C2', rowCount: 1 });
    expect(host.values("Plan d'actions", 'A2:A4')).toEqual([['1.2'], [null], ['sous le tableau']]);
    const cases: Array<[string, string]> = [
      ['A2:B2', 'InsertDeleteConflict'], // part of the table's columns
      ['A1:C1', 'InsertDeleteConflict'], // its header row
      ['A2:C2', 'InvalidOperation'], // its last data row
    ];
    for (const [address, code] of cases) {
      const e = await rejection(Excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Plan d'actions").getRange(address).delete('Up')));
      expect(e.code).toBe(code);
    }
    await Excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Plan d'actions").getRange('A1:C2').delete('Up'));
    expect(host.table('tblActions')).toBeUndefined();
  });

  test('rows.add inserts rows in the table and every call is counted', async () => {
    await Excel.run(async (ctx) => {
      const rows = ctx.workbook.tables.getItem('tblActions').rows;
      rows.add(undefined, [
        ['2.1', 'Financement', 2016],
        ['2.2', 'Réseaux', 2016],
      ]);
      rows.add(0, [['0.1', 'Pilotage', 2014]]);
      rows.load('count');
      await ctx.sync();
      expect(rows.count).toBe(5);
    });
    expect(host.rowAddCalls).toBe(2);
    expect(host.table('tblActions')).toMatchObject({ address: 'A1:C6', rowCount: 5 });
    // Written codes that look like numbers become numbers, as in Excel ('1.1' above was stored as text).
    expect(host.values("Plan d'actions", 'A2:A6')).toEqual([[0.1], ['1.1'], ['1.2'], [2.1], [2.2]]);
  });
});

describe('selection and other writes', () => {
  test('select and getRanges record the selection of the active sheet', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Plan d'actions");
      ws.activate();
      ws.getRange('B3').select();
      await ctx.sync();
      expect(host.selection).toEqual({ sheet: "Plan d'actions", address: 'B3' });
      const areas = ws.getRanges('A5:F5, A9:F9');
      areas.select();
      areas.load('address, areaCount');
      await ctx.sync();
      expect(areas.address).toBe("'Plan d''actions'!A5:F5, 'Plan d''actions'!A9:F9");
      expect(areas.areaCount).toBe(2);
      expect(host.selection).toEqual({ sheet: "Plan d'actions", address: 'A5:F5, A9:F9' });
    });
  });

  test('links, dropdowns, frozen rows, tab color, column width and a chart land in the model', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Cadre');
      ws.getRange('D2').hyperlink = { documentReference: "'Plan d''actions'!A2", textToDisplay: 'Voir' };
      const v = ws.getRange('B2:B3').dataValidation;
      v.rule = { list: { inCellDropDown: true, source: 'REG,ETAT,CDC' } };
      v.errorAlert = { showAlert: true, style: 'Warning', title: 'Valeur hors liste', message: 'Choisissez.' };
      ws.freezePanes.freezeRows(1);
      ws.tabColor = '#2e75b6';
      ws.getRange('A:A').format.columnWidth = 120;
      const chart = ws.charts.add(Excel.ChartType.columnClustered, ws.getRange('A1:B3'), Excel.ChartSeriesBy.columns);
      chart.title.text = 'Engagements';
      chart.setPosition('E2');
      const frozen = ws.freezePanes.getLocationOrNullObject().load('address');
      const width = ws.getRange('A1:A5').format.load('columnWidth');
      await ctx.sync();
      expect(frozen.address).toBe('Cadre!1:1');
      expect(width.columnWidth).toBe(120);
    });
    expect(host.cell('Cadre', 'D2')).toMatchObject({
      value: 'Voir',
      hyperlink: { documentReference: "'Plan d''actions'!A2", textToDisplay: 'Voir' },
    });
    expect(host.cell('Cadre', 'B3').validation).toEqual({
      rule: { list: { inCellDropDown: true, source: 'REG,ETAT,CDC' } },
      errorAlert: { showAlert: true, style: 'Warning', title: 'Valeur hors liste', message: 'Choisissez.' },
      ignoreBlanks: true,
    });
    expect(host.sheet('Cadre')).toMatchObject({ frozenRows: 1, tabColor: '#2E75B6' });
    expect(host.chartList('Cadre')).toEqual([
      {
        name: 'Chart 1',
        sheet: 'Cadre',
        chartType: 'ColumnClustered',
        source: 'Cadre!A1:B3',
        seriesBy: 'Columns',
        title: 'Engagements',
        position: { startCell: 'E2', endCell: null },
      },
    ]);
  });

  test('used ranges, derived ranges and getCount', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Cadre');
      const used = ws.getUsedRange(true).load('address');
      const empty = ctx.workbook.worksheets.add('Vide').getUsedRangeOrNullObject(true).load('address');
      const chunk = ws.getRange('A1:B3').getRow(1).getResizedRange(1, 0).load('address, values');
      const cell = ws.getRange('A1:B3').getCell(2, 1).getOffsetRange(0, 1).load('address');
      const count = ctx.workbook.worksheets.getCount();
      await ctx.sync();
      expect(used.address).toBe('Cadre!A1:B3');
      expect(empty.isNullObject).toBe(true);
      expect(chunk.address).toBe('Cadre!A2:B3');
      expect(chunk.values).toEqual([
        ['Cadre', 'rhone-alpes-ces-2014-2016'],
        ['Début', 2014],
      ]);
      expect(cell.address).toBe('Cadre!C3');
      expect(count.value).toBe(3);
      ws.getRange('A1').getOffsetRange(-1, 0).load('address');
      expect((await rejection(ctx.sync())).code).toBe('InvalidArgument');
    });
  });
});
