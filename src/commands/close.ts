/**
 * Closing and reopening a funder's year: a row added to `tblClotures` with the fingerprint of the
 * funder-year's Convention, Engagements and Versements rows (see core/rules/closings.ts). The
 * command line writes a new workbook; the add-in rewrites the Clôtures table in place.
 */
import { analyse, generated, type Analysis } from '../core/analysis/analyse';
import type { CellValue } from '../core/contract/cells';
import type { ContractTables } from '../core/contract/contract-records';
import { rowOf } from '../core/contract/declare';
import { isoToSerial } from '../core/contract/formats';
import { mapColumns } from '../core/contract/records';
import { CLOSINGS, type InputKey } from '../core/contract/tables';
import type { ClosingOperation } from '../core/contract/vocabulary';
import { closingState, fingerprint } from '../core/rules/closings';
import { funderResolver } from '../core/rules/evaluate';
import { frenchDate } from '../core/shared/message';
import { UserError } from '../core/shared/errors';
import { maxOf } from '../core/shared/order';
import { parseCell } from '../core/shared/address';
import type { Finding } from '../core/rules/findings';
import { renderFinding } from '../core/rules/render';
import type { PlacedSheet } from '../core/layout/placed';
import type { WorkbookPort } from '../ports/workbook';
import { copiedInputSheets } from './consolidate';
import { readContractTables } from './read-contract';

export interface ClosingRequest {
  operation: ClosingOperation;
  /** A funder's code, name or other name. */
  funder: string;
  year: number;
  reason: string;
  by: string;
  now: Date;
}

/** The funder's code, or a French refusal naming the funders. */
export function resolveFunder(a: Analysis, text: string, option: string): string {
  const code = funderResolver(a.records, a.evaluation.frame.framework)(text);
  if (!code) throw new UserError('FINANCEUR-INCONNU', { option, found: text, list: a.records.funders.map((f) => f.code).join(', ') });
  return code;
}

/**
 * The errors that bear on a funder-year: those that name it (totals against the convention) and
 * those at a cell of one of its Convention, Engagements or Versements rows.
 */
function errorsOf(a: Analysis, funder: string, year: number): Finding[] {
  const { records, evaluation } = a;
  const rows = new Set<string>();
  for (const r of [...records.convention, ...records.commitments, ...records.payments]) {
    if (r.year === year && evaluation.resolved.funder.get(r.origin) === funder) rows.add(`${r.origin.sheet}\u0000${r.origin.row}`);
  }
  return a.findings.filter((f) => {
    if (f.severity !== 'error') return false;
    if (f.params.funder === funder && f.params.year === year) return true;
    const at = parseCell(f.cell);
    return at !== null && rows.has(`${f.sheet}\u0000${at.row}`);
  });
}

/** The tables with the closing (or reopening) row added; refuses what would make no sense. */
export function withClosing(
  tables: ContractTables,
  request: ClosingRequest,
): { tables: ContractTables; fingerprint: string; funder: string } {
  const a = analyse(tables);
  const funder = resolveFunder(a, request.funder, '--financeur');
  const { start, end } = a.evaluation.frame;
  if (start !== null && end !== null && (request.year < start || request.year > end)) {
    throw new UserError('USAGE-ANNEE', {
      start,
      end,
      framework: a.evaluation.frame.id ?? '?',
      option: '--annee',
      found: String(request.year),
    });
  }
  const reason = request.reason.trim();
  if (request.operation === 'Réouverture' && !reason) throw new UserError('CLOTURE-MOTIF', { what: 'rouvrir une année' });
  const state = closingState(a.records, a.evaluation.resolved).get(`${funder}\u0000${request.year}`);
  if (request.operation === 'Clôture' && state?.operation === 'Clôture') {
    throw new UserError('CLOTURE-DEJA', {
      funder,
      year: request.year,
      date: state.date ? frenchDate(state.date) : '?',
      by: state.by ?? '?',
    });
  }
  if (request.operation === 'Réouverture' && state?.operation !== 'Clôture')
    throw new UserError('CLOTURE-PAS-CLOSE', { funder, year: request.year });
  if (request.operation === 'Clôture') {
    // A closing certifies the funder-year: it is refused while an error bears on it.
    const errors = errorsOf(a, funder, request.year);
    if (errors.length)
      throw new UserError('CLOTURE-ERREURS', { funder, year: request.year, count: errors.length, first: renderFinding(errors[0]) });
  }
  const print = fingerprint(a.records, a.evaluation.resolved, funder, request.year);
  const row = rowOf(CLOSINGS, {
    year: request.year,
    funder,
    operation: request.operation,
    date: isoToSerial(request.now.toISOString().slice(0, 19)),
    by: request.by,
    reason: reason || null,
    fingerprint: print,
  });
  const t = tables.closings;
  const { index } = mapColumns(CLOSINGS, t);
  const placed: CellValue[] = new Array(
    Math.max(
      t.headers.length,
      maxOf(
        index.map((i) => i + 1),
        0,
      ),
    ),
  ).fill(null);
  index.forEach((i, k) => {
    if (i >= 0) placed[i] = row[k];
  });
  return { tables: { ...tables, closings: { ...t, rows: [...t.rows, placed] } }, fingerprint: print, funder };
}

/** The sheets a closing changes in an open workbook: Clôtures, then the generated sheets. */
export function closingSheets(tables: ContractTables): { analysis: Analysis; sheets: PlacedSheet[] } {
  const analysis = analyse(tables);
  const only: readonly InputKey[] = ['closings'];
  return { analysis, sheets: [...copiedInputSheets(tables, analysis, only), ...generated(analysis)] };
}

/** Closing or reopening inside a workbook (the add-in). */
export async function closeInWorkbook(port: WorkbookPort, request: ClosingRequest): Promise<{ analysis: Analysis; fingerprint: string }> {
  const result = withClosing(await readContractTables(port), request);
  const { analysis, sheets } = closingSheets(result.tables);
  await port.writeSheets(sheets);
  return { analysis, fingerprint: result.fingerprint };
}
