/**
 * An error whose message is one French sentence meant for the user (what is wrong, where, what
 * was expected, what was found). Faces print `message` as is, without a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The workbook itself cannot be read (not an .xlsx, empty, corrupt, too large, encrypted). */
export class UnreadableWorkbookError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableWorkbookError';
  }
}
