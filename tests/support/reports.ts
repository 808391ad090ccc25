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

const WRITTEN: ReportFill['written'] = {
  Réalisations: 'Quatre forums dans les lycées (fictif).',
  Résultats: 'Mille jeunes sensibilisés (fictif).',
  Difficultés: 'Aucune (fictif).',
  Perspectives: 'Étendre aux universités (fictif).',
};

/** Report A: I_1.2, 2014 — 2 values of the indicator the action asks (a territory written « 69 », another « Isère »), 2 financial rows (the subsidy granted, 4 000 € received to date), the written parts, signed. */
export const REPORT_A: ReportFill = {
  operator: 'Association A (fictive)',
  values: [
    { indicator: 'PUBLIC_SENSIBILISE', territory: '69', value: 1000 },
    { indicator: 'PUBLIC_SENSIBILISE', territory: 'Isère', value: 250 },
  ],
  realised: [
    { post: '64', planned: 10000, actual: 11000 },
    { post: '74', funder: 'REGION', planned: 5000, actual: 5000, received: 4000, comment: 'solde à venir' },
  ],
  written: WRITTEN,
  signature: { name: 'A. Martin (fictif)', capacity: 'Présidente', date: '2015-03-15' },
};

/** Report B: II_1.1, 2015 — 2 values of indicators the action asks, the written parts, signed. */
export const REPORT_B: ReportFill = {
  operator: 'Association B (fictive)',
  values: [
    { indicator: 'PROJETS_INNOVATION_SOCIALE', territory: '38', value: 333.5 },
    { indicator: 'BONNES_PRATIQUES_DIFFUSEES', value: 6 },
  ],
  realised: [],
  written: WRITTEN,
  signature: { name: 'B. Durand (fictif)', capacity: 'Directeur', date: '2016-02-01' },
};
