/**
 * From the contract's tables as read to findings, totals and the generated sheets: the whole job
 * of `validate` and `consolidate`, shared by the command line and the add-in.
 */
import { mapColumns } from '../contract/records';
import { readContractRecords, type ContractRecords, type ContractTables } from '../contract/contract-records';
import { CONTRACT_VERSION, INPUT_ORDER, INPUT_TABLES } from '../contract/tables';
import { consolidate, type Consolidation } from '../consolidation/consolidate';
import { followUp } from '../consolidation/follow-up';
import { evaluationView } from '../consolidation/evaluation';
import { governanceView } from '../consolidation/governance';
import { generatedSheets } from '../layout/generated';
import type { PlacedSheet } from '../layout/placed';
import { evaluate, type Evaluation } from '../rules/evaluate';
import { finding, hasErrors as anyError, sortFindings, type Finding } from '../rules/findings';
import { cellAddress } from '../shared/address';
import { MAX_CELL_TEXT } from '../layout/builder';

export interface Analysis {
  records: ContractRecords;
  evaluation: Evaluation;
  findings: Finding[];
  /** True when the Cadre says the workbook holds fictitious example data. */
  example: boolean;
}

export const SHEET_ORDER = INPUT_ORDER.map((k) => INPUT_TABLES[k].sheet);

/** One warning when columns added by a later contract version are missing (the workbook still reads). */
function versionFindings(tables: ContractTables, version: number, cadreCell: string, cadreSheet: string): Finding[] {
  const missing: string[] = [];
  for (const key of INPUT_ORDER) {
    for (const c of mapColumns(INPUT_TABLES[key], tables[key]).missing)
      if (c.since) missing.push(`${INPUT_TABLES[key].sheet} : ${c.header}`);
  }
  if (missing.length === 0) return [];
  return [finding('VERSION-ANCIENNE', cadreSheet, cadreCell, { expected: CONTRACT_VERSION, found: version, missing: { list: missing } })];
}

/** Texts longer than Excel can hold (a file made by another program): cut when written, reported here. */
function longTextFindings(tables: ContractTables): Finding[] {
  const out: Finding[] = [];
  for (const key of INPUT_ORDER) {
    const t = tables[key];
    t.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === 'string' && v.length > MAX_CELL_TEXT)
          out.push(finding('TEXTE-TROP-LONG', t.sheet, cellAddress(t.headerRow + 1 + r, t.firstCol + c), { length: v.length }));
      }),
    );
  }
  return out;
}

export function analyse(tables: ContractTables): Analysis {
  const read = readContractRecords(tables);
  const cadre = tables.cadre;
  const cadreCell = cellAddress(cadre.headerRow, cadre.firstCol);
  const meetings = tables.meetings;
  const bodyColumn = mapColumns(INPUT_TABLES.meetings, meetings).index[0];
  const meetingsCell = cellAddress(meetings.headerRow, meetings.firstCol + Math.max(0, bodyColumn));
  const { evaluation, findings } = evaluate(read.records, cadreCell, read.findings, meetingsCell);
  const all = [
    ...read.findings,
    ...findings,
    ...versionFindings(tables, evaluation.frame.version, cadreCell, cadre.sheet),
    ...longTextFindings(tables),
  ];
  return { records: read.records, evaluation, findings: sortFindings(all, SHEET_ORDER), example: evaluation.frame.example };
}

export function consolidation(a: Analysis): Consolidation {
  return consolidate(a.records, a.evaluation);
}

/** Every generated sheet of a consolidation, in workbook order. */
export function generated(a: Analysis): PlacedSheet[] {
  const c = consolidation(a);
  const governance = governanceView(a.records, a.evaluation);
  return generatedSheets({
    findings: a.findings,
    consolidation: c,
    followUp: followUp(a.records, a.evaluation),
    example: a.example,
    records: a.records,
    governance,
    evaluation: evaluationView(a.records, a.evaluation, c, governance),
  });
}

export function hasErrors(a: Analysis): boolean {
  return anyError(a.findings);
}
