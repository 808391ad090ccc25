/**
 * The workbook contract: every table Suivi ESS reads or writes, declared once (sheet, table,
 * columns in order with their cell kind, and the users' documentation line). Columns may be added
 * after these by users; tables may be added. Documented for users in docs/contrat-classeur.md,
 * whose tables a test compares with these declarations.
 */
import { anyValue, date, datetime, money, number, requiredText, rna, siret, text, vocabulary, year } from './cell-kinds';
import { column as col, table, type TableDecl } from './declare';
import {
  ACROSS_OPERATORS,
  AGGREGATIONS,
  AID_NATURES,
  CLOSING_OPERATIONS,
  CONVENTION_NATURES,
  CONVENTION_STATUSES,
  FUNDER_TYPES,
  PAYMENT_CONDITIONS,
  PAYMENT_TYPES,
  TERRITORY_TYPES,
  YES_NO,
} from './vocabulary';

/** Version of the workbook contract written in the Cadre (« Version du contrat »). */
export const CONTRACT_VERSION = 3;
export const CONTRACT_VERSION_TEXT = `suivi-ess/${CONTRACT_VERSION}`;

// ---------------------------------------------------------------------------------------------
// Input tables: what users fill in.

export const CADRE = table({
  sheet: 'Cadre',
  table: 'tblCadre',
  role: 'input',
  purpose: 'Le cadre du contrat : identifiant, intitulé, période, devise.',
  columns: [
    col(
      'key',
      'Clé',
      requiredText,
      22,
      'Une des clés Cadre, Intitulé, Début, Fin, Devise (d’autres clés sont permises : Région, Sources, Version du contrat, Exemple).',
    ),
    col('value', 'Valeur', anyValue, 70, 'Cadre : l’identifiant du cadre ; Début et Fin : une année (2014) ; Devise : EUR.'),
  ],
});

export const FUNDERS = table({
  sheet: 'Financeurs',
  table: 'tblFinanceurs',
  role: 'input',
  purpose: 'Les financeurs du contrat.',
  columns: [
    col('code', 'Code', requiredText, 26, 'Un code unique en majuscules (REGION, ETAT, CDC…).'),
    col('name', 'Nom', text, 50, 'Le nom du financeur.'),
    col('type', 'Type', vocabulary(FUNDER_TYPES), 24, 'Signataire, Collectivité partenaire ou Autre.'),
    col(
      'aliases',
      'Autres noms',
      text,
      50,
      'Autres façons d’écrire ce financeur, séparées par des points-virgules : elles sont reconnues dans les autres feuilles.',
      { optional: true },
    ),
    col(
      'siret',
      'SIRET',
      siret,
      18,
      'Le SIRET du financeur (14 chiffres, saisis comme texte) : il identifie l’attribuant dans l’export des données essentielles des subventions.',
      { optional: true, since: 2 },
    ),
  ],
});

export const CONVENTION = table({
  sheet: 'Convention',
  table: 'tblConvention',
  role: 'input',
  purpose: 'Les montants de référence de la convention, par financeur et par année, et les avenants.',
  columns: [
    col('funder', 'Financeur', requiredText, 22, 'Le code d’un financeur de la feuille Financeurs (ou son nom).', { dropdown: 'funders' }),
    col('year', 'Année', year, 10, 'Une année de la période du cadre.', { dropdown: 'years' }),
    col(
      'amount',
      'Montant (€)',
      money,
      18,
      'Un montant en euros ; vide tant qu’il n’est pas fixé ; négatif seulement pour un avenant qui réduit le montant.',
    ),
    col('status', 'Statut', vocabulary(CONVENTION_STATUSES), 16, 'Ferme, Prévisionnel ou Sous réserve.'),
    col(
      'source',
      'Source',
      text,
      46,
      'L’article ou l’avenant qui fixe le montant (« Convention, art. 3 », « Avenant n° 1 du 12/03/2015 »).',
    ),
    col(
      'nature',
      'Nature',
      vocabulary(CONVENTION_NATURES),
      14,
      'Convention (le montant de base d’une année, tel que signé), Vote (le vote du budget d’une année « sous réserve ») ou Avenant (un mouvement, positif ou négatif). Vide : Avenant si la Source cite un avenant, sinon Convention.',
      { optional: true, since: 2 },
    ),
    col('date', 'Date', date, 12, 'La date de la décision (signature, vote, avenant).', { optional: true, since: 2 }),
    col('reference', 'Référence', text, 24, 'La référence de la décision : délibération du vote, numéro de l’avenant.', {
      optional: true,
      since: 2,
    }),
  ],
});

export const ACTIONS = table({
  sheet: 'Plan d’actions',
  formerSheets: ["Plan d'actions"],
  table: 'tblActions',
  role: 'input',
  purpose: 'Le plan d’actions : axes, objectifs, mesures et actions codées.',
  columns: [
    col('axis', 'Axe', requiredText, 30, 'L’axe de l’action, choisi dans la liste des axes du cadre (sert au regroupement par axe).', {
      dropdown: 'axes',
    }),
    col('objective', 'Objectif', text, 40, 'L’objectif (facultatif selon le cadre), choisi dans la liste des objectifs du cadre.', {
      dropdown: 'objectives',
    }),
    col('measure', 'Mesure', text, 40, 'La mesure (facultative selon le cadre).'),
    col('code', 'Code', requiredText, 12, 'Le code unique de l’action (I_1.1.1…).'),
    col('title', 'Intitulé', text, 60, 'L’intitulé de l’action.'),
    col('operator', 'Porteur', text, 28, 'Le porteur de l’action, s’il est connu.'),
    col('entryYear', 'Année d’entrée', year, 14, 'L’année où l’action entre dans le contrat.', { dropdown: 'years' }),
  ],
});

