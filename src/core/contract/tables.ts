/**
 * The workbook contract: sheet names, table names and column headers that users fill in and
 * that other tools read. Keep them exactly; columns may be added after these, tables added.
 * Documented for users in docs/contrat-classeur.md.
 */
import type { FormatKind } from '../layout/placed';

/** How a column's cells are read and shown. */
export type ColumnKind = 'text' | 'code' | 'year' | 'money' | 'number' | 'vocabulary' | 'any';

export interface ColumnSpec {
  header: string;
  /** Field name in the typed record. */
  field: string;
  kind: ColumnKind;
  required: boolean;
  width: number;
  /** What the column accepts, in French, for the documentation and the messages. */
  accepts: string;
}

export interface TableSpec {
  key: InputKey;
  sheet: string;
  table: string;
  columns: ColumnSpec[];
  /** Optional columns the tool adds after the contract's (read when present). */
  extra: ColumnSpec[];
  purpose: string;
  /** Tables added by later versions: a workbook without them reads them as empty. */
  optional?: boolean;
}

export type InputKey = 'cadre' | 'funders' | 'convention' | 'actions' | 'commitments' | 'indicators' | 'reports' | 'realised' | 'imports';

const col = (header: string, field: string, kind: ColumnKind, required: boolean, width: number, accepts: string): ColumnSpec => ({
  header,
  field,
  kind,
  required,
  width,
  accepts,
});

