/**
 * `Référentiel du cadre`: what the framework's source fixes, written from the framework's data
 * for users to read and for the dropdowns of the input sheets to point at (a dropdown's list is
 * limited to 255 characters and cannot hold a comma, which the objectives of a strategy exceed):
 * its axes, its objectives, its governance bodies with the frequency their source asks, its
 * evaluative questions and the milestones of the evaluation. Plain ranges under captions, not
 * tables of the contract: rewritten from the framework by `init` and by `consolidate`.
 */
import type { DropdownSource } from '../contract/declare';
import { axisChoices, objectiveChoices } from '../framework/choices';
import type { Framework } from '../framework/schema';
import { rangeAddress, quoteSheet } from '../shared/address';
import { SheetBuilder } from './builder';
import type { PlacedSheet, PlacedValue } from './placed';

export const REFERENCE_SHEET = 'Référentiel du cadre';

export interface ReferenceSheet {
  sheet: PlacedSheet;
  /** Where each dropdown takes its values: a column range of this sheet. */
  sources: Partial<Record<DropdownSource, string>>;
}

const yes = (b: boolean) => (b ? 'Oui' : 'Non');

/** The frequency of a body as a sentence: « une à deux fois par an (§4.1 de la convention) ». */
export function bodyFrequency(b: Framework['bodies'][number]): string {
  return `${b.frequency} (${b.cite})`;
}

export function referenceSheet(f: Framework): ReferenceSheet {
  const b = new SheetBuilder(REFERENCE_SHEET, false);
  b.line(
    [`${REFERENCE_SHEET} — ce que la source du cadre fixe : axes, objectifs, instances de gouvernance, questions évaluatives`],
    'title',
  );
  b.line(
    [
      'Écrite par Suivi ESS à partir du cadre et réécrite par chaque consolidation : ne la modifiez pas. Les listes déroulantes des autres feuilles (axes, objectifs, instances, questions) en viennent.',
    ],
    'note',
  );
  b.line([`${f.title} — source : ${f.sources.map((s) => s.file).join(', ')}.`], 'note');
  const sources: ReferenceSheet['sources'] = {};
  const section = (title: string, headers: string[], rows: PlacedValue[][], source?: DropdownSource, empty?: string) => {
    b.blank();
    b.line([title], 'title');
    if (rows.length === 0) {
      b.line([empty ?? 'La source n’en fixe pas.'], 'note');
      return;
    }
    b.line(headers, 'caption');
    const top = b.nextRow;
    for (const r of rows) b.line(r);
    if (source)
      sources[source] =
        `${quoteSheet(REFERENCE_SHEET)}!${rangeAddress(top, 1, top + rows.length - 1, 1).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
  };
  const axes = axisChoices(f);
  section(
    `Axes (${f.levels.axis.toLowerCase()}s de la source) — colonne Axe du Plan d’actions`,
    ['Axe', 'Code', 'Code attribué par Suivi ESS', 'Source'],
    axes.map((a) => [a.label, a.code, yes(a.codeAssigned), a.source]),
    'axes',
  );
  section(
    `Objectifs (${f.levels.objective.toLowerCase()}s de la source) — colonne Objectif du Plan d’actions`,
    ['Objectif', 'Code', 'Axe', 'Code attribué par Suivi ESS'],
    objectiveChoices(f).map((o) => [o.label, o.code, o.axis, yes(o.codeAssigned)]),
    'objectives',
  );
  section(
    'Instances de gouvernance — colonne Instance de la feuille Instances',
    ['Instance', 'Fréquence demandée', 'Minimum', 'Sur (années)', 'Autre passage de la source', 'Autres noms reconnus', 'Source'],
    f.bodies.map((x) => [
      x.name,
      bodyFrequency(x),
      x.min,
      x.everyYears,
      x.target ? `${x.target.frequency} (${x.target.cite})` : null,
      x.aliases.join(' ; ') || null,
      x.source,
    ]),
    'bodies',
    'La source ne nomme aucune instance de gouvernance : saisissez leur nom dans la feuille Instances.',
  );
  section(
    'Questions évaluatives — colonne Question de la feuille Appréciations',
    ['Code', 'Question', 'Source'],
    f.questions.map((q) => [q.code, q.text, q.source]),
    'questions',
    'La source ne fixe pas de questions évaluatives : les indicateurs sont regroupés par le texte de leur colonne « Question évaluative ».',
  );
  section(
    'Échéances de l’évaluation',
    ['Jalon', 'Selon la source', 'Échéance retenue', 'Source'],
    f.milestones.map((m) => [m.label, m.when, m.due.split('-').reverse().join('/'), m.source]),
    undefined,
    'La source ne fixe pas d’échéance d’évaluation.',
  );
  const sheet = b.build();
  sheet.widths = [62, 34, 30, 14, 40, 40, 70];
  return { sheet, sources };
}
