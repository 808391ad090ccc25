/**
 * Errors of the fake Excel host, shaped like Office.js's `OfficeExtension.Error`
 * (`name: 'RichApi.Error'`, `code`, `message`, `debugInfo: { code, message, errorLocation }`).
 * Messages are the English ones Excel and Office.js use.
 */

/** Error codes, as `Excel.ErrorCodes` and `OfficeExtension.ErrorCodes` spell them. */
export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  insertDeleteConflict: 'InsertDeleteConflict',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidReference: 'InvalidReference',
  invalidSelection: 'InvalidSelection',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  notImplemented: 'NotImplemented',
  unsupportedOperation: 'UnsupportedOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  propertyNotLoaded: 'PropertyNotLoaded',
  runMustReturnPromise: 'RunMustReturnPromise',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

const PAYLOAD_DOC =
  'Please refer to the documentation: ' +
  '"https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".';

/** Default messages, by code (Excel's wording where it has one). */
export const ErrorMessages: Record<ErrorCode, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  GeneralException: 'An internal error has occurred.',
  InsertDeleteConflict: 'The insert or delete operation attempted resulted in a conflict.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  InvalidSelection: 'The current selection is invalid for this operation.',
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  UnsupportedOperation: 'The operation being attempted is not supported.',
  InvalidOperationInCellEditMode:
    'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  // Office.js's L_RequestPayloadSizeLimitExceededMessage and L_ResponsePayloadSizeLimitExceededMessage.
  RequestPayloadSizeLimitExceeded: `The request payload size has exceeded the limit. ${PAYLOAD_DOC}`,
  ResponsePayloadSizeLimitExceeded: `The response payload size has exceeded the limit. ${PAYLOAD_DOC}`,
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
};

/** Excel's message when a 2D array does not have the range's dimensions. */
export const SIZE_MISMATCH_MESSAGE = "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

const HTTP_STATUS: Partial<Record<string, number>> = {
  AccessDenied: 401,
  GeneralException: 500,
  InvalidArgument: 400,
  ItemNotFound: 404,
  PropertyNotLoaded: 400,
  RequestPayloadSizeLimitExceeded: 400,
  ResponsePayloadSizeLimitExceeded: 400,
};

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  /** The statement that failed, in the fake's path notation (Office.js gives a similar one). */
  statement?: string;
}

export interface FakeOfficeErrorInit {
  code: ErrorCode | string;
  message?: string;
  errorLocation?: string;
  innerError?: unknown;
}

/** The fake's `OfficeExtension.Error`. */
export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  code: string;
  debugInfo: FakeDebugInfo;
  httpStatusCode: number;
  traceMessages: string[] = [];
  innerError: unknown;

  constructor(init: FakeOfficeErrorInit) {
    const message = init.message ?? (ErrorMessages as Record<string, string>)[init.code] ?? ErrorMessages.GeneralException;
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'RichApi.Error';
    this.code = init.code;
    this.message = message;
    this.innerError = init.innerError ?? null;
    this.httpStatusCode = HTTP_STATUS[init.code] ?? 500;
    this.debugInfo = { code: init.code, message };
    if (init.errorLocation) this.debugInfo.errorLocation = init.errorLocation;
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function richError(code: ErrorCode, errorLocation?: string, message?: string): FakeOfficeError {
  return new FakeOfficeError({ code, errorLocation, message });
}

/** Office.js's PropertyNotLoaded error, thrown when reading a property that no sync brought. */
export function propertyNotLoaded(typeName: string | null, property: string): FakeOfficeError {
  return new FakeOfficeError({
    code: ErrorCodes.propertyNotLoaded,
    message: ErrorMessages.PropertyNotLoaded.replace('{0}', property),
    errorLocation: typeName ? `${typeName}.${property}` : undefined,
  });
}

export function invalidArgument(errorLocation?: string, message?: string): FakeOfficeError {
  return richError(ErrorCodes.invalidArgument, errorLocation, message);
}

export function itemNotFound(errorLocation?: string): FakeOfficeError {
  return richError(ErrorCodes.itemNotFound, errorLocation);
}

export function accessDenied(errorLocation?: string): FakeOfficeError {
  return richError(ErrorCodes.accessDenied, errorLocation);
}