export const COMMITMENTS = table({
  sheet: 'Engagements',
  table: 'tblEngagements',
  role: 'input',
  purpose: 'Les engagements annuels de chaque financeur sur chaque action.',
  columns: [
    col('action', 'Code action', requiredText, 12, 'Le code d’une action du Plan d’actions.', { dropdown: 'actions' }),
    col('funder', 'Financeur', requiredText, 22, 'Le code d’un financeur (ou son nom).', { dropdown: 'funders' }),
    col('year', 'Année', year, 10, 'Une année de la période.', { dropdown: 'years' }),
    col('amount', 'Montant (€)', money, 18, 'Un montant positif en euros (un nombre ; un montant saisi en texte est lu et signalé).'),
    col('reference', 'Référence', text, 24, 'La référence de la décision (délibération, arrêté…).', { optional: true }),
    col('comment', 'Commentaire', text, 40, 'Texte libre.', { optional: true }),
    col('beneficiary', 'Bénéficiaire', text, 30, 'La structure bénéficiaire (sa raison sociale).', { optional: true, since: 2 }),
    col('siret', 'SIRET', siret, 18, 'Le SIRET du bénéficiaire (14 chiffres, saisis comme texte).', { optional: true, since: 2 }),
    col('rna', 'RNA', rna, 12, 'Pour une association : son numéro RNA (W suivi de 9 chiffres).', { optional: true, since: 2 }),
    col('decisionDate', 'Date de décision', date, 14, 'La date de la décision ou de la convention d’attribution.', {
      optional: true,
      since: 2,
    }),
    col('purpose', 'Objet', text, 40, 'L’objet de la subvention (256 caractères au plus pour l’export des données essentielles).', {
      optional: true,
      since: 2,
    }),
    col('aidNature', 'Nature de l’aide', vocabulary(AID_NATURES), 18, 'Aide en numéraire ou Aide en nature.', { optional: true, since: 2 }),
    col('paymentTerms', 'Conditions de versement', vocabulary(PAYMENT_CONDITIONS), 18, 'Unique ou Échelonné.', {
      optional: true,
      since: 2,
    }),
    col(
      'euNotified',
      'Notification UE',
      vocabulary(YES_NO),
      14,
      'Oui si l’aide est une aide de minimis notifiée au titre du règlement (UE) n° 1407/2013, sinon Non (donnée essentielle des subventions).',
      { optional: true, since: 2 },
    ),
  ],
});

export const INDICATORS = table({
  sheet: 'Indicateurs',
  table: 'tblIndicateurs',
  role: 'input',
  purpose: 'Le catalogue des indicateurs et leur question évaluative.',
  columns: [
    col('code', 'Code', requiredText, 30, 'Un code unique en majuscules.'),
    col('label', 'Libellé', text, 50, 'Le libellé de l’indicateur.'),
    col('unit', 'Unité', text, 14, 'L’unité (personnes, entreprises, €, %…).'),
    col(
      'aggregation',
      'Agrégation',
      vocabulary(AGGREGATIONS),
      16,
      'Somme, Moyenne, Maximum ou Dernière valeur : comment les années se cumulent sur la période.',
    ),
    col(
      'acrossOperators',
      'Entre opérateurs',
      vocabulary(ACROSS_OPERATORS),
      18,
      'Somme, Maximum ou Non additionnable : comment les valeurs de plusieurs opérateurs ou territoires d’une même année se combinent (un taux n’est jamais additionné).',
      { optional: true, since: 3 },
    ),
    col('question', 'Question évaluative', text, 60, 'La question évaluative à laquelle l’indicateur répond.'),
    col('status', 'Statut', text, 12, '« proposé » quand l’indicateur ne vient pas de la source.', { optional: true }),
    col('basis', 'Fondement', text, 60, 'L’effet attendu ou le texte dont l’indicateur découle.', { optional: true }),
  ],
});

export const REPORTS = table({
  sheet: 'Bilans',
  table: 'tblBilans',
  role: 'input',
  purpose: 'Les valeurs des indicateurs déclarées dans les bilans annuels des opérateurs.',
  columns: [
    col('action', 'Code action', requiredText, 12, 'Le code d’une action du Plan d’actions.', { dropdown: 'actions' }),
    col('operator', 'Opérateur', text, 28, 'L’opérateur qui rend le bilan.'),
    col('year', 'Année', year, 10, 'L’année civile du bilan.', { dropdown: 'years' }),
    col('indicator', 'Indicateur', requiredText, 30, 'Le code d’un indicateur de la feuille Indicateurs.', { dropdown: 'indicators' }),
    col('value', 'Valeur', number, 12, 'Un nombre positif ou nul.'),
    col(
      'territory',
      'Territoire',
      text,
      22,
      'Le code d’un territoire de la feuille Territoires (ou son nom), ou une zone prioritaire (QPV, ZRR).',
      {
        optional: true,
        dropdown: 'territories',
      },
    ),
    col('source', 'Source', text, 30, 'Le fichier ou le document du bilan.', { optional: true }),
  ],
});

