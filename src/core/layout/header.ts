/** The top of every generated sheet: its title, the « generated » note, notes, and the example warning. */
import { noteLines } from '../shared/text';
import type { SheetBuilder } from './builder';

export const GENERATED_NOTE =
  'Feuille générée par Suivi ESS à partir des feuilles de saisie, reconstruite à chaque consolidation : ne la modifiez pas, corrigez les feuilles de saisie.';

export const GENERATED_EXAMPLE_LINE = 'EXEMPLE FICTIF : calculé sur des données d’illustration inventées, pas sur des données réelles.';

export function generatedHeader(b: SheetBuilder, title: string, example: boolean, notes: string[] = []): void {
  b.line([title], 'title');
  b.line([GENERATED_NOTE], 'note');
  for (const n of notes) for (const line of noteLines(n)) b.line([line], 'note');
  if (example) b.line([GENERATED_EXAMPLE_LINE], 'example');
  b.blank();
}
