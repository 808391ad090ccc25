/**
 * The Office adapter driven through the REAL Office.js client (`@microsoft/office-js`'s
 * `excel-web-16.00.debug.js`), so that payload sizes are the bytes of the request Excel itself
 * would receive, not the fake's estimate. The client is pointed at an in-process endpoint
 * (`ClientRequestContext.defaultRequestUrlAndHeaders` + `HttpUtility.setCustomSendRequestFunc`):
 * every `context.sync()` becomes a `POST …/ProcessQuery` whose JSON body is measured here.
 *
 * This is a subset of a protocol-level fake host: the endpoint answers the structure query of a
 * workbook holding one empty sheet and accepts write batches; it does not apply them. It
 * measures the adapter's write batches (the largest requests a command sends) and compares them
 * with what the fake host counts for the same writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { OfficeWorkbook, REQUEST_BUDGET } from '../src/adapters/office/excel-workbook';
import type { Feature } from '../src/adapters/office/features';
import { findFramework } from '../src/core/framework';
import { frameworkNotes, frameworkTables } from '../src/core/framework/workbook-tables';
import { inputSheets } from '../src/core/layout';
import type { PlacedSheet } from '../src/core/layout/placed';
import { FakeExcelHost } from './fake-excel';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const LIMIT = 5 * 1024 * 1024;
const FEATURES = new Set<Feature['id']>(['dataValidation', 'events', 'charts']);

interface WireRequest {
  url: string;
  body: unknown;
}
interface WireAction {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  QueryInfo?: { Select?: string[] };
}
interface WireBody {
  AutoKeepReference?: boolean;
  Actions: WireAction[];
  ObjectPaths: Record<string, { Name: string; ObjectPathType: number }>;
}

/** Loads the real client into this test's global scope (it expects a browser: a few stubs). */
function loadOfficeJs(): { Excel: typeof Excel; OfficeExtension: typeof OfficeExtension; restore: () => void } {
  const g = globalThis as Record<string, unknown>;
  const names = ['window', 'self', 'document', 'location', 'navigator', 'Excel', 'Office', 'OfficeExtension', 'OSF', 'OfficeCore'];
  const before = names.map((n) => ({ n, had: Object.prototype.hasOwnProperty.call(g, n), v: g[n] }));
  g.window = g;
  g.self = g;
  g.document = {
    getElementsByTagName: () => [],
    createElement: () => ({ setAttribute: () => undefined, style: {} }),
    addEventListener: () => undefined,
    readyState: 'complete',
    cookie: '',
  };
  g.location = { href: 'https://localhost/', search: '', hash: '' };
  Object.defineProperty(g, 'navigator', { value: { userAgent: 'node' }, configurable: true, writable: true });
  const file = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist', 'excel-web-16.00.debug.js');
  // Global code, as a <script> tag would run it: its `var`s become globals of this test.
  (0, eval)(readFileSync(file, 'utf8'));
  return {
    Excel: g.Excel as typeof Excel,
    OfficeExtension: g.OfficeExtension as typeof OfficeExtension,
    restore: () => {
      for (const b of before) {
        if (b.had) Object.defineProperty(g, b.n, { value: b.v, configurable: true, writable: true });
        else delete g[b.n];
      }
    },
  };
}

let client: ReturnType<typeof loadOfficeJs>;
/** Bytes of every request body the client sent, in order. */
let sent: number[] = [];