export const REALISED = table({
  sheet: 'Réalisé financier',
  table: 'tblRealises',
  role: 'input',
  optional: true,
  purpose:
    'Les comptes rendus financiers des bilans (prévu et réalisé par poste, subventions de chaque financeur), importés des modèles de bilan.',
  columns: [
    col('action', 'Code action', requiredText, 12, 'Le code d’une action du Plan d’actions.', { dropdown: 'actions' }),
    col('operator', 'Opérateur', text, 28, 'L’opérateur qui rend le bilan.'),
    col('year', 'Année', year, 10, 'L’année du bilan.', { dropdown: 'years' }),
    col(
      'post',
      'Poste',
      requiredText,
      44,
      'Le poste du compte rendu financier (comptes 60 à 68 et 70 à 78, sur le modèle du Cerfa n° 15059).',
    ),
    col('funder', 'Financeur', text, 22, 'Pour une subvention (compte 74) : le code du financeur.', { dropdown: 'funders' }),
    col('planned', 'Prévu (€)', money, 16, 'Le montant prévu au budget de l’action.'),
    col(
      'actual',
      'Réalisé (€)',
      money,
      16,
      'Le montant réalisé ; pour une subvention (74), le montant accordé, qui est un produit du compte rendu (Cerfa n° 15059).',
    ),
    col('received', 'Reçu à date (€)', money, 16, 'Pour une subvention (74) : le montant effectivement reçu à la date du bilan.', {
      optional: true,
      since: 3,
    }),
    col('comment', 'Commentaire', text, 40, 'L’explication d’un écart de plus de 15 %.', { optional: true }),
    col('source', 'Source', text, 30, 'Le fichier du bilan.', { optional: true }),
  ],
});

export const IMPORTS = table({
  sheet: 'Historique des imports',
  table: 'tblHistoriqueImports',
  role: 'input',
  optional: true,
  purpose: 'Chaque import de bilan : date, fichier, action, opérateur, année, lignes ajoutées et remplacées.',
  columns: [
    col('date', 'Date', datetime, 18, 'La date et l’heure de l’import.'),
    col('file', 'Fichier', requiredText, 36, 'Le fichier importé.'),
    col('action', 'Action', requiredText, 12, 'Le code de l’action.'),
    col('operator', 'Opérateur', text, 28, 'L’opérateur.'),
    col('year', 'Année', year, 10, 'L’année du bilan.'),
    col('added', 'Lignes ajoutées', number, 14, 'Le nombre de lignes ajoutées.', { format: 'integer' }),
    col('replaced', 'Lignes remplacées', number, 16, 'Le nombre de lignes d’un import précédent remplacées.', { format: 'integer' }),
  ],
});

export const PAYMENTS = table({
  sheet: 'Versements',
  table: 'tblVersements',
  role: 'input',
  optional: true,
  since: 2,
  purpose: 'Les versements des financeurs (avances, acomptes, soldes), rattachés à leur engagement.',
  columns: [
    col('action', 'Code action', requiredText, 12, 'Le code de l’action de l’engagement.', { dropdown: 'actions' }),
    col('funder', 'Financeur', requiredText, 22, 'Le financeur qui verse.', { dropdown: 'funders' }),
    col('year', 'Année', year, 10, 'L’année de l’engagement versé.', { dropdown: 'years' }),
    col('beneficiary', 'Bénéficiaire', text, 30, 'Le bénéficiaire, quand l’engagement en nomme un.'),
    col('type', 'Type', vocabulary(PAYMENT_TYPES), 12, 'Avance, Acompte ou Solde.'),
    col('date', 'Date', date, 12, 'La date du versement (du mandat).'),
    col('amount', 'Montant (€)', money, 18, 'Le montant versé, en euros.'),
    col('reference', 'Référence', text, 24, 'La référence du mandat de paiement.'),
  ],
});

export const CLOSINGS = table({
  sheet: 'Clôtures',
  table: 'tblClotures',
  role: 'input',
  optional: true,
  since: 2,
  purpose:
    'Les clôtures d’exercice par financeur et par année : chacune garde l’empreinte des lignes Convention, Engagements et Versements de ce financeur et de cette année ; toute modification ultérieure est signalée.',
  columns: [
    col('year', 'Année', year, 10, 'L’année close.', { dropdown: 'years' }),
    col('funder', 'Financeur', requiredText, 22, 'Le financeur dont l’année est close.', { dropdown: 'funders' }),
    col('operation', 'Opération', vocabulary(CLOSING_OPERATIONS), 14, 'Clôture, ou Réouverture (qui lève la clôture précédente).'),
    col('date', 'Date', datetime, 18, 'La date et l’heure de l’opération.'),
    col('by', 'Par', text, 24, 'La personne qui a clos ou rouvert.'),
    col('reason', 'Motif', text, 40, 'Le motif (obligatoire pour une réouverture).'),
    col('fingerprint', 'Empreinte', text, 66, 'L’empreinte SHA-256 des lignes closes, écrite par Suivi ESS : ne la modifiez pas.'),
  ],
});

export const ACTION_INDICATORS = table({
  sheet: 'Indicateurs des actions',
  table: 'tblActionsIndicateurs',
  role: 'input',
  optional: true,
  since: 3,
  purpose: 'Les indicateurs que le bilan de chaque action demande : le modèle de bilan d’une action ne propose que les siens.',
  columns: [
    col('action', 'Code action', requiredText, 12, 'Le code d’une action du Plan d’actions.', { dropdown: 'actions' }),
    col('indicator', 'Indicateur', requiredText, 30, 'Le code d’un indicateur de la feuille Indicateurs.', { dropdown: 'indicators' }),
    col('status', 'Statut', text, 12, '« proposé » quand le lien ne vient pas de la source.', { optional: true }),
    col('basis', 'Fondement', text, 70, 'Pourquoi l’action renseigne cet indicateur.', { optional: true }),
  ],
});

