/**
 * Ribbon commands (function commands): « Valider » and « Consolider » run without opening the
 * pane and report through the `Contrôles` sheet, which they activate. A failure of any kind
 * (a missing sheet, a renamed header, a refusal of Excel) is written there too, in French.
 *
 * When Excel refuses even that (a protected `Contrôles` sheet, a cell in edit mode on a host
 * that cannot wait), the message is shown in a small dialog (Dialog API 1.1: the one UI a
 * function command can open; `Office.addin.showAsTaskpane` needs a shared runtime, which this
 * add-in does not declare). The dialog is this same page, given the message in its query
 * string; the command completes when the user closes it. Without the Dialog API, nothing can be
 * shown: the message goes to the console.
 */
import { runInExcel } from '../../adapters/office/run';
import { consolidateWorkbook } from '../../commands/consolidate';
import { validateIntoWorkbook } from '../../commands/validate';
import { CONTROLS } from '../../core/contract/tables';
import { toUserError } from '../../adapters/office/errors';
import { controlsSheet } from '../../core/layout/controls';
import { finding } from '../../core/rules/findings';

/** The query parameter that turns this page into the message dialog. */
const MESSAGE_PARAM = 'message';

async function showControls(): Promise<void> {
  await runInExcel(({ workbook }) => workbook.selectCell(CONTROLS.sheet, 'A1'));
}

/**
 * Shows `message` in a dialog; resolves when the dialog is closed (or at once when it cannot be
 * opened). Returns whether a dialog was shown.
 */
export function showMessageDialog(message: string): Promise<boolean> {
  const context = typeof Office !== 'undefined' ? Office.context : undefined;
  if (!context?.ui || !context.requirements?.isSetSupported('DialogApi', '1.1')) {
    console.error(message);
    return Promise.resolve(false);
  }
  const here = typeof location !== 'undefined' ? location.href : 'https://localhost:3000/ribbon.html';
  const url = new URL('ribbon.html', here);
  url.searchParams.set(MESSAGE_PARAM, message);
  return new Promise((resolve) => {
    context.ui.displayDialogAsync(url.href, { height: 30, width: 40, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        console.error(message);
        resolve(false);
        return;
      }
      // 12006: the user closed the dialog.
      result.value.addEventHandler(Office.EventType.DialogEventReceived, () => resolve(true));
    });
  });
}

/** Writes a one-line Contrôles sheet saying why the command failed; else shows it in a dialog. */
async function reportFailure(e: unknown): Promise<void> {
  const message = toUserError(e).message;
  const failure = finding('LECTURE', CONTROLS.sheet, 'A1', { detail: message });
  try {
    await runInExcel(({ workbook }) => workbook.writeSheets([controlsSheet({ findings: [failure], example: false })]));
    await showControls();
  } catch (again) {
    // Excel refuses even that: the first reason, and the second when it differs.
    const second = toUserError(again).message;
    await showMessageDialog(second === message ? message : `${message}\n\n${second}`);
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

/** The dialog page: the message, as text, in French typography. */
export function renderMessagePage(doc: Document, search: string): boolean {
  const message = new URLSearchParams(search).get(MESSAGE_PARAM);
  if (message === null) return false;
  doc.title = 'Suivi ESS';
  const title = doc.createElement('h1');
  title.textContent = 'Suivi ESS : l’opération n’a pas abouti';
  title.style.font = '600 16px "Segoe UI", sans-serif';
  doc.body.appendChild(title);
  for (const part of message.split('\n\n')) {
    const p = doc.createElement('p');
    p.textContent = part;
    p.style.font = '14px "Segoe UI", sans-serif';
    doc.body.appendChild(p);
  }
  const hint = doc.createElement('p');
  hint.textContent = 'Fermez cette fenêtre pour revenir au classeur.';
  hint.style.font = 'italic 12px "Segoe UI", sans-serif';
  doc.body.appendChild(hint);
  return true;
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    if (typeof document !== 'undefined' && renderMessagePage(document, location.search)) return;
    Office.actions.associate('validateWorkbook', (event: Office.AddinCommands.Event) => runRibbonCommand('validate', event));
    Office.actions.associate('consolidateWorkbook', (event: Office.AddinCommands.Event) => runRibbonCommand('consolidate', event));
  });
}
