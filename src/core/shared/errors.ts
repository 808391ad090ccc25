/**
 * User-facing failures as data: a `UserError` carries a code from this catalogue and its
 * parameters; its message is rendered once, in French, by the same renderer as the findings
 * (`renderTemplate`). Faces print `message` as is, without a stack trace; tests and faces that
 * need to react to a failure look at `code`.
 *
 * Every template names what was expected and what was found, and where (file, sheet, cell,
 * option), in one sentence.
 */
import { renderTemplate, type Params } from './message';

export const ERROR_MESSAGES = {
  // Files (command line) --------------------------------------------------------------------
  'FICHIER-INTROUVABLE': '{label} est introuvable.',
  'FICHIER-ACCES-REFUSE': '{label} ne peut pas être lu : l’accès est refusé.',
  'FICHIER-DOSSIER': '« {file} » est un dossier, {expected} est attendu.',
  'FICHIER-PAS-REGULIER':
    '« {file} » n’est pas un fichier ordinaire (lien vers un périphérique, tube ou autre) : un fichier .xlsx est attendu.',
  'FICHIER-CHEMIN': '{label} ne peut pas être lu : {reason}.',
  'FICHIER-LECTURE': '{label} ne peut pas être lu ({code}).',
  'FICHIER-TROP-GROS': 'Le fichier « {file} » fait {size}, plus que la limite de {limit} fixée pour ce fichier : il n’a pas été lu.',
  'FICHIER-TROP-GROS-LU':
    'Le fichier « {file} » dépasse la limite de {limit} fixée pour ce fichier alors que sa taille annoncée était moindre (il grandit pendant la lecture, ou n’annonce pas sa taille) : il n’a pas été lu.',
  'FICHIER-ECRITURE': 'Le fichier « {file} » ne peut pas être écrit : {reason}. Rien n’a été écrit.',
  'FICHIER-EXISTE': 'Le fichier « {file} » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.',
  'SORTIE-EGALE-ENTREE':
    'Le fichier de sortie doit être différent des fichiers lus, « {file} » en fait partie : aucun fichier lu n’est jamais remplacé.',

  // Reading an .xlsx --------------------------------------------------------------------------
  'XLSX-VIDE': 'Le fichier « {file} » est vide.',
  'XLSX-TROP-GROS': 'Le fichier « {file} » est trop volumineux : {size}, au-delà de la limite de {limit} fixée pour ce fichier.',
  'XLSX-DECOMPRESSE-TROP-GROS':
    'Le fichier « {file} » est trop volumineux une fois décompressé : la partie « {part} » occupe {size}, au-delà de la limite de {limit} de données décompressées.',
  'XLSX-CHIFFRE':
    'Le fichier « {file} » est protégé par un mot de passe : ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe) puis enregistrez-le.',
  'XLSX-ANCIEN-FORMAT':
    'Le fichier « {file} » est au format Excel 97-2003 (.xls), un ancien format non pris en charge : ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) ».',
  'XLSX-ILLISIBLE': 'Le fichier « {file} » n’est pas un classeur Excel (.xlsx) lisible : {reason}.',
  'XLSX-PLAGE-HORS-GRILLE':
    'Le fichier « {file} » n’est pas un classeur Excel (.xlsx) lisible : le tableau {table} de la feuille « {sheet} » est déclaré sur la plage {ref}, au-delà de la grille d’Excel (ligne 1 048 576, colonne XFD).',

  // The workbook contract ---------------------------------------------------------------------
  'FEUILLE-ABSENTE':
    'La feuille « {sheet} » est attendue dans le classeur, elle est absente : elle doit contenir le tableau {table} (colonnes {headers}).',
  'TABLEAU-ABSENT':
    'Feuille « {sheet} » : le tableau {table} est attendu, ni ce tableau ni une ligne d’en-têtes {headers} n’ont été trouvés.',
  'EN-TETE-ABSENT':
    'Feuille « {sheet} », cellule {cell} : l’en-tête « {header} » du tableau {table} est attendu, {found} a été trouvé ; les en-têtes du tableau sont : {headers}.',
  'TABLEAU-SANS-EN-TETES':
    'Feuille « {sheet} », cellule {cell} : le tableau {table} doit avoir sa ligne d’en-têtes ({headers}), elle est masquée ou absente ; affichez-la (Création de tableau > Ligne d’en-tête).',
  PLUSIEURS: '{list}',
  'CADRE-INCONNU': 'Le cadre du classeur ({framework}) est inconnu de Suivi ESS : {what} ne peut être préparé.',

  // Excel (the add-in) ------------------------------------------------------------------------
  'EXCEL-FEUILLE-PROTEGEE':
    'La feuille « {sheet} » est protégée : Suivi ESS doit la remplacer. Ôtez sa protection (Révision > Ôter la protection de la feuille), puis relancez. Rien n’a été écrit.',
  'EXCEL-NOM-PRIS':
    'Le nom {table} est déjà pris par un tableau de la feuille « {sheet} » (les noms de tableaux sont uniques dans un classeur) : renommez ce tableau, ou supprimez la feuille « {sheet} » si c’est une ancienne copie, puis relancez. Rien n’a été écrit.',
  'EXCEL-EDITION':
    'Excel est en train de modifier une cellule : validez ou annulez la saisie en cours (Entrée ou Échap), puis relancez. Rien n’a été écrit.',
  'EXCEL-ACCES-REFUSE':
    'Excel a refusé l’écriture : une feuille ou le classeur est protégé. Ôtez la protection (Révision > Ôter la protection), puis relancez.',
  'EXCEL-ELEMENT-ABSENT':
    'Une feuille ou un tableau a disparu pendant l’opération (supprimé ou renommé dans le classeur) : relancez l’opération.',
  'EXCEL-TROP-GROS':
    'Le classeur est trop volumineux pour être échangé avec Excel pour le web, même découpé : réduisez la taille des tableaux ou utilisez Excel sur ordinateur.',
  'EXCEL-ARGUMENT':
    'Excel a refusé une écriture (argument invalide). Rien de plus n’a été écrit ; signalez ce problème avec le classeur en cause.',
  'EXCEL-GENERAL':
    'Excel a rencontré une erreur pendant l’opération ; relancez-la. Si elle se répète, enregistrez le classeur et rouvrez-le.',
  'EXCEL-CONFLIT': 'Un autre utilisateur modifie le classeur au même moment : attendez quelques secondes et relancez.',
  'EXCEL-ECRITURE-INTERROMPUE':
    'Excel a refusé l’écriture en cours de route ({detail}) : le tableau {tables} a pu n’être mis à jour qu’en partie, vérifiez-le avant de relancer l’opération ; les feuilles générées n’ont pas été remplacées.',
  'EXCEL-INATTENDU': 'Erreur inattendue d’Excel ({code}) : {detail}. Relancez l’opération ; si elle se répète, signalez-la.',
  INTERNE:
    'Erreur inattendue de Suivi ESS : {detail}. Rien de plus n’a été écrit ; signalez cette erreur avec le fichier ou le classeur en cause.',

  // Closing a year, exporting ------------------------------------------------------------------
  'FINANCEUR-INCONNU':
    'Un financeur de la feuille « Financeurs » est attendu après {option}, « {found} » a été trouvé ; financeurs : {list}.',
  'CLOTURE-DEJA': '{funder} {year} est déjà clos depuis le {date} (par {by}) : rouvrez l’année avant de la clore de nouveau.',
  'CLOTURE-PAS-CLOSE': '{funder} {year} n’est pas clos : il n’y a rien à rouvrir.',
  'CLOTURE-ERREURS':
    '{funder} {year} ne peut pas être clos : {count} erreur(s) portent sur ses lignes, dont « {first} ». Corrigez-les (« Valider » les liste), puis relancez la clôture.',
  'CLOTURE-MOTIF': 'Un motif est attendu après --motif pour {what} : il est gardé dans la feuille « Clôtures ».',
  'EXPORT-REFUSE':
    'L’export des données essentielles de {funder} n’a pas été écrit : {count} donnée(s) manquent ou sont refusées par le schéma SCDL « Subventions » 2.1.1 :\n{list}',

  // Command line usage ------------------------------------------------------------------------
  'USAGE-OPTION-SANS-VALEUR': 'L’option {option} attend une valeur, rien n’a été trouvé après elle.',
  'USAGE-OPTION-INCONNUE': 'Option inconnue : « {option} ». Tapez « suivi-ess --help » pour la liste des options.',
  'USAGE-COMMANDE-INCONNUE': 'Commande inconnue : « {command} ». Commandes : {commands}.',
  'USAGE-SORTIE-MANQUANTE': 'L’option -o <fichier{extension}> est attendue pour indiquer le fichier à écrire.',
  'USAGE-SORTIE-EXTENSION': 'Un nom de fichier se terminant par {extension} est attendu après -o, « {file} » a été trouvé.',
  'USAGE-ARGUMENT-MANQUANT': '{what} est attendu : {usage}.',
  'USAGE-OPTION-MANQUANTE': 'L’option {option} est attendue : {expected}.',
  'USAGE-CADRE-INCONNU': 'Un cadre connu est attendu après --framework, « {found} » a été trouvé ; cadres disponibles : {list}.',
  'USAGE-ANNEE': 'Une année de {start} à {end} (période du cadre {framework}) est attendue après {option}, « {found} » a été trouvé.',
  'USAGE-ACTION-INCONNUE': 'Un code d’action {where} est attendu après --action, « {found} » a été trouvé ; codes connus : {list}.',
  'USAGE-SANS-ACTIONS': 'Aucune action n’est définie {where} : {what}.',
  'USAGE-CADRE-DIFFERENT':
    'Le classeur « {file} » suit le cadre {declared}, le cadre {given} a été donné après --framework : donnez le même cadre.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Why a file is not a readable .xlsx (the `reason` of XLSX-ILLISIBLE). */
export const XLSX_REASONS = {
  'pas-zip': 'ce n’est pas une archive ZIP, alors qu’un fichier .xlsx en est une',
  zip64: 'l’archive est au format ZIP64, non pris en charge (enregistrez-le à nouveau depuis Excel)',
  'multi-disque': 'l’archive est découpée en plusieurs parties, ce qui n’est pas pris en charge',
  tronque: 'l’archive est tronquée ou endommagée (répertoire central hors du fichier)',
  repertoire: 'l’archive est endommagée (répertoire central illisible)',
  'partie-endommagee': 'une partie de l’archive est endommagée',
  'partie-chiffree': 'une partie de l’archive est chiffrée',
  methode: 'une partie de l’archive est compressée par une méthode non prise en charge',
  'sans-feuilles': 'la liste des feuilles du classeur est introuvable',
  xlsb: 'il est au format binaire .xlsb, non pris en charge : enregistrez-le au format .xlsx',
  ods: 'c’est un document OpenDocument (.ods) : enregistrez-le au format .xlsx',
  'sans-classeur': 'l’archive ne contient pas de classeur (partie « xl/workbook.xml » absente)',
  endommage: 'son contenu est endommagé ou d’un format inattendu',
  encodage: 'une de ses parties n’est pas un texte lisible (encodage inattendu)',
  'texte-trop-long': 'une de ses parties est trop longue pour être lue comme texte',
} as const;

export type XlsxReason = keyof typeof XLSX_REASONS;

/** The error for a file that is not a readable .xlsx. */
export function notAWorkbook(file: string, reason: XlsxReason): UnreadableWorkbookError {
  return new UnreadableWorkbookError('XLSX-ILLISIBLE', { file, reason: XLSX_REASONS[reason] });
}

/** An error meant for the user: a code of the catalogue and its parameters, rendered in French. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
  ) {
    super(renderTemplate(ERROR_MESSAGES[code], params));
    this.name = 'UserError';
  }
}

/** The workbook itself cannot be read (not an .xlsx, empty, corrupt, too large, encrypted). */
export class UnreadableWorkbookError extends UserError {
  constructor(code: ErrorCode, params: Params = {}) {
    super(code, params);
    this.name = 'UnreadableWorkbookError';
  }
}
