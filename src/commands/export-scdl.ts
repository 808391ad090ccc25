/** The open-data export of a funder's subsidies (SCDL « Subventions » 2.1.1), shared by the faces. */
import type { Analysis } from '../core/analysis/analyse';
import { scdlExport, scdlFileName, toCsv } from '../core/exports/scdl';
import { renderFinding } from '../core/rules/render';
import { UserError } from '../core/shared/errors';
import { resolveFunder } from './close';

export interface ScdlFile {
  fileName: string;
  csv: string;
  rows: number;
  belowThreshold: number;
}

/** The CSV of a funder's commitments, or a French refusal listing every missing datum at its cell. */
export function scdlFile(a: Analysis, funderText: string, all: boolean): ScdlFile {
  const code = resolveFunder(a, funderText, '--financeur');
  const funder = a.records.funders.find((f) => f.code === code)!;
  const e = scdlExport(a, funder, all);
  if (e.findings.length) {
    throw new UserError('EXPORT-REFUSE', {
      funder: code,
      count: e.findings.length,
      list: e.findings.map((f) => `  ${renderFinding(f)}`).join('\n'),
    });
  }
  return { fileName: scdlFileName(code), csv: toCsv(e.rows), rows: e.rows.length, belowThreshold: e.belowThreshold };
}