export const TERRITORIES = table({
  sheet: 'Territoires',
  table: 'tblTerritoires',
  role: 'input',
  optional: true,
  since: 3,
  purpose: 'Les territoires du contrat (région, départements, collectivités partenaires) et leur rattachement.',
  columns: [
    col('code', 'Code', requiredText, 26, 'Un code unique en majuscules (D69, GRAND_LYON…).'),
    col('label', 'Libellé', text, 44, 'Le nom du territoire.'),
    col(
      'type',
      'Type',
      vocabulary(TERRITORY_TYPES),
      22,
      'Région, Département, Métropole, EPCI, Commune, Syndicat mixte, Parc naturel régional, QPV, ZRR ou Autre.',
    ),
    col(
      'officialCode',
      'Code officiel',
      text,
      14,
      'Le code INSEE (région, commune) ou SIREN (département, EPCI, métropole) d’un référentiel public ; vide quand il n’est pas vérifié.',
    ),
    col(
      'parent',
      'Rattachement',
      text,
      26,
      'Le code du territoire qui le contient (collectivité → département → région) ; vide pour la région.',
      {
        dropdown: 'territories',
      },
    ),
    col(
      'aliases',
      'Autres noms',
      text,
      50,
      'Autres façons d’écrire ce territoire, séparées par des points-virgules (69 ; Rhône ; Département du Rhône) : elles sont reconnues dans les bilans.',
      { optional: true },
    ),
    col('source', 'Source', text, 60, 'D’où viennent le territoire et son code officiel.', { optional: true }),
  ],
});

export const QUALITATIVE = table({
  sheet: 'Bilans qualitatifs',
  table: 'tblBilansQualitatifs',
  role: 'input',
  optional: true,
  since: 3,
  purpose:
    'Les parties écrites des bilans (réalisations, résultats, difficultés, perspectives) et leur signature, importées des modèles de bilan.',
  columns: [
    col('action', 'Code action', requiredText, 12, 'Le code d’une action du Plan d’actions.', { dropdown: 'actions' }),
    col('operator', 'Opérateur', text, 28, 'L’opérateur qui rend le bilan.'),
    col('year', 'Année', year, 10, 'L’année du bilan.', { dropdown: 'years' }),
    col(
      'scope',
      'Portée',
      vocabulary(['Année', 'Toute la période'] as const),
      16,
      'Année, ou Toute la période pour le bilan consolidé de la dernière année.',
    ),
    col('achievements', 'Réalisations', text, 50, 'Ce qui a été fait.'),
    col('results', 'Résultats', text, 50, 'Les résultats obtenus.'),
    col('difficulties', 'Difficultés', text, 40, 'Les difficultés rencontrées.'),
    col('outlook', 'Perspectives', text, 40, 'Les suites prévues.'),
    col('signatory', 'Signataire', text, 24, 'Le nom de la personne qui signe le bilan.'),
    col('capacity', 'Qualité', text, 20, 'Sa qualité (présidente, directeur…).'),
    col('signedOn', 'Date de signature', date, 14, 'La date de signature.'),
    col('source', 'Source', text, 30, 'Le fichier du bilan.', { optional: true }),
  ],
});

export const MEETINGS = table({
  sheet: 'Instances',
  table: 'tblInstances',
  role: 'input',
  optional: true,
  since: 3,
  purpose: 'Les réunions des instances de gouvernance du contrat : date, participants, compte rendu, décisions.',
  columns: [
    col('body', 'Instance', requiredText, 34, 'Une instance de gouvernance du cadre, choisie dans la liste.', { dropdown: 'bodies' }),
    col('date', 'Date', date, 12, 'La date de la réunion (12/03/2015).'),
    col('participants', 'Participants', number, 13, 'Le nombre de participants.', { format: 'integer' }),
    col('minutes', 'Compte rendu', text, 40, 'Le lien vers le compte rendu (adresse web ou chemin du fichier).'),
    col('decisions', 'Décisions', text, 60, 'Les décisions prises.'),
  ],
});

export const APPRECIATIONS = table({
  sheet: 'Appréciations',
  table: 'tblAppreciations',
  role: 'input',
  optional: true,
  since: 3,
  purpose:
    'L’appréciation de l’évaluateur sur chaque question évaluative, par année ou pour la période ; reprise dans la feuille Évaluation.',
  columns: [
    col('question', 'Question', requiredText, 14, 'Le code de la question évaluative (Q1…), son numéro ou son texte.', {
      dropdown: 'questions',
    }),
    col('year', 'Année', year, 10, 'L’année appréciée ; vide pour toute la période.', { dropdown: 'years' }),
    col('appreciation', 'Appréciation', text, 90, 'L’appréciation de l’évaluateur.'),
  ],
});

/** The input tables, in workbook order. */
export const INPUT_TABLES = {
  cadre: CADRE,
  funders: FUNDERS,
  territories: TERRITORIES,
  convention: CONVENTION,
  actions: ACTIONS,
  commitments: COMMITMENTS,
  payments: PAYMENTS,
  indicators: INDICATORS,
  actionIndicators: ACTION_INDICATORS,
  reports: REPORTS,
  qualitative: QUALITATIVE,
  meetings: MEETINGS,
  appreciations: APPRECIATIONS,
  realised: REALISED,
  imports: IMPORTS,
  closings: CLOSINGS,
} as const;

export type InputKey = keyof typeof INPUT_TABLES;
export const INPUT_ORDER = Object.keys(INPUT_TABLES) as InputKey[];

// ---------------------------------------------------------------------------------------------
// Generated tables: rebuilt whole by every consolidation; users do not type in them.

