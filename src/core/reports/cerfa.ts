/**
 * The financial report of a subsidy (compte rendu financier, Cerfa n° 15059), declared once: its
 * charge and income posts, the subsidy post, and the gap over which an explanation is required.
 */

/** Charge posts, in the Cerfa's order. */
export const CHARGE_POSTS = [
  '60 – Achats',
  '61 – Services extérieurs',
  '62 – Autres services extérieurs',
  '63 – Impôts et taxes',
  '64 – Charges de personnel',
  '65 – Autres charges de gestion courante',
  '66 – Charges financières',
  '67 – Charges exceptionnelles',
  '68 – Dotations aux amortissements et provisions',
  '86 – Emplois des contributions volontaires en nature',
] as const;

/** The subsidy post: one row per funder, the funder's code in the Financeur column. */
export const SUBSIDY_POST = '74 – Subvention';

/** Income posts, in the Cerfa's order; `SUBSIDY_POST` stands for one row per funder. */
export const PRODUCT_POSTS = [
  '70 – Ventes de produits finis, prestations de services',
  SUBSIDY_POST,
  '75 – Autres produits de gestion courante',
  '76 – Produits financiers',
  '77 – Produits exceptionnels',
  '78 – Reprises sur amortissements et provisions',
  '87 – Contributions volontaires en nature',
] as const;

/** A gap over this share between planned and actual needs an explanation (Cerfa n° 15059). */
export const COMMENT_THRESHOLD = 0.15;

/** The threshold in French: « 15 % » (with a no-break space). */
export const COMMENT_THRESHOLD_TEXT = `${Math.round(COMMENT_THRESHOLD * 100)}\u00a0%`;

/** A subsidy post of the financial report (accounts 74…). */
export function isSubsidyPost(post: string): boolean {
  return /^74/.test(post.trim());
}

/** A charge post of the financial report (accounts 6… and 86…). */
export function isChargePost(post: string): boolean {
  return /^(6|86)/.test(post.trim());
}

/** Whether a planned/actual pair needs a comment: a gap over the threshold of a planned amount. */
export function needsComment(plannedCents: number | null, actualCents: number | null): boolean {
  return (
    plannedCents !== null &&
    plannedCents > 0 &&
    actualCents !== null &&
    Math.abs(actualCents - plannedCents) > COMMENT_THRESHOLD * plannedCents
  );
}

/**
 * The European funds a report's subsidy rows offer besides the workbook's funders: the
 * Rhône-Alpes convention (§3.1) foresees mobilising them (« des fonds européens (FEDER, FSE et
 * FEADER) ») and the Cerfa's income lists them among subsidies. Any other co-funder (another
 * authority, a foundation) is written in the row as it is named.
 */
export const EUROPEAN_FUNDS = [
  { code: 'FSE', name: 'Fonds social européen' },
  { code: 'FEDER', name: 'Fonds européen de développement régional' },
  { code: 'FEADER', name: 'Fonds européen agricole pour le développement rural' },
] as const;
