/**
 * The one entry into Excel: every command of the add-in (task pane and ribbon) runs through
 * `runInExcel`, which opens an Excel.run batch, gives the command a port over it, and turns
 * Excel's errors into French messages.
 */
import { OfficeWorkbook } from './excel-workbook';
import { toUserError } from './errors';
import { availableFeatures, type Feature } from './features';

export interface ExcelSession {
  workbook: OfficeWorkbook;
  features: ReadonlySet<Feature['id']>;
}

/** Requirement sets as Office reports them (outside Office: none). */
export function hostFeatures(): ReadonlySet<Feature['id']> {
  const req = typeof Office !== 'undefined' ? Office.context?.requirements : undefined;
  return availableFeatures((set, version) => !!req && req.isSetSupported(set, version));
}

/**
 * Every command, from the pane and the ribbon alike, runs with `delayForCellEdit`: while the user
 * is typing in a cell, Excel holds each batch until the cell is left, instead of failing it. A
 * write takes several syncs; without it, a user who starts typing between two of them would get
 * the later ones refused, and the sheets staged by the earlier ones left behind. (No requirement
 * set is documented for the option; a host that lacks it ignores it, and the refusal comes back
 * as `InvalidOperationInCellEditMode`, said in French.)
 */
const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

export async function runInExcel<T>(command: (session: ExcelSession) => Promise<T>): Promise<T> {
  const features = hostFeatures();
  try {
    return await Excel.run(RUN_OPTIONS, async (ctx) => command({ workbook: new OfficeWorkbook(ctx, features), features }));
  } catch (e) {
    throw toUserError(e);
  }
}

/** Opens a new workbook in Excel from .xlsx bytes (ExcelApi 1.8): a prepared report template. */
export async function openNewWorkbook(bytes: Uint8Array): Promise<void> {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  try {
    await Excel.createWorkbook(btoa(binary));
  } catch (e) {
    throw toUserError(e);
  }
}
