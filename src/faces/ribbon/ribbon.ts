/**
 * Ribbon commands (function commands): « Valider » and « Consolider » run without opening the
 * pane and report through the `Contrôles` sheet, which they activate. A failure that prevents
 * reading the workbook (a missing sheet, a renamed header) is written there too, in French.
 */
import { runInExcel } from '../../adapters/office/run';
import { consolidateWorkbook } from '../../commands/consolidate';
import { validateIntoWorkbook } from '../../commands/validate';
import { GENERATED } from '../../core/contract/tables';
import { UserError } from '../../core/shared/errors';
import { controlsSheet } from '../../core/layout/sheets';

async function showControls(): Promise<void> {
  await runInExcel(({ workbook }) => workbook.selectCell(GENERATED.controls.sheet, 'A1'));
}

/** Writes a one-line Contrôles sheet saying why the command could not read the workbook. */
async function reportFailure(e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  const finding = { severity: 'error' as const, rule: 'LECTURE', sheet: GENERATED.controls.sheet, cell: 'A1', message };
  try {
    await runInExcel(({ workbook }) => workbook.writeSheets([controlsSheet({ findings: [finding], example: false })]));
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
    await reportFailure(e instanceof UserError ? e : new UserError(String(e)));
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
