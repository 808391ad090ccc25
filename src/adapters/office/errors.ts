/** Errors raised by Excel, said in French with what the user can do. */
import { UserError, type ErrorCode } from '../../core/shared/errors';

interface OfficeErrorLike {
  code?: string;
  message?: string;
  debugInfo?: { code?: string; errorLocation?: string };
}

/** Excel's error codes and the catalogue's French messages that say what to do. */
const CODES: Partial<Record<string, ErrorCode>> = {
  InvalidOperationInCellEditMode: 'EXCEL-EDITION',
  AccessDenied: 'EXCEL-ACCES-REFUSE',
  ItemNotFound: 'EXCEL-ELEMENT-ABSENT',
  RequestPayloadSizeLimitExceeded: 'EXCEL-TROP-GROS',
  ResponsePayloadSizeLimitExceeded: 'EXCEL-TROP-GROS',
  InvalidArgument: 'EXCEL-ARGUMENT',
  GeneralException: 'EXCEL-GENERAL',
  Conflict: 'EXCEL-CONFLIT',
};

export function officeErrorCode(e: unknown): string | null {
  const err = e as OfficeErrorLike;
  return (err && typeof err === 'object' && (err.code ?? err.debugInfo?.code)) || null;
}

/**
 * A French UserError for any error thrown inside Excel.run: Excel's own errors by their code, our
 * own failures (a bug) as an internal error, never labelled as Excel's.
 */
export function toUserError(e: unknown): UserError {
  if (e instanceof UserError) return e;
  const code = officeErrorCode(e);
  const known = code ? CODES[code] : undefined;
  if (known) return new UserError(known);
  const fromExcel = !!code || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'RichApi.Error');
  if (fromExcel) return new UserError('EXCEL-INATTENDU', { code: code ?? '?', detail: e instanceof Error ? e.message : String(e) });
  // A failure of our own code: its message is technical (and in English); the console keeps it.
  console.error(e);
  return new UserError('INTERNE', { detail: 'l’opération a été interrompue' });
}