export const INPUT_TABLES: Record<InputKey, TableSpec> = {
  cadre: {
    key: 'cadre',
    sheet: 'Cadre',
    table: 'tblCadre',
    purpose: 'Le cadre du contrat : identifiant, intitulé, période, devise.',
    columns: [
      col('Clé', 'key', 'text', true, 22, 'Une des clés Cadre, Intitulé, Début, Fin, Devise (d’autres clés sont permises).'),
      col('Valeur', 'value', 'any', false, 70, 'Cadre : identifiant du cadre ; Début et Fin : une année (2014) ; Devise : EUR.'),
    ],
    extra: [],
  },
  funders: {
    key: 'funders',
    sheet: 'Financeurs',
    table: 'tblFinanceurs',
    purpose: 'Les financeurs du contrat.',
    columns: [
      col('Code', 'code', 'code', true, 26, 'Un code unique en majuscules (REGION, ETAT, CDC…).'),
      col('Nom', 'name', 'text', true, 50, 'Le nom du financeur.'),
      col('Type', 'type', 'vocabulary', true, 24, 'Signataire, Collectivité partenaire ou Autre.'),
    ],
    extra: [
      col(
        'Autres noms',
        'aliases',
        'text',
        false,
        50,
        'Autres façons d’écrire ce financeur, séparées par « ; » : elles sont reconnues dans les autres feuilles.',
      ),
    ],
  },
  convention: {
    key: 'convention',
    sheet: 'Convention',
    table: 'tblConvention',
    purpose: 'Les montants de référence de la convention, par financeur et par année, et les avenants.',
    columns: [
      col('Financeur', 'funder', 'code', true, 22, 'Le code d’un financeur de la feuille Financeurs (ou son nom).'),
      col('Année', 'year', 'year', true, 10, 'Une année de la période du cadre.'),
      col(
        'Montant (€)',
        'amount',
        'money',
        false,
        18,
        'Un montant en euros ; vide tant qu’il n’est pas fixé ; négatif seulement pour un avenant qui réduit le montant.',
      ),
      col('Statut', 'status', 'vocabulary', true, 16, 'Ferme, Prévisionnel ou Sous réserve.'),
      col(
        'Source',
        'source',
        'text',
        true,
        46,
        'L’article ou l’avenant qui fixe le montant (« Convention, art. 3 », « Avenant n°1 du 12/03/2015 »).',
      ),
    ],
    extra: [],
  },
  actions: {
    key: 'actions',
    sheet: "Plan d'actions",
    table: 'tblActions',
    purpose: 'Le plan d’actions : axes, objectifs, mesures et actions codées.',
    columns: [
      col('Axe', 'axis', 'text', true, 30, 'L’axe de l’action (sert au regroupement par axe).'),
      col('Objectif', 'objective', 'text', false, 40, 'L’objectif (facultatif selon le cadre).'),
      col('Mesure', 'measure', 'text', false, 40, 'La mesure (facultative selon le cadre).'),
      col('Code', 'code', 'code', true, 12, 'Le code unique de l’action (I_1.1.1…).'),
      col('Intitulé', 'title', 'text', true, 60, 'L’intitulé de l’action.'),
      col('Porteur', 'operator', 'text', false, 28, 'Le porteur de l’action, s’il est connu.'),
      col("Année d'entrée", 'entryYear', 'year', false, 14, 'L’année où l’action entre dans le contrat.'),
    ],
    extra: [],
  },
  commitments: {
    key: 'commitments',
    sheet: 'Engagements',
    table: 'tblEngagements',
    purpose: 'Les engagements annuels de chaque financeur sur chaque action.',
    columns: [
      col('Code action', 'action', 'code', true, 12, 'Le code d’une action du Plan d’actions.'),
      col('Financeur', 'funder', 'code', true, 22, 'Le code d’un financeur (ou son nom).'),
      col('Année', 'year', 'year', true, 10, 'Une année de la période.'),
      col(
        'Montant (€)',
        'amount',
        'money',
        true,
        18,
        'Un montant positif en euros (nombre ; un montant saisi en texte est lu et signalé).',
      ),
      col('Référence', 'reference', 'text', false, 24, 'La référence de la décision (délibération, arrêté…).'),
      col('Commentaire', 'comment', 'text', false, 40, 'Texte libre.'),
    ],
    extra: [],
  },
  indicators: {
    key: 'indicators',
    sheet: 'Indicateurs',
    table: 'tblIndicateurs',
    purpose: 'Le catalogue des indicateurs et leur question évaluative.',
    columns: [
      col('Code', 'code', 'code', true, 30, 'Un code unique en majuscules.'),
      col('Libellé', 'label', 'text', true, 50, 'Le libellé de l’indicateur.'),
      col('Unité', 'unit', 'text', true, 14, 'L’unité (personnes, entreprises, €, %…).'),
      col(
        'Agrégation',
        'aggregation',
        'vocabulary',
        true,
        16,
        'Somme, Moyenne, Maximum ou Dernière valeur : comment les années se cumulent sur la période.',
      ),
      col('Question évaluative', 'question', 'text', false, 60, 'La question évaluative à laquelle l’indicateur répond.'),
    ],
    extra: [
      col('Statut', 'status', 'text', false, 12, '« proposé » quand l’indicateur ne vient pas de la source.'),
      col('Fondement', 'basis', 'text', false, 60, 'L’effet attendu ou le texte dont l’indicateur découle.'),
    ],
  },
  reports: {
    key: 'reports',
    sheet: 'Bilans',
    table: 'tblBilans',
    purpose: 'Les valeurs des indicateurs déclarées dans les bilans annuels des opérateurs.',
    columns: [
      col('Code action', 'action', 'code', true, 12, 'Le code d’une action du Plan d’actions.'),
      col('Opérateur', 'operator', 'text', true, 28, 'L’opérateur qui rend le bilan.'),
      col('Année', 'year', 'year', true, 10, 'L’année civile du bilan.'),
      col('Indicateur', 'indicator', 'code', true, 30, 'Le code d’un indicateur de la feuille Indicateurs.'),
      col('Valeur', 'value', 'number', true, 12, 'Un nombre positif ou nul.'),
      col('Territoire', 'territory', 'text', false, 22, 'Département, collectivité ou zone prioritaire (QPV, ZRR).'),
      col('Source', 'source', 'text', false, 30, 'Le fichier ou le document du bilan.'),
    ],
    extra: [],
  },
  realised: {
    key: 'realised',
    sheet: 'Réalisé financier',
    table: 'tblRealises',
    optional: true,
    purpose:
      'Les comptes rendus financiers des bilans (prévu et réalisé par poste, subventions reçues de chaque financeur), importés des modèles de bilan.',
    columns: [
      col('Code action', 'action', 'code', true, 12, 'Le code d’une action du Plan d’actions.'),
      col('Opérateur', 'operator', 'text', true, 28, 'L’opérateur qui rend le bilan.'),
      col('Année', 'year', 'year', true, 10, 'L’année du bilan.'),
      col(
        'Poste',
        'post',
        'text',
        true,
        44,
        'Le poste du compte rendu financier (comptes 60 à 68 et 70 à 78, sur le modèle du Cerfa n° 15059).',
      ),
      col('Financeur', 'funder', 'code', false, 22, 'Pour une subvention (compte 74) : le code du financeur.'),
      col('Prévu (€)', 'planned', 'money', false, 16, 'Le montant prévu au budget de l’action.'),
      col('Réalisé (€)', 'actual', 'money', false, 16, 'Le montant réalisé ; pour une subvention, le montant effectivement reçu.'),
      col('Commentaire', 'comment', 'text', false, 40, 'L’explication d’un écart de plus de 15 %.'),
      col('Source', 'source', 'text', false, 30, 'Le fichier du bilan.'),
    ],
    extra: [],
  },
  imports: {
    key: 'imports',
    sheet: 'Historique des imports',
    table: 'tblHistoriqueImports',
    optional: true,
    purpose: 'Chaque import de bilan : date, fichier, action, opérateur, année, lignes ajoutées et remplacées.',
    columns: [
      col('Date', 'date', 'text', true, 20, 'La date et l’heure de l’import (ISO 8601).'),
      col('Fichier', 'file', 'text', true, 36, 'Le fichier importé.'),
      col('Action', 'action', 'code', true, 12, 'Le code de l’action.'),
      col('Opérateur', 'operator', 'text', false, 28, 'L’opérateur.'),
      col('Année', 'year', 'year', true, 10, 'L’année du bilan.'),
      col('Lignes ajoutées', 'added', 'number', true, 14, 'Le nombre de lignes ajoutées.'),
      col('Lignes remplacées', 'replaced', 'number', true, 16, 'Le nombre de lignes d’un import précédent remplacées.'),
    ],
    extra: [],
  },
};

