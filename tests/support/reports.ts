/** Filled report templates for the import tests (command line and browser): known values, fictitious operators. */
import { XlsxNewWorkbook } from '../../src/adapters/node/new-workbook';
import { fillReport, type ReportFill } from '../../src/core/examples/example-reports';
import { findFramework, planRows } from '../../src/core/framework';
import { reportTemplateSheets } from '../../src/core/layout/report-template';

export const RA = findFramework('rhone-alpes-ces-2014-2016')!;

export function actionTitle(code: string): string {
  return planRows(RA).find((r) => r.action.code === code)!.action.title;
}

/** The bytes of a template for `action` and `year`, filled with `fill`. */
export async function filledReport(action: string, year: number, fill: ReportFill): Promise<Buffer> {
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(
    fillReport(reportTemplateSheets({ framework: RA, action: { code: action, title: actionTitle(action) }, year }), fill),
  );
  return wb.toBuffer();
}

/** Report A: I_1.2, 2014 — 3 values (two territories for one indicator), 2 financial rows. */
export const REPORT_A: ReportFill = {
  operator: 'Association A (fictive)',
  values: [
    { indicator: 'PUBLIC_SENSIBILISE', territory: '69', value: 1000 },
    { indicator: 'PUBLIC_SENSIBILISE', territory: 'QPV Lyon 8e', value: 250 },
    { indicator: 'COLLECTIVITES_POLITIQUE_ESS', value: 4 },
  ],
  realised: [
    { post: '64', planned: 10000, actual: 11000 },
    { post: '74', funder: 'REGION', planned: 5000, actual: 4000, comment: 'solde à venir' },
  ],
};

/** Report B: II_1.1, 2015 — 2 values. */
export const REPORT_B: ReportFill = {
  operator: 'Association B (fictive)',
  values: [
    { indicator: 'PUBLIC_SENSIBILISE', territory: '38', value: 333.5 },
    { indicator: 'COLLECTIVITES_POLITIQUE_ESS', value: 6 },
  ],
  realised: [],
};
