/** Errors raised by Excel, said in French with what the user can do. */
import { UserError } from '../../core/shared/errors';

interface OfficeErrorLike {
  code?: string;
  message?: string;
  debugInfo?: { code?: string; errorLocation?: string };
}

const MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode:
    'Excel est en train de modifier une cellule : validez ou annulez la saisie en cours (Entrée ou Échap), puis relancez. Rien n’a été écrit.',
  AccessDenied:
    'Excel a refusé l’écriture : une feuille ou le classeur est protégé. Ôtez la protection (Révision > Ôter la protection), puis relancez.',
  ItemNotFound: 'Une feuille ou un tableau a disparu pendant l’opération (supprimé ou renommé dans le classeur) : relancez l’opération.',
  RequestPayloadSizeLimitExceeded:
    'Le classeur est trop volumineux pour être échangé en une fois avec Excel pour le web, même découpé : réduisez la taille des tableaux ou utilisez Excel sur ordinateur.',
  InvalidArgument:
    'Excel a refusé une écriture (argument invalide). Rien de plus n’a été écrit ; signalez ce problème avec le classeur en cause.',
  GeneralException:
    'Excel a rencontré une erreur pendant l’opération ; relancez-la. Si elle se répète, enregistrez le classeur et rouvrez-le.',
  Conflict: 'Un autre utilisateur modifie le classeur au même moment : attendez quelques secondes et relancez.',
};

export function officeErrorCode(e: unknown): string | null {
  const err = e as OfficeErrorLike;
  return (err && typeof err === 'object' && (err.code ?? err.debugInfo?.code)) || null;
}

/** A French UserError for any error thrown by Excel.run or a sync. */
export function toUserError(e: unknown): UserError {
  if (e instanceof UserError) return e;
  const code = officeErrorCode(e);
  if (code && MESSAGES[code]) return new UserError(MESSAGES[code]);
  const message = e instanceof Error ? e.message : String(e);
  return new UserError(
    `Erreur inattendue d’Excel${code ? ` (${code})` : ''} : ${message}. Relancez l’opération ; si elle se répète, signalez-la.`,
  );
}
