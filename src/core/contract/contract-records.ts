/**
 * The contract's input tables read into typed records, and the table-level findings: a table
 * read from a plain range, found on a renamed sheet, missing an optional column, or with a row
 * typed under it after a blank row.
 */
import { cellAddress } from '../shared/address';
import { finding, type Finding } from '../rules/findings';
import type { TableRead } from './cells';
import type { RecordOf } from './declare';
import { mapColumns, readRecords } from './records';
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from './tables';
import { append } from '../shared/order';

export type FunderRecord = RecordOf<typeof INPUT_TABLES.funders>;
export type CadreEntry = RecordOf<typeof INPUT_TABLES.cadre>;
export type ConventionRecord = RecordOf<typeof INPUT_TABLES.convention>;
export type ActionRecord = RecordOf<typeof INPUT_TABLES.actions>;
export type CommitmentRecord = RecordOf<typeof INPUT_TABLES.commitments>;
export type IndicatorRecord = RecordOf<typeof INPUT_TABLES.indicators>;
export type ReportRecord = RecordOf<typeof INPUT_TABLES.reports>;
export type RealisedRecord = RecordOf<typeof INPUT_TABLES.realised>;
export type ImportRecord = RecordOf<typeof INPUT_TABLES.imports>;
export type PaymentRecord = RecordOf<typeof INPUT_TABLES.payments>;
export type ClosingRecord = RecordOf<typeof INPUT_TABLES.closings>;
export type TerritoryRecord = RecordOf<typeof INPUT_TABLES.territories>;
export type ActionIndicatorRecord = RecordOf<typeof INPUT_TABLES.actionIndicators>;
export type QualitativeRecord = RecordOf<typeof INPUT_TABLES.qualitative>;
export type MeetingRecord = RecordOf<typeof INPUT_TABLES.meetings>;
export type AppreciationRecord = RecordOf<typeof INPUT_TABLES.appreciations>;

export type ContractRecords = { [K in InputKey]: RecordOf<(typeof INPUT_TABLES)[K]>[] };
export type ContractTables = Record<InputKey, TableRead>;

/** The other names of a funder, from its « Autres noms » cell (separated by « ; »). */
export function aliasesOf(f: FunderRecord): string[] {
  return (f.aliases ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Findings about how a table was found, before its cells are read. */
export function tableFindings(key: InputKey, t: TableRead): Finding[] {
  const decl = INPUT_TABLES[key];
  const out: Finding[] = [];
  const headerCell = cellAddress(t.headerRow, t.firstCol);
  if (t.table === null) out.push(finding('TABLEAU-EN-PLAGE', t.sheet, headerCell, { table: decl.table }));
  if (t.sheet !== decl.sheet && !(decl.formerSheets ?? []).includes(t.sheet) && t.sheet.toLowerCase() !== decl.sheet.toLowerCase()) {
    out.push(finding('FEUILLE-RENOMMEE', t.sheet, headerCell, { table: decl.table, expected: decl.sheet, found: t.sheet }));
  }
  if (t.strayRow) out.push(finding('LIGNE-HORS-TABLEAU', t.sheet, cellAddress(t.strayRow, t.firstCol), { table: decl.table }));
  for (const c of mapColumns(decl, t).missing) {
    // Columns added by a later contract version are reported once, by the version check.
    if (c.optional && !c.since) out.push(finding('COLONNE-ABSENTE', t.sheet, headerCell, { header: c.header, table: decl.table }));
  }
  return out;
}

/** Reads every input table into typed records, with the findings of reading. */
export function readContractRecords(tables: ContractTables): { records: ContractRecords; findings: Finding[] } {
  const findings: Finding[] = [];
  const records = {} as Record<InputKey, unknown[]>;
  for (const key of INPUT_ORDER) {
    append(findings, tableFindings(key, tables[key]));
    const r = readRecords(INPUT_TABLES[key], tables[key]);
    records[key] = r.records;
    append(findings, r.findings);
  }
  return { records: records as ContractRecords, findings };
}
