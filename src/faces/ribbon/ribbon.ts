/**
 * Ribbon commands (function commands): « Valider » and « Consolider » run without opening the
 * pane and report through the `Contrôles` sheet, which they activate. A failure that prevents
 * reading the workbook (a missing sheet, a renamed header) is written there too, in French.
 */
import { runInExcel } from '../../adapters/office/run';
import { consolidateWorkbook } from '../../commands/consolidate';
import { validateIntoWorkbook } from '../../commands/validate';
import { CONTROLS } from '../../core/contract/tables';
import { toUserError } from '../../adapters/office/errors';
import { controlsSheet } from '../../core/layout/controls';
import { finding } from '../../core/rules/findings';

async function showControls(): Promise<void> {
  await runInExcel(({ workbook }) => workbook.selectCell(CONTROLS.sheet, 'A1'));
}

/** Writes a one-line Contrôles sheet saying why the command could not read the workbook. */
async function reportFailure(e: unknown): Promise<void> {
  const failure = finding('LECTURE', CONTROLS.sheet, 'A1', { detail: toUserError(e).message });
  try {
    await runInExcel(({ workbook }) => workbook.writeSheets([controlsSheet({ findings: [failure], example: false })]));
    await showControls();
  } catch {
    // Excel itself refuses (edit mode, protection): nothing else can be written.
  }
}

export async function runRibbonCommand(kind: 'validate' | 'consolidate', event?: { completed(): void }): Promise<void> {
  try {
    await runInExcel(async ({ workbook }) => {
      if (kind === 'validate') await validateIntoWorkbook(workbook);
      else await consolidateWorkbook(workbook, workbook, false);
    });
    await showControls();
  } catch (e) {
    await reportFailure(e);
  } finally {
    event?.completed();
  }
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    Office.actions.associate('validateWorkbook', (event: Office.AddinCommands.Event) => runRibbonCommand('validate', event));
    Office.actions.associate('consolidateWorkbook', (event: Office.AddinCommands.Event) => runRibbonCommand('consolidate', event));
  });
}
