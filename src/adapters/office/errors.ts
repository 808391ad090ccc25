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

/**
 * Whether an error comes from Excel (Office.js's `OfficeExtension.Error`, named `RichApi.Error`),
 * not from our own code or a library: a Node error's `code` or a DOMException's numeric `code`
 * are not Excel's.
 */
export function isExcelError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  if ((e as { name?: unknown }).name === 'RichApi.Error') return true;
  const ext = typeof OfficeExtension !== 'undefined' ? (OfficeExtension as { Error?: unknown }).Error : undefined;
  return typeof ext === 'function' && e instanceof ext;
}

/** Excel's error code (`InvalidArgument`…), or null for any other error. */
export function officeErrorCode(e: unknown): string | null {
  if (!isExcelError(e)) return null;
  const err = e as OfficeErrorLike;
  const code = err.code ?? err.debugInfo?.code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/**
 * A French UserError for any error thrown inside Excel.run: Excel's own errors by their code, our
 * own failures (a bug) as an internal error, never labelled as Excel's.
 */
export function toUserError(e: unknown): UserError {
  if (e instanceof UserError) return e;
  if (isExcelError(e)) {
    const code = officeErrorCode(e);
    const known = code ? CODES[code] : undefined;
    if (known) return new UserError(known);
    return new UserError('EXCEL-INATTENDU', { code: code ?? '?', detail: e instanceof Error ? e.message : String(e) });
  }
  // A failure of our own code: its message is technical (and in English); the console keeps it.
  console.error(e);
  return new UserError('INTERNE', { detail: 'l’opération a été interrompue' });
}
