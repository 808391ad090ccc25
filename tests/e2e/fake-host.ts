/**
 * The fake Excel host for end-to-end tests in Chromium: installed as the page's `Office` and
 * `Excel` before the task pane loads. The test drives it through `window.__fakeExcel` (to type
 * into the workbook, read cells and the selection). `?host=none` simulates a page opened
 * outside Excel; `?api=1.7` a host with fewer requirement sets.
 */
import { FakeExcelHost } from '../fake-excel';

const params = new URLSearchParams(window.location.search);
const api = params.get('api');
const host = new FakeExcelHost(api ? { supportedSets: { ExcelApi: api } } : {});
host.addSheet('Feuil1', [[null]]);
const installed = host.install(window as unknown as typeof globalThis);

if (params.get('host') === 'none') {
  // Office.js outside an Office host: onReady answers with no host.
  const office = (window as unknown as { Office: { onReady: unknown } }).Office;
  office.onReady = (cb?: (info: { host: null; platform: null }) => void) => {
    const info = { host: null, platform: null };
    cb?.(info);
    return Promise.resolve(info);
  };
}

(window as unknown as { __fakeExcel: unknown }).__fakeExcel = { host, installed };
