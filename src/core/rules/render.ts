/**
 * Findings into French sentences: the one renderer used by the command line, the `Contrôles`
 * sheet and the task pane. The template is the rule's (catalogue.ts); the place comes first.
 */
import { renderTemplate } from '../shared/message';
import { RULES } from './catalogue';
import type { Finding, Severity } from './findings';

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'Erreur',
  warning: 'Avertissement',
};

/** The place of a finding: `Feuille « Engagements », cellule D7`, with the file for a report. */
export function placeOf(f: Pick<Finding, 'file' | 'sheet' | 'cell'>): string {
  const parts: string[] = [];
  if (f.file) parts.push(renderTemplate('Fichier « {file} »', { file: f.file }));
  if (f.sheet) parts.push(renderTemplate(parts.length ? 'feuille « {sheet} »' : 'Feuille « {sheet} »', { sheet: f.sheet }));
  if (f.cell) parts.push(`cellule ${f.cell}`);
  return parts.join(', ');
}

/** The finding's sentence. */
export function renderFinding(f: Finding): string {
  return renderTemplate(RULES[f.rule].message, { ...f.params, where: placeOf(f) });
}