export const INPUT_ORDER: InputKey[] = [
  'cadre',
  'funders',
  'convention',
  'actions',
  'commitments',
  'indicators',
  'reports',
  'realised',
  'imports',
];

/** Generated sheets and tables, rebuilt whole on every run. */
export const GENERATED = {
  controls: {
    sheet: 'Contrôles',
    table: 'tblControles',
    columns: ['Gravité', 'Règle', 'Feuille', 'Cellule', 'Message', 'Attendu', 'Constaté'],
  },
  summary: {
    sheet: 'Synthèse financière',
    table: 'tblSynthese',
    columns: ['Financeur', 'Année', 'Convention (€)', 'Engagé (€)', 'Écart (€)', "Taux d'engagement"],
  },
  byAxis: {
    sheet: 'Synthèse financière',
    table: 'tblEngagementsParAxe',
  },
  byAxisFunder: {
    sheet: 'Synthèse financière',
    table: 'tblEngagementsAxeFinanceur',
  },
  matrix: {
    sheet: 'Répartition par action',
    /** One table per year: tblRepartition2014… */
    tablePrefix: 'tblRepartition',
  },
  indicators: {
    sheet: 'Indicateurs consolidés',
    table: 'tblIndicateursConsolides',
    leading: ['Question évaluative', 'Indicateur', 'Libellé', 'Unité'],
    total: 'Total période',
  },
} as const;

/** Keys expected in the Cadre table. */
export const CADRE_KEYS = ['Cadre', 'Intitulé', 'Début', 'Fin', 'Devise'] as const;

export function formatOfKind(kind: ColumnKind): FormatKind | null {
  switch (kind) {
    case 'money':
      return 'money';
    case 'year':
      return 'year';
    case 'number':
      return 'number';
    case 'code':
    case 'text':
    case 'vocabulary':
      return 'text';
    default:
      return null;
  }
}

/**
 * The yearly report template (modèle de bilan) is itself a contract: the import recognises it by
 * the hidden marker table and reads these tables by name and headers.
 */
export const REPORT_TEMPLATE = {
  /** Identifies the template and its version in the hidden marker table. */
  model: 'suivi-ess/bilan',
  version: 1,
  marker: { sheet: 'Suivi ESS', table: 'tblModele', columns: ['Clé', 'Valeur'] },
  /** Keys of the marker table. */
  markerKeys: ['Modèle', 'Version', 'Cadre', 'Action', 'Année', 'Opérateur'],
  identification: { sheet: 'Bilan', table: 'tblIdentification', columns: ['Rubrique', 'Valeur'] },
  /** Rubriques of the identification table: the operator fills « Opérateur » when it is empty. */
  identificationKeys: ['Action', 'Intitulé de l’action', 'Année', 'Opérateur'],
  values: { sheet: 'Bilan', table: 'tblValeurs', columns: ['Indicateur', 'Libellé', 'Unité', 'Territoire', 'Valeur', 'Commentaire'] },
  commitments: { sheet: 'Bilan', table: 'tblEngagementsAction', columns: ['Financeur', 'Nom', 'Engagé (€)'] },
  realised: {
    sheet: 'Réalisé',
    table: 'tblRealise',
    columns: ['Poste', 'Financeur', 'Prévu (€)', 'Réalisé (€)', 'Écart (€)', 'Écart (%)', 'Commentaire'],
  },
  /** A gap over this share between planned and actual needs a comment (Cerfa n° 15059). */
  commentThreshold: 0.15,
} as const;