beforeAll(() => {
  client = loadOfficeJs();
  const ext = client.OfficeExtension as unknown as {
    ClientRequestContext: { defaultRequestUrlAndHeaders: unknown };
    HttpUtility: { setCustomSendRequestFunc(f: (r: WireRequest) => Promise<unknown>): void };
  };
  ext.ClientRequestContext.defaultRequestUrlAndHeaders = { url: 'https://excel.invalid', headers: {} };
  ext.HttpUtility.setCustomSendRequestFunc(async (request) => {
    const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const body = JSON.parse(text) as WireBody;
    // The request Excel.run sends when it ends, to release the objects it kept, is not a sync.
    const cleanup = body.Actions.every((a) => a.ActionType === 1 || a.Name === '_RemoveReference');
    if (!cleanup) sent.push(Buffer.byteLength(text, 'utf8'));
    // Inside Excel.run the host keeps a reference to every object it instantiates
    // (`AutoKeepReference`) and answers with its id; without it the client refuses to use an
    // object such as `worksheets.add()`'s after the sync that created it.
    const results = body.Actions.flatMap((a): { ActionId: number; Value: unknown }[] => {
      const path = body.ObjectPaths[String(a.ObjectPathId)];
      if (a.ActionType === 1 && body.AutoKeepReference && path && path.ObjectPathType !== 1)
        return [{ ActionId: a.Id, Value: { _ReferenceId: `ref${a.ObjectPathId}` } }];
      if (a.ActionType !== 2) return [];
      // The structure query: one empty sheet, no table (PascalCase, collections under `_Items`).
      const collection = body.ObjectPaths[String(a.ObjectPathId)]?.Name;
      const items = collection === 'Worksheets' ? [{ Name: 'Feuil1', Position: 0, Protection: { Protected: false } }] : [];
      return [{ ActionId: a.Id, Value: { _Items: items } }];
    });
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Results: results }) };
  });
});
afterAll(() => client?.restore());

/** The example's input sheets with `extra` more Bilans rows: the largest write a command makes. */
function bigInputSheets(extra: number): PlacedSheet[] {
  const tables = frameworkTables(RA, true);
  for (let i = 0; i < extra; i++)
    tables.reports.rows.push(['I_1.2', `Opérateur ${i % 50}`, 2014, 'PUBLIC_SENSIBILISE', 1 + (i % 7), '69', `rapport-${i}.xlsx`]);
  return inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(RA), example: true });
}

/** Request bytes per sync of `writeSheets(sheets)` through the real client. */
async function realRequests(sheets: PlacedSheet[]): Promise<number[]> {
  sent = [];
  // Inside Excel.run, as run.ts does: proxies are tracked across the syncs of the batch.
  await client.Excel.run({ delayForCellEdit: true }, async (ctx) => new OfficeWorkbook(ctx, FEATURES).writeSheets(sheets));
  return [...sent];
}

/** Request bytes per sync of the same write on the fake host. */
async function fakeRequests(sheets: PlacedSheet[]): Promise<number[]> {
  const host = new FakeExcelHost().addSheet('Feuil1', [[null]]);
  const installed = host.install(globalThis);
  try {
    await installed.Excel.run(async (ctx) => new OfficeWorkbook(ctx as unknown as Excel.RequestContext, FEATURES).writeSheets(sheets));
  } finally {
    installed.uninstall();
  }
  return host.syncs.map((s) => s.requestBytes);
}

test('the real client sends the adapter’s writes in the same syncs, each request under 5 MB; the fake’s byte count is close', async () => {
  const report: { rows: number; syncs: number; real: number[]; fake: number[] }[] = [];
  for (const extra of [1_000, 50_000]) {
    const sheets = bigInputSheets(extra);
    const fake = await fakeRequests(sheets);
    const real = await realRequests(sheets);
    // The structure query, then the writes (staging in chunks, the swap): same round trips.
    expect(real).toHaveLength(fake.length);
    for (const bytes of real) expect(bytes).toBeLessThan(LIMIT);
    // Where data dominates (the chunks near the budget), Office.js's JSON is within 25 % of the
    // fake's estimate: ids and object paths add a little, the fake's paths a little more.
    real.forEach((bytes, i) => {
      if (fake[i] > REQUEST_BUDGET / 4) expect(Math.abs(bytes - fake[i]) / fake[i]).toBeLessThan(0.25);
    });
    report.push({ rows: extra, syncs: real.length, real, fake });
  }
  mkdirSync(path.join(__dirname, 'artifacts'), { recursive: true });
  writeFileSync(path.join(__dirname, 'artifacts', 'office-wire.json'), JSON.stringify(report, null, 1));
}, 120_000);
