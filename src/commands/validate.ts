/** The validate command, shared by the faces: read, check, report. Never writes the input sheets. */
import { analyse, hasErrors, type Analysis } from '../core/analysis/analyse';
import { controlsSheet } from '../core/layout/controls';
import { renderFinding } from '../core/rules/render';
import type { Params } from '../core/shared/message';
import { centsToEuros } from '../core/shared/money';
import type { WorkbookPort, WorkbookReader } from '../ports/workbook';
import { readContractTables } from './read-contract';

/** The JSON report of `validate --json` (amounts in euros). */
export interface ValidationReport {
  ok: boolean;
  issues: {
    severity: 'error' | 'warning';
    rule: string;
    sheet: string;
    cell: string;
    message: string;
    params: Params;
    expected?: number;
    actual?: number;
  }[];
  /** `bound`: false for a contribution outside the convention (a partner authority), never checked against an amount. */
  totals: {
    funder: string;
    year: number;
    convention: number | null;
    committed: number;
    gap: number | null;
    status: string | null;
    bound: boolean;
  }[];
}

export async function validateWorkbook(reader: WorkbookReader): Promise<Analysis> {
  return analyse(await readContractTables(reader));
}

export function validationReport(a: Analysis): ValidationReport {
  return {
    ok: !hasErrors(a),
    issues: a.findings.map((f) => ({
      severity: f.severity,
      rule: f.rule,
      sheet: f.sheet,
      cell: f.cell,
      message: renderFinding(f),
      params: f.params,
      ...(f.expected !== undefined ? { expected: centsToEuros(f.expected) } : {}),
      ...(f.actual !== undefined ? { actual: centsToEuros(f.actual) } : {}),
    })),
    totals: a.evaluation.totals.map((t) => ({
      funder: t.funder,
      year: t.year,
      convention: t.convention === null ? null : centsToEuros(t.convention),
      committed: centsToEuros(t.committed),
      gap: t.gap === null ? null : centsToEuros(t.gap),
      status: t.status,
      bound: t.bound,
    })),
  };
}

/** Validate inside a workbook (the add-in): read, check, and rebuild the `Contrôles` sheet. */
export async function validateIntoWorkbook(port: WorkbookPort): Promise<Analysis> {
  const a = await validateWorkbook(port);
  await port.writeSheets([controlsSheet({ findings: a.findings, example: a.example })]);
  return a;
}
