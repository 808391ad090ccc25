/**
 * From the contract's tables as read to findings, totals and the generated sheets. This is the
 * whole job of `validate` and `consolidate`, shared by the command line and the add-in.
 */
import type { TableRead } from '../../ports/workbook';
import { cellAddress } from '../shared/address';
import { consolidate, type Consolidation } from '../consolidation/consolidate';
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from '../contract/tables';
import { sortFindings, where, type Finding } from '../rules/findings';
import { followUp } from '../consolidation/follow-up';
import { followUpSheets } from '../layout/follow-up-sheets';
import { generatedSheets } from '../layout/sheets';
import type { PlacedSheet } from '../layout/placed';
import { readContractRecords, type ContractRecords } from '../contract/records';
import { evaluate, type Evaluation } from '../rules/evaluate';
import { normalizeKey } from '../shared/text';

export interface Analysis {
  records: ContractRecords;
  evaluation: Evaluation;
  findings: Finding[];
  /** True when the Cadre says the workbook holds fictitious example data. */
  example: boolean;
}

export const SHEET_ORDER = INPUT_ORDER.map((k) => INPUT_TABLES[k].sheet);

export function analyse(tables: Record<InputKey, TableRead>): Analysis {
  const findings: Finding[] = [];
  for (const key of INPUT_ORDER) {
    const t = tables[key];
    if (t.table === null) {
      const cell = cellAddress(t.headerRow, t.firstCol);
      findings.push({
        severity: 'warning',
        rule: 'TABLEAU-EN-PLAGE',
        sheet: t.sheet,
        cell,
        message: `${where(t.sheet, cell)} : le tableau Excel ${INPUT_TABLES[key].table} est attendu, une plage ordinaire a été trouvée ; elle a été lue par ses en-têtes jusqu’à la première ligne vide. Remettez-la sous forme de tableau (Insertion > Tableau) et nommez-le ${INPUT_TABLES[key].table}.`,
      });
    }
  }
  const records = readContractRecords(tables, findings);
  const cadre = tables.cadre;
  const evaluation = evaluate(records, cellAddress(cadre.headerRow, cadre.firstCol), findings);
  const exampleEntry = records.cadre.find((e) => normalizeKey(e.key) === 'exemple');
  const example = !!exampleEntry && /^oui/i.test(String(exampleEntry.value ?? '').trim());
  return { records, evaluation, findings: sortFindings(findings, SHEET_ORDER), example };
}

export function consolidation(a: Analysis): Consolidation {
  return consolidate(a.records, a.evaluation);
}

export function generated(a: Analysis): PlacedSheet[] {
  const c = consolidation(a);
  return [
    ...generatedSheets({ findings: a.findings, consolidation: c, example: a.example }),
    ...followUpSheets({ followUp: followUp(a.records, a.evaluation), consolidation: c, example: a.example }),
  ];
}

export function hasErrors(a: Analysis): boolean {
  return a.findings.some((f) => f.severity === 'error');
}
