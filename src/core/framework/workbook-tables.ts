/**
 * A new workbook from a framework: the contract's input tables filled from the framework's data
 * (funders, reference amounts, plan, indicators) and, on request, fictitious example data.
 */
import type { CellValue } from '../contract/cells';
import { rowOf } from '../contract/declare';
import { CONTRACT_VERSION_TEXT, INPUT_ORDER, INPUT_TABLES, type InputKey } from '../contract/tables';
import { EXAMPLE_MARK, exampleData } from '../examples/example-data';
import type { InputTable } from '../layout/input-sheets';
import { centsToEuros } from '../shared/money';
import { planRows, type Framework } from './schema';

const headers = (key: InputKey) => INPUT_TABLES[key].columns.map((c) => c.header);

/** A funder's other names: its aliases, then its later names (mergers, renamings). */
export function namesOf(f: Framework['funders'][number]): string[] {
  return [...f.aliases, ...f.successors.map((s) => s.name)];
}

/** The contract's input tables for a new workbook. */
export function frameworkTables(f: Framework, example: boolean): Record<InputKey, InputTable> {
  const questionText = new Map(f.questions.map((q) => [q.code, q.text]));
  const cadre: CellValue[][] = [
    ['Cadre', f.id],
    ['Intitulé', f.title],
    ['Début', f.period.start],
    ['Fin', f.period.end],
    ['Devise', f.currency],
    ['Région', f.region],
    ['Sources', f.sources.map((s) => `${s.file} (${s.title})`).join(' ; ')],
    ['Version du contrat', CONTRACT_VERSION_TEXT],
  ];
  if (example) cadre.push(['Exemple', EXAMPLE_MARK]);
  const ex = example ? exampleData(f) : null;
  const rows: Record<InputKey, CellValue[][]> = {
    cadre,
    funders: f.funders.map((x) =>
      rowOf(INPUT_TABLES.funders, {
        code: x.code,
        name: x.name,
        type: x.type,
        aliases: namesOf(x).join(' ; ') || null,
        siret: ex?.funderSirets.get(x.code) ?? null,
      }),
    ),
    convention: [
      ...f.amounts.map((a) =>
        rowOf(INPUT_TABLES.convention, {
          funder: a.funder,
          year: a.year,
          amount: a.amountCents === null ? null : centsToEuros(a.amountCents),
          status: a.status,
          source: a.source,
          nature: 'Convention',
        }),
      ),
      ...(ex?.convention ?? []),
    ],
    actions: planRows(f).map((r) =>
      rowOf(INPUT_TABLES.actions, {
        axis: r.axis,
        objective: r.objective || null,
        measure: r.measure || null,
        code: r.action.code,
        title: r.action.title,
        operator: r.action.operator ?? null,
        entryYear: r.action.entryYear ?? null,
      }),
    ),
    commitments: ex?.commitments ?? [],
    indicators: f.indicators.map((i) =>
      rowOf(INPUT_TABLES.indicators, {
        code: i.code,
        label: i.label,
        unit: i.unit,
        aggregation: i.aggregation,
        acrossOperators: i.acrossOperators,
        question: questionText.get(i.question) ?? i.question,
        status: i.status,
        basis: i.basis,
      }),
    ),
    reports: ex?.reports ?? [],
    realised: [],
    imports: [],
    payments: ex?.payments ?? [],
    closings: [],
    territories: f.territories.map((t) =>
      rowOf(INPUT_TABLES.territories, {
        code: t.code,
        label: t.label,
        type: t.type,
        officialCode: t.officialCode,
        parent: t.parent,
        aliases: t.aliases.join(' ; ') || null,
        source: t.source,
      }),
    ),
    actionIndicators: f.actionIndicators.flatMap((m) =>
      m.indicators.map((indicator) =>
        rowOf(INPUT_TABLES.actionIndicators, { action: m.action, indicator, status: m.status, basis: m.basis }),
      ),
    ),
    qualitative: [],
    meetings: ex?.meetings ?? [],
    appreciations: ex?.appreciations ?? [],
  };
  return Object.fromEntries(INPUT_ORDER.map((k) => [k, { headers: headers(k), rows: rows[k] }])) as Record<InputKey, InputTable>;
}

/** Notes shown above the tables of a new workbook, from the framework's data. */
export function frameworkNotes(f: Framework): Partial<Record<InputKey, string[]>> {
  const src = f.sources[0].file;
  const amendment = f.articles.amendment ? ` (${f.articles.amendment})` : '';
  const notes: Partial<Record<InputKey, string[]>> = {
    cadre: [`${f.title} — source : ${f.sources.map((s) => s.file).join(', ')}.`],
    funders: [
      `Financeurs nommés par la source (${src}). Les codes sont attribués par Suivi ESS ; « Autres noms » liste les écritures reconnues.`,
    ],
    convention: [
      `Un changement de montant s’ajoute comme une ligne d’avenant${amendment} (Source « Avenant n° … du … »), positive ou négative : la ligne d’origine reste.`,
    ],
    actions: [f.note ?? `Plan d’actions de ${src}.`],
    indicators: [
      f.indicatorNote ?? 'Catalogue d’indicateurs.',
      'Agrégation : comment les années se cumulent sur la période. Entre opérateurs : comment se combinent les valeurs de plusieurs opérateurs ou territoires d’une même année :',
      'Somme, Maximum (un stock que plusieurs opérateurs comptent) ou Non additionnable (un taux).',
    ],
    territories: [
      f.territoryNote ??
        'Ajoutez les territoires du contrat (région, départements, collectivités) : le Rattachement de chacun fait la consolidation par territoire ; un code officiel non vérifié reste vide.',
    ],
    actionIndicators: [
      f.actionIndicators.length
        ? `Les indicateurs que le bilan de chaque action demande. Liens proposés par Suivi ESS à partir des effets attendus de la source (Statut « proposé ») : à valider par le comité de pilotage.`
        : 'Une ligne par action et par indicateur que son bilan demande. Une action sans ligne ici reçoit tout le catalogue dans son modèle de bilan.',
    ],
    qualitative: [
      'Rempli par l’import des bilans : les parties écrites de chaque bilan et sa signature, une ligne par bilan (et une pour le bilan de toute la période).',
    ],
    meetings: [
      f.bodies.length
        ? 'Une ligne par réunion d’une instance de gouvernance. Les instances et la fréquence que la source leur fixe sont dans la feuille « Référentiel du cadre » ; la feuille Gouvernance fait le compte.'
        : 'Une ligne par réunion d’une instance de gouvernance. La source ne nomme pas d’instance : saisissez leur nom.',
    ],
    appreciations: [
      'L’appréciation de l’évaluateur sur chaque question évaluative, par année (vide : toute la période) : elle est reprise dans la feuille Évaluation à chaque consolidation.',
    ],
  };
  if (f.amounts.length === 0)
    notes.convention = ['La source ne fixe aucun montant : saisissez les montants de référence quand ils sont décidés, avec leur source.'];
  return notes;
}

export function periodOf(f: Framework): number[] {
  return Array.from({ length: f.period.end - f.period.start + 1 }, (_, i) => f.period.start + i);
}