export const CONTROLS = table({
  sheet: 'Contrôles',
  table: 'tblControles',
  role: 'generated',
  purpose: 'Les anomalies trouvées dans les feuilles de saisie, chacune à sa cellule.',
  columns: [
    col('severity', 'Gravité', text, 16, 'Erreur ou Avertissement.'),
    col('rule', 'Règle', text, 26, 'L’identifiant de la règle (voir docs/regles.md).'),
    col('sheet', 'Feuille', text, 18, 'La feuille en cause.'),
    col('cell', 'Cellule', text, 10, 'La cellule en cause : un lien qui y mène.'),
    col('message', 'Message', text, 110, 'Ce qui est attendu et ce qui a été trouvé, en une phrase.'),
    col('expected', 'Attendu', money, 18, 'Pour une règle sur les montants : le montant attendu.'),
    col('actual', 'Constaté', money, 18, 'Pour une règle sur les montants : le montant trouvé.'),
  ],
});

export const SUMMARY = table({
  sheet: 'Synthèse financière',
  table: 'tblSynthese',
  role: 'generated',
  purpose: 'Les engagements face à la convention, par financeur et par année.',
  columns: [
    col('funder', 'Financeur', text, 14, 'Le code du financeur.'),
    col('name', 'Nom', text, 34, 'Son nom.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('status', 'Statut', text, 14, 'Le statut du montant de référence : ferme, prévisionnel ou sous réserve.'),
    col('convention', 'Convention (€)', money, 20, 'Le montant de référence (convention et avenants).'),
    col('committed', 'Engagé (€)', money, 20, 'La somme des engagements.'),
    col('gap', 'Écart (€)', money, 18, 'Engagé − Convention (formule).'),
    col('rate', 'Taux d’engagement', number, 18, 'Engagé ÷ Convention (formule).', { format: 'percent' }),
  ],
});

export const BY_AXIS = table({
  sheet: 'Synthèse financière',
  table: 'tblEngagementsParAxe',
  role: 'generated',
  purpose: 'Les engagements par axe, par financeur et par année.',
  columns: [col('axis', 'Axe', text, 52, 'L’axe du Plan d’actions.'), col('funder', 'Financeur', text, 26, 'Le code du financeur.')],
  then: 'une colonne par année de la période, puis « Total période » (formule).',
});

export const BY_AXIS_FUNDER = table({
  sheet: 'Synthèse financière',
  table: 'tblEngagementsAxeFinanceur',
  role: 'generated',
  purpose: 'Les engagements de la période par axe et par financeur (la source du graphique).',
  columns: [col('axis', 'Axe', text, 52, 'L’axe du Plan d’actions.')],
  then: 'une colonne par financeur, puis « Total » (formule).',
});

export const MATRIX = table({
  sheet: 'Répartition par action',
  table: 'tblRepartition',
  role: 'generated',
  purpose: 'Pour chaque année engagée, un tableau tblRepartition<année> : les engagements par action et par financeur.',
  columns: [col('action', 'Code action', text, 12, 'Le code de l’action.'), col('title', 'Intitulé', text, 60, 'Son intitulé.')],
  then: 'une colonne par financeur engagé cette année-là, puis « Total » (formule).',
});

export const CONSOLIDATED_INDICATORS = table({
  sheet: 'Indicateurs consolidés',
  table: 'tblIndicateursConsolides',
  role: 'generated',
  purpose: 'Les indicateurs consolidés à partir des bilans, par question évaluative.',
  columns: [
    col('question', 'Question évaluative', text, 50, 'La question évaluative.'),
    col('code', 'Indicateur', text, 30, 'Le code de l’indicateur.'),
    col('label', 'Libellé', text, 50, 'Son libellé.'),
    col('unit', 'Unité', text, 14, 'Son unité.'),
  ],
  then: 'une colonne par année de la période, puis « Total période » (formule selon l’agrégation), puis « Calcul » (comment les opérateurs et les années se combinent).',
});

export const INDICATORS_DISTRIBUTION = table({
  sheet: 'Indicateurs consolidés',
  table: 'tblIndicateursDistribution',
  role: 'generated',
  purpose:
    'Pour les indicateurs non additionnables (les taux), par année : le nombre de valeurs déclarées, leur minimum, leur médiane et leur maximum.',
  columns: [
    col('code', 'Indicateur', text, 30, 'Le code de l’indicateur.'),
    col('label', 'Libellé', text, 50, 'Son libellé.'),
    col('unit', 'Unité', text, 14, 'Son unité.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('count', 'Valeurs', number, 10, 'Le nombre de valeurs déclarées (opérateurs et territoires).', { format: 'integer' }),
    col('min', 'Minimum', number, 12, 'La plus faible (formule).'),
    col('median', 'Médiane', number, 12, 'La médiane (formule).'),
    col('max', 'Maximum', number, 12, 'La plus forte (formule).'),
  ],
});

export const INDICATORS_BY_OPERATOR = table({
  sheet: 'Indicateurs consolidés',
  table: 'tblIndicateursParOperateur',
  role: 'generated',
  purpose: 'Le détail par opérateur des indicateurs qui ne s’additionnent pas (Maximum, Non additionnable) : chaque valeur déclarée.',
  columns: [
    col('code', 'Indicateur', text, 30, 'Le code de l’indicateur.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('operator', 'Opérateur', text, 28, 'L’opérateur qui a déclaré la valeur.'),
    col('action', 'Code action', text, 12, 'L’action du bilan.'),
    col('territory', 'Territoire', text, 22, 'Le territoire déclaré.'),
    col(
      'value',
      'Valeur',
      number,
      12,
      'La valeur déclarée ; pour un Maximum, la somme des lignes de l’opérateur pour la même action et le même territoire ; une valeur non additionnable reste une ligne.',
    ),
  ],
});

export const INDICATORS_BY_AXIS = table({
  sheet: 'Indicateurs par axe',
  table: 'tblIndicateursParAxe',
  role: 'generated',
  purpose: 'Les valeurs des bilans consolidées par axe du Plan d’actions et par année.',
  columns: [
    col('group', 'Axe', text, 52, 'L’axe de l’action du bilan.'),
    col('code', 'Indicateur', text, 30, 'Le code de l’indicateur.'),
    col('label', 'Libellé', text, 50, 'Son libellé.'),
    col('unit', 'Unité', text, 14, 'Son unité.'),
  ],
  then: 'une colonne par année de la période, puis « Total période ».',
});

export const INDICATORS_EVOLUTION = table({
  sheet: 'Indicateurs par axe',
  table: 'tblEvolutionIndicateurs',
  role: 'generated',
  purpose: 'L’évolution annuelle de trois indicateurs de volume au plus, tous axes confondus (la source du graphique).',
  columns: [col('year', 'Année', text, 10, 'L’année.')],
  then: 'une colonne par indicateur retenu.',
});

export const INDICATORS_BY_TERRITORY = table({
  sheet: 'Indicateurs par territoire',
  table: 'tblIndicateursParTerritoire',
  role: 'generated',
  purpose:
    'Les valeurs des bilans consolidées par territoire et par année, en suivant les rattachements (collectivité → département → région).',
  columns: [
    col(
      'group',
      'Territoire',
      text,
      26,
      'Le code du territoire (feuille Territoires), ou le territoire tel qu’il est écrit quand il n’y figure pas.',
    ),
    col('name', 'Nom', text, 40, 'Son libellé, en retrait selon son niveau.'),
    col('type', 'Type', text, 18, 'Son type.'),
    col('parent', 'Rattachement', text, 22, 'Le territoire qui le contient : ses valeurs y sont comptées.'),
    col('code', 'Indicateur', text, 30, 'Le code de l’indicateur.'),
    col('label', 'Libellé', text, 50, 'Son libellé.'),
    col('unit', 'Unité', text, 14, 'Son unité.'),
  ],
  then: 'une colonne par année de la période, puis « Total période ».',
});

export const REPORTING = table({
  sheet: 'Suivi des bilans',
  table: 'tblSuiviBilans',
  role: 'generated',
  purpose: 'Pour chaque action et chaque année engagées : le bilan annuel est-il reçu ?',
  columns: [
    col('action', 'Code action', text, 12, 'Le code de l’action.'),
    col('title', 'Intitulé', text, 56, 'Son intitulé.'),
    col('axis', 'Axe', text, 50, 'Son axe.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('committed', 'Engagé (€)', money, 18, 'Les engagements de l’action cette année-là.'),
    col('received', 'Bilan reçu', text, 12, 'Oui ou Non.'),
    col('files', 'Fichier(s)', text, 32, 'Les fichiers des bilans reçus.'),
    col('operators', 'Opérateur(s)', text, 32, 'Les opérateurs ; pour un bilan manquant, le porteur à relancer.'),
  ],
});

export const REPORTING_RATES = table({
  sheet: 'Suivi des bilans',
  table: 'tblTauxBilans',
  role: 'generated',
  purpose: 'Le taux de remise des bilans par axe.',
  columns: [
    col('axis', 'Axe', text, 46, 'L’axe.'),
    col('rate', 'Taux de remise', number, 16, 'Bilans reçus ÷ bilans attendus (formule).', { format: 'percent' }),
    col('expected', 'Bilans attendus', number, 16, 'Les actions-années engagées.', { format: 'integer' }),
    col('received', 'Bilans reçus', number, 14, 'Celles dont le bilan est reçu.', { format: 'integer' }),
  ],
});

export const FUNDING = table({
  sheet: 'Engagé, versé, déclaré, dépensé',
  table: 'tblEngageVerseDeclare',
  role: 'generated',
  purpose:
    'Par action, financeur et année : engagé, versé par le financeur, reste à verser, déclaré reçu par l’opérateur, dépenses de l’action, et les écarts à regarder.',
  columns: [
    col('action', 'Code action', text, 12, 'Le code de l’action.'),
    col('funder', 'Financeur', text, 22, 'Le code du financeur.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('committed', 'Engagé (€)', money, 18, 'Ses engagements (feuille Engagements).'),
    col('paid', 'Versé (€)', money, 18, 'Ses versements (feuille Versements).'),
    col('remaining', 'Reste à verser (€)', money, 20, 'Engagé − Versé (formule).'),
    col(
      'declared',
      'Déclaré reçu (€)',
      money,
      18,
      'Les subventions de ce financeur que l’opérateur déclare dans son compte rendu financier (comptes 74).',
    ),
    col('spent', 'Dépenses de l’action (€)', money, 22, 'Les charges réalisées de l’action cette année-là, tous financeurs confondus.'),
    col(
      'alerts',
      'À vérifier',
      text,
      30,
      '« versé ≠ déclaré » quand le versé et le déclaré diffèrent ; « subventions > dépenses » quand les subventions déclarées de l’action dépassent ses dépenses.',
    ),
  ],
});

export const CONTRIBUTIONS = table({
  sheet: 'Synthèse financière',
  table: 'tblContributions',
  role: 'generated',
  purpose: 'Les contributions des collectivités partenaires (et des autres financeurs sans montant de référence), par année.',
  columns: [
    col('funder', 'Financeur', text, 14, 'Le code du financeur.'),
    col('name', 'Nom', text, 34, 'Son nom.'),
    col('type', 'Type', text, 22, 'Collectivité partenaire ou Autre.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('committed', 'Engagé (€)', money, 20, 'La somme de ses engagements.'),
  ],
});

export const GOVERNANCE = table({
  sheet: 'Gouvernance',
  table: 'tblGouvernance',
  role: 'generated',
  purpose: 'Par instance et par année : les réunions tenues (feuille Instances) face à la fréquence que la source demande.',
  columns: [
    col('body', 'Instance', text, 34, 'L’instance de gouvernance.'),
    col('year', 'Année', year, 10, 'L’année.'),
    col('held', 'Réunions tenues', number, 16, 'Les réunions saisies dans la feuille Instances.', { format: 'integer' }),
    col('frequency', 'Fréquence demandée', text, 48, 'Ce que la source demande, dans ses mots.'),
    col('min', 'Minimum', number, 10, 'Le nombre de réunions attendu au moins (sur deux ans pour une instance biennale).', {
      format: 'integer',
    }),
    col('gap', 'Écart au minimum', number, 18, 'Réunions tenues − Minimum (formule).', { format: 'integer' }),
    col('target', 'Autre passage de la source', text, 58, 'Une autre fréquence que la source donne pour cette instance.'),
    col('targetGap', 'Écart à cette fréquence', number, 24, 'Réunions tenues − le bas de cette fréquence (formule).', {
      format: 'integer',
    }),
    col('participants', 'Participants', number, 12, 'La somme des participants de l’année.', { format: 'integer' }),
    col('perMeeting', 'Participants par réunion', number, 24, 'Participants ÷ Réunions tenues, arrondi au dixième (formule).'),
    col('status', 'Constat', text, 30, 'Conforme, en dessous du minimum, au-delà, ou fréquence non fixée par la source.'),
  ],
});

export const PARTICIPATION = table({
  sheet: 'Gouvernance',
  table: 'tblParticipationInstances',
  role: 'generated',
  purpose: 'Par année, toutes instances confondues : réunions, participants et participants par réunion (la mobilisation des instances).',
  columns: [
    col('year', 'Année', year, 10, 'L’année.'),
    col('meetings', 'Réunions', number, 12, 'Les réunions saisies.', { format: 'integer' }),
    col('participants', 'Participants', number, 12, 'La somme des participants.', { format: 'integer' }),
    col('perMeeting', 'Participants par réunion', number, 24, 'Participants ÷ Réunions, arrondi au dixième (formule).'),
    col('below', 'Instances sous le minimum', number, 26, 'Les instances qui se sont réunies moins que la source ne le demande.', {
      format: 'integer',
    }),
  ],
});

export const MILESTONES = table({
  sheet: 'Évaluation',
  table: 'tblJalonsEvaluation',
  role: 'generated',
  purpose: 'Les échéances de l’évaluation que la source fixe.',
  columns: [
    col('label', 'Jalon', text, 30, 'L’évaluation (intermédiaire, finale).'),
    col('due', 'Échéance', date, 12, 'La date retenue (la fin de l’année que la source nomme).'),
    col('when', 'Selon la source', text, 34, 'Les mots de la source.'),
    col('source', 'Source', text, 14, 'Le passage de la source.'),
  ],
});

export const EVALUATION = table({
  sheet: 'Évaluation',
  table: 'tblEvaluation',
  role: 'generated',
  purpose:
    'Pour chaque question évaluative : ses indicateurs consolidés par année, le taux de remise des bilans des actions concernées et, pour la gouvernance, les réunions des instances.',
  columns: [
    col('question', 'Question évaluative', text, 46, 'La question.'),
    col('item', 'Élément', text, 30, 'Le code de l’indicateur, ou l’élément de suivi (bilans, instances).'),
    col('label', 'Libellé', text, 54, 'Son libellé.'),
    col('unit', 'Unité', text, 14, 'Son unité.'),
  ],
  then: 'une colonne par année de la période, puis « Période ».',
});

export const EVALUATION_APPRECIATIONS = table({
  sheet: 'Évaluation',
  table: 'tblEvaluationAppreciations',
  role: 'generated',
  purpose: 'Les appréciations de l’évaluateur (feuille Appréciations), par question et par année.',
  columns: [
    col('question', 'Question évaluative', text, 46, 'La question.'),
    col('year', 'Année', text, 12, 'L’année, ou « Période ».'),
    col('appreciation', 'Appréciation', text, 100, 'L’appréciation.'),
  ],
});

export const GENERATED_TABLES = [
  CONTROLS,
  SUMMARY,
  CONTRIBUTIONS,
  BY_AXIS,
  BY_AXIS_FUNDER,
  MATRIX,
  CONSOLIDATED_INDICATORS,
  INDICATORS_DISTRIBUTION,
  INDICATORS_BY_OPERATOR,
  INDICATORS_BY_AXIS,
  INDICATORS_EVOLUTION,
  INDICATORS_BY_TERRITORY,
  REPORTING,
  REPORTING_RATES,
  FUNDING,
  GOVERNANCE,
  PARTICIPATION,
  MILESTONES,
  EVALUATION,
  EVALUATION_APPRECIATIONS,
] as const;

// ---------------------------------------------------------------------------------------------
// The yearly report template (modèle de bilan): a contract of its own, recognised by its marker.

export const REPORT_MARKER = table({
  sheet: 'Suivi ESS',
  table: 'tblModele',
  role: 'report',
  purpose: 'Le marqueur du modèle (feuille très masquée) : modèle, version, cadre, action, année, opérateur.',
  columns: [
    col('key', 'Clé', requiredText, 16, 'Modèle, Version, Cadre, Action, Année, Opérateur.'),
    col('value', 'Valeur', anyValue, 50, 'La valeur.'),
  ],
});

export const REPORT_IDENTIFICATION = table({
  sheet: 'Bilan',
  table: 'tblIdentification',
  role: 'report',
  purpose: 'L’identification du bilan : action, intitulé, année, opérateur.',
  columns: [
    col('key', 'Rubrique', requiredText, 34, 'Action, Intitulé de l’action, Année, Opérateur.'),
    col('value', 'Valeur', anyValue, 60, 'La valeur.'),
  ],
});

export const REPORT_VALUES = table({
  sheet: 'Bilan',
  table: 'tblValeurs',
  role: 'report',
  purpose: 'Les valeurs des indicateurs, une ligne par indicateur et par territoire.',
  columns: [
    col('indicator', 'Indicateur', text, 30, 'Le code de l’indicateur.'),
    col('label', 'Libellé', text, 60, 'Son libellé.'),
    col('unit', 'Unité', text, 18, 'Son unité.'),
    col('territory', 'Territoire', text, 26, 'Le territoire, vide pour toute l’action.'),
    col('value', 'Valeur', number, 14, 'Un nombre positif ou nul.'),
    col('comment', 'Commentaire', text, 50, 'Texte libre.'),
  ],
});

export const REPORT_COMMITMENTS = table({
  sheet: 'Bilan',
  table: 'tblEngagementsAction',
  role: 'report',
  purpose: 'Les engagements des financeurs sur l’action cette année-là (pour information).',
  columns: [
    col('funder', 'Financeur', text, 14, 'Le code du financeur.'),
    col('name', 'Nom', text, 40, 'Son nom.'),
    col('committed', 'Engagé (€)', money, 18, 'Le montant engagé.'),
  ],
});

export const REPORT_REALISED = table({
  sheet: 'Réalisé',
  table: 'tblRealise',
  role: 'report',
  purpose: 'Le compte rendu financier sur le modèle du Cerfa n° 15059 : prévu et réalisé par poste.',
  columns: [
    col('post', 'Poste', text, 56, 'Le poste (comptes 60 à 68 et 86, 70 à 78 et 87).'),
    col('funder', 'Financeur', text, 28, 'Pour une subvention (74) : le code du financeur.'),
    col('planned', 'Prévu (€)', money, 16, 'Le montant prévu.'),
    col('actual', 'Réalisé (€)', money, 16, 'Le montant réalisé ; pour une subvention (74), le montant accordé (un produit du Cerfa).'),
    col(
      'received',
      'Reçu à date (€)',
      money,
      16,
      'Pour une subvention (74) : le montant reçu à la date du bilan (depuis la version 2 du modèle).',
      {
        optional: true,
      },
    ),
    col('gap', 'Écart (€)', money, 16, 'Réalisé − Prévu (formule).'),
    col('gapShare', 'Écart (%)', number, 11, 'Écart ÷ Prévu (formule).', { format: 'percent' }),
    col('comment', 'Commentaire', text, 50, 'L’explication d’un écart de plus de 15 %.'),
  ],
});

export const REPORT_QUALITATIVE = table({
  sheet: 'Bilan',
  table: 'tblQualitatif',
  role: 'report',
  purpose: 'Le bilan de la mise en œuvre de l’action et de ses résultats, en texte (depuis la version 2 du modèle).',
  columns: [
    col('part', 'Partie', requiredText, 34, 'Réalisations, Résultats, Difficultés, Perspectives.'),
    col('text', 'Texte', text, 100, 'Le texte de l’opérateur.'),
  ],
});

export const REPORT_PERIOD = table({
  sheet: 'Bilan',
  table: 'tblBilanPeriode',
  role: 'report',
  purpose: 'Dans le bilan de la dernière année du contrat seulement : le bilan consolidé de l’action sur toute la période.',
  columns: [
    col('part', 'Sur toute la période', requiredText, 34, 'Réalisations, Résultats, Difficultés, Perspectives, sur toute la période.'),
    col('text', 'Bilan de la période', text, 100, 'Le texte de l’opérateur.'),
  ],
});

export const REPORT_SIGNATURE = table({
  sheet: 'Bilan',
  table: 'tblSignature',
  role: 'report',
  purpose: 'La signature du bilan : nom, qualité, date (depuis la version 2 du modèle).',
  columns: [
    col('key', 'Signature', requiredText, 34, 'Nom, Qualité, Date.'),
    col('value', 'Valeur', anyValue, 60, 'La valeur ; la date est une date (12/03/2015).'),
  ],
});

export const REPORT_TABLES = [
  REPORT_MARKER,
  REPORT_IDENTIFICATION,
  REPORT_VALUES,
  REPORT_COMMITMENTS,
  REPORT_REALISED,
  REPORT_QUALITATIVE,
  REPORT_PERIOD,
  REPORT_SIGNATURE,
] as const;

/** Every declared table, for the documentation and its test. */
export const ALL_TABLES: readonly TableDecl[] = [...Object.values(INPUT_TABLES), ...GENERATED_TABLES, ...REPORT_TABLES];

/** Identification of the report template and its version, in the hidden marker table. */
export const REPORT_MODEL = { model: 'suivi-ess/bilan', version: 2 } as const;

/** Versions of the report template that the import still reads (1: no written parts, subsidies as received). */
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, 2];

/** The written parts of a report (convention §5: « un bilan de la mise en œuvre de l’action et ses résultats »). */
export const QUALITATIVE_PARTS = ['Réalisations', 'Résultats', 'Difficultés', 'Perspectives'] as const;

/** Rubriques of the signature table. */
export const SIGNATURE_KEYS = ['Nom', 'Qualité', 'Date'] as const;

/** Keys of the marker table. */
export const MARKER_KEYS = ['Modèle', 'Version', 'Cadre', 'Action', 'Année', 'Opérateur'] as const;

/** Rubriques of the identification table: the operator fills « Opérateur » when it is empty. */
export const IDENTIFICATION_KEYS = ['Action', 'Intitulé de l’action', 'Année', 'Opérateur'] as const;
